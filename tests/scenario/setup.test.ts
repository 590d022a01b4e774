/** Scenario: the help desk opens the registry and sets it up, through the built dist/Code.js. */
import { Driver } from '../../emulator/driver';

const REGISTRY_SHEETS = ['Trainers', 'Requests', 'Settings', 'Log'];

function logActions(d: Driver): string[][] {
  return d.records('Log').map((r) => [String(r.Action), String(r.Details)]);
}

describe('Set up registry', () => {
  it('opening the spreadsheet adds the Training Help Desk menu', () => {
    const d = new Driver();
    const r = d.open();
    expect(r.error).toBeUndefined();
    expect(d.menus().map((m) => m.name)).toEqual(['Training Help Desk']);
    expect(d.menus()[0].items).toContainEqual({ kind: 'item', caption: 'Set up registry', functionName: 'menuSetUpRegistry' });
  });

  it('clicking Set up twice creates each registry sheet once and logs both runs', () => {
    const d = new Driver();
    d.open();
    Driver.check(d.clickMenu('Set up registry'));
    Driver.check(d.clickMenu('Set up registry'));
    for (const name of REGISTRY_SHEETS) expect(d.sheetNames().filter((n) => n === name)).toHaveLength(1);
    expect(logActions(d)).toEqual([
      ['Set up registry', 'created Trainers, Requests, Settings, Log'],
      ['Set up registry', 'registry complete, nothing to change'],
    ]);
    const log = d.records('Log');
    expect(log[0].User).toBe('helpdesk@example.org');
    expect(log[0].Time).toEqual({ date: d.store.clock.now });
  });

  it('gives every registry sheet its headers and a frozen header row', () => {
    const d = new Driver();
    d.open();
    Driver.check(d.clickMenu('Set up registry'));
    for (const name of REGISTRY_SHEETS) {
      expect(d.sheet(name).frozenRows).toBe(1);
      expect(d.sheetValues(name)[0].length).toBeGreaterThan(2);
    }
    expect(d.sheetValues('Trainers')[0].slice(0, 3)).toEqual(['Id', 'Name', 'Email']);
  });

  it('repairs a sheet with missing columns without touching its data', () => {
    const d = new Driver();
    d.open();
    Driver.check(d.clickMenu('Set up registry'));
    // The help desk deleted the "Notes" column and renamed nothing else; rows hold data.
    const trainers = d.sheet('Trainers');
    const notesCol = (trainers.rows[0] ?? []).findIndex((c) => c?.v === 'Notes');
    trainers.rows[0]![notesCol] = undefined;
    trainers.rows[1] = [{ v: 'T-1' }, { v: 'Ana' }, { v: 'ana@example.org' }];
    Driver.check(d.clickMenu('Set up registry'));
    const headers = d.sheetValues('Trainers')[0];
    expect(headers.filter((h) => h === 'Notes')).toHaveLength(1);
    expect(d.sheetValues('Trainers')[1].slice(0, 3)).toEqual(['T-1', 'Ana', 'ana@example.org']);
    expect(logActions(d)[1][1]).toBe('added to Trainers: Notes');
  });

  it('runs the menu on the declared scopes only (the manifest is enforced)', () => {
    const d = new Driver();
    expect(d.store.manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    d.open();
    expect(d.clickMenu('Set up registry').ok).toBe(true);
  });
});

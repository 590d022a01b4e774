/** Scenario: the help desk opens the registry and sets it up, through the built dist/Code.js. */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { REGISTRY } from '../../src/domain/registry';
import { FORMS, logRows, setUp } from '../support/world';

const REGISTRY_SHEETS = REGISTRY.map((s) => s.name);

function setUpTwice(): Driver {
  const d = new Driver();
  d.open();
  setUp(d);
  setUp(d);
  return d;
}

describe('Set up registry', () => {
  it('opening the spreadsheet adds the Training Help Desk menu', () => {
    const d = new Driver();
    const r = d.open();
    expect(r.error).toBeUndefined();
    expect(d.menus().map((m) => m.name)).toEqual(['Training Help Desk']);
    expect(d.menus()[0].items).toContainEqual({ kind: 'item', caption: 'Set up registry', functionName: 'menuSetUpRegistry' });
  });

  it('clicking Set up twice creates each sheet, form and trigger once and logs both runs', () => {
    const d = setUpTwice();
    for (const name of REGISTRY_SHEETS) expect(d.sheetNames().filter((n) => n === name)).toHaveLength(1);
    expect(d.formTitles().sort()).toEqual(Object.values(FORMS).sort());
    for (const title of Object.values(FORMS)) expect(d.sheetNames()).toContain(`Responses: ${title}`);
    expect(d.sheetNames().filter((n) => n.startsWith('Form Responses'))).toEqual([]);
    // The registry first, then the raw responses; the starting Sheet1 is gone.
    expect(d.sheetNames().slice(0, REGISTRY_SHEETS.length)).toEqual(REGISTRY_SHEETS);
    expect(d.sheetNames()).not.toContain('Sheet1');
    // One form-submit trigger on each form (its event carries the response), none on the spreadsheet.
    const onSubmit = d.store.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT');
    expect(onSubmit.map((t) => t.source)).toEqual(Array(8).fill('FORMS'));
    expect(new Set(onSubmit.map((t) => t.sourceId))).toEqual(new Set(Object.keys(d.store.forms)));
    expect(d.store.triggers.filter((t) => t.handler === 'runHourly')).toHaveLength(1);
    const runs = logRows(d).filter((l) => l.action === 'Set up registry');
    expect(runs).toHaveLength(2);
    expect(runs[0].details).toMatch(
      /^created sheets Requests, Trainers, Offers, Agreements, Circles, Skills, Resources, Settings, Templates, Outbox, Log; removed the empty Sheet1; added defaults: .*; created 8 forms; installed form submit \(8 forms\) and hourly triggers; in 2 executions$/,
    );
    expect(runs[1].details).toBe('refreshed choices of 6 forms');
    expect(d.toasts().at(-1)?.title).toBe('Set up registry');
  });

  it('never duplicates validation, protections or colour rules', () => {
    const d = new Driver();
    d.open();
    setUp(d);
    const count = () => REGISTRY_SHEETS.map((n) => [d.sheet(n).validations.length, d.sheet(n).protections.length, d.sheet(n).conditionalRules.length]);
    const first = count();
    setUp(d);
    expect(count()).toEqual(first);
    expect(d.sheet('Requests').protections.length).toBeGreaterThan(0);
    expect(d.sheet('Requests').protections.every((p) => p.warningOnly)).toBe(true);
  });

  it('gives every registry sheet its headers and a frozen header row, and seeds the skills framework and templates', () => {
    const d = setUpTwice();
    for (const spec of REGISTRY) {
      expect([spec.name, d.sheet(spec.name).frozenRows]).toEqual([spec.name, 1]);
      const headers = d.sheetValues(spec.name)[0].map(String);
      while (headers.at(-1) === '') headers.pop();
      expect(headers).toEqual(spec.columns.map((c) => c.header));
    }
    const skills = d.records('Skills');
    expect(new Set(skills.map((s) => s.Area))).toEqual(new Set(['Strategy', 'Business', 'Engagement', 'Technical', 'Content', 'Sociocracy']));
    expect(skills.map((s) => s.Skill)).toContain('Moderation & conflict facilitation');
    expect(skills.length).toBe(new Set(skills.map((s) => s.Skill)).size);
    const templates = d
      .records('Templates')
      .filter((t) => t.Key === 'ack.request')
      .map((t) => t.Language);
    expect(templates).toEqual(expect.arrayContaining(['en', 'es', 'pt', 'ru']));
    expect(d.records('Settings').map((s) => s.Key)).toContain('helpdesk.name');
  });

  it('repairs a sheet with a missing column without touching its data', () => {
    const d = new Driver();
    d.open();
    setUp(d);
    const trainers = d.sheet('Trainers');
    const notesCol = (trainers.rows[0] ?? []).findIndex((c) => c?.v === 'Profile response');
    trainers.rows[0]![notesCol] = undefined;
    trainers.rows[1] = [{ v: 'T-0001' }, { v: 'Ana' }, { v: 'ana@example.org' }];
    setUp(d);
    const headers = d.sheetValues('Trainers')[0];
    expect(headers.filter((h) => h === 'Profile response')).toHaveLength(1);
    expect(d.sheetValues('Trainers')[1].slice(0, 3)).toEqual(['T-0001', 'Ana', 'ana@example.org']);
    expect(logRows(d).filter((l) => l.action === 'Set up registry')[1].details).toMatch(/added to Trainers: Profile response/);
  });

  it("keeps the help desk's edits of settings and templates", () => {
    const d = new Driver();
    d.open();
    setUp(d);
    const settings = d.sheet('Settings');
    const row = settings.rows.findIndex((r) => r?.[0]?.v === 'helpdesk.name');
    settings.rows[row]![1] = { v: 'Our Help Desk' };
    setUp(d);
    expect(
      d
        .records('Settings')
        .filter((s) => s.Key === 'helpdesk.name')
        .map((s) => s.Value),
    ).toEqual(['Our Help Desk']);
  });

  it('refreshes form choices from the registry', () => {
    const d = new Driver();
    d.open();
    setUp(d);
    const circles = d.sheet('Circles');
    circles.rows.push([{ v: 'Portuguese Language Circle' }, { v: 'language' }]);
    setUp(d);
    const form = Object.values(d.store.forms).find((f) => f.title === FORMS.circle)!;
    expect(form.items.find((i) => i.title === 'Your circle')?.choices).toEqual([...d.records('Circles').map((c) => String(c.Name))]);
    expect(form.items.find((i) => i.title === 'Your circle')?.choices?.at(-1)).toBe('Portuguese Language Circle');
  });

  it("seeds SoFA's circles and example language and sector circles; a deleted example stays deleted", () => {
    const d = new Driver();
    d.open();
    setUp(d);
    const circles = d.records('Circles');
    expect(circles.slice(0, 4).map((c) => [c.Name, c.Kind])).toEqual([
      ['Training Circle', 'training'],
      ['Ecosystems Circle', 'service'],
      ['International Circle', 'general'],
      ['Continuing Education Circle', 'training'],
    ]);
    expect(circles.filter((c) => c.Kind === 'language').map((c) => c.Languages)).toEqual(['pt', 'es', 'fr']);
    expect(circles.filter((c) => c.Kind === 'sector').length).toBeGreaterThanOrEqual(2);
    const form = Object.values(d.store.forms).find((f) => f.title === FORMS.circle)!;
    expect(form.items.find((i) => i.title === 'Your circle')?.choices).toEqual(circles.map((c) => String(c.Name)));
    // The help desk deletes every example circle and one of SoFA's own; Set up again brings back only SoFA's.
    d.personEdits('Circles', (sheet) => {
      for (let r = sheet.getLastRow(); r >= 2; r--) if (r > 4 || sheet.getRange(r, 1).getValue() === 'Ecosystems Circle') sheet.deleteRow(r);
    });
    setUp(d);
    expect(
      d
        .records('Circles')
        .map((c) => c.Name)
        .sort(),
    ).toEqual(['Continuing Education Circle', 'Ecosystems Circle', 'International Circle', 'Training Circle']);
  });

  it('runs on the declared scopes only (the manifest is enforced)', () => {
    const d = new Driver();
    expect(d.store.manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    d.open();
    expect(d.clickMenu('Set up registry').ok).toBe(true);
  });
});

/**
 * Conformance: the Apps Script behaviour the job runner, Set up's batching and Log retention
 * rely on (src/gas/jobs.ts, src/gas/sheet-setup.ts, trimLog in src/gas/log.ts).
 */
import { Emulator, type Manifest } from '../host';
import { setRuntime } from '../runtime/context';
import { newSpreadsheetRec } from '../runtime/sheet-model';
import { addDriveItem, GOOGLE_MIME } from '../runtime/drive-model';
import { advanceClock } from '../drivers/triggers';

const MANIFEST: Manifest = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

function bound(code: string): Emulator {
  const emu = new Emulator({ code, manifest: MANIFEST });
  const owner = emu.store.users.active;
  setRuntime({ store: emu.store, exec: { number: 0, kind: 'menu', authMode: 'FULL', activeUser: owner, effectiveUser: owner } });
  const ss = newSpreadsheetRec('Registry');
  addDriveItem({ id: ss.id, kind: 'file', name: ss.name, mimeType: GOOGLE_MIME.spreadsheet });
  emu.store.script.containerId = ss.id;
  return emu;
}

function run<T>(body: string): { value: T; emu: Emulator } {
  const emu = bound(`function t(){ var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheets()[0]; ${body} }`);
  return { value: emu.call<T>('t'), emu };
}

describe('what the job runner relies on', () => {
  // https://developers.google.com/apps-script/reference/properties/properties#setProperties(Object)
  // https://developers.google.com/apps-script/reference/properties/properties#getProperties()
  it('setProperties stores several keys in one call; getProperties returns them all; deleteProperty removes one', () => {
    const { value } = run<string[]>(`var p = PropertiesService.getDocumentProperties();
      p.setProperties({ 'job.a': '1', 'job.a~1': '2', other: 'x' });
      p.deleteProperty('job.a~1');
      return Object.keys(p.getProperties()).sort();`);
    expect(value).toEqual(['job.a', 'other']);
  });

  // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#after(Integer)
  // https://developers.google.com/apps-script/reference/script/script-app#deleteTrigger(Trigger)
  it('a one-off continuation trigger is listed by getProjectTriggers until it fires, and deleteTrigger removes it', () => {
    const emu = bound(`function make(){ ScriptApp.newTrigger('continueJobs').timeBased().after(60000).create(); return ScriptApp.getProjectTriggers().length; }
      function drop(){ ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); return ScriptApp.getProjectTriggers().length; }
      function continueJobs(){}`);
    // Reads the clock to the millisecond: service-call latency must not move it here.
    emu.latencyMovesClock = false;
    expect(emu.call('make')).toBe(1);
    expect(emu.call('drop')).toBe(0);
    expect(emu.call('make')).toBe(1);
    expect(advanceClock(emu, 59999)).toHaveLength(0);
    expect(advanceClock(emu, 1)).toHaveLength(1);
    expect(emu.store.triggers).toEqual([]);
  });
});

describe('what Set up batching relies on', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#setColumnWidths(Integer,Integer,Integer)
  it('setColumnWidths sets the width of several neighbouring columns in one call', () => {
    const { value } = run<number[]>(
      `sh.setColumnWidths(2, 3, 140); return [sh.getColumnWidth(1), sh.getColumnWidth(2), sh.getColumnWidth(4), sh.getColumnWidth(5)];`,
    );
    expect(value).toEqual([100, 140, 140, 100]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidation(DataValidation)
  it('one setDataValidation on a multi-column range applies the rule to every cell of it', () => {
    const { value } = run<string[]>(`var rule = SpreadsheetApp.newDataValidation().requireCheckbox().build();
      sh.getRange(2, 2, 5, 2).setDataValidation(rule);
      return [sh.getRange('B2').getDataValidation() ? 'B2' : '', sh.getRange('C6').getDataValidation() ? 'C6' : '', sh.getRange('D2').getDataValidation() ? 'D2' : 'none'];`);
    expect(value).toEqual(['B2', 'C6', 'none']);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
  // https://developers.google.com/apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean)
  it('one warning-only protection covers a range of several columns', () => {
    const { value } = run<[number, string, boolean]>(`sh.getRange(2, 1, 10, 3).protect().setDescription('managed: A-C').setWarningOnly(true);
      var ps = sh.getProtections(SpreadsheetApp.ProtectionType.RANGE);
      return [ps.length, ps[0].getRange().getA1Notation(), ps[0].isWarningOnly()];`);
    expect(value).toEqual([1, 'A2:C11', true]);
  });
});

describe('what Log retention relies on', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer)
  // Sheets refuses to delete every non-frozen row of a sheet ("Sorry, it is not possible to delete all non-frozen rows.").
  it('deleteRows removes a block of rows in one call, and refuses to delete all non-frozen rows', () => {
    const { value } = run<[number, unknown, string]>(`var s = ss.insertSheet('Log'); s.setFrozenRows(1);
      s.getRange(1, 1, 4, 1).setValues([['Time'], ['a'], ['b'], ['c']]);
      s.deleteRows(2, 2);
      var err = '';
      try { s.deleteRows(2, s.getMaxRows() - 1); } catch (e) { err = e.message; }
      return [s.getLastRow(), s.getRange('A2').getValue(), err];`);
    expect(value).toEqual([2, 'c', 'Sorry, it is not possible to delete all non-frozen rows.']);
  });
});

/**
 * Conformance: the onEdit simple trigger, as Driver.editCells fires it when a person types into
 * the grid. Documented at https://developers.google.com/apps-script/guides/triggers#onedite and
 * https://developers.google.com/apps-script/guides/triggers/events#edit :
 * - it runs with AuthMode.LIMITED (services that need authorization throw; the bound spreadsheet
 *   can be read and changed);
 * - the event has `range` (a Range of the edited cells), `source`, `user`, `authMode`, and
 *   `value` / `oldValue` only for a single-cell edit;
 * - changes a script makes (setValues) do not fire it.
 */
import { Driver } from '../driver';

const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

const CODE = `
function onEdit(e) {
  var log = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log') || SpreadsheetApp.getActiveSpreadsheet().insertSheet('Log');
  log.appendRow([e.range.getSheet().getName(), e.range.getA1Notation(), 'value' in e ? String(e.value) : '(none)', 'oldValue' in e ? String(e.oldValue) : '(none)', String(e.authMode), typeof e.range.getSheet]);
  try { MailApp.getRemainingDailyQuota(); } catch (err) { log.appendRow(['mail refused']); }
}
function scriptWrites() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('B1').setValue('by script'); }
`;

describe('onEdit simple trigger', () => {
  it('gets a live Range, value and oldValue for one cell, runs LIMITED, and is not fired by script writes', () => {
    const d = new Driver({ code: CODE, manifest: MANIFEST });
    const first = d.sheetNames()[0];
    d.editCells(`${first}!A1`, [['old']]);
    const r = d.editCells(`${first}!A1`, [['new']]);
    expect(r?.ok).toBe(true);
    d.editCells(`${first}!A2:B2`, [['x', 'y']]);
    d.emu.call('scriptWrites');
    expect(d.sheetValues('Log')).toEqual([
      [first, 'A1', 'old', '(none)', 'LIMITED', 'function'],
      ['mail refused', '', '', '', '', ''],
      [first, 'A1', 'new', 'old', 'LIMITED', 'function'],
      ['mail refused', '', '', '', '', ''],
      [first, 'A2:B2', '(none)', '(none)', 'LIMITED', 'function'],
      ['mail refused', '', '', '', '', ''],
    ]);
  });

  it('a project without onEdit: nothing runs', () => {
    const d = new Driver({ code: 'function other() {}', manifest: MANIFEST });
    expect(d.editCells(`${d.sheetNames()[0]}!A1`, [['x']])).toBeUndefined();
  });
});

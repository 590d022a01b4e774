import { Emulator, type Manifest } from '../host';
import { setRuntime } from '../runtime/context';
import { newSpreadsheetRec } from '../runtime/sheet-model';
import { addDriveItem, GOOGLE_MIME } from '../runtime/drive-model';

/**
 * A formula cell reads as its computed value: Range.getValue "Returns the value of the top-left
 * cell in the range" and getFormula the formula text
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#getValue(),
 * …#getFormula()). Operators: https://support.google.com/docs/answer/3094203; TODAY/NOW:
 * https://support.google.com/docs/answer/3092984 and /3092981 (the spreadsheet's time zone);
 * HYPERLINK: https://support.google.com/docs/answer/3093313 (the cell shows the label).
 * A circular reference shows #REF! ("Circular dependency detected") and errors read back as
 * their text (observed). Formulas the emulator does not compute throw `not emulated: formula FN`.
 */
const MANIFEST: Manifest = { timeZone: 'America/Sao_Paulo', runtimeVersion: 'V8' };

function run<T = unknown>(body: string, now?: number): { ok: boolean; value?: T; error?: string } {
  const emu = new Emulator({
    code: `function t(){ var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheets()[0]; ${body} }`,
    manifest: MANIFEST,
  });
  if (now !== undefined) emu.store.clock.now = now;
  const owner = emu.store.users.active;
  setRuntime({ store: emu.store, exec: { number: 0, kind: 'menu', authMode: 'FULL', activeUser: owner, effectiveUser: owner } });
  const ss = newSpreadsheetRec('Registry');
  addDriveItem({ id: ss.id, kind: 'file', name: ss.name, mimeType: GOOGLE_MIME.spreadsheet });
  emu.store.script.containerId = ss.id;
  const r = emu.run<T>('t');
  return { ok: r.ok, value: r.value, error: r.error?.message };
}

describe('formulas', () => {
  it('arithmetic, unary minus, ^, %, parentheses, & and comparisons compute', () => {
    const r = run(`var f = [['=1+2*3', '=(1+2)*3', '=-2^2', '=2^3^2', '=10/4', '=50%*4', '="a"&1&TRUE', '=1<2', '="abc"="ABC"', '=1<>1', '=7-10']];
      var rg = sh.getRange(1, 1, 1, f[0].length); rg.setFormulas(f); return [rg.getValues()[0], rg.getDisplayValues()[0], rg.getFormulas()[0]];`);
    expect(r.value).toEqual([
      [7, 9, 4, 64, 2.5, 2, 'a1TRUE', true, true, false, -3],
      ['7', '9', '4', '64', '2.5', '2', 'a1TRUE', 'TRUE', 'TRUE', 'FALSE', '-3'],
      ['=1+2*3', '=(1+2)*3', '=-2^2', '=2^3^2', '=10/4', '=50%*4', '="a"&1&TRUE', '=1<2', '="abc"="ABC"', '=1<>1', '=7-10'],
    ]);
  });

  it('references: A1, $A$1, another sheet, a quoted sheet name, empty cells, chains of formulas', () => {
    const r = run(`ss.insertSheet('My sheet').getRange('B2').setValue(5); ss.insertSheet('Other').getRange('A1').setValue('x');
      sh.getRange('A1:A2').setValues([[2], ['=A1*10']]);
      sh.getRange('B1:F1').setValues([['=A1+$A$2', "='My sheet'!B2*2", '=Other!A1&"y"', '=Z99+1', '=B1+C1']]);
      return sh.getRange('B1:F1').getValues()[0];`);
    expect(r.value).toEqual([22, 10, 'xy', 1, 32]);
  });

  it('errors read back as their text: #DIV/0!, #VALUE!, #REF! for a missing sheet and for a circular reference', () => {
    const r = run(`sh.getRange('A1:F1').setValues([['=1/0', '="a"+1', '=Nope!A1', '=D1+1', '=C1+1', '=A1+1']]);
      return [sh.getRange('A1:F1').getValues()[0], sh.getRange('D1').getDisplayValue()];`);
    expect(r.value).toEqual([['#DIV/0!', '#VALUE!', '#REF!', '#REF!', '#REF!', '#DIV/0!'], '#REF!']);
  });

  it('TODAY() and NOW() follow the virtual clock in the spreadsheet time zone, and read as Dates', () => {
    // 2027-03-01 02:30 UTC is still 2027-02-28 23:30 in São Paulo (UTC−3).
    const r = run(
      `sh.getRange('A1:C1').setValues([['=TODAY()', '=NOW()', '=TODAY()+1']]);
       var v = sh.getRange('A1:C1').getValues()[0];
       return [v.map(function(d){ return d instanceof Date ? d.toISOString() : d; }), sh.getRange('A1:C1').getDisplayValues()[0]];`,
      Date.UTC(2027, 2, 1, 2, 30),
    );
    expect(r.value).toEqual([
      ['2027-02-28T03:00:00.000Z', '2027-03-01T02:30:00.000Z', '2027-03-01T03:00:00.000Z'],
      ['2/28/2027', '2/28/2027 23:30:00', '3/1/2027'],
    ]);
  });

  it('a date minus a date is a number of days (e.g. =TODAY()-B1 next to a typed date)', () => {
    const r = run(
      `sh.getRange('A1:B1').setValues([['=TODAY()-B1', '2027-02-20']]); return [sh.getRange('A1').getValue(), sh.getRange('A1').getDisplayValue()];`,
      Date.UTC(2027, 2, 1, 12),
    );
    expect(r.value).toEqual([9, '9']);
  });

  it('HYPERLINK reads as its label (or the URL without one); getFormula keeps the text', () => {
    const r = run(`sh.getRange('A1:B1').setFormulas([['=HYPERLINK("https://x.org/a","Open")', '=HYPERLINK("https://x.org/b")']]);
      return [sh.getRange('A1:B1').getValues()[0], sh.getRange('A1').getFormula()];`);
    expect(r.value).toEqual([['Open', 'https://x.org/b'], '=HYPERLINK("https://x.org/a","Open")']);
  });

  it('a formula the emulator does not compute throws "not emulated: formula FN" when read, never ""', () => {
    const write = run(`sh.getRange('A1').setFormula('=VLOOKUP(1,B1:C3,2,FALSE)'); return sh.getRange('A1').getFormula();`);
    expect(write.value).toBe('=VLOOKUP(1,B1:C3,2,FALSE)');
    expect(run(`sh.getRange('A1').setFormula('=VLOOKUP(1,B1:C3,2,FALSE)'); return sh.getRange('A1').getValue();`).error).toBe('not emulated: formula VLOOKUP');
    expect(run(`sh.getRange('A1').setFormula('=VLOOKUP(1,B1:C3,2,FALSE)'); return sh.getDataRange().getDisplayValues();`).error).toBe(
      'not emulated: formula VLOOKUP',
    );
  });

  it('IF and SUM (with ranges) compute', () => {
    const r = run(`sh.getRange('A1:A4').setValues([[1], [2.5], ['x'], [true]]);
      sh.getRange('B1:B2').setFormulas([['=SUM(A1:A4, 10)'], ['=IF(A1>0, "pos", "neg")']]);
      return sh.getRange('B1:B2').getValues();`);
    expect(r.value).toEqual([[13.5], ['pos']]);
  });
});

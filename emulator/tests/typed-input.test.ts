import { Emulator, type Manifest } from '../host';
import { setRuntime } from '../runtime/context';
import { newSpreadsheetRec } from '../runtime/sheet-model';
import { addDriveItem, GOOGLE_MIME } from '../runtime/drive-model';

/**
 * setValue/setValues read strings as "user entered" text, the way the Sheets UI reads typing
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object): "the
 * value … Strings … are parsed", and the Sheets API's USER_ENTERED: "The values will be parsed as
 * if the user typed them into the UI", https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption),
 * in the spreadsheet's locale (https://support.google.com/docs/answer/58515: the locale sets
 * date, time and number formatting). Dates and times are serials from 1899-12-30
 * (https://developers.google.com/sheets/api/guides/formats#about_date_time_values).
 */
const MANIFEST: Manifest = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

function run<T = unknown>(body: string, locale?: string): T {
  const emu = new Emulator({ code: `function t(){ var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheets()[0]; ${body} }`, manifest: MANIFEST });
  const owner = emu.store.users.active;
  setRuntime({ store: emu.store, exec: { number: 0, kind: 'menu', authMode: 'FULL', activeUser: owner, effectiveUser: owner } });
  const ss = newSpreadsheetRec('Registry');
  if (locale) ss.locale = locale;
  addDriveItem({ id: ss.id, kind: 'file', name: ss.name, mimeType: GOOGLE_MIME.spreadsheet });
  emu.store.script.containerId = ss.id;
  const r = emu.run<T>('t');
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
}

/** Types each text into its own cell of row 1 and reads back [value, display, format, formula] per cell. */
function typed(texts: string[], locale?: string): unknown[][] {
  return run<unknown[][]>(
    `var r = sh.getRange(1, 1, 1, ${texts.length}); r.setValues([${JSON.stringify(texts)}]);
     var v = r.getValues()[0], d = r.getDisplayValues()[0], f = r.getNumberFormats()[0], x = r.getFormulas()[0];
     return v.map(function(val, i){ return [val instanceof Date ? 'Date ' + val.toISOString() : val, d[i], f[i], x[i]]; });`,
    locale,
  );
}

describe('typed input (setValue/setValues)', () => {
  it('a leading "+" that is not a number or a formula is a formula parse error: the cell reads #ERROR!', () => {
    expect(typed(['+1 555 0100', '+5', '+2*3'])).toEqual([
      ['#ERROR!', '#ERROR!', '0.###############', '=+1 555 0100'],
      [5, '5', '0.###############', ''],
      [6, '6', '0.###############', '=+2*3'],
    ]);
  });

  it('times become date-times on 1899-12-30 with a time format', () => {
    expect(typed(['10:30', '10:30:15', '9:05 PM'])).toEqual([
      ['Date 1899-12-30T10:30:00.000Z', '10:30', 'H:mm', ''],
      ['Date 1899-12-30T10:30:15.000Z', '10:30:15', 'H:mm:ss', ''],
      ['Date 1899-12-30T21:05:00.000Z', '9:05 PM', 'h:mm AM/PM', ''],
    ]);
  });

  it('month-name dates and two-digit years (00–29 → 20xx, 30–99 → 19xx) become dates', () => {
    expect(typed(['3 March 2027', 'Mar 3, 2027', '3/1/27', '3/1/45']).map((c) => c.slice(0, 2))).toEqual([
      ['Date 2027-03-03T00:00:00.000Z', '3/3/2027'],
      ['Date 2027-03-03T00:00:00.000Z', '3/3/2027'],
      ['Date 2027-03-01T00:00:00.000Z', '3/1/2027'],
      ['Date 1945-03-01T00:00:00.000Z', '3/1/1945'],
    ]);
  });

  it('en_US: month-first dates, "." decimal, "," thousands, "$" currency, percent', () => {
    expect(typed(['3/1/2027', '1,234.5', '$1,234.50', '12.5%', '1,5']).map((c) => c.slice(0, 3))).toEqual([
      ['Date 2027-03-01T00:00:00.000Z', '3/1/2027', 'M/d/yyyy'],
      [1234.5, '1,234.50', '#,##0.00'],
      [1234.5, '$1,234.50', '"$"#,##0.00'],
      [0.125, '12.50%', '0.00%'],
      ['1,5', '1,5', '0.###############'],
    ]);
  });

  it('en_GB: day-first dates', () => {
    expect(typed(['3/1/2027', '1,234.5'], 'en_GB').map((c) => c.slice(0, 2))).toEqual([
      ['Date 2027-01-03T00:00:00.000Z', '03/01/2027'],
      [1234.5, '1,234.50'],
    ]);
  });

  it('de_DE: day-first dates with ".", decimal comma, "." thousands, € after the number', () => {
    expect(typed(['3.1.2027', '1.234,5', '1,5', '1.234,50 €', '3. März 2027'], 'de_DE').map((c) => c.slice(0, 2))).toEqual([
      ['Date 2027-01-03T00:00:00.000Z', '03.01.2027'],
      [1234.5, '1.234,50'],
      [1.5, '1,5'],
      [1234.5, '1.234,50 €'],
      ['Date 2027-03-03T00:00:00.000Z', '03.03.2027'],
    ]);
  });

  it('pt_BR: day-first dates with "/", decimal comma', () => {
    expect(typed(['3/1/2027', '1.234,5', 'R$ 10,00'], 'pt_BR').map((c) => c.slice(0, 2))).toEqual([
      ['Date 2027-01-03T00:00:00.000Z', '03/01/2027'],
      [1234.5, '1.234,50'],
      [10, 'R$ 10,00'],
    ]);
  });
});

describe('spreadsheet locale', () => {
  it('a new spreadsheet is en_US; setSpreadsheetLocale changes how numbers and Dates display', () => {
    const out = run<unknown[]>(`var before = ss.getSpreadsheetLocale();
      sh.getRange('A1:C1').setValues([[1234.5, new Date(Date.UTC(2027, 0, 3, 14, 5, 9)), true]]);
      var us = sh.getRange('A1:C1').getDisplayValues()[0];
      ss.setSpreadsheetLocale('de_DE');
      sh.getRange('A2:C2').setValues([[1234.5, new Date(Date.UTC(2027, 0, 3, 14, 5, 9)), true]]);
      return [before, us, sh.getRange('A2:C2').getDisplayValues()[0], ss.getSpreadsheetLocale()];`);
    expect(out).toEqual(['en_US', ['1234.5', '1/3/2027 14:05:09', 'TRUE'], ['1234,5', '03.01.2027 14:05:09', 'WAHR'], 'de_DE']);
  });

  it('a locale the emulator does not model is refused with not emulated', () => {
    expect(() => run(`ss.setSpreadsheetLocale('fr_FR');`)).toThrow('not emulated: spreadsheet locale fr_FR');
  });
});

describe('setValues shape', () => {
  // Observed on Google (e.g. stackoverflow.com/q/63720612): a 1-D array fails the overload check
  // before any size check; the documented parameter is Object[][]
  // (https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)).
  it('a 1-D array throws "The parameters (number[]) don\'t match the method signature…"; a wrong size keeps the dimension error', () => {
    expect(() => run(`sh.getRange('A1:C1').setValues([1, 2, 3]);`)).toThrow(
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(() => run(`sh.getRange('A1:C1').setValues(['a', 'b', 'c']);`)).toThrow(
      "The parameters (String[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(() => run(`sh.getRange('A1:C1').setValues([[1, 2]]);`)).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });
});

import { Emulator, type Manifest } from '../host';
import type { Store } from '../store';
import { setRuntime } from '../runtime/context';
import { newSpreadsheetRec } from '../runtime/sheet-model';
import { addDriveItem, GOOGLE_MIME } from '../runtime/drive-model';

const MANIFEST: Manifest = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

/** An emulator whose script is bound to a fresh spreadsheet ("Registry", one sheet "Sheet1"). */
function bound(code: string, manifest: Manifest = MANIFEST): { emu: Emulator; id: string } {
  const emu = new Emulator({ code, manifest });
  const owner = emu.store.users.active;
  setRuntime({ store: emu.store, exec: { number: 0, kind: 'menu', authMode: 'FULL', activeUser: owner, effectiveUser: owner } });
  const ss = newSpreadsheetRec('Registry');
  addDriveItem({ id: ss.id, kind: 'file', name: ss.name, mimeType: GOOGLE_MIME.spreadsheet });
  emu.store.script.containerId = ss.id;
  return { emu, id: ss.id };
}

/** Runs `body` as function t() with `sh` = the first sheet and `ss` = the bound spreadsheet. */
function run<T = unknown>(
  body: string,
  opts: { kind?: 'menu' | 'simple' | 'trigger' | 'webapp' | 'rpc'; setup?: (s: Store) => void } = {},
): { value: T; emu: Emulator; id: string } {
  const { emu, id } = bound(`function t(){ var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheets()[0]; ${body} }`);
  opts.setup?.(emu.store);
  return { value: emu.call<T>('t', { kind: opts.kind }), emu, id };
}

function error(body: string, kind?: 'menu' | 'simple' | 'trigger' | 'webapp'): string | undefined {
  const { emu } = bound(`function t(){ var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheets()[0]; ${body} }`);
  return emu.run('t', { kind }).error?.message;
}

describe('SpreadsheetApp: A1 notation', () => {
  it('parses open ranges (whole columns, whole rows, open-ended) against the grid size', () => {
    const { value } = run(
      `return ['A1:C', 'B:B', '2:2', 'B3:5', 'a1:b2', '$A$1:$B$2'].map(function(a){ var r = sh.getRange(a); return [r.getA1Notation(), r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]; });`,
    );
    expect(value).toEqual([
      ['A1:C', 1, 1, 1000, 3],
      ['B:B', 1, 2, 1000, 1],
      ['2:2', 2, 1, 1, 26],
      ['B3:5', 3, 2, 3, 25],
      ['A1:B2', 1, 1, 2, 2],
      ['A1:B2', 1, 1, 2, 2],
    ]);
  });

  it('resolves sheet-qualified notation, including quoted names with spaces', () => {
    const { value } = run(`ss.insertSheet('My Sheet'); var r = ss.getRange("'My Sheet'!B2:C3"); var s = ss.getRange('Sheet1!D4');
      return [r.getSheet().getName(), r.getA1Notation(), s.getSheet().getName(), s.getA1Notation()];`);
    expect(value).toEqual(['My Sheet', 'B2:C3', 'Sheet1', 'D4']);
  });

  it('throws "Range not found" for text that is not a range or names no sheet', () => {
    expect(error(`sh.getRange('nonsense!!');`)).toBe('Range not found');
    expect(error(`ss.getRange('Nope!A1');`)).toBe('Range not found');
  });

  it("getRange(row, column, …) throws Apps Script's bounds errors", () => {
    expect(error('sh.getRange(0, 1);')).toBe('The starting row of the range is too small.');
    expect(error('sh.getRange(1, 0);')).toBe('The starting column of the range is too small.');
    expect(error('sh.getRange(1, 1, 0, 1);')).toBe('The number of rows in the range must be at least 1.');
    expect(error('sh.getRange(1, 1, 1, 0);')).toBe('The number of columns in the range must be at least 1.');
    expect(error('sh.getRange(1000, 1, 2, 1);')).toBe('The coordinates of the range are outside the dimensions of the sheet.');
  });
});

describe('SpreadsheetApp: values', () => {
  it('getValues returns "" for empty cells', () => {
    const { value } = run(`sh.getRange('B2').setValue('x'); return sh.getRange('A1:B2').getValues();`);
    expect(value).toEqual([
      ['', ''],
      ['', 'x'],
    ]);
  });

  it('numbers, booleans and Dates written as values stay typed; Dates come back as realm Dates', () => {
    const { value, emu } = run(`sh.getRange('A1:C1').setValues([[42, true, new Date(Date.UTC(2026, 0, 5, 10))]]);
      var v = sh.getRange('A1:C1').getValues()[0]; return [typeof v[0], typeof v[1], v[2] instanceof Date, v[2].getTime()];`);
    expect(value).toEqual(['number', 'boolean', true, Date.UTC(2026, 0, 5, 10)]);
    expect(emu.store.spreadsheets[emu.store.script.containerId!].sheets[0].rows[0][2]?.v).toEqual({ date: Date.UTC(2026, 0, 5, 10) });
  });

  it('typed input: numeric-looking text becomes a number ("42", "1,234.5", " 7 ", "1e3", "007")', () => {
    const { value } = run(`sh.getRange('A1:E1').setValues([['42', '1,234.5', ' 7 ', '1e3', '007']]); return sh.getRange('A1:E1').getValues()[0];`);
    expect(value).toEqual([42, 1234.5, 7, 1000, 7]);
  });

  it('typed input: "50%" is the number 0.5 shown as "50%"', () => {
    const { value } = run(`sh.getRange('A1').setValue('50%'); var r = sh.getRange('A1'); return [r.getValue(), r.getDisplayValue(), r.getNumberFormat()];`);
    expect(value).toEqual([0.5, '50%', '0%']);
  });

  it('typed input: "TRUE" and "false" become booleans', () => {
    const { value } = run(`sh.getRange('A1:B1').setValues([['TRUE', 'false']]); return sh.getRange('A1:B1').getValues()[0];`);
    expect(value).toEqual([true, false]);
  });

  it('typed input: "2026-01-05" and "1/5/2026" become Dates at midnight in the spreadsheet time zone', () => {
    const { value } = run(`ss.setSpreadsheetTimeZone('America/New_York'); sh.getRange('A1:B1').setValues([['2026-01-05', '1/5/2026']]);
      var v = sh.getRange('A1:B1').getValues()[0]; return [v[0] instanceof Date, v[0].getTime(), v[1].getTime(), sh.getRange('A1:B1').getDisplayValues()[0]];`);
    expect(value).toEqual([true, Date.UTC(2026, 0, 5, 5), Date.UTC(2026, 0, 5, 5), ['2026-01-05', '1/5/2026']]);
  });

  it('typed input: a leading apostrophe keeps the rest as text, without the apostrophe', () => {
    const { value } = run(`sh.getRange('A1:B1').setValues([["'007", "'=1+1"]]); return [sh.getRange('A1:B1').getValues()[0], sh.getRange('B1').getFormula()];`);
    expect(value).toEqual([['007', '=1+1'], '']);
  });

  it('typed input: a cell formatted "@" keeps every string as text, including "=1+1" and "007"', () => {
    const { value } = run(`var r = sh.getRange('A1:C1'); r.setNumberFormat('@').setValues([['=1+1', '007', 'TRUE']]);
      return [r.getValues()[0], r.getFormulas()[0], r.getDisplayValues()[0]];`);
    expect(value).toEqual([
      ['=1+1', '007', 'TRUE'],
      ['', '', ''],
      ['=1+1', '007', 'TRUE'],
    ]);
  });

  it('formulas vs text: "=" makes a formula, which reads as its computed value (see formulas.test.ts)', () => {
    const { value } = run(`sh.getRange('A1:D1').setValues([['=1+1', '="hi"', '=HYPERLINK("https://x.org/a","Open")', 'plain']]);
      var r = sh.getRange('A1:D1'); return [r.getFormulas()[0], r.getValues()[0], r.getDisplayValues()[0], sh.getLastColumn()];`);
    expect(value).toEqual([['=1+1', '="hi"', '=HYPERLINK("https://x.org/a","Open")', ''], [2, 'hi', 'Open', 'plain'], ['2', 'hi', 'Open', 'plain'], 4]);
  });

  it('setFormula stores the formula text; setValue over it removes the formula', () => {
    const { value } = run(
      `var r = sh.getRange('A1'); r.setFormula('=42'); var a = [r.getFormula(), r.getValue()]; r.setValue('x'); return a.concat([r.getFormula(), r.getValue()]);`,
    );
    expect(value).toEqual(['=42', 42, '', 'x']);
  });

  it("setValues with the wrong number of rows throws Apps Script's message", () => {
    expect(error(`sh.getRange('A1:B3').setValues([[1, 2], [3, 4]]);`)).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
  });

  it("setValues with the wrong number of columns throws Apps Script's message", () => {
    expect(error(`sh.getRange('A1:B2').setValues([[1, 2], [3, 4, 5]]);`)).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });

  it('setValue on a multi-cell range sets every cell', () => {
    const { value } = run(`sh.getRange('A1:B2').setValue(0); return sh.getRange('A1:B2').getValues();`);
    expect(value).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('SpreadsheetApp: display values and formats', () => {
  it('getDisplayValues shows numbers per number format, Dates per format in the spreadsheet time zone, booleans as TRUE/FALSE', () => {
    const { value } = run(`ss.setSpreadsheetTimeZone('Europe/Berlin');
      sh.getRange('A1:F1').setValues([[1234.5, 0.25, 1/3, new Date(Date.UTC(2026, 10, 24, 9, 5, 7)), true, 7]]);
      sh.getRange('A1').setNumberFormat('#,##0.00'); sh.getRange('B1').setNumberFormat('0.0%'); sh.getRange('F1').setNumberFormat('000');
      var a = sh.getRange('A1:F1').getDisplayValues()[0];
      sh.getRange('D1').setNumberFormat('yyyy-mm-dd'); a.push(sh.getRange('D1').getDisplayValue());
      sh.getRange('D1').setNumberFormat('mmm d, yyyy h:mm am/pm'); a.push(sh.getRange('D1').getDisplayValue());
      return a;`);
    expect(value).toEqual(['1,234.50', '25.0%', '0.3333333333', '11/24/2026 10:05:07', 'TRUE', '007', '2026-11-24', 'Nov 24, 2026 10:05 AM']);
  });

  it('getNumberFormat of an unformatted cell is the automatic "0.###############"', () => {
    const { value } = run(`return sh.getRange('A1').getNumberFormat();`);
    expect(value).toBe('0.###############');
  });
});

describe('SpreadsheetApp: sheets', () => {
  it('getLastRow/getLastColumn are 0 on an empty sheet and follow the last content on a sparse one', () => {
    const { value } =
      run(`var a = [sh.getLastRow(), sh.getLastColumn()]; sh.getRange('C7').setValue('x'); sh.getRange('E9').setNote('note only'); sh.getRange('F12').setBackground('#ff0000');
      return a.concat([sh.getLastRow(), sh.getLastColumn(), sh.getDataRange().getA1Notation()]);`);
    expect(value).toEqual([0, 0, 7, 3, 'A1:C7']);
  });

  it('appendRow writes after the last row, grows the grid and returns the sheet for chaining', () => {
    const { value } = run(`var small = ss.insertSheet('Small'); small.deleteRows(2, 999); small.getRange('A1').setValue('h');
      var ret = small.appendRow(['a', '42', '=1']).appendRow([true]);
      return [small.getMaxRows(), small.getLastRow(), small.getRange('A2:C2').getValues()[0], small.getRange('C2').getFormula(), small.getRange('A3').getValue(), ret.getName()];`);
    expect(value).toEqual([3, 3, ['a', 42, 1], '=1', true, 'Small']);
  });

  it("insertSheet rejects a duplicate name (case-insensitively) with Apps Script's message", () => {
    expect(error(`ss.insertSheet('Requests'); ss.insertSheet('requests');`)).toBe(
      'A sheet with the name "requests" already exists. Please enter another name.',
    );
  });

  it('insertSheet(name, index) places the sheet (0-based index), makes it active; getIndex is 1-based', () => {
    const { value } = run(
      `ss.insertSheet('Z'); var a = ss.insertSheet('A', 0); return [ss.getSheets().map(function(s){ return s.getName(); }), a.getIndex(), ss.getActiveSheet().getName()];`,
    );
    expect(value).toEqual([['A', 'Sheet1', 'Z'], 1, 'A']);
  });

  it('deleteRow moves the rows below up and shrinks validation ranges with them', () => {
    const { value, emu, id } = run(`sh.getRange('A1:A4').setValues([[1],[2],[3],[4]]);
      sh.getRange('B2:B4').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
      sh.deleteRow(2); return [sh.getRange('A1:A3').getValues().map(function(r){ return r[0]; }), sh.getMaxRows()];`);
    expect(value).toEqual([[1, 3, 4], 999]);
    const sheet = emu.store.spreadsheets[id].sheets[0];
    expect(sheet.validations.map((v) => v.a1)).toEqual(['B2:B3']);
  });

  it('setFrozenRows/getFrozenRows record the frozen header rows', () => {
    const { value, emu, id } = run(`sh.setFrozenRows(1); sh.setFrozenColumns(2); return [sh.getFrozenRows(), sh.getFrozenColumns()];`);
    expect(value).toEqual([1, 2]);
    expect(emu.store.spreadsheets[id].sheets[0].frozenRows).toBe(1);
  });

  it('hideSheet/showSheet, setTabColor, setColumnWidth are recorded on the sheet', () => {
    const { value, emu, id } = run(
      `var s = ss.insertSheet('Log'); s.hideSheet().setTabColor('#00ff00').setColumnWidth(2, 240); return [s.isSheetHidden(), s.getColumnWidth(2), s.getColumnWidth(3)];`,
    );
    expect(value).toEqual([true, 240, 100]);
    expect(emu.store.spreadsheets[id].sheets[1]).toMatchObject({ hidden: true, tabColor: '#00ff00', columnWidths: { 2: 240 } });
  });

  it('sort orders rows by a column: numbers, then text, then booleans; blanks last', () => {
    const { value } = run(`sh.getRange('A1:B5').setValues([['b', 1], [3, 2], ['', 3], [true, 4], ['A', 5]]);
      sh.getRange('A1:B5').sort({ column: 1, ascending: true }); return sh.getRange('B1:B5').getValues().map(function(r){ return r[0]; });`);
    expect(value).toEqual([2, 5, 1, 4, 3]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#sort(Object) (several
  // columns, each { column, ascending }) and
  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#sort(Integer,Boolean)
  // (the sheet by one column; frozen header rows stay where they are).
  it('Range.sort by several columns, and Sheet.sort by a column descending below the frozen header', () => {
    const { value } =
      run(`sh.getRange('A1:C6').setValues([['name', 'team', 'n'], ['Bo', 'b', 1], ['Al', 'a', 2], ['Cy', 'a', 3], ['Di', 'b', 4], ['Ed', 'a', 5]]);
      sh.getRange('A2:C6').sort([{ column: 2, ascending: true }, { column: 3, ascending: false }]);
      var byTeam = sh.getRange('C2:C6').getValues().map(function(r){ return r[0]; });
      sh.setFrozenRows(1);
      sh.sort(1, false);
      return [byTeam, sh.getRange('A1:A6').getValues().map(function(r){ return r[0]; })];`);
    expect(value).toEqual([
      [5, 3, 2, 4, 1],
      ['name', 'Ed', 'Di', 'Cy', 'Bo', 'Al'],
    ]);
  });
});

describe('SpreadsheetApp: notes, validation, conditional formats, protections', () => {
  it('setNote/getNote and setNotes/getNotes round-trip; "" clears a note', () => {
    const { value } = run(
      `var r = sh.getRange('A1:B1'); r.setNotes([['one', 'two']]); sh.getRange('B1').setNote(''); return [r.getNotes()[0], sh.getRange('A1').getNote()];`,
    );
    expect(value).toEqual([['one', ''], 'one']);
  });

  it('data validation rules are recorded in the sheet by A1 range and read back', () => {
    const { value, emu, id } =
      run(`var rule = SpreadsheetApp.newDataValidation().requireValueInList(['Open', 'Done'], true).setAllowInvalid(false).setHelpText('Pick one').build();
      sh.getRange('C2:C100').setDataValidation(rule);
      var got = sh.getRange('C5').getDataValidation();
      return [String(got.getCriteriaType()), got.getCriteriaValues(), got.getAllowInvalid(), got.getHelpText(), sh.getRange('D5').getDataValidation(),
        got.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST];`);
    expect(value).toEqual(['VALUE_IN_LIST', [['Open', 'Done'], true], false, 'Pick one', null, true]);
    expect(emu.store.spreadsheets[id].sheets[0].validations).toEqual([
      { a1: 'C2:C100', kind: 'list', values: ['Open', 'Done'], showDropdown: true, allowInvalid: false, helpText: 'Pick one' },
    ]);
  });

  it('requireValueInRange records the source range and returns it as a Range', () => {
    const { value } =
      run(`var lists = ss.insertSheet('Lists'); var rule = SpreadsheetApp.newDataValidation().requireValueInRange(lists.getRange('A2:A'), false).build();
      sh.getRange('A2').setDataValidation(rule); var v = sh.getRange('A2').getDataValidation().getCriteriaValues();
      return [v[0].getSheet().getName(), v[0].getA1Notation(), v[1]];`);
    expect(value).toEqual(['Lists', 'A2:A', false]);
  });

  it('insertCheckboxes sets checkbox validation and every cell to FALSE', () => {
    const { value, emu, id } = run(
      `var r = sh.getRange('E2:E3'); r.insertCheckboxes(); return [r.getValues(), r.getDisplayValues(), String(r.getDataValidation().getCriteriaType())];`,
    );
    expect(value).toEqual([[[false], [false]], [['FALSE'], ['FALSE']], 'CHECKBOX']);
    expect(emu.store.spreadsheets[id].sheets[0].validations[0]).toMatchObject({ a1: 'E2:E3', kind: 'checkbox' });
  });

  it('conditional format rules are recorded and read back', () => {
    const { value, emu, id } =
      run(`var rule = SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('Overdue').setBackground('#f4cccc').setRanges([sh.getRange('D2:D')]).build();
      var rules = sh.getConditionalFormatRules(); rules.push(rule); sh.setConditionalFormatRules(rules);
      var back = sh.getConditionalFormatRules(); return [back.length, back[0].getRanges()[0].getA1Notation(), String(back[0].getBooleanCondition().getCriteriaType())];`);
    expect(value).toEqual([1, 'D2:D', 'TEXT_EQUAL_TO']);
    expect(emu.store.spreadsheets[id].sheets[0].conditionalRules).toEqual([
      { ranges: ['D2:D'], condition: 'TEXT_EQUAL_TO', values: ['Overdue'], background: '#f4cccc' },
    ]);
  });

  it('protect() records a range protection; the owner stays an editor; others cannot write there', () => {
    const { emu, id } = bound(`function p(){ var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        var pr = sh.getRange('A1:C1').protect().setDescription('Headers'); pr.removeEditors(pr.getEditors()); pr.addEditor('lead@example.org');
        return [pr.getDescription(), pr.getEditors().map(function(u){ return u.getEmail(); }), pr.canEdit(), String(pr.getProtectionType()), pr.getRange().getA1Notation(),
          SpreadsheetApp.getActiveSpreadsheet().getProtections(SpreadsheetApp.ProtectionType.RANGE).length]; }
      function w(){ SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('B1').setValue('x'); }`);
    expect(emu.call('p')).toEqual(['Headers', ['helpdesk@example.org', 'lead@example.org'], true, 'RANGE', 'A1:C1', 1]);
    expect(emu.store.spreadsheets[id].sheets[0].protections[0]).toMatchObject({ type: 'RANGE', a1: 'A1:C1', description: 'Headers', warningOnly: false });
    expect(emu.run('w', { user: 'lead@example.org' }).ok).toBe(true);
    expect(emu.run('w', { user: 'intern@example.org' }).error?.message).toBe(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
  });
});

describe('SpreadsheetApp: access and authorization', () => {
  it('getActiveSpreadsheet works in a simple trigger; returns null when the script is not bound', () => {
    expect(run(`return ss.getName();`, { kind: 'simple' }).value).toBe('Registry');
    const emu = new Emulator({ code: 'function t(){ return SpreadsheetApp.getActiveSpreadsheet() === null; }', manifest: MANIFEST });
    expect(emu.call('t')).toBe(true);
  });

  it('openById is denied in a simple trigger and works with full authorization', () => {
    const { emu, id } = bound(`function t(id){ return SpreadsheetApp.openById(id).getName(); }`);
    expect(emu.run('t', { kind: 'simple', args: [id] }).error?.message).toBe(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
    expect(emu.call('t', { args: [id] })).toBe('Registry');
    expect(emu.run('t', { args: ['nope'] }).error?.message).toBe('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
  });

  it('with only spreadsheets.currentonly, openById opens the bound spreadsheet but no other', () => {
    const { emu, id } = bound(`function t(id){ return SpreadsheetApp.openById(id).getId(); }`, {
      ...MANIFEST,
      oauthScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'],
    });
    const other = newSpreadsheetRec('Other').id;
    expect(emu.call('t', { args: [id] })).toBe(id);
    expect(emu.run('t', { args: [other] }).error?.message).toBe(
      'Specified permissions are not sufficient to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
  });

  it('create makes a spreadsheet of the given size and a Drive item owned by the user', () => {
    const { emu } = bound(
      `function t(){ var s = SpreadsheetApp.create('Report', 10, 3); return [s.getId(), s.getSheets()[0].getMaxRows(), s.getSheets()[0].getMaxColumns(), s.getUrl()]; }`,
    );
    const [newId, rows, cols, url] = emu.call<[string, number, number, string]>('t');
    expect([rows, cols]).toEqual([10, 3]);
    expect(url).toBe(`https://docs.google.com/spreadsheets/d/${newId}/edit`);
    expect(emu.store.drive.items[newId]).toMatchObject({ name: 'Report', mimeType: 'application/vnd.google-apps.spreadsheet', owner: 'helpdesk@example.org' });
  });
});

describe('SpreadsheetApp: Ui', () => {
  it('getUi throws in installable triggers and web apps', () => {
    expect(error('SpreadsheetApp.getUi();', 'trigger')).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(error('SpreadsheetApp.getUi();', 'webapp')).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  it('menus added by onOpen are recorded per user, a same-named menu replaced in place', () => {
    const { emu } = bound(`function onOpen(){ var ui = SpreadsheetApp.getUi();
        ui.createMenu('Desk').addItem('Set up', 'setUp').addSeparator().addSubMenu(ui.createMenu('More').addItem('Check', 'check')).addToUi();
        ui.createMenu('Help').addItem('About', 'about').addToUi();
        ui.createMenu('Desk').addItem('Set up again', 'setUp').addToUi(); }`);
    emu.call('onOpen', { kind: 'simple', user: 'a@example.org' });
    expect(emu.store.ui.menus['a@example.org']).toEqual([
      { name: 'Desk', items: [{ kind: 'item', caption: 'Set up again', functionName: 'setUp' }] },
      { name: 'Help', items: [{ kind: 'item', caption: 'About', functionName: 'about' }] },
    ]);
    expect(emu.store.ui.menus['b@example.org']).toBeUndefined();
    expect(emu.store.ui.events.filter((e) => e.kind === 'menu')[0].menu?.items[2]).toEqual({
      kind: 'submenu',
      name: 'More',
      items: [{ kind: 'item', caption: 'Check', functionName: 'check' }],
    });
  });

  it('alert: an OK-only alert needs no scripted answer and returns OK; a YES_NO alert consumes the scripted answer', () => {
    const { emu } =
      bound(`function t(){ var ui = SpreadsheetApp.getUi(); var a = ui.alert('Saved'); var b = ui.alert('Delete?', 'Really delete 3 rows?', ui.ButtonSet.YES_NO);
      return [a === ui.Button.OK, b === ui.Button.NO]; }`);
    emu.store.ui.pendingAnswers.push({ kind: 'alert', button: 'NO' });
    expect(emu.call('t')).toEqual([true, true]);
    expect(emu.store.ui.events.map((e) => [e.kind, e.title, e.message, e.answer])).toEqual([
      ['alert', '', 'Saved', 'OK'],
      ['alert', 'Delete?', 'Really delete 3 rows?', 'NO'],
    ]);
  });

  it("alert/prompt without a scripted answer throws the emulator's error", () => {
    expect(error(`var ui = SpreadsheetApp.getUi(); ui.alert('Delete?', 'Sure?', ui.ButtonSet.YES_NO);`)).toBe(
      "emulator: no scripted answer for alert 'Delete?'",
    );
  });

  it('prompt returns a PromptResponse with the scripted text and button', () => {
    const { emu } = bound(`function t(){ var ui = SpreadsheetApp.getUi(); var r = ui.prompt('Trainer', 'Email?', ui.ButtonSet.OK_CANCEL);
      return [r.getResponseText(), r.getSelectedButton() == ui.Button.OK]; }`);
    emu.store.ui.pendingAnswers.push({ kind: 'prompt', button: 'OK', text: 'ana@example.org' });
    expect(emu.call('t')).toEqual(['ana@example.org', true]);
    expect(emu.store.ui.events[0]).toMatchObject({ kind: 'prompt', title: 'Trainer', message: 'Email?', answer: 'OK:ana@example.org' });
    expect(emu.store.ui.pendingAnswers).toEqual([]);
  });

  it('showSidebar records the HtmlOutput; it is not allowed in a simple trigger', () => {
    const { emu } = bound(`function t(){ SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<b>Hi</b>').setTitle('Help')); }`);
    emu.call('t');
    expect(emu.store.ui.events[0]).toMatchObject({ kind: 'sidebar', title: 'Help', html: '<b>Hi</b>' });
    expect(emu.run('t', { kind: 'simple' }).error?.message).toBe(
      'You do not have permission to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
  });

  it('toast is recorded on the spreadsheet (title "" and 5 s by default) and as a ui event', () => {
    const { value, emu, id } = run(`ss.toast('Saved 3 rows'); ss.toast('Done', 'Set up', 10);`, {});
    expect(value).toBeUndefined();
    expect(emu.store.spreadsheets[id].toasts.map((t) => [t.message, t.title, t.timeoutSeconds])).toEqual([
      ['Saved 3 rows', '', 5],
      ['Done', 'Set up', 10],
    ]);
    expect(emu.store.ui.events.map((e) => e.kind)).toEqual(['toast', 'toast']);
  });
});

describe('SpreadsheetApp: selection and events', () => {
  it('Range.activate sets the selection that getActiveRange/getActiveSheet read', () => {
    const { emu, id } = bound(`function a(){ var ss = SpreadsheetApp.getActiveSpreadsheet(); ss.insertSheet('Requests').getRange('B2:C3').activate(); }
      function r(){ return [SpreadsheetApp.getActiveRange().getA1Notation(), SpreadsheetApp.getActiveSheet().getName(), SpreadsheetApp.getActiveSpreadsheet().getSelection().getCurrentCell().getA1Notation()]; }`);
    emu.call('a');
    expect(emu.store.spreadsheets[id].selection).toEqual({ sheetId: emu.store.spreadsheets[id].sheets[1].sheetId, a1: ['B2:C3'] });
    expect(emu.call('r')).toEqual(['B2:C3', 'Requests', 'B2']);
  });

  it('the formSubmit event carries range (the response row), values, namedValues, source, triggerUid and authMode', () => {
    const { emu, id } = bound(
      `function onSubmit(e){ return [e.range.getA1Notation(), e.range.getSheet().getName(), e.values, e.namedValues, e.source.getId(), e.triggerUid, String(e.authMode)]; }`,
    );
    const sheetId = emu.store.spreadsheets[id].sheets[0].sheetId;
    const out = emu.call('onSubmit', {
      kind: 'trigger',
      event: {
        kind: 'formSubmit',
        spreadsheetId: id,
        sheetId,
        row: 2,
        values: ['11/24/2026 9:05:07', 'Ana'],
        namedValues: { Timestamp: ['11/24/2026 9:05:07'], Name: ['Ana'] },
        triggerUid: 't-1',
        authMode: 'FULL',
      },
    });
    expect(out).toEqual(['A2:B2', 'Sheet1', ['11/24/2026 9:05:07', 'Ana'], { Timestamp: ['11/24/2026 9:05:07'], Name: ['Ana'] }, id, 't-1', 'FULL']);
  });

  it('the edit event carries range, value and oldValue (single-cell edits), source and user', () => {
    const { emu, id } = bound(
      `function onEdit(e){ return [e.range.getA1Notation(), e.value, e.oldValue, e.source.getId(), e.user.getEmail(), 'triggerUid' in e]; }`,
    );
    const sheetId = emu.store.spreadsheets[id].sheets[0].sheetId;
    expect(
      emu.call('onEdit', {
        kind: 'simple',
        event: { kind: 'edit', spreadsheetId: id, sheetId, a1: 'C4', value: 'Done', oldValue: 'Open', user: 'a@example.org', authMode: 'LIMITED' },
      }),
    ).toEqual(['C4', 'Done', 'Open', id, 'a@example.org', false]);
  });

  it('the open event carries source and user', () => {
    const { emu, id } = bound(`function onOpen(e){ return [e.source.getName(), e.user.getEmail(), String(e.authMode)]; }`);
    expect(emu.call('onOpen', { kind: 'simple', event: { kind: 'open', spreadsheetId: id, authMode: 'LIMITED', user: 'a@example.org' } })).toEqual([
      'Registry',
      'a@example.org',
      'LIMITED',
    ]);
  });
});

describe('SpreadsheetApp: performance', () => {
  it('setValues/getValues on 10,000 rows stay fast (O(cells))', () => {
    const { emu } = bound(`function t(){ var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; sh.insertRowsAfter(1000, 9000);
      var rows = []; for (var i = 0; i < 10000; i++) rows.push(['REQ-' + i, i, 'trainer' + i + '@example.org', 'Open', '2026-01-05']);
      sh.getRange(1, 1, 10000, 5).setValues(rows); var back = sh.getRange(1, 1, 10000, 5).getValues(); sh.getRange(1, 1, 10000, 5).getDisplayValues();
      return [back.length, back[9999][1], sh.getLastRow()]; }`);
    const start = Date.now();
    expect(emu.call('t')).toEqual([10000, 9999, 10000]);
    expect(Date.now() - start).toBeLessThan(3000);
  });
});

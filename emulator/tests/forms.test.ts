import { Emulator } from '../host';
import { formByTitle, prefilledAnswers, submitForm } from '../drivers/forms';
import { setRuntime } from '../runtime/context';
import { newSpreadsheetRec } from '../runtime/sheet-model';
import { addDriveItem, GOOGLE_MIME } from '../runtime/drive-model';
import type { SheetRec, TriggerRec } from '../store';

const SCRIPT = `
function makeForm(ssId, collectEmail) {
  var form = FormApp.create('Training request');
  form.setTitle('Training request');
  form.setCollectEmail(!!collectEmail);
  form.addTextItem().setTitle('Name').setRequired(true);
  form.addSectionHeaderItem().setTitle('About the training');
  form.addTextItem().setTitle('Participants');
  form.addCheckboxItem().setTitle('Languages').setChoiceValues(['English', 'French', 'German']);
  form.addMultipleChoiceItem().setTitle('Format').setChoiceValues(['Online', 'On site']);
  form.addDateItem().setTitle('Start date');
  if (ssId) form.setDestination(FormApp.DestinationType.SPREADSHEET, ssId);
  return form.getId();
}
function onSubmit(e) {
  return { values: e.values, namedValues: e.namedValues, triggerUid: e.triggerUid, authMode: String(e.authMode) };
}
function rowOf(e) { return e.range.getRow(); }
`;

/** A world with a bound spreadsheet made on the host (SpreadsheetApp is another helper's). */
function world(code = SCRIPT): { emu: Emulator; ssId: string } {
  const emu = new Emulator({ code, manifest: { timeZone: 'Europe/Paris', runtimeVersion: 'V8' } });
  const owner = emu.store.script.owner;
  setRuntime({ store: emu.store, exec: { number: 0, kind: 'menu', authMode: 'FULL', activeUser: owner, effectiveUser: owner } });
  const ss = newSpreadsheetRec('Registry');
  addDriveItem({ id: ss.id, kind: 'file', name: ss.name, mimeType: GOOGLE_MIME.spreadsheet });
  emu.store.script.containerId = ss.id;
  return { emu, ssId: ss.id };
}

function sheetNamed(emu: Emulator, ssId: string, name: string): SheetRec {
  const sheet = emu.store.spreadsheets[ssId].sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

function rowValues(sheet: SheetRec, row: number): unknown[] {
  const out = (sheet.rows[row - 1] ?? []).map((c) => (c ? c.v : ''));
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

function addTrigger(emu: Emulator, ssId: string, handler = 'onSubmit'): TriggerRec {
  const t: TriggerRec = {
    uid: `trig-${emu.store.triggers.length + 1}`,
    handler,
    owner: emu.store.script.owner,
    eventType: 'ON_FORM_SUBMIT',
    source: 'SPREADSHEETS',
    sourceId: ssId,
  };
  emu.store.triggers.push(t);
  return t;
}

describe('FormApp', () => {
  it('setDestination inserts "Form Responses 1" at index 0, then "Form Responses 2" for the next form', () => {
    const { emu, ssId } = world();
    emu.call('makeForm', { args: [ssId] });
    emu.call('makeForm', { args: [ssId] });
    const ss = emu.store.spreadsheets[ssId];
    expect(ss.sheets.map((s) => s.name)).toEqual(['Form Responses 2', 'Form Responses 1', 'Sheet1']);
    expect(ss.formIds).toHaveLength(2);
    expect(sheetNamed(emu, ssId, 'Form Responses 1').formId).toBe(ss.formIds[0]);
  });

  it('the response sheet header is Timestamp then each question title in item order (section headers get no column)', () => {
    const { emu, ssId } = world();
    emu.call('makeForm', { args: [ssId] });
    const sheet = sheetNamed(emu, ssId, 'Form Responses 1');
    expect(rowValues(sheet, 1)).toEqual(['Timestamp', 'Name', 'Participants', 'Languages', 'Format', 'Start date']);
    expect(sheet.frozenRows).toBe(1);
  });

  it('a form collecting emails has "Email Address" as column 2', () => {
    const { emu, ssId } = world();
    emu.call('makeForm', { args: [ssId, true] });
    expect(rowValues(sheetNamed(emu, ssId, 'Form Responses 1'), 1).slice(0, 3)).toEqual(['Timestamp', 'Email Address', 'Name']);
  });

  it('a question added after linking gets a new column at the end', () => {
    const { emu, ssId } = world(SCRIPT + 'function more(id){ FormApp.openById(id).addParagraphTextItem().setTitle("Notes"); }');
    const id = emu.call<string>('makeForm', { args: [ssId] });
    emu.call('more', { args: [id] });
    expect(rowValues(sheetNamed(emu, ssId, 'Form Responses 1'), 1).slice(-2)).toEqual(['Start date', 'Notes']);
  });

  it('FormApp.create names the Drive file but leaves the form title blank; getDestinationId reports the sheet', () => {
    const { emu, ssId } = world(
      SCRIPT +
        'function t(ss){ var f = FormApp.create("Raw"); var a = f.getTitle(); f.setDestination(FormApp.DestinationType.SPREADSHEET, ss); return [a, f.getDestinationId(), String(f.getDestinationType())]; }',
    );
    const [title, dest, type] = emu.call<string[]>('t', { args: [ssId] });
    expect([title, dest, type]).toEqual(['', ssId, 'SPREADSHEET']);
    const form = Object.values(emu.store.forms)[0];
    expect(emu.store.drive.items[form.id]).toMatchObject({ name: 'Raw', mimeType: GOOGLE_MIME.form });
  });

  it("toPrefilledUrl has Google's shape: <publishedUrl>?usp=pp_url&entry.<id>=<value>, repeating a checkbox entry per choice", () => {
    const { emu, ssId } = world(
      SCRIPT +
        `function prefill(id){ var f = FormApp.openById(id); var items = f.getItems();
           return f.createResponse()
             .withItemResponse(items[0].asTextItem().createResponse('Ana Lopez'))
             .withItemResponse(items[3].asCheckboxItem().createResponse(['English', 'French']))
             .toPrefilledUrl(); }`,
    );
    const id = emu.call<string>('makeForm', { args: [ssId] });
    const url = emu.call<string>('prefill', { args: [id] });
    const form = emu.store.forms[id];
    const [name, , , langs] = form.items;
    expect(url).toBe(`${form.publishedUrl}?usp=pp_url&entry.${name.id}=Ana+Lopez&entry.${langs.id}=English&entry.${langs.id}=French`);
    expect(prefilledAnswers(emu, url)).toEqual({ Name: 'Ana Lopez', Languages: ['English', 'French'] });
  });

  it('a submitted row has a Date timestamp, numbers for numeric text, checkbox answers joined with ", ", empty cells for unanswered', () => {
    const { emu, ssId } = world();
    const id = emu.call<string>('makeForm', { args: [ssId] });
    const at = Date.UTC(2026, 10, 24, 8, 5, 7);
    const r = submitForm(emu, id, { Name: '=HYPERLINK("x")', Participants: '012', Languages: ['English', 'German'], 'Start date': '2026-12-01' }, { at });
    expect(r.row).toBe(2);
    const sheet = sheetNamed(emu, ssId, 'Form Responses 1');
    expect(rowValues(sheet, 2)).toEqual([{ date: at }, '=HYPERLINK("x")', 12, 'English, German', '', { date: Date.UTC(2026, 10, 30, 23) }]);
    expect(sheet.rows[1][1]?.f).toBeUndefined();
  });

  it('an edited response rewrites the same row with the new answers and a new timestamp', () => {
    const { emu, ssId } = world();
    const id = emu.call<string>('makeForm', { args: [ssId] });
    const first = submitForm(emu, id, { Name: 'Ana', Format: 'Online' }, { at: 1000 });
    submitForm(emu, id, { Name: 'Ben' }, { at: 2000 });
    const edit = submitForm(emu, id, { Format: 'On site' }, { editOf: first.responseId, at: 3000 });
    expect(edit.row).toBe(2);
    const sheet = sheetNamed(emu, ssId, 'Form Responses 1');
    expect(rowValues(sheet, 2)).toEqual([{ date: 3000 }, 'Ana', '', '', 'On site']);
    expect(rowValues(sheet, 3)).toEqual([{ date: 2000 }, 'Ben']);
    expect(emu.store.forms[id].responses).toHaveLength(2);
  });

  // https://developers.google.com/apps-script/reference/forms/form-response (getId: the response's
  // id, the same for its edits; getTimestamp: when it was submitted or last edited) and
  // https://developers.google.com/apps-script/guides/triggers/events#form-submit (the row of the
  // response in the linked sheet). Assumption, not documented: Sheets keeps a response attached to
  // its row when people sort, insert or delete rows, so an edit lands in the row that holds it
  // (a deleted row's edit is appended). The registry does not depend on it: it finds responses by id.
  it('an edit after the help desk sorted, inserted and deleted rows lands in the row holding that response', () => {
    const { emu, ssId } = world(`${SCRIPT}
function sortByName(ssId) { SpreadsheetApp.openById(ssId).getSheetByName('Form Responses 1').sort(2, false); }
function insertTwo(ssId) { SpreadsheetApp.openById(ssId).getSheetByName('Form Responses 1').insertRowsBefore(2, 2); }
function deleteRow(ssId, r) { SpreadsheetApp.openById(ssId).getSheetByName('Form Responses 1').deleteRow(r); }
function ids(formId) { return FormApp.openById(formId).getResponses().map(function (r) { return [r.getId(), r.getTimestamp().getTime()]; }); }
`);
    const id = emu.call<string>('makeForm', { args: [ssId] });
    const ana = submitForm(emu, id, { Name: 'Ana' }, { at: 1000 });
    const ben = submitForm(emu, id, { Name: 'Ben' }, { at: 2000 });
    const cy = submitForm(emu, id, { Name: 'Cy' }, { at: 3000 });
    emu.call('sortByName', { args: [ssId] });
    const sheet = sheetNamed(emu, ssId, 'Form Responses 1');
    expect([2, 3, 4].map((r) => rowValues(sheet, r)[1])).toEqual(['Cy', 'Ben', 'Ana']);
    emu.call('insertTwo', { args: [ssId] });
    expect(submitForm(emu, id, { Format: 'Online' }, { editOf: ana.responseId, at: 4000 }).row).toBe(6);
    expect(rowValues(sheet, 6)).toEqual([{ date: 4000 }, 'Ana', '', '', 'Online']);
    emu.call('deleteRow', { args: [ssId, 5] });
    expect(submitForm(emu, id, { Format: 'On site' }, { editOf: ben.responseId, at: 5000 }).row).toBe(6);
    expect(rowValues(sheet, 4)).toEqual([{ date: 3000 }, 'Cy']);
    // The response id stays with the response through its edits; its timestamp is the last edit.
    expect(emu.call<[string, number][]>('ids', { args: [id] })).toEqual([
      [cy.responseId, 3000],
      [ana.responseId, 4000],
      [ben.responseId, 5000],
    ]);
  });

  it('onFormSubmit receives display strings in e.values and one-element arrays in e.namedValues', () => {
    const { emu, ssId } = world();
    const id = emu.call<string>('makeForm', { args: [ssId] });
    const trig = addTrigger(emu, ssId);
    // 08:05:07 UTC is 9:05:07 in Paris (the spreadsheet's zone comes from the script's).
    const r = submitForm(emu, id, { Name: 'Ana', Participants: '12', Languages: ['English', 'French'] }, { at: Date.UTC(2026, 10, 24, 8, 5, 7) });
    expect(r.triggerResults).toHaveLength(1);
    expect(r.triggerResults[0].value).toEqual({
      values: ['11/24/2026 9:05:07', 'Ana', '12', 'English, French', '', ''],
      namedValues: { Timestamp: ['11/24/2026 9:05:07'], Name: ['Ana'], Participants: ['12'], Languages: ['English, French'], Format: [''], 'Start date': [''] },
      triggerUid: trig.uid,
      authMode: 'FULL',
    });
  });

  it('blankDuplicate fires the same trigger again with every answer blank and the timestamp kept', () => {
    const { emu, ssId } = world();
    const id = emu.call<string>('makeForm', { args: [ssId] });
    addTrigger(emu, ssId);
    const r = submitForm(emu, id, { Name: 'Ana' }, { at: Date.UTC(2026, 10, 24, 8, 5, 7), blankDuplicate: true });
    expect(r.triggerResults.map((x) => (x.value as { values: string[] }).values)).toEqual([
      ['11/24/2026 9:05:07', 'Ana', '', '', '', ''],
      ['11/24/2026 9:05:07', '', '', '', '', ''],
    ]);
    expect(emu.store.forms[id].responses).toHaveLength(1);
  });

  it('submitting an answer to an unknown question title is a test-authoring error naming the title', () => {
    const { emu, ssId } = world();
    const id = emu.call<string>('makeForm', { args: [ssId] });
    expect(() => submitForm(emu, id, { Nmae: 'Ana' })).toThrow(/no question titled "Nmae"/);
    expect(emu.store.forms[id].responses).toHaveLength(0);
  });

  it('FormApp is denied in a simple trigger (AuthMode.LIMITED)', () => {
    const { emu } = world(SCRIPT + 'function onOpen(){ FormApp.create("x"); }');
    const r = emu.run('onOpen', { kind: 'simple' });
    expect(r.error?.message).toBe('You do not have permission to call FormApp.create. Required permissions: https://www.googleapis.com/auth/forms');
  });

  it('getActiveForm is null for a spreadsheet-bound script', () => {
    const { emu } = world(SCRIPT + 'function t(){ return FormApp.getActiveForm() === null; }');
    expect(emu.call('t')).toBe(true);
  });

  it('FormResponse.submit writes the row and is listed by getResponses, without firing triggers', () => {
    const { emu, ssId } = world(
      SCRIPT +
        `function send(id){ var f = FormApp.openById(id); var name = f.getItems(FormApp.ItemType.TEXT)[0];
           var r = f.createResponse().withItemResponse(name.asTextItem().createResponse('Cy')).submit();
           return [r.getItemResponses()[0].getResponse(), f.getResponses().length, r.getEditResponseUrl().indexOf(f.getPublishedUrl() + '?edit2=') === 0]; }`,
    );
    const id = emu.call<string>('makeForm', { args: [ssId] });
    addTrigger(emu, ssId);
    const before = emu.store.executionCount;
    expect(emu.call('send', { args: [id] })).toEqual(['Cy', 1, true]);
    expect(emu.store.executionCount).toBe(before + 1);
    expect(rowValues(sheetNamed(emu, ssId, 'Form Responses 1'), 2)[1]).toBe('Cy');
  });

  it('casting an item to the wrong type throws, and a typed item has only its own members', () => {
    const { emu, ssId } = world(
      SCRIPT +
        'function a(id){ FormApp.openById(id).getItems()[0].asCheckboxItem(); } function b(id){ FormApp.openById(id).addTextItem().setChoiceValues(["x"]); }',
    );
    const id = emu.call<string>('makeForm', { args: [ssId] });
    expect(emu.run('a', { args: [id] }).error?.message).toBe('Invalid conversion for item type: TEXT');
    expect(emu.run('b', { args: [id] }).error?.message).toBe('not emulated: TextItem.setChoiceValues');
  });

  it('a form-bound onFormSubmit trigger gets e.response and e.source', () => {
    const { emu, ssId } = world(
      SCRIPT + 'function onResp(e){ return [e.source.getId(), e.response.getItemResponses()[0].getResponse(), e.response.getRespondentEmail()]; }',
    );
    const id = emu.call<string>('makeForm', { args: [ssId, true] });
    emu.store.triggers.push({ uid: 'f1', handler: 'onResp', owner: emu.store.script.owner, eventType: 'ON_FORM_SUBMIT', source: 'FORMS', sourceId: id });
    const r = submitForm(emu, id, { Name: 'Ana' }, { respondentEmail: 'ana@example.org' });
    expect(r.triggerResults.map((x) => x.value)).toEqual([[id, 'Ana', 'ana@example.org']]);
  });

  // Observed on Google (issue 7's field reports; the reference,
  // https://developers.google.com/apps-script/reference/forms/form-response#getItemResponses(),
  // only says "all item responses contained in a form response"): unanswered text, paragraph,
  // date and time questions come back with an empty response, unanswered choice questions do not.
  it('getItemResponses lists unanswered text and date questions with "" but not unanswered choice questions', () => {
    const { emu, ssId } = world(
      SCRIPT + 'function onResp(e){ return e.response.getItemResponses().map(function(r){ return [r.getItem().getTitle(), r.getResponse()]; }); }',
    );
    const id = emu.call<string>('makeForm', { args: [ssId] });
    emu.store.triggers.push({ uid: 'f1', handler: 'onResp', owner: emu.store.script.owner, eventType: 'ON_FORM_SUBMIT', source: 'FORMS', sourceId: id });
    const r = submitForm(emu, id, { Name: 'Ana', Format: 'Online' });
    expect(r.triggerResults[0].value).toEqual([
      ['Name', 'Ana'],
      ['Participants', ''],
      ['Format', 'Online'],
      ['Start date', ''],
    ]);
  });

  // The response keeps the text the respondent typed: ItemResponse.getResponse() "Gets the answer
  // that the respondent submitted … a String" for text questions
  // (https://developers.google.com/apps-script/reference/forms/item-response#getResponse()),
  // while the linked responses sheet reads that text as typed input, as a person typing it into
  // a cell would (https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object):
  // values are parsed by the spreadsheet), so "0123" lands as the number 123 and displays as "123".
  it('"0123" is the number 123 in the responses sheet but "0123" in the form response', () => {
    const { emu, ssId } = world(
      SCRIPT +
        'function read(formId, ssId){ var r = FormApp.openById(formId).getResponses()[0]; var sh = SpreadsheetApp.openById(ssId).getSheetByName("Form Responses 1");' +
        ' return { form: r.getItemResponses().map(function(x){ return [x.getItem().getTitle(), x.getResponse()]; }), value: sh.getRange(2, 3).getValue(), display: sh.getRange(2, 3).getDisplayValue() }; }',
    );
    const id = emu.call<string>('makeForm', { args: [ssId] });
    submitForm(emu, id, { Name: 'Ana', Participants: '0123' });
    const r = emu.call<{ form: [string, string][]; value: unknown; display: string }>('read', { args: [id, ssId] });
    expect(r.value).toBe(123);
    expect(r.display).toBe('123');
    expect(r.form.find(([t]) => t === 'Participants')?.[1]).toBe('0123');
  });

  it('formByTitle finds the form record', () => {
    const { emu, ssId } = world();
    const id = emu.call<string>('makeForm', { args: [ssId] });
    expect(formByTitle(emu, 'Training request').id).toBe(id);
  });

  // Needs the SpreadsheetApp helper's 'formSubmit' event builder (e.range); fails until it exists.
  it('e.range is the response row', () => {
    const { emu, ssId } = world();
    const id = emu.call<string>('makeForm', { args: [ssId] });
    addTrigger(emu, ssId, 'rowOf');
    submitForm(emu, id, { Name: 'Ana' });
    const r = submitForm(emu, id, { Name: 'Ben' });
    expect(r.triggerResults[0].value).toBe(3);
  });
});

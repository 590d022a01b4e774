import { Emulator } from '../host';

/**
 * Apps Script enums are objects, not strings: every enum page lists its properties with type
 * "Enum" and compares by identity, e.g. `e.authMode === ScriptApp.AuthMode.NONE`
 * (https://developers.google.com/apps-script/reference/script/auth-mode). name()/toString()
 * give the property name and ordinal() its position (observed on Google: gas-fakes
 * test/testenums.js, github.com/brucemcpherson/gas-fakes). The base MimeType enum is the
 * exception: its values are the MIME strings, so `MimeType.PDF` is "application/pdf"
 * (https://developers.google.com/apps-script/reference/base/mime-type: "Methods that expect a
 * MIME type rendered as a string … also accept any of the values below").
 */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

const CODE = `
function describe(v){ return [typeof v, String(v), v.name(), v.toString(), v.ordinal(), v === v.name()]; }
function authModes(){ var A = ScriptApp.AuthMode; return [describe(A.FULL), A.FULL === A.FULL, A.FULL === A.LIMITED, A.NONE.ordinal(), 'mode: ' + A.LIMITED]; }
function tick(e){ return [typeof e.authMode, e.authMode === ScriptApp.AuthMode.FULL, e.authMode === 'FULL', String(e.authMode)]; }
function others(){
  return [
    describe(ScriptApp.TriggerSource.CLOCK), describe(ScriptApp.EventType.ON_FORM_SUBMIT), describe(FormApp.ItemType.TEXT),
    describe(DriveApp.Access.ANYONE_WITH_LINK), describe(DriveApp.Permission.VIEW), describe(SpreadsheetApp.ProtectionType.RANGE),
    describe(SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST), describe(SpreadsheetApp.getUi().Button.YES),
  ];
}
function mime(){ return [typeof MimeType.PDF, MimeType.PDF, MimeType.GOOGLE_SHEETS]; }
function returned(){
  var ss = SpreadsheetApp.create('x');
  var p = ss.getSheets()[0].getRange('A1').protect();
  var rule = SpreadsheetApp.newDataValidation().requireValueInList(['a']).build();
  var form = FormApp.create('f'); form.addTextItem();
  var file = DriveApp.getFileById(ss.getId());
  file.setSharing(DriveApp.Access.ANYONE_WITH_LINK, DriveApp.Permission.VIEW);
  var t = ScriptApp.newTrigger('tick').forSpreadsheet(ss).onOpen().create();
  return [
    p.getProtectionType() === SpreadsheetApp.ProtectionType.RANGE, rule.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST,
    form.getItems()[0].getType() === FormApp.ItemType.TEXT, form.getItems()[0].getType() === 'TEXT', form.getItems(FormApp.ItemType.TEXT).length,
    file.getSharingAccess() === DriveApp.Access.ANYONE_WITH_LINK, file.getSharingPermission() === DriveApp.Permission.VIEW,
    t.getEventType() === ScriptApp.EventType.ON_OPEN, t.getTriggerSource() === ScriptApp.TriggerSource.SPREADSHEETS,
  ];
}
function docs(){
  var doc = DocumentApp.create('d'); var p = doc.getBody().appendParagraph('x').setHeading(DocumentApp.ParagraphHeading.HEADING2);
  return [p.getHeading() === DocumentApp.ParagraphHeading.HEADING2, p.getType() === DocumentApp.ElementType.PARAGRAPH, p.getAttributes()[DocumentApp.Attribute.HEADING] === DocumentApp.ParagraphHeading.HEADING2,
    Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'a').length];
}
function stringHeading(){ DocumentApp.create('e').getBody().appendParagraph('x').setHeading('HEADING2'); }
function stringDigest(){ Utilities.computeDigest('MD5', 'a'); }
function stringSharing(){ var f = DriveApp.getFileById(SpreadsheetApp.create('y').getId()); f.setSharing('ANYONE_WITH_LINK', 'VIEW'); }
function stringItems(){ FormApp.create('g').getItems('TEXT'); }
function stringProtections(){ SpreadsheetApp.create('z').getProtections('RANGE'); }
`;

describe('Apps Script enums', () => {
  it('an enum value is an object: identity comparison, name(), toString(), ordinal(), and never === its name', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('authModes')).toEqual([['object', 'FULL', 'FULL', 'FULL', 3, false], true, false, 0, 'mode: LIMITED']);
  });

  it('events carry the ScriptApp.AuthMode enum object, not the string', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('tick', { kind: 'trigger', event: { kind: 'clock', authMode: 'FULL' } })).toEqual(['object', true, false, 'FULL']);
  });

  it('a value of each of 8 enums of ScriptApp, FormApp, DriveApp, SpreadsheetApp and Ui is an enum object, not its name', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    const out = emu.call<unknown[][]>('others');
    expect(out.map((d) => [d[0], d[1], d[5]])).toEqual([
      ['object', 'CLOCK', false],
      ['object', 'ON_FORM_SUBMIT', false],
      ['object', 'TEXT', false],
      ['object', 'ANYONE_WITH_LINK', false],
      ['object', 'VIEW', false],
      ['object', 'RANGE', false],
      ['object', 'VALUE_IN_LIST', false],
      ['object', 'YES', false],
    ]);
  });

  it('MimeType values are the MIME strings', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('mime')).toEqual(['string', 'application/pdf', 'application/vnd.google-apps.spreadsheet']);
  });

  it('getters return the same enum objects the services expose', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('returned')).toEqual([true, true, true, false, 1, true, true, true, true]);
  });

  it('DocumentApp and Utilities enums are enum objects too', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('docs')).toEqual([true, true, true, 16]);
    expect(emu.run('stringHeading').error?.message).toBe("The parameters (String) don't match the method signature for DocumentApp.Paragraph.setHeading.");
    expect(emu.run('stringDigest').error?.message).toBe("The parameters (String,String) don't match the method signature for Utilities.computeDigest.");
  });

  it('a method that takes an enum refuses its name as a string, as Apps Script does', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.run('stringSharing').error?.message).toBe("The parameters (String,String) don't match the method signature for DriveApp.File.setSharing.");
    expect(emu.run('stringItems').error?.message).toBe("The parameters (String) don't match the method signature for FormApp.Form.getItems.");
    expect(emu.run('stringProtections').error?.message).toBe(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Spreadsheet.getProtections.",
    );
  });
});

/**
 * Spreadsheet.getEditors() / getOwner(): who may edit the registry (the access check relies on it).
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#geteditors
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getowner
 * The owner has edit rights and is listed with the people the file is shared with as editors;
 * viewers are not editors. Someone without edit access gets an empty list, as
 * https://developers.google.com/apps-script/reference/drive/file#geteditors documents for the file.
 */
import { Emulator, type Manifest } from '../host';
import { setRuntime } from '../runtime/context';
import { newSpreadsheetRec } from '../runtime/sheet-model';
import { addDriveItem, GOOGLE_MIME } from '../runtime/drive-model';

const MANIFEST: Manifest = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

function bound(code: string): { emu: Emulator; id: string } {
  const emu = new Emulator({ code, manifest: MANIFEST });
  const owner = emu.store.users.active;
  setRuntime({ store: emu.store, exec: { number: 0, kind: 'menu', authMode: 'FULL', activeUser: owner, effectiveUser: owner } });
  const ss = newSpreadsheetRec('Registry');
  addDriveItem({ id: ss.id, kind: 'file', name: ss.name, mimeType: GOOGLE_MIME.spreadsheet });
  emu.store.script.containerId = ss.id;
  return { emu, id: ss.id };
}

describe('Spreadsheet: editors and owner', () => {
  it('getEditors lists the owner and the shared editors, not viewers; getOwner is the owner', () => {
    const { emu, id } = bound(`function t(){ var ss = SpreadsheetApp.getActiveSpreadsheet();
      return { editors: ss.getEditors().map(function (u) { return u.getEmail(); }), owner: ss.getOwner().getEmail() }; }`);
    const item = emu.store.drive.items[id];
    item.editors.push('editor@example.org');
    item.viewers.push('viewer@example.org');
    expect(emu.call('t')).toEqual({ editors: ['helpdesk@example.org', 'editor@example.org'], owner: 'helpdesk@example.org' });
    expect(emu.store.calls['Spreadsheet.getEditors']).toBe(1);
  });

  it('a viewer running the script sees no editors', () => {
    const { emu, id } = bound(`function t(){ return SpreadsheetApp.getActiveSpreadsheet().getEditors().length; }`);
    emu.store.drive.items[id].viewers.push('viewer@example.org');
    expect(emu.call('t', { kind: 'menu', user: 'viewer@example.org' })).toBe(0);
  });
});

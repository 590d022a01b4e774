import { Emulator } from '../host';
import type { DocumentRec, Store } from '../store';

const OWNER = 'helpdesk@example.org';

/** A Google Doc as DocumentApp would leave it: a Drive item plus its content record. */
function seedDoc(store: Store, id: string, name: string, body: DocumentRec['body']): void {
  const t = store.clock.now;
  store.documents[id] = { id, body };
  store.drive.items[id] = {
    id,
    kind: 'file',
    name,
    mimeType: 'application/vnd.google-apps.document',
    parents: [store.drive.rootId],
    owner: OWNER,
    editors: [],
    viewers: [],
    sharing: { access: 'PRIVATE', permission: 'NONE' },
    trashed: false,
    starred: false,
    description: '',
    created: t,
    updated: t,
  };
}

/** No oauthScopes in the manifest: Apps Script then grants the scopes the code needs. */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

function emu(code: string): Emulator {
  return new Emulator({ code, manifest: MANIFEST });
}

describe('DriveApp', () => {
  it('createFile(name, content) stores the text as base64 and reads it back through getBlob', () => {
    const e = emu(`function t(){
      var f = DriveApp.createFile('notes/2026 🎉.txt', 'Olá, ação');
      return [f.getName(), f.getMimeType(), f.getBlob().getDataAsString(), f.getSize(), f.getParents().next().getId()];
    }`);
    const [name, type, text, size, parent] = e.call<[string, string, string, number, string]>('t');
    expect([name, type, text, size, parent]).toEqual(['notes/2026 🎉.txt', 'text/plain', 'Olá, ação', 12, 'root']);
    const item = Object.values(e.store.drive.items).find((i) => i.name === 'notes/2026 🎉.txt')!;
    expect(Buffer.from(item.content!, 'base64').toString('utf8')).toBe('Olá, ação');
    expect(item.owner).toBe(OWNER);
  });

  it('next() past the end of an iterator throws "Cannot retrieve the next object: iterator has reached the end."', () => {
    const e = emu(`function t(){
      var folder = DriveApp.createFolder('Agreements');
      folder.createFile('a.txt', 'a');
      var it = folder.getFiles();
      var names = [];
      while (it.hasNext()) names.push(it.next().getName());
      try { it.next(); } catch (err) { return [names, err.message]; }
    }`);
    expect(e.call('t')).toEqual([['a.txt'], 'Cannot retrieve the next object: iterator has reached the end.']);
  });

  it('getFileById with an unknown id throws "No item with the given ID could be found…"', () => {
    const r = emu(`function t(){ DriveApp.getFileById('nope'); }`).run('t');
    expect(r.error?.message).toBe(
      'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
    );
  });

  it('a trashed file is still returned by id, with isTrashed() true, and still listed', () => {
    const e = emu(`
      function make(){ var f = DriveApp.createFile('old.csv', 'a,b', MimeType.CSV); f.setTrashed(true); return f.getId(); }
      function read(id){ var f = DriveApp.getFileById(id); return [f.getName(), f.isTrashed(), DriveApp.getFilesByName('old.csv').hasNext()]; }`);
    const id = e.call<string>('make');
    expect(e.call('read', { args: [id] })).toEqual(['old.csv', true, true]);
    expect(e.store.drive.items[id].trashed).toBe(true);
  });

  it('makeCopy() of a Google Doc deep-copies its content and names it "Copy of <name>"', () => {
    const e = emu(`function t(id){
      var dest = DriveApp.createFolder('Out');
      var a = DriveApp.getFileById(id).makeCopy();
      var b = DriveApp.getFileById(id).makeCopy('Agreement 42', dest);
      var c = DriveApp.getFileById(id).makeCopy(dest);
      return [a.getName(), a.getId(), b.getName(), b.getParents().next().getName(), c.getName(), a.getUrl()];
    }`);
    seedDoc(e.store, 'doc-1', 'Template', [{ type: 'PARAGRAPH', text: 'Hello {{name}}' }]);
    const [aName, aId, bName, bParent, cName, url] = e.call<string[]>('t', { args: ['doc-1'] });
    expect([aName, bName, bParent, cName]).toEqual(['Copy of Template', 'Agreement 42', 'Out', 'Copy of Template']);
    expect(url).toBe(`https://docs.google.com/document/d/${aId}/edit?usp=drivesdk`);
    expect(e.store.documents[aId]).toEqual({ id: aId, body: [{ type: 'PARAGRAPH', text: 'Hello {{name}}' }] });
    // A deep copy: changing the copy leaves the original alone.
    (e.store.documents[aId].body[0] as { text: string }).text = 'changed';
    expect((e.store.documents['doc-1'].body[0] as { text: string }).text).toBe('Hello {{name}}');
  });

  it('getAs("application/pdf") of a Google Doc is a PDF blob named "<name>.pdf" carrying the document snapshot', () => {
    const e = emu(`function t(id){
      var blob = DriveApp.getFileById(id).getAs(MimeType.PDF);
      var saved = DriveApp.createFile(blob);
      return [blob.getContentType(), blob.getName(), saved.getMimeType(), saved.getId()];
    }`);
    seedDoc(e.store, 'doc-2', 'Agreement — João', [{ type: 'PARAGRAPH', text: 'Привет', heading: 'HEADING1' }]);
    const [type, name, savedType, savedId] = e.call<string[]>('t', { args: ['doc-2'] });
    expect([type, name, savedType]).toEqual(['application/pdf', 'Agreement — João.pdf', 'application/pdf']);
    const snapshot = JSON.parse(Buffer.from(e.store.drive.items[savedId].content!, 'base64').toString('utf8'));
    expect(snapshot).toEqual({ emulatorPdfOf: { id: 'doc-2', body: [{ type: 'PARAGRAPH', text: 'Привет', heading: 'HEADING1' }] }, name: 'Agreement — João' });
  });

  it('setSharing, addEditor and addViewer are recorded; adding an editor promotes a viewer', () => {
    const e = emu(`function t(){
      var f = DriveApp.createFolder('Shared');
      f.setSharing(DriveApp.Access.ANYONE_WITH_LINK, DriveApp.Permission.VIEW);
      f.addViewer('ana@example.org').addViewers(['bo@example.org']).addEditor('ana@example.org');
      return [f.getId(), String(f.getSharingAccess()), String(f.getSharingPermission()),
        f.getEditors().map(function(u){ return u.getEmail(); }), f.getViewers().map(function(u){ return u.getEmail(); }), f.getOwner().getEmail()];
    }`);
    const [id, access, permission, editors, viewers, owner] = e.call<[string, string, string, string[], string[], string]>('t');
    expect([access, permission, editors, viewers, owner]).toEqual(['ANYONE_WITH_LINK', 'VIEW', ['ana@example.org'], ['bo@example.org'], OWNER]);
    expect(e.store.drive.items[id].sharing).toEqual({ access: 'ANYONE_WITH_LINK', permission: 'VIEW' });
    expect(e.store.drive.items[id].editors).toEqual(['ana@example.org']);
  });

  it('another user cannot open a private file by id, but can once it is shared with them', () => {
    const e = emu(`
      function make(){ return DriveApp.createFile('private.txt', 'x').getId(); }
      function open(id){ return DriveApp.getFileById(id).getName(); }
      function share(id){ DriveApp.getFileById(id).addViewer('ana@example.org'); }`);
    const id = e.call<string>('make');
    expect(e.run('open', { args: [id], user: 'ana@example.org' }).error?.message).toMatch(/^No item with the given ID could be found/);
    e.call('share', { args: [id] });
    expect(e.call('open', { args: [id], user: 'ana@example.org' })).toBe('private.txt');
  });

  it('moveTo moves a file into a folder; getFoldersByName finds the folder', () => {
    const e = emu(`function t(){
      var f = DriveApp.createFile('r.txt', 'r');
      f.moveTo(DriveApp.createFolder('Reports'));
      var folder = DriveApp.getFoldersByName('Reports').next();
      return [folder.getFilesByName('r.txt').hasNext(), DriveApp.getRootFolder().getFilesByName('r.txt').hasNext(), folder.getUrl() === 'https://drive.google.com/drive/folders/' + folder.getId()];
    }`);
    expect(e.call('t')).toEqual([true, false, true]);
  });

  it('makeCopy of a spreadsheet copies its sheets under the new id, unlinked from forms; setName renames the spreadsheet too', () => {
    const e = emu(`function t(id){ var c = DriveApp.getFileById(id).makeCopy('Registry 2027'); c.setName('Registry 2028'); return [c.getId(), c.getUrl()]; }`);
    const s = e.store;
    s.spreadsheets.ss1 = {
      id: 'ss1',
      name: 'Registry',
      timeZone: 'Etc/UTC',
      locale: 'en_US',
      nextSheetId: 1,
      namedRanges: {},
      toasts: [],
      formIds: ['form1'],
      sheets: [
        {
          sheetId: 0,
          name: 'Form Responses 1',
          index: 0,
          rows: [[{ v: 'Timestamp' }]],
          maxRows: 1000,
          maxColumns: 26,
          frozenRows: 1,
          frozenColumns: 0,
          hidden: false,
          validations: [],
          conditionalRules: [],
          protections: [],
          columnWidths: {},
          formId: 'form1',
        },
      ],
    };
    s.drive.items.ss1 = {
      ...s.drive.items.root,
      id: 'ss1',
      kind: 'file',
      name: 'Registry',
      mimeType: 'application/vnd.google-apps.spreadsheet',
      parents: ['root'],
    };
    const [id, url] = e.call<string[]>('t', { args: ['ss1'] });
    expect(url).toBe(`https://docs.google.com/spreadsheets/d/${id}/edit?usp=drivesdk`);
    expect(s.spreadsheets[id]).toMatchObject({ id, name: 'Registry 2028', formIds: [], sheets: [{ name: 'Form Responses 1', rows: [[{ v: 'Timestamp' }]] }] });
    expect(s.spreadsheets[id].sheets[0].formId).toBeUndefined();
    expect(s.spreadsheets.ss1.name).toBe('Registry');
  });

  it('trashing a folder puts the files inside it in the trash too', () => {
    const e = emu(
      `function t(){ var f = DriveApp.createFolder('Old'); var file = f.createFile('a.txt', 'a'); f.setTrashed(true); return [f.isTrashed(), file.isTrashed()]; }`,
    );
    expect(e.call('t')).toEqual([true, true]);
  });

  it("MimeType holds Google's MIME type strings", () => {
    const e = emu(`function t(){ return [MimeType.GOOGLE_DOCS, MimeType.GOOGLE_SHEETS, MimeType.FOLDER, MimeType.PDF, MimeType.MICROSOFT_WORD]; }`);
    expect(e.call('t')).toEqual([
      'application/vnd.google-apps.document',
      'application/vnd.google-apps.spreadsheet',
      'application/vnd.google-apps.folder',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
  });

  it('DriveApp is denied in a simple trigger (AuthMode.LIMITED)', () => {
    const r = emu(`function onOpen(){ DriveApp.getRootFolder(); }`).run('onOpen', { kind: 'simple' });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toBe('You do not have permission to call DriveApp.getRootFolder. Required permissions: https://www.googleapis.com/auth/drive');
  });

  it('DriveApp needs a Drive scope when the manifest lists oauthScopes', () => {
    const e = new Emulator({
      code: 'function t(){ return DriveApp.createFolder("x").getName(); }',
      manifest: { timeZone: 'Etc/UTC', runtimeVersion: 'V8', oauthScopes: ['https://www.googleapis.com/auth/spreadsheets'] },
    });
    expect(e.run('t').error?.message).toMatch(/^Specified permissions are not sufficient to call DriveApp.createFolder/);
    e.store.manifest.oauthScopes = ['https://www.googleapis.com/auth/drive.file'];
    expect(e.call('t')).toBe('x');
  });
});

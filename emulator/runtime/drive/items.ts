/**
 * Drive File and Folder fakes. Each holds only an item id and reads the stored record on every
 * call, so two objects for the same item always agree (as Apps Script objects do).
 */
import type { Access, DocumentRec, DriveItemRec, Permission } from '../../store';
import { newId, requireScope, SCOPES, store } from '../context';
import { asGas, strict } from '../strict';
import { enumArg, makeEnum } from '../enums';
import { Blob, base64Decode, base64Encode, utf8Encode } from '../blob';
import { addDriveItem, GOOGLE_MIME } from '../drive-model';
import { savedDocument } from '../documents';
import { ACCESS_DENIED, domainOf, isListed, isTrashedRec, me, NOT_FOUND, requireEdit, requireRead, roleOf } from './access';

type GFile = GoogleAppsScript.Drive.File;
type GFolder = GoogleAppsScript.Drive.Folder;
type GUser = GoogleAppsScript.Drive.User;
type GBlob = GoogleAppsScript.Base.Blob;

export const ITERATOR_END = 'Cannot retrieve the next object: iterator has reached the end.';
export const PDF = 'application/pdf';

// Enum objects in documented order (https://developers.google.com/apps-script/reference/drive/access,
// …/drive/permission); records keep the names.
export const ACCESS = makeEnum<Access>('Access', ['ANYONE', 'ANYONE_WITH_LINK', 'DOMAIN', 'DOMAIN_WITH_LINK', 'PRIVATE']);
export const PERMISSION = makeEnum<Permission>('Permission', ['VIEW', 'EDIT', 'COMMENT', 'OWNER', 'ORGANIZER', 'FILE_ORGANIZER', 'NONE']);

export function need(what: string): void {
  requireScope(what, [SCOPES.drive, SCOPES.driveFile]);
}

function rec(id: string): DriveItemRec {
  return requireRead(store().drive.items[id]);
}

/** An email from a string or a User object, as the add/remove methods accept either. */
function emailOf(user: string | { getEmail(): string }): string {
  return typeof user === 'string' ? user : user.getEmail();
}

export class DriveUser implements Pick<GUser, 'getEmail' | 'getName' | 'getDomain'> {
  constructor(private email: string) {
    return strict('User', this);
  }
  getEmail(): string {
    return this.email;
  }
  /** Documented to return null when the name is not available; the emulator knows no names. */
  getName(): string {
    return null as unknown as string;
  }
  getDomain(): string {
    return domainOf(this.email);
  }
}

function user(email: string): GUser {
  return asGas<GUser>(new DriveUser(email));
}

type Shared =
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getUrl'
  | 'getDescription'
  | 'setDescription'
  | 'getDateCreated'
  | 'getLastUpdated'
  | 'getParents'
  | 'getOwner'
  | 'isTrashed'
  | 'setTrashed'
  | 'setSharing'
  | 'getSharingAccess'
  | 'getSharingPermission'
  | 'addEditor'
  | 'addEditors'
  | 'addViewer'
  | 'addViewers'
  | 'removeEditor'
  | 'removeViewer'
  | 'getEditors'
  | 'getViewers'
  | 'getSize';

/** What File and Folder share: identity, naming, dates, trash and sharing. */
abstract class DriveItem<G> {
  constructor(
    protected readonly _id: string,
    protected readonly _kind: 'File' | 'Folder',
  ) {}
  protected get _rec(): DriveItemRec {
    return rec(this._id);
  }
  protected _need(method: string): void {
    need(`DriveApp.${this._kind}.${method}`);
  }
  getId(): string {
    this._need('getId');
    return this._rec.id;
  }
  getName(): string {
    this._need('getName');
    return this._rec.name;
  }
  setName(name: string): G {
    this._need('setName');
    const r = requireEdit(this._rec);
    r.name = String(name);
    // A spreadsheet's name is its Drive file name.
    const ss = store().spreadsheets[r.id];
    if (ss) ss.name = r.name;
    return asGas<G>(this);
  }
  getDescription(): string | null {
    this._need('getDescription');
    // Apps Script answers null for an item that has no description.
    return this._rec.description === '' ? null : this._rec.description;
  }
  setDescription(description: string): G {
    this._need('setDescription');
    requireEdit(this._rec).description = String(description);
    return asGas<G>(this);
  }
  getDateCreated(): GoogleAppsScript.Base.Date {
    this._need('getDateCreated');
    return new Date(this._rec.created);
  }
  getLastUpdated(): GoogleAppsScript.Base.Date {
    this._need('getLastUpdated');
    return new Date(this._rec.updated);
  }
  getParents(): GoogleAppsScript.Drive.FolderIterator {
    this._need('getParents');
    const items = store().drive.items;
    const ids = this._rec.parents.filter((p) => items[p] && isListed(items[p], me()));
    return asGas(new FolderIterator(ids));
  }
  getOwner(): GUser {
    this._need('getOwner');
    return user(this._rec.owner);
  }
  isTrashed(): boolean {
    this._need('isTrashed');
    return isTrashedRec(this._rec);
  }
  setTrashed(trashed: boolean): G {
    this._need('setTrashed');
    const r = this._rec;
    // In My Drive only the owner can move an item to the trash.
    if (r.owner !== me()) throw new Error(ACCESS_DENIED);
    r.trashed = Boolean(trashed);
    return asGas<G>(this);
  }
  setSharing(accessType: GoogleAppsScript.Drive.Access, permissionType: GoogleAppsScript.Drive.Permission): G {
    this._need('setSharing');
    const access = enumArg(ACCESS, accessType, 'DriveApp.File.setSharing', accessType, permissionType);
    const permission = enumArg(PERMISSION, permissionType, 'DriveApp.File.setSharing', accessType, permissionType);
    requireEdit(this._rec).sharing = { access, permission };
    return asGas<G>(this);
  }
  getSharingAccess(): GoogleAppsScript.Drive.Access {
    this._need('getSharingAccess');
    return ACCESS[this._rec.sharing.access] as unknown as GoogleAppsScript.Drive.Access;
  }
  getSharingPermission(): GoogleAppsScript.Drive.Permission {
    this._need('getSharingPermission');
    return PERMISSION[this._rec.sharing.permission] as unknown as GoogleAppsScript.Drive.Permission;
  }
  addEditor(emailOrUser: string | GoogleAppsScript.Base.User): G {
    this._need('addEditor');
    this._addEditors([emailOf(emailOrUser)]);
    return asGas<G>(this);
  }
  addEditors(emails: string[]): G {
    this._need('addEditors');
    this._addEditors(emails.map(String));
    return asGas<G>(this);
  }
  addViewer(emailOrUser: string | GoogleAppsScript.Base.User): G {
    this._need('addViewer');
    this._addViewers([emailOf(emailOrUser)]);
    return asGas<G>(this);
  }
  addViewers(emails: string[]): G {
    this._need('addViewers');
    this._addViewers(emails.map(String));
    return asGas<G>(this);
  }
  removeEditor(emailOrUser: string | GoogleAppsScript.Base.User): G {
    this._need('removeEditor');
    const r = requireEdit(this._rec);
    const email = emailOf(emailOrUser);
    r.editors = r.editors.filter((e) => e !== email);
    return asGas<G>(this);
  }
  removeViewer(emailOrUser: string | GoogleAppsScript.Base.User): G {
    this._need('removeViewer');
    // Documented: no effect on a user who is an editor.
    const r = requireEdit(this._rec);
    const email = emailOf(emailOrUser);
    r.viewers = r.viewers.filter((e) => e !== email);
    return asGas<G>(this);
  }
  getEditors(): GUser[] {
    this._need('getEditors');
    const r = this._rec;
    return this._canEdit(r) ? r.editors.map(user) : [];
  }
  getViewers(): GUser[] {
    this._need('getViewers');
    const r = this._rec;
    return this._canEdit(r) ? r.viewers.map(user) : [];
  }
  getSize(): number {
    this._need('getSize');
    const r = this._rec;
    // Folders and Google files take no Drive storage: Apps Script reports 0 bytes for them.
    return r.content ? base64Decode(r.content).length : 0;
  }
  /** Documented: editor and viewer lists are empty to a user who cannot edit the item. */
  private _canEdit(r: DriveItemRec): boolean {
    const role = roleOf(r, me());
    return role === 'owner' || role === 'editor';
  }
  private _addEditors(emails: string[]): void {
    const r = requireEdit(this._rec);
    for (const email of emails) {
      if (email === r.owner) continue;
      // Documented: adding an editor promotes them out of the viewers.
      r.viewers = r.viewers.filter((v) => v !== email);
      if (!r.editors.includes(email)) r.editors.push(email);
    }
  }
  private _addViewers(emails: string[]): void {
    const r = requireEdit(this._rec);
    for (const email of emails) {
      // Documented: no effect for a user who is already an editor.
      if (email === r.owner || r.editors.includes(email) || r.viewers.includes(email)) continue;
      r.viewers.push(email);
    }
  }
}

const GOOGLE_URL: Record<string, string> = {
  [GOOGLE_MIME.document]: 'document',
  [GOOGLE_MIME.spreadsheet]: 'spreadsheets',
  [GOOGLE_MIME.form]: 'forms',
};

type FileSurface = Pick<GFile, Shared | 'getMimeType' | 'moveTo' | 'makeCopy' | 'getBlob' | 'getAs'>;

export class File extends DriveItem<GFile> implements FileSurface {
  constructor(id: string) {
    super(id, 'File');
    return strict('File', this);
  }
  getUrl(): string {
    this._need('getUrl');
    const r = this._rec;
    // DriveApp answers the Drive web view link, which carries "?usp=drivesdk".
    const app = GOOGLE_URL[r.mimeType];
    return app ? `https://docs.google.com/${app}/d/${r.id}/edit?usp=drivesdk` : `https://drive.google.com/file/d/${r.id}/view?usp=drivesdk`;
  }
  getMimeType(): string {
    this._need('getMimeType');
    return this._rec.mimeType;
  }
  moveTo(destination: GFolder): GFile {
    this._need('moveTo');
    moveItem(this._rec, destination);
    return asGas(this);
  }
  makeCopy(nameOrDestination?: string | GFolder, destination?: GFolder): GFile {
    this._need('makeCopy');
    const r = this._rec;
    const name = typeof nameOrDestination === 'string' ? nameOrDestination : `Copy of ${r.name}`;
    const dest = typeof nameOrDestination === 'object' && nameOrDestination !== null ? nameOrDestination : destination;
    // Without a destination the copy sits beside the original, or in My Drive if that folder is not the user's to edit.
    const beside = store().drive.items[r.parents[0]];
    const besideRole = beside ? roleOf(beside, me()) : undefined;
    const parentId = dest ? requireEdit(rec(dest.getId())).id : besideRole === 'owner' || besideRole === 'editor' ? beside.id : store().drive.rootId;
    const copy = addDriveItem({ id: newId(ID_PREFIX[r.mimeType] ?? 'f'), kind: 'file', name, mimeType: r.mimeType, parentId, content: r.content });
    copy.description = r.description;
    copyGoogleContent(r, copy);
    return asGas(new File(copy.id));
  }
  getBlob(): GBlob {
    this._need('getBlob');
    const r = this._rec;
    // Apps Script hands out a Google Doc's content as its PDF export.
    if (r.mimeType === GOOGLE_MIME.document) return pdfBlobOf(r);
    if (r.mimeType.startsWith('application/vnd.google-apps.')) throw new Error(`not emulated: File.getBlob for ${r.mimeType}`);
    return asGas(new Blob(base64Decode(r.content ?? ''), r.mimeType, r.name));
  }
  getAs(contentType: string): GBlob {
    this._need('getAs');
    const r = this._rec;
    if (r.mimeType === GOOGLE_MIME.document) {
      if (contentType !== PDF) throw new Error(`Converting from ${r.mimeType} to ${contentType} is not supported.`);
      return pdfBlobOf(r);
    }
    return this.getBlob().getAs(contentType);
  }
}

type FolderSurface = Pick<
  GFolder,
  Shared | 'moveTo' | 'createFolder' | 'createFile' | 'getFiles' | 'getFolders' | 'getFilesByName' | 'getFoldersByName' | 'getFilesByType'
>;

export class Folder extends DriveItem<GFolder> implements FolderSurface {
  constructor(id: string) {
    super(id, 'Folder');
    return strict('Folder', this);
  }
  getUrl(): string {
    this._need('getUrl');
    return `https://drive.google.com/drive/folders/${this._rec.id}`;
  }
  moveTo(destination: GFolder): GFolder {
    this._need('moveTo');
    moveItem(this._rec, destination);
    return asGas(this);
  }
  createFolder(name: string): GFolder {
    this._need('createFolder');
    return createFolderIn(requireEdit(this._rec).id, name);
  }
  createFile(nameOrBlob: string | GoogleAppsScript.Base.BlobSource, content?: string, mimeType?: string): GFile {
    this._need('createFile');
    return createFileIn(requireEdit(this._rec).id, nameOrBlob, content, mimeType);
  }
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    this._need('getFiles');
    return childFiles(this._rec.id, () => true);
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    this._need('getFilesByName');
    return childFiles(this._rec.id, (r) => r.name === name);
  }
  getFilesByType(mimeType: string): GoogleAppsScript.Drive.FileIterator {
    this._need('getFilesByType');
    return childFiles(this._rec.id, (r) => r.mimeType === mimeType);
  }
  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    this._need('getFolders');
    return childFolders(this._rec.id, () => true);
  }
  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    this._need('getFoldersByName');
    return childFolders(this._rec.id, (r) => r.name === name);
  }
}

abstract class ItemIterator<T> {
  private pos = 0;
  constructor(
    private readonly ids: string[],
    private readonly make: (id: string) => T,
  ) {}
  hasNext(): boolean {
    return this.pos < this.ids.length;
  }
  next(): T {
    if (this.pos >= this.ids.length) throw new Error(ITERATOR_END);
    return this.make(this.ids[this.pos++]);
  }
}

export class FileIterator extends ItemIterator<GFile> implements Pick<GoogleAppsScript.Drive.FileIterator, 'hasNext' | 'next'> {
  constructor(ids: string[]) {
    super(ids, (id) => asGas<GFile>(new File(id)));
    return strict('FileIterator', this);
  }
}

export class FolderIterator extends ItemIterator<GFolder> implements Pick<GoogleAppsScript.Drive.FolderIterator, 'hasNext' | 'next'> {
  constructor(ids: string[]) {
    super(ids, (id) => asGas<GFolder>(new Folder(id)));
    return strict('FolderIterator', this);
  }
}

/**
 * Listings include trashed items, as DriveApp's do (scripts check isTrashed()); the order is
 * creation order.
 */
export function listItems(kind: 'file' | 'folder', match: (r: DriveItemRec) => boolean): string[] {
  const s = store();
  const user = me();
  return Object.values(s.drive.items)
    .filter((r) => r.kind === kind && r.id !== s.drive.rootId && match(r) && isListed(r, user))
    .map((r) => r.id);
}

function childFiles(folderId: string, match: (r: DriveItemRec) => boolean): GoogleAppsScript.Drive.FileIterator {
  return asGas(new FileIterator(listItems('file', (r) => r.parents.includes(folderId) && match(r))));
}

function childFolders(folderId: string, match: (r: DriveItemRec) => boolean): GoogleAppsScript.Drive.FolderIterator {
  return asGas(new FolderIterator(listItems('folder', (r) => r.parents.includes(folderId) && match(r))));
}

function moveItem(item: DriveItemRec, destination: GFolder): void {
  requireEdit(item);
  const dest = requireEdit(rec(destination.getId()));
  if (dest.kind !== 'folder') throw new Error(NOT_FOUND);
  item.parents = [dest.id];
}

export function createFolderIn(parentId: string, name: string): GFolder {
  const item = addDriveItem({ id: newId('fld'), kind: 'folder', name: String(name), mimeType: GOOGLE_MIME.folder, parentId });
  return asGas(new Folder(item.id));
}

export function createFileIn(parentId: string, nameOrBlob: string | GoogleAppsScript.Base.BlobSource, content?: string, mimeType?: string): GFile {
  let name: string;
  let bytes: number[];
  let type: string;
  if (typeof nameOrBlob === 'object' && nameOrBlob !== null) {
    const blob = nameOrBlob.getBlob();
    name = blob.getName() ?? 'Untitled';
    bytes = blob.getBytes();
    type = blob.getContentType() ?? 'application/octet-stream';
  } else {
    name = String(nameOrBlob);
    bytes = utf8Encode(String(content ?? ''));
    type = mimeType ?? 'text/plain';
  }
  // Google files cannot be made from bytes through DriveApp (message not verified).
  if (type.startsWith('application/vnd.google-apps.')) throw new Error(`Invalid argument: file.contentType`);
  const item = addDriveItem({ id: newId('f'), kind: 'file', name, mimeType: type, parentId, content: base64Encode(bytes) });
  return asGas(new File(item.id));
}

const ID_PREFIX: Record<string, string> = { [GOOGLE_MIME.document]: 'doc', [GOOGLE_MIME.spreadsheet]: 'ss', [GOOGLE_MIME.form]: 'form' };

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A copy of a Google file carries a deep copy of its content under the new id. */
function copyGoogleContent(from: DriveItemRec, to: DriveItemRec): void {
  const s = store();
  const doc = s.documents[from.id];
  if (doc) s.documents[to.id] = { ...clone(savedDocument(doc)), id: to.id };
  const ss = s.spreadsheets[from.id];
  if (ss) {
    const copy = { ...clone(ss), id: to.id, name: to.name, formIds: [], toasts: [], selection: undefined };
    // The copy is not linked to the forms that submit into the original.
    for (const sheet of copy.sheets) delete sheet.formId;
    s.spreadsheets[to.id] = copy;
  }
  const form = s.forms[from.id];
  if (form) {
    // A copied form has no responses and no destination; its URLs follow the new id.
    const swap = (url: string) => url.split(from.id).join(to.id);
    s.forms[to.id] = { ...clone(form), id: to.id, responses: [], destination: undefined, editUrl: swap(form.editUrl), publishedUrl: swap(form.publishedUrl) };
  }
}

/**
 * A Google Doc exported as PDF: the emulator does not lay out pages inside the script's realm;
 * the blob's bytes are a JSON snapshot of the document that the host exporter renders.
 */
function pdfBlobOf(r: DriveItemRec): GBlob {
  const live = store().documents[r.id];
  const doc: DocumentRec = live ? savedDocument(live) : { id: r.id, body: [] };
  const snapshot = JSON.stringify({ emulatorPdfOf: doc, name: r.name });
  return asGas(new Blob(utf8Encode(snapshot), PDF, `${r.name}.pdf`));
}

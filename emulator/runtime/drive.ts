/**
 * DriveApp and MimeType over store.drive.items. Files and folders live in drive/items.ts,
 * who may see what in drive/access.ts. Every call needs the drive (or drive.file) scope, so
 * simple triggers cannot use DriveApp.
 */
import { store } from './context';
import { asGas, strict } from './strict';
import { requireRead, NOT_FOUND } from './drive/access';
import { ACCESS, createFileIn, createFolderIn, File, FileIterator, Folder, FolderIterator, listItems, need, PERMISSION } from './drive/items';

type GDriveApp = GoogleAppsScript.Drive.DriveApp;
type GFile = GoogleAppsScript.Drive.File;
type GFolder = GoogleAppsScript.Drive.Folder;

type DriveAppSurface = Pick<
  GDriveApp,
  | 'getRootFolder'
  | 'getFileById'
  | 'getFolderById'
  | 'getFiles'
  | 'getFolders'
  | 'getFilesByName'
  | 'getFoldersByName'
  | 'getFilesByType'
  | 'createFolder'
  | 'createFile'
>;

class DriveApp implements DriveAppSurface {
  readonly Access = ACCESS as unknown as typeof GoogleAppsScript.Drive.Access;
  readonly Permission = PERMISSION as unknown as typeof GoogleAppsScript.Drive.Permission;
  constructor() {
    return strict('DriveApp', this);
  }
  getRootFolder(): GFolder {
    need('DriveApp.getRootFolder');
    return asGas(new Folder(store().drive.rootId));
  }
  /** Trashed files are still returned by id (isTrashed() tells). Folders are files in Drive too. */
  getFileById(id: string): GFile {
    need('DriveApp.getFileById');
    const item = requireRead(store().drive.items[String(id)]);
    return asGas(new File(item.id));
  }
  getFolderById(id: string): GFolder {
    need('DriveApp.getFolderById');
    const item = requireRead(store().drive.items[String(id)]);
    if (item.kind !== 'folder') throw new Error(NOT_FOUND);
    return asGas(new Folder(item.id));
  }
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    need('DriveApp.getFiles');
    return asGas(new FileIterator(listItems('file', () => true)));
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    need('DriveApp.getFilesByName');
    return asGas(new FileIterator(listItems('file', (r) => r.name === name)));
  }
  getFilesByType(mimeType: string): GoogleAppsScript.Drive.FileIterator {
    need('DriveApp.getFilesByType');
    return asGas(new FileIterator(listItems('file', (r) => r.mimeType === mimeType)));
  }
  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    need('DriveApp.getFolders');
    return asGas(new FolderIterator(listItems('folder', () => true)));
  }
  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    need('DriveApp.getFoldersByName');
    return asGas(new FolderIterator(listItems('folder', (r) => r.name === name)));
  }
  createFolder(name: string): GFolder {
    need('DriveApp.createFolder');
    return createFolderIn(store().drive.rootId, name);
  }
  createFile(nameOrBlob: string | GoogleAppsScript.Base.BlobSource, content?: string, mimeType?: string): GFile {
    need('DriveApp.createFile');
    return createFileIn(store().drive.rootId, nameOrBlob, content, mimeType);
  }
}

export function createDriveApp(): GDriveApp {
  return asGas<GDriveApp>(new DriveApp());
}

/** Google's MIME type strings, as the MimeType enum holds them. */
export const MIME_TYPES: GoogleAppsScript.Base.MimeType = {
  GOOGLE_APPS_SCRIPT: 'application/vnd.google-apps.script',
  GOOGLE_DRAWINGS: 'application/vnd.google-apps.drawing',
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  GOOGLE_FORMS: 'application/vnd.google-apps.form',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_SITES: 'application/vnd.google-apps.site',
  GOOGLE_SLIDES: 'application/vnd.google-apps.presentation',
  FOLDER: 'application/vnd.google-apps.folder',
  SHORTCUT: 'application/vnd.google-apps.shortcut',
  BMP: 'image/bmp',
  GIF: 'image/gif',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  SVG: 'image/svg+xml',
  PDF: 'application/pdf',
  CSS: 'text/css',
  CSV: 'text/csv',
  HTML: 'text/html',
  JAVASCRIPT: 'application/javascript',
  PLAIN_TEXT: 'text/plain',
  RTF: 'application/rtf',
  OPENDOCUMENT_GRAPHICS: 'application/vnd.oasis.opendocument.graphics',
  OPENDOCUMENT_PRESENTATION: 'application/vnd.oasis.opendocument.presentation',
  OPENDOCUMENT_SPREADSHEET: 'application/vnd.oasis.opendocument.spreadsheet',
  OPENDOCUMENT_TEXT: 'application/vnd.oasis.opendocument.text',
  MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  MICROSOFT_EXCEL_LEGACY: 'application/vnd.ms-excel',
  MICROSOFT_POWERPOINT: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  MICROSOFT_POWERPOINT_LEGACY: 'application/vnd.ms-powerpoint',
  MICROSOFT_WORD: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  MICROSOFT_WORD_LEGACY: 'application/msword',
  ZIP: 'application/zip',
};

export function createMimeType(): GoogleAppsScript.Base.MimeType {
  return strict('MimeType', { ...MIME_TYPES });
}

/**
 * Plain-data Drive records shared by every service that creates files (Spreadsheet, Docs,
 * Forms, Drive itself). A Google file keeps its content in its own map (store.spreadsheets,
 * store.documents, store.forms) under the same id as its Drive item.
 */
import type { DriveItemRec } from '../store';
import { now, rt, store } from './context';

export const GOOGLE_MIME = {
  folder: 'application/vnd.google-apps.folder',
  spreadsheet: 'application/vnd.google-apps.spreadsheet',
  document: 'application/vnd.google-apps.document',
  form: 'application/vnd.google-apps.form',
} as const;

/** Records a new Drive item owned by the effective user, in `parentId` (default: My Drive). */
export function addDriveItem(fields: {
  id: string;
  kind: 'file' | 'folder';
  name: string;
  mimeType: string;
  parentId?: string;
  content?: string;
}): DriveItemRec {
  const s = store();
  const t = now();
  const item: DriveItemRec = {
    id: fields.id,
    kind: fields.kind,
    name: fields.name,
    mimeType: fields.mimeType,
    parents: [fields.parentId ?? s.drive.rootId],
    owner: rt().exec.effectiveUser,
    editors: [],
    viewers: [],
    sharing: { access: 'PRIVATE', permission: 'NONE' },
    trashed: false,
    starred: false,
    description: '',
    created: t,
    updated: t,
    content: fields.content,
  };
  s.drive.items[item.id] = item;
  return item;
}

export function driveItem(id: string): DriveItemRec | undefined {
  return store().drive.items[id];
}

/** Marks a file as modified now (what getLastUpdated reports). */
export function touchDriveItem(id: string): void {
  const item = store().drive.items[id];
  if (item) item.updated = now();
}

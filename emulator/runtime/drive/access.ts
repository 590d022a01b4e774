/**
 * Who may see and change a Drive item: the owner, editors and viewers named on the item or on
 * a folder above it, and link sharing (ANYONE…, DOMAIN… for the same domain). "My Drive" (the
 * root) is every user's own, so it grants nothing to the items in it.
 */
import type { DriveItemRec } from '../../store';
import { rt, store } from '../context';

export const NOT_FOUND = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
export const ACCESS_DENIED = 'Access denied: DriveApp.';

export type Role = 'owner' | 'editor' | 'viewer';

export function me(): string {
  return rt().exec.effectiveUser;
}

export function domainOf(email: string): string {
  return (email.split('@')[1] ?? '').toLowerCase();
}

/** The item and the folders above it, nearest first, stopping before the root. */
export function lineage(item: DriveItemRec): DriveItemRec[] {
  const s = store();
  const out: DriveItemRec[] = [];
  const seen = new Set<string>();
  let cur: DriveItemRec | undefined = item;
  while (cur && cur.id !== s.drive.rootId && !seen.has(cur.id)) {
    out.push(cur);
    seen.add(cur.id);
    cur = cur.parents.map((p) => s.drive.items[p]).find((p) => p !== undefined);
  }
  return out;
}

/** Role granted by name (owner, editors, viewers) on the item or inherited from a folder above it. */
export function namedRole(item: DriveItemRec, user: string): Role | undefined {
  if (item.id === store().drive.rootId) return 'owner';
  let best: Role | undefined;
  for (const [i, rec] of lineage(item).entries()) {
    if (rec.owner === user) return i === 0 ? 'owner' : 'editor';
    if (rec.editors.includes(user)) best = 'editor';
    else if (rec.viewers.includes(user) && !best) best = 'viewer';
  }
  return best;
}

function linkRole(item: DriveItemRec, user: string): Role | undefined {
  let best: Role | undefined;
  for (const rec of lineage(item)) {
    const { access, permission } = rec.sharing;
    const reaches =
      access === 'ANYONE' ||
      access === 'ANYONE_WITH_LINK' ||
      ((access === 'DOMAIN' || access === 'DOMAIN_WITH_LINK') && domainOf(user) === domainOf(rec.owner));
    if (!reaches) continue;
    if (permission === 'EDIT') return 'editor';
    if (permission === 'VIEW' || permission === 'COMMENT') best = 'viewer';
  }
  return best;
}

export function roleOf(item: DriveItemRec, user: string): Role | undefined {
  return namedRole(item, user) ?? linkRole(item, user);
}

/** Listings (getFiles, getFolders…) show what is in the user's Drive or shared with them by name. */
export function isListed(item: DriveItemRec, user: string): boolean {
  return namedRole(item, user) !== undefined;
}

export function requireRead(item: DriveItemRec | undefined): DriveItemRec {
  if (!item || !roleOf(item, me())) throw new Error(NOT_FOUND);
  return item;
}

export function requireEdit(item: DriveItemRec): DriveItemRec {
  const role = roleOf(item, me());
  if (role !== 'owner' && role !== 'editor') throw new Error(ACCESS_DENIED);
  return item;
}

/** A folder in the trash takes everything inside it along. */
export function isTrashedRec(item: DriveItemRec): boolean {
  return lineage(item).some((r) => r.trashed);
}

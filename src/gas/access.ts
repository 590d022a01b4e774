/**
 * Who may call what. The directory web app runs as the owner for anyone, and a page it serves
 * can call every top-level function of Code.js through google.script.run. So every entry point
 * except doGet (public data only) checks its caller first:
 * - help-desk actions (menus, sidebars): the signed-in caller must be an editor of the registry
 *   spreadsheet (owner included) or listed in the Settings key `helpdesk.team`;
 * - trigger handlers: the event must name one of this project's installed triggers.
 * A refusal reads and changes nothing, sends nothing and writes no Log line (an anonymous caller
 * must not be able to grow the Log); it leaves one console line in the executions log.
 */
import { SETTINGS } from '../domain/registry';
import { splitList } from '../domain/text';
import { readSettings } from './registry';

export const REFUSED = 'Only the help desk can do this. Ask a help-desk member to share the registry spreadsheet with you as an editor.';
export const TEAM_KEY = 'helpdesk.team';

/** Cache key and lifetime of the allowed list: a removed editor keeps access for at most this long. */
const CACHE_KEY = 'access.helpdesk.v1';
const CACHE_SECONDS = 300;

export class AccessDeniedError extends Error {
  constructor() {
    super(REFUSED);
    this.name = 'AccessDeniedError';
  }
}

function refuse(what: string): never {
  console.warn(`Refused ${what}: caller is not the help desk`);
  throw new AccessDeniedError();
}

/**
 * Lower-cased emails of the spreadsheet's owner and editors plus `helpdesk.team`, from the
 * script cache when `fresh` is false.
 */
function allowedEmails(fresh: boolean): string[] {
  const cache = CacheService.getScriptCache();
  const cached = fresh ? null : cache?.get(CACHE_KEY);
  if (cached) return JSON.parse(cached) as string[];
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) return [];
  const emails = ss.getEditors().map((u) => u.getEmail());
  const owner = ss.getOwner();
  if (owner) emails.push(owner.getEmail());
  if (ss.getSheetByName(SETTINGS.name)) {
    try {
      emails.push(...splitList(readSettings(ss).text(TEAM_KEY)));
    } catch {
      // A broken Settings sheet must not lock the editors out: they are the ones who repair it.
    }
  }
  const list = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')))];
  cache?.put(CACHE_KEY, JSON.stringify(list), CACHE_SECONDS);
  return list;
}

/** Throws AccessDeniedError unless the signed-in caller is the help desk. Returns their email. */
export function requireHelpDesk(what = 'a help-desk action'): string {
  const email = Session.getActiveUser().getEmail().trim().toLowerCase();
  if (!email) refuse(what);
  // The cached list admits known members cheaply; someone not in it is checked against a fresh
  // read, so a newly shared editor is admitted at once (a removed one keeps access ≤ 5 minutes).
  if (!allowedEmails(false).includes(email) && !allowedEmails(true).includes(email)) refuse(what);
  return email;
}

/** Throws AccessDeniedError unless `e` is the event of one of this project's installed triggers. */
export function requireTriggerEvent(e: unknown, what = 'a trigger handler', alsoKnown: () => string[] = () => []): void {
  const uid = e !== null && typeof e === 'object' ? (e as { triggerUid?: unknown }).triggerUid : undefined;
  if ((typeof uid !== 'string' && typeof uid !== 'number') || String(uid) === '') refuse(what);
  // `alsoKnown`: ids the script recorded when it made the trigger (a one-off may be gone from the
  // list as it fires; Set up's are cheaper to check this way). Otherwise the project's list decides.
  const known = alsoKnown().includes(String(uid)) || ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === String(uid));
  if (!known) refuse(what);
}

/**
 * Throws AccessDeniedError unless `e` is an edit event Sheets made: its `range` is a live Range
 * object. google.script.run passes only JSON (no functions), so a web-app caller cannot forge one;
 * and Sheets runs the onEdit simple trigger only for people who can edit the spreadsheet.
 */
export function requireEditEvent(e: unknown, what = 'onEdit'): GoogleAppsScript.Spreadsheet.Range {
  const range = e !== null && typeof e === 'object' ? (e as { range?: { getSheet?: unknown } }).range : undefined;
  if (!range || typeof range.getSheet !== 'function') refuse(what);
  return range as GoogleAppsScript.Spreadsheet.Range;
}

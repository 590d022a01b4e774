/** The Log sheet: an audit line for every action the tool takes. Never holds private data. */
import { LOG } from '../domain/registry';
import { oneLine } from '../domain/text';
import { isNewProblem, type StructureError } from './structure';
import { Table } from './table';

export interface LogEntry {
  action: string;
  subject: string;
  details: string;
}

export function currentUser(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

/** Appends entries in one write. */
export function appendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: LogEntry[]): void {
  if (entries.length === 0 || !ss.getSheetByName(LOG.name)) return;
  const user = currentUser();
  const time = new Date();
  Table.open(ss, LOG).append(entries.map((e) => ({ time, user, action: e.action, subject: e.subject, details: oneLine(e.details, 2000) })));
}

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('Open the registry spreadsheet first: this script must be bound to it.');
  return ss;
}

/**
 * A broken registry structure, logged once: the same problem met again (every hourly run, every
 * form submission) until it is fixed adds no line. Never throws (the Log may be what is broken).
 */
export function logStructureOnce(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, err: StructureError, action: string): void {
  try {
    if (!isNewProblem(err.message)) return;
    appendLog(
      ss,
      err.problems.map((p) => ({
        action: err.logAction,
        subject: p.column ? `${p.sheet} › ${p.column}` : p.sheet,
        details: `${action} stopped before writing anything. ${p.message}`,
      })),
    );
  } catch (e) {
    console.error(`${action}: ${err.message} (${String((e as Error).message ?? e)})`);
  }
}

const DAY_MS = 86400000;
const TRIMMED_ON = 'log.trimmedOn';

/** What a Log trim removed: how many rows, and the most frequent actions among them. */
export interface LogTrim {
  removed: number;
  /** "Email sent 300, Request received 150, …" (the five most frequent actions). */
  summary: string;
}

/**
 * Log retention: removes the Log rows older than `retentionDays`, at most once a day, in one
 * deleteRows call, and summarises them (rows per action) for the caller's own Log line. The Log
 * is appended in time order, so the old rows are the leading run of rows; if someone sorted the
 * Log, only that leading run goes (nothing recent is ever removed). The caller holds the lock.
 */
export function trimLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, retentionDays: number, now: Date = new Date()): LogTrim {
  const none: LogTrim = { removed: 0, summary: '' };
  if (!(retentionDays > 0)) return none;
  const today = now.toISOString().slice(0, 10);
  const props = PropertiesService.getDocumentProperties();
  if (props.getProperty(TRIMMED_ON) === today) return none;
  props.setProperty(TRIMMED_ON, today);
  const sheet = ss.getSheetByName(LOG.name);
  if (!sheet) return none;
  const last = sheet.getLastRow();
  if (last < 2) return none;
  const table = Table.open(ss, LOG);
  const timeCol = table.indexOf('time');
  const actionCol = table.indexOf('action');
  if (timeCol < 0) return none;
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const times = sheet.getRange(2, timeCol + 1, last - 1, 1).getValues();
  let old = 0;
  while (old < times.length && times[old][0] instanceof Date && (times[old][0] as Date).getTime() < cutoff) old++;
  if (old === 0) return none;
  const perAction = new Map<string, number>();
  if (actionCol >= 0) {
    for (const [a] of sheet.getRange(2, actionCol + 1, old, 1).getValues()) perAction.set(String(a), (perAction.get(String(a)) ?? 0) + 1);
  }
  // Sheets refuses to delete every non-frozen row: keep one empty row below the header.
  if (old >= sheet.getMaxRows() - 1) sheet.insertRowsAfter(sheet.getMaxRows(), 1);
  sheet.deleteRows(2, old);
  const top = [...perAction.entries()].sort((a, b) => b[1] - a[1]);
  const summary =
    top
      .slice(0, 5)
      .map(([a, n]) => `${a} ${n}`)
      .join(', ') + (top.length > 5 ? ', …' : '');
  return { removed: old, summary };
}

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
    appendLog(ss, err.problems.map((p) => ({ action: err.logAction, subject: p.column ? `${p.sheet} › ${p.column}` : p.sheet, details: `${action} stopped before writing anything. ${p.message}` })));
  } catch (e) {
    console.error(`${action}: ${err.message} (${String((e as Error).message ?? e)})`);
  }
}

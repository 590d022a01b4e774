/** The Log sheet: an audit line for every action the tool takes. Never holds private data. */
import { LOG } from '../domain/registry';
import { oneLine } from '../domain/text';
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

/** The Log sheet: an audit line for every action the tool takes. */
import { LOG } from '../domain/registry';
import { readHeaders } from './sheets';

export interface LogEntry {
  action: string;
  subject: string;
  details: string;
}

export function currentUser(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

/** Appends entries in one write, matching columns by header. Text is stored as text. */
export function appendLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: LogEntry[]): void {
  const sheet = ss.getSheetByName(LOG.name);
  if (!sheet || entries.length === 0) return;
  const headers = readHeaders(sheet);
  const user = currentUser();
  const now = new Date();
  const rows = entries.map((e) =>
    headers.map((h) => {
      switch (h) {
        case 'Time': return now;
        case 'User': return user;
        case 'Action': return e.action;
        case 'Subject': return e.subject;
        case 'Details': return e.details;
        default: return '';
      }
    }),
  );
  const start = sheet.getLastRow() + 1;
  const range = sheet.getRange(start, 1, rows.length, headers.length);
  // Log text can hold anything a user typed: "@" keeps it text, never a formula.
  sheet.getRange(start, 2, rows.length, headers.length - 1).setNumberFormat('@');
  range.setValues(rows);
}

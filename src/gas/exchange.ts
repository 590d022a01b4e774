/**
 * Writes each trainer's exchange-agreement status into the Trainers column "Exchange agreement"
 * (see domain/exchange.ts): after Set up, a profile response, an edit of Agreements or Trainers
 * (the onEdit simple trigger), and every hourly run — so "expiring" and "expired" follow the
 * calendar. Only cells whose text changes are written.
 */
import { exchangeAgreementStatus, exchangeAgreementText } from '../domain/exchange';
import { AGREEMENTS, TRAINERS, type AgreementRow, type TrainerRow } from '../domain/registry';
import { Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** yyyy-MM-dd in the spreadsheet's time zone. */
export function dateFormatter(ss: Spreadsheet): (d: Date) => string {
  const tz = ss.getSpreadsheetTimeZone() || 'UTC';
  return (d) => Utilities.formatDate(d, tz, 'yyyy-MM-dd');
}

/** The Agreements rows (typed), read once. */
export function readAgreements(ss: Spreadsheet): AgreementRow[] {
  return Table.open(ss, AGREEMENTS)
    .rows()
    .map((r) => r.row);
}

/** The column text for one trainer row. */
export function exchangeText(row: TrainerRow, agreements: readonly AgreementRow[], now: Date, formatDate: (d: Date) => string): string {
  return exchangeAgreementText(exchangeAgreementStatus(row, agreements, now), formatDate);
}

/** Recomputes every trainer's status; returns how many rows changed. */
export function refreshExchangeStatus(ss: Spreadsheet, now: Date = new Date(), lists: Record<string, string[]> = {}): number {
  const trainers = Table.open(ss, TRAINERS, lists);
  const agreements = readAgreements(ss);
  const fmt = dateFormatter(ss);
  let changed = 0;
  for (const r of trainers.rows()) {
    if (!r.raw('id') && !r.raw('name')) continue;
    const text = exchangeText(r.row, agreements, now, fmt);
    if (r.text('exchangeAgreement') === text) continue;
    trainers.update(r, { exchangeAgreement: text });
    changed++;
  }
  return changed;
}

/** The column held a dropdown of status words before it held dates: Set up removes it (one check). */
export function clearLegacyExchangeDropdown(ss: Spreadsheet): void {
  const sheet = ss.getSheetByName(TRAINERS.name);
  if (!sheet) return;
  const trainers = new Table(sheet, TRAINERS);
  const at = trainers.indexOf('exchangeAgreement');
  if (at < 0 || sheet.getMaxRows() < 2) return;
  if (sheet.getRange(2, at + 1).getDataValidation()) sheet.getRange(2, at + 1, sheet.getMaxRows() - 1, 1).clearDataValidations();
}

/** Sheet-level adapters over SpreadsheetApp: creating and repairing registry sheets. */
import { missingHeaders, type SheetSpec } from '../domain/registry';

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('Open the registry spreadsheet first: this script must be bound to it.');
  return ss;
}

/** The header row as text (empty sheet → []). One read. */
export function readHeaders(sheet: GoogleAppsScript.Spreadsheet.Sheet): string[] {
  const width = sheet.getLastColumn();
  if (width === 0) return [];
  return sheet.getRange(1, 1, 1, width).getDisplayValues()[0].map((h) => h.trim());
}

export interface EnsureResult {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  created: boolean;
  addedHeaders: string[];
}

/**
 * Makes the sheet match its spec without touching data: creates it if missing, appends
 * missing headers after the last existing column, and freezes the header row.
 */
export function ensureSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: SheetSpec): EnsureResult {
  let sheet = ss.getSheetByName(spec.name);
  const created = !sheet;
  if (!sheet) sheet = ss.insertSheet(spec.name, ss.getSheets().length);
  const existing = readHeaders(sheet);
  const added = missingHeaders(spec, existing);
  if (added.length) {
    const header = sheet.getRange(1, existing.length + 1, 1, added.length);
    header.setNumberFormat('@').setValues([added]).setFontWeight('bold');
  }
  if (sheet.getFrozenRows() !== spec.frozenRows) sheet.setFrozenRows(spec.frozenRows);
  return { sheet, created, addedHeaders: added };
}

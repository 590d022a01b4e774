/**
 * Plain-data operations on stored spreadsheets, shared by the Spreadsheet fakes and by other
 * services that write into sheets (Forms writing responses, Drive copying files).
 */
import type { CellRec, CellValue, SheetRec, SpreadsheetRec, Store } from '../store';
import { newId, store } from './context';

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export function newSpreadsheetRec(name: string, opts: { rows?: number; columns?: number } = {}): SpreadsheetRec {
  const id = newId('ss');
  const rec: SpreadsheetRec = {
    id,
    name,
    timeZone: store().script.timeZone,
    locale: 'en_US',
    sheets: [],
    nextSheetId: 0,
    namedRanges: {},
    toasts: [],
    formIds: [],
  };
  insertSheetRec(rec, 'Sheet1', 0, opts);
  store().spreadsheets[id] = rec;
  return rec;
}

export function newSheetRec(sheetId: number, name: string, index: number, opts: { rows?: number; columns?: number } = {}): SheetRec {
  return {
    sheetId,
    name,
    index,
    rows: [],
    maxRows: opts.rows ?? DEFAULT_ROWS,
    maxColumns: opts.columns ?? DEFAULT_COLUMNS,
    frozenRows: 0,
    frozenColumns: 0,
    hidden: false,
    validations: [],
    conditionalRules: [],
    protections: [],
    columnWidths: {},
  };
}

/** Inserts a sheet at `index` (0-based); throws like Apps Script when the name is taken. */
export function insertSheetRec(ss: SpreadsheetRec, name: string, index = ss.sheets.length, opts: { rows?: number; columns?: number } = {}): SheetRec {
  if (ss.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }
  // The first sheet of a new spreadsheet has gid 0; later ones get large ids, as in Sheets.
  const sheetId = ss.sheets.length === 0 && ss.nextSheetId === 0 ? 0 : 100000000 + ++ss.nextSheetId * 7919;
  if (ss.nextSheetId === 0) ss.nextSheetId = 1;
  const sheet = newSheetRec(sheetId, name, index, opts);
  ss.sheets.splice(index, 0, sheet);
  ss.sheets.forEach((s, i) => (s.index = i));
  return sheet;
}

export function getCell(sheet: SheetRec, row0: number, col0: number): CellRec | undefined {
  const r = sheet.rows[row0];
  return r ? r[col0] : undefined;
}

export function setCell(sheet: SheetRec, row0: number, col0: number, cell: CellRec | undefined): void {
  let r = sheet.rows[row0];
  if (!r) {
    if (!cell) return;
    while (sheet.rows.length < row0) sheet.rows.push([]);
    r = sheet.rows[row0] = [];
  }
  while (r.length < col0) r.push(undefined);
  r[col0] = cell;
}

export function isEmptyCell(cell: CellRec | undefined): boolean {
  return !cell || (cell.v === '' && !cell.f);
}

/** Last row (1-based) holding content; 0 for an empty sheet (as Sheet.getLastRow). */
export function lastRow(sheet: SheetRec): number {
  for (let r = sheet.rows.length - 1; r >= 0; r--) {
    const row = sheet.rows[r];
    if (row && row.some((c) => !isEmptyCell(c))) return r + 1;
  }
  return 0;
}

/** Last column (1-based) holding content; 0 for an empty sheet (as Sheet.getLastColumn). */
export function lastColumn(sheet: SheetRec): number {
  let max = 0;
  for (const row of sheet.rows) {
    if (!row) continue;
    for (let c = row.length - 1; c >= max; c--) {
      if (!isEmptyCell(row[c])) {
        max = c + 1;
        break;
      }
    }
  }
  return max;
}

/**
 * Sheets keeps a form response attached to its row: when rows move (sorted, inserted above,
 * deleted), an edited response is still written into the row that holds it. `map` takes the
 * old 1-based row and gives the new one (undefined: the row was deleted, so an edit is appended).
 */
export function remapResponseRows(s: Store, sheet: SheetRec, map: (row1: number) => number | undefined): void {
  if (!sheet.formId) return;
  const form = s.forms[sheet.formId];
  if (!form || form.destination?.sheetId !== sheet.sheetId) return;
  for (const r of form.responses) if (r.destinationRow) r.destinationRow = map(r.destinationRow);
}

/** Sheets' sort order: numbers and dates, then text (case-insensitive), then booleans. */
export function compareCellValues(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue): number => (typeof v === 'number' || typeof v === 'object' ? 0 : typeof v === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'string' && typeof b === 'string') {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : 0;
  }
  const na = typeof a === 'object' ? a.date : Number(a);
  const nb = typeof b === 'object' ? b.date : Number(b);
  return na - nb;
}

export interface SortSpec {
  column: number;
  ascending: boolean;
}

/**
 * The order of `rows` (cells) by the sort specs (absolute 1-based columns, `firstCol` the
 * column of rows[i][0]); empty cells always last; stable. Returns old indices in new order.
 */
export function sortOrder(rows: (CellRec | undefined)[][], firstCol: number, specs: SortSpec[]): number[] {
  const order = rows.map((_, i) => i);
  order.sort((ia, ib) => {
    for (const { column, ascending } of specs) {
      const x = rows[ia][column - firstCol];
      const y = rows[ib][column - firstCol];
      const ex = isEmptyCell(x);
      const ey = isEmptyCell(y);
      if (ex || ey) {
        if (ex && ey) continue;
        return ex ? 1 : -1;
      }
      const d = compareCellValues(x!.v, y!.v);
      if (d !== 0) return ascending ? d : -d;
    }
    return ia - ib;
  });
  return order;
}

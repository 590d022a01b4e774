/**
 * A registry sheet as a typed table: columns found by header, one getValues per read and one
 * setValues per write, every string written as literal text (see domain/rows.ts).
 */
import type { SheetSpec } from '../domain/registry';
import { readRow, writeRow, headerIndex, type Row, type RowProblem } from '../domain/rows';

export interface TableRow {
  /** 1-based sheet row number. */
  rowNumber: number;
  row: Row;
  /** The cells as read, in header order (kept for columns the registry does not know). */
  cells: unknown[];
  problems: RowProblem[];
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class Table {
  private cachedHeaders: string[] | undefined;
  private cachedRows: TableRow[] | undefined;

  constructor(
    readonly sheet: Sheet,
    readonly spec: SheetSpec,
    private readonly lists: Record<string, string[]> = {},
  ) {}

  /** The table of a registry sheet; tells the help desk what to do when it is missing. */
  static open(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: SheetSpec, lists: Record<string, string[]> = {}): Table {
    const sheet = ss.getSheetByName(spec.name);
    if (!sheet) throw new Error(`The "${spec.name}" sheet is missing. Choose Training Help Desk → Set up registry to repair the registry.`);
    return new Table(sheet, spec, lists);
  }

  /** Header row; read together with the data when rows() has run. */
  headers(): string[] {
    if (!this.cachedHeaders) {
      const width = this.sheet.getLastColumn();
      this.cachedHeaders = width ? this.sheet.getRange(1, 1, 1, width).getValues()[0].map((h) => String(h).trim()) : [];
    }
    return this.cachedHeaders;
  }

  /** Every data row, typed and checked. One read of the whole sheet. */
  rows(): TableRow[] {
    if (!this.cachedRows) {
      const values = this.sheet.getDataRange().getValues();
      this.cachedHeaders = (values[0] ?? []).map((h) => String(h).trim());
      const headers = this.cachedHeaders;
      this.cachedRows = [];
      for (let i = 1; i < values.length; i++) {
        const cells = values[i];
        if (cells.every((c) => c === '' || c === false)) continue;
        const { row, problems } = readRow(this.spec, headers, cells, this.lists);
        this.cachedRows.push({ rowNumber: i + 1, row, cells, problems });
      }
    }
    return this.cachedRows;
  }

  /** Whether the sheet has a column for this key. */
  has(key: string): boolean {
    const col = this.spec.columns.find((c) => c.key === key);
    return !!col && headerIndex(this.headers()).has(col.header.toLowerCase());
  }

  /** Appends rows after the last row in one write; returns the first new row number. */
  append(rows: Row[]): number {
    const headers = this.headers();
    const start = this.sheet.getLastRow() + 1;
    if (rows.length === 0) return start;
    const cells = rows.map((r) => writeRow(this.spec, headers, r));
    // A range past the sheet's last row does not exist: grow the grid first (appendRow would, setValues does not).
    const maxRows = this.sheet.getMaxRows();
    const lastNeeded = start + cells.length - 1;
    if (lastNeeded > maxRows) this.sheet.insertRowsAfter(maxRows, lastNeeded - maxRows);
    this.sheet.getRange(start, 1, cells.length, headers.length).setValues(cells);
    if (this.cachedRows) rows.forEach((row, i) => this.cachedRows!.push({ rowNumber: start + i, row, cells: cells[i], problems: [] }));
    return start;
  }

  /** Rewrites one row (merging `changes` into what was read) in one write. */
  update(existing: TableRow, changes: Row): TableRow {
    const headers = this.headers();
    const row = { ...existing.row, ...changes };
    const cells = writeRow(this.spec, headers, row, existing.cells);
    this.sheet.getRange(existing.rowNumber, 1, 1, headers.length).setValues([cells]);
    const updated = { ...existing, row, cells };
    if (this.cachedRows) this.cachedRows = this.cachedRows.map((r) => (r.rowNumber === existing.rowNumber ? updated : r));
    return updated;
  }

  /** 1-based column number of a key, or 0 when the sheet lacks it. */
  columnNumber(key: string): number {
    const col = this.spec.columns.find((c) => c.key === key);
    const i = col ? headerIndex(this.headers()).get(col.header.toLowerCase()) : undefined;
    return i === undefined ? 0 : i + 1;
  }
}

/** The next id with a prefix, one above the highest existing ("R-00041" → "R-00042"). */
export function nextId(prefix: string, existing: string[], width = 5): string {
  let max = 0;
  const re = new RegExp(`^${prefix}-(\\d+)$`);
  for (const id of existing) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${String(max + 1).padStart(width, '0')}`;
}

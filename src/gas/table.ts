/**
 * A registry sheet as a typed table: columns found by header, one getValues per read and one
 * setValues per write, every string written as literal text (see domain/rows.ts).
 * Rows are typed lazily: looking up a key column across 10,000 rows does not parse them all.
 */
import type { AnyRow, RowValue, SheetSpec } from '../domain/registry';
import { headerIndex, keptCell, readRow, writeRow, type Cell, type RowProblem } from '../domain/rows';
import { missingSheetProblem, StructureError, structureProblems } from './structure';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class TableRow<R extends AnyRow = AnyRow> {
  private parsed: { row: R; problems: RowProblem[] } | undefined;

  constructor(
    private readonly table: Table<R>,
    /** 1-based sheet row number. */
    readonly rowNumber: number,
    /** The cells as read, in header order (kept for columns the registry does not know). */
    readonly cells: unknown[],
    known?: R,
  ) {
    if (known) this.parsed = { row: known, problems: [] };
  }

  /** The typed row (parsed on first use). */
  get row(): R {
    return this.typed().row;
  }

  /** What the row's schema says is wrong with it. */
  get problems(): RowProblem[] {
    return this.typed().problems;
  }

  /** A cell's raw value by column key, without typing the row ("" when the sheet lacks the column). */
  raw(key: keyof R & string): unknown {
    const i = this.table.indexOf(key);
    return i < 0 ? '' : this.cells[i];
  }

  /** A cell as text without typing the row ("" when blank or when the sheet lacks the column; a date as ISO). */
  text(key: keyof R & string): string {
    const v = this.raw(key);
    return v instanceof Date ? v.toISOString() : v === undefined || v === null ? '' : String(v);
  }

  private typed(): { row: R; problems: RowProblem[] } {
    if (!this.parsed) this.parsed = this.table.parse(this.cells);
    return this.parsed;
  }
}

export class Table<R extends AnyRow = AnyRow> {
  private cachedHeaders: string[] | undefined;
  private cachedIndex: Map<string, number> | undefined;
  private cachedRows: TableRow<R>[] | undefined;
  private cachedLastRow: number | undefined;
  private issuedIds: string[] | undefined;
  /** Opened by an action (Table.open): a missing managed or required column stops it. */
  private guarded = false;

  constructor(
    readonly sheet: Sheet,
    readonly spec: SheetSpec<R>,
    private readonly lists: Record<string, string[]> = {},
  ) {}

  /**
   * The table of a registry sheet for an action. The structure guard: a missing sheet, or a
   * header row without a column the script manages or requires, throws a StructureError when
   * the headers are first read — before the action can write anything from this table.
   */
  static open<R extends AnyRow>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: SheetSpec<R>, lists: Record<string, string[]> = {}): Table<R> {
    const sheet = ss.getSheetByName(spec.name);
    if (!sheet) throw new StructureError([missingSheetProblem(spec)]);
    const table = new Table(sheet, spec, lists);
    table.guarded = true;
    return table;
  }

  /** Header row; read together with the data when rows() has run. */
  headers(): string[] {
    if (!this.cachedHeaders) {
      const width = this.sheet.getLastColumn();
      this.setHeaders(width ? this.sheet.getRange(1, 1, 1, width).getValues()[0] : []);
    }
    return this.cachedHeaders!;
  }

  private setHeaders(cells: unknown[]): void {
    const headers = cells.map((h) => String(h).trim());
    if (this.guarded) {
      const problems = structureProblems(this.spec, headers);
      if (problems.length) throw new StructureError(problems);
    }
    this.cachedHeaders = headers;
    this.cachedIndex = headerIndex(this.cachedHeaders);
  }

  /** 0-based position of a column key in the sheet, or -1 when the sheet lacks it. */
  indexOf(key: keyof R & string): number {
    return this.indexByKey(key);
  }

  private indexByKey(key: string): number {
    this.headers();
    const col = this.spec.columns.find((c) => c.key === key);
    return col ? (this.cachedIndex!.get(col.header.toLowerCase()) ?? -1) : -1;
  }

  parse(cells: unknown[]): { row: R; problems: RowProblem[] } {
    return readRow(this.spec, this.headers(), cells, this.lists);
  }

  /** Every non-empty data row. One read of the whole sheet. */
  rows(): TableRow<R>[] {
    if (!this.cachedRows) {
      const values = this.sheet.getDataRange().getValues();
      this.setHeaders(values[0] ?? []);
      this.cachedRows = [];
      for (let i = 1; i < values.length; i++) {
        const cells = values[i];
        if (cells.every((c) => c === '' || c === false)) continue;
        this.cachedRows.push(new TableRow(this, i + 1, cells));
      }
    }
    return this.cachedRows;
  }

  /**
   * One column's cells with their sheet row numbers, rows 2 to the last: one read of that column
   * only (from rows() when the whole sheet was read already). For a lookup that must not cost a
   * read of every column of a large sheet (one form submission against 10,000 requests).
   */
  column(key: keyof R & string): { rowNumber: number; value: unknown }[] {
    return this.columnByKey(key);
  }

  private columnByKey(key: string): { rowNumber: number; value: unknown }[] {
    const i = this.indexByKey(key);
    if (this.cachedRows) return this.cachedRows.map((r) => ({ rowNumber: r.rowNumber, value: i < 0 ? '' : r.cells[i] }));
    const last = this.lastRow();
    if (i < 0 || last < 2) return [];
    return this.sheet
      .getRange(2, i + 1, last - 1, 1)
      .getValues()
      .map((cells, k) => ({ rowNumber: k + 2, value: cells[0] }))
      .filter((c) => c.value !== '');
  }

  /** One data row, read alone (or from rows() when the whole sheet was read already). */
  rowAt(rowNumber: number): TableRow<R> | undefined {
    if (this.cachedRows) return this.cachedRows.find((r) => r.rowNumber === rowNumber);
    const width = this.headers().length;
    if (rowNumber < 2 || rowNumber > this.lastRow() || width === 0) return undefined;
    return new TableRow(this, rowNumber, this.sheet.getRange(rowNumber, 1, 1, width).getValues()[0]);
  }

  /**
   * The sheet's last row for reads, asked once per table (the action holds the script lock): a
   * column read and a row lookup cost one call between them. Appends ask again.
   */
  private lastRow(): number {
    this.cachedLastRow ??= this.sheet.getLastRow();
    return this.cachedLastRow;
  }

  /** A new id one above the highest in the sheet and above those handed out since ("R-00041" → "R-00042"). */
  newId(prefix: string, width = 5): string {
    this.issuedIds ??= this.columnByKey('id').map((c) => String(c.value));
    const id = nextId(prefix, this.issuedIds, width);
    this.issuedIds.push(id);
    return id;
  }

  /** Appends rows after the last row; writes only the registry's columns (one setValues per run of them). */
  append(rows: Partial<R>[]): TableRow<R>[] {
    if (rows.length === 0) return [];
    const headers = this.headers();
    // Asked afresh: another Table of the same sheet may have appended since this one looked.
    const start = this.sheet.getLastRow() + 1;
    const cells = rows.map((r) => writeRow(this.spec, headers, r));
    this.cachedLastRow = start + cells.length - 1;
    // A range past the sheet's last row does not exist: grow the grid first (appendRow would,
    // setValues does not), by a block so that it happens once in many appends.
    const maxRows = this.sheet.getMaxRows();
    const lastNeeded = start + cells.length - 1;
    if (lastNeeded > maxRows) this.sheet.insertRowsAfter(maxRows, Math.max(lastNeeded - maxRows, 500));
    // The help desk's own columns (a formula filled down, a date) are theirs, even on new rows.
    this.writeRuns(start, cells, this.knownColumns());
    const added = rows.map((row, i) => new TableRow(this, start + i, asRead(cells[i]), row as R));
    if (this.cachedRows) this.cachedRows.push(...added);
    return added;
  }

  /**
   * Writes the cells the action changed, and only those: columns of `changes` whose value
   * differs from what was read, in one setValues per contiguous run. Columns the registry does
   * not know and unchanged cells are never written, so a formula, a hand-typed date or a
   * format the help desk put there stays as it is.
   */
  update(existing: TableRow<R>, changes: Partial<R>): TableRow<R> {
    const headers = this.headers();
    const row: R = { ...existing.row, ...changes };
    const changed: number[] = [];
    for (const [key, value] of Object.entries(changes)) {
      const i = this.indexByKey(key);
      if (i >= 0 && !sameValue(existing.row[key], value)) changed.push(i);
    }
    if (changed.length === 0) return existing;
    changed.sort((a, b) => a - b);
    const cells = writeRow(this.spec, headers, row, existing.cells);
    this.writeRuns(existing.rowNumber, [cells], changed);
    const read = existing.cells.slice();
    for (const i of changed) read[i] = asRead([cells[i]])[0];
    const updated = new TableRow(this, existing.rowNumber, read, row);
    if (this.cachedRows) this.cachedRows = this.cachedRows.map((r) => (r.rowNumber === existing.rowNumber ? updated : r));
    return updated;
  }

  /**
   * An update in two halves, for a write that must follow a side effect with as few calls as
   * possible in between: the range (one span from the first to the last changed column) is
   * fetched now, and `write()` is then a single setValues. Used to mark an email sent right
   * after MailApp.sendEmail, so a crash between the two is one call wide.
   */
  prepareUpdate(existing: TableRow<R>, changes: Partial<R>): { write(): TableRow<R> } {
    const headers = this.headers();
    const row: R = { ...existing.row, ...changes };
    const changed = Object.keys(changes)
      .map((k) => this.indexByKey(k))
      .filter((i) => i >= 0);
    if (changed.length === 0) return { write: () => existing };
    const from = Math.min(...changed);
    const to = Math.max(...changed);
    const cells = writeRow(this.spec, headers, row, existing.cells);
    // Unchanged cells inside the span are written back as read (a value the schema refused stays).
    for (let i = from; i <= to; i++) if (!changed.includes(i)) cells[i] = keptCell(existing.cells[i]);
    const range = this.sheet.getRange(existing.rowNumber, from + 1, 1, to - from + 1);
    return {
      write: () => {
        range.setValues([cells.slice(from, to + 1)]);
        const read = existing.cells.slice();
        for (let i = from; i <= to; i++) read[i] = asRead([cells[i]])[0];
        const updated = new TableRow(this, existing.rowNumber, read, row);
        if (this.cachedRows) this.cachedRows = this.cachedRows.map((r) => (r.rowNumber === existing.rowNumber ? updated : r));
        return updated;
      },
    };
  }

  /** Writes one column for the given rows (one setValues over their span, other cells rewritten as read). */
  writeColumn(rows: TableRow[], key: string, value: unknown): void {
    const col = this.indexOf(key);
    if (col < 0 || rows.length === 0) return;
    const marked = new Set(rows.map((r) => r.rowNumber));
    const all = this.rows();
    const first = Math.min(...marked);
    const last = Math.max(...marked);
    const values: unknown[][] = [];
    for (let n = first; n <= last; n++) {
      const row = all.find((r) => r.rowNumber === n);
      values.push([marked.has(n) ? value : (row?.cells[col] ?? '')]);
    }
    this.sheet.getRange(first, col + 1, values.length, 1).setValues(values);
  }

  /** Copies column `from` into column `to` on rows 2 … `lastRow`, values as read (one read, one write). */
  copyColumn(from: string, to: string, lastRow: number): void {
    const fromAt = this.indexOf(from);
    const toAt = this.indexOf(to);
    if (fromAt < 0 || toAt < 0 || lastRow < 2) return;
    const values = this.sheet.getRange(2, fromAt + 1, lastRow - 1, 1).getValues();
    this.sheet.getRange(2, toAt + 1, lastRow - 1, 1).setValues(values);
  }

  /** Rewrites the notes of the data area (rows 2 … `lastRow`, every header's column): one read, one write. */
  rewriteNotes(lastRow: number, edit: (notes: string[][]) => string[][]): void {
    const range = this.sheet.getRange(2, 1, lastRow - 1, this.headers().length);
    range.setNotes(edit(range.getNotes()));
  }

  /** 0-based positions of the columns the registry knows, in sheet order. */
  private knownColumns(): number[] {
    return this.spec.columns
      .map((c) => this.indexByKey(c.key))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b);
  }

  /** Writes `cells` (rows in header order) from `firstRow`, only at `columns` (sorted): one setValues per contiguous run. */
  private writeRuns(firstRow: number, cells: Cell[][], columns: number[]): void {
    for (let k = 0; k < columns.length;) {
      let end = k;
      while (end + 1 < columns.length && columns[end + 1] === columns[end] + 1) end++;
      const from = columns[k];
      const width = columns[end] - from + 1;
      this.sheet.getRange(firstRow, from + 1, cells.length, width).setValues(cells.map((line) => line.slice(from, from + width)));
      k = end + 1;
    }
  }
}

/** The same typed value (dates by instant, lists by items): then the cell is not written. */
function sameValue(a: RowValue, b: RowValue): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.join('\u0000') === b.join('\u0000');
  return (a ?? '') === (b ?? '');
}

/** Cells as getValues will return them: the apostrophe that keeps text literal is not part of the value. */
function asRead(cells: unknown[]): unknown[] {
  return cells.map((c) => (typeof c === 'string' && c.startsWith("'") ? c.slice(1) : c));
}

/** 1-based numbers of the rows the person has selected (in any of their ranges) on the active sheet. */
export function selectedRowNumbers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Set<number> {
  const rows = new Set<number>();
  for (const range of ss.getActiveRangeList()?.getRanges() ?? []) {
    for (let r = range.getRow(); r < range.getRow() + range.getNumRows(); r++) rows.add(r);
  }
  return rows;
}

function nextId(prefix: string, existing: string[], width = 5): string {
  let max = 0;
  const re = new RegExp(`^${prefix}-(\\d+)$`);
  for (const id of existing) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${String(max + 1).padStart(width, '0')}`;
}

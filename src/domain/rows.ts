/**
 * The sheet boundary: untyped cells become typed rows here, and rows become cells. Each cell
 * is checked against its column's zod type from the sheet's one declaration (domain/registry.ts),
 * so a sheet's description and its validation can never drift apart. A blank cell ("") is absent.
 */
import type { AnyRow, ColumnSpec, RowValue, SheetSpec } from './registry';
import { asLiteralText, fitsListCell, joinList, normaliseEmail, splitListCell } from './text';

export type Cell = string | number | boolean | Date;
/** A row of any sheet (generic code: Set up, Check registry); actions use their sheet's row type (RequestRow…). */
export type Row = AnyRow;

const blank = (v: unknown): unknown => (v === '' || v === null || v === undefined ? undefined : v);

/** What is wrong with a well-typed value under the registry's rules, if anything. */
function ruleProblem(col: ColumnSpec, value: RowValue, lists: Record<string, string[]>): string | undefined {
  if (col.kind === 'email' && typeof value === 'string' && !normaliseEmail(value).ok) return 'not a single valid email address';
  if (col.listValue && typeof value === 'string' && !fitsListCell(value)) return 'holds ";" or a line break, which separate values in multi-value cells';
  if (col.kind === 'number' && typeof value === 'number' && !Number.isFinite(value)) return 'not a number';
  if (col.kind === 'date' && value instanceof Date && isNaN(value.getTime())) return 'not a date';
  const allowed = choicesOf(col, lists);
  if (allowed && (col.kind === 'choice' || col.kind === 'list')) {
    const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    if (values.some((v) => !allowed.includes(v))) return `not one of the ${col.header} choices`;
  }
  return undefined;
}

/** Allowed values for a choice/list column: fixed, or from the registry lists (languages, skills, circles). */
export function choicesOf(col: ColumnSpec, lists: Record<string, string[]>): string[] | undefined {
  if (!col.choices) return undefined;
  if (typeof col.choices === 'string') return lists[col.choices];
  return [...col.choices];
}

/** One cell as the typed value of its column (lists split, text as text). */
export function fromCell(col: ColumnSpec, cell: unknown, lists: Record<string, string[]> = {}): RowValue {
  const v = blank(cell);
  if (v === undefined) return undefined;
  switch (col.kind) {
    case 'list':
      return splitListCell(String(v), choicesOf(col, lists) ?? []);
    case 'text':
    case 'link':
    case 'choice':
      return v instanceof Date ? v.toISOString() : String(v);
    case 'email':
      return String(v).trim();
    case 'number': {
      if (typeof v === 'number') return v;
      // Text the schema will flag, unless it reads as a number ("12", " 7 ").
      const n = Number(String(v).trim());
      return String(v).trim() !== '' && Number.isFinite(n) ? n : String(v);
    }
    case 'bool':
      return v === true || String(v).toUpperCase() === 'TRUE';
    case 'date':
      return v instanceof Date ? v : String(v);
  }
}

/**
 * A typed value as the cell input that stores it exactly: text always goes in as literal text
 * (never parsed into a formula, number or date), lists joined with "; " (see joinList).
 */
export function toCell(col: ColumnSpec, value: RowValue): Cell {
  if (value === undefined || value === null) return col.kind === 'bool' ? false : '';
  if (Array.isArray(value)) return asLiteralText(joinList(value));
  if (typeof value === 'string') return asLiteralText(value);
  return value;
}

const KIND_WORD: Record<ColumnSpec['kind'], string> = {
  text: 'text',
  email: 'text',
  number: 'number',
  date: 'date',
  bool: 'checkbox value',
  list: 'list',
  choice: 'text',
  link: 'text',
};

export interface RowProblem {
  column: string;
  message: string;
}

/**
 * Reads cells (in sheet header order) into the sheet's typed row, checked against its schema.
 * Never throws: a cell its column's type refuses (text in a date column, a status that is not
 * one of the choices) is left out of the row (absent, as if blank) and reported as a problem —
 * Check registry marks it, and an action goes on with the rest of the row.
 */
export function readRow<R extends AnyRow>(
  spec: SheetSpec<R>,
  headers: string[],
  cells: unknown[],
  lists: Record<string, string[]> = {},
): { row: R; problems: RowProblem[] } {
  const row: AnyRow = {};
  const problems: RowProblem[] = [];
  const index = headerIndex(headers);
  for (const col of spec.columns) {
    const i = index.get(col.header.toLowerCase());
    const v = i === undefined ? undefined : fromCell(col, cells[i], lists);
    if (v === undefined) {
      if (col.required) problems.push({ column: col.header, message: 'required' });
      continue;
    }
    const parsed = col.type.safeParse(v);
    const message = !parsed.success
      ? col.kind === 'choice'
        ? `not one of the ${col.header} choices`
        : `not a ${KIND_WORD[col.kind]}`
      : ruleProblem(col, v, lists);
    if (parsed.success) row[col.key] = v;
    if (message) problems.push({ column: col.header, message });
  }
  return { row: row as R, problems };
}

/** Cells for a row in the sheet's header order; columns the spec does not know keep `keep[i]`. */
export function writeRow<R extends AnyRow>(spec: SheetSpec<R>, headers: string[], row: Partial<R>, keep: unknown[] = []): Cell[] {
  const byHeader = new Map(spec.columns.map((col) => [col.header.toLowerCase(), col]));
  return headers.map((h, i) => {
    const col = byHeader.get(h.trim().toLowerCase());
    // A column the registry does not know (the help desk's own) keeps its value, still as text.
    return col ? toCell(col, row[col.key]) : keptCell(keep[i]);
  });
}

/** A cell as read, to write back unchanged (text still as literal text). */
export function keptCell(old: unknown): Cell {
  return typeof old === 'string' ? asLiteralText(old) : ((old as Cell | undefined) ?? '');
}

export function headerIndex(headers: string[]): Map<string, number> {
  const m = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = String(h).trim().toLowerCase();
    if (k && !m.has(k)) m.set(k, i);
  });
  return m;
}

/**
 * The sheet boundary: untyped cells become typed rows here, and rows become cells.
 * Row schemas (zod) are derived from the column specs, so a sheet's description and its
 * validation can never drift apart. A blank cell ("") is an absent value.
 */
import * as z from 'zod/mini';
import type { ColumnSpec, SheetSpec } from './registry';
import { asLiteralText, fitsListCell, joinList, normaliseEmail, splitListCell } from './text';

export type Cell = string | number | boolean | Date;
export type RowValue = string | number | boolean | Date | string[] | undefined;
export type Row = Record<string, RowValue>;

const blank = (v: unknown): unknown => (v === '' || v === null || v === undefined ? undefined : v);

/** The type each kind of column holds (zod); registry rules on top of it are in ruleProblem. */
function valueSchema(col: ColumnSpec): z.ZodMiniType {
  switch (col.kind) {
    case 'number':
      return z.number();
    case 'date':
      return z.date();
    case 'bool':
      return z.boolean();
    case 'list':
      return z.array(z.string());
    default:
      return z.string();
  }
}

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

const schemas = new WeakMap<SheetSpec, z.ZodMiniType>();

/** The row schema of a sheet (built once per sheet): every column optional unless required; "" means absent. */
export function rowSchema(spec: SheetSpec): z.ZodMiniType {
  let schema = schemas.get(spec);
  if (!schema) {
    const shape: Record<string, z.ZodMiniType> = {};
    for (const col of spec.columns) shape[col.key] = col.required ? valueSchema(col) : z.optional(valueSchema(col));
    schemas.set(spec, (schema = z.object(shape)));
  }
  return schema;
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

const KIND_WORD: Record<ColumnSpec['kind'], string> = { text: 'text', email: 'text', number: 'number', date: 'date', bool: 'checkbox value', list: 'list', choice: 'text', link: 'text' };

export interface RowProblem {
  column: string;
  message: string;
}

/** Reads cells (in sheet header order) into a row object and checks it against the schema. */
export function readRow(spec: SheetSpec, headers: string[], cells: unknown[], lists: Record<string, string[]> = {}): { row: Row; problems: RowProblem[] } {
  const row: Row = {};
  const index = headerIndex(headers);
  for (const col of spec.columns) {
    const i = index.get(col.header.toLowerCase());
    if (i === undefined) continue;
    const v = fromCell(col, cells[i], lists);
    if (v !== undefined) row[col.key] = v;
  }
  const parsed = rowSchema(spec).safeParse(row);
  const problems: RowProblem[] = [];
  const typeIssue = new Set<string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      typeIssue.add(key);
      const header = spec.columns.find((x) => x.key === key)?.header ?? key;
      problems.push({ column: header, message: row[key] === undefined ? 'required' : `not a ${KIND_WORD[spec.columns.find((x) => x.key === key)?.kind ?? 'text']}` });
    }
  }
  for (const col of spec.columns) {
    if (typeIssue.has(col.key) || row[col.key] === undefined) continue;
    const message = ruleProblem(col, row[col.key], lists);
    if (message) problems.push({ column: col.header, message });
  }
  return { row, problems };
}

/** Cells for a row in the sheet's header order; columns the spec does not know keep `keep[i]`. */
export function writeRow(spec: SheetSpec, headers: string[], row: Row, keep: unknown[] = []): Cell[] {
  const byHeader = new Map(spec.columns.map((col) => [col.header.toLowerCase(), col]));
  return headers.map((h, i) => {
    const col = byHeader.get(h.trim().toLowerCase());
    // A column the registry does not know (the help desk's own) keeps its value, still as text.
    if (!col) {
      const old = keep[i];
      return typeof old === 'string' ? asLiteralText(old) : ((old as Cell | undefined) ?? '');
    }
    return toCell(col, row[col.key]);
  });
}

export function headerIndex(headers: string[]): Map<string, number> {
  const m = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = String(h).trim().toLowerCase();
    if (k && !m.has(k)) m.set(k, i);
  });
  return m;
}

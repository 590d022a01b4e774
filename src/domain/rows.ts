/**
 * The sheet boundary: untyped cells become typed rows here, and rows become cells.
 * Row schemas (zod) are derived from the column specs, so a sheet's description and its
 * validation can never drift apart. A blank cell ("") is an absent value.
 */
import * as z from 'zod/mini';
import type { ColumnSpec, SheetSpec } from './registry';
import { asLiteralText, normaliseEmail, splitChoices } from './text';

export type Cell = string | number | boolean | Date;
export type RowValue = string | number | boolean | Date | string[] | undefined;
export type Row = Record<string, RowValue>;

const blank = (v: unknown): unknown => (v === '' || v === null || v === undefined ? undefined : v);

const emailCheck = z.string().check(z.refine((s) => normaliseEmail(s).ok, { message: 'not a single valid email address' }));

function valueSchema(col: ColumnSpec, lists: Record<string, string[]>): z.ZodMiniType {
  switch (col.kind) {
    case 'text':
    case 'link':
      return z.string();
    case 'email':
      return emailCheck;
    case 'number':
      return z.number().check(z.refine((n) => Number.isFinite(n), { message: 'not a number' }));
    case 'date':
      return z.date().check(z.refine((d) => !isNaN(d.getTime()), { message: 'not a date' }));
    case 'bool':
      return z.boolean();
    case 'list': {
      const allowed = choicesOf(col, lists);
      return z.array(allowed ? z.string().check(z.refine((s) => allowed.includes(s), { message: `not one of the ${col.header} choices` })) : z.string());
    }
    case 'choice': {
      const allowed = choicesOf(col, lists);
      return allowed ? z.string().check(z.refine((s) => allowed.includes(s), { message: `not one of the ${col.header} choices` })) : z.string();
    }
  }
}

/** Allowed values for a choice/list column: fixed, or from the registry lists (languages, skills, circles). */
export function choicesOf(col: ColumnSpec, lists: Record<string, string[]>): string[] | undefined {
  if (!col.choices) return undefined;
  if (typeof col.choices === 'string') return lists[col.choices];
  return [...col.choices];
}

/** The row schema of a sheet: every column optional unless required; "" means absent. */
export function rowSchema(spec: SheetSpec, lists: Record<string, string[]> = {}) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const col of spec.columns) {
    const inner = valueSchema(col, lists);
    shape[col.key] = col.required ? inner : z.optional(inner);
  }
  return z.object(shape);
}

/** One cell as the typed value of its column (lists split, text as text). */
export function fromCell(col: ColumnSpec, cell: unknown, lists: Record<string, string[]> = {}): RowValue {
  const v = blank(cell);
  if (v === undefined) return undefined;
  switch (col.kind) {
    case 'list':
      return splitChoices(String(v), choicesOf(col, lists) ?? []);
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
 * (never parsed into a formula, number or date), lists joined with ", ".
 */
export function toCell(col: ColumnSpec, value: RowValue): Cell {
  if (value === undefined || value === null) return col.kind === 'bool' ? false : '';
  if (Array.isArray(value)) return asLiteralText(value.join(', '));
  if (typeof value === 'string') return asLiteralText(value);
  return value;
}

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
  const parsed = rowSchema(spec, lists).safeParse(row);
  const problems: RowProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? '');
        const col = spec.columns.find((x) => x.key === key);
        const header = col?.header ?? key;
        const message = issue.code === 'invalid_type' && row[key] === undefined ? 'required' : issue.message === 'Invalid input' ? `invalid ${header.toLowerCase()}` : issue.message;
        return { column: header, message };
      });
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

/**
 * What a cell holds after a script writes a value into it. Strings are read the way Sheets reads
 * text a user types (setValue/setValues/appendRow all use "user entered" input): "=…" is a
 * formula, a leading apostrophe forces text, and numbers, percentages, booleans and dates are
 * recognised — unless the cell is formatted as plain text ("@"), which keeps every string as is.
 */
import type { CellRec, CellValue } from '../../store';
import { DEFAULT_DATE_TIME_FORMAT, fromWallTime, isDatePattern } from './format';

export interface Entered { v: CellValue; f?: string; fmt?: string }

const NUMBER = /^([+-]?)(\$?)((?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?)(%?)$/;
const SCIENTIFIC = /^[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function validDate(y: number, m: number, d: number, h: number, mi: number, s: number): boolean {
  if (m < 1 || m > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parses typed text; `cellFmt` is the cell's current number format. */
export function parseTyped(text: string, cellFmt: string | undefined, timeZone: string): Entered {
  if (cellFmt === '@') return { v: text };
  if (text.length > 1 && text.startsWith('=')) return { v: evaluateFormula(text), f: text };
  if (text.startsWith("'")) return { v: text.slice(1) };
  const t = text.trim();
  if (t === '') return { v: text };
  const num = NUMBER.exec(t);
  if (num && /\d/.test(num[3])) {
    const [, sign, dollar, digits, percent] = num;
    let n = Number(digits.replace(/,/g, '')) * (sign === '-' ? -1 : 1);
    if (percent) n /= 100;
    const hasDecimals = /\.\d/.test(digits);
    let fmt: string | undefined;
    // The format Sheets applies when it recognises the typed shape (kept if the cell has one).
    if (dollar) fmt = '"$"#,##0.00';
    else if (percent) fmt = hasDecimals ? '0.00%' : '0%';
    else if (digits.includes(',')) fmt = hasDecimals ? '#,##0.00' : '#,##0';
    if (percent) n = Number(n.toPrecision(15));
    return { v: n, fmt };
  }
  if (SCIENTIFIC.test(t)) return { v: Number(t), fmt: '0.00E+00' };
  if (/^(true|false)$/i.test(t)) return { v: t.toLowerCase() === 'true' };
  const iso = ISO_DATE.exec(t);
  const us = iso ? undefined : US_DATE.exec(t);
  const m = iso ?? us;
  if (m) {
    const [y, mo, d] = iso ? [+m[1], +m[2], +m[3]] : [+m[3], +m[1], +m[2]];
    const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    if (validDate(y, mo, d, h, mi, s)) {
      const datePart = iso ? 'yyyy-mm-dd' : 'M/d/yyyy';
      const timePart = m[4] === undefined ? '' : m[6] === undefined ? ' H:mm' : ' H:mm:ss';
      return { v: { date: fromWallTime(timeZone, y, mo, d, h, mi, s) }, fmt: datePart + timePart };
    }
  }
  return { v: text };
}

/**
 * Formulas are not evaluated by a spreadsheet engine here: only literals (=42, ="text", =TRUE)
 * and HYPERLINK("url"[, "label"]) get a value; any other formula's value is "".
 */
export function evaluateFormula(formula: string): CellValue {
  const body = formula.slice(1).trim();
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return str[1].replace(/""/g, '"');
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return Number(body);
  if (/^(true|false)(\(\))?$/i.test(body)) return /^true/i.test(body);
  const link = /^hyperlink\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)$/i.exec(body);
  if (link) return (link[2] ?? link[1]).replace(/""/g, '"');
  return '';
}

function isDate(x: unknown): x is Date {
  return Object.prototype.toString.call(x) === '[object Date]';
}

/**
 * The cell after writing `value` (as setValue does), keeping the previous cell's format, note and
 * style. Returns undefined when the cell ends up empty and unformatted.
 */
export function enterValue(prev: CellRec | undefined, value: unknown, timeZone: string): CellRec | undefined {
  let entered: Entered;
  if (value === null || value === undefined || value === '') entered = { v: '' };
  else if (typeof value === 'string') entered = parseTyped(value, prev?.fmt, timeZone);
  else if (typeof value === 'number') entered = { v: isFinite(value) ? value : '#NUM!' };
  else if (typeof value === 'boolean') entered = { v: value };
  else if (isDate(value)) entered = { v: { date: value.getTime() }, fmt: DEFAULT_DATE_TIME_FORMAT };
  else entered = { v: String(value) };
  if (!prev) {
    if (entered.v === '' && !entered.f) return undefined;
    const cell: CellRec = { v: entered.v };
    if (entered.f) cell.f = entered.f;
    if (entered.fmt) cell.fmt = entered.fmt;
    return cell;
  }
  const cell: CellRec = { ...prev, v: entered.v };
  if (entered.f) cell.f = entered.f;
  else delete cell.f;
  // A recognised shape sets the format only on a cell with no explicit one (or a non-date one for Dates).
  if (entered.fmt && (!prev.fmt || (typeof entered.v === 'object' && !isDatePattern(prev.fmt)))) cell.fmt = entered.fmt;
  if (cell.v === '' && !cell.f && cell.fmt === undefined && cell.note === undefined && cell.style === undefined) return undefined;
  return cell;
}

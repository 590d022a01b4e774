/**
 * What a cell holds after a script writes a value into it. Strings are read the way Sheets reads
 * text a user types (setValue/setValues/appendRow all use "user entered" input): "=…" is a
 * formula, a leading apostrophe forces text, and numbers, percentages, booleans and dates are
 * recognised — unless the cell is formatted as plain text ("@"), which keeps every string as is.
 */
import type { CellRec, CellValue } from '../../store';
import { fromWallTime, isDatePattern } from './format';
import { isFormula } from './formula';
import { LOCALES, monthOf, type LocaleRules } from './locale';

export interface Entered {
  v: CellValue;
  f?: string;
  fmt?: string;
}

const US = LOCALES.en_US;
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const numberCache: Record<string, RegExp> = {};

/** A typed number in the locale: sign, currency before or after, grouping, decimal mark, percent. */
function numberPattern(rules: LocaleRules): RegExp {
  let re = numberCache[rules.id];
  if (!re) {
    const g = esc(rules.group);
    const d = esc(rules.decimal);
    const cur = esc(rules.currency.symbol);
    re = new RegExp(`^([+-]?)(${cur})?\\s*((?:\\d{1,3}(?:${g}\\d{3})+|\\d*)(?:${d}\\d*)?)\\s*(${cur})?(\\s*%)?$`);
    numberCache[rules.id] = re;
  }
  return re;
}

const SCIENTIFIC = /^[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](.+))?$/;
const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\.?(?: (.+))?$/;
const NAMED_MONTH_DMY = /^(\d{1,2})\.?(?: de)?[ -]([A-Za-zÀ-ÿ]+\.?)(?: de)?[ -](\d{4}|\d{2})(?: (.+))?$/;
const NAMED_MONTH_MDY = /^([A-Za-zÀ-ÿ]+\.?) (\d{1,2}),? (\d{4})(?: (.+))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * A typed two-digit year 00–29 is 20xx and 30–99 is 19xx: observed in Sheets, the same "2029 rule"
 * Excel documents (Microsoft KB 214391, "How Excel works with two-digit year numbers").
 */
function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 30 ? 2000 + n : 1900 + n) : n;
}

/** A typed time of day: H:mm, H:mm:ss, with optional AM/PM; undefined when not a time. */
function parseTime(t: string): { h: number; mi: number; s: number; fmt: string } | undefined {
  const m = TIME.exec(t);
  if (!m) return undefined;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? 0);
  if (mi > 59 || s > 59) return undefined;
  if (m[4]) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (/p/i.test(m[4]) ? 12 : 0);
  } else if (h > 23) return undefined;
  const fmt = m[4] ? (m[3] === undefined ? 'h:mm AM/PM' : 'h:mm:ss AM/PM') : m[3] === undefined ? 'H:mm' : 'H:mm:ss';
  return { h, mi, s, fmt };
}

/** A typed date (with an optional time after it) in the locale; undefined when not a date. */
function parseDate(t: string, rules: LocaleRules, timeZone: string): Entered | undefined {
  let y: number;
  let mo: number | undefined;
  let d: number;
  let rest: string | undefined;
  let datePart = rules.dateFormat;
  const iso = ISO_DATE.exec(t);
  const num = iso ? undefined : NUMERIC_DATE.exec(t);
  const dmy = iso || num ? undefined : NAMED_MONTH_DMY.exec(t);
  const mdy = iso || num || dmy ? undefined : NAMED_MONTH_MDY.exec(t);
  if (iso) {
    [y, mo, d, rest] = [Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4]];
    datePart = 'yyyy-mm-dd';
  } else if (num) {
    const [a, b] = [Number(num[1]), Number(num[3])];
    [d, mo] = rules.dayFirst ? [a, b] : [b, a];
    [y, rest] = [fullYear(num[4]), num[5]];
  } else if (dmy) {
    [d, mo, y, rest] = [Number(dmy[1]), monthOf(dmy[2], rules), fullYear(dmy[3]), dmy[4]];
  } else if (mdy) {
    [mo, d, y, rest] = [monthOf(mdy[1], rules), Number(mdy[2]), Number(mdy[3]), mdy[4]];
  } else return undefined;
  if (mo === undefined || !validDate(y, mo, d)) return undefined;
  let time = { h: 0, mi: 0, s: 0, fmt: '' };
  if (rest !== undefined) {
    const tm = parseTime(rest.trim());
    if (!tm) return undefined;
    time = { ...tm, fmt: ' ' + tm.fmt };
  }
  return { v: { date: fromWallTime(timeZone, y, mo, d, time.h, time.mi, time.s) }, fmt: datePart + time.fmt };
}

/**
 * Parses typed text as the Sheets UI does in the spreadsheet's locale (`rules`); `cellFmt` is the
 * cell's current number format. Times alone become date-times on Sheets' day zero, 1899-12-30
 * (https://developers.google.com/sheets/api/guides/formats: "serial number … days since
 * December 30th 1899"). A leading "+" starts a formula as "=" does; one Sheets cannot parse
 * ("+1 555 0100") shows #ERROR! (observed: Sheets' "Formula parse error").
 */
export function parseTyped(text: string, cellFmt: string | undefined, timeZone: string, rules: LocaleRules = US): Entered {
  if (cellFmt === '@') return { v: text };
  if (text.length > 1 && text.startsWith('=')) return { v: evaluateFormula(text), f: text };
  if (text.startsWith("'")) return { v: text.slice(1) };
  const t = text.trim();
  if (t === '') return { v: text };
  const num = numberPattern(rules).exec(t);
  if (num && /\d/.test(num[3]) && !(num[2] && num[4])) {
    const [, sign, before, digits, after, percent] = num;
    const canonical = digits.split(rules.group).join('').replace(rules.decimal, '.');
    let n = Number(canonical) * (sign === '-' ? -1 : 1);
    if (percent) n /= 100;
    const hasDecimals = canonical.includes('.') && !canonical.endsWith('.');
    let fmt: string | undefined;
    // The format Sheets applies when it recognises the typed shape (kept if the cell has one).
    if (before || after) fmt = rules.currency.format;
    else if (percent) fmt = hasDecimals ? '0.00%' : '0%';
    else if (digits.includes(rules.group)) fmt = hasDecimals ? '#,##0.00' : '#,##0';
    if (percent) n = Number(n.toPrecision(15));
    return { v: n, fmt };
  }
  if (rules.decimal === '.' && SCIENTIFIC.test(t)) return { v: Number(t), fmt: '0.00E+00' };
  if (/^(true|false)$/i.test(t)) return { v: t.toLowerCase() === 'true' };
  if (rules.trueText !== 'TRUE' && new RegExp(`^(${rules.trueText}|${rules.falseText})$`, 'i').test(t)) return { v: t.toUpperCase() === rules.trueText };
  const time = parseTime(t);
  if (time) return { v: { date: fromWallTime(timeZone, 1899, 12, 30, time.h, time.mi, time.s) }, fmt: time.fmt };
  const date = parseDate(t, rules, timeZone);
  if (date) return date;
  if (t.length > 1 && t.startsWith('+')) {
    const formula = '=' + t;
    return isFormula(formula) ? { v: evaluateFormula(formula), f: formula } : { v: '#ERROR!', f: formula };
  }
  return { v: text };
}

/**
 * The value stored with a formula when it is written (exports and host-side readers see it):
 * literals and HYPERLINK only. Scripts reading the cell get the computed value (formula.ts).
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
export function enterValue(prev: CellRec | undefined, value: unknown, timeZone: string, rules: LocaleRules = US): CellRec | undefined {
  let entered: Entered;
  if (value === null || value === undefined || value === '') entered = { v: '' };
  else if (typeof value === 'string') entered = parseTyped(value, prev?.fmt, timeZone, rules);
  else if (typeof value === 'number') entered = { v: isFinite(value) ? value : '#NUM!' };
  else if (typeof value === 'boolean') entered = { v: value };
  else if (isDate(value)) entered = { v: { date: value.getTime() }, fmt: rules.dateTimeFormat };
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

/**
 * Display formatting as Sheets does it: numbers by number-format pattern, Dates by date pattern
 * in the spreadsheet's time zone. Covers the patterns scripts commonly set; an unknown pattern
 * falls back to the automatic format.
 */
import type { CellValue } from '../../store';
import { LOCALES, type LocaleRules } from './locale';

const US = LOCALES.en_US;

/** What getNumberFormat reports for a cell nobody formatted (Sheets' "automatic"). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

const partsCache: Record<string, Intl.DateTimeFormat> = {};

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache[timeZone];
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    partsCache[timeZone] = f;
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock fields of an instant in a time zone. */
export function wallTime(ms: number, timeZone: string): WallTime {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    ms: ((ms % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(out.weekday),
  };
}

/** The instant at which the wall clock in `timeZone` shows the given fields. */
export function fromWallTime(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = asUtc;
  // Two passes settle the offset, including across DST changes.
  for (let i = 0; i < 2; i++) {
    const w = wallTime(guess, timeZone);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    guess += asUtc - shown;
  }
  return guess;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** True for a number-format pattern that shows dates or times. */
export function isDatePattern(fmt: string): boolean {
  return /[dyhs]/i.test(fmt.replace(/"[^"]*"|\\./g, '')) || /^\[?m+\]?$/i.test(fmt);
}

/** Formats an instant with a Sheets date pattern (tokens are case-insensitive; m is minutes next to h or s). */
export function formatDatePattern(ms: number, fmt: string, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  const tokens = fmt.match(/"[^"]*"|\\.|am\/pm|a\/p|y+|m+|d+|h+|s+|\.0+|[^"\\ymdhsa.]+|./gi) ?? [];
  const ampm = tokens.some((t) => /^(am\/pm|a\/p)$/i.test(t));
  let out = '';
  tokens.forEach((t, i) => {
    const lower = t.toLowerCase();
    const c = lower[0];
    if (t.startsWith('"')) out += t.slice(1, -1);
    else if (t.startsWith('\\')) out += t.slice(1);
    else if (lower === 'am/pm') out += w.hour < 12 ? 'AM' : 'PM';
    else if (lower === 'a/p') out += w.hour < 12 ? 'A' : 'P';
    else if (c === 'y') out += t.length <= 2 ? pad(w.year % 100, 2) : String(w.year);
    else if (c === 'd') out += t.length === 1 ? String(w.day) : t.length === 2 ? pad(w.day, 2) : t.length === 3 ? DAYS[w.weekday].slice(0, 3) : DAYS[w.weekday];
    else if (c === 'h') {
      const h = ampm ? ((w.hour + 11) % 12) + 1 : w.hour;
      out += t.length === 1 ? String(h) : pad(h, 2);
    } else if (c === 's') out += t.length === 1 ? String(w.second) : pad(w.second, 2);
    else if (lower.startsWith('.0'))
      out +=
        '.' +
        pad(w.ms, 3)
          .slice(0, t.length - 1)
          .padEnd(t.length - 1, '0');
    else if (c === 'm') {
      const prev = tokens
        .slice(0, i)
        .reverse()
        .find((x) => /^[a-z]/i.test(x) && !/^(am\/pm|a\/p)$/i.test(x));
      const next = tokens.slice(i + 1).find((x) => /^[a-z]/i.test(x) && !/^(am\/pm|a\/p)$/i.test(x));
      const isMinute = t.length <= 2 && ((prev && /^h/i.test(prev)) || (next && /^s/i.test(next)));
      if (isMinute) out += t.length === 1 ? String(w.minute) : pad(w.minute, 2);
      else
        out +=
          t.length === 1
            ? String(w.month)
            : t.length === 2
              ? pad(w.month, 2)
              : t.length === 3
                ? MONTHS[w.month - 1].slice(0, 3)
                : t.length === 5
                  ? MONTHS[w.month - 1][0]
                  : MONTHS[w.month - 1];
    } else out += t;
  });
  return out;
}

/** Sheets' automatic number display: up to 10 significant digits, scientific when huge or tiny; the locale's decimal mark. */
export function formatAutomatic(n: number, rules: LocaleRules = US): string {
  return localDecimal(formatAutomaticUs(n), rules);
}

function localDecimal(s: string, rules: LocaleRules): string {
  return rules.decimal === '.' ? s : s.replace('.', rules.decimal);
}

function formatAutomaticUs(n: number): string {
  if (!isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) return formatScientific(n, 2);
  const s = Number(n.toPrecision(10)).toString();
  return s.includes('e') ? formatScientific(n, 2) : s;
}

function formatScientific(n: number, decimals: number): string {
  const [mant, exp] = n.toExponential(decimals).split('e');
  const e = Number(exp);
  return `${mant.toUpperCase()}E${e < 0 ? '-' : '+'}${pad(Math.abs(e), 2)}`;
}

function groupThousands(intPart: string, group: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

/** Formats a number with a numeric pattern such as "0", "0.00", "#,##0.00", "0%", "0.00E+00", "$#,##0.00". */
export function formatNumberPattern(n: number, fmt: string, rules: LocaleRules = US): string {
  const section = fmt.split(';');
  const pattern = n < 0 && section[1] !== undefined ? section[1] : section[0];
  const useOwnSign = n < 0 && section[1] !== undefined;
  const m = /^(.*?)([#0,]*[0#])(\.([0#]+))?(%?)(E\+0+)?(.*)$/i.exec(pattern.replace(/\[[^\]]*\]/g, ''));
  if (!m) return formatAutomatic(n, rules);
  const literal = (s: string): string => s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  const [, prefix, intPat, , decPat = '', percent, sci, suffix] = m;
  let value = Math.abs(n) * (percent ? 100 : 1);
  const minDec = (decPat.match(/0/g) ?? []).length;
  const maxDec = decPat.length;
  let body: string;
  if (sci) {
    const [mant, exp] = value.toExponential(maxDec).split('e');
    const e = Number(exp);
    body = `${localDecimal(mant, rules)}E${e < 0 ? '-' : '+'}${pad(Math.abs(e), sci.length - 2)}`;
  } else {
    let fixed = value.toFixed(maxDec);
    if (maxDec > minDec) fixed = fixed.replace(new RegExp(`0{1,${maxDec - minDec}}$`), '');
    if (fixed.endsWith('.')) fixed = fixed.slice(0, -1);
    const [intDigits, dp] = fixed.split('.');
    let ip = intDigits;
    const minInt = (intPat.replace(/,/g, '').match(/0/g) ?? []).length;
    if (ip === '0' && minInt === 0) ip = '';
    ip = ip.padStart(minInt, '0');
    if (intPat.includes(',')) ip = groupThousands(ip, rules.group);
    body = dp !== undefined ? `${ip}${rules.decimal}${dp}` : ip;
    value = Number(fixed);
  }
  const sign = n < 0 && !useOwnSign && value !== 0 ? '-' : '';
  return `${sign}${literal(prefix)}${body}${percent}${literal(suffix)}`;
}

/** The text a cell shows (getDisplayValue), in the spreadsheet's time zone and locale. */
export function displayValue(v: CellValue, fmt: string | undefined, timeZone: string, rules: LocaleRules = US): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? rules.trueText : rules.falseText;
  if (typeof v === 'object') return formatDatePattern(v.date, fmt && isDatePattern(fmt) ? fmt : rules.dateTimeFormat, timeZone);
  if (!fmt || fmt === DEFAULT_NUMBER_FORMAT || fmt === '@' || /^general$/i.test(fmt)) return formatAutomatic(v, rules);
  if (isDatePattern(fmt)) return formatDatePattern(serialToMs(v, timeZone), fmt, timeZone);
  return formatNumberPattern(v, fmt, rules);
}

/** The date serial (days since 1899-12-30, fraction = time of day) of an instant, on the wall clock of `timeZone`. */
export function msToSerial(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const day = (Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(1899, 11, 30)) / 86400000;
  return day + (w.hour * 3600 + w.minute * 60 + w.second + w.ms / 1000) / 86400;
}

/** Sheets date serials count days from 1899-12-30 in the spreadsheet's time zone. */
export function serialToMs(serial: number, timeZone: string): number {
  const days = Math.floor(serial);
  const secs = Math.round((serial - days) * 86400);
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86400000);
  return fromWallTime(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(secs / 3600), Math.floor(secs / 60) % 60, secs % 60);
}

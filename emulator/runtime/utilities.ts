/**
 * Utilities: Java SimpleDateFormat dates in any IANA zone, sprintf-style formatString, digests
 * and HMACs in pure TS (no Node crypto in the realm), base64, blobs, CSV, UUIDs and sleep on the
 * virtual clock. The zone helpers are exported for ScriptApp (clock triggers) and Logger.
 */
import { spendTime, store } from './context';
import { enumName, isEnumValue, makeEnum, signatureError } from './enums';
import { asGas, strict } from './strict';
import { Blob, base64Decode, base64Encode, toSigned, utf8Encode } from './blob';

type GasUtilities = GoogleAppsScript.Utilities.Utilities;
type Bytes = number[];

// ---------- time zones ----------

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
  offsetMin: number; // minutes east of UTC
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "GMT+05:30" / "GMT-3" (Java custom ids) as minutes east of UTC, else undefined. */
function customOffset(tz: string): number | undefined {
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(tz);
  if (!m) return undefined;
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const dtfCache: Record<string, Intl.DateTimeFormat | null> = {};
function dtf(tz: string): Intl.DateTimeFormat | null {
  if (!(tz in dtfCache)) {
    try {
      dtfCache[tz] = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      dtfCache[tz] = null;
    }
  }
  return dtfCache[tz];
}

/** Wall-clock fields of an instant in a zone. Unknown zones fall back to GMT, as Java's TimeZone does. */
export function zonedParts(ms: number, tz: string): ZonedParts {
  const fixed = customOffset(tz);
  const f = fixed === undefined ? dtf(tz) : null;
  let offsetMin = fixed ?? 0;
  if (f) {
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    offsetMin = Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60000);
  }
  const d = new Date(ms + offsetMin * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMin,
  };
}

/** The instant at which the zone's wall clock shows the given fields (first match across DST gaps). */
export function zonedToEpoch(tz: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = wall - zonedParts(wall, tz).offsetMin * 60000;
  guess = wall - zonedParts(guess, tz).offsetMin * 60000;
  return guess;
}

/** Short zone name as Java prints it for `z` (CLDR names; "GMT+05:30" where none exists). */
function zoneName(ms: number, tz: string, long: boolean, offsetMin: number): string {
  const f = customOffset(tz) === undefined && dtf(tz);
  if (f) {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: long ? 'long' : 'short' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^GMT[+-]/.test(name)) return name;
  }
  if (offsetMin === 0 && !long) return tz === 'UTC' || tz === 'Etc/UTC' ? 'UTC' : 'GMT';
  const a = Math.abs(offsetMin);
  return `GMT${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function dayOfYear(p: ZonedParts): number {
  return Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
}

/** Java's en_US WEEK_OF_YEAR: weeks start on Sunday, week 1 holds January 1st. */
function usWeekOfYear(p: ZonedParts): number {
  const jan1 = new Date(Date.UTC(p.year, 0, 1)).getUTCDay();
  const next = new Date(Date.UTC(p.year + 1, 0, 1));
  const days = Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000);
  const sundayOfNextJan1 = Math.round((next.getTime() - next.getUTCDay() * 86400000 - Date.UTC(p.year, 0, 1)) / 86400000);
  if (days >= sundayOfNextJan1) return 1;
  return Math.floor((days + jan1) / 7) + 1;
}

/** Formats an instant with a Java SimpleDateFormat pattern in a zone. */
export function formatJavaDate(ms: number, tz: string, pattern: string): string {
  const p = zonedParts(ms, tz);
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      // '' inside a quoted section is a literal quote.
      let j = i + 1;
      let text = '';
      for (;;) {
        const close = pattern.indexOf("'", j);
        if (close < 0) throw new Error(`Unterminated quote`);
        text += pattern.slice(j, close);
        if (pattern[close + 1] === "'") {
          text += "'";
          j = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      out += text;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    out += field(c, n, p, ms, tz);
  }
  return out;
}

function field(c: string, n: number, p: ZonedParts, ms: number, tz: string): string {
  const h12 = p.hour % 12;
  switch (c) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
      return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
    case 'Y': {
      // Week year (Java SimpleDateFormat 'Y'), by the same en_US week rules as 'w': the last days
      // of December that share a week with January 1st belong to the next year.
      const wy = p.month === 12 && usWeekOfYear(p) === 1 ? p.year + 1 : p.year;
      return n === 2 ? pad(wy % 100, 2) : pad(wy, n);
    }
    case 'M':
    case 'L':
      if (n >= 4) return MONTHS[p.month - 1];
      if (n === 3) return MONTHS[p.month - 1].slice(0, 3);
      return pad(p.month, n);
    case 'd':
      return pad(p.day, n);
    case 'E':
      return n >= 4 ? WEEKDAYS[p.weekday] : WEEKDAYS[p.weekday].slice(0, 3);
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, n);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, n);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, n);
    case 'K':
      return pad(h12, n);
    case 'h':
      return pad(h12 === 0 ? 12 : h12, n);
    case 'm':
      return pad(p.minute, n);
    case 's':
      return pad(p.second, n);
    case 'S':
      return pad(p.ms, n);
    case 'D':
      return pad(dayOfYear(p), n);
    case 'F':
      return pad(Math.floor((p.day - 1) / 7) + 1, n);
    case 'w':
      return pad(usWeekOfYear(p), n);
    case 'z':
      return zoneName(ms, tz, n >= 4, p.offsetMin);
    case 'Z': {
      const a = Math.abs(p.offsetMin);
      return `${p.offsetMin < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}${pad(a % 60, 2)}`;
    }
    case 'X': {
      if (p.offsetMin === 0) return 'Z';
      const a = Math.abs(p.offsetMin);
      const sign = p.offsetMin < 0 ? '-' : '+';
      if (n === 1) return `${sign}${pad(Math.floor(a / 60), 2)}`;
      return `${sign}${pad(Math.floor(a / 60), 2)}${n >= 3 ? ':' : ''}${pad(a % 60, 2)}`;
    }
    default:
      throw new Error(`Illegal pattern character '${c}'`);
  }
}

/** ISO-8601 week number (what the time-driven event's week-of-year reports). */
export function isoWeek(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7);
}

// ---------- formatString (sprintf subset: %s %d %i %f %e %x %o %c %% with flags, width, precision) ----------

export function sprintf(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(
    /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifexXoc%])/g,
    (whole, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      if (next >= args.length) return whole;
      const v = args[next++];
      let s: string;
      switch (conv) {
        case 'd':
        case 'i':
          s = String(Math.trunc(Number(v)));
          break;
        case 'f':
          s = Number(v).toFixed(prec === undefined ? 6 : Number(prec));
          break;
        case 'e':
          s = Number(v).toExponential(prec === undefined ? 6 : Number(prec));
          break;
        case 'x':
          s = Math.trunc(Number(v)).toString(16);
          break;
        case 'X':
          s = Math.trunc(Number(v)).toString(16).toUpperCase();
          break;
        case 'o':
          s = Math.trunc(Number(v)).toString(8);
          break;
        case 'c':
          s = typeof v === 'number' ? String.fromCharCode(v) : String(v).charAt(0);
          break;
        default:
          s = stringOf(v);
          if (prec !== undefined) s = s.slice(0, Number(prec));
      }
      if ('dfeixXo'.includes(conv) && !s.startsWith('-')) {
        if (flags.includes('+')) s = '+' + s;
        else if (flags.includes(' ')) s = ' ' + s;
      }
      const w = width ? Number(width) : 0;
      if (s.length < w) {
        if (flags.includes('-')) s = s + ' '.repeat(w - s.length);
        else if (flags.includes('0') && 'dfeixXo'.includes(conv)) {
          const sign = /^[+\- ]/.test(s) ? s[0] : '';
          s = sign + '0'.repeat(w - s.length) + s.slice(sign.length);
        } else s = ' '.repeat(w - s.length) + s;
      }
      return s;
    },
  );
}

/** How Apps Script prints a value in a log line or %s. */
export function stringOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toString();
  if (isEnumValue(v)) return v.name();
  if (v instanceof Error) return v.stack ?? `${v.name}: ${v.message}`;
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

// ---------- digests ----------

function rotl32(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

function md5(input: Bytes): Bytes {
  const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
  const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
  const bytes = input.map((b) => b & 0xff);
  const bitLen = bytes.length * 8;
  bytes.push(0x80);
  while (bytes.length % 64 !== 56) bytes.push(0);
  for (let i = 0; i < 8; i++) bytes.push(i < 4 ? (bitLen >>> (8 * i)) & 0xff : Math.floor(bitLen / 2 ** (8 * i)) & 0xff);
  let [a0, b0, c0, d0] = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];
  for (let off = 0; off < bytes.length; off += 64) {
    const M = Array.from(
      { length: 16 },
      (_, i) => bytes[off + 4 * i] | (bytes[off + 4 * i + 1] << 8) | (bytes[off + 4 * i + 2] << 16) | (bytes[off + 4 * i + 3] << 24),
    );
    let [A, B, C, D] = [a0, b0, c0, d0];
    for (let i = 0; i < 64; i++) {
      const [F, g] =
        i < 16
          ? [(B & C) | (~B & D), i]
          : i < 32
            ? [(D & B) | (~D & C), (5 * i + 1) % 16]
            : i < 48
              ? [B ^ C ^ D, (3 * i + 5) % 16]
              : [C ^ (B | ~D), (7 * i) % 16];
      const tmp = D;
      D = C;
      C = B;
      B = (B + rotl32((A + F + K[i] + M[g]) | 0, S[(i >> 4) * 4 + (i % 4)])) | 0;
      A = tmp;
    }
    a0 = (a0 + A) | 0;
    b0 = (b0 + B) | 0;
    c0 = (c0 + C) | 0;
    d0 = (d0 + D) | 0;
  }
  return [a0, b0, c0, d0].flatMap((w) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff]);
}

/** Big-endian Merkle–Damgård padding for 64-byte blocks (SHA-1, SHA-256). */
function padBE64(input: Bytes): Bytes {
  const bytes = input.map((b) => b & 0xff);
  const bitLen = bytes.length * 8;
  bytes.push(0x80);
  while (bytes.length % 64 !== 56) bytes.push(0);
  for (let i = 7; i >= 0; i--) bytes.push(i >= 4 ? Math.floor(bitLen / 2 ** (8 * i)) & 0xff : (bitLen >>> (8 * i)) & 0xff);
  return bytes;
}

function wordsBE(bytes: Bytes, off: number, n: number): number[] {
  return Array.from(
    { length: n },
    (_, i) => (bytes[off + 4 * i] << 24) | (bytes[off + 4 * i + 1] << 16) | (bytes[off + 4 * i + 2] << 8) | bytes[off + 4 * i + 3],
  );
}

function beBytes(words: number[]): Bytes {
  return words.flatMap((w) => [(w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff]);
}

function sha1(input: Bytes): Bytes {
  const bytes = padBE64(input);
  const h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0];
  for (let off = 0; off < bytes.length; off += 64) {
    const w = wordsBE(bytes, off, 16);
    for (let i = 16; i < 80; i++) w[i] = rotl32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    let [a, b, c, d, e] = h;
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc | 0]
              : [b ^ c ^ d, 0xca62c1d6 | 0];
      const t = (rotl32(a, 5) + f + e + k + w[i]) | 0;
      e = d;
      d = c;
      c = rotl32(b, 30);
      b = a;
      a = t;
    }
    [a, b, c, d, e].forEach((v, i) => (h[i] = (h[i] + v) | 0));
  }
  return beBytes(h);
}

const K256 = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

function sha256(input: Bytes): Bytes {
  const bytes = padBE64(input);
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < bytes.length; off += 64) {
    const w = wordsBE(bytes, off, 16);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i] + v) | 0));
  }
  return beBytes(h);
}

/** SHA-512 / SHA-384 on BigInt words (64-bit arithmetic). */
function sha512(input: Bytes, outWords: number, iv: bigint[]): Bytes {
  const MASK = (1n << 64n) - 1n;
  const K: bigint[] = [];
  // The SHA-512 constants: first 64 bits of the fractional parts of the cube roots of the first 80 primes.
  for (let n = 2; K.length < 80; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (prime) K.push(fracBits(n, 3));
  }
  const bytes = input.map((b) => b & 0xff);
  const bitLen = BigInt(bytes.length) * 8n;
  bytes.push(0x80);
  while (bytes.length % 128 !== 112) bytes.push(0);
  for (let i = 15; i >= 0; i--) bytes.push(Number((bitLen >> BigInt(8 * i)) & 0xffn));
  const h = iv.slice();
  const rotr = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & MASK;
  for (let off = 0; off < bytes.length; off += 128) {
    const w: bigint[] = [];
    for (let i = 0; i < 16; i++) {
      let v = 0n;
      for (let j = 0; j < 8; j++) v = (v << 8n) | BigInt(bytes[off + 8 * i + j]);
      w.push(v);
    }
    for (let i = 16; i < 80; i++) {
      const s0 = rotr(w[i - 15], 1n) ^ rotr(w[i - 15], 8n) ^ (w[i - 15] >> 7n);
      const s1 = rotr(w[i - 2], 19n) ^ rotr(w[i - 2], 61n) ^ (w[i - 2] >> 6n);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) & MASK;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 80; i++) {
      const t1 = (hh + (rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n)) + ((e & f) ^ (~e & MASK & g)) + K[i] + w[i]) & MASK;
      const t2 = ((rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & MASK;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) & MASK;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) & MASK;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i] + v) & MASK));
  }
  const out: Bytes = [];
  for (const v of h.slice(0, outWords)) for (let j = 7; j >= 0; j--) out.push(Number((v >> BigInt(8 * j)) & 0xffn));
  return out;
}

/** First 64 bits of the fractional part of n^(1/root), exactly (integer root by bisection). */
function fracBits(n: number, root: 2 | 3): bigint {
  const scale = 1n << 64n;
  const target = BigInt(n) * scale ** BigInt(root);
  let lo = 0n;
  let hi = BigInt(n) * scale;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (mid ** BigInt(root) <= target) lo = mid;
    else hi = mid - 1n;
  }
  return lo & (scale - 1n);
}

const PRIMES16 = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53];
const IV512 = PRIMES16.slice(0, 8).map((p) => fracBits(p, 2));
const IV384 = PRIMES16.slice(8, 16).map((p) => fracBits(p, 2));

// Enum objects (https://developers.google.com/apps-script/reference/utilities/digest-algorithm, …/mac-algorithm, …/charset).
export const DigestAlgorithm = makeEnum('DigestAlgorithm', ['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']);
export const MacAlgorithm = makeEnum('MacAlgorithm', ['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512']);
export const Charset = makeEnum('Charset', ['US_ASCII', 'UTF_8']);

const HASHES: Record<string, { fn: (b: Bytes) => Bytes; block: number }> = {
  MD5: { fn: md5, block: 64 },
  SHA_1: { fn: sha1, block: 64 },
  SHA_256: { fn: sha256, block: 64 },
  SHA_384: { fn: (b) => sha512(b, 6, IV384), block: 128 },
  SHA_512: { fn: (b) => sha512(b, 8, IV512), block: 128 },
};

function hash(algorithm: unknown): { fn: (b: Bytes) => Bytes; block: number } {
  const h = HASHES[String(algorithm)];
  if (!h) throw new Error(`not emulated: digest algorithm ${String(algorithm)}`);
  return h;
}

/** Bytes of a string in a Charset (US_ASCII maps non-ASCII to "?", as Java does) or a byte[] as is. */
function bytesOf(value: unknown, charset?: unknown): Bytes {
  if (Array.isArray(value)) return value.map((b) => toSigned(Number(b)));
  const s = String(value);
  if (charset === Charset.US_ASCII) return Array.from(s, (ch) => (ch.charCodeAt(0) < 128 ? ch.charCodeAt(0) : 63));
  return utf8Encode(s);
}

export function hmac(algorithm: string, value: Bytes, key: Bytes): Bytes {
  const { fn, block } = hash(algorithm);
  let k = key.map((b) => b & 0xff);
  if (k.length > block) k = fn(k);
  while (k.length < block) k.push(0);
  const inner = fn([...k.map((b) => b ^ 0x36), ...value.map((b) => b & 0xff)]);
  return fn([...k.map((b) => b ^ 0x5c), ...inner]);
}

export function sha256Bytes(text: string): number[] {
  return sha256(utf8Encode(text));
}

// ---------- CSV ----------

function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// ---------- the service ----------

const WEB_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const MAX_SLEEP_MS = 300000;

function isDate(d: unknown): d is Date {
  return Object.prototype.toString.call(d) === '[object Date]';
}

type UtilitiesSurface = Pick<
  GasUtilities,
  | 'formatDate'
  | 'formatString'
  | 'getUuid'
  | 'computeDigest'
  | 'computeHmacSha256Signature'
  | 'computeHmacSignature'
  | 'base64Encode'
  | 'base64Decode'
  | 'base64EncodeWebSafe'
  | 'base64DecodeWebSafe'
  | 'newBlob'
  | 'sleep'
  | 'parseCsv'
>;

class Utilities implements UtilitiesSurface {
  DigestAlgorithm = DigestAlgorithm as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm;
  MacAlgorithm = MacAlgorithm as unknown as typeof GoogleAppsScript.Utilities.MacAlgorithm;
  Charset = Charset as unknown as typeof GoogleAppsScript.Utilities.Charset;

  constructor() {
    return strict('Utilities', this);
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw new Error(`The parameters (${typeName(date)},String,String) don't match the method signature for Utilities.formatDate.`);
    return formatJavaDate(date.getTime(), String(timeZone), String(format));
  }

  formatString(template: string, ...args: unknown[]): string {
    return sprintf(String(template), args);
  }

  /** RFC 4122 version-4 shape, derived from the store's id counter: unique and reproducible. */
  getUuid(): string {
    const s = store();
    const b = sha256(utf8Encode(`${s.script.id}:uuid:${s.seq++}`)).slice(0, 16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = b.map((x) => (x & 0xff).toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  computeDigest(algorithm: GoogleAppsScript.Utilities.DigestAlgorithm, value: string | number[], charset?: GoogleAppsScript.Utilities.Charset): number[] {
    const name = enumName(DigestAlgorithm, algorithm);
    if (!name) throw signatureError('Utilities.computeDigest', algorithm, value);
    return hash(name).fn(bytesOf(value, charset)).map(toSigned);
  }

  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | number[],
    key: string | number[],
    charset?: GoogleAppsScript.Utilities.Charset,
  ): number[] {
    const cs = charset as unknown as string;
    const name = enumName(MacAlgorithm, algorithm);
    if (!name) throw signatureError('Utilities.computeHmacSignature', algorithm, value, key);
    return hmac(name.replace(/^HMAC_/, ''), bytesOf(value, cs), bytesOf(key, cs)).map(toSigned);
  }

  computeHmacSha256Signature(value: string | number[], key: string | number[], charset?: GoogleAppsScript.Utilities.Charset): number[] {
    const cs = charset as unknown as string;
    return hmac('SHA_256', bytesOf(value, cs), bytesOf(key, cs)).map(toSigned);
  }

  base64Encode(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): string {
    return base64Encode(bytesOf(data, charset as unknown as string));
  }

  base64EncodeWebSafe(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): string {
    return base64Encode(bytesOf(data, charset as unknown as string), WEB_SAFE);
  }

  base64Decode(encoded: string): number[] {
    return base64Decode(String(encoded));
  }

  base64DecodeWebSafe(encoded: string): number[] {
    return base64Decode(String(encoded), WEB_SAFE);
  }

  newBlob(data: string | number[], contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    return asGas(new Blob(bytesOf(data), contentType ?? null, name ?? null));
  }

  /** Sleeps on the virtual clock. The documented maximum is 300000 ms (the error text is ours). */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!(ms >= 0) || ms > MAX_SLEEP_MS) throw new Error(`Invalid argument: milliseconds. The maximum allowed value is ${MAX_SLEEP_MS}.`);
    // Sleeping counts toward the execution's time limit, as on Apps Script.
    spendTime(ms);
  }

  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsv(String(csv), delimiter ?? ',');
  }
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  return '(class)';
}

export function createUtilities(): GasUtilities {
  return asGas<GasUtilities>(new Utilities());
}

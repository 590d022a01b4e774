/** Text safety at every boundary: cells, emails, file names. Pure functions. */

/** Google Sheets refuses more than this many characters in one cell. */
export const CELL_CHAR_LIMIT = 50000;

/**
 * The string to write into a cell so that it stays exactly this text: a leading apostrophe
 * makes Sheets store the rest as text, so "=HYPERLINK(…)", "+1 555", "-", "@x", "007" or
 * "2026-01-01" are never turned into a formula, a number or a date. The apostrophe is not
 * part of the stored value.
 */
export function asLiteralText(s: string): string {
  return s === '' ? '' : `'${s}`;
}

/** Characters that make a spreadsheet treat text as a formula (OWASP CSV injection list). */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@\t\r\n]/.test(s);
}

/** Cuts text to fit one cell, saying so at the end; reports whether it was cut. */
export function fitCell(s: string, limit = CELL_CHAR_LIMIT): { text: string; cut: boolean } {
  if (s.length <= limit) return { text: s, cut: false };
  const note = ` … [cut: ${s.length} characters, full text in the form response]`;
  return { text: s.slice(0, limit - note.length) + note, cut: true };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Invisible and bidirectional control characters: zero-width space, non-joiner and joiner,
 * left-to-right and right-to-left marks (U+200B–U+200F), the embeddings and overrides
 * (U+202A–U+202E), the isolates (U+2066–U+2069) and the byte-order mark (U+FEFF).
 * A right-to-left override in a name reverses the rest of a subject line on screen; a trailing
 * zero-width space makes a valid address invalid while it still looks valid.
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Removes invisible and bidi control characters (see INVISIBLE); the one function used for subjects, names in them, file names and email answers. */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

/** One line, no control characters: safe for an email subject or a Log cell summary. */
export function oneLine(s: string, max = 200): string {
  // Control characters (newlines, tabs, NUL…) would break a subject line or a header;
  // invisible and bidi controls would hide or reorder what it says.
  const visible = Array.from(stripInvisible(s), (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch)).join('');
  const flat = visible.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A name usable as a Drive file name on any system. */
export function safeFileName(s: string, max = 120): string {
  const cleaned = oneLine(s, max)
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/^[.\s]+/, '');
  return cleaned || 'untitled';
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export type EmailCheck = { ok: true; email: string } | { ok: false; reason: string };

/** Trims and lower-cases an email answer; refuses lists, blanks and malformed addresses. */
export function normaliseEmail(raw: string | undefined): EmailCheck {
  // Before validation: a zero-width space or a direction mark copied with an address is not part of it.
  const s = stripInvisible(raw ?? '').trim();
  if (!s) return { ok: false, reason: 'email missing' };
  if (/[,;]/.test(s) || (s.match(/@/g) ?? []).length > 1) return { ok: false, reason: `more than one email address in "${oneLine(s, 80)}"` };
  const email = s.toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) return { ok: false, reason: `invalid email "${oneLine(s, 80)}"` };
  return { ok: true, email };
}

/**
 * Diacritic marks removed by foldText: the combining accents of Latin, Greek and Cyrillic
 * (and their extensions), Hebrew points and Arabic harakat. Marks that are part of a letter
 * elsewhere (Indic vowel signs, the kana voicing marks of NFKD "が") are kept: removing them
 * would turn one word into another.
 */
const DIACRITIC_RANGES: [number, number][] = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x0591, 0x05c7],
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x06d6, 0x06ed],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];
const hex = (n: number): string => `\\u${n.toString(16).padStart(4, '0')}`;
// Built from code points: written as a literal class, lint reads the marks as combined characters.
const DIACRITICS = new RegExp(`[${DIACRITIC_RANGES.map(([a, b]) => `${hex(a)}-${hex(b)}`).join('')}]`, 'g');

/**
 * The one text fold for comparing words (taxonomy, languages, matching, directory search):
 * compatibility-decomposed (NFKD: "ﬁ" → "fi", full-width "Ｒ" → "r"), case-folded (ß → ss,
 * final ς → σ), diacritics removed ("João" = "joao", "Ελληνικά" = "ελληνικα", "ё" = "е"), and every
 * run of anything that is not a letter, digit or mark of any script turned into one space.
 * Letters of every script are kept, so two different Cyrillic or CJK words never fold alike.
 */
export function foldText(s: string | undefined | null): string {
  if (!s) return '';
  return s
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim()
    .normalize('NFC');
}

/** Splits a multi-choice answer as Forms writes it ("a, b, c") into trimmed items. */
export function splitList(s: string | undefined): string[] {
  return (s ?? '')
    .split(/\s*[,;\n]\s*/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Fills {{placeholders}}; `escape` applies to every value (HTML bodies), unknown keys stay visible. */
export function fillTemplate(template: string, values: Record<string, string>, escape: (value: string, key: string) => string = (s) => s): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (all, key: string) => (key in values ? escape(values[key], key) : all));
}

/**
 * Splits a multi-choice answer ("Consulting, Selling, influencing & evangelizing") into
 * choices when choices themselves may hold ", ": known choices are matched longest-first;
 * anything else (an "Other" answer) is split on commas.
 */
export function splitChoices(answer: string | undefined, known: string[]): string[] {
  const text = (answer ?? '').trim();
  if (!text) return [];
  const byLength = [...new Set(known.filter(Boolean))].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  let rest = text;
  while (rest) {
    const hit = byLength.find((k) => rest === k || rest.startsWith(`${k},`) || rest.startsWith(`${k};`) || rest.startsWith(`${k}\n`));
    let item: string;
    if (hit) item = hit;
    else {
      const m = /^[^,;\n]*/.exec(rest);
      item = m ? m[0] : rest;
    }
    if (item.trim()) out.push(item.trim());
    // Progress is guaranteed: an empty item means rest starts with a separator, removed here.
    rest = rest.slice(item.length).replace(/^\s*[,;\n]\s*/, '');
  }
  return out;
}

/**
 * Multi-value cells (Roles, Languages, Skills, Formats, Circles, Do not offer for, Skills
 * wanted…) hold their values separated by ";" — written "a; b", typed with or without the
 * space — because a value can hold a comma ("Selling, influencing & evangelizing") but never a
 * semicolon: a skill or circle name with ";" is refused (Check registry), and a free answer is
 * split at it. A line break (Ctrl+Enter in a cell) separates too.
 */
export const LIST_SEPARATOR = ';';

/** Values as one multi-value cell: "Consulting; Selling, influencing & evangelizing". */
export function joinList(values: readonly string[]): string {
  return values
    .map((v) => v.trim())
    .filter(Boolean)
    .join(`${LIST_SEPARATOR} `);
}

/**
 * The values of a multi-value cell. Split at ";" and line breaks only; a part that is not one of
 * `known` but holds commas ("en, pt" typed by hand, or a cell written before ";") is split as
 * Forms writes choices, keeping known values with commas whole.
 */
export function splitListCell(cell: string | undefined, known: readonly string[] = []): string[] {
  const parts = (cell ?? '')
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!known.length) return parts;
  const isKnown = new Set(known);
  return parts.flatMap((p) => (isKnown.has(p) || !p.includes(',') ? [p] : splitChoices(p, [...known])));
}

/** Whether a value can stand in a multi-value cell (it holds no separator). */
export function fitsListCell(value: string): boolean {
  return !/[;\n]/.test(value);
}

/**
 * A multi-value cell written before ";" was the separator ("a, b, c", choices matched longest
 * first), in today's form ("a; b; c"); undefined when it is already in that form.
 */
export function migrateListCell(cell: string, known: readonly string[]): string | undefined {
  if (!cell.trim() || /[;\n]/.test(cell)) return undefined;
  const values = splitChoices(cell, [...known]);
  const now = joinList(values);
  return now === cell.trim() ? undefined : now;
}

/** The addresses of an Outbox "To" cell ("a@x.org,b@y.org"), each trimmed, blanks dropped. */
export function recipientsOf(to: string): string[] {
  return to
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A sender display name MailApp can put in a From header: one line, no quotes, angle
 * brackets or backslashes (they would end or escape the header's quoted name), at most 100.
 */
export function cleanDisplayName(name: string): string {
  return oneLine(name.replace(/["<>\\]/g, ' '), 100) || 'Training Help Desk';
}

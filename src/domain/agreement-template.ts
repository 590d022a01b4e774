/**
 * The agreement template language, pure: `{{field}}` (dotted paths: `{{trainer.name}}`),
 * `{{#if field}} … {{/if}}` (nesting allowed; kept when the value is present and not empty or
 * false), and `{{#each list}}` (the table row holding it is repeated per item; inside it
 * `{{this.field}}` or `{{field}}` read the item, then the top-level data). Values are inserted as
 * text, never read as tags or patterns, so whatever a person typed comes out exactly.
 * The Docs side (which paragraphs and rows to keep) is gas/docs-template.ts.
 */

export type TagKind = 'field' | 'if' | 'endif' | 'each' | 'endeach';

/** One tag in a text: [start, end) and its path (item fields inside an each: "list.field"). */
export interface TemplateTag {
  start: number;
  end: number;
  kind: TagKind;
  path: string;
}

/** Data to fill from: plain objects, arrays of items for `each`, Dates and Money as values. */
export type TemplateData = Readonly<Record<string, unknown>>;

/** An amount of money, formatted as amount + currency in the spreadsheet's locale. */
export interface Money {
  amount: number;
  currency: string;
}

/** How values become text: dates by the spreadsheet's time zone (gas side), numbers by locale. */
export interface ValueFormat {
  date: (d: Date) => string;
  locale: string;
}

/** Where a tag reads from: the data, and inside a repeated row the current item. */
export interface Scope {
  data: TemplateData;
  item?: unknown;
  list?: string;
}

const TAG = /\{\{([^{}]*)\}\}/g;
const PATH = /^[A-Za-z_][\w]*(\.[A-Za-z_\w]+)*$/;

/** The tags of a text in order; a `{{…}}` that is no valid tag is a field named by its text (so pre-flight calls it unknown). */
export function scanTags(text: string): TemplateTag[] {
  const out: TemplateTag[] = [];
  for (const m of text.matchAll(TAG)) {
    const inner = m[1].trim();
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const [, word, rest] = /^([#/](?:if|each))(?:\s+(.*))?$/.exec(inner) ?? [];
    if (word === '/if' || word === '/each') out.push({ start, end, kind: word === '/if' ? 'endif' : 'endeach', path: '' });
    else if (word) out.push({ start, end, kind: word === '#if' ? 'if' : 'each', path: (rest ?? '').trim() });
    else out.push({ start, end, kind: 'field', path: inner });
  }
  return out;
}

/** A path as written inside `{{#each list}}` → the path pre-flight checks ("this.x" and "x" → "list.x"). */
function inList(list: string | undefined, path: string): string {
  if (!list) return path;
  if (path === 'this') return list;
  return `${list}.${path.startsWith('this.') ? path.slice(5) : path}`;
}

/** The tags a template uses: fields, `#if` conditions and `#each` lists (an each lasts to `{{/each}}` or the line's end). */
export function templateTags(text: string): { fields: string[]; ifs: string[]; eaches: string[] } {
  const fields = new Set<string>();
  const ifs = new Set<string>();
  const eaches = new Set<string>();
  let list: string | undefined;
  let last = 0;
  for (const t of scanTags(text)) {
    if (list && text.slice(last, t.start).includes('\n')) list = undefined;
    last = t.end;
    if (t.kind === 'each') {
      eaches.add(t.path);
      list = t.path;
    } else if (t.kind === 'endeach') list = undefined;
    else if (t.kind === 'if') ifs.add(inList(list, t.path));
    else if (t.kind === 'field') fields.add(inList(list, t.path));
  }
  return { fields: [...fields], ifs: [...ifs], eaches: [...eaches] };
}

function own(o: unknown, key: string): boolean {
  return typeof o === 'object' && o !== null && !Array.isArray(o) && Object.prototype.hasOwnProperty.call(o, key);
}

/** Whether the data has this path (through lists: any item has it, or the list is empty). */
function provides(at: unknown, keys: readonly string[]): boolean {
  if (keys.length === 0) return true;
  if (Array.isArray(at)) return at.length === 0 || at.some((x) => provides(x, keys));
  if (!PATH.test(keys[0]) || !own(at, keys[0])) return false;
  return provides((at as Record<string, unknown>)[keys[0]], keys.slice(1));
}

/** A value that counts as given: not undefined/null, not blank text, not an empty list, not false. */
export function isPresent(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'number') return !Number.isNaN(v);
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

function dataKnows(data: TemplateData, path: string): boolean {
  if (provides(data, path.split('.'))) return true;
  // Inside an each, "list.x" may also be the top-level "x".
  const dot = path.indexOf('.');
  return dot > 0 && Array.isArray(data[path.slice(0, dot)]) && provides(data, path.slice(dot + 1).split('.'));
}

/** Pre-flight: tags no data provides, and required fields empty on this row. Generate only when both are empty. */
export function preflight(
  tags: { fields: string[]; ifs: string[]; eaches: string[] },
  data: TemplateData,
  required: string[],
): { unknownTags: string[]; emptyRequired: string[] } {
  const all = [...new Set([...tags.fields, ...tags.ifs, ...tags.eaches])];
  const unknownTags = all.filter((p) => !dataKnows(data, p));
  const emptyRequired = required.filter((p) => !isPresent(walk(data, p.split('.'))));
  return { unknownTags, emptyRequired };
}

function walk(at: unknown, keys: readonly string[]): unknown {
  let v = at;
  for (const k of keys) {
    if (!own(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** The value a tag path reads in a scope (undefined: no data has it). */
export function lookup(scope: Scope, path: string): unknown {
  if (scope.list !== undefined) {
    if (path === 'this') return scope.item;
    const inItem = path.startsWith('this.') ? path.slice(5) : path;
    const v = walk(scope.item, inItem.split('.'));
    if (v !== undefined || path.startsWith('this.')) return v;
  }
  return walk(scope.data, path.split('.'));
}

const DECIMAL_COMMA = new Set([
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'ru',
  'uk',
  'pl',
  'cs',
  'sk',
  'sv',
  'da',
  'fi',
  'nb',
  'no',
  'tr',
  'id',
  'ro',
  'hu',
  'el',
  'bg',
  'hr',
  'sl',
  'sr',
  'ca',
  'be',
  'lt',
  'lv',
  'et',
]);
const SPACE_GROUPS = new Set(['fr', 'ru', 'uk', 'pl', 'cs', 'sk', 'sv', 'fi', 'nb', 'no', 'hu', 'bg', 'be', 'lt', 'lv', 'et']);

/** A number in a locale's separators ("1,234.5" in en_US, "1.234,5" in de_DE, "1 234,5" in fr_FR). */
export function formatNumber(n: number, locale: string, decimals?: number): string {
  const lang = locale.toLowerCase().split(/[_-]/)[0];
  const fixed = decimals === undefined ? String(Math.abs(n)) : Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const group = SPACE_GROUPS.has(lang) ? ' ' : DECIMAL_COMMA.has(lang) ? '.' : ',';
  const grouped = /e/i.test(int) ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return (n < 0 ? '-' : '') + grouped + (frac ? (DECIMAL_COMMA.has(lang) ? ',' : '.') + frac : '');
}

/** Money as amount + currency: "1,200.00 EUR" (en), "1.200,00 EUR" (de). */
export function formatMoney(m: Money, locale: string): string {
  return `${formatNumber(m.amount, locale, 2)} ${m.currency}`.trim();
}

function isMoney(v: unknown): v is Money {
  return typeof v === 'object' && v !== null && typeof (v as Money).amount === 'number' && typeof (v as Money).currency === 'string';
}

/** A value as the text a template shows. */
export function formatValue(v: unknown, fmt: ValueFormat): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isNaN(v) ? '' : formatNumber(v, fmt.locale);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Object.prototype.toString.call(v) === '[object Date]') return Number.isNaN((v as Date).getTime()) ? '' : fmt.date(v as Date);
  if (isMoney(v)) return formatMoney(v, fmt.locale);
  if (Array.isArray(v)) return v.map((x) => formatValue(x, fmt)).join(', ');
  return '';
}

/** One text change: [start, end) becomes text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** For each `#if` its `/if` (and back), by nesting; -1 when unbalanced. */
function pairs(tags: readonly TemplateTag[]): number[] {
  const match = tags.map(() => -1);
  const open: number[] = [];
  tags.forEach((t, i) => {
    if (t.kind === 'if') open.push(i);
    else if (t.kind === 'endif' && open.length > 0) {
      const j = open.pop() as number;
      match[i] = j;
      match[j] = i;
    }
  });
  return match;
}

/**
 * The edits that fill one block of text (a paragraph or a table cell), in order: fields become
 * their values, inline `{{#if}}…{{/if}}` are kept (tags dropped) or removed, each markers dropped.
 * A field no data has stays as typed and is listed in `missing`; an `#if` or `/if` without its
 * partner in this block stays and is listed in `unbalanced` (a paragraph-level section is the
 * caller's).
 */
export function inlineEdits(text: string, scope: Scope, fmt: ValueFormat): { edits: TextEdit[]; filled: string[]; missing: string[]; unbalanced: string[] } {
  const tags = scanTags(text);
  const match = pairs(tags);
  const edits: TextEdit[] = [];
  const filled: string[] = [];
  const missing: string[] = [];
  const unbalanced: string[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t.kind === 'each' || t.kind === 'endeach') edits.push({ start: t.start, end: t.end, text: '' });
    else if (t.kind === 'field') {
      const v = lookup(scope, t.path);
      if (v === undefined) missing.push(inList(scope.list, t.path));
      else {
        filled.push(inList(scope.list, t.path));
        edits.push({ start: t.start, end: t.end, text: formatValue(v, fmt) });
      }
    } else if (match[i] < 0) unbalanced.push(text.slice(t.start, t.end));
    else if (t.kind === 'endif') edits.push({ start: t.start, end: t.end, text: '' });
    else {
      const v = lookup(scope, t.path);
      if (v === undefined) missing.push(inList(scope.list, t.path));
      if (isPresent(v)) edits.push({ start: t.start, end: t.end, text: '' });
      else {
        const close = tags[match[i]];
        edits.push({ start: t.start, end: close.end, text: '' });
        i = match[i];
      }
    }
  }
  return { edits, filled, missing, unbalanced };
}

/** Applies edits (from inlineEdits: in order, not overlapping) to a string. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** A whole text filled (fields and inline ifs): what the Docs adapter does per paragraph, for plain text. */
export function renderText(text: string, scope: Scope, fmt: ValueFormat): string {
  return applyEdits(text, inlineEdits(text, scope, fmt).edits);
}

/** A paragraph that is only a section marker: `{{#if x}}` opens, `{{/if}}` closes a paragraph-level section. */
export function sectionMarker(text: string): { kind: 'if'; path: string } | { kind: 'endif' } | undefined {
  const tags = scanTags(text);
  if (tags.length !== 1 || text.slice(0, tags[0].start).trim() !== '' || text.slice(tags[0].end).trim() !== '') return undefined;
  const t = tags[0];
  if (t.kind === 'if') return { kind: 'if', path: t.path };
  if (t.kind === 'endif') return { kind: 'endif' };
  return undefined;
}

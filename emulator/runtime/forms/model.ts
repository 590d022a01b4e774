/**
 * Plain-data Forms operations shared by the FormApp fakes (in the vm realm) and the host-side
 * form-submission driver: how a response lands in the destination sheet, and how Sheets
 * displays it. Everything here takes the Store explicitly and never touches the runtime context.
 */
import type { CellRec, FormItemRec, FormRec, FormResponseRec, SheetRec, SpreadsheetRec, Store } from '../../store';
import { getCell, insertSheetRec, lastRow, setCell } from '../sheet-model';

/** Item types that ask a question (and so get a column in the destination sheet). */
export const QUESTION_TYPES = new Set([
  'TEXT',
  'PARAGRAPH_TEXT',
  'MULTIPLE_CHOICE',
  'CHECKBOX',
  'LIST',
  'SCALE',
  'DATE',
  'DATETIME',
  'TIME',
  'GRID',
  'CHECKBOX_GRID',
  'DURATION',
]);

export const TIMESTAMP_FORMAT = 'M/d/yyyy H:mm:ss';
const DATE_FORMAT = 'M/d/yyyy';
const EMAIL_HEADER = 'Email Address';

export function isQuestion(item: FormItemRec): boolean {
  return QUESTION_TYPES.has(item.type);
}

/** The key of the published form inside its URLs (https://docs.google.com/forms/d/e/<key>/viewform). */
export function publishedKey(form: FormRec): string {
  return /\/forms\/d\/e\/([^/]+)\//.exec(form.publishedUrl)?.[1] ?? form.id;
}

export function findForm(s: Store, pred: (f: FormRec) => boolean): FormRec | undefined {
  return Object.values(s.forms).find(pred);
}

export function destinationSheet(s: Store, form: FormRec): { ss: SpreadsheetRec; sheet: SheetRec } | undefined {
  const d = form.destination;
  if (!d) return undefined;
  const ss = s.spreadsheets[d.spreadsheetId];
  const sheet = ss?.sheets.find((x) => x.sheetId === d.sheetId);
  return ss && sheet ? { ss, sheet } : undefined;
}

/**
 * Links the form to a spreadsheet the way Forms does: a new sheet "Form Responses N" (the first
 * free N) at index 0, header row frozen, holding every response the form already has.
 */
export function linkDestination(s: Store, form: FormRec, ss: SpreadsheetRec): SheetRec {
  let n = 1;
  const taken = new Set(ss.sheets.map((x) => x.name.toLowerCase()));
  while (taken.has(`form responses ${n}`)) n++;
  const sheet = insertSheetRec(ss, `Form Responses ${n}`, 0);
  sheet.formId = form.id;
  sheet.frozenRows = 1;
  if (!ss.formIds.includes(form.id)) ss.formIds.push(form.id);
  form.destination = { spreadsheetId: ss.id, sheetId: sheet.sheetId, columns: {} };
  setCell(sheet, 0, 0, { v: 'Timestamp' });
  syncHeader(s, form);
  for (const r of form.responses) {
    r.destinationRow = undefined;
    writeResponseRow(s, form, r);
  }
  return sheet;
}

export function unlinkDestination(s: Store, form: FormRec): void {
  const dest = destinationSheet(s, form);
  if (dest) {
    dest.sheet.formId = undefined;
    dest.ss.formIds = dest.ss.formIds.filter((id) => id !== form.id);
  }
  form.destination = undefined;
  for (const r of form.responses) r.destinationRow = undefined;
}

/**
 * Keeps the header row in step with the form: a question added after linking gets a new column
 * at the end, a renamed question renames its column; deleted questions keep theirs (as Sheets does).
 */
export function syncHeader(s: Store, form: FormRec): void {
  const dest = destinationSheet(s, form);
  if (!dest || !form.destination) return;
  const cols = (form.destination.columns ??= {});
  const { sheet } = dest;
  const width = (): number => Math.max(1, ...Object.values(cols));
  const put = (key: string, title: string): void => {
    if (!cols[key]) cols[key] = width() + 1;
    setCell(sheet, 0, cols[key] - 1, { ...(getCell(sheet, 0, cols[key] - 1) ?? {}), v: title });
  };
  if (form.collectEmail) put('email', EMAIL_HEADER);
  for (const item of form.items) if (isQuestion(item)) put(String(item.id), item.title);
  if (width() > sheet.maxColumns) sheet.maxColumns = width();
}

/** A stored answer as Forms writes it into a cell. */
export function answerCell(item: FormItemRec, answer: string | string[] | undefined, timeZone: string): CellRec | undefined {
  if (answer === undefined) return undefined;
  if (Array.isArray(answer)) return answer.length ? { v: answer.join(', ') } : undefined;
  if (answer === '') return undefined;
  if (item.type === 'DATE') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(answer);
    if (m) return { v: { date: zonedMidnight(+m[1], +m[2], +m[3], timeZone) }, fmt: DATE_FORMAT };
  }
  // Answers that read as numbers land as numbers (which is why leading zeros get lost).
  if (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(answer)) return { v: Number(answer) };
  return { v: answer };
}

/**
 * Writes a response into the destination sheet: a new row after the last one, or (for an edited
 * response) the same row again with the new timestamp and answers. Returns the 1-based row.
 */
export function writeResponseRow(s: Store, form: FormRec, resp: FormResponseRec): number | undefined {
  const dest = destinationSheet(s, form);
  if (!dest) return undefined;
  syncHeader(s, form);
  const { ss, sheet } = dest;
  const cols = form.destination?.columns ?? {};
  const row0 = resp.destinationRow ? resp.destinationRow - 1 : lastRow(sheet);
  const width = Math.max(1, ...Object.values(cols));
  for (let c = 0; c < width; c++) setCell(sheet, row0, c, undefined);
  setCell(sheet, row0, 0, { v: { date: resp.timestamp }, fmt: TIMESTAMP_FORMAT });
  if (cols.email && form.collectEmail) setCell(sheet, row0, cols.email - 1, resp.respondentEmail ? { v: resp.respondentEmail } : undefined);
  for (const item of form.items) {
    const col = cols[String(item.id)];
    if (col && isQuestion(item)) setCell(sheet, row0, col - 1, answerCell(item, resp.answers[item.id], ss.timeZone));
  }
  if (row0 + 1 > sheet.maxRows) sheet.maxRows = row0 + 1;
  resp.destinationRow = row0 + 1;
  return row0 + 1;
}

/** How Sheets displays a cell of a form-response row (for e.values / e.namedValues). */
export function displayCell(cell: CellRec | undefined, timeZone: string): string {
  if (!cell) return '';
  const v = cell.v;
  if (typeof v === 'object') return formatDate(v.date, cell.fmt === DATE_FORMAT ? DATE_FORMAT : TIMESTAMP_FORMAT, timeZone);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** Formats epoch ms with the two patterns Forms uses, in a time zone. */
export function formatDate(ms: number, pattern: typeof TIMESTAMP_FORMAT | typeof DATE_FORMAT, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  const date = `${p.month}/${p.day}/${p.year}`;
  if (pattern === DATE_FORMAT) return date;
  return `${date} ${p.hour}:${String(p.minute).padStart(2, '0')}:${String(p.second).padStart(2, '0')}`;
}

function zonedParts(ms: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const out: Record<string, number> = {};
  for (const part of fmt.formatToParts(ms)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** Epoch ms of local midnight of a calendar day in a time zone. */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  const p = zonedParts(guess, timeZone);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - guess;
  return guess - offset;
}

/** Prefilled-link value encoding as Google writes it: percent-encoding with "+" for spaces. */
export function encodeEntryValue(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/**
 * Making a registry sheet match its spec, idempotently: sheet and headers, frozen header,
 * column widths, dropdowns and checkboxes, protected script-managed columns, status colours.
 * Running it again replaces validation and colour rules instead of adding more.
 */
import { missingHeaders, type ColumnSpec, type SheetSpec } from '../domain/registry';
import { choicesOf } from '../domain/rows';
import type { SheetLook } from './defaults';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const MANAGED_PROTECTION = 'Managed by the Training Help Desk script';

/** Column widths (pixels) by kind where a column does not set its own: dates must fit "11/24/2026 9:05:07". */
const DEFAULT_WIDTH: Record<ColumnSpec['kind'], number> = { text: 140, email: 200, number: 90, date: 150, bool: 80, list: 180, choice: 130, link: 160 };

/** Dates the help desk types as days (an agreement's end, a review): no time of day. */
const DATE_ONLY = new Set(['validUntil', 'lastReviewed']);
/** One date format per date column (Sheets keeps a column's date format when a script writes a Date into it). */
export function dateFormatOf(col: ColumnSpec): string | undefined {
  if (col.kind !== 'date') return undefined;
  return DATE_ONLY.has(col.key) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
}

/** A registry sheet as Set up found and repaired it: read once, used by every later step. */
export interface EnsureResult {
  sheet: Sheet;
  created: boolean;
  addedHeaders: string[];
  /** The header row after the repair. */
  headers: string[];
  /** Rows below the header in the grid (what validation and protections cover). */
  dataRows: number;
}

export function readHeaders(sheet: Sheet): string[] {
  const width = sheet.getLastColumn();
  if (width === 0) return [];
  return sheet
    .getRange(1, 1, 1, width)
    .getDisplayValues()[0]
    .map((h) => h.trim());
}

/** Creates the sheet if missing, appends missing headers after the last column, freezes the header. */
export function ensureSheet(ss: Spreadsheet, spec: SheetSpec, look: SheetLook | undefined): EnsureResult {
  let sheet = ss.getSheetByName(spec.name);
  const created = !sheet;
  if (!sheet) sheet = ss.insertSheet(spec.name, ss.getSheets().length);
  const existing = readHeaders(sheet);
  const added = missingHeaders(spec, existing);
  if (added.length) {
    // A full grid (every column used, or the sheet's last column reached) has no room: grow it first.
    const room = sheet.getMaxColumns() - existing.length;
    if (room < added.length) sheet.insertColumnsAfter(sheet.getMaxColumns(), added.length - room);
    sheet
      .getRange(1, existing.length + 1, 1, added.length)
      .setNumberFormat('@')
      .setValues([added])
      .setFontWeight('bold')
      .setBackground('#f3f3f3');
  }
  if (sheet.getFrozenRows() !== spec.frozenRows) sheet.setFrozenRows(spec.frozenRows);
  // Date columns, when they are new (a new sheet, or a column just added): one format each, for the
  // whole column, so every date in it reads the same way (one setNumberFormat per run).
  const headers = [...existing, ...added];
  const formats = spec.columns
    .filter((col) => created || added.includes(col.header))
    .map((col) => ({ at: headers.indexOf(col.header), key: dateFormatOf(col) ?? '' }))
    .filter((f) => f.at >= 0 && f.key);
  const maxRows = formats.length ? sheet.getMaxRows() : 0;
  if (maxRows > 1) for (const run of runs(formats)) sheet.getRange(2, run.start + 1, maxRows - 1, run.length).setNumberFormat(run.key);
  if (created) {
    if (look?.tabColor) sheet.setTabColor(look.tabColor);
    // One setColumnWidths per run of neighbouring columns of the same width.
    const widths = spec.columns.map((col) => look?.widths[col.header] ?? DEFAULT_WIDTH[col.kind]);
    for (const run of runs(widths.map((w, i) => ({ at: i, key: String(w) })))) sheet.setColumnWidths(run.start + 1, run.length, widths[run.start]);
  }
  return { sheet, created, addedHeaders: added, headers: [...existing, ...added], dataRows: Math.max(sheet.getMaxRows() - 1, 1) };
}

/** Runs of neighbouring positions with the same key (positions in ascending order). */
export function runs(items: { at: number; key: string }[]): { start: number; length: number; key: string }[] {
  const out: { start: number; length: number; key: string }[] = [];
  for (const item of [...items].sort((a, b) => a.at - b.at)) {
    const last = out[out.length - 1];
    if (last && last.key === item.key && last.start + last.length === item.at) last.length++;
    else out.push({ start: item.at, length: 1, key: item.key });
  }
  return out;
}

function columnRange(layout: EnsureResult, col: ColumnSpec): GoogleAppsScript.Spreadsheet.Range | undefined {
  const i = layout.headers.findIndex((h) => h.toLowerCase() === col.header.toLowerCase());
  return i < 0 ? undefined : layout.sheet.getRange(2, i + 1, layout.dataRows, 1);
}

/** What a column holds, as a note on its header cell (one write). */
export function applyHeaderNotes({ sheet, headers }: EnsureResult, notes: Record<string, string>): void {
  if (headers.length) sheet.getRange(1, 1, 1, headers.length).setNotes([headers.map((h) => notes[h] ?? '')]);
}

/**
 * Dropdowns, checkboxes and email checks; replaces what a previous run set. Neighbouring
 * columns with the same rule share one range and one setDataValidation; a rule is built once.
 */
export function applyValidation(layout: EnsureResult, spec: SheetSpec, lists: Record<string, string[]>): void {
  const wanted: { at: number; key: string }[] = [];
  for (const col of spec.columns) {
    const at = layout.headers.findIndex((h) => h.toLowerCase() === col.header.toLowerCase());
    if (at < 0) continue;
    if (col.kind === 'bool') wanted.push({ at, key: JSON.stringify(['bool']) });
    else if (col.kind === 'choice' || col.kind === 'list') {
      const values = choicesOf(col, lists);
      if (values && values.length) wanted.push({ at, key: JSON.stringify([col.kind, values]) });
    } else if (col.kind === 'email') wanted.push({ at, key: JSON.stringify(['email']) });
  }
  const built = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();
  for (const run of runs(wanted)) {
    let rule = built.get(run.key);
    if (!rule) {
      const [kind, values] = JSON.parse(run.key) as [string, string[]?];
      // A list column holds several values ("en, pt"): its dropdown suggests, it cannot enforce.
      rule =
        kind === 'bool'
          ? SpreadsheetApp.newDataValidation().requireCheckbox().build()
          : kind === 'email'
            ? SpreadsheetApp.newDataValidation().requireTextIsEmail().setAllowInvalid(true).setHelpText('One email address').build()
            : SpreadsheetApp.newDataValidation()
                .requireValueInList(values ?? [], true)
                .setAllowInvalid(kind === 'list')
                .build();
      built.set(run.key, rule);
    }
    layout.sheet.getRange(2, run.start + 1, layout.dataRows, run.length).setDataValidation(rule);
  }
}

/**
 * Script-managed columns get a warning-only protection (once): hand edits stay possible but
 * deliberate. One protection per run of neighbouring managed columns, named after its headers.
 */
export function protectManagedColumns(layout: EnsureResult, spec: SheetSpec): number {
  // Headers already covered, by this version's protections or an older one's (one per column).
  const prefix = `${MANAGED_PROTECTION}: ${spec.name} › `;
  const covered = new Set(
    layout.sheet
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .map((p) => p.getDescription())
      .filter((d) => d.startsWith(prefix))
      .flatMap((d) =>
        d
          .slice(prefix.length)
          .split(', ')
          .map((h) => h.toLowerCase()),
      ),
  );
  const managed: { at: number; key: string }[] = [];
  for (const col of spec.columns.filter((c) => c.managed && !covered.has(c.header.toLowerCase()))) {
    const at = layout.headers.findIndex((h) => h.toLowerCase() === col.header.toLowerCase());
    if (at >= 0) managed.push({ at, key: 'managed' });
  }
  let added = 0;
  for (const run of runs(managed)) {
    const headers = layout.headers.slice(run.start, run.start + run.length);
    const description = `${prefix}${headers.join(', ')}`;
    layout.sheet
      .getRange(2, run.start + 1, layout.dataRows, run.length)
      .protect()
      .setDescription(description)
      .setWarningOnly(true);
    added++;
  }
  return added;
}

/** Status colours as conditional format rules on the status column; the sheet's rules are the tool's. */
export function applyStatusColours(layout: EnsureResult, spec: SheetSpec, colours: Record<string, string> | undefined): void {
  if (!colours) return;
  const col = spec.columns.find((c) => c.key === 'status');
  const range = col && columnRange(layout, col);
  if (!range) return;
  const rules = Object.entries(colours).map(([value, colour]) =>
    SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(value).setBackground(colour).setRanges([range]).build(),
  );
  layout.sheet.setConditionalFormatRules(rules);
}

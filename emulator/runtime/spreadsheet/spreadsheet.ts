/** Spreadsheet: a whole Sheets file over its plain SpreadsheetRec. */
import type { SheetRec, SpreadsheetRec } from '../../store';
import { now, rt, store } from '../context';
import { asGas, strict } from '../strict';
import { enumArg } from '../enums';
import { rangeInSpreadsheet, Range, rangeOf } from './range';
import { insertSheet, RangeList, Sheet } from './sheet';
import { Protection, ProtectionType } from './validation';
import { localeRules } from './locale';
import { User } from './user';
import { roleOf } from '../drive/access';

type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

type SpreadsheetSurface = Pick<
  GasSpreadsheet,
  | 'getId'
  | 'getName'
  | 'rename'
  | 'getUrl'
  | 'getSheets'
  | 'getNumSheets'
  | 'getSheetByName'
  | 'getSheetById'
  | 'insertSheet'
  | 'deleteSheet'
  | 'setActiveSheet'
  | 'getActiveSheet'
  | 'getActiveRange'
  | 'getActiveRangeList'
  | 'getSelection'
  | 'getRange'
  | 'getRangeByName'
  | 'setNamedRange'
  | 'removeNamedRange'
  | 'toast'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
  | 'getSpreadsheetLocale'
  | 'setSpreadsheetLocale'
  | 'getFormUrl'
  | 'getProtections'
  | 'moveActiveSheet'
  | 'getEditors'
  | 'getViewers'
  | 'getOwner'
>;

export class Spreadsheet implements SpreadsheetSurface {
  constructor(readonly _ss: SpreadsheetRec) {
    return strict('Spreadsheet', this);
  }
  private sheet(rec: SheetRec): GasSheet {
    return asGas(new Sheet(this._ss, rec));
  }

  getId(): string {
    return this._ss.id;
  }
  getName(): string {
    return this._ss.name;
  }
  rename(newName: string): void {
    this._ss.name = String(newName);
    const item = store().drive.items[this._ss.id];
    if (item) item.name = this._ss.name;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._ss.id}/edit`;
  }

  // ---- sharing (the spreadsheet's Drive item) ------------------------------------------------
  /**
   * The people who may edit: the owner first, then the editors. As for Drive files, a caller
   * without edit access gets an empty list.
   */
  getEditors(): GoogleAppsScript.Base.User[] {
    const item = store().drive.items[this._ss.id];
    if (!item || !this._callerCanEdit()) return [];
    return [item.owner, ...item.editors.filter((e) => e !== item.owner)].map((e) => asGas<GoogleAppsScript.Base.User>(new User(e)));
  }
  /** Viewers and commenters (not editors); empty for a caller without edit access. */
  getViewers(): GoogleAppsScript.Base.User[] {
    const item = store().drive.items[this._ss.id];
    if (!item || !this._callerCanEdit()) return [];
    return item.viewers.filter((e) => !item.editors.includes(e) && e !== item.owner).map((e) => asGas<GoogleAppsScript.Base.User>(new User(e)));
  }
  getOwner(): GoogleAppsScript.Base.User {
    const item = store().drive.items[this._ss.id];
    return asGas<GoogleAppsScript.Base.User>(new User(item?.owner ?? store().script.owner));
  }
  private _callerCanEdit(): boolean {
    const item = store().drive.items[this._ss.id];
    const role = item ? roleOf(item, rt().exec.effectiveUser) : undefined;
    return role === 'owner' || role === 'editor';
  }

  // ---- sheets -----------------------------------------------------------------------------
  getSheets(): GasSheet[] {
    return this._ss.sheets.map((s) => this.sheet(s));
  }
  getNumSheets(): number {
    return this._ss.sheets.length;
  }
  getSheetByName(name: string): GasSheet | null {
    const rec = this._ss.sheets.find((s) => s.name === name);
    return rec ? this.sheet(rec) : null;
  }
  getSheetById(id: number): GasSheet | null {
    const rec = this._ss.sheets.find((s) => s.sheetId === id);
    return rec ? this.sheet(rec) : null;
  }
  /**
   * insertSheet([name][, index][, {template}]): index is 0-based; the new sheet becomes the
   * active sheet; a template sheet's cells, formats, rules and sizes are copied.
   */
  insertSheet(a?: unknown, b?: unknown, c?: unknown): GasSheet {
    const args = [a, b, c].filter((x) => x !== undefined);
    const name = typeof args[0] === 'string' ? (args.shift() as string) : undefined;
    const index = typeof args[0] === 'number' ? (args.shift() as number) : undefined;
    const options = args[0] as { template?: GasSheet } | undefined;
    const rec = insertSheet(this._ss, name, index);
    const template = options?.template as unknown as Sheet | undefined;
    if (template) {
      const copy = JSON.parse(JSON.stringify(template._sheet)) as SheetRec;
      Object.assign(rec, {
        rows: copy.rows,
        maxRows: copy.maxRows,
        maxColumns: copy.maxColumns,
        frozenRows: copy.frozenRows,
        frozenColumns: copy.frozenColumns,
        validations: copy.validations,
        conditionalRules: copy.conditionalRules,
        columnWidths: copy.columnWidths,
        tabColor: copy.tabColor,
      });
    }
    this._ss.selection = { sheetId: rec.sheetId, a1: ['A1'] };
    return this.sheet(rec);
  }
  deleteSheet(sheet: GasSheet): void {
    const rec = (sheet as unknown as Sheet)._sheet;
    const at = this._ss.sheets.indexOf(rec);
    if (at < 0) throw new Error('Sheet not found');
    if (this._ss.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this._ss.sheets.splice(at, 1);
    this._ss.sheets.forEach((s, i) => (s.index = i));
    if (this._ss.selection?.sheetId === rec.sheetId) delete this._ss.selection;
  }

  /** Moves the active sheet to a 1-based position among the sheets (as the reference documents). */
  moveActiveSheet(pos: number): void {
    const rec = this._activeSheet();
    const to = Math.trunc(Number(pos)) - 1;
    if (!(to >= 0 && to < this._ss.sheets.length))
      throw new Error(`Exception: The parameters (number) don't match the method signature for SpreadsheetApp.Spreadsheet.moveActiveSheet.`);
    this._ss.sheets.splice(this._ss.sheets.indexOf(rec), 1);
    this._ss.sheets.splice(to, 0, rec);
    this._ss.sheets.forEach((s, i) => (s.index = i));
  }

  // ---- selection --------------------------------------------------------------------------
  /** The sheet of the current selection; the first sheet when nothing was selected. */
  _activeSheet(): SheetRec {
    const sel = this._ss.selection;
    return (sel && this._ss.sheets.find((s) => s.sheetId === sel.sheetId)) || this._ss.sheets[0];
  }
  /** The selected ranges; with no recorded selection, the cursor sits in A1 of the active sheet. */
  _selected(): Range[] {
    const sheet = this._activeSheet();
    const sel = this._ss.selection;
    const a1s = sel && sel.sheetId === sheet.sheetId && sel.a1.length ? sel.a1 : ['A1'];
    return a1s.map((a1) => rangeOf(this._ss, sheet, a1) as unknown as Range);
  }
  setActiveSheet(sheet: GasSheet): GasSheet {
    return (sheet as unknown as Sheet).activate();
  }
  getActiveSheet(): GasSheet {
    return this.sheet(this._activeSheet());
  }
  /** The active range is the last one selected. */
  getActiveRange(): GasRange {
    const ranges = this._selected();
    return asGas(ranges[ranges.length - 1]);
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList {
    return asGas(new RangeList(this._selected()));
  }
  getSelection(): GoogleAppsScript.Spreadsheet.Selection {
    return asGas(new Selection(this));
  }

  // ---- ranges -----------------------------------------------------------------------------
  /** "Sheet!A1:B2", or A1 notation on the active sheet. */
  getRange(a1Notation: string): GasRange {
    return rangeInSpreadsheet(this._ss, a1Notation, this._activeSheet());
  }
  getRangeByName(name: string): GasRange | null {
    const named = this._ss.namedRanges[name];
    const sheet = named && this._ss.sheets.find((s) => s.sheetId === named.sheetId);
    return named && sheet ? rangeOf(this._ss, sheet, named.a1) : null;
  }
  setNamedRange(name: string, range: GasRange): void {
    const r = range as unknown as Range;
    this._ss.namedRanges[String(name)] = { sheetId: r._sheet.sheetId, a1: r.getA1Notation() };
  }
  removeNamedRange(name: string): void {
    delete this._ss.namedRanges[name];
  }

  // ---- settings, toasts, protections, forms -----------------------------------------------
  /** A toast: message, title ("" by default) and timeout (5 s by default; negative = until dismissed). */
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    const t = { message: String(msg), title: title === undefined || title === null ? '' : String(title), timeoutSeconds: timeoutSeconds ?? 5, at: now() };
    this._ss.toasts.push(t);
    store().ui.events.push({ at: t.at, user: rt().exec.activeUser, kind: 'toast', title: t.title, message: t.message });
  }
  getSpreadsheetTimeZone(): string {
    return this._ss.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this._ss.timeZone = String(timezone);
  }
  getSpreadsheetLocale(): string {
    return this._ss.locale;
  }
  /** Only the locales in locale.ts are modelled; any other throws `not emulated`. */
  setSpreadsheetLocale(locale: string): void {
    this._ss.locale = localeRules(String(locale)).id;
  }
  /** The published URL of the (first) form that submits into this spreadsheet, or null. */
  getFormUrl(): string | null {
    const id = this._ss.formIds[0];
    return id ? (store().forms[id]?.publishedUrl ?? null) : null;
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    const want = enumArg(ProtectionType, type, 'SpreadsheetApp.Spreadsheet.getProtections');
    return this._ss.sheets.flatMap((sheet) =>
      sheet.protections.filter((p) => p.type === want).map((p) => asGas<GoogleAppsScript.Spreadsheet.Protection>(new Protection(p, this._ss, sheet))),
    );
  }
}

export class Selection implements Pick<GoogleAppsScript.Spreadsheet.Selection, 'getActiveRange' | 'getActiveRangeList' | 'getActiveSheet' | 'getCurrentCell'> {
  constructor(private readonly ss: Spreadsheet) {
    return strict('Selection', this);
  }
  getActiveRange(): GasRange {
    return this.ss.getActiveRange();
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList {
    return this.ss.getActiveRangeList();
  }
  getActiveSheet(): GasSheet {
    return this.ss.getActiveSheet();
  }
  /** The current cell: the top-left cell of the active range. */
  getCurrentCell(): GasRange {
    return this.ss.getActiveRange().getCell(1, 1);
  }
}

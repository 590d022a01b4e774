/** Sheet: one tab of a spreadsheet, over its plain SheetRec. */
import type { SheetRec, SpreadsheetRec } from '../../store';
import { insertSheetRec, lastColumn, lastRow, remapResponseRows } from '../sheet-model';
import { store } from '../context';
import { asGas, strict } from '../strict';
import { enumArg } from '../enums';
import { formatA1, parseA1 } from './a1';
import { displayValue } from './format';
import { localeRules } from './locale';
import { checkBounds, Range, rangeInSpreadsheet } from './range';
import { Spreadsheet } from './spreadsheet';
import { ConditionalFormatRule, newProtection, Protection, ProtectionType } from './validation';

type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

/** Moves A1 ranges kept in the sheet's metadata when rows or columns are inserted (delta > 0) or deleted (delta < 0) at `at` (1-based). */
function shiftMetadata(sheet: SheetRec, dim: 'row' | 'col', at: number, delta: number): void {
  const shift = (a1: string): string | undefined => {
    const r = parseA1(a1, sheet.maxRows, sheet.maxColumns);
    if (!r) return a1;
    if ((dim === 'row' && r.openRows) || (dim === 'col' && r.openCols)) return a1;
    let start = dim === 'row' ? r.row : r.col;
    let end = start + (dim === 'row' ? r.numRows : r.numCols) - 1;
    if (delta > 0) {
      if (start >= at) start += delta;
      if (end >= at) end += delta;
    } else {
      const gone = -delta;
      const lastGone = at + gone - 1;
      const keep = (p: number): number => (p < at ? p : p > lastGone ? p - gone : at);
      const survives = end < at || start > lastGone || start < at || end > lastGone;
      if (!survives) return undefined;
      start = start >= at && start <= lastGone ? at : keep(start);
      end = end >= at && end <= lastGone ? at - 1 : keep(end);
      if (end < start) return undefined;
    }
    return dim === 'row'
      ? formatA1(start, r.col, end - start + 1, r.numCols, false, r.openCols, r.bare)
      : formatA1(r.row, start, r.numRows, end - start + 1, r.openRows, false, r.bare);
  };
  sheet.validations = sheet.validations.flatMap((v) => {
    const a1 = shift(v.a1);
    return a1 ? [{ ...v, a1 }] : [];
  });
  sheet.protections = sheet.protections.filter((p) => {
    if (!p.a1) return true;
    const a1 = shift(p.a1);
    if (a1) p.a1 = a1;
    return Boolean(a1);
  });
  for (const rule of sheet.conditionalRules) rule.ranges = rule.ranges.map(shift).filter((x): x is string => Boolean(x));
}

type SheetSurface = Pick<
  GasSheet,
  | 'getName'
  | 'getSheetName'
  | 'setName'
  | 'getSheetId'
  | 'getIndex'
  | 'getParent'
  | 'getRange'
  | 'getDataRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertColumnsAfter'
  | 'deleteRow'
  | 'deleteRows'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'appendRow'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'setFrozenColumns'
  | 'getFrozenColumns'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'hideSheet'
  | 'showSheet'
  | 'isSheetHidden'
  | 'setTabColor'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'getColumnWidth'
  | 'autoResizeColumns'
  | 'getRangeList'
  | 'protect'
  | 'getProtections'
  | 'setConditionalFormatRules'
  | 'getConditionalFormatRules'
  | 'getFormUrl'
  | 'activate'
  | 'sort'
>;

export class Sheet implements SheetSurface {
  constructor(
    readonly _ss: SpreadsheetRec,
    readonly _sheet: SheetRec,
  ) {
    return strict('Sheet', this);
  }

  getName(): string {
    return this._sheet.name;
  }
  getSheetName(): string {
    return this._sheet.name;
  }
  setName(name: string): GasSheet {
    const n = String(name);
    if (this._ss.sheets.some((s) => s !== this._sheet && s.name.toLowerCase() === n.toLowerCase())) {
      throw new Error(`A sheet with the name "${n}" already exists. Please enter another name.`);
    }
    this._sheet.name = n;
    return asGas(this);
  }
  getSheetId(): number {
    return this._sheet.sheetId;
  }
  /** 1-based position among the spreadsheet's sheets. */
  getIndex(): number {
    return this._ss.sheets.indexOf(this._sheet) + 1;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return asGas(new Spreadsheet(this._ss));
  }

  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): GasRange {
    if (typeof a === 'string') return rangeInSpreadsheet(this._ss, a, this._sheet);
    const nr = numRows ?? 1;
    const nc = numColumns ?? 1;
    checkBounds(this._sheet, a, column as number, nr, nc);
    return asGas(new Range(this._ss, this._sheet, a, column as number, nr, nc));
  }
  getDataRange(): GasRange {
    return asGas(new Range(this._ss, this._sheet, 1, 1, Math.max(1, lastRow(this._sheet)), Math.max(1, lastColumn(this._sheet))));
  }
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    return asGas(new RangeList(a1Notations.map((a1) => rangeInSpreadsheet(this._ss, a1, this._sheet) as unknown as Range)));
  }
  getLastRow(): number {
    return lastRow(this._sheet);
  }
  getLastColumn(): number {
    return lastColumn(this._sheet);
  }
  getMaxRows(): number {
    return this._sheet.maxRows;
  }
  getMaxColumns(): number {
    return this._sheet.maxColumns;
  }

  /** Sorts the rows below the frozen rows by one column (Sheet.sort), whole rows moving together. */
  sort(columnPosition: number, ascending?: boolean): GasSheet {
    const sheet = this._sheet;
    if (columnPosition < 1 || columnPosition > sheet.maxColumns) throw new Error('Those columns are out of bounds.');
    const first = sheet.frozenRows + 1;
    if (first <= sheet.maxRows)
      this.getRange(first, 1, sheet.maxRows - first + 1, sheet.maxColumns).sort({ column: columnPosition, ascending: ascending !== false });
    return asGas(this);
  }

  // ---- rows and columns -------------------------------------------------------------------
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    return this.insertRows(afterPosition + 1, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): GasSheet {
    return this.insertRows(beforePosition, howMany);
  }
  insertRowAfter(afterPosition: number): GasSheet {
    return this.insertRows(afterPosition + 1, 1);
  }
  insertRowBefore(beforePosition: number): GasSheet {
    return this.insertRows(beforePosition, 1);
  }
  /** New empty rows at 1-based position `at` (inserted rows take no formatting here). */
  private insertRows(at: number, howMany: number): GasSheet {
    if (at < 1 || at > this._sheet.maxRows + 1) throw new Error('Those rows are out of bounds.');
    const rows = this._sheet.rows;
    if (rows.length >= at) rows.splice(at - 1, 0, ...Array.from({ length: howMany }, () => []));
    shiftMetadata(this._sheet, 'row', at, howMany);
    remapResponseRows(store(), this._sheet, (r) => (r >= at ? r + howMany : r));
    this._sheet.maxRows += howMany;
    return asGas(this);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    if (afterPosition < 0 || afterPosition > this._sheet.maxColumns) throw new Error('Those columns are out of bounds.');
    for (const row of this._sheet.rows) if (row && row.length > afterPosition) row.splice(afterPosition, 0, ...new Array<undefined>(howMany));
    shiftMetadata(this._sheet, 'col', afterPosition + 1, howMany);
    this._sheet.maxColumns += howMany;
    return asGas(this);
  }
  deleteRow(rowPosition: number): GasSheet {
    return this.deleteRows(rowPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): GasSheet {
    const sheet = this._sheet;
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > sheet.maxRows) throw new Error('Those rows are out of bounds.');
    const frozenDeleted = Math.max(0, Math.min(sheet.frozenRows, rowPosition + howMany - 1) - rowPosition + 1);
    if (howMany - frozenDeleted >= sheet.maxRows - sheet.frozenRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    new Range(this._ss, sheet, rowPosition, 1, howMany, sheet.maxColumns)._checkEditable();
    if (sheet.rows.length >= rowPosition) sheet.rows.splice(rowPosition - 1, howMany);
    shiftMetadata(sheet, 'row', rowPosition, -howMany);
    remapResponseRows(store(), sheet, (r) => (r < rowPosition ? r : r >= rowPosition + howMany ? r - howMany : undefined));
    sheet.maxRows -= howMany;
    return asGas(this);
  }
  deleteColumn(columnPosition: number): GasSheet {
    return this.deleteColumns(columnPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): GasSheet {
    const sheet = this._sheet;
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > sheet.maxColumns) throw new Error('Those columns are out of bounds.');
    if (howMany >= sheet.maxColumns - sheet.frozenColumns) throw new Error('Sorry, it is not possible to delete all non-frozen columns.');
    new Range(this._ss, sheet, 1, columnPosition, sheet.maxRows, howMany)._checkEditable();
    for (const row of sheet.rows) if (row && row.length >= columnPosition) row.splice(columnPosition - 1, howMany);
    shiftMetadata(sheet, 'col', columnPosition, -howMany);
    sheet.maxColumns -= howMany;
    return asGas(this);
  }
  /** Writes after the last row with content, growing the grid if needed; strings are read as typed input. */
  appendRow(rowContents: unknown[]): GasSheet {
    const sheet = this._sheet;
    const row = lastRow(sheet) + 1;
    if (row > sheet.maxRows) sheet.maxRows = row;
    if (rowContents.length > sheet.maxColumns) sheet.maxColumns = rowContents.length;
    if (rowContents.length === 0) return asGas(this);
    const range = new Range(this._ss, sheet, row, 1, 1, rowContents.length);
    range._checkEditable();
    range.setValues([rowContents.slice()]);
    return asGas(this);
  }

  // ---- frozen panes, visibility, presentation ---------------------------------------------
  setFrozenRows(rows: number): void {
    this._sheet.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this._sheet.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this._sheet.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    return this._sheet.frozenColumns;
  }
  private whole(): Range {
    return new Range(this._ss, this._sheet, 1, 1, this._sheet.maxRows, this._sheet.maxColumns);
  }
  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): GasSheet {
    this.whole().clear(options);
    return asGas(this);
  }
  clearContents(): GasSheet {
    this.whole().clearContent();
    return asGas(this);
  }
  clearFormats(): GasSheet {
    this.whole().clearFormat();
    return asGas(this);
  }
  hideSheet(): GasSheet {
    this._sheet.hidden = true;
    return asGas(this);
  }
  showSheet(): GasSheet {
    this._sheet.hidden = false;
    return asGas(this);
  }
  isSheetHidden(): boolean {
    return this._sheet.hidden;
  }
  setTabColor(color: string | null): GasSheet {
    if (color === null) delete this._sheet.tabColor;
    else this._sheet.tabColor = String(color);
    return asGas(this);
  }
  setColumnWidth(columnPosition: number, width: number): GasSheet {
    this._sheet.columnWidths[columnPosition] = width;
    return asGas(this);
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): GasSheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this._sheet.columnWidths[c] = width;
    return asGas(this);
  }
  /** 100 pixels is Sheets' default column width. */
  getColumnWidth(columnPosition: number): number {
    return this._sheet.columnWidths[columnPosition] ?? 100;
  }
  /**
   * Fits columns to their contents. There is no renderer here: the width recorded is an estimate
   * of 7 px per character of the longest displayed value plus padding (at least 30 px).
   */
  autoResizeColumns(startColumn: number, numColumns: number): GasSheet {
    const tz = this._ss.timeZone;
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let longest = 0;
      for (const row of this._sheet.rows) {
        const cell = row?.[c - 1];
        if (cell) for (const line of displayValue(cell.v, cell.fmt, tz, localeRules(this._ss.locale)).split('\n')) longest = Math.max(longest, line.length);
      }
      this._sheet.columnWidths[c] = Math.max(30, longest * 7 + 10);
    }
    return asGas(this);
  }

  // ---- protection, rules, forms, selection ------------------------------------------------
  /** A sheet has at most one sheet protection: protecting again returns the existing one. */
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const existing = this._sheet.protections.find((p) => p.type === 'SHEET');
    return asGas(new Protection(existing ?? newProtection(this._ss, this._sheet, 'SHEET'), this._ss, this._sheet));
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    const want = enumArg(ProtectionType, type, 'SpreadsheetApp.Sheet.getProtections');
    return this._sheet.protections.filter((p) => p.type === want).map((p) => asGas(new Protection(p, this._ss, this._sheet)));
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    this._sheet.conditionalRules = (rules as unknown as ConditionalFormatRule[]).map(
      (r) => JSON.parse(JSON.stringify(r._rec)) as SheetRec['conditionalRules'][number],
    );
  }
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return this._sheet.conditionalRules.map((r) => asGas(new ConditionalFormatRule(JSON.parse(JSON.stringify(r)) as typeof r, this._ss, this._sheet)));
  }
  /** The published URL of the form whose responses land in this sheet, or null. */
  getFormUrl(): string | null {
    const id = this._sheet.formId;
    return id ? (store().forms[id]?.publishedUrl ?? null) : null;
  }
  activate(): GasSheet {
    this._ss.selection = { sheetId: this._sheet.sheetId, a1: ['A1'] };
    return asGas(this);
  }
}

export class RangeList implements Pick<GoogleAppsScript.Spreadsheet.RangeList, 'getRanges' | 'activate' | 'setValue' | 'clearContent'> {
  constructor(readonly _ranges: Range[]) {
    return strict('RangeList', this);
  }
  getRanges(): GasRange[] {
    return this._ranges.map((r) => asGas(r));
  }
  /** Selects all the ranges; the last one becomes the active range. */
  activate(): GoogleAppsScript.Spreadsheet.RangeList {
    const first = this._ranges[0];
    if (first) first._ss.selection = { sheetId: first._sheet.sheetId, a1: this._ranges.map((r) => r.getA1Notation()) };
    return asGas(this);
  }
  setValue(value: unknown): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this._ranges) r.setValue(value);
    return asGas(this);
  }
  clearContent(): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this._ranges) r.clearContent();
    return asGas(this);
  }
}

/** Inserts a sheet as Spreadsheet.insertSheet does (exported for Spreadsheet). */
export function insertSheet(ss: SpreadsheetRec, name: string | undefined, index: number | undefined): SheetRec {
  let n = name;
  if (n === undefined) {
    let i = ss.sheets.length + 1;
    while (ss.sheets.some((s) => s.name.toLowerCase() === `sheet${i}`)) i++;
    n = `Sheet${i}`;
  }
  return insertSheetRec(ss, n, index ?? ss.sheets.length);
}

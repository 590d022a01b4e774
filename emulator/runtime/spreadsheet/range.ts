/**
 * Range: a block of cells on a sheet. Reads and writes go straight to the sheet's plain rows
 * (O(cells), no per-cell A1 work). Values are written as "user entered" input (typed-input.ts).
 */
import type { CellRec, CellValue, SheetRec, SpreadsheetRec } from '../../store';
import { rt, store } from '../context';
import { remapResponseRows, sortOrder } from '../sheet-model';
import { asGas, strict } from '../strict';
import { signatureError } from '../enums';
import { formatA1, parseA1, splitSheet } from './a1';
import { DEFAULT_NUMBER_FORMAT, displayValue } from './format';
import { FormulaContext } from './formula';
import { localeRules, type LocaleRules } from './locale';
import { enterValue, evaluateFormula } from './typed-input';
import { DataValidation, DataValidationBuilder, newProtection, ownerOf, Protection, setValidation, validationAt, type RuleSpec } from './validation';
import { Sheet } from './sheet';

type GasRange = GoogleAppsScript.Spreadsheet.Range;

/** A stored value as the script sees it: Dates are made in the script's realm. */
export function outValue(v: CellValue): unknown {
  return typeof v === 'object' ? new Date(v.date) : v;
}

/** Checks the documented bounds of getRange(row, column, numRows, numColumns). */
export function checkBounds(sheet: SheetRec, row: number, col: number, numRows: number, numCols: number): void {
  if (row < 1) throw new Error('The starting row of the range is too small.');
  if (col < 1) throw new Error('The starting column of the range is too small.');
  if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
  if (numCols < 1) throw new Error('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxColumns) {
    throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
  }
}

/** A Range from A1 notation on a given sheet; throws "Range not found" for anything else. */
export function rangeOf(ss: SpreadsheetRec, sheet: SheetRec, a1: string): GasRange {
  const ref = parseA1(a1, sheet.maxRows, sheet.maxColumns);
  if (!ref) throw new Error('Range not found');
  checkBounds(sheet, ref.row, ref.col, ref.numRows, ref.numCols);
  return asGas(new Range(ss, sheet, ref.row, ref.col, ref.numRows, ref.numCols, ref.openRows, ref.openCols, ref.bare));
}

/** Resolves "Sheet!A1" (or a bare A1 on `fallback`) within a spreadsheet. */
export function rangeInSpreadsheet(ss: SpreadsheetRec, a1: string, fallback: SheetRec): GasRange {
  const { sheetName, range } = splitSheet(a1.trim());
  const sheet = sheetName === undefined ? fallback : ss.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error('Range not found');
  return rangeOf(ss, sheet, range);
}

function rowArray(sheet: SheetRec, r0: number): (CellRec | undefined)[] {
  while (sheet.rows.length <= r0) sheet.rows.push([]);
  let row = sheet.rows[r0];
  if (!row) row = sheet.rows[r0] = [];
  return row;
}

/**
 * A 2-D array of exactly numRows × numColumns. Anything else that is not a 2-D array (a 1-D row
 * `[1, 2, 3]` included) fails Apps Script's overload check before any size check: "The parameters
 * (number[]) don't match the method signature for SpreadsheetApp.Range.setValues." (observed;
 * e.g. stackoverflow.com/q/63720612).
 */
function dimensionCheck(data: unknown, numRows: number, numCols: number, method = 'setValues'): unknown[][] {
  if (!Array.isArray(data) || !data.every((r) => Array.isArray(r))) throw signatureError(`SpreadsheetApp.Range.${method}`, data);
  const rows = data as unknown[][];
  if (rows.length !== numRows)
    throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${numRows}.`);
  for (const r of rows) {
    if (r.length !== numCols)
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${numCols}.`,
      );
  }
  return rows;
}

const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

type RangeSurface = Pick<
  GasRange,
  | 'getA1Notation'
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'setValue'
  | 'setValues'
  | 'getFormula'
  | 'getFormulas'
  | 'setFormula'
  | 'setFormulas'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'getNote'
  | 'getNotes'
  | 'setNote'
  | 'setNotes'
  | 'clearNote'
  | 'clear'
  | 'clearContent'
  | 'clearFormat'
  | 'clearDataValidations'
  | 'setBackground'
  | 'setBackgrounds'
  | 'getBackground'
  | 'getBackgrounds'
  | 'setFontWeight'
  | 'setFontColor'
  | 'setWrap'
  | 'setHorizontalAlignment'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'insertCheckboxes'
  | 'protect'
  | 'activate'
  | 'offset'
  | 'getCell'
  | 'isBlank'
  | 'sort'
  | 'getGridId'
>;

export class Range implements RangeSurface {
  constructor(
    readonly _ss: SpreadsheetRec,
    readonly _sheet: SheetRec,
    readonly _row: number,
    readonly _col: number,
    readonly _numRows: number,
    readonly _numCols: number,
    readonly _openRows = false,
    readonly _openCols = false,
    readonly _bare = false,
  ) {
    return strict('Range', this);
  }

  // ---- geometry ---------------------------------------------------------------------------
  getA1Notation(): string {
    return formatA1(this._row, this._col, this._numRows, this._numCols, this._openRows, this._openCols, this._bare);
  }
  getRow(): number {
    return this._row;
  }
  getColumn(): number {
    return this._col;
  }
  getNumRows(): number {
    return this._numRows;
  }
  getNumColumns(): number {
    return this._numCols;
  }
  getLastRow(): number {
    return this._row + this._numRows - 1;
  }
  getLastColumn(): number {
    return this._col + this._numCols - 1;
  }
  getGridId(): number {
    return this._sheet.sheetId;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return asGas(new Sheet(this._ss, this._sheet));
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GasRange {
    const nr = numRows ?? this._numRows;
    const nc = numColumns ?? this._numCols;
    const row = this._row + rowOffset;
    const col = this._col + columnOffset;
    checkBounds(this._sheet, row, col, nr, nc);
    return asGas(new Range(this._ss, this._sheet, row, col, nr, nc));
  }
  /** A cell of this range, 1-based relative to its top-left corner. */
  getCell(row: number, column: number): GasRange {
    if (row < 1 || column < 1 || row > this._numRows || column > this._numCols) throw new Error('Cell reference out of range');
    return asGas(new Range(this._ss, this._sheet, this._row + row - 1, this._col + column - 1, 1, 1));
  }

  // ---- cell walking -----------------------------------------------------------------------
  /** Reads every cell into a grid of numRows × numColumns; fn also gets the cell's 1-based row and column. */
  private read<T>(fn: (cell: CellRec | undefined, r: number, c: number) => T): T[][] {
    const { _sheet: sheet, _row: row, _col: col, _numRows: nr, _numCols: nc } = this;
    const out: T[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const src = sheet.rows[row - 1 + i];
      const line: T[] = new Array(nc);
      for (let j = 0; j < nc; j++) line[j] = fn(src ? src[col - 1 + j] : undefined, row + i, col + j);
      out[i] = line;
    }
    return out;
  }
  private rules(): LocaleRules {
    return localeRules(this._ss.locale);
  }
  /** What a cell reads as: a formula cell reads as its computed value (formula.ts). */
  private valueOf(ctx: FormulaContext, cell: CellRec | undefined, r: number, c: number): unknown {
    if (!cell) return '';
    if (!cell.f) return outValue(cell.v);
    return outValue(ctx.cellValue(this._sheet, r, c, cell).v);
  }
  /** The text a cell shows, in the spreadsheet's locale; a date result of a formula takes the locale's date format. */
  private displayOf(ctx: FormulaContext, rules: LocaleRules, cell: CellRec | undefined, r: number, c: number): string {
    if (!cell) return '';
    const tz = this._ss.timeZone;
    if (!cell.f) return displayValue(cell.v, cell.fmt, tz, rules);
    const out = ctx.cellValue(this._sheet, r, c, cell);
    const fmt = cell.fmt ?? (out.dateFmt === 'date' ? rules.dateFormat : out.dateFmt === 'datetime' ? rules.dateTimeFormat : undefined);
    return displayValue(out.v, fmt, tz, rules);
  }
  private top(): CellRec | undefined {
    return this._sheet.rows[this._row - 1]?.[this._col - 1];
  }
  /** Rewrites every cell: fn gets the old cell and its offsets, returns the new one (undefined = empty). */
  private write(fn: (cell: CellRec | undefined, i: number, j: number) => CellRec | undefined): void {
    this._checkEditable();
    const { _sheet: sheet, _row: row, _col: col, _numRows: nr, _numCols: nc } = this;
    for (let i = 0; i < nr; i++) {
      const existing = sheet.rows[row - 1 + i];
      let line = existing;
      for (let j = 0; j < nc; j++) {
        const old = line ? line[col - 1 + j] : undefined;
        const next = fn(old, i, j);
        if (next === old) continue;
        if (!line) line = rowArray(sheet, row - 1 + i);
        while (line.length < col - 1 + j) line.push(undefined);
        line[col - 1 + j] = next;
      }
    }
  }
  /** Scripts cannot change cells under a protection that does not list the user running them. */
  _checkEditable(): void {
    const protections = this._sheet.protections;
    if (protections.length === 0) return;
    const me = rt().exec.effectiveUser;
    if (me === ownerOf(this._ss)) return;
    for (const p of protections) {
      if (p.warningOnly || p.editors.includes(me)) continue;
      if (p.type === 'SHEET' || !p.a1) throw new Error(PROTECTED);
      const r = parseA1(p.a1, this._sheet.maxRows, this._sheet.maxColumns);
      if (r && r.row <= this.getLastRow() && this._row < r.row + r.numRows && r.col <= this.getLastColumn() && this._col < r.col + r.numCols)
        throw new Error(PROTECTED);
    }
  }
  private style(key: string, value: string | boolean | null): GasRange {
    this.write((cell) => {
      const style = { ...(cell?.style ?? {}) };
      if (value === null) delete style[key];
      else style[key] = value;
      const next: CellRec = { ...(cell ?? { v: '' }), style };
      if (Object.keys(style).length === 0) delete next.style;
      return isBare(next) ? undefined : next;
    });
    return asGas(this);
  }

  // ---- values -----------------------------------------------------------------------------
  getValue(): unknown {
    return this.valueOf(new FormulaContext(this._ss), this.top(), this._row, this._col);
  }
  getValues(): unknown[][] {
    const ctx = new FormulaContext(this._ss);
    return this.read((c, r, col) => this.valueOf(ctx, c, r, col));
  }
  getDisplayValue(): string {
    return this.displayOf(new FormulaContext(this._ss), this.rules(), this.top(), this._row, this._col);
  }
  getDisplayValues(): string[][] {
    const ctx = new FormulaContext(this._ss);
    const rules = this.rules();
    return this.read((c, r, col) => this.displayOf(ctx, rules, c, r, col));
  }
  /** Sets every cell of the range to the value, read as typed input in the spreadsheet's locale. */
  setValue(value: unknown): GasRange {
    const tz = this._ss.timeZone;
    const rules = this.rules();
    this.write((cell) => enterValue(cell, value, tz, rules));
    return asGas(this);
  }
  setValues(values: unknown[][]): GasRange {
    const rows = dimensionCheck(values, this._numRows, this._numCols);
    const tz = this._ss.timeZone;
    const rules = this.rules();
    this.write((cell, i, j) => enterValue(cell, rows[i][j], tz, rules));
    return asGas(this);
  }
  isBlank(): boolean {
    return this.read((c) => !c || (c.v === '' && !c.f)).every((r) => r.every(Boolean));
  }

  // ---- formulas ---------------------------------------------------------------------------
  getFormula(): string {
    return this.top()?.f ?? '';
  }
  getFormulas(): string[][] {
    return this.read((c) => c?.f ?? '');
  }
  /** Same formula in every cell (no relative-reference adjustment: there is no formula engine). */
  setFormula(formula: string): GasRange {
    this.write((cell) => withFormula(cell, String(formula), this._ss.timeZone, this.rules()));
    return asGas(this);
  }
  setFormulas(formulas: string[][]): GasRange {
    const rows = dimensionCheck(formulas, this._numRows, this._numCols, 'setFormulas');
    this.write((cell, i, j) => withFormula(cell, String(rows[i][j] ?? ''), this._ss.timeZone, this.rules()));
    return asGas(this);
  }

  // ---- number formats ---------------------------------------------------------------------
  getNumberFormat(): string {
    return this.top()?.fmt ?? DEFAULT_NUMBER_FORMAT;
  }
  getNumberFormats(): string[][] {
    return this.read((c) => c?.fmt ?? DEFAULT_NUMBER_FORMAT);
  }
  setNumberFormat(numberFormat: string): GasRange {
    this.write((cell) => withFormat(cell, numberFormat));
    return asGas(this);
  }
  setNumberFormats(numberFormats: string[][]): GasRange {
    const rows = dimensionCheck(numberFormats, this._numRows, this._numCols, 'setNumberFormats');
    this.write((cell, i, j) => withFormat(cell, rows[i][j] as string));
    return asGas(this);
  }

  // ---- notes ------------------------------------------------------------------------------
  getNote(): string {
    return this.top()?.note ?? '';
  }
  getNotes(): string[][] {
    return this.read((c) => c?.note ?? '');
  }
  setNote(note: string | null): GasRange {
    this.write((cell) => withNote(cell, note));
    return asGas(this);
  }
  setNotes(notes: (string | null)[][]): GasRange {
    const rows = dimensionCheck(notes, this._numRows, this._numCols, 'setNotes');
    this.write((cell, i, j) => withNote(cell, rows[i][j] as string | null));
    return asGas(this);
  }
  clearNote(): GasRange {
    return this.setNote(null);
  }

  // ---- clearing ---------------------------------------------------------------------------
  /**
   * clear() removes contents and formats (as documented); notes and validation rules stay.
   * With options: contentsOnly, formatOnly, validationsOnly (commentsOnly: comments are not modelled).
   */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; commentsOnly?: boolean; skipFilteredRows?: boolean }): GasRange {
    const o = options ?? {};
    const some = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    if (!some || o.contentsOnly) this.clearContent();
    if (!some || o.formatOnly) this.clearFormat();
    if (o.validationsOnly) this.clearDataValidations();
    return asGas(this);
  }
  clearContent(): GasRange {
    this.write((cell) => {
      if (!cell) return undefined;
      const next: CellRec = { ...cell, v: '' };
      delete next.f;
      return isBare(next) ? undefined : next;
    });
    return asGas(this);
  }
  clearFormat(): GasRange {
    this.write((cell) => {
      if (!cell) return undefined;
      const next: CellRec = { ...cell };
      delete next.fmt;
      delete next.style;
      return isBare(next) ? undefined : next;
    });
    return asGas(this);
  }
  clearDataValidations(): GasRange {
    setValidation(this._sheet, this.rect(), null);
    return asGas(this);
  }

  // ---- presentation (recorded in the cell's style) ----------------------------------------
  setBackground(color: string | null): GasRange {
    return this.style('background', color);
  }
  setBackgrounds(colors: (string | null)[][]): GasRange {
    const rows = dimensionCheck(colors, this._numRows, this._numCols, 'setBackgrounds');
    this.write((cell, i, j) => {
      const c = rows[i][j] as string | null;
      const style = { ...(cell?.style ?? {}) };
      if (c === null || c === undefined) delete style.background;
      else style.background = c;
      const next: CellRec = { ...(cell ?? { v: '' }), style };
      if (Object.keys(style).length === 0) delete next.style;
      return isBare(next) ? undefined : next;
    });
    return asGas(this);
  }
  getBackground(): string {
    return String(this.top()?.style?.background ?? '#ffffff');
  }
  getBackgrounds(): string[][] {
    return this.read((c) => String(c?.style?.background ?? '#ffffff'));
  }
  setFontWeight(fontWeight: string | null): GasRange {
    return this.style('fontWeight', fontWeight);
  }
  getFontWeight(): string {
    return String(this.top()?.style?.fontWeight ?? 'normal');
  }
  setFontColor(color: string | null): GasRange {
    return this.style('fontColor', color);
  }
  setWrap(isWrapEnabled: boolean): GasRange {
    return this.style('wrap', Boolean(isWrapEnabled));
  }
  setHorizontalAlignment(alignment: string | null): GasRange {
    return this.style('horizontalAlignment', alignment);
  }

  // ---- data validation --------------------------------------------------------------------
  private rect(): { row: number; col: number; numRows: number; numCols: number } {
    return { row: this._row, col: this._col, numRows: this._numRows, numCols: this._numCols };
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): GasRange {
    setValidation(this._sheet, this.rect(), rule ? (rule as unknown as DataValidation)._spec : null);
    return asGas(this);
  }
  /** Per-cell rules; runs of the same rule down a column are stored as one range. */
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): GasRange {
    const rows = dimensionCheck(rules, this._numRows, this._numCols, 'setDataValidations');
    for (let j = 0; j < this._numCols; j++) {
      let start = 0;
      for (let i = 1; i <= this._numRows; i++) {
        if (i < this._numRows && rows[i][j] === rows[start][j]) continue;
        const rule = rows[start][j] as DataValidation | null;
        setValidation(this._sheet, { row: this._row + start, col: this._col + j, numRows: i - start, numCols: 1 }, rule ? rule._spec : null);
        start = i;
      }
    }
    return asGas(this);
  }
  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    const rec = validationAt(this._sheet, this._row, this._col);
    return rec ? asGas(new DataValidation(specOf(rec), this._ss)) : null;
  }
  getDataValidations(): (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] {
    const out: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] = [];
    for (let i = 0; i < this._numRows; i++) {
      const line: (GoogleAppsScript.Spreadsheet.DataValidation | null)[] = [];
      for (let j = 0; j < this._numCols; j++) {
        const rec = validationAt(this._sheet, this._row + i, this._col + j);
        line.push(rec ? asGas(new DataValidation(specOf(rec), this._ss)) : null);
      }
      out.push(line);
    }
    return out;
  }
  /** Checkbox validation on every cell, and every cell set to the unchecked value (false by default). */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): GasRange {
    const builder = new DataValidationBuilder(this._ss);
    builder.requireCheckbox(checkedValue, uncheckedValue);
    this._checkEditable();
    this.setDataValidation(builder.build());
    this.setValue(checkedValue === undefined ? false : uncheckedValue === undefined ? '' : uncheckedValue);
    return asGas(this);
  }

  // ---- protection, selection, sorting -----------------------------------------------------
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    return asGas(new Protection(newProtection(this._ss, this._sheet, 'RANGE', this.getA1Notation()), this._ss, this._sheet));
  }
  activate(): GasRange {
    this._ss.selection = { sheetId: this._sheet.sheetId, a1: [this.getA1Notation()] };
    return asGas(this);
  }
  /**
   * Sorts the rows of the range by one or more columns (absolute column numbers), ascending by
   * default. Order as in Sheets: numbers and dates, then text (case-insensitive), then booleans;
   * empty cells always last.
   */
  sort(sortSpecObj: unknown): GasRange {
    this._checkEditable();
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) =>
      typeof s === 'number'
        ? { column: s, ascending: true }
        : { column: Number((s as { column: number }).column), ascending: (s as { ascending?: boolean }).ascending !== false },
    );
    const { _sheet: sheet, _row: row, _col: col, _numRows: nr, _numCols: nc } = this;
    const block: (CellRec | undefined)[][] = [];
    for (let i = 0; i < nr; i++) {
      const src = sheet.rows[row - 1 + i];
      block.push(Array.from({ length: nc }, (_, j) => (src ? src[col - 1 + j] : undefined)));
    }
    const order = sortOrder(block, col, specs);
    const sorted = order.map((i) => block[i]);
    this.write((_cell, i, j) => sorted[i][j]);
    // Responses of a linked form move with their rows (where an edit will be written).
    const newPos = new Map(order.map((oldI, newI) => [row + oldI, row + newI]));
    remapResponseRows(store(), sheet, (r) => newPos.get(r) ?? r);
    return asGas(this);
  }
}

function isBare(cell: CellRec): boolean {
  return cell.v === '' && !cell.f && cell.fmt === undefined && cell.note === undefined && cell.style === undefined;
}

function specOf(rec: RuleSpec & { a1?: string }): RuleSpec {
  const { a1: _a1, ...spec } = rec;
  return { ...spec, values: spec.values?.slice() };
}

function withFormula(cell: CellRec | undefined, formula: string, tz: string, rules: LocaleRules): CellRec | undefined {
  if (!formula.startsWith('=')) return enterValue(cell, formula, tz, rules);
  return { ...(cell ?? {}), v: evaluateFormula(formula), f: formula };
}

/** Changing the format keeps the stored value (a number stays a number under "@"). */
function withFormat(cell: CellRec | undefined, fmt: string | null): CellRec | undefined {
  const next: CellRec = { ...(cell ?? { v: '' }) };
  if (fmt === null || fmt === undefined || /^general$/i.test(fmt) || fmt === DEFAULT_NUMBER_FORMAT) delete next.fmt;
  else next.fmt = String(fmt);
  return isBare(next) ? undefined : next;
}

function withNote(cell: CellRec | undefined, note: string | null): CellRec | undefined {
  const next: CellRec = { ...(cell ?? { v: '' }) };
  if (note === null || note === undefined || note === '') delete next.note;
  else next.note = String(note);
  return isBare(next) ? undefined : next;
}

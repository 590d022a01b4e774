/**
 * Data validation rules, conditional format rules and protections. Rules live in the sheet's
 * record (SheetRec.validations / conditionalRules / protections) keyed by A1 ranges.
 */
import type { ConditionalRuleRec, ProtectionRec, SheetRec, SpreadsheetRec, ValidationRec } from '../../store';
import { newId, rt, store } from '../context';
import { asGas, strict } from '../strict';
import { makeEnum } from '../enums';
import { formatA1, parseA1, quoteSheetName, splitSheet } from './a1';
import { Range, rangeOf } from './range';
import { User } from './user';

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasDV = GoogleAppsScript.Spreadsheet.DataValidation;
type GasDVB = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type GasCriteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

// Enum objects (https://developers.google.com/apps-script/reference/spreadsheet/data-validation-criteria,
// …/boolean-criteria, …/protection-type); records keep the names.
export const DataValidationCriteria = makeEnum('DataValidationCriteria', [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
] as const);

const KIND_TO_CRITERIA: Record<ValidationRec['kind'], keyof typeof DataValidationCriteria> = {
  list: 'VALUE_IN_LIST',
  range: 'VALUE_IN_RANGE',
  checkbox: 'CHECKBOX',
  email: 'TEXT_IS_VALID_EMAIL',
  other: 'CUSTOM_FORMULA',
};

/** A rule's content without its range. */
export type RuleSpec = Omit<ValidationRec, 'a1'>;

/** The criteria values Apps Script reports: [values, showDropdown] for lists, [Range, showDropdown] for ranges. */
function criteriaValues(spec: RuleSpec, ss: SpreadsheetRec | undefined): unknown[] {
  switch (spec.kind) {
    case 'list':
      return [(spec.values ?? []).slice(), spec.showDropdown ?? true];
    case 'range': {
      const { sheetName, range } = splitSheet(spec.values?.[0] ?? '');
      const sheet = ss?.sheets.find((s) => s.name === sheetName);
      return [ss && sheet ? rangeOf(ss, sheet, range) : null, spec.showDropdown ?? true];
    }
    default:
      return (spec.values ?? []).slice();
  }
}

class RuleReader {
  constructor(
    protected spec: RuleSpec | undefined,
    protected ss: SpreadsheetRec | undefined,
  ) {}
  getCriteriaType(): GasCriteria {
    return (this.spec ? DataValidationCriteria[KIND_TO_CRITERIA[this.spec.kind]] : null) as unknown as GasCriteria;
  }
  getCriteriaValues(): unknown[] {
    return this.spec ? criteriaValues(this.spec, this.ss) : [];
  }
  getAllowInvalid(): boolean {
    return this.spec?.allowInvalid ?? true;
  }
  getHelpText(): string | null {
    return this.spec?.helpText ?? null;
  }
}

export class DataValidation extends RuleReader implements Pick<GasDV, 'copy' | 'getAllowInvalid' | 'getCriteriaType'> {
  constructor(
    readonly _spec: RuleSpec,
    ss: SpreadsheetRec | undefined,
  ) {
    super(_spec, ss);
    return strict('DataValidation', this);
  }
  copy(): GasDVB {
    return asGas(new DataValidationBuilder(this.ss, { ...this._spec, values: this._spec.values?.slice() }));
  }
}

export class DataValidationBuilder
  extends RuleReader
  implements
    Pick<
      GasDVB,
      | 'requireValueInList'
      | 'requireValueInRange'
      | 'requireCheckbox'
      | 'requireTextIsEmail'
      | 'setAllowInvalid'
      | 'setHelpText'
      | 'build'
      | 'copy'
      | 'getAllowInvalid'
      | 'getCriteriaType'
      | 'getHelpText'
    >
{
  private allowInvalid = true;
  private helpText: string | undefined;
  constructor(ss?: SpreadsheetRec, from?: RuleSpec) {
    super(from, ss);
    if (from) {
      this.allowInvalid = from.allowInvalid;
      this.helpText = from.helpText;
    }
    return strict('DataValidationBuilder', this);
  }
  private criteria(kind: ValidationRec['kind'], values?: string[], showDropdown?: boolean): GasDVB {
    this.spec = { kind, values, showDropdown, allowInvalid: this.allowInvalid, helpText: this.helpText };
    return asGas(this);
  }
  requireValueInList(values: string[], showDropdown = true): GasDVB {
    return this.criteria('list', values.map(String), showDropdown);
  }
  requireValueInRange(range: GasRange, showDropdown = true): GasDVB {
    const r = range as unknown as Range;
    this.ss = r._ss;
    return this.criteria('range', [`${quoteSheetName(r._sheet.name)}!${r.getA1Notation()}`], showDropdown);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): GasDVB {
    const values = checked === undefined ? [] : unchecked === undefined ? [String(checked)] : [String(checked), String(unchecked)];
    return this.criteria('checkbox', values);
  }
  requireTextIsEmail(): GasDVB {
    return this.criteria('email');
  }
  setAllowInvalid(allowInvalid: boolean): GasDVB {
    this.allowInvalid = Boolean(allowInvalid);
    if (this.spec) this.spec.allowInvalid = this.allowInvalid;
    return asGas(this);
  }
  setHelpText(helpText: string): GasDVB {
    this.helpText = String(helpText);
    if (this.spec) this.spec.helpText = this.helpText;
    return asGas(this);
  }
  override getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  override getHelpText(): string | null {
    return this.helpText ?? null;
  }
  build(): GasDV {
    // A rule needs criteria; the message is the emulator's own (Apps Script's text is not documented).
    if (!this.spec) throw new Error('You must specify a criteria for the data validation rule.');
    return asGas(new DataValidation({ ...this.spec, values: this.spec.values?.slice(), allowInvalid: this.allowInvalid, helpText: this.helpText }, this.ss));
  }
  copy(): GasDVB {
    return asGas(new DataValidationBuilder(this.ss, this.spec && { ...this.spec, allowInvalid: this.allowInvalid, helpText: this.helpText }));
  }
}

interface Rect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** The parts of `a` outside `b` (up to four rectangles). */
function subtract(a: Rect, b: Rect): Rect[] {
  const aBottom = a.row + a.numRows;
  const aRight = a.col + a.numCols;
  const bBottom = b.row + b.numRows;
  const bRight = b.col + b.numCols;
  if (b.row >= aBottom || bBottom <= a.row || b.col >= aRight || bRight <= a.col) return [a];
  const out: Rect[] = [];
  if (b.row > a.row) out.push({ row: a.row, col: a.col, numRows: b.row - a.row, numCols: a.numCols });
  if (bBottom < aBottom) out.push({ row: bBottom, col: a.col, numRows: aBottom - bBottom, numCols: a.numCols });
  const top = Math.max(a.row, b.row);
  const height = Math.min(aBottom, bBottom) - top;
  if (b.col > a.col) out.push({ row: top, col: a.col, numRows: height, numCols: b.col - a.col });
  if (bRight < aRight) out.push({ row: top, col: bRight, numRows: height, numCols: aRight - bRight });
  return out;
}

function rectOf(sheet: SheetRec, a1: string): Rect | undefined {
  return parseA1(a1, sheet.maxRows, sheet.maxColumns);
}

/** Replaces the rules on a block of cells by `spec` (or removes them when spec is null). */
export function setValidation(sheet: SheetRec, block: Rect, spec: RuleSpec | null): void {
  const kept: ValidationRec[] = [];
  for (const v of sheet.validations) {
    const r = rectOf(sheet, v.a1);
    if (!r) continue;
    for (const part of subtract(r, block)) kept.push({ ...v, a1: formatA1(part.row, part.col, part.numRows, part.numCols) });
  }
  if (spec) kept.push({ a1: formatA1(block.row, block.col, block.numRows, block.numCols), ...spec, values: spec.values?.slice() });
  sheet.validations = kept;
}

/** The rule covering one cell (1-based), if any. */
export function validationAt(sheet: SheetRec, row: number, col: number): ValidationRec | undefined {
  for (let i = sheet.validations.length - 1; i >= 0; i--) {
    const r = rectOf(sheet, sheet.validations[i].a1);
    if (r && row >= r.row && row < r.row + r.numRows && col >= r.col && col < r.col + r.numCols) return sheet.validations[i];
  }
  return undefined;
}

// ---- Conditional format rules -------------------------------------------------------------

type GasCFR = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GasCFRB = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

export const BooleanCriteria = makeEnum('BooleanCriteria', [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_LESS_THAN',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
] as const);

/** A conditional rule as scripts hold it: the record plus the sheet its ranges are on. */
export class BooleanCondition implements Pick<GoogleAppsScript.Spreadsheet.BooleanCondition, 'getCriteriaType' | 'getBackground' | 'getFontColor'> {
  constructor(private readonly rec: ConditionalRuleRec) {
    return strict('BooleanCondition', this);
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return (BooleanCriteria[this.rec.condition as keyof typeof BooleanCriteria] ?? null) as unknown as GoogleAppsScript.Spreadsheet.BooleanCriteria;
  }
  getCriteriaValues(): unknown[] {
    return this.rec.values.slice();
  }
  getBackground(): string | null {
    return this.rec.background ?? null;
  }
  getFontColor(): string | null {
    return this.rec.fontColor ?? null;
  }
}

export class ConditionalFormatRule implements Pick<GasCFR, 'copy' | 'getRanges' | 'getBooleanCondition'> {
  constructor(
    readonly _rec: ConditionalRuleRec,
    readonly _ss: SpreadsheetRec | undefined,
    readonly _sheet: SheetRec | undefined,
  ) {
    return strict('ConditionalFormatRule', this);
  }
  copy(): GasCFRB {
    return asGas(new ConditionalFormatRuleBuilder(this._ss, JSON.parse(JSON.stringify(this._rec)) as ConditionalRuleRec, this._sheet));
  }
  getRanges(): GasRange[] {
    const { _ss: ss, _sheet: sheet } = this;
    return ss && sheet ? this._rec.ranges.map((a1) => rangeOf(ss, sheet, a1)) : [];
  }
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition {
    return asGas(new BooleanCondition(this._rec));
  }
}

export class ConditionalFormatRuleBuilder implements Pick<
  GasCFRB,
  'whenTextEqualTo' | 'whenTextContains' | 'whenFormulaSatisfied' | 'setBackground' | 'setFontColor' | 'setRanges' | 'build' | 'copy' | 'getRanges'
> {
  constructor(
    private ss: SpreadsheetRec | undefined,
    private rec: ConditionalRuleRec = { ranges: [], condition: '', values: [] },
    private sheet?: SheetRec,
  ) {
    return strict('ConditionalFormatRuleBuilder', this);
  }
  private when(condition: string, values: string[]): GasCFRB {
    this.rec.condition = condition;
    this.rec.values = values;
    return asGas(this);
  }
  whenTextEqualTo(text: string): GasCFRB {
    return this.when('TEXT_EQUAL_TO', [String(text)]);
  }
  whenTextContains(text: string): GasCFRB {
    return this.when('TEXT_CONTAINS', [String(text)]);
  }
  whenFormulaSatisfied(formula: string): GasCFRB {
    return this.when('CUSTOM_FORMULA', [String(formula)]);
  }
  setBackground(color: string | null): GasCFRB {
    if (color === null) delete this.rec.background;
    else this.rec.background = String(color);
    return asGas(this);
  }
  setFontColor(color: string | null): GasCFRB {
    if (color === null) delete this.rec.fontColor;
    else this.rec.fontColor = String(color);
    return asGas(this);
  }
  setRanges(ranges: GasRange[]): GasCFRB {
    const rs = ranges as unknown as Range[];
    this.rec.ranges = rs.map((r) => r.getA1Notation());
    this.sheet = rs[0]?._sheet ?? this.sheet;
    this.ss = rs[0]?._ss ?? this.ss;
    return asGas(this);
  }
  getRanges(): GasRange[] {
    const { ss, sheet } = this;
    return ss && sheet ? this.rec.ranges.map((a1) => rangeOf(ss, sheet, a1)) : [];
  }
  build(): GasCFR {
    return asGas(new ConditionalFormatRule(JSON.parse(JSON.stringify(this.rec)) as ConditionalRuleRec, this.ss, this.sheet));
  }
  copy(): GasCFRB {
    return asGas(new ConditionalFormatRuleBuilder(this.ss, JSON.parse(JSON.stringify(this.rec)) as ConditionalRuleRec, this.sheet));
  }
}

// ---- Protections --------------------------------------------------------------------------

export const ProtectionType = makeEnum('ProtectionType', ['RANGE', 'SHEET']);

type GasProtection = GoogleAppsScript.Spreadsheet.Protection;

/** The spreadsheet's owner: always an editor of every protection. */
export function ownerOf(ss: SpreadsheetRec): string {
  return store().drive.items[ss.id]?.owner ?? store().script.owner;
}

/** A new protection's editors mirror who can edit the spreadsheet (owner and Drive editors). */
export function newProtection(ss: SpreadsheetRec, sheet: SheetRec, type: 'SHEET' | 'RANGE', a1?: string): ProtectionRec {
  const item = store().drive.items[ss.id];
  const editors = [ownerOf(ss), ...(item?.editors ?? [])].filter((e, i, all) => all.indexOf(e) === i);
  const rec: ProtectionRec = { id: newId('prot'), type, a1, description: '', warningOnly: false, editors };
  sheet.protections.push(rec);
  return rec;
}

type ProtectionSurface = Pick<
  GasProtection,
  | 'setDescription'
  | 'getDescription'
  | 'setWarningOnly'
  | 'isWarningOnly'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'removeEditors'
  | 'getEditors'
  | 'canEdit'
  | 'getRange'
  | 'remove'
  | 'getProtectionType'
>;

export class Protection implements ProtectionSurface {
  constructor(
    readonly _rec: ProtectionRec,
    readonly _ss: SpreadsheetRec,
    readonly _sheet: SheetRec,
  ) {
    return strict('Protection', this);
  }
  setDescription(description: string): GasProtection {
    this._rec.description = String(description);
    return asGas(this);
  }
  getDescription(): string {
    return this._rec.description;
  }
  setWarningOnly(warningOnly: boolean): GasProtection {
    this._rec.warningOnly = Boolean(warningOnly);
    return asGas(this);
  }
  isWarningOnly(): boolean {
    return this._rec.warningOnly;
  }
  addEditor(user: string | GoogleAppsScript.Base.User): GasProtection {
    return this.addEditors([emailOf(user)]);
  }
  addEditors(emailAddresses: string[]): GasProtection {
    for (const e of emailAddresses.map(emailOf)) if (!this._rec.editors.includes(e)) this._rec.editors.push(e);
    return asGas(this);
  }
  removeEditor(user: string | GoogleAppsScript.Base.User): GasProtection {
    return this.removeEditors([emailOf(user)]);
  }
  /** The spreadsheet owner cannot be removed: Apps Script keeps them as an editor. */
  removeEditors(users: (string | GoogleAppsScript.Base.User)[]): GasProtection {
    const gone = users.map(emailOf);
    const owner = ownerOf(this._ss);
    this._rec.editors = this._rec.editors.filter((e) => e === owner || !gone.includes(e));
    return asGas(this);
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return this._rec.editors.map((e) => asGas<GoogleAppsScript.Base.User>(new User(e)));
  }
  /** Whether the user running the script may edit: owner, listed editors, or anyone when warning-only. */
  canEdit(): boolean {
    const me = rt().exec.effectiveUser;
    return this._rec.warningOnly || me === ownerOf(this._ss) || this._rec.editors.includes(me);
  }
  getRange(): GasRange {
    return this._rec.type === 'SHEET' || !this._rec.a1
      ? rangeOf(this._ss, this._sheet, formatA1(1, 1, this._sheet.maxRows, this._sheet.maxColumns))
      : rangeOf(this._ss, this._sheet, this._rec.a1);
  }
  remove(): void {
    this._sheet.protections = this._sheet.protections.filter((p) => p.id !== this._rec.id);
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return ProtectionType[this._rec.type] as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
}

function emailOf(user: unknown): string {
  return typeof user === 'string' ? user : (user as GoogleAppsScript.Base.User).getEmail();
}

/**
 * SpreadsheetApp: the entry point to Sheets. The bound spreadsheet is store.script.containerId
 * (created by the host driver, never here). Also registers the spreadsheet trigger events.
 */
import type { SpreadsheetRec } from '../../store';
import { requireScope, rt, SCOPES, store } from '../context';
import { addDriveItem, GOOGLE_MIME } from '../drive-model';
import { authModeOf, registerEventBuilder, type EventSpec } from '../events';
import { newSpreadsheetRec } from '../sheet-model';
import { asGas, strict } from '../strict';
import { Range, rangeOf } from './range';
import { Sheet } from './sheet';
import { Spreadsheet } from './spreadsheet';
import { Ui } from './ui';
import { User } from './user';
import { BooleanCriteria, ConditionalFormatRuleBuilder, DataValidationBuilder, DataValidationCriteria, ProtectionType } from './validation';

type GasApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Scopes that let a script use the spreadsheet it is bound to. */
const CURRENT = [SCOPES.sheets, SCOPES.sheetsCurrent];

function bound(): SpreadsheetRec | undefined {
  const id = store().script.containerId;
  return id ? store().spreadsheets[id] : undefined;
}

/** Who may open a file by id: its owner, editors, viewers, or anyone its link sharing admits. */
function canOpen(id: string): boolean {
  const item = store().drive.items[id];
  if (!item) return true;
  const me = rt().exec.effectiveUser;
  if (item.owner === me || item.editors.includes(me) || item.viewers.includes(me)) return true;
  const access = item.sharing.access;
  if (access === 'ANYONE' || access === 'ANYONE_WITH_LINK') return true;
  return (access === 'DOMAIN' || access === 'DOMAIN_WITH_LINK') && me.split('@')[1] === item.owner.split('@')[1];
}

type AppSurface = Pick<
  GasApp,
  | 'getActiveSpreadsheet'
  | 'getActive'
  | 'getActiveSheet'
  | 'getActiveRange'
  | 'getActiveRangeList'
  | 'getSelection'
  | 'setActiveSheet'
  | 'openById'
  | 'openByUrl'
  | 'create'
  | 'flush'
  | 'getUi'
  | 'newDataValidation'
  | 'newConditionalFormatRule'
  | 'DataValidationCriteria'
  | 'ProtectionType'
  | 'BooleanCriteria'
>;

export class SpreadsheetApp implements AppSurface {
  DataValidationCriteria = asGas<typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria>(DataValidationCriteria);
  ProtectionType = asGas<typeof GoogleAppsScript.Spreadsheet.ProtectionType>(ProtectionType);
  BooleanCriteria = asGas<typeof GoogleAppsScript.Spreadsheet.BooleanCriteria>(BooleanCriteria);

  constructor() {
    return strict('SpreadsheetApp', this);
  }

  /** The bound spreadsheet, or null for a standalone script. Allowed in simple triggers. */
  getActiveSpreadsheet(): GasSpreadsheet {
    requireScope('SpreadsheetApp.getActiveSpreadsheet', CURRENT, { allowedInLimited: true });
    const ss = bound();
    return (ss ? new Spreadsheet(ss) : null) as unknown as GasSpreadsheet;
  }
  getActive(): GasSpreadsheet {
    requireScope('SpreadsheetApp.getActive', CURRENT, { allowedInLimited: true });
    const ss = bound();
    return (ss ? new Spreadsheet(ss) : null) as unknown as GasSpreadsheet;
  }
  private active(what: string): Spreadsheet | null {
    requireScope(what, CURRENT, { allowedInLimited: true });
    const ss = bound();
    return ss ? new Spreadsheet(ss) : null;
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return (this.active('SpreadsheetApp.getActiveSheet')?.getActiveSheet() ?? null) as GoogleAppsScript.Spreadsheet.Sheet;
  }
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    return (this.active('SpreadsheetApp.getActiveRange')?.getActiveRange() ?? null) as GoogleAppsScript.Spreadsheet.Range;
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList {
    return (this.active('SpreadsheetApp.getActiveRangeList')?.getActiveRangeList() ?? null) as GoogleAppsScript.Spreadsheet.RangeList;
  }
  getSelection(): GoogleAppsScript.Spreadsheet.Selection {
    return (this.active('SpreadsheetApp.getSelection')?.getSelection() ?? null) as GoogleAppsScript.Spreadsheet.Selection;
  }
  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): GoogleAppsScript.Spreadsheet.Sheet {
    requireScope('SpreadsheetApp.setActiveSheet', CURRENT, { allowedInLimited: true });
    return (sheet as unknown as Sheet).activate();
  }

  /**
   * Needs full authorization (never in a simple trigger). With only spreadsheets.currentonly,
   * only the bound spreadsheet can be opened.
   */
  openById(id: string): GasSpreadsheet {
    return this.open('SpreadsheetApp.openById', String(id), 'openById');
  }
  openByUrl(url: string): GasSpreadsheet {
    const id = /\/d\/([^/?#]+)/.exec(String(url))?.[1] ?? '';
    return this.open('SpreadsheetApp.openByUrl', id, 'openByUrl');
  }
  private open(what: string, id: string, method: string): GasSpreadsheet {
    requireScope(what, id && id === store().script.containerId ? CURRENT : [SCOPES.sheets]);
    const ss = store().spreadsheets[id];
    if (!ss || store().drive.items[id]?.trashed) throw new Error(`Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`);
    if (!canOpen(id)) throw new Error('You do not have permission to access the requested document.');
    return asGas(new Spreadsheet(ss));
  }
  /** A new spreadsheet in My Drive, owned by the user running the script. */
  create(name: string, rows?: number, columns?: number): GasSpreadsheet {
    requireScope('SpreadsheetApp.create', [SCOPES.sheets]);
    const ss = newSpreadsheetRec(String(name), { rows, columns });
    addDriveItem({ id: ss.id, kind: 'file', name: ss.name, mimeType: GOOGLE_MIME.spreadsheet });
    return asGas(new Spreadsheet(ss));
  }
  /** Writes reach the store immediately, so there is nothing pending to apply. */
  flush(): void {}

  /** Only when someone is looking at the spreadsheet: not in installable triggers or web apps. */
  getUi(): GoogleAppsScript.Base.Ui {
    const kind = rt().exec.kind;
    if (kind === 'trigger' || kind === 'webapp') throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    requireScope('SpreadsheetApp.getUi', [SCOPES.containerUi], { allowedInLimited: true });
    return asGas(new Ui());
  }

  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return asGas(new DataValidationBuilder());
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return asGas(new ConditionalFormatRuleBuilder(undefined));
  }
}

export function createSpreadsheetApp(): GasApp {
  return asGas(new SpreadsheetApp());
}

// ---- trigger events ---------------------------------------------------------------------------

function spreadsheetOf(spec: EventSpec): SpreadsheetRec {
  const ss = store().spreadsheets[String(spec.spreadsheetId)];
  if (!ss) throw new Error(`emulator: event for unknown spreadsheet ${String(spec.spreadsheetId)}`);
  return ss;
}

function sheetOf(ss: SpreadsheetRec, spec: EventSpec) {
  const sheet = ss.sheets.find((s) => s.sheetId === Number(spec.sheetId));
  if (!sheet) throw new Error(`emulator: event for unknown sheet ${String(spec.sheetId)}`);
  return sheet;
}

function optional(spec: EventSpec, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (spec[k] !== undefined) out[k] = spec[k];
  return out;
}

/** onOpen: {authMode, source, user, triggerUid (installable only)}. */
export function buildOpenEvent(spec: EventSpec): Record<string, unknown> {
  const ss = spreadsheetOf(spec);
  return { authMode: authModeOf(spec.authMode), source: new Spreadsheet(ss), user: new User(String(spec.user ?? '')), ...optional(spec, ['triggerUid']) };
}

/**
 * onEdit: spec {spreadsheetId, sheetId, a1, user, authMode, value?, oldValue?, triggerUid?};
 * value/oldValue are present only for single-cell edits, as in Sheets.
 */
export function buildEditEvent(spec: EventSpec): Record<string, unknown> {
  const ss = spreadsheetOf(spec);
  const range = rangeOf(ss, sheetOf(ss, spec), String(spec.a1));
  return {
    authMode: authModeOf(spec.authMode),
    range,
    source: new Spreadsheet(ss),
    user: new User(String(spec.user ?? '')),
    ...optional(spec, ['value', 'oldValue', 'triggerUid']),
  };
}

/**
 * Spreadsheet form submit: {authMode, namedValues, range, source, triggerUid, values}; the range
 * is the response row, columns 1..values.length.
 */
export function buildFormSubmitEvent(spec: EventSpec): Record<string, unknown> {
  const ss = spreadsheetOf(spec);
  const sheet = sheetOf(ss, spec);
  const values = (spec.values as string[]).slice();
  const namedValues: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(spec.namedValues as Record<string, string[]>)) namedValues[k] = v.slice();
  const range = new Range(ss, sheet, Number(spec.row), 1, 1, Math.max(1, values.length));
  return { authMode: authModeOf(spec.authMode), namedValues, range, source: new Spreadsheet(ss), triggerUid: spec.triggerUid, values };
}

registerEventBuilder('open', buildOpenEvent);
registerEventBuilder('edit', buildEditEvent);
registerEventBuilder('formSubmit', buildFormSubmitEvent);

/**
 * The emulator's persistent world: everything that outlives one Apps Script execution.
 *
 * It holds plain data only (primitives, plain objects and arrays, no class instances, no Dates):
 * executions run in fresh vm realms, and an object made in one realm must never reach code in
 * another. Dates are kept as `{ date: epochMs }`. Runtime code copies values out of the store
 * into its own realm before handing them to the script.
 */

export type DateRec = { date: number };
/** A stored cell value: what getValues would return, with Dates as epoch ms. */
export type CellValue = string | number | boolean | DateRec;

export interface CellRec {
  /** Computed value ("" for empty). */
  v: CellValue;
  /** Formula text including the leading "=", if the cell holds a formula. */
  f?: string;
  /** Number format pattern, e.g. "@" (plain text), "0.00", "yyyy-mm-dd". */
  fmt?: string;
  note?: string;
  /** Presentation, recorded only (backgrounds, fonts, …). */
  style?: Record<string, string | number | boolean>;
}

export interface ValidationRec {
  /** A1 range on the sheet, e.g. "C2:C1000". */
  a1: string;
  kind: 'list' | 'checkbox' | 'range' | 'email' | 'other';
  values?: string[];
  /** List and range rules: whether the cell shows a dropdown (requireValueInList's showDropdown). */
  showDropdown?: boolean;
  allowInvalid: boolean;
  helpText?: string;
}

export interface ProtectionRec {
  id: string;
  type: 'SHEET' | 'RANGE';
  a1?: string;
  description: string;
  warningOnly: boolean;
  editors: string[];
}

export interface ConditionalRuleRec {
  ranges: string[];
  condition: string;
  values: string[];
  background?: string;
  fontColor?: string;
}

export interface SheetRec {
  sheetId: number;
  name: string;
  index: number;
  /** rows[r][c], 0-based; missing or undefined means an empty, unformatted cell. */
  rows: (CellRec | undefined)[][];
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor?: string;
  validations: ValidationRec[];
  conditionalRules: ConditionalRuleRec[];
  protections: ProtectionRec[];
  columnWidths: Record<number, number>;
  /** Form id whose responses land here, if this is a form-response sheet. */
  formId?: string;
}

export interface SpreadsheetRec {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  sheets: SheetRec[];
  nextSheetId: number;
  namedRanges: Record<string, { sheetId: number; a1: string }>;
  /** Last selection per user: sheetId + A1 list. */
  selection?: { sheetId: number; a1: string[] };
  toasts: { message: string; title: string; timeoutSeconds: number; at: number }[];
  /** Form ids that submit into this spreadsheet. */
  formIds: string[];
}

export type FormItemType =
  | 'TEXT'
  | 'PARAGRAPH_TEXT'
  | 'MULTIPLE_CHOICE'
  | 'CHECKBOX'
  | 'LIST'
  | 'SCALE'
  | 'DATE'
  | 'DATETIME'
  | 'TIME'
  | 'SECTION_HEADER'
  | 'PAGE_BREAK'
  | 'GRID'
  | 'CHECKBOX_GRID'
  | 'DURATION';

export interface FormItemRec {
  id: number;
  type: FormItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices?: string[];
  hasOtherOption?: boolean;
  /** Text item validation, recorded. */
  validation?: { kind: string; args: (string | number)[]; helpText?: string };
  scale?: { lower: number; upper: number; lowerLabel?: string; upperLabel?: string };
}

export interface FormResponseRec {
  id: string;
  timestamp: number;
  respondentEmail?: string;
  /** itemId → answer: string for single answers, string[] for checkbox items. */
  answers: Record<number, string | string[]>;
  /** Row in the destination sheet (1-based), once written there. */
  destinationRow?: number;
  editToken: string;
}

export interface FormRec {
  id: string;
  title: string;
  description: string;
  items: FormItemRec[];
  nextItemId: number;
  acceptingResponses: boolean;
  collectEmail: boolean;
  allowResponseEdits: boolean;
  confirmationMessage: string;
  /** columns: 1-based destination column per item id ("email" for the Email Address column). */
  destination?: { spreadsheetId: string; sheetId: number; columns?: Record<string, number> };
  responses: FormResponseRec[];
  publishedUrl: string;
  editUrl: string;
}

/** A text attribute set on a character range [start, end] (inclusive), recorded for export. */
export interface DocTextStyleRec {
  start: number;
  end: number;
  attr: string;
  value: string | number | boolean | null;
}

export type DocElementRec =
  | { type: 'PARAGRAPH'; text: string; heading?: string; attrs?: Record<string, string | number | boolean | null>; styles?: DocTextStyleRec[] }
  | { type: 'LIST_ITEM'; text: string; nesting: number; glyph?: string; attrs?: Record<string, string | number | boolean | null>; styles?: DocTextStyleRec[] }
  | { type: 'TABLE'; cells: string[][]; cellStyles?: Record<string, DocTextStyleRec[]> }
  | { type: 'HORIZONTAL_RULE' }
  | { type: 'PAGE_BREAK' };

export interface DocumentRec {
  id: string;
  body: DocElementRec[];
  header?: DocElementRec[];
  footer?: DocElementRec[];
  /**
   * The content as last saved, kept only while an execution has unsaved edits: exports (getAs,
   * getBlob, Drive's PDF) read it until saveAndClose() or the end of the execution saves.
   */
  saved?: { body: DocElementRec[]; header?: DocElementRec[]; footer?: DocElementRec[] };
}

export type Access = 'ANYONE' | 'ANYONE_WITH_LINK' | 'DOMAIN' | 'DOMAIN_WITH_LINK' | 'PRIVATE';
export type Permission = 'VIEW' | 'EDIT' | 'COMMENT' | 'OWNER' | 'ORGANIZER' | 'FILE_ORGANIZER' | 'NONE';

export interface DriveItemRec {
  id: string;
  kind: 'file' | 'folder';
  name: string;
  mimeType: string;
  parents: string[];
  owner: string;
  editors: string[];
  viewers: string[];
  sharing: { access: Access; permission: Permission };
  trashed: boolean;
  starred: boolean;
  description: string;
  created: number;
  updated: number;
  /** Binary content (base64) for ordinary files; Google files keep content in their own map. */
  content?: string;
}

export interface MailRec {
  id: string;
  at: number;
  from: string;
  /** Sender display name, if set. */
  name?: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  attachments: { name: string; mimeType: string; content: string }[];
  noReply: boolean;
}

export interface TriggerRec {
  uid: string;
  handler: string;
  owner: string;
  eventType: 'ON_FORM_SUBMIT' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'CLOCK';
  source: 'SPREADSHEETS' | 'FORMS' | 'CLOCK' | 'DOCUMENTS';
  sourceId?: string;
  /** For CLOCK triggers: repeat interval (ms) or a one-off time; next due time. */
  everyMs?: number;
  atMs?: number;
  nextDue?: number;
  /** Descriptive (atHour, onWeekDay, …). */
  spec?: Record<string, string | number>;
}

export interface UiEventRec {
  at: number;
  user: string;
  kind: 'menu' | 'alert' | 'prompt' | 'sidebar' | 'modalDialog' | 'modelessDialog' | 'toast';
  title?: string;
  message?: string;
  /** HTML of sidebars and dialogs. */
  html?: string;
  answer?: string;
  menu?: { name: string; items: MenuEntryRec[] };
}

export type MenuEntryRec =
  { kind: 'item'; caption: string; functionName: string } | { kind: 'separator' } | { kind: 'submenu'; name: string; items: MenuEntryRec[] };

export interface LogRec {
  at: number;
  execution: number;
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

export interface Store {
  /** Virtual clock: "now" for every execution, in epoch ms. Moves only when told to. */
  clock: { now: number };
  script: {
    id: string;
    timeZone: string;
    /** Id of the spreadsheet the script is bound to. */
    containerId?: string;
    owner: string;
    webAppUrl: string;
    /** The project's HTML files by name without ".html" (HtmlService.createTemplateFromFile). */
    htmlFiles: Record<string, string>;
  };
  /** Id counter for deterministic ids. */
  seq: number;
  executionCount: number;
  spreadsheets: Record<string, SpreadsheetRec>;
  forms: Record<string, FormRec>;
  documents: Record<string, DocumentRec>;
  drive: { rootId: string; items: Record<string, DriveItemRec> };
  mail: {
    outbox: MailRec[];
    /** Remaining recipients allowed per user per day; reset when the virtual day changes. */
    dailyQuota: number;
    usedByUserDay: Record<string, number>;
  };
  properties: { script: Record<string, string>; user: Record<string, Record<string, string>>; document: Record<string, string> };
  cache: {
    script: Record<string, { value: string; expires: number }>;
    user: Record<string, Record<string, { value: string; expires: number }>>;
    document: Record<string, { value: string; expires: number }>;
  };
  triggers: TriggerRec[];
  locks: {
    /** Who holds the script lock: an execution number, or "external" when a test holds it. */
    script?: { holder: number | 'external'; until: number };
    user: Record<string, { holder: number | 'external'; until: number }>;
    document: { holder: number | 'external'; until: number } | undefined;
  };
  /** menus: per user, the custom menus added by the last onOpen they saw. */
  ui: {
    events: UiEventRec[];
    menus: Record<string, { name: string; items: MenuEntryRec[] }[]>;
    pendingAnswers: { kind: 'alert' | 'prompt'; button: string; text?: string }[];
  };
  logs: LogRec[];
  /** Service calls per "Class.method", across executions, until reset by the driver. */
  calls: Record<string, number>;
  /** The manifest (appsscript.json) of the script under test: scopes are enforced. */
  manifest: { timeZone: string; oauthScopes?: string[]; runtimeVersion: string; webapp?: { access: string; executeAs: string } };
  /** The user who is "at the keyboard" by default. */
  users: { active: string; domain: string };
}

export function newStore(opts: { now?: number; owner?: string; timeZone?: string } = {}): Store {
  const owner = opts.owner ?? 'helpdesk@example.org';
  return {
    clock: { now: opts.now ?? Date.UTC(2026, 10, 24, 9, 0, 0) },
    script: { id: 'script-1', timeZone: opts.timeZone ?? 'Etc/UTC', owner, webAppUrl: 'https://script.google.com/macros/s/script-1/exec', htmlFiles: {} },
    seq: 1,
    executionCount: 0,
    spreadsheets: {},
    forms: {},
    documents: {},
    drive: {
      rootId: 'root',
      items: {
        root: {
          id: 'root',
          kind: 'folder',
          name: 'My Drive',
          mimeType: 'application/vnd.google-apps.folder',
          parents: [],
          owner,
          editors: [],
          viewers: [],
          sharing: { access: 'PRIVATE', permission: 'NONE' },
          trashed: false,
          starred: false,
          description: '',
          created: opts.now ?? Date.UTC(2026, 10, 24, 9, 0, 0),
          updated: opts.now ?? Date.UTC(2026, 10, 24, 9, 0, 0),
        },
      },
    },
    mail: { outbox: [], dailyQuota: 100, usedByUserDay: {} },
    properties: { script: {}, user: {}, document: {} },
    cache: { script: {}, user: {}, document: {} },
    triggers: [],
    locks: { user: {}, document: undefined },
    ui: { events: [], menus: {}, pendingAnswers: [] },
    logs: [],
    calls: {},
    manifest: { timeZone: opts.timeZone ?? 'Etc/UTC', runtimeVersion: 'V8' },
    users: { active: owner, domain: owner.split('@')[1] ?? 'example.org' },
  };
}

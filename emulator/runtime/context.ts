/**
 * What every fake needs to know about the execution it runs in: the persistent store, who is
 * running, with which authorization, and whether a user interface is attached.
 * Lives inside the vm realm; set once per execution by `begin` (see index.ts).
 */
import type { Store } from '../store';

export type ExecutionKind =
  /** A simple trigger (onOpen, onEdit): AuthMode.LIMITED, no services that need authorization. */
  | 'simple'
  /** A custom menu click or the script editor: full authorization, UI attached. */
  | 'menu'
  /** google.script.run from a sidebar or dialog: full authorization, UI attached. */
  | 'rpc'
  /** An installable trigger (form submit, time-driven): full authorization, no UI. */
  | 'trigger'
  /** A web app request (doGet/doPost): full authorization, no spreadsheet UI. */
  | 'webapp';

export interface ExecutionInfo {
  number: number;
  kind: ExecutionKind;
  authMode: 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';
  /** Who is at the keyboard (Session.getActiveUser). */
  activeUser: string;
  /** Whose authority the code runs with (Session.getEffectiveUser): the trigger owner for triggers. */
  effectiveUser: string;
  triggerUid?: string;
}

export interface Runtime {
  store: Store;
  exec: ExecutionInfo;
}

let current: Runtime | undefined;

export function setRuntime(rt: Runtime): void {
  current = rt;
}

export function rt(): Runtime {
  if (!current) throw new Error('emulator: no execution has begun');
  return current;
}

export function store(): Store {
  return rt().store;
}

export function now(): number {
  return rt().store.clock.now;
}

/** Deterministic, unique ids (Drive-like shape). */
export function newId(prefix: string): string {
  const s = store();
  const n = s.seq++;
  return `${prefix}${n.toString(36).padStart(6, '0')}`;
}

/** Counts one service call under "Class.method" (what the benchmark reads). */
export function countCall(key: string): void {
  const calls = store().calls;
  calls[key] = (calls[key] ?? 0) + 1;
}

/** Canonical scope names and what Apps Script accepts as covering them. */
const SCOPE_COVERED_BY: Record<string, string[]> = {
  'https://www.googleapis.com/auth/spreadsheets.currentonly': ['https://www.googleapis.com/auth/spreadsheets'],
  'https://www.googleapis.com/auth/spreadsheets': [],
  'https://www.googleapis.com/auth/documents': [],
  'https://www.googleapis.com/auth/documents.currentonly': ['https://www.googleapis.com/auth/documents'],
  'https://www.googleapis.com/auth/forms': [],
  'https://www.googleapis.com/auth/forms.currentonly': ['https://www.googleapis.com/auth/forms'],
  'https://www.googleapis.com/auth/drive': [],
  'https://www.googleapis.com/auth/drive.file': ['https://www.googleapis.com/auth/drive'],
  'https://www.googleapis.com/auth/script.send_mail': [],
  'https://www.googleapis.com/auth/script.scriptapp': [],
  'https://www.googleapis.com/auth/script.container.ui': [],
  'https://www.googleapis.com/auth/userinfo.email': [],
};

/**
 * Enforces authorization the way Apps Script does:
 * - in a simple trigger (AuthMode.LIMITED) a service that needs authorization throws;
 * - when the manifest lists oauthScopes explicitly, a call needing a scope not listed throws.
 * `anyOf` lists scopes any one of which is enough for the call.
 */
export function requireScope(what: string, anyOf: string[], opts: { allowedInLimited?: boolean } = {}): void {
  const r = rt();
  if (r.exec.authMode === 'LIMITED' && !opts.allowedInLimited) {
    throw new Error(`You do not have permission to call ${what}. Required permissions: ${anyOf[0]}`);
  }
  const declared = r.store.manifest.oauthScopes;
  if (!declared) return;
  const ok = anyOf.some((scope) => declared.includes(scope) || (SCOPE_COVERED_BY[scope] ?? []).some((wider) => declared.includes(wider)));
  if (!ok) {
    throw new Error(`Specified permissions are not sufficient to call ${what}. Required permissions: ${anyOf.join(' || ')}`);
  }
}

export const SCOPES = {
  sheetsCurrent: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  docs: 'https://www.googleapis.com/auth/documents',
  forms: 'https://www.googleapis.com/auth/forms',
  formsCurrent: 'https://www.googleapis.com/auth/forms.currentonly',
  drive: 'https://www.googleapis.com/auth/drive',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  email: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

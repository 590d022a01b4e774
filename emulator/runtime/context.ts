/**
 * What every fake needs to know about the execution it runs in: the persistent store, who is
 * running, with which authorization, and whether a user interface is attached.
 * Lives inside the vm realm; set once per execution by `begin` (see index.ts).
 */
import type { Store } from '../store';
import { cellCount, latencyOf, PER_CELL_MS, TIME_LIMIT_ERROR } from './latency';

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

/** A service call made to fail with a (catchable) service error, `times` more times. */
export interface CallFailure {
  /** "Class.method", e.g. "MailApp.sendEmail". */
  method: string;
  times: number;
  message: string;
}

/**
 * The execution's meter, owned by the host (plain data, mutated here): calls made, modelled
 * elapsed time, the limit, and the ways a test ends or fails an execution.
 */
export interface ExecutionMeter {
  calls: number;
  /** Modelled elapsed time of the execution so far (ms, fractional). */
  elapsedMs: number;
  limitMs: number;
  /** Whether modelled time also moves the virtual clock (new Date() inside the execution). */
  advanceClock: boolean;
  /** Whole ms already moved onto the clock (the clock moves in whole ms). */
  clockMs: number;
  /** End the execution when a call after this many calls is attempted. */
  killAfterCalls?: number;
  /** Set once the execution has been ended: every further service call throws it. */
  killed?: string;
  failures: CallFailure[];
  /** When present, the key of every call made, in order. */
  trace?: string[];
}

export function newMeter(limitMs = Infinity): ExecutionMeter {
  return { calls: 0, elapsedMs: 0, limitMs, advanceClock: true, clockMs: 0, failures: [] };
}

export const KILLED_ERROR = 'Execution killed (emulated crash)';

export interface Runtime {
  store: Store;
  exec: ExecutionInfo;
  /** Absent for host-side model code (world set-up): no limits, nothing metered. */
  meter?: ExecutionMeter;
}

let current: Runtime | undefined;

export function setRuntime(rt: Runtime | undefined): void {
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

/** Ends the execution for good: this and every later service call throws `message`. */
function kill(m: ExecutionMeter, message: string): never {
  m.killed = message;
  throw new Error(message);
}

function moveClock(r: Runtime, m: ExecutionMeter): void {
  const whole = Math.floor(m.elapsedMs);
  if (whole > m.clockMs) {
    r.store.clock.now += whole - m.clockMs;
    m.clockMs = whole;
  }
}

/**
 * Adds `ms` of modelled time to the execution (a sleep, a wait for a lock): the clock always
 * moves; past the execution's limit the execution is ended with Apps Script's error.
 */
export function spendTime(ms: number): void {
  const r = rt();
  const m = r.meter;
  let step = Math.max(0, Math.floor(ms));
  const over = m ? m.elapsedMs + step > m.limitMs : false;
  if (m && over) step = Math.max(0, Math.floor(m.limitMs - m.elapsedMs));
  r.store.clock.now += step;
  if (!m) return;
  m.elapsedMs += step;
  m.clockMs += step;
  if (over) {
    m.elapsedMs = m.limitMs;
    kill(m, TIME_LIMIT_ERROR);
  }
}

/**
 * Counts one service call under "Class.method" (what the benchmark reads) and charges its
 * latency (latency.ts) to the execution. Throws instead when the execution has been ended
 * (killed, or past its time limit) or when a test made this call fail.
 */
export function countCall(key: string): void {
  const r = rt();
  const m = r.meter;
  if (m) {
    if (m.killed) throw new Error(m.killed);
    if (m.killAfterCalls !== undefined && m.calls >= m.killAfterCalls) kill(m, `${KILLED_ERROR} after service call ${m.calls}`);
    const cost = latencyOf(key);
    if (m.elapsedMs + cost > m.limitMs) {
      m.elapsedMs = m.limitMs;
      if (m.advanceClock) moveClock(r, m);
      kill(m, TIME_LIMIT_ERROR);
    }
    m.calls++;
    m.elapsedMs += cost;
    if (m.advanceClock) moveClock(r, m);
    m.trace?.push(key);
  }
  const calls = r.store.calls;
  calls[key] = (calls[key] ?? 0) + 1;
  if (m) {
    const f = m.failures.find((x) => x.times > 0 && x.method === key);
    if (f) {
      f.times--;
      throw new Error(f.message);
    }
  }
}

/**
 * After a grid read or write completes, charges its size (PER_CELL_MS × cells read or written).
 * The call has happened; if this takes the execution past its limit, the next call ends it.
 */
export function chargeSize(method: string, args: unknown[], result: unknown): void {
  const perCell = PER_CELL_MS[method];
  const r = current;
  if (perCell === undefined || !r?.meter) return;
  const cells = method.startsWith('get') ? cellCount(result) : cellCount(args[0]);
  if (!cells) return;
  r.meter.elapsedMs += perCell * cells;
  if (r.meter.advanceClock) moveClock(r, r.meter);
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

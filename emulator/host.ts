/**
 * Host side of the emulator (Node). Owns the persistent store and runs each Apps Script
 * execution in a fresh vm context: the emulator runtime first, then the script under test,
 * then the requested entry point.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { buildSync } from 'esbuild';
import { newStore, type LogRec, type Store } from './store';
import { newMeter, type CallFailure, type ExecutionInfo, type ExecutionKind, type ExecutionMeter } from './runtime/context';
import type { InvokeRequest, InvokeResult } from './runtime/index';
import type { EventSpec } from './runtime/events';
import { EXECUTION_LIMIT_MS } from './runtime/latency';
import { rpcValueProblem } from './runtime/rpc-values';

export type { ExecutionKind, EventSpec, CallFailure };

let runtimeScript: vm.Script | undefined;

/** The emulator runtime, bundled once per process from emulator/runtime/index.ts. */
function runtime(): vm.Script {
  if (!runtimeScript) {
    const out = buildSync({
      entryPoints: [path.join(__dirname, 'runtime', 'index.ts')],
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      target: 'es2020',
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
    });
    runtimeScript = new vm.Script(out.outputFiles[0].text, { filename: 'emulator-runtime.js' });
  }
  return runtimeScript;
}

/** Compiled scripts by file and source text: a world forked a hundred times compiles each file once. */
const compiled = new Map<string, vm.Script>();

function compile(file: ScriptFile): vm.Script {
  const key = `${file.name}\0${file.source}`;
  let script = compiled.get(key);
  if (!script) {
    if (compiled.size > 16) compiled.clear();
    script = new vm.Script(file.source, { filename: file.name });
    compiled.set(key, script);
  }
  return script;
}

/** One script file of an Apps Script project: its name (as in the editor) and its source. */
export interface ScriptFile {
  name: string;
  source: string;
}

/**
 * The script files of a project directory as `clasp push` sends them and Apps Script runs them:
 * every .js and .gs file (subfolders too), the ones named in `filePushOrder` first in that
 * order, then the others sorted by path. All of them run, in this order, in one global scope.
 */
export function readScriptFiles(dir: string, filePushOrder: string[] = []): ScriptFile[] {
  const found: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(js|gs)$/.test(entry.name)) found.push(rel);
    }
  };
  walk('');
  const rank = (f: string): number => {
    const i = filePushOrder.map((p) => path.normalize(p)).indexOf(path.normalize(f));
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return found.map((name) => ({ name, source: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

export interface Manifest {
  timeZone: string;
  runtimeVersion: string;
  oauthScopes?: string[];
  webapp?: { access: string; executeAs: string };
}

export interface RunOptions {
  kind?: ExecutionKind;
  /** Who is at the keyboard; defaults to the store's active user. */
  user?: string;
  /** Whose authority the code runs with; defaults to the user (or the trigger owner). */
  effectiveUser?: string;
  triggerUid?: string;
  args?: unknown[];
  event?: EventSpec;
  /**
   * A google.script.run call (default: true for kind 'rpc'): arguments and the return value must
   * be values google.script.run can carry (runtime/rpc-values.ts); a refused argument fails the
   * call before any execution starts.
   */
  rpc?: boolean;
  /** Ends this execution when it attempts a service call after `killAfterCalls` calls (a crash). */
  killAfterCalls?: number;
}

/** Modelled time and calls of the executions an Emulator ran. */
export interface ExecutionStats {
  executions: number;
  calls: number;
  modelledMs: number;
}

export interface ExecutionResult<T = unknown> {
  ok: boolean;
  value?: T;
  error?: { name: string; message: string; stack?: string };
  execution: number;
  logs: LogRec[];
  /** Modelled Apps Script time of this execution (runtime/latency.ts), ms. */
  modelledMs: number;
  /** Service calls this execution made. */
  calls: number;
  /** Set when the execution was ended from outside: a time-limit kill or an emulated crash. */
  killed?: string;
}

export class ScriptError extends Error {
  constructor(
    readonly functionName: string,
    readonly detail: { name: string; message: string; stack?: string },
  ) {
    super(`${functionName}: ${detail.name}: ${detail.message}`);
  }
}

export class Emulator {
  readonly store: Store;
  private code: vm.Script[];
  private source: ScriptFile[];
  /** Whether modelled call latency also moves the virtual clock (Utilities.sleep and lock waits always do). */
  latencyMovesClock = true;
  /** Service calls made to fail with a service error (see failCall); shared across executions. */
  readonly failures: CallFailure[] = [];
  /** Calls left before an emulated crash (see crashAfter), counted across executions. */
  private crashIn: number | undefined;
  /** Per-call trace of every execution, when a test asks for it (see trace()). */
  private tracing: string[] | undefined;
  private totals: ExecutionStats = { executions: 0, calls: 0, modelledMs: 0 };
  private last: ExecutionResult | undefined;

  /**
   * The project to run, one of: `code` (one script as text), `files` (several, in project order),
   * `codePath` (one built file, with the manifest and .html files beside it) or `dir` (a project
   * directory, as clasp pushes it: every .js/.gs file, appsscript.json, the .html files). With
   * none of them: `dir` is `dist/` of the current directory.
   */
  constructor(
    opts: {
      code?: string;
      files?: ScriptFile[];
      codePath?: string;
      dir?: string;
      filePushOrder?: string[];
      manifest?: Manifest;
      store?: Store;
      shareCodeWith?: Emulator;
    } = {},
  ) {
    if (opts.shareCodeWith) {
      // A fork: the store already carries the manifest and HTML files.
      this.source = opts.shareCodeWith.source;
      this.code = opts.shareCodeWith.code;
      this.store = opts.store ?? newStore();
      this.latencyMovesClock = opts.shareCodeWith.latencyMovesClock;
      process.env.TZ = this.store.script.timeZone;
      return;
    }
    const asText = opts.code !== undefined || opts.files !== undefined;
    let dir: string | undefined;
    if (opts.code !== undefined) this.source = [{ name: 'Code.js', source: opts.code }];
    else if (opts.files !== undefined) this.source = opts.files;
    else if (opts.codePath !== undefined) {
      dir = path.dirname(opts.codePath);
      this.source = [{ name: path.basename(opts.codePath), source: fs.readFileSync(opts.codePath, 'utf8') }];
    } else {
      dir = opts.dir ?? path.resolve('dist');
      if (!fs.existsSync(dir)) throw new Error(`${dir} does not exist: build the project first (or pass code, files, codePath or dir)`);
      this.source = readScriptFiles(dir, opts.filePushOrder);
    }
    this.code = this.source.map(compile);
    this.store = opts.store ?? newStore();
    // A script given as text (conformance tests) has no manifest unless one is passed.
    const manifest = opts.manifest ?? (!asText && dir ? readManifest(dir) : undefined);
    if (!asText && dir) this.store.script.htmlFiles = readHtmlFiles(dir);
    if (manifest) {
      this.store.manifest = { ...manifest };
      this.store.script.timeZone = manifest.timeZone;
    }
    // Apps Script's local time is the script's time zone: make the host's Date agree.
    process.env.TZ = this.store.script.timeZone;
  }

  /** A new Emulator over a deep copy of this one's store, sharing the compiled script. */
  fork(): Emulator {
    const copy = new Emulator({ store: cloneStore(this.store), shareCodeWith: this });
    copy.failures.push(...this.failures.map((f) => ({ ...f })));
    return copy;
  }

  /**
   * Emulated crash: counting service calls from now on, across executions, the `k`-th call
   * completes and the execution attempting the next one is ended (that call throws, as does
   * every later call in it, and the execution reports failure even if the script caught it).
   * Later executions run normally. What was written before stays written.
   */
  crashAfter(k: number): void {
    if (!(k >= 0) || !Number.isInteger(k)) throw new Error(`crashAfter: k must be a whole number ≥ 0, got ${k}`);
    this.crashIn = k;
  }

  /** Whether a crash asked for by crashAfter is still to happen. */
  get crashPending(): boolean {
    return this.crashIn !== undefined;
  }

  cancelCrash(): void {
    this.crashIn = undefined;
  }

  /**
   * Makes the next `times` calls of `method` ("Class.method") throw `message`: a service error,
   * which the script can catch (unlike a crash).
   */
  failCall(method: string, opts: { times?: number; message?: string } = {}): void {
    this.failures.push({ method, times: opts.times ?? 1, message: opts.message ?? `Service error: ${method}` });
  }

  /** Starts (or stops, with false) recording the key of every service call; returns the list. */
  trace(on = true): string[] | undefined {
    this.tracing = on ? [] : undefined;
    return this.tracing;
  }

  /** Executions, calls and modelled time since the last resetStats(). */
  stats(): ExecutionStats {
    return { ...this.totals };
  }

  resetStats(): void {
    this.totals = { executions: 0, calls: 0, modelledMs: 0 };
  }

  /** The outcome of the last execution run. */
  get lastExecution(): ExecutionResult | undefined {
    return this.last;
  }

  /** Runs one execution and reports the outcome; never throws for script errors. */
  run<T = unknown>(functionName: string, opts: RunOptions = {}): ExecutionResult<T> {
    const store = this.store;
    const kind = opts.kind ?? 'menu';
    const rpc = opts.rpc ?? kind === 'rpc';
    if (rpc && functionName.endsWith('_')) {
      // Private functions cannot be called from the client (guides/html/communication#private_functions).
      return {
        ok: false,
        error: { name: 'Error', message: `Script function not found: ${functionName} (private functions cannot be called through google.script.run)` },
        execution: 0,
        logs: [],
        modelledMs: 0,
        calls: 0,
      };
    }
    if (rpc && opts.args) {
      // The client refuses to send the request: no execution starts.
      for (const [i, a] of opts.args.entries()) {
        const problem = rpcValueProblem(a, String(i));
        if (problem) return { ok: false, error: { name: 'Error', message: problem }, execution: 0, logs: [], modelledMs: 0, calls: 0 };
      }
    }
    const number = ++store.executionCount;
    const user = opts.user ?? store.users.active;
    const exec: ExecutionInfo = {
      number,
      kind,
      authMode: kind === 'simple' ? 'LIMITED' : 'FULL',
      activeUser: user,
      effectiveUser: opts.effectiveUser ?? user,
      triggerUid: opts.triggerUid,
    };
    const meter: ExecutionMeter = newMeter(EXECUTION_LIMIT_MS[kind]);
    meter.advanceClock = this.latencyMovesClock;
    meter.failures = this.failures;
    meter.trace = this.tracing;
    const crashAt = opts.killAfterCalls ?? this.crashIn;
    if (crashAt !== undefined) meter.killAfterCalls = crashAt;
    const logStart = store.logs.length;
    const context = vm.createContext({});
    runtime().runInContext(context);
    const emu = (context as { __emu: { begin(s: Store, e: ExecutionInfo, m: ExecutionMeter): void; invoke(r: InvokeRequest): InvokeResult } }).__emu;
    emu.begin(store, exec, meter);
    let result: InvokeResult;
    try {
      // Apps Script runs every script file's top-level code, in project order, in one global scope.
      for (const file of this.code) file.runInContext(context);
      result = emu.invoke({
        functionName,
        argsJson: opts.args ? JSON.stringify(opts.args) : undefined,
        eventJson: opts.event ? JSON.stringify(opts.event) : undefined,
        rpc,
      });
    } catch (err) {
      const e = err as Error;
      result = { ok: false, error: { name: e.name, message: e.message, stack: e.stack } };
    } finally {
      releaseLocksOf(store, number);
      // "saveAndClose() is automatically invoked at the end of script execution for each open
      // editable Document" (developers.google.com/apps-script/reference/document/document#saveAndClose()).
      for (const doc of Object.values(store.documents)) delete doc.saved;
      // The execution wrote objects made in its realm into the store; each would keep that whole
      // context (≈ 1 MB) alive as long as the world lives. The store keeps host copies instead.
      adoptIntoHost(store);
    }
    // A kill is not catchable: the execution failed whatever the script did with the throw.
    if (meter.killed) result = { ok: false, error: { name: 'Error', message: meter.killed } };
    if (opts.killAfterCalls === undefined && this.crashIn !== undefined) {
      this.crashIn =
        meter.killed && meter.killAfterCalls !== undefined && meter.calls >= meter.killAfterCalls ? undefined : Math.max(0, this.crashIn - meter.calls);
    }
    this.totals.executions++;
    this.totals.calls += meter.calls;
    this.totals.modelledMs += meter.elapsedMs;
    const out: ExecutionResult<T> = {
      ok: result.ok,
      value: result.resultJson === undefined ? undefined : (JSON.parse(result.resultJson) as T),
      error: result.error && { name: result.error.name, message: result.error.message, stack: result.error.stack },
      execution: number,
      logs: store.logs.slice(logStart),
      modelledMs: meter.elapsedMs,
      calls: meter.calls,
      killed: meter.killed,
    };
    this.last = out;
    return out;
  }

  /** Runs one execution and throws a ScriptError if the script threw. */
  call<T = unknown>(functionName: string, opts: RunOptions = {}): T {
    const r = this.run<T>(functionName, opts);
    if (!r.ok) throw new ScriptError(functionName, r.error!);
    return r.value as T;
  }

  /**
   * Every top-level function of the loaded script whose name does not end in "_": what a page
   * served by the script can call through google.script.run. Read from the globals of a fresh
   * context after loading the script, minus the emulator's own globals; the script's top-level
   * code runs against a throw-away copy of the store.
   */
  publicFunctions(): string[] {
    const context = vm.createContext({});
    runtime().runInContext(context);
    const g = context as Record<string, unknown> & { __emu: { begin(s: Store, e: ExecutionInfo, m: ExecutionMeter): void } };
    const owner = this.store.script.owner;
    g.__emu.begin(cloneStore(this.store), { number: 0, kind: 'menu', authMode: 'FULL', activeUser: owner, effectiveUser: owner }, newMeter());
    const before = new Set(Object.getOwnPropertyNames(context));
    for (const file of this.code) file.runInContext(context);
    return Object.getOwnPropertyNames(context)
      .filter((name) => !before.has(name) && !name.endsWith('_') && typeof g[name] === 'function')
      .sort();
  }
}

/**
 * A deep copy of a store. The store is plain data (see store.ts); a Date, Map or Set a test put
 * in it is copied too, as an object of this realm (structuredClone would hand back objects of
 * Node's main realm, which fail `instanceof` inside jest).
 */
export function cloneStore(store: Store): Store {
  return deepCopy(store) as Store;
}

function deepCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepCopy(v[i]);
    return out;
  }
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object Date]') return new Date((v as Date).getTime());
  if (tag === '[object Map]') return new Map([...(v as Map<unknown, unknown>)].map(([k, x]) => [deepCopy(k), deepCopy(x)]));
  if (tag === '[object Set]') return new Set([...(v as Set<unknown>)].map(deepCopy));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = deepCopy((v as Record<string, unknown>)[k]);
  return out;
}

const HOST_PROTOTYPES = new Set<unknown>([Object.prototype, Array.prototype, Date.prototype, Map.prototype, Set.prototype, Uint8Array.prototype, null]);

/**
 * Replaces, in place, every object of the store that was made inside an execution's realm (its
 * prototype is that realm's) by a host copy, children first; shared objects stay shared. Cheap
 * when nothing is new: one prototype check per object.
 */
export function adoptIntoHost(store: Store): void {
  const seen = new Map<object, unknown>();
  const adopt = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    const foreign = !HOST_PROTOTYPES.has(Object.getPrototypeOf(v));
    const tag = Object.prototype.toString.call(v);
    let out: unknown = v;
    if (tag === '[object Array]') {
      const src = v as unknown[];
      const arr = foreign ? new Array<unknown>(src.length) : src;
      seen.set(v, arr);
      for (let i = 0; i < src.length; i++) {
        const x = adopt(src[i]);
        if (foreign || x !== src[i]) arr[i] = x;
      }
      return arr;
    }
    if (tag === '[object Date]') out = foreign ? new Date((v as Date).getTime()) : v;
    else if (tag === '[object Uint8Array]') out = foreign ? new Uint8Array(v as Uint8Array) : v;
    else if (tag === '[object Map]')
      out =
        foreign || [...(v as Map<unknown, unknown>).values()].some((x) => adopt(x) !== x)
          ? new Map([...(v as Map<unknown, unknown>)].map(([k, x]) => [k, adopt(x)]))
          : v;
    else if (tag === '[object Set]') out = foreign ? new Set([...(v as Set<unknown>)].map(adopt)) : v;
    else if (tag === '[object Object]') {
      const src = v as Record<string, unknown>;
      const obj: Record<string, unknown> = foreign ? {} : src;
      seen.set(v, obj);
      for (const k of Object.keys(src)) {
        const x = adopt(src[k]);
        if (foreign || x !== src[k]) obj[k] = x;
      }
      return obj;
    }
    seen.set(v, out);
    return out;
  };
  const root = store as unknown as Record<string, unknown>;
  for (const k of Object.keys(root)) {
    const x = adopt(root[k]);
    if (x !== root[k]) root[k] = x;
  }
}

/** Paths of the store's objects made in an execution's realm (none after adoptIntoHost): for tests of drivers that write to the store. */
export function foreignObjectPaths(store: Store): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (!HOST_PROTOTYPES.has(Object.getPrototypeOf(v))) out.push(path);
    if (v instanceof Map) for (const [k, x] of v) walk(x, `${path}.get(${String(k)})`);
    else if (v instanceof Set) [...v].forEach((x, i) => walk(x, `${path}{${i}}`));
    else for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], `${path}.${k}`);
  };
  walk(store, 'store');
  return out;
}

/** Apps Script releases every lock an execution holds when it ends. */
function releaseLocksOf(store: Store, execution: number): void {
  if (store.locks.script?.holder === execution) store.locks.script = undefined;
  if (store.locks.document?.holder === execution) store.locks.document = undefined;
  for (const [user, lock] of Object.entries(store.locks.user)) if (lock.holder === execution) delete store.locks.user[user];
}

function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, 'appsscript.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : undefined;
}

function readHtmlFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!fs.existsSync(dir)) return files;
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.html')) files[f.slice(0, -5)] = fs.readFileSync(path.join(dir, f), 'utf8');
  return files;
}

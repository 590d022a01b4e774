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
import type { ExecutionInfo, ExecutionKind } from './runtime/context';
import type { InvokeRequest, InvokeResult } from './runtime/index';
import type { EventSpec } from './runtime/events';

export type { ExecutionKind, EventSpec };

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
}

export interface ExecutionResult<T = unknown> {
  ok: boolean;
  value?: T;
  error?: { name: string; message: string; stack?: string };
  execution: number;
  logs: LogRec[];
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
  private code: vm.Script;

  constructor(opts: { code?: string; codePath?: string; manifest?: Manifest; store?: Store } = {}) {
    const codePath = opts.codePath ?? path.resolve(__dirname, '..', 'dist', 'Code.js');
    const source = opts.code ?? fs.readFileSync(codePath, 'utf8');
    this.code = new vm.Script(source, { filename: 'Code.js' });
    this.store = opts.store ?? newStore();
    // A script given as text (conformance tests) has no manifest unless one is passed.
    const manifest = opts.manifest ?? (opts.code === undefined ? readManifest(path.dirname(codePath)) : undefined);
    if (!opts.code) this.store.script.htmlFiles = readHtmlFiles(path.dirname(codePath));
    if (manifest) {
      this.store.manifest = { ...manifest };
      this.store.script.timeZone = manifest.timeZone;
    }
    // Apps Script's local time is the script's time zone: make the host's Date agree.
    process.env.TZ = this.store.script.timeZone;
  }

  /** Runs one execution and reports the outcome; never throws for script errors. */
  run<T = unknown>(functionName: string, opts: RunOptions = {}): ExecutionResult<T> {
    const store = this.store;
    const kind = opts.kind ?? 'menu';
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
    const logStart = store.logs.length;
    const context = vm.createContext({});
    runtime().runInContext(context);
    const emu = (context as { __emu: { begin(s: Store, e: ExecutionInfo): void; invoke(r: InvokeRequest): InvokeResult } }).__emu;
    emu.begin(store, exec);
    let result: InvokeResult;
    try {
      this.code.runInContext(context);
      result = emu.invoke({
        functionName,
        argsJson: opts.args ? JSON.stringify(opts.args) : undefined,
        eventJson: opts.event ? JSON.stringify(opts.event) : undefined,
      });
    } catch (err) {
      const e = err as Error;
      result = { ok: false, error: { name: e.name, message: e.message, stack: e.stack } };
    } finally {
      releaseLocksOf(store, number);
    }
    return {
      ok: result.ok,
      value: result.resultJson === undefined ? undefined : (JSON.parse(result.resultJson) as T),
      error: result.error,
      execution: number,
      logs: store.logs.slice(logStart),
    };
  }

  /** Runs one execution and throws a ScriptError if the script threw. */
  call<T = unknown>(functionName: string, opts: RunOptions = {}): T {
    const r = this.run<T>(functionName, opts);
    if (!r.ok) throw new ScriptError(functionName, r.error!);
    return r.value as T;
  }
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

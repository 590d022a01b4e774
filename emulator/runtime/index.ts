/**
 * Entry of the emulator runtime. This file is bundled and run inside each fresh vm context,
 * before the script under test, so that every fake (and every Array, Date, Error it makes)
 * belongs to the same realm as the script — as in Apps Script, where each execution re-runs
 * the script's top-level code in a new global scope.
 */
import type { Store } from '../store';
import { setRuntime, type ExecutionInfo, type ExecutionMeter } from './context';
import { rpcValueProblem } from './rpc-values';
import { createServices } from './services';
import { buildEvent, type EventSpec } from './events';
import { installVirtualDate } from './virtual-date';

export interface InvokeRequest {
  functionName: string;
  /** JSON text of the arguments (google.script.run passes JSON-compatible values). */
  argsJson?: string;
  /** JSON text of the event spec for triggers. */
  eventJson?: string;
  /** A google.script.run call: the return value must be one google.script.run can carry. */
  rpc?: boolean;
}

export interface InvokeResult {
  ok: boolean;
  /** JSON text of the returned value (undefined stays undefined). */
  resultJson?: string;
  error?: { name: string; message: string; stack?: string };
}

const g = globalThis as unknown as Record<string, unknown>;

/** What a web app's doGet returns reaches the browser as its page: the HTML and the title. */
function served(result: unknown): unknown {
  if (result && typeof result === 'object' && 'getContent' in result && 'getTitle' in result) {
    const output = result as GoogleAppsScript.HTML.HtmlOutput;
    return { html: output.getContent(), title: output.getTitle() };
  }
  return result;
}

const emu = {
  /** Called by the host right after the context is created, before the script loads. */
  begin(store: Store, exec: ExecutionInfo, meter?: ExecutionMeter): void {
    setRuntime({ store, exec: JSON.parse(JSON.stringify(exec)) as ExecutionInfo, meter });
    installVirtualDate();
    const services = createServices();
    for (const [name, service] of Object.entries(services)) g[name] = service;
  },
  /** Runs a top-level function of the script the way Apps Script calls an entry point. */
  invoke(req: InvokeRequest): InvokeResult {
    try {
      const fn = g[req.functionName];
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${req.functionName}`);
      const args: unknown[] = req.argsJson ? (JSON.parse(req.argsJson) as unknown[]) : [];
      if (req.eventJson) args.unshift(buildEvent(JSON.parse(req.eventJson) as EventSpec));
      const result = (fn as (...a: unknown[]) => unknown)(...args);
      if (req.rpc) {
        const problem = rpcValueProblem(result, 'return');
        if (problem) throw new Error(problem);
      }
      return { ok: true, resultJson: result === undefined ? undefined : JSON.stringify(served(result)) };
    } catch (err) {
      const e = err as Error;
      return { ok: false, error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), stack: e?.stack } };
    }
  },
};

g.__emu = emu;

/**
 * Cold load of a bundle: what every Apps Script execution pays before its first line of work —
 * dist/Code.js run in a fresh, bare `vm` context (no Apps Script globals: a service call at load
 * would throw). V8's compilation cache is warm after the first run, as it is for a script that
 * every execution loads again; the first parse of the file is reported apart (`firstParseMs`).
 * Used by `npm run bench` and by the gate test that holds the 5 ms budget.
 */
import * as vm from 'node:vm';

export const COLD_LOAD_BUDGET_MS = 5;

export interface ColdLoad {
  /** Median of each batch, in ms. */
  medians: number[];
  /** The least of the batch medians: on a shared machine, the batch least disturbed by others. */
  bestMedianMs: number;
  /** Parse and run of a copy of the file V8 has never seen (a unique comment defeats its cache), in ms. */
  firstParseMs: number;
}

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function loadOnce(code: string): number {
  const context = vm.createContext({});
  const start = process.hrtime.bigint();
  new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `warmUp` loads, then `batches` batches of `runs` loads, each in a fresh bare context. */
export function measureColdLoad(code: string, opts: { warmUp?: number; runs?: number; batches?: number } = {}): ColdLoad {
  const { warmUp = 5, runs = 21, batches = 3 } = opts;
  const firstParseMs = loadOnce(`${code}\n// first parse ${process.hrtime.bigint()}`);
  for (let i = 0; i < warmUp; i++) loadOnce(code);
  const medians: number[] = [];
  for (let b = 0; b < batches; b++) medians.push(median(Array.from({ length: runs }, () => loadOnce(code))));
  return { medians, bestMedianMs: Math.min(...medians), firstParseMs };
}

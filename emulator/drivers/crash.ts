/**
 * Crash-point sweeps: does an action survive Google ending its execution after any service call?
 *
 *   const report = crashSweep({
 *     world: () => setUpWorld(),                         // or a Driver to fork for every point
 *     action: (d) => d.submitForm(title, answers),
 *     recovery: (d) => d.advanceClock(3600_000),         // the next hourly run, the same click…
 *     invariants: (d) => { if (acks(d) !== 1) throw new Error(`${acks(d)} acknowledgements`); },
 *   });
 *   assertSweep(report);                                  // throws listing every failing k
 *
 * First the action runs once on a fresh world with no crash, counting its service calls N (the
 * recovery and invariants run there too: a sweep over a broken baseline says so). Then for every
 * k in 1..N: a fresh world, crash after call k (Driver.crashAfter: the k-th call completes, the
 * execution attempting the next is ended for good, what was written stays written), the recovery,
 * the invariants. A world built from a Driver is a deep copy of its store (cloneStore) sharing the
 * compiled script, so a point costs the executions it runs, not a rebuild.
 */
import type { Driver } from '../driver';

export interface SweepOptions {
  /** A function building a fresh world, or a world to fork (deep-copy) for every point. */
  world: Driver | (() => Driver);
  action: (d: Driver) => void;
  /** What normally happens next (the same click again, the next hourly run, Google's redelivery). */
  recovery?: (d: Driver) => void;
  /** Throws (with a message saying what is wrong) when the world is not as it must be. */
  invariants: (d: Driver) => void;
  /** Only these crash points (default: every k in 1..N). */
  points?: number[];
  /** Stop after this many failing points (default: all are tried). */
  maxFailures?: number;
}

export interface SweepFailure {
  /** The crash point: the execution ended after this many service calls of the action. */
  k: number;
  /** The last call that completed ("Class.method"); "" for the unkilled baseline (k = 0). */
  after: string;
  message: string;
}

export interface SweepReport {
  /** Service calls the action makes when nothing goes wrong. */
  n: number;
  /** The calls, in order ("Class.method"). */
  calls: string[];
  /** Crash points tried. */
  tried: number;
  failures: SweepFailure[];
  /** Wall time of the sweep on this machine, ms. */
  wallMs: number;
}

function fresh(world: SweepOptions['world']): Driver {
  return typeof world === 'function' ? world() : world.fork();
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function crashSweep(opts: SweepOptions): SweepReport {
  const started = Date.now();
  const failures: SweepFailure[] = [];
  // Baseline: no crash. Count the calls, and check that recovery + invariants hold at all.
  const base = fresh(opts.world);
  const trace = base.emu.trace(true)!;
  opts.action(base);
  base.emu.trace(false);
  const calls = trace.slice();
  try {
    opts.recovery?.(base);
    opts.invariants(base);
  } catch (e) {
    failures.push({ k: 0, after: '', message: `without any crash: ${messageOf(e)}` });
  }
  const n = calls.length;
  const points = opts.points ?? Array.from({ length: n }, (_, i) => i + 1);
  let tried = 0;
  for (const k of points) {
    if (opts.maxFailures !== undefined && failures.length >= opts.maxFailures) break;
    tried++;
    const d = fresh(opts.world);
    d.crashAfter(k);
    try {
      opts.action(d);
    } catch {
      // A crashed action may well throw (e.g. Driver.check on the failed execution): expected.
    }
    d.cancelCrash();
    try {
      opts.recovery?.(d);
      opts.invariants(d);
    } catch (e) {
      failures.push({ k, after: calls[k - 1] ?? '', message: messageOf(e) });
    }
  }
  return { n, calls, tried, failures, wallMs: Date.now() - started };
}

/** A readable summary: one line per failing point. */
export function formatSweep(r: SweepReport): string {
  const head = `${r.failures.length} of ${r.tried} crash points failed (action makes ${r.n} service calls)`;
  return [head, ...r.failures.map((f) => `  k=${f.k}${f.after ? ` (after ${f.after})` : ''}: ${f.message}`)].join('\n');
}

/** Throws with the summary when any crash point (or the baseline) failed. */
export function assertSweep(r: SweepReport): void {
  if (r.failures.length) throw new Error(formatSweep(r));
}

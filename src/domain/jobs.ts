/**
 * The pure half of the job runner (src/gas/jobs.ts): a job's saved state, the time-budget
 * decision, progress words, and how a state is split into property-sized chunks.
 * No Apps Script here: these are tested with plain jest.
 */

/** A long job as saved in the document properties between executions. */
export interface JobState {
  /** Which job definition continues it ("pool-offers", "setup", …); one job of a name at a time. */
  name: string;
  /** What the help desk calls it: the toast title and the Log action ("Send these offers"). */
  title: string;
  /** Past-tense verb of the progress line ("Sent" 120 of 300). */
  verb: string;
  /** Items (or steps) in all, and how many are finished. */
  total: number;
  done: number;
  /** Where the next step starts: an index into `items`, or a phase number. An optimisation only. */
  cursor: number;
  /** The work list, when the job has one (ids, never private data). */
  items: string[];
  /** Tallies for the final Log line and message ("offered", "skipped", …). */
  counts: Record<string, number>;
  /** Short notes for the final message (capped). */
  notes: string[];
  /** Job-specific data that must survive executions (small; never private data). */
  data: Record<string, string | number | boolean>;
  startedAt: number;
  /** Executions that worked on it so far (the one that started it included). */
  executions: number;
}

export interface NewJob {
  name: string;
  title: string;
  verb: string;
  total: number;
  items?: string[];
  data?: Record<string, string | number | boolean>;
}

export const MAX_NOTES = 20;

export function newJobState(job: NewJob, now: number): JobState {
  return {
    name: job.name,
    title: job.title,
    verb: job.verb,
    total: job.total,
    done: 0,
    cursor: 0,
    items: job.items ?? [],
    counts: {},
    notes: [],
    data: job.data ?? {},
    startedAt: now,
    executions: 1,
  };
}

/** Adds to a tally. */
export function tally(state: JobState, key: string, n = 1): void {
  state.counts[key] = (state.counts[key] ?? 0) + n;
}

/** Keeps a note for the final message; the first MAX_NOTES are kept, the rest counted. */
export function note(state: JobState, text: string): void {
  if (state.notes.length < MAX_NOTES) state.notes.push(text);
  else tally(state, 'moreNotes');
}

/** "Sent 120 of 300". */
export function progressText(state: JobState): string {
  return `${state.verb} ${Math.min(state.done, state.total)} of ${state.total}`;
}

/**
 * Whether another step fits in this execution: the time spent so far plus the longest step
 * seen so far (a step's cost is best predicted by the steps before it) stays within the
 * budget (strictly: a budget of 0 means one step per execution). The first step of an
 * execution always runs, so every execution makes progress.
 */
export function roomForAnotherStep(spentMs: number, longestStepMs: number, budgetMs: number, stepsThisExecution: number): boolean {
  if (stepsThisExecution === 0) return true;
  return spentMs + longestStepMs < budgetMs;
}

/** A stopwatch over Date.now() (Apps Script's only clock) from the start of the execution. */
export class Budget {
  private longest = 0;
  private steps = 0;

  constructor(
    private readonly startedAt: number,
    readonly budgetMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  spentMs(): number {
    return this.now() - this.startedAt;
  }

  hasRoom(): boolean {
    return roomForAnotherStep(this.spentMs(), this.longest, this.budgetMs, this.steps);
  }

  /** Times one step. */
  step<T>(work: () => T): T {
    const t = this.now();
    try {
      return work();
    } finally {
      this.longest = Math.max(this.longest, this.now() - t);
      this.steps++;
    }
  }

  /** The same stopwatch with a budget no larger than `ms` (steps already timed are not carried over). */
  within(ms: number): Budget {
    return new Budget(this.startedAt, Math.min(this.budgetMs, ms), this.now);
  }

  get stepsRun(): number {
    return this.steps;
  }
}

/** Properties hold at most 9 KB per value: a state is stored as ASCII JSON in chunks of this size. */
export const CHUNK_CHARS = 8000;

/** JSON with every non-ASCII character escaped, so that characters and bytes count alike. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The property values of a job's state: key → chunk. The first chunk's key is `key`, then `key~1`, `key~2`, … */
export function toChunks(key: string, state: JobState, size = CHUNK_CHARS): Record<string, string> {
  const json = asciiJson(state);
  const out: Record<string, string> = {};
  for (let i = 0, n = 0; i < json.length || n === 0; i += size, n++) out[n === 0 ? key : `${key}~${n}`] = json.slice(i, i + size);
  return out;
}

/** Reads a job's state back from all properties; undefined when absent or unreadable. */
export function fromChunks(key: string, props: Record<string, string>): JobState | undefined {
  if (props[key] === undefined) return undefined;
  let json = props[key];
  for (let n = 1; props[`${key}~${n}`] !== undefined; n++) json += props[`${key}~${n}`];
  try {
    const state = JSON.parse(json) as JobState;
    return state && typeof state.name === 'string' ? state : undefined;
  } catch {
    return undefined;
  }
}

/** The chunk keys present for `key` (to delete the ones a smaller state no longer uses). */
export function chunkKeys(key: string, props: Record<string, string>): string[] {
  const keys = props[key] === undefined ? [] : [key];
  for (let n = 1; props[`${key}~${n}`] !== undefined; n++) keys.push(`${key}~${n}`);
  return keys;
}

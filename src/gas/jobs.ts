/**
 * The job runner: every batch that could outlast one execution (Set up, profile links, Send
 * these offers, the hourly sweep, …) runs here, in steps, under a time budget.
 *
 * - A job's state (domain/jobs.ts) is saved in the document properties BEFORE any work, and
 *   again after every step; a step runs under the script lock and re-reads the state first,
 *   so two executions never work the same step of a job.
 * - A step's items record themselves (an offer row exists, a request row exists): a step that
 *   is repeated after a crash skips what is already done. The cursor only saves re-reading.
 * - When the budget (Settings `jobs.budgetSeconds`, measured with Date.now() from the start of
 *   the execution) has no room for another step, the job stays saved and exactly one
 *   continuation trigger (`continueJobs`, one-off) is scheduled; it is deleted when no job is
 *   left. The hourly run also resumes saved jobs, so a job survives a lost trigger.
 * - The Log gets one line per job, when it ends (never one per step).
 */
import { Budget, chunkKeys, fromChunks, newJobState, progressText, toChunks, type JobState, type NewJob } from '../domain/jobs';
import { RegistryBusyError, withScriptLock } from './lock';
import { appendLog, logStructureOnce, type LogEntry } from './log';
import { StructureError } from './structure';
import { readSettings } from './registry';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The top-level trigger handler that continues saved jobs (see src/main.ts). */
export const CONTINUE_HANDLER = 'continueJobs';
/** Continuations start a minute later: Apps Script runs a one-off trigger no sooner than asked. */
export const CONTINUE_AFTER_MS = 60 * 1000;
const KEY_PREFIX = 'job.';
const DEFAULT_BUDGET_SECONDS = 270;

export interface JobDefinition {
  /**
   * Does one bounded batch starting at `state.cursor`, updating the state in place (cursor,
   * done, counts). Runs under the script lock. Returns true when the job has nothing left.
   */
  step(ss: Spreadsheet, state: JobState): boolean;
  /** The one Log line written when the job ends; undefined when there is nothing worth a line. */
  summary(state: JobState): LogEntry | undefined;
}

/** Job definitions by name: what `continueJobs` and the hourly run resume. */
export type JobTable = Record<string, JobDefinition>;

export interface JobOutcome {
  state: JobState;
  /** The job ended in this execution (its Log line is written). */
  finished: boolean;
  /** A job of this name was already saved: nothing new was started, it continues as it was. */
  alreadyRunning: boolean;
}

const keyOf = (name: string): string => `${KEY_PREFIX}${name}`;

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

/** The time budget of this execution, from Settings (seconds; 0 means "one step per execution"). */
export function executionBudget(ss: Spreadsheet, startedAt: number = Date.now()): Budget {
  let seconds = DEFAULT_BUDGET_SECONDS;
  try {
    seconds = readSettings(ss).number('jobs.budgetSeconds');
  } catch {
    // No Settings sheet yet (Set up on a new workbook): the default budget.
  }
  if (!Number.isFinite(seconds) || seconds < 0) seconds = DEFAULT_BUDGET_SECONDS;
  return new Budget(startedAt, Math.min(seconds, 330) * 1000);
}

/** Every saved job, oldest first. */
export function savedJobs(): JobState[] {
  const all = props().getProperties();
  const out: JobState[] = [];
  for (const key of Object.keys(all)) {
    if (!key.startsWith(KEY_PREFIX) || key.includes('~')) continue;
    const state = fromChunks(key, all);
    if (state) out.push(state);
  }
  return out.sort((a, b) => a.startedAt - b.startedAt);
}

function loadJob(name: string): { state: JobState | undefined; all: Record<string, string> } {
  const all = props().getProperties();
  return { state: fromChunks(keyOf(name), all), all };
}

function saveJob(state: JobState, before: Record<string, string>): void {
  const chunks = toChunks(keyOf(state.name), state);
  const p = props();
  p.setProperties(chunks);
  for (const k of chunkKeys(keyOf(state.name), before)) if (!(k in chunks)) p.deleteProperty(k);
}

function dropJob(name: string, before: Record<string, string>): void {
  const p = props();
  for (const k of chunkKeys(keyOf(name), before)) p.deleteProperty(k);
}

/** A job whose step failed this many times (in a row) is dropped, with one Log line saying why. */
export const MAX_STEP_FAILURES = 3;

interface StepsResult {
  state: JobState | undefined;
  finished: boolean;
  /** The error of a failed step (the job stays saved until MAX_STEP_FAILURES). */
  error?: unknown;
}

/**
 * Runs steps of one saved job while the budget has room. Each step: take the lock, re-read
 * the state (another execution may have moved it on or finished it), work, save or finish.
 * Returns the state after the last step, and whether the job ended.
 */
function runSteps(ss: Spreadsheet, def: JobDefinition, name: string, budget: Budget, countExecution: boolean): StepsResult {
  let last: JobState | undefined;
  let first = countExecution;
  while (budget.hasRoom()) {
    let r: StepsResult & { gone?: boolean };
    try {
      r = withScriptLock(() => {
        const { state, all } = loadJob(name);
        if (!state) return { state: last, finished: true, gone: true };
        if (first) state.executions++;
        first = false;
        let finished: boolean;
        try {
          finished = budget.step(() => def.step(ss, state));
        } catch (err) {
          if (err instanceof StructureError) {
            // A broken registry (a sheet or column missing, a bad Setting): said once, not on every
            // hourly run; the job goes, and the next run after the repair starts it again.
            dropJob(name, all);
            logStructureOnce(ss, err, state.title);
            return { state, finished: false, error: err };
          }
          // The step's own writes stay (they record themselves); the job is retried, then dropped.
          const failures = Number(state.data.failures ?? 0) + 1;
          if (failures >= MAX_STEP_FAILURES) {
            dropJob(name, all);
            appendLog(ss, [
              {
                action: state.title,
                subject: 'stopped',
                details: `${String((err as Error).message ?? err)} (${progressText(state)}; failed ${failures} times)`,
              },
            ]);
          } else {
            const again = loadJob(name);
            if (again.state) {
              again.state.data.failures = failures;
              saveJob(again.state, again.all);
            }
          }
          return { state, finished: false, error: err };
        }
        delete state.data.failures;
        if (finished) {
          dropJob(name, all);
          const line = def.summary(state);
          if (line) appendLog(ss, [line]);
        } else saveJob(state, all);
        return { state, finished };
      });
    } catch (err) {
      // The lock is busy (another execution): this job waits for the continuation.
      if (err instanceof RegistryBusyError) return { state: last, finished: false };
      throw err;
    }
    last = r.state;
    if (r.error !== undefined) return { state: last, finished: false, error: r.error };
    if (r.finished) return { state: last, finished: !r.gone };
  }
  return { state: last, finished: false };
}

/**
 * Starts a job (saving it first) and works on it in this execution while the budget allows;
 * what is left continues in the background. A job of the same name already saved is not
 * started again: the person is told it is running. An error in the first execution's steps
 * drops the job and reaches the person (clicking again starts it again; done items are skipped).
 */
export function startJob(ss: Spreadsheet, def: JobDefinition, job: NewJob, budget: Budget = executionBudget(ss)): JobOutcome {
  const begun = withScriptLock(() => {
    const { state, all } = loadJob(job.name);
    if (state) return { state, fresh: false };
    const created = newJobState(job, Date.now());
    saveJob(created, all);
    return { state: created, fresh: true };
  });
  if (!begun.fresh) {
    scheduleContinuation();
    return { state: begun.state, finished: false, alreadyRunning: true };
  }
  // Someone is waiting on this click: at most INTERACTIVE_BUDGET_MS of it, the rest continues.
  const r = runSteps(ss, def, job.name, budget.within(INTERACTIVE_BUDGET_MS), false);
  if (r.error !== undefined) {
    withScriptLock(() => {
      const { state, all } = loadJob(job.name);
      if (state) dropJob(job.name, all);
    });
    if (savedJobs().length === 0) clearContinuation();
    throw r.error;
  }
  if (!r.finished) scheduleContinuation();
  else if (savedJobs().length === 0) clearContinuation();
  return { state: r.state ?? begun.state, finished: r.finished, alreadyRunning: false };
}

/**
 * The execution a person started (a menu click, a sidebar button) works on its job for at most
 * this long (and within `jobs.budgetSeconds`): they see the result or the progress in under a
 * minute, and the continuation trigger does the rest in the background.
 */
export const INTERACTIVE_BUDGET_MS = 50_000;

/**
 * Saves a job to be run by the next continuation (or the hourly run), unless one of its name is
 * saved. With `restartAfterMs`, a saved one started longer ago than that goes back to its first
 * phase (its tallies kept): a run that died half-way does not make the next hour skip the phases
 * it had done — for jobs whose phases may run again at any time (the hourly sweep).
 */
export function enqueueJob(job: NewJob, restartAfterMs?: number): boolean {
  return withScriptLock(() => {
    const { state, all } = loadJob(job.name);
    if (state && restartAfterMs !== undefined && Date.now() - state.startedAt > restartAfterMs && state.cursor > 0) {
      saveJob({ ...state, cursor: 0, done: 0, startedAt: Date.now() }, all);
      return false;
    }
    if (state) return false;
    // Not worked on yet: the execution that runs its first step counts itself.
    saveJob({ ...newJobState(job, Date.now()), executions: 0 }, all);
    return true;
  });
}

/**
 * Works on every saved job, oldest first, while the budget allows; schedules one continuation
 * when work is left and removes it when none is. Returns the jobs still saved.
 */
export function resumeJobs(ss: Spreadsheet, table: JobTable, budget: Budget = executionBudget(ss)): JobState[] {
  for (const saved of savedJobs()) {
    if (!budget.hasRoom()) break;
    const def = table[saved.name];
    if (!def) {
      // A job this version of the script does not know (renamed in an update): drop it, say so once.
      withScriptLock(() => {
        const { state, all } = loadJob(saved.name);
        if (!state) return;
        dropJob(saved.name, all);
        appendLog(ss, [
          { action: 'Background job dropped', subject: saved.title, details: `no job "${saved.name}" in this version of the script; ${progressText(saved)}` },
        ]);
      });
      continue;
    }
    const r = runSteps(ss, def, saved.name, budget, true);
    if (r.error !== undefined) console.error(r.error);
  }
  const left = savedJobs();
  if (left.length) scheduleContinuation();
  else clearContinuation();
  return left;
}

function continuationTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === CONTINUE_HANDLER);
}

/**
 * Exactly one continuation trigger: creates it when there is none, deletes extras. When the
 * project is at its trigger cap, the hourly run continues the job instead.
 */
export function scheduleContinuation(): void {
  const existing = continuationTriggers();
  for (const extra of existing.slice(1)) ScriptApp.deleteTrigger(extra);
  if (existing.length) return;
  try {
    const trigger = ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(CONTINUE_AFTER_MS).create();
    // Recorded so that continueJobs can tell its own trigger's event from a forged one.
    props().setProperty(CONTINUATION_UID, trigger.getUniqueId());
  } catch (err) {
    console.warn(`No continuation trigger (${String((err as Error).message ?? err)}): the hourly run continues the job.`);
  }
}

const CONTINUATION_UID = 'jobs.continuationUid';

/** The id of the continuation trigger the runner made last (see access.ts requireTriggerEvent). */
export function continuationUid(): string[] {
  const uid = props().getProperty(CONTINUATION_UID);
  return uid ? [uid] : [];
}

/** Removes every continuation trigger (when no job is left, and as a continuation starts). */
export function clearContinuation(): void {
  for (const t of continuationTriggers()) ScriptApp.deleteTrigger(t);
}

/** What the person sees while a job continues: "Sent 120 of 300 — continuing in the background". */
export function progressMessage(state: JobState): string {
  return `${progressText(state)} — continuing in the background`;
}

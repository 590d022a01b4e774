/**
 * The long jobs this script knows, by name, and the two time-driven entry points that run
 * them: the continuation trigger (`continueJobs`) and the hourly run. A job is started by its
 * action (the menu, a sidebar); what does not fit in that execution continues here.
 */
import { clearContinuation, enqueueJob, executionBudget, resumeJobs, type JobTable } from '../gas/jobs';
import { activeSpreadsheet } from '../gas/log';
import { HOURLY_JOB, hourlyJob, INTAKE_JOB, INTAKE_JOB_NAME, HOURLY_JOB_NAME } from './hourly';
import { PROFILE_LINKS_JOB, PROFILE_LINKS_JOB_NAME } from './profile-links';
import { POOL_JOB_NAME, POOL_OFFERS_JOB } from './proposals';
import { SETUP_JOB, SETUP_JOB_NAME } from './setup';

/** A saved hourly sweep older than this begins again at its first phase (see enqueueJob). */
const HOURLY_RESTART_MS = 45 * 60 * 1000;

export function jobTable(): JobTable {
  return {
    [SETUP_JOB_NAME]: SETUP_JOB,
    [PROFILE_LINKS_JOB_NAME]: PROFILE_LINKS_JOB,
    [POOL_JOB_NAME]: POOL_OFFERS_JOB,
    [INTAKE_JOB_NAME]: INTAKE_JOB,
    [HOURLY_JOB_NAME]: HOURLY_JOB,
  };
}

/** The one-off continuation trigger fired: it is spent, so it goes first; a new one is made if work is left. */
export function continueJobs(): void {
  const ss = activeSpreadsheet();
  const budget = executionBudget(ss);
  clearContinuation();
  resumeJobs(ss, jobTable(), budget);
}

/**
 * The hourly run: saves this hour's sweep as a job (unless the last one is still going) and
 * works on every saved job, oldest first, within the budget — so a job whose continuation
 * trigger was lost (trigger cap, a deleted trigger) still finishes.
 */
export function runHourly(): void {
  const ss = activeSpreadsheet();
  const budget = executionBudget(ss);
  // A sweep still saved from an earlier hour (it died, or its backlog outlasted the hour) starts
  // its phases again, so this hour's responses and due reminders are not skipped.
  enqueueJob(hourlyJob(), HOURLY_RESTART_MS);
  resumeJobs(ss, jobTable(), budget);
}

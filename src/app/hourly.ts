/**
 * The hourly run as a job: catch up any form response a trigger missed, remind and expire
 * offers, send queued email, trim the Log. Each phase works in bounded steps, so an execution
 * stays within its budget at any backlog; what is left continues in the background. A run that
 * finds nothing to do writes no Log line.
 */
import { progressText, tally, type JobState, type NewJob } from '../domain/jobs';
import { readPolicy } from '../domain/policy';
import type { JobDefinition } from '../gas/jobs';
import { appendLog, trimLog } from '../gas/log';
import { Outbox } from '../gas/mail';
import type { LogEntry } from '../gas/log';
import { readLists, readSettings, readTemplates, validationLists } from '../gas/registry';
import { refreshExchangeStatus } from '../gas/exchange';
import { processResponsesUpTo } from './intake';
import { offerContext, remindAndExpire } from './offers';
import { askForFeedback } from './feedback';
import { summariseHeldNotices } from './summary';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** New or edited responses taken in per step (each may send two emails). */
export const INTAKE_BATCH = 25;
/** Offers reminded or expired per step (an expiry may rank and offer the next candidate). */
export const OFFERS_BATCH = 25;
/** Queued emails sent per step (MailApp.sendEmail is the slowest call there is). */
export const OUTBOX_BATCH = 50;

// feedback and summary queue email, so they come before the drain that sends it.
const PHASES = ['responses', 'agreements', 'offers', 'feedback', 'summary', 'outbox', 'log'] as const;

export const HOURLY_JOB_NAME = 'hourly';
export const INTAKE_JOB_NAME = 'intake';

export function hourlyJob(): NewJob {
  return { name: HOURLY_JOB_NAME, title: 'Hourly run', verb: 'Finished part', total: PHASES.length };
}

export function intakeJob(): NewJob {
  return { name: INTAKE_JOB_NAME, title: 'Process form responses', verb: 'Processed batch', total: 1 };
}

/** One bounded batch of intake; true when no response is left. */
function intakeStep(ss: Spreadsheet, state: JobState): boolean {
  const r = processResponsesUpTo(ss, INTAKE_BATCH);
  tally(state, 'created', r.created.length);
  tally(state, 'updated', r.updated.length);
  for (const id of r.review) if (state.notes.length < 20) state.notes.push(id);
  if (r.more) state.total = Math.max(state.total, state.done + 2);
  return !r.more;
}

export const HOURLY_JOB: JobDefinition = {
  step(ss, state) {
    const phase = PHASES[state.cursor];
    let phaseDone = true;
    if (phase === 'responses') phaseDone = intakeStep(ss, state);
    else if (phase === 'agreements') {
      // "expiring" and "expired" follow the calendar: the Trainers column is recomputed every hour.
      tally(state, 'exchange', refreshExchangeStatus(ss));
    } else if (phase === 'offers') {
      const settings = readSettings(ss);
      const ctx = offerContext(ss, settings, readPolicy(settings), readTemplates(ss), validationLists(readLists(ss, settings)));
      const r = remindAndExpire(ctx, OFFERS_BATCH);
      appendLog(ss, ctx.log);
      tally(state, 'reminded', r.reminded);
      tally(state, 'expired', r.expired);
      phaseDone = !r.more;
    } else if (phase === 'feedback') {
      const settings = readSettings(ss);
      const log: LogEntry[] = [];
      const r = askForFeedback(ss, settings, () => readTemplates(ss), log);
      appendLog(ss, log);
      tally(state, 'feedback', r.asked);
      phaseDone = !r.more;
    } else if (phase === 'summary') {
      const log: LogEntry[] = [];
      const r = summariseHeldNotices(ss, readSettings(ss), log);
      appendLog(ss, log);
      tally(state, 'summarised', r.summarised);
    } else if (phase === 'outbox') {
      // Queued email in batches (each send is slow): a batch left over gets further steps.
      const settings = readSettings(ss);
      const log: LogEntry[] = [];
      const outbox = new Outbox(ss, settings, log);
      const r = outbox.deliver('all', { limit: OUTBOX_BATCH });
      if (!r.more) outbox.trimSent();
      appendLog(ss, log);
      tally(state, 'sent', r.sent);
      state.counts.waiting = r.waiting;
      phaseDone = !r.more;
    } else if (phase === 'log') {
      const trim = trimLog(ss, readSettings(ss).number('log.retentionDays'));
      tally(state, 'trimmed', trim.removed);
      if (trim.removed) state.data.trimmed = trim.summary;
    }
    if (phaseDone) {
      state.cursor++;
      state.done = state.cursor;
    }
    return state.cursor >= PHASES.length;
  },
  summary(state) {
    const c = (k: string): number => state.counts[k] ?? 0;
    if (
      !c('created') &&
      !c('updated') &&
      !c('reminded') &&
      !c('expired') &&
      !c('sent') &&
      !c('trimmed') &&
      !c('exchange') &&
      !c('feedback') &&
      !c('summarised')
    )
      return undefined;
    const parts = [
      `responses: ${c('created')} new, ${c('updated')} updated`,
      `offers reminded: ${c('reminded')}, expired: ${c('expired')}`,
      `queued email sent: ${c('sent')}, waiting: ${c('waiting')}`,
    ];
    if (c('exchange')) parts.push(`exchange-agreement status changed: ${c('exchange')} trainers`);
    if (c('feedback')) parts.push(`feedback asked: ${c('feedback')}`);
    if (c('summarised')) parts.push(`help-desk notices in the summary: ${c('summarised')}`);
    if (c('trimmed')) parts.push(`Log rows older than the retention removed: ${c('trimmed')}${state.data.trimmed ? ` (${String(state.data.trimmed)})` : ''}`);
    if (state.executions > 1) parts.push(`in ${state.executions} executions`);
    return { action: 'Hourly run', subject: 'registry', details: parts.join('; ') };
  },
};

/** "Process form responses" from the menu: the intake phase alone, as its own job. */
export const INTAKE_JOB: JobDefinition = {
  step(ss, state) {
    const finished = intakeStep(ss, state);
    state.done++;
    state.total = Math.max(state.total, state.done + (finished ? 0 : 1));
    return finished;
  },
  summary(state) {
    const c = (k: string): number => state.counts[k] ?? 0;
    if (!c('created') && !c('updated')) return undefined;
    return {
      action: 'Process form responses',
      subject: 'registry',
      details: `responses: ${c('created')} new, ${c('updated')} updated${state.executions > 1 ? `; in ${state.executions} executions` : ''}`,
    };
  },
};

/** The progress line of the intake job, in the help desk's words. */
export function intakeProgress(state: JobState): string {
  return `${progressText(state)}: ${state.counts.created ?? 0} new, ${state.counts.updated ?? 0} updated so far`;
}

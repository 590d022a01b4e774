/** Send profile update links: every active trainer gets a prefilled link to keep their profile current. */
import { TRAINERS } from '../domain/registry';
import { normaliseEmail } from '../domain/text';
import { PrefillTemplate, requireForm } from '../gas/forms';
import { note, tally, type JobState } from '../domain/jobs';
import { executionBudget, progressMessage, startJob, type JobDefinition } from '../gas/jobs';
import { activeSpreadsheet, appendLog, type LogEntry } from '../gas/log';
import { sendTemplated } from '../gas/mail';
import { readSettings, readTemplates } from '../gas/registry';
import { Table } from '../gas/table';
import { profileAnswers } from './intake';

export interface LinksReport {
  sent: number;
  queued: number;
  skipped: string[];
  /** All links are sent (or queued); otherwise the job continues in the background. */
  finished: boolean;
  alreadyRunning?: boolean;
  /** "Sent 25 of 60 — continuing in the background". */
  progress: string;
}

/** The active trainers who would get a link (for the confirmation question). */
export function trainersToAsk(): number {
  return Table.open(activeSpreadsheet(), TRAINERS).rows().filter((r) => r.row.status === 'active' && normaliseEmail(String(r.row.email ?? '')).ok).length;
}

/** Trainers emailed per step (one email each). */
export const PROFILE_LINKS_BATCH = 25;
export const PROFILE_LINKS_JOB_NAME = 'profile-links';

/**
 * "Send profile update links" as a job over the active trainers' ids, taken when it starts.
 * The cursor is saved after every step: a step repeated after a crash could email its batch
 * again (the Outbox records each email; see the README's Safety section).
 */
export const PROFILE_LINKS_JOB: JobDefinition = {
  step(ss, state) {
    const prefill = PrefillTemplate.of(requireForm('trainer-profile'));
    const ctx = { ss, settings: readSettings(ss), templates: readTemplates(ss), log: [] as LogEntry[] };
    const byId = new Map(Table.open(ss, TRAINERS).rows().map((r) => [String(r.row.id ?? ''), r]));
    for (const id of state.items.slice(state.cursor, state.cursor + PROFILE_LINKS_BATCH)) {
      const r = byId.get(id);
      const email = normaliseEmail(String(r?.row.email ?? ''));
      // Skipped people are named by id only: the reason would quote what was typed.
      if (!r || r.row.status !== 'active') note(state, `${id} (no longer active)`);
      else if (!email.ok) note(state, `${id} (no valid email)`);
      else {
        const languages = Array.isArray(r.row.languages) ? r.row.languages : [];
        const how = sendTemplated(ctx, email.email, 'profile.update', languages[0] ?? 'en', { name: String(r.row.name ?? ''), profileLink: prefill.url(profileAnswers(r.row)) }, id);
        if (!how) throw new Error('There is no "profile.update" template in the Templates sheet.');
        tally(state, how);
      }
      state.cursor++;
      state.done++;
    }
    appendLog(ss, ctx.log);
    return state.cursor >= state.items.length;
  },
  summary(state) {
    const r = linksReport(state);
    return { action: 'Profile update links', subject: `${r.sent + r.queued} trainers`, details: `sent ${r.sent}, queued ${r.queued}${r.skipped.length ? `, skipped ${r.skipped.join(', ')}` : ''}${state.executions > 1 ? `; in ${state.executions} executions` : ''}` };
  },
};

function linksReport(state: JobState): LinksReport {
  return { sent: state.counts.sent ?? 0, queued: state.counts.queued ?? 0, skipped: state.notes, finished: false, progress: progressMessage(state) };
}

/** Starts the job over every active trainer with a row id; what does not fit continues in the background. */
export function sendProfileUpdateLinks(startedAt: number = Date.now()): LinksReport {
  const ss = activeSpreadsheet();
  const rows = Table.open(ss, TRAINERS).rows().filter((r) => r.row.status === 'active');
  const ids = rows.map((r) => String(r.row.id ?? '')).filter(Boolean);
  const skipped = rows.filter((r) => !r.row.id).map((r) => `row ${r.rowNumber} (no id)`);
  const outcome = startJob(ss, PROFILE_LINKS_JOB, { name: PROFILE_LINKS_JOB_NAME, title: 'Send profile update links', verb: 'Sent', total: ids.length, items: ids }, executionBudget(ss, startedAt));
  const report = linksReport(outcome.state);
  return { ...report, skipped: [...skipped, ...report.skipped], finished: outcome.finished, alreadyRunning: outcome.alreadyRunning };
}

/** Send profile update links: every active trainer gets a prefilled link to keep their profile current. */
import { TRAINERS } from '../domain/registry';
import { normaliseEmail } from '../domain/text';
import { PrefillTemplate, requireForm } from '../gas/forms';
import { note, tally, type JobState } from '../domain/jobs';
import { executionBudget, progressMessage, startJob, type JobDefinition } from '../gas/jobs';
import { activeSpreadsheet, appendLog, type LogEntry } from '../gas/log';
import { Outbox, queueTemplated } from '../gas/mail';
import { readSettings, readTemplates } from '../gas/registry';
import { Table } from '../gas/table';
import { formatDate } from '../gas/clock';
import { newProfileCode, profileAnswers } from './intake';

export interface LinksReport {
  sent: number;
  queued: number;
  /** Trainers who had already been sent today's link (the menu clicked again the same day). */
  earlier: number;
  skipped: string[];
  /** All links are sent (or queued); otherwise the job continues in the background. */
  finished: boolean;
  alreadyRunning?: boolean;
  /** "Sent 25 of 60 — continuing in the background". */
  progress: string;
}

/** The active trainers who would get a link (for the confirmation question). */
export function trainersToAsk(): number {
  return Table.open(activeSpreadsheet(), TRAINERS)
    .rows()
    .filter((r) => r.row.status === 'active' && normaliseEmail(r.row.email ?? '').ok).length;
}

/** Trainers emailed per step (one email each). */
export const PROFILE_LINKS_BATCH = 25;
export const PROFILE_LINKS_JOB_NAME = 'profile-links';

/**
 * "Send profile update links" as a job over the active trainers' ids, taken when it starts.
 * Every link is queued in the Outbox under a key naming the trainer and this run of the job, so
 * a step repeated after a crash sends nobody a second link.
 */
export const PROFILE_LINKS_JOB: JobDefinition = {
  step(ss, state) {
    const prefill = PrefillTemplate.of(requireForm('trainer-profile'));
    const settings = readSettings(ss);
    const log: LogEntry[] = [];
    const ctx = { settings, templates: readTemplates(ss), log, outbox: new Outbox(ss, settings, log) };
    const table = Table.open(ss, TRAINERS);
    const byId = new Map(table.rows().map((r) => [r.row.id ?? '', r]));
    const batch = state.items.slice(state.cursor, state.cursor + PROFILE_LINKS_BATCH);
    const keys: string[] = [];
    for (const id of batch) {
      const listed = byId.get(id);
      const email = normaliseEmail(listed?.row.email ?? '');
      // Skipped people are named by id only: the reason would quote what was typed.
      if (!listed || listed.row.status !== 'active') note(state, `${id} (no longer active)`);
      else if (!email.ok) note(state, `${id} (no valid email)`);
      else {
        // The link must carry the trainer's secret (see intake): a trainer without one gets it now.
        const r = listed.text('profileCode').trim() ? listed : table.update(listed, { profileCode: newProfileCode() });
        const languages = Array.isArray(r.row.languages) ? r.row.languages : [];
        // Keyed by trainer and day: a step repeated after a crash, or the menu clicked again the
        // same day (not sure the first click finished), sends nobody a second link.
        const key = `profile.update:${id}:${String(state.data.round ?? state.startedAt)}`;
        const ok = queueTemplated(
          ctx,
          email.email,
          'profile.update',
          languages[0] ?? 'en',
          { name: r.row.name ?? '', profileLink: prefill.url(profileAnswers(r.row)) },
          id,
          key,
        );
        if (!ok) throw new Error('There is no "profile.update" template in the Templates sheet.');
        keys.push(key);
      }
    }
    ctx.outbox.flush();
    for (const key of keys) {
      const standing = ctx.outbox.standing(key);
      tally(state, standing === 'earlier' ? 'earlier' : standing === 'sent' ? 'sent' : 'queued');
    }
    state.cursor += batch.length;
    state.done += batch.length;
    appendLog(ss, ctx.log);
    return state.cursor >= state.items.length;
  },
  summary(state) {
    const r = linksReport(state);
    return {
      action: 'Profile update links',
      subject: `${r.sent + r.queued + r.earlier} trainers`,
      details: `sent ${r.sent}, queued ${r.queued}${r.earlier ? `, already sent today ${r.earlier}` : ''}${r.skipped.length ? `, skipped ${r.skipped.join(', ')}` : ''}${state.executions > 1 ? `; in ${state.executions} executions` : ''}`,
    };
  },
};

function linksReport(state: JobState): LinksReport {
  return {
    sent: state.counts.sent ?? 0,
    queued: state.counts.queued ?? 0,
    earlier: state.counts.earlier ?? 0,
    skipped: state.notes,
    finished: false,
    progress: progressMessage(state),
  };
}

/** Starts the job over every active trainer with a row id; what does not fit continues in the background. */
export function sendProfileUpdateLinks(startedAt: number = Date.now()): LinksReport {
  const ss = activeSpreadsheet();
  const rows = Table.open(ss, TRAINERS)
    .rows()
    .filter((r) => r.row.status === 'active');
  const ids = rows.map((r) => r.row.id ?? '').filter(Boolean);
  const skipped = rows.filter((r) => !r.row.id).map((r) => `row ${r.rowNumber} (no id)`);
  // One round a day, in the registry's time zone (see the Outbox key in the step).
  const round = formatDate(new Date(startedAt), ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd');
  const outcome = startJob(
    ss,
    PROFILE_LINKS_JOB,
    { name: PROFILE_LINKS_JOB_NAME, title: 'Send profile update links', verb: 'Sent', total: ids.length, items: ids, data: { round } },
    executionBudget(ss, startedAt),
  );
  const report = linksReport(outcome.state);
  return { ...report, skipped: [...skipped, ...report.skipped], finished: outcome.finished, alreadyRunning: outcome.alreadyRunning };
}

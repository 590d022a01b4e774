/** Send profile update links: every active trainer gets a prefilled link to keep their profile current. */
import { TRAINERS } from '../domain/registry';
import { normaliseEmail } from '../domain/text';
import { PrefillTemplate, requireForm } from '../gas/forms';
import { withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog, type LogEntry } from '../gas/log';
import { Outbox, queueTemplated } from '../gas/mail';
import { readSettings, readTemplates } from '../gas/registry';
import { Table } from '../gas/table';
import { newProfileCode, profileAnswers } from './intake';

export interface LinksReport {
  sent: number;
  queued: number;
  skipped: string[];
}

/** The active trainers who would get a link (for the confirmation question). */
export function trainersToAsk(): number {
  return Table.open(activeSpreadsheet(), TRAINERS).rows().filter((r) => r.row.status === 'active' && normaliseEmail(String(r.row.email ?? '')).ok).length;
}

export function sendProfileUpdateLinks(): LinksReport {
  const ss = activeSpreadsheet();
  return withScriptLock(() => {
    const prefill = PrefillTemplate.of(requireForm('trainer-profile'));
    const settings = readSettings(ss);
    const log: LogEntry[] = [];
    const ctx = { settings, templates: readTemplates(ss), log, outbox: new Outbox(ss, settings, log) };
    // One round of links a day: clicking again (or after a crash) queues nobody twice.
    const round = new Date().toISOString().slice(0, 10);
    const report: LinksReport = { sent: 0, queued: 0, skipped: [] };
    let asked = 0;
    const table = Table.open(ss, TRAINERS);
    for (const listed of table.rows()) {
      if (listed.row.status !== 'active') continue;
      // The link must carry the trainer's secret (see intake): a trainer without one gets it now.
      const r = String(listed.raw('profileCode')).trim() ? listed : table.update(listed, { profileCode: newProfileCode() });
      const id = String(r.row.id ?? `row ${r.rowNumber}`);
      const email = normaliseEmail(String(r.row.email ?? ''));
      // Skipped people are named by id only: the reason would quote what was typed.
      if (!email.ok) {
        report.skipped.push(`${id} (no valid email)`);
        continue;
      }
      const languages = Array.isArray(r.row.languages) ? r.row.languages : [];
      const ok = queueTemplated(ctx, email.email, 'profile.update', languages[0] ?? 'en', { name: String(r.row.name ?? ''), profileLink: prefill.url(profileAnswers(r.row)) }, id, `profile.update:${id}:${round}`);
      if (!ok) throw new Error('There is no "profile.update" template in the Templates sheet.');
      asked++;
    }
    const delivered = ctx.outbox.flush();
    report.sent = delivered.sent;
    report.queued = asked - delivered.sent;
    ctx.log.push({ action: 'Profile update links', subject: `${report.sent + report.queued} trainers`, details: `sent ${report.sent}, queued ${report.queued}${report.skipped.length ? `, skipped ${report.skipped.join(', ')}` : ''}` });
    appendLog(ss, ctx.log);
    return report;
  });
}

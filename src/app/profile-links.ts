/** Send profile update links: every active trainer gets a prefilled link to keep their profile current. */
import { TRAINERS } from '../domain/registry';
import { renderEmail } from '../domain/templates';
import { normaliseEmail } from '../domain/text';
import { openForm, PrefillTemplate } from '../gas/forms';
import { withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog } from '../gas/log';
import { sendOrQueue } from '../gas/mail';
import { readSettings, readTemplates } from '../gas/registry';
import { Table } from '../gas/table';
import { profileAnswers } from './intake';

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
    const form = openForm('trainer-profile');
    if (!form) throw new Error('The Trainer profile form is missing. Choose Training Help Desk → Set up registry first.');
    const prefill = PrefillTemplate.of(form);
    const settings = readSettings(ss);
    const templates = readTemplates(ss);
    const report: LinksReport = { sent: 0, queued: 0, skipped: [] };
    for (const r of Table.open(ss, TRAINERS).rows()) {
      if (r.row.status !== 'active') continue;
      const email = normaliseEmail(String(r.row.email ?? ''));
      if (!email.ok) {
        report.skipped.push(`${String(r.row.id ?? `row ${r.rowNumber}`)} (${email.reason})`);
        continue;
      }
      const languages = Array.isArray(r.row.languages) ? r.row.languages : [];
      const message = renderEmail(templates, 'profile.update', languages[0] ?? 'en', {
        name: String(r.row.name ?? ''),
        profileLink: prefill.url(profileAnswers(r.row)),
        helpdeskName: settings.text('helpdesk.name'),
      });
      if (!message) throw new Error('There is no "profile.update" template in the Templates sheet.');
      if (sendOrQueue(ss, settings, { to: email.email, ...message }) === 'sent') report.sent++;
      else report.queued++;
    }
    appendLog(ss, [{ action: 'Profile update links', subject: `${report.sent + report.queued} trainers`, details: `sent ${report.sent}, queued ${report.queued}${report.skipped.length ? `, skipped ${report.skipped.join(', ')}` : ''}` }]);
    return report;
  });
}

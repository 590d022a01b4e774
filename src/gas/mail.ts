/**
 * Every email goes through here: sent now while the daily quota allows (keeping a reserve),
 * otherwise queued in the Outbox sheet and sent by the next drain — never dropped.
 */
import { OUTBOX } from '../domain/registry';
import type { Settings } from '../domain/settings';
import { renderEmail, type TemplateRow } from '../domain/templates';
import type { LogEntry } from './log';
import { Table } from './table';

export interface Email {
  to: string;
  subject: string;
  body: string;
  htmlBody: string;
}

export type Delivery = 'sent' | 'queued';

export function sendOrQueue(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, email: Email, urgent = false): Delivery {
  const reserve = urgent ? 0 : settings.number('mail.reservePerDay');
  if (MailApp.getRemainingDailyQuota() > reserve) {
    try {
      MailApp.sendEmail({ to: email.to, subject: email.subject, body: email.body, htmlBody: email.htmlBody, name: settings.text('helpdesk.name') });
      return 'sent';
    } catch (err) {
      // Quota counted differently than we thought, or a transient failure: keep it for later.
      queue(ss, email, String((err as Error).message ?? err));
      return 'queued';
    }
  }
  queue(ss, email, '');
  return 'queued';
}

function queue(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, email: Email, error: string): void {
  Table.open(ss, OUTBOX).append([{ queuedAt: new Date(), status: 'queued', to: email.to, subject: email.subject, body: email.body, htmlBody: email.htmlBody, error: error || undefined }]);
}

/** Sends queued emails while the quota allows; returns how many went out. */
export function drainOutbox(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings): { sent: number; waiting: number } {
  const table = Table.open(ss, OUTBOX);
  let sent = 0;
  let waiting = 0;
  let quota = MailApp.getRemainingDailyQuota() - settings.number('mail.reservePerDay');
  for (const r of table.rows()) {
    if (r.row.status !== 'queued') continue;
    if (quota <= 0) {
      waiting++;
      continue;
    }
    try {
      MailApp.sendEmail({ to: String(r.row.to), subject: String(r.row.subject), body: String(r.row.body ?? ''), htmlBody: String(r.row.htmlBody ?? ''), name: settings.text('helpdesk.name') });
      table.update(r, { status: 'sent', sentAt: new Date(), error: undefined });
      sent++;
      quota--;
    } catch (err) {
      table.update(r, { status: 'failed', error: String((err as Error).message ?? err) });
    }
  }
  return { sent, waiting };
}

/** What sending a templated email needs; the use cases' contexts all provide it. */
export interface MailContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  settings: Settings;
  templates: TemplateRow[];
  log: LogEntry[];
}

/**
 * Renders the template `key` in `language` (English fallback) from the Templates sheet, sends
 * or queues it, and logs it under `subject` (an id: never the address or the text).
 */
export function sendTemplated(ctx: MailContext, to: string, key: string, language: string, values: Record<string, string>, subject: string): Delivery | undefined {
  const message = renderEmail(ctx.templates, key, language, { helpdeskName: ctx.settings.text('helpdesk.name'), ...values });
  if (!message) {
    ctx.log.push({ action: 'Email not sent', subject, details: `no "${key}" template in the Templates sheet` });
    return undefined;
  }
  const how = sendOrQueue(ctx.ss, ctx.settings, { to, ...message });
  ctx.log.push({ action: how === 'sent' ? 'Email sent' : 'Email queued', subject, details: `${key} (${language})` });
  return how;
}

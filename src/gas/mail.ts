/**
 * Every email goes through the Outbox sheet, in two steps that survive a crash between any
 * two service calls:
 *
 *  1. **Queue** — an action collects the emails its state change implies, each with a key
 *     that names what it is for (`ack:R-00042`, `offer:O-00012`). `commit()` appends the
 *     ones whose key the Outbox does not hold yet, in one write. Queuing the same key again
 *     (a retry after a crash, a double click) does nothing.
 *  2. **Deliver** — queued rows are sent while the daily quota allows (keeping the reserve),
 *     each marked `sent` right after `MailApp.sendEmail`. A failure is retried with backoff up
 *     to `mail.maxAttempts`, then marked `failed` for the help desk (Log, Check registry).
 *
 * The one window no design can close is one call wide: the mail was handed to Google and the
 * execution died before the row said `sent`. The next drain sends that email again.
 */
import { OUTBOX, type OutboxRow } from '../domain/registry';
import type { Settings } from '../domain/settings';
import { renderEmail, type TemplateRow } from '../domain/templates';
import { cleanDisplayName, recipientsOf } from '../domain/text';
import type { LogEntry } from './log';
import { readTemplates } from './registry';
import { Table, type TableRow } from './table';

export interface Email {
  to: string;
  subject: string;
  body: string;
  htmlBody: string;
}

export interface QueuedEmail extends Email {
  /** What the email is for; the Outbox never holds two rows with one key. */
  key: string;
  /** Logged with the delivery (an id, never an address or the text). */
  logSubject: string;
  /** Template key and language, for the Log. */
  what: string;
  /** A help-desk notice that waits (status `held`) for the summary email instead of going out alone. */
  hold?: boolean;
}

export interface DeliveryReport {
  sent: number;
  /** True when the batch limit stopped the drain with due emails left. */
  more?: boolean;
  /** Queued rows left for later: quota, backoff, or out of time. */
  waiting: number;
  /** Rows that failed this time (retried later, or given up). */
  failed: number;
}

const HOUR = 3600000;

/** Backoff before attempt n+1 after n failures: 1 h, 2 h, 4 h … capped at a day. */
export function retryDelayMs(failures: number): number {
  return Math.min(24 * HOUR, HOUR * 2 ** Math.max(0, failures - 1));
}

export class Outbox {
  private pending: QueuedEmail[] = [];
  private templates: TemplateRow[] | undefined;
  private table: Table<OutboxRow> | undefined;
  /** Rows queued (or found already queued) by this execution, by key. */
  private mine = new Map<string, TableRow<OutboxRow>>();
  /** Every Outbox row by key, read at the first commit of this execution. */
  private byKey: Map<string, TableRow<OutboxRow>> | undefined;
  /** Keys this execution queued that an earlier execution had queued already. */
  private earlier = new Set<string>();
  /** What each of this execution's emails is, for the Log (subject id; template and language). */
  private described = new Map<string, { subject: string; what: string }>();

  constructor(
    private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
    private readonly settings: Settings,
    private readonly log: LogEntry[],
  ) {}

  private sheet(): Table<OutboxRow> {
    return (this.table ??= Table.open(this.ss, OUTBOX));
  }

  /** Collects an email to queue at the next commit(). */
  queue(email: QueuedEmail): void {
    if (!this.pending.some((p) => p.key === email.key)) this.pending.push(email);
  }

  /** Whether anything is waiting for commit(). */
  get uncommitted(): number {
    return this.pending.length;
  }

  /**
   * Appends the collected emails whose keys the Outbox does not hold yet, in one write.
   * Returns the keys now in the Outbox for this execution (new or found).
   */
  commit(): string[] {
    if (this.pending.length === 0) return [];
    const table = this.sheet();
    // Read once per execution: later commits (one per response when a row waits on its email) only append.
    const byKey = (this.byKey ??= new Map(
      table
        .rows()
        .map((r) => [r.text('key'), r] as const)
        .filter(([k]) => k),
    ));
    const now = new Date();
    const fresh: QueuedEmail[] = [];
    for (const e of this.pending) {
      const found = byKey.get(e.key);
      if (found) {
        this.mine.set(e.key, found);
        this.earlier.add(e.key);
      } else fresh.push(e);
    }
    const rows: OutboxRow[] = fresh.map((e) => ({
      key: e.key,
      queuedAt: now,
      status: e.hold ? 'held' : 'queued',
      to: e.to,
      subject: e.subject,
      body: e.body,
      htmlBody: e.htmlBody,
      attempts: 0,
    }));
    table.append(rows).forEach((added, i) => {
      this.mine.set(fresh[i].key, added);
      byKey.set(fresh[i].key, added);
    });
    const keys = this.pending.map((e) => e.key);
    // A held notice is not waiting to be sent on its own: the summary's Log line counts it.
    for (const e of fresh) if (!e.hold) this.described.set(e.key, { subject: e.logSubject, what: e.what });
    this.pending = [];
    return keys;
  }

  /**
   * Sends queued rows: those this execution queued (`scope: 'mine'`), or every due row in
   * the Outbox (`scope: 'all'`, the hourly drain). Stops when `deadline` (epoch ms) passes or
   * after `limit` sends (`more` then says whether due emails are left).
   */
  deliver(scope: 'mine' | 'all', opts: { deadline?: number; limit?: number } = {}): DeliveryReport {
    const deadline = opts.deadline ?? Infinity;
    const limit = opts.limit ?? Infinity;
    const report: DeliveryReport = { sent: 0, waiting: 0, failed: 0 };
    const candidates = scope === 'mine' ? [...this.mine.values()] : this.sheet().rows();
    const now = Date.now();
    const due = candidates.filter((r) => r.raw('status') === 'queued' && !(r.raw('nextTry') instanceof Date && (r.raw('nextTry') as Date).getTime() > now));
    report.waiting = candidates.filter((r) => r.raw('status') === 'queued').length - due.length;
    if (due.length === 0) return report;
    let quota = MailApp.getRemainingDailyQuota() - this.settings.number('mail.reservePerDay');
    const name = cleanDisplayName(this.settings.text('helpdesk.name'));
    const maxAttempts = this.settings.number('mail.maxAttempts');
    const table = this.sheet();
    for (const r of due) {
      const to = recipientsOf(r.text('to'));
      // A message goes to all its recipients at once, or waits whole for tomorrow's quota.
      if (report.sent + report.failed >= limit) {
        report.more = true;
        report.waiting++;
        continue;
      }
      if (to.length > quota || Date.now() >= deadline) {
        report.waiting++;
        continue;
      }
      const key = r.text('key');
      // The row's range is fetched before the send: after it, marking the row sent is one call.
      const markSent = table.prepareUpdate(r, { status: 'sent', sentAt: new Date(), error: undefined, nextTry: undefined });
      try {
        MailApp.sendEmail({ to: to.join(','), subject: r.text('subject'), body: r.text('body'), htmlBody: r.text('htmlBody'), name });
      } catch (err) {
        const attempts = (typeof r.row.attempts === 'number' ? r.row.attempts : 0) + 1;
        const givenUp = attempts >= maxAttempts;
        const error = String((err as Error).message ?? err).slice(0, 500);
        this.track(
          key,
          table.update(
            r,
            givenUp ? { status: 'failed', attempts, error, nextTry: undefined } : { attempts, error, nextTry: new Date(Date.now() + retryDelayMs(attempts)) },
          ),
        );
        report.failed++;
        if (givenUp) {
          this.log.push({ action: 'Email failed', subject: key, details: `gave up after ${attempts} attempts: ${error}` });
          this.noticeOfFailure(key, attempts, error);
        } else report.waiting++;
        continue;
      }
      this.track(key, markSent.write());
      quota -= to.length;
      report.sent++;
      const d = this.described.get(key);
      this.log.push({ action: 'Email sent', subject: d?.subject ?? key, details: d ? d.what : 'from the Outbox' });
      this.described.delete(key);
    }
    // Notices of failed emails: queued in one write (held for the summary unless set otherwise).
    if (this.pending.length) this.commit();
    return report;
  }

  /**
   * Tells the help desk that an email failed for good (template helpdesk.failed), under a key
   * naming the row and its attempts. Not for the help desk's own notices and summaries: their
   * failure would only fail again (the Log and Check registry still show it).
   */
  private noticeOfFailure(key: string, attempts: number, error: string): void {
    if (/^(failed|summary):/.test(key)) return;
    const templates = (this.templates ??= readTemplates(this.ss));
    const ctx: MailContext = { settings: this.settings, templates, log: this.log, outbox: this };
    queueTemplated(
      ctx,
      helpDeskAddress(this.settings),
      'helpdesk.failed',
      helpDeskLanguage(this.settings),
      { key, attempts: String(attempts), error, registryUrl: this.ss.getUrl() },
      key,
      `failed:${key}:${attempts}`,
    );
  }

  /**
   * Drops sent emails older than `mail.keepSentDays` from the top of the Outbox (one call), so it
   * never grows without end. Only the leading run of such rows goes: a row still queued or
   * failed stops it, whatever order the help desk sorted the sheet into.
   */
  trimSent(): number {
    const keepMs = this.settings.number('mail.keepSentDays') * 86400000;
    const cutoff = Date.now() - keepMs;
    const rows = this.sheet().rows();
    let n = 0;
    // A notice listed in a summary is done like a sent email (its Sent at is when the summary was queued).
    while (
      n < rows.length &&
      rows[n].rowNumber === n + 2 &&
      ['sent', 'in summary'].includes(rows[n].text('status')) &&
      rows[n].raw('sentAt') instanceof Date &&
      (rows[n].raw('sentAt') as Date).getTime() < cutoff
    )
      n++;
    if (n > 0) {
      const sheet = this.sheet().sheet;
      // Sheets refuses to delete every non-frozen row: keep one empty row below the header.
      if (n >= sheet.getMaxRows() - 1) sheet.insertRowsAfter(sheet.getMaxRows(), 1);
      sheet.deleteRows(2, n);
      this.table = undefined;
      this.byKey = undefined;
      this.mine.clear();
    }
    return n;
  }

  private track(key: string, row: TableRow<OutboxRow>): void {
    if (this.mine.has(key)) this.mine.set(key, row);
  }

  /**
   * Where one of this execution's emails stands after commit/deliver: `earlier` when an earlier
   * execution had queued the same key (nothing new was sent), else its Outbox status.
   */
  standing(key: string): 'earlier' | 'sent' | 'queued' | 'failed' | undefined {
    if (this.earlier.has(key)) return 'earlier';
    const status = this.mine.get(key)?.raw('status');
    return status === 'sent' || status === 'queued' || status === 'failed' ? status : undefined;
  }

  /** Commits what was collected and sends this execution's emails now, quota allowing. */
  flush(): DeliveryReport {
    this.commit();
    const report = this.deliver('mine');
    this.logStillQueued();
    return report;
  }

  /** One Log line per email this execution queued but could not send (quota, failure, time). */
  logStillQueued(): void {
    for (const d of this.described.values()) this.log.push({ action: 'Email queued', subject: d.subject, details: `${d.what}: waits in the Outbox` });
    this.described.clear();
  }
}

/** What sending a templated email needs; the use cases' contexts all provide it. */
export interface MailContext {
  settings: Settings;
  templates: TemplateRow[];
  log: LogEntry[];
  outbox: Outbox;
}

/**
 * Renders the template `key` in `language` (English fallback) from the Templates sheet and
 * queues it under `dedupeKey`; the Log names `subject` (an id: never the address or the text).
 * Returns false when there is no such template.
 */
export function queueTemplated(
  ctx: MailContext,
  to: string,
  key: string,
  language: string,
  values: Record<string, string>,
  subject: string,
  dedupeKey: string,
): boolean {
  const message = renderEmail(ctx.templates, key, language, { helpdeskName: ctx.settings.text('helpdesk.name'), ...values });
  if (!message) {
    ctx.log.push({ action: 'Email not sent', subject, details: `no "${key}" template in the Templates sheet` });
    return false;
  }
  ctx.outbox.queue({ to, ...message, key: dedupeKey, logSubject: subject, what: `${key} (${language})`, hold: heldForSummary(ctx.settings, key) });
  return true;
}

/**
 * Whether a notice waits for the help desk's summary email: every `helpdesk.*` template except
 * the summary itself, unless `helpdesk.notify` is immediate (or, for a failed email,
 * `helpdesk.failuresAtOnce` is set).
 */
export function heldForSummary(settings: Settings, templateKey: string): boolean {
  if (!templateKey.startsWith('helpdesk.') || templateKey.startsWith('helpdesk.summary')) return false;
  if (settings.choice('helpdesk.notify') === 'immediate') return false;
  return !(templateKey === 'helpdesk.failed' && settings.flag('helpdesk.failuresAtOnce'));
}

/** Where the help desk's notices go: `helpdesk.email`, else the account that runs the tool. */
export function helpDeskAddress(settings: Settings): string {
  return settings.text('helpdesk.email') || Session.getEffectiveUser().getEmail();
}

/** The language of the help desk's own emails (the first of `helpdesk.language`). */
export function helpDeskLanguage(settings: Settings): string {
  return settings.language('helpdesk.language');
}

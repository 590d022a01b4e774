/**
 * One summary email for the help desk instead of a stream of notices (Settings
 * `helpdesk.notify`: immediate, daily or weekly).
 *
 * In daily or weekly mode every help-desk notice (templates `helpdesk.*`: new request, next
 * candidate after a decline or expiry, an answer not applied or with a message, a failed email)
 * is queued in the Outbox as usual but with status `held` (see gas/mail.ts heldForSummary).
 * The hourly run then, once the latest summary moment S (`helpdesk.summaryHour`, and
 * `helpdesk.summaryDay` for weekly, in the script's time zone) has passed:
 *
 *  1. takes the held rows queued before S, and if the Outbox has no `summary:<S>` row, queues
 *     one summary email listing them (grouped, each with a link to its row) under that key;
 *  2. marks those rows `in summary` (Sent at first, then Status: a crash between them leaves
 *     them held, and the next run marks them — the key exists, so nothing is queued twice).
 *
 * The summary itself goes out through the Outbox drain like every email. Rows queued after S
 * wait for the next summary, so a crashed run rebuilds the same list. In immediate mode held
 * rows (from before a switch) are released to go out one by one.
 */
import { OFFERS, OUTBOX, REQUESTS } from '../domain/registry';
import type { Settings } from '../domain/settings';
import { WEEKDAYS } from '../domain/settings';
import { sectionTitles, summarySlot, summaryText, type SummaryItem, type SummarySection } from '../domain/summary';
import { renderEmail, type TemplateRow } from '../domain/templates';
import { helpDeskAddress, helpDeskLanguage, Outbox } from '../gas/mail';
import type { LogEntry } from '../gas/log';
import { readTemplates } from '../gas/registry';
import { Table, type TableRow } from '../gas/table';
import { formatInScriptZone, scriptZoneOffsetMs } from '../gas/clock';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SummaryOutcome {
  /** Notices listed in a summary queued by this call (or a crashed one before it). */
  summarised: number;
  /** Held notices released to go out one by one (immediate mode). */
  released: number;
  /** The summary's Outbox key, when one was queued or found. */
  key?: string;
}

/** A row's link: the spreadsheet's URL with the sheet and the row's first cell. */
function rowLink(ss: Spreadsheet, table: Table, row: TableRow): string {
  return `${ss.getUrl()}#gid=${table.sheet.getSheetId()}&range=A${row.rowNumber}`;
}

/** The summary's items: each held notice, its section from its key and the row's state now, linked to its row. */
function summaryItems(ss: Spreadsheet, outbox: Table, held: TableRow[]): SummaryItem[] {
  let requests: Table | undefined;
  let offers: Table | undefined;
  const find = (table: Table, id: string) => table.rows().find((r) => r.text('id') === id);
  return held.map((n) => {
    const key = n.text('key');
    const [kind, id] = key.split(':');
    const text = n.text('subject');
    let section: SummarySection = 'other';
    let link: string | undefined;
    if (kind === 'new') {
      requests ??= Table.open(ss, REQUESTS);
      const r = find(requests, id);
      section = r?.raw('status') === 'needs review' ? 'review' : 'new';
      if (r) link = rowLink(ss, requests, r);
    } else if (kind === 'next' || kind === 'answer') {
      offers ??= Table.open(ss, OFFERS);
      const o = find(offers, id);
      const answer = o?.text('answer');
      section = kind === 'next' ? (answer === 'expired' ? 'expired' : 'declined') : answer === 'withdrawn' ? 'notApplied' : 'messages';
      if (o) link = rowLink(ss, offers, o);
    } else if (kind === 'failed') {
      section = 'failed';
      const failedKey = key.slice('failed:'.length).replace(/:\d+$/, '');
      const f = outbox.rows().find((r) => r.text('key') === failedKey);
      if (f) link = rowLink(ss, outbox, f);
    }
    return { section, text, link };
  });
}

/**
 * Makes HTML anchors of the spreadsheet's own row links in the summary's HTML body (the
 * template renderer escapes every value; these links are ours, never typed by anyone).
 */
function linkRows(html: string, url: string): string {
  const escaped = url.replace(/&/g, '&amp;').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return html.replace(new RegExp(`${escaped}#gid=\\d+&amp;range=A\\d+`, 'g'), (m) => `<a href="${m}">${m.replace(/^.*range=/, '')}</a>`);
}

/** The hourly run's summary phase (under the script lock): see the file comment. */
export function summariseHeldNotices(ss: Spreadsheet, settings: Settings, log: LogEntry[], templates?: TemplateRow[]): SummaryOutcome {
  const outcome: SummaryOutcome = { summarised: 0, released: 0 };
  const table = Table.open(ss, OUTBOX);
  const held = table.rows().filter((r) => r.raw('status') === 'held');
  if (held.length === 0) return outcome;
  const mode = settings.choice('helpdesk.notify');
  if (mode === 'immediate') {
    table.writeColumn(held, 'status', 'queued');
    outcome.released = held.length;
    return outcome;
  }
  const offset = scriptZoneOffsetMs();
  const weekday = (WEEKDAYS as readonly string[]).indexOf(settings.choice('helpdesk.summaryDay')) + 1;
  const slot = summarySlot(Date.now(), offset, mode === 'weekly' ? 'weekly' : 'daily', settings.number('helpdesk.summaryHour'), weekday || 1);
  const due = held.filter((r) => r.raw('queuedAt') instanceof Date && (r.raw('queuedAt') as Date).getTime() < slot);
  if (due.length === 0) return outcome;
  const key = `summary:${new Date(slot).toISOString()}`;
  outcome.key = key;
  if (!table.rows().some((r) => r.text('key') === key)) {
    const rows = templates ?? readTemplates(ss);
    const language = helpDeskLanguage(settings);
    const pick = (k: string) => rows.find((t) => t.key === k && t.language === language) ?? rows.find((t) => t.key === k && t.language === 'en');
    const sections = pick('helpdesk.summary.sections');
    const items = summaryItems(ss, table, due);
    const since = due.reduce((min, r) => Math.min(min, (r.raw('queuedAt') as Date).getTime()), slot);
    const outbox = new Outbox(ss, settings, log);
    const values = {
      count: String(items.length),
      since: formatInScriptZone(new Date(since), 'yyyy-MM-dd HH:mm'),
      until: formatInScriptZone(new Date(slot), 'yyyy-MM-dd HH:mm'),
      items: summaryText(items, sectionTitles(sections?.body)),
      registryUrl: ss.getUrl(),
    };
    const message = renderEmail(rows, 'helpdesk.summary', language, { helpdeskName: settings.text('helpdesk.name'), ...values });
    if (!message) {
      log.push({ action: 'Email not sent', subject: 'help desk', details: 'no "helpdesk.summary" template in the Templates sheet' });
      return outcome;
    }
    outbox.queue({
      to: helpDeskAddress(settings),
      ...message,
      htmlBody: linkRows(message.htmlBody, ss.getUrl()),
      key,
      logSubject: 'help desk',
      what: `helpdesk.summary (${language})`,
    });
    const counts = new Map<string, number>();
    for (const i of items) counts.set(i.section, (counts.get(i.section) ?? 0) + 1);
    log.push({ action: 'Summary queued', subject: key, details: [...counts].map(([s, n]) => `${s}: ${n}`).join(', ') });
    outbox.commit();
  }
  // Sent at first, then Status: see the file comment.
  table.writeColumn(due, 'sentAt', new Date());
  table.writeColumn(due, 'status', 'in summary');
  outcome.summarised = due.length;
  return outcome;
}

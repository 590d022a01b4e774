/**
 * Intake: every form response becomes exactly one registry row.
 *
 * One mechanism serves the trigger and the catch-up sweep: a response row is identified by
 * its sheet and row ("responseKey") and its timestamp. A key the registry lacks is new; a
 * key with a newer timestamp is an edited response (updated, not acknowledged again); a
 * key with the same timestamp is a duplicate delivery (ignored). All under the script lock.
 */
import { formSpec, type FormKind } from '../domain/forms';
import { isBlankSubmission, isOrigin, parseProfile, parseRequest, type NamedValues, type Parsed, type RegistryLists } from '../domain/intake';
import { LANGUAGES, languageLabel } from '../domain/languages';
import { ORIGINS, REQUESTS, TRAINERS, type Origin } from '../domain/registry';
import type { Row } from '../domain/rows';
import type { Settings } from '../domain/settings';
import type { TemplateRow } from '../domain/templates';
import { formKindOfSheet, openForm, PrefillTemplate, responseSheets } from '../gas/forms';
import { RegistryBusyError, withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog, type LogEntry } from '../gas/log';
import { Outbox, queueTemplated } from '../gas/mail';
import { readLists, readSettings, readTemplates, validationLists } from '../gas/registry';
import { Table, type TableRow } from '../gas/table';
import { readPolicy } from '../domain/policy';
import { applyOfferAnswers, offerContext, settleOffers } from './offers';
import { normaliseEmail } from '../domain/text';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface ResponseRow {
  key: string;
  rowNumber: number;
  submitted: Date;
  named: NamedValues;
  link: string;
}

export interface IntakeReport {
  created: string[];
  updated: string[];
  duplicates: number;
  review: string[];
}

const emptyReport = (): IntakeReport => ({ created: [], updated: [], duplicates: 0, review: [] });

/** The installable form-submit trigger. Never throws: a failure is logged and the sweep retries. */
export function handleFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const ss = activeSpreadsheet();
  try {
    const sheet = e.range.getSheet();
    const kind = formKindOfSheet(sheet);
    if (!kind) {
      appendLog(ss, [{ action: 'Form response ignored', subject: sheet.getName(), details: 'this sheet is not linked to a Training Help Desk form' }]);
      return;
    }
    if (isBlankSubmission(e.namedValues)) {
      appendLog(ss, [{ action: 'Blank duplicate event ignored', subject: `${sheet.getName()} row ${e.range.getRow()}`, details: 'Google sent a second, empty form-submit event' }]);
      return;
    }
    withScriptLock(() => processResponses(ss, kind, sheet, [e.range.getRow()]));
  } catch (err) {
    const busy = err instanceof RegistryBusyError;
    console.error(err);
    try {
      appendLog(ss, [{ action: busy ? 'Form response deferred' : 'Form response failed', subject: `row ${e.range.getRow()}`, details: `${String((err as Error).message ?? err)} — the hourly run processes it` }]);
    } catch {
      // Logging is best effort here; the response row itself is safe in its responses sheet.
    }
  }
}

/** Processes every response row the registry does not have yet, in every responses sheet. */
export function processAllResponses(): IntakeReport {
  const ss = activeSpreadsheet();
  return withScriptLock(() => {
    const total = emptyReport();
    for (const { kind, sheet } of responseSheets(ss)) {
      const r = processResponses(ss, kind, sheet, 'all');
      total.created.push(...r.created);
      total.updated.push(...r.updated);
      total.duplicates += r.duplicates;
      total.review.push(...r.review);
    }
    finishUnacknowledged(ss);
    return total;
  });
}

function readResponseRows(ss: Spreadsheet, sheet: Sheet, which: number[] | 'all'): ResponseRow[] {
  const lastRow = sheet.getLastRow();
  const width = sheet.getLastColumn();
  if (lastRow < 2 || width === 0) return [];
  const headers = sheet.getRange(1, 1, 1, width).getDisplayValues()[0];
  const first = which === 'all' ? 2 : Math.min(...which);
  const last = which === 'all' ? lastRow : Math.max(...which);
  if (first < 2 || last > lastRow) return [];
  const range = sheet.getRange(first, 1, last - first + 1, width);
  const values = range.getValues();
  const display = range.getDisplayValues();
  const wanted = which === 'all' ? undefined : new Set(which);
  const sheetId = sheet.getSheetId();
  const url = ss.getUrl();
  const out: ResponseRow[] = [];
  for (let i = 0; i < values.length; i++) {
    const rowNumber = first + i;
    if (wanted && !wanted.has(rowNumber)) continue;
    const submitted = values[i][0];
    if (!(submitted instanceof Date)) continue;
    const named: NamedValues = {};
    headers.forEach((h, c) => (named[h] = [display[i][c]]));
    out.push({ key: `${sheetId}:${rowNumber}`, rowNumber, submitted, named, link: `${url}#gid=${sheetId}&range=A${rowNumber}` });
  }
  return out;
}

interface Context {
  ss: Spreadsheet;
  settings: Settings;
  lists: RegistryLists;
  templates: TemplateRow[];
  log: LogEntry[];
  report: IntakeReport;
  outbox: Outbox;
}

function processResponses(ss: Spreadsheet, kind: FormKind, sheet: Sheet, which: number[] | 'all'): IntakeReport {
  const responses = readResponseRows(ss, sheet, which);
  const settings = readSettings(ss);
  const log: LogEntry[] = [];
  const ctx: Context = { ss, settings, lists: readLists(ss, settings), templates: readTemplates(ss), log, report: emptyReport(), outbox: new Outbox(ss, settings, log) };
  if (responses.length) {
    if (kind === 'offer-response') {
      const offers = offerContext(ss, settings, readPolicy(settings), ctx.templates, validationLists(ctx.lists));
      applyOfferAnswers(offers, responses);
      settleOffers(offers);
      ctx.log.push(...offers.log);
    } else if (isOrigin(kind)) intakeRequests(ctx, kind, responses);
    else intakeProfiles(ctx, responses);
  }
  ctx.outbox.flush();
  appendLog(ss, ctx.log);
  return ctx.report;
}

function sameOrOlder(stored: unknown, submitted: Date): boolean {
  return stored instanceof Date && stored.getTime() >= submitted.getTime();
}

function statusFor(parsed: Parsed): { status: string; reviewReason: string | undefined } {
  return parsed.reasons.length ? { status: 'needs review', reviewReason: parsed.reasons.join('; ') } : { status: 'new', reviewReason: undefined };
}

function intakeRequests(ctx: Context, origin: Origin, responses: ResponseRow[]): void {
  const table = Table.open(ctx.ss, REQUESTS, validationLists(ctx.lists));
  const byKey = new Map<string, TableRow>();
  for (const r of table.rows()) {
    const key = String(r.raw('responseKey'));
    if (key) byKey.set(key, r);
  }
  const fresh: { row: Row; parsed: Parsed }[] = [];
  for (const response of responses) {
    const existing = byKey.get(response.key);
    if (existing && sameOrOlder(existing.raw('received'), response.submitted)) {
      ctx.report.duplicates++;
      ctx.log.push({ action: 'Duplicate form response ignored', subject: String(existing.row.id), details: `response ${response.key} was already processed` });
      continue;
    }
    const parsed = parseRequest(origin, response.named, ctx.lists);
    const { status, reviewReason } = statusFor(parsed);
    if (existing) {
      // An edited response: new answers, same request. Its place in the workflow is kept.
      const keepStatus = existing.row.status && existing.row.status !== 'new' && existing.row.status !== 'needs review';
      table.update(existing, { ...parsed.row, received: response.submitted, status: keepStatus ? existing.row.status : status, reviewReason });
      ctx.report.updated.push(String(existing.row.id));
      ctx.log.push({ action: 'Request updated from edited response', subject: String(existing.row.id), details: reviewReason ? reviewNote(parsed) : 'answers updated' });
      continue;
    }
    const id = table.newId('R');
    const row: Row = { ...parsed.row, id, received: response.submitted, status, reviewReason, response: response.link, responseKey: response.key };
    fresh.push({ row, parsed });
  }
  if (fresh.length === 0) return;
  table.append(fresh.map((f) => f.row)).forEach((added) => byKey.set(String(added.row.responseKey), added));
  for (const { row, parsed } of fresh) {
    const id = String(row.id);
    ctx.report.created.push(id);
    if (parsed.reasons.length) ctx.report.review.push(id);
    ctx.log.push({ action: 'Request received', subject: id, details: `${origin}; ${parsed.reasons.length ? reviewNote(parsed) : String(row.status)}` });
  }
  acknowledgeRequests(ctx, table, new Set(fresh.map((f) => String(f.row.id))));
}

/** Recovery: queues and sends the follow-up of requests a crashed execution left unacknowledged. */
function finishUnacknowledged(ss: Spreadsheet): void {
  const settings = readSettings(ss);
  const log: LogEntry[] = [];
  const ctx: Context = { ss, settings, lists: readLists(ss, settings), templates: readTemplates(ss), log, report: emptyReport(), outbox: new Outbox(ss, settings, log) };
  acknowledgeRequests(ctx, Table.open(ss, REQUESTS, validationLists(ctx.lists)));
  ctx.outbox.flush();
  appendLog(ss, ctx.log);
}

/** A row's language code when the registry knows it (a row needing review may hold what was typed), else English. */
function knownLanguage(value: unknown): string {
  return typeof value === 'string' && LANGUAGES.some((l) => l.code === value) ? value : 'en';
}

/** Requests older than this are never acknowledged late (rows from before Acknowledged meant "queued"). */
const LATE_ACK_WINDOW_MS = 7 * 86400000;

/**
 * The follow-up of a new request, exactly once: the acknowledgement to the requester (when they
 * gave one valid address) and the help desk's notice are queued under the request's keys, then
 * Acknowledged is set. A crash before that leaves Acknowledged empty, and the next run (this
 * one with `only` undefined: every recent request) queues what is missing — keys never twice.
 */
export function acknowledgeRequests(ctx: Context, table: Table, only?: Set<string>): void {
  const since = Date.now() - LATE_ACK_WINDOW_MS;
  const todo = table.rows().filter((r) => {
    if (r.raw('acknowledged') instanceof Date || !r.raw('id')) return false;
    if (only) return only.has(String(r.raw('id')));
    const received = r.raw('received');
    return received instanceof Date && received.getTime() >= since;
  });
  if (todo.length === 0) return;
  const notify = ctx.settings.flag('notify.newRequests');
  const helpdesk = notify ? ctx.settings.text('helpdesk.email') || Session.getEffectiveUser().getEmail() : '';
  for (const r of todo) {
    const row = r.row;
    const id = String(row.id);
    const origin = String(row.origin ?? '');
    const replyTo = normaliseEmail(typeof row.email === 'string' ? row.email : '');
    const spec = (ORIGINS as readonly string[]).includes(origin) ? formSpec(origin as Origin) : undefined;
    if (replyTo.ok && spec) {
      queueTemplated(ctx, replyTo.email, 'ack.request', knownLanguage(row.language), { name: String(row.requester ?? ''), requestId: id, formTitle: spec.title }, id, `ack:${id}`);
    }
    if (helpdesk) {
      const reasons = row.reviewReason ? `Needs review: ${String(row.reviewReason)}\n` : '';
      queueTemplated(ctx, helpdesk, 'helpdesk.new', 'en', { requestId: id, origin, status: String(row.status), reasons, registryUrl: ctx.ss.getUrl() }, id, `new:${id}`);
    }
  }
  ctx.outbox.commit();
  const now = new Date();
  for (const r of todo) {
    const current = table.rows().find((x) => x.rowNumber === r.rowNumber);
    if (current) table.update(current, { acknowledged: now });
  }
}

/** The Log is seen by more people than the registry: it names the problem, never what was typed. */
function reviewNote(parsed: Parsed): string {
  return `needs review (${parsed.reasons.length} reason${parsed.reasons.length === 1 ? '' : 's'} in the row's Review reason)`;
}

/** The answers a trainer row gives to the profile form, by question title (for prefilled links). */
export function profileAnswers(row: Row): Record<string, string | string[] | undefined> {
  const spec = formSpec('trainer-profile');
  const out: Record<string, string | string[] | undefined> = {};
  for (const q of spec.questions) {
    const v = row[q.key];
    if (v === undefined) continue;
    if (q.key === 'languages' && Array.isArray(v)) out[q.title] = v.map(languageLabel);
    else if (q.key === 'listed') out[q.title] = v ? 'yes' : 'no';
    else if (Array.isArray(v)) out[q.title] = v;
    else if (v instanceof Date) out[q.title] = v.toISOString().slice(0, 10);
    else out[q.title] = String(v);
  }
  return out;
}

function intakeProfiles(ctx: Context, responses: ResponseRow[]): void {
  const table = Table.open(ctx.ss, TRAINERS, validationLists(ctx.lists));
  const byEmail = new Map<string, TableRow>();
  const byResponse = new Map<string, TableRow>();
  for (const r of table.rows()) {
    const email = String(r.raw('email')).trim().toLowerCase();
    if (email) byEmail.set(email, r);
    const key = String(r.raw('profileResponse'));
    if (key) byResponse.set(key, r);
  }
  const form = openForm('trainer-profile');
  const prefill = form ? PrefillTemplate.of(form) : undefined;
  for (const response of responses) {
    const parsed = parseProfile(response.named, ctx.lists);
    const email = parsed.replyTo;
    const existing = (email && byEmail.get(email)) || byResponse.get(response.key);
    if (existing && sameOrOlder(existing.raw('updated'), response.submitted)) {
      ctx.report.duplicates++;
      ctx.log.push({ action: 'Duplicate form response ignored', subject: String(existing.row.id), details: `profile response ${response.key} was already processed` });
      continue;
    }
    const edited = !!existing && existing.row.profileResponse === response.key;
    const changes: Row = { ...parsed.row, reviewReason: parsed.reasons.length ? parsed.reasons.join('; ') : undefined, updated: response.submitted, profileResponse: response.key };
    let row: Row;
    let id: string;
    if (existing) {
      // Keep what the help desk manages: status "left" is not undone by a form, notes stay.
      const updated = table.update(existing, { ...changes, status: existing.row.status === 'left' ? 'left' : changes.status });
      row = updated.row;
      id = String(existing.row.id ?? '');
      ctx.report.updated.push(id);
      if (email) byEmail.set(email, updated);
      byResponse.set(response.key, updated);
    } else {
      id = table.newId('T', 4);
      row = { ...changes, id, exchangeAgreement: 'none' };
      const [created] = table.append([row]);
      if (email) byEmail.set(email, created);
      byResponse.set(response.key, created);
      ctx.report.created.push(id);
    }
    if (parsed.reasons.length) ctx.report.review.push(id);
    ctx.log.push({ action: existing ? 'Trainer profile updated' : 'Trainer profile created', subject: id, details: parsed.reasons.length ? reviewNote(parsed) : 'from the profile form' });
    if (email && !edited) {
      const profileLink = prefill ? prefill.url(profileAnswers(row)) : '';
      queueTemplated(ctx, email, 'ack.profile', parsed.language, { name: String(row.name ?? ''), profileLink }, id, `profile:${response.key}@${response.submitted.getTime()}`);
    }
  }
}

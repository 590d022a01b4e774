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
import { languageLabel } from '../domain/languages';
import { REQUESTS, TRAINERS, type Origin } from '../domain/registry';
import type { Row } from '../domain/rows';
import type { Settings } from '../domain/settings';
import type { TemplateRow } from '../domain/templates';
import { formKindOfSheet, openForm, PrefillTemplate, responseSheets } from '../gas/forms';
import { RegistryBusyError, withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog, type LogEntry } from '../gas/log';
import { sendTemplated } from '../gas/mail';
import { readLists, readSettings, readTemplates, validationLists } from '../gas/registry';
import { Table, type TableRow } from '../gas/table';
import { readPolicy } from '../domain/policy';
import { applyOfferAnswers, offerContext } from './offers';

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
  /** The call stopped at its limit: more responses wait for the next call. */
  more: boolean;
}

const emptyReport = (): IntakeReport => ({ created: [], updated: [], duplicates: 0, review: [], more: false });

/** The installable form-submit trigger. Never throws: a failure is logged and the sweep retries. */
export function handleFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const ss = activeSpreadsheet();
  try {
    const sheet = e.range.getSheet();
    const kind = formKindOfSheet(sheet);
    if (!kind) {
      logUnderLock(ss, { action: 'Form response ignored', subject: sheet.getName(), details: 'this sheet is not linked to a Training Help Desk form' });
      return;
    }
    if (isBlankSubmission(e.namedValues)) {
      logUnderLock(ss, { action: 'Blank duplicate event ignored', subject: `${sheet.getName()} row ${e.range.getRow()}`, details: 'Google sent a second, empty form-submit event' });
      return;
    }
    withScriptLock(() => processResponses(ss, kind, sheet, [e.range.getRow()]));
  } catch (err) {
    console.error(err);
    // Busy: another execution holds the lock and the hourly run takes the response in; no Log
    // line (it could not be written under the lock anyway). Any other failure is logged.
    if (err instanceof RegistryBusyError) return;
    logUnderLock(ss, { action: 'Form response failed', subject: `row ${e.range.getRow()}`, details: `${String((err as Error).message ?? err)} — the hourly run processes it` });
  }
}

/** One Log line written under the script lock; best effort (the response itself is safe in its sheet). */
function logUnderLock(ss: Spreadsheet, entry: LogEntry): void {
  try {
    withScriptLock(() => appendLog(ss, [entry]), 10000);
  } catch (err) {
    console.warn(`Not logged (${String((err as Error).message ?? err)}): ${entry.action} ${entry.subject}`);
  }
}

/** Processes every response row the registry does not have yet, in every responses sheet. */
export function processAllResponses(): IntakeReport {
  const ss = activeSpreadsheet();
  return withScriptLock(() => processResponsesUpTo(ss, Infinity));
}

/**
 * The sweep, bounded (the caller holds the script lock): at most `limit` new or edited
 * responses are taken in; `more` says others wait. Known responses are counted, not logged.
 */
export function processResponsesUpTo(ss: Spreadsheet, limit: number): IntakeReport {
  const total = emptyReport();
  for (const { kind, sheet } of responseSheets(ss)) {
    const left = limit - total.created.length - total.updated.length;
    if (left <= 0) {
      total.more = true;
      break;
    }
    const r = processResponses(ss, kind, sheet, 'all', left);
    total.created.push(...r.created);
    total.updated.push(...r.updated);
    total.duplicates += r.duplicates;
    total.review.push(...r.review);
    total.more ||= r.more;
  }
  return total;
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
  /** New or edited responses still allowed in this call. */
  limit: number;
  /** A sweep over every row: a known response is counted, not logged (it was logged when it came in). */
  sweep: boolean;
}

/** Room for one more new or edited response; marks the report when the limit is reached. */
function hasRoom(ctx: Context): boolean {
  if (ctx.report.created.length + ctx.report.updated.length < ctx.limit) return true;
  ctx.report.more = true;
  return false;
}

function processResponses(ss: Spreadsheet, kind: FormKind, sheet: Sheet, which: number[] | 'all', limit = Infinity): IntakeReport {
  const responses = readResponseRows(ss, sheet, which);
  const settings = readSettings(ss);
  const ctx: Context = { ss, settings, lists: readLists(ss, settings), templates: readTemplates(ss), log: [], report: emptyReport(), limit, sweep: which === 'all' };
  if (responses.length) {
    if (kind === 'offer-response') {
      const offers = offerContext(ss, settings, readPolicy(settings), ctx.templates, validationLists(ctx.lists));
      applyOfferAnswers(offers, responses);
      ctx.log.push(...offers.log);
    } else if (isOrigin(kind)) intakeRequests(ctx, kind, responses);
    else intakeProfiles(ctx, responses);
  }
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
      if (!ctx.sweep) ctx.log.push({ action: 'Duplicate form response ignored', subject: String(existing.row.id), details: `response ${response.key} was already processed` });
      continue;
    }
    if (fresh.length + ctx.report.updated.length >= ctx.limit) {
      ctx.report.more = true;
      break;
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
    const row: Row = { ...parsed.row, id, received: response.submitted, status, reviewReason, response: response.link, responseKey: response.key, acknowledged: parsed.replyTo ? new Date() : undefined };
    fresh.push({ row, parsed });
  }
  if (fresh.length === 0) return;
  table.append(fresh.map((f) => f.row)).forEach((added) => byKey.set(String(added.row.responseKey), added));
  const spec = formSpec(origin);
  for (const { row, parsed } of fresh) {
    const id = String(row.id);
    ctx.report.created.push(id);
    if (parsed.reasons.length) ctx.report.review.push(id);
    ctx.log.push({ action: 'Request received', subject: id, details: `${origin}; ${parsed.reasons.length ? reviewNote(parsed) : String(row.status)}` });
    const values = { name: String(row.requester ?? ''), requestId: id, formTitle: spec.title };
    if (parsed.replyTo) sendTemplated(ctx, parsed.replyTo, 'ack.request', parsed.language, values, id);
    if (ctx.settings.flag('notify.newRequests')) {
      const to = ctx.settings.text('helpdesk.email') || Session.getEffectiveUser().getEmail();
      const reasons = row.reviewReason ? `Needs review: ${String(row.reviewReason)}\n` : '';
      sendTemplated(ctx, to, 'helpdesk.new', 'en', { requestId: id, origin, status: String(row.status), reasons, registryUrl: ctx.ss.getUrl() }, id);
    }
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
  // Read from Forms only when a profile needs an acknowledgement (not on a sweep that finds nothing).
  let prefill: PrefillTemplate | undefined | null = null;
  const prefillOnce = (): PrefillTemplate | undefined => {
    if (prefill === null) {
      const form = openForm('trainer-profile');
      prefill = form ? PrefillTemplate.of(form) : undefined;
    }
    return prefill;
  };
  for (const response of responses) {
    const parsed = parseProfile(response.named, ctx.lists);
    const email = parsed.replyTo;
    const existing = (email && byEmail.get(email)) || byResponse.get(response.key);
    if (existing && sameOrOlder(existing.raw('updated'), response.submitted)) {
      ctx.report.duplicates++;
      if (!ctx.sweep) ctx.log.push({ action: 'Duplicate form response ignored', subject: String(existing.row.id), details: `profile response ${response.key} was already processed` });
      continue;
    }
    if (!hasRoom(ctx)) break;
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
      const template = prefillOnce();
      const profileLink = template ? template.url(profileAnswers(row)) : '';
      sendTemplated(ctx, email, 'ack.profile', parsed.language, { name: String(row.name ?? ''), profileLink }, id);
    }
  }
}

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
import { changedFields, grantRoles, readPending, writePending } from '../domain/profile-guard';
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
}

function processResponses(ss: Spreadsheet, kind: FormKind, sheet: Sheet, which: number[] | 'all'): IntakeReport {
  const responses = readResponseRows(ss, sheet, which);
  const settings = readSettings(ss);
  const ctx: Context = { ss, settings, lists: readLists(ss, settings), templates: readTemplates(ss), log: [], report: emptyReport() };
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
    // Roles still waiting for approval stay claimed when the trainer resubmits from the link.
    else if (q.key === 'roles' && Array.isArray(v)) out[q.title] = [...new Set([...v, ...(Array.isArray(row.rolesClaimed) ? row.rolesClaimed : [])])];
    else if (q.key === 'listed') out[q.title] = v ? 'yes' : 'no';
    else if (Array.isArray(v)) out[q.title] = v;
    else if (v instanceof Date) out[q.title] = v.toISOString().slice(0, 10);
    else out[q.title] = String(v);
  }
  return out;
}

/** A new secret for a trainer's personal profile link (64 random bits and more). */
export function newProfileCode(): string {
  return Utilities.getUuid().replace(/-/g, '').slice(0, 20);
}

function rolesNote(waiting: string[]): string | undefined {
  return waiting.length ? `roles waiting for help-desk approval: ${waiting.join(', ')} (to approve, add them to Roles)` : undefined;
}

/**
 * Trainer profile responses. A response for a trainer already in Trainers applies only with
 * proof that it is theirs (the "Profile code" of their personal link, or their own edited
 * response); otherwise it waits in "Pending change" and the trainer is asked to confirm from the
 * address on file. Roles that matter to matching are granted only by the help desk.
 */
function intakeProfiles(ctx: Context, responses: ResponseRow[]): void {
  const table = Table.open(ctx.ss, TRAINERS, validationLists(ctx.lists));
  const byEmail = new Map<string, TableRow>();
  const byResponse = new Map<string, TableRow>();
  const byCode = new Map<string, TableRow>();
  const index = (r: TableRow): void => {
    const email = String(r.raw('email')).trim().toLowerCase();
    if (email) byEmail.set(email, r);
    const key = String(r.raw('profileResponse'));
    if (key) byResponse.set(key, r);
    const code = String(r.raw('profileCode')).trim();
    if (code) byCode.set(code, r);
  };
  table.rows().forEach(index);
  const form = openForm('trainer-profile');
  const prefill = form ? PrefillTemplate.of(form) : undefined;
  const codeTitle = formSpec('trainer-profile').questions.find((q) => q.key === 'profileCode')!.title;
  const headerOf = (key: string): string => TRAINERS.columns.find((c) => c.key === key)?.header ?? key;
  for (const response of responses) {
    const parsed = parseProfile(response.named, ctx.lists);
    const email = parsed.replyTo;
    const code = String(response.named[codeTitle]?.[0] ?? '').trim();
    const byItsCode = code ? byCode.get(code) : undefined;
    const existing = byItsCode || (email && byEmail.get(email)) || byResponse.get(response.key);
    if (existing && (sameOrOlder(existing.raw('updated'), response.submitted) || notNewerThanPending(existing, response))) {
      ctx.report.duplicates++;
      ctx.log.push({ action: 'Duplicate form response ignored', subject: String(existing.row.id), details: `profile response ${response.key} was already processed` });
      continue;
    }
    const edited = !!existing && existing.row.profileResponse === response.key;
    if (existing && !edited && !byItsCode) {
      holdForConfirmation(ctx, table, existing, parsed.row, response, prefill, headerOf).forEach(index);
      continue;
    }
    const { roles, waiting } = grantRoles(parsed.row.roles, existing?.row.roles);
    const reasons = [...parsed.reasons, rolesNote(waiting)].filter((r): r is string => !!r);
    const changes: Row = {
      ...parsed.row,
      roles,
      rolesClaimed: waiting.length ? waiting : undefined,
      reviewReason: reasons.length ? reasons.join('; ') : undefined,
      updated: response.submitted,
      profileResponse: response.key,
      pendingChange: undefined,
      profileCode: String(existing?.raw('profileCode') ?? '').trim() || newProfileCode(),
    };
    let row: Row;
    let id: string;
    if (existing) {
      // Keep what the help desk manages: status "left" is not undone by a form, notes stay.
      const updated = table.update(existing, { ...changes, status: existing.row.status === 'left' ? 'left' : changes.status });
      row = updated.row;
      id = String(existing.row.id ?? '');
      ctx.report.updated.push(id);
      index(updated);
    } else {
      id = table.newId('T', 4);
      row = { ...changes, id, exchangeAgreement: 'none' };
      const [created] = table.append([row]);
      index(created);
      ctx.report.created.push(id);
    }
    if (reasons.length) ctx.report.review.push(id);
    const note = reasons.length ? `needs review (${reasons.length} reason${reasons.length === 1 ? '' : 's'} in the row's Review reason)` : 'from the profile form';
    ctx.log.push({ action: existing ? 'Trainer profile updated' : 'Trainer profile created', subject: id, details: note });
    if (email && !edited) {
      const profileLink = prefill ? prefill.url(profileAnswers(row)) : '';
      sendTemplated(ctx, email, 'ack.profile', parsed.language, { name: String(row.name ?? ''), profileLink }, id);
    }
  }
}

/** The waiting change is this response, or a later one: the sweep must not ask again. */
function notNewerThanPending(existing: TableRow, response: ResponseRow): boolean {
  const pending = readPending(existing.raw('pendingChange'));
  if (!pending) return false;
  if (pending.response === response.key) return true;
  const since = Date.parse(pending.submitted);
  return Number.isFinite(since) && since >= response.submitted.getTime();
}

/**
 * A change nobody has proven: the row keeps its answers, shows the waiting change (which
 * fields, and the response) for the help desk, and the address on file gets a link that
 * opens the form with the proposed answers and the trainer's code — submitting it confirms.
 */
function holdForConfirmation(ctx: Context, table: Table, existing: TableRow, proposed: Row, response: ResponseRow, prefill: PrefillTemplate | undefined, headerOf: (key: string) => string): TableRow[] {
  const id = String(existing.row.id ?? '');
  const fields = changedFields(existing.row, proposed, headerOf);
  const code = String(existing.raw('profileCode') ?? '').trim() || newProfileCode();
  const pending = writePending({ response: response.key, submitted: response.submitted.toISOString(), fields });
  const reviewReason = `profile change waiting for confirmation from the trainer (${fields.join(', ') || 'no answer changed'}): ${response.link}`;
  const held = table.update(existing, { pendingChange: pending, reviewReason, profileCode: code });
  ctx.report.review.push(id);
  ctx.log.push({ action: 'Profile change waiting for confirmation', subject: id, details: 'a profile response for this trainer came without their personal link; the address on file was asked to confirm' });
  const onFile = String(existing.row.email ?? '').trim();
  if (onFile) {
    const languages = Array.isArray(existing.row.languages) ? existing.row.languages : [];
    const confirmLink = prefill ? prefill.url(profileAnswers({ ...existing.row, ...proposed, email: onFile, profileCode: code })) : '';
    sendTemplated(ctx, onFile, 'profile.confirm', languages[0] ?? 'en', { name: String(existing.row.name ?? ''), confirmLink }, id);
  }
  return [held];
}

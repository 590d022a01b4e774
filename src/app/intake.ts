/**
 * Intake: every form response becomes exactly one registry row.
 *
 * One mechanism serves the trigger and the catch-up sweep. A response is identified by the
 * form's response id (see gas/response-identity.ts), never by its row, so sorting, filtering,
 * inserting or deleting rows in a "Responses: …" sheet changes nothing. A row whose timestamp
 * the registry already holds (same origin, same second, as many as the sheet has) is known and
 * skipped without a Forms call; the others get their response id: an id the registry lacks is
 * new; an id with an older "Received" is an edited response (updated, not acknowledged again).
 * All under the script lock.
 */
import { dateFormatter, exchangeText, readAgreements } from '../gas/exchange';
import { formSpec, type FormKind } from '../domain/forms';
import { isOrigin, parseProfile, parseRequest, type NamedValues, type Parsed, type RegistryLists } from '../domain/intake';
import { LANGUAGES, languageLabel } from '../domain/languages';
import {
  ORIGINS,
  REQUESTS,
  TRAINERS,
  type Origin,
  type RequestRow,
  type TrainerRow,
  type AgreementRow,
  type AnyRow,
  type RequestStatus,
} from '../domain/registry';
import type { Settings } from '../domain/settings';
import type { TemplateRow } from '../domain/templates';
import { formKindOf, openForm, PrefillTemplate, responseSheets } from '../gas/forms';
import { RegistryBusyError, withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog, logStructureOnce, type LogEntry } from '../gas/log';
import { StructureError } from '../gas/structure';
import { helpDeskAddress, helpDeskLanguage, Outbox, queueTemplated } from '../gas/mail';
import { derivedCode } from '../gas/secrets';
import { readLists, readSettings, readTemplates, validationLists } from '../gas/registry';
import { countBySecond, namedFromResponse, responseKeys, secondOf, typedAnswers, type SheetResponse } from '../gas/response-identity';
import { Table, type TableRow } from '../gas/table';
import { readPolicy } from '../domain/policy';
import { changedFields, grantRoles, readPending, writePending } from '../domain/profile-guard';
import { applyOfferAnswers, offerContext, phrasesIn, settleOffers } from './offers';
import { applyFeedbackAnswers } from './feedback';
import { normaliseEmail } from '../domain/text';
import { documentProperty, setDocumentProperty } from '../gas/properties';
import { randomCode } from '../gas/secrets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The rows of one read whose identity is asked for, resolved together (one Forms read). */
class ResponseIds {
  private keys: Map<SheetResponse, string> | undefined;
  private wanted: SheetResponse[] | undefined;
  /** The form response found for each row (to read what the respondent typed). */
  readonly responses = new Map<SheetResponse, GoogleAppsScript.Forms.FormResponse>();

  constructor(
    private readonly kind: FormKind,
    private readonly rows: SheetResponse[],
  ) {}

  /** A row whose key is known already (a form-bound trigger's response id): it never costs a Forms call. */
  resolved(row: SheetResponse, key: string): void {
    this.keys = new Map([...(this.keys ?? []), [row, key]]);
  }

  /** Narrows the rows to resolve (before any key is asked for): the others never cost a call. */
  only(rows: SheetResponse[]): void {
    if (!this.keys) this.wanted = rows;
  }

  keyOf(row: SheetResponse): string {
    if (!this.keys || !this.keys.has(row)) {
      const pending = (this.wanted ?? this.rows).filter((r) => !this.keys?.has(r));
      if (!pending.includes(row)) pending.push(row);
      // Offer answers are recognised by offer id and code; their key only names a rejected answer.
      const resolved = responseKeys(
        this.kind === 'offer-response' || this.kind === 'training-feedback' ? undefined : openForm(this.kind),
        pending,
        this.responses,
      );
      this.keys = new Map([...(this.keys ?? []), ...resolved]);
    }
    return this.keys.get(row)!;
  }
}

class ResponseRow implements SheetResponse {
  constructor(
    readonly rowNumber: number,
    readonly submitted: Date,
    readonly named: NamedValues,
    readonly link: string,
    readonly ids: ResponseIds,
    readonly legacyKey: string,
    /** Text questions whose cell Sheets turned into a number (or a boolean): the display may not be what was typed. */
    readonly converted: readonly string[] = [],
  ) {}

  /** The form's response id (stable across edits and row moves), resolved on first use. */
  get key(): string {
    return this.ids.keyOf(this);
  }

  /**
   * The answers as the respondent typed them: the row's, except where Sheets converted a text
   * answer ("0123" → 123), which is read from the form's own response. Costs Forms calls only
   * for such rows, once.
   */
  answers(): NamedValues {
    if (this.converted.length === 0 || this.exact) return this.exact ?? this.named;
    const response = this.key.startsWith('c:') ? undefined : this.ids.responses.get(this);
    this.exact = response ? { ...this.named, ...typedAnswers(response, this.named, this.converted) } : this.named;
    return this.exact;
  }

  private exact: NamedValues | undefined;
}

/** Titles of the text questions of a form whose answers are text as typed (numbers checked as numbers are not). */
function textTitles(kind: FormKind): Set<string> {
  if (kind === 'offer-response') return new Set();
  return new Set(
    formSpec(kind)
      .questions.filter((q) => (q.type === 'text' || q.type === 'paragraph') && q.validate !== 'number')
      .map((q) => q.title),
  );
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

/**
 * The installable form-submit trigger of each registry form (Set up installs one per form). Its
 * event carries the response itself: its id is the request's identity and its answers are read
 * as typed, so no form is opened and no responses sheet is read. Never throws: a failure is
 * logged and the hourly sweep, which reads the responses sheets, takes the response in.
 */
export function handleFormSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit | GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  // The spreadsheet's form-submit trigger of versions before form-bound triggers, until Set up
  // replaces it: the response is safe in its sheet and the hourly sweep takes it in.
  if (!('response' in e) || !e.response) return;
  const ss = activeSpreadsheet();
  const response = e.response;
  try {
    const formId = e.source.getId();
    const kind = formKindOf(formId);
    if (!kind) {
      logUnderLock(ss, { action: 'Form response ignored', subject: e.source.getTitle(), details: "this form is not one of this registry's forms" });
      return;
    }
    const row = responseRowOf(kind, formId, response);
    withScriptLock(() => processResponses(ss, kind, { rows: [row], ids: row.ids }));
  } catch (err) {
    if (err instanceof StructureError) {
      // The response is safe in its sheet; the sweep takes it once the registry is repaired.
      logStructureOnce(ss, err, 'Form response intake');
      return;
    }
    console.error(err);
    // Busy: another execution holds the lock and the hourly run takes the response in; no Log
    // line (it could not be written under the lock anyway). Any other failure is logged.
    if (err instanceof RegistryBusyError) return;
    logUnderLock(ss, {
      action: 'Form response failed',
      subject: `response ${response.getId()}`,
      details: `${String((err as Error).message ?? err)} — the hourly run processes it`,
    });
  }
}

/**
 * The trigger's response as a row: its own id, its timestamp, its answers as typed. Its link opens
 * that response in the form's Responses → Individual view (sorting a sheet cannot break it).
 */
function responseRowOf(kind: FormKind, formId: string, response: GoogleAppsScript.Forms.FormResponse): ResponseRow {
  const optional = formSpec(kind)
    .questions.filter((q) => q.type !== 'text' && q.type !== 'paragraph')
    .map((q) => q.title);
  const id = response.getId();
  const ids = new ResponseIds(kind, []);
  const row = new ResponseRow(
    0,
    new Date(response.getTimestamp().getTime()),
    namedFromResponse(response, optional),
    `https://docs.google.com/forms/d/${formId}/edit#response=${encodeURIComponent(id)}`,
    ids,
    '',
  );
  ids.resolved(row, id);
  return row;
}

/** One Log line written under the script lock; best effort (the response itself is safe in its sheet). */
function logUnderLock(ss: Spreadsheet, entry: LogEntry): void {
  try {
    withScriptLock(() => appendLog(ss, [entry]), 10000);
  } catch (err) {
    console.warn(`Not logged (${String((err as Error).message ?? err)}): ${entry.action} ${entry.subject}`);
  }
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
    const r = processResponses(ss, kind, { sheet }, left);
    total.created.push(...r.created);
    total.updated.push(...r.updated);
    total.duplicates += r.duplicates;
    total.review.push(...r.review);
    total.more ||= r.more;
  }
  // Recovery: the follow-up of requests a crashed execution wrote but did not acknowledge.
  finishUnacknowledged(ss);
  return total;
}

/** Every response row of a responses sheet (the sweep). */
function readResponseRows(ss: Spreadsheet, kind: FormKind, sheet: Sheet): { rows: ResponseRow[]; ids: ResponseIds } {
  const rows: ResponseRow[] = [];
  const ids = new ResponseIds(kind, rows);
  const lastRow = sheet.getLastRow();
  const width = sheet.getLastColumn();
  if (lastRow < 2 || width === 0) return { rows, ids };
  const headers = sheet.getRange(1, 1, 1, width).getDisplayValues()[0];
  const first = 2;
  const range = sheet.getRange(first, 1, lastRow - 1, width);
  const values = range.getValues();
  const display = range.getDisplayValues();
  const texts = textTitles(kind);
  const sheetId = sheet.getSheetId();
  const url = ss.getUrl();
  for (let i = 0; i < values.length; i++) {
    const rowNumber = first + i;
    const submitted = values[i][0];
    // Rows without a timestamp are not responses (empty rows a person inserted, notes).
    if (!(submitted instanceof Date)) continue;
    const named: NamedValues = {};
    headers.forEach((h, c) => (named[h] = [display[i][c]]));
    const converted = headers.filter((h, c) => c > 0 && texts.has(h) && (typeof values[i][c] === 'number' || typeof values[i][c] === 'boolean'));
    rows.push(new ResponseRow(rowNumber, submitted, named, `${url}#gid=${sheetId}&range=A${rowNumber}`, ids, `${sheetId}:${rowNumber}`, converted));
  }
  return { rows, ids };
}

interface Context {
  ss: Spreadsheet;
  settings: Settings;
  lists: RegistryLists;
  templates: TemplateRow[];
  log: LogEntry[];
  report: IntakeReport;
  outbox: Outbox;
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

/** Where the responses come from: a whole responses sheet (the sweep), or the trigger's own response. */
type ResponseSource = { sheet: Sheet } | { rows: ResponseRow[]; ids: ResponseIds };

function processResponses(ss: Spreadsheet, kind: FormKind, source: ResponseSource, limit = Infinity): IntakeReport {
  const whole = 'sheet' in source;
  const { rows: responses, ids } = 'sheet' in source ? readResponseRows(ss, kind, source.sheet) : source;
  const settings = readSettings(ss);
  const log: LogEntry[] = [];
  const ctx: Context = {
    ss,
    settings,
    lists: readLists(ss, settings),
    templates: readTemplates(ss),
    log,
    report: emptyReport(),
    outbox: new Outbox(ss, settings, log),
    limit,
    sweep: whole,
  };
  if (responses.length) {
    if (kind === 'offer-response') {
      const offers = offerContext(ss, settings, readPolicy(settings), ctx.templates, validationLists(ctx.lists));
      applyOfferAnswers(offers, responses);
      settleOffers(offers);
      ctx.log.push(...offers.log);
    } else if (kind === 'training-feedback') {
      applyFeedbackAnswers(ss, responses, ctx.log);
    } else if (isOrigin(kind)) {
      if ('sheet' in source) {
        sweep(source.sheet, responses, (through) => {
          intakeRequests(ctx, kind, responses, ids, true, through);
          return !ctx.report.more;
        });
      } else intakeRequests(ctx, kind, responses, ids, false, 0);
    } else if ('sheet' in source) {
      sweep(source.sheet, responses, (through) => {
        const fresh = responses.filter((r) => r.submitted.getTime() > through);
        ids.only(fresh);
        intakeProfiles(ctx, fresh);
        return !ctx.report.more;
      });
    } else intakeProfiles(ctx, responses);
  }
  ctx.outbox.flush();
  // A trigger delivered again is worth one line; the sweep meets every known response each hour and says nothing.
  if (!whole && ctx.report.duplicates && kind !== 'offer-response' && kind !== 'training-feedback')
    ctx.log.push({
      action: 'Duplicate form response ignored',
      subject: `${formSpec(kind).title}: response ${responses.map((r) => r.key).join(', ')}`,
      details: 'this response was already processed',
    });
  appendLog(ss, ctx.log);
  return ctx.report;
}

function sameOrOlder(stored: unknown, submitted: Date): boolean {
  return stored instanceof Date && stored.getTime() >= submitted.getTime();
}

function statusFor(parsed: Parsed): { status: RequestStatus; reviewReason: string | undefined } {
  return parsed.reasons.length ? { status: 'needs review', reviewReason: parsed.reasons.join('; ') } : { status: 'new', reviewReason: undefined };
}

/**
 * The rows the registry does not hold in their current version. A second of this origin with as
 * many registry rows as sheet rows is known (sorting, filtering and deleting rows cannot change
 * that); only the other rows are looked up in the form (see ResponseIds).
 */
function unknownRows(table: Table<RequestRow>, origin: Origin, responses: ResponseRow[], wholeSheet: boolean, through: number): ResponseRow[] {
  // Counting needs every row of the sheet: a trigger reads only its own row, and looks it up.
  if (!wholeSheet) return responses;
  const received: Date[] = [];
  for (const r of table.rows()) {
    const at = lastAnswered(r);
    if (at instanceof Date && r.text('origin') === origin) received.push(at);
  }
  const known = countBySecond(received);
  const inSheet = countBySecond(responses.map((r) => r.submitted));
  return responses.filter((r) => r.submitted.getTime() > through && (inSheet.get(secondOf(r.submitted)) ?? 0) > (known.get(secondOf(r.submitted)) ?? 0));
}

/** When the request's response was last submitted: its Edited time after an edit, else Received (the sheet row's timestamp). */
function lastAnswered(r: TableRow<RequestRow>): unknown {
  const edited = r.raw('edited');
  return edited instanceof Date ? edited : r.raw('received');
}

const THROUGH = (sheetId: number): string => `intake.through.${sheetId}`;

/**
 * The sweep, with a high-water mark per responses sheet: every response up to the newest one a
 * completed sweep has seen is in the registry, or was deliberately removed from it. So a
 * Requests or Trainers sheet re-created empty by Set up (or a row deleted by hand) never makes
 * old responses come back and be acknowledged again; an edit has a new timestamp and is taken.
 */
function sweep(sheet: Sheet, responses: ResponseRow[], work: (through: number) => boolean): void {
  const key = THROUGH(sheet.getSheetId());
  const through = Number(documentProperty(key) ?? 0) || 0;
  // Only a sweep that took in everything moves the mark (a bounded one leaves the rest for the next step).
  if (!work(through)) return;
  const newest = Math.max(0, ...responses.map((r) => r.submitted.getTime()));
  if (newest > through) setDocumentProperty(key, String(newest));
}

/**
 * Requests of this origin without a Response key, each paired with the one response row of
 * the same second (only where both are alone in that second: never a guess).
 */
function keylessPairs(table: Table<RequestRow>, origin: Origin, responses: ResponseRow[]): { request: TableRow<RequestRow>; response: ResponseRow }[] {
  const keyless = new Map<number, TableRow<RequestRow>[]>();
  for (const r of table.rows()) {
    const at = r.raw('received');
    if (at instanceof Date && !r.text('responseKey') && r.text('origin') === origin) keyless.set(secondOf(at), [...(keyless.get(secondOf(at)) ?? []), r]);
  }
  if (keyless.size === 0) return [];
  const inSheet = new Map<number, ResponseRow[]>();
  for (const r of responses) inSheet.set(secondOf(r.submitted), [...(inSheet.get(secondOf(r.submitted)) ?? []), r]);
  const pairs: { request: TableRow<RequestRow>; response: ResponseRow }[] = [];
  for (const [second, requests] of keyless) {
    const rows = inSheet.get(second) ?? [];
    if (requests.length === 1 && rows.length === 1) pairs.push({ request: requests[0], response: rows[0] });
  }
  return pairs;
}

/** Keys written by versions before response ids ("sheetId:row"): matched by their row once, then replaced. */
const LEGACY_KEY = /^\d+:\d+$/;

function intakeRequests(ctx: Context, origin: Origin, responses: ResponseRow[], ids: ResponseIds, wholeSheet: boolean, through: number): void {
  const table = Table.open(ctx.ss, REQUESTS, validationLists(ctx.lists));
  const candidates = unknownRows(table, origin, responses, wholeSheet, through);
  ctx.report.duplicates += responses.length - candidates.length;
  const lost = wholeSheet ? keylessPairs(table, origin, responses) : [];
  if (candidates.length === 0 && lost.length === 0) return;
  ids.only([...candidates, ...lost.map((p) => p.response)]);
  // Requests whose Response key was lost (the column deleted, then restored empty by Set up) get it back.
  for (const { request, response } of lost) table.update(request, { responseKey: response.key });
  if (candidates.length === 0) return;
  // The sweep has read the whole sheet already; a trigger reads the Response key column alone and
  // then only the row it needs (a submission costs the same against 10 or 10,000 requests).
  const rowOfKey = new Map<string, number>();
  for (const c of table.column('responseKey')) if (String(c.value)) rowOfKey.set(String(c.value), c.rowNumber);
  const byKey = new Map<string, TableRow<RequestRow>>();
  const lookUp = (key: string): TableRow<RequestRow> | undefined => {
    if (!byKey.has(key) && rowOfKey.has(key)) {
      const found = table.rowAt(rowOfKey.get(key)!);
      if (found) byKey.set(key, found);
    }
    return byKey.get(key);
  };
  const fresh: { row: RequestRow; parsed: Parsed }[] = [];
  for (const response of candidates) {
    const legacy = lookUp(response.legacyKey);
    const existing = lookUp(response.key) ?? (legacy && LEGACY_KEY.test(legacy.text('responseKey')) && legacy.text('origin') === origin ? legacy : undefined);
    if (existing && sameOrOlder(lastAnswered(existing), response.submitted)) {
      // The same response delivered again (a retried trigger): nothing to do, nothing to log.
      ctx.report.duplicates++;
      continue;
    }
    if (fresh.some((f) => f.row.responseKey === response.key)) {
      ctx.report.duplicates++;
      continue;
    }
    if (fresh.length + ctx.report.updated.length >= ctx.limit) {
      ctx.report.more = true;
      break;
    }
    const parsed = parseRequest(origin, response.answers(), ctx.lists);
    const { status, reviewReason } = statusFor(parsed);
    if (existing) {
      // An edited response: new answers, same request. Its place in the workflow is kept.
      const keepStatus = existing.row.status && existing.row.status !== 'new' && existing.row.status !== 'needs review';
      // Only what this form asks: a column it does not ask about (Terms of a client request) keeps what the help desk typed.
      const asked = new Set(formSpec(origin).questions.map((q) => q.key));
      const answers = Object.fromEntries(Object.entries(parsed.row).filter(([k, v]) => v !== undefined || asked.has(k)));
      // Received stays when the request first came in; Edited says when it was last changed by its respondent.
      const updated = table.update(existing, {
        ...answers,
        edited: response.submitted,
        status: keepStatus ? existing.row.status : status,
        reviewReason,
        responseKey: response.key,
        response: response.link,
      });
      byKey.set(response.key, updated);
      ctx.report.updated.push(existing.row.id ?? '');
      ctx.log.push({
        action: 'Request updated from edited response',
        subject: existing.row.id ?? '',
        details: reviewReason ? reviewNote(parsed) : 'answers updated',
      });
      continue;
    }
    const id = table.newId('R');
    const row: RequestRow = { ...parsed.row, id, received: response.submitted, status, reviewReason, response: response.link, responseKey: response.key };
    fresh.push({ row, parsed });
  }
  if (fresh.length === 0) return;
  const added = table.append(fresh.map((f) => f.row));
  for (const { row, parsed } of fresh) {
    const id = row.id ?? '';
    ctx.report.created.push(id);
    if (parsed.reasons.length) ctx.report.review.push(id);
    ctx.log.push({ action: 'Request received', subject: id, details: `${origin}; ${parsed.reasons.length ? reviewNote(parsed) : row.status}` });
  }
  acknowledgeRequests(ctx, table, added);
}

/** Recovery: queues and sends the follow-up of requests a crashed execution left unacknowledged. */
function finishUnacknowledged(ss: Spreadsheet): void {
  const settings = readSettings(ss);
  const log: LogEntry[] = [];
  const ctx: Context = {
    ss,
    settings,
    lists: readLists(ss, settings),
    templates: readTemplates(ss),
    log,
    report: emptyReport(),
    outbox: new Outbox(ss, settings, log),
    limit: Infinity,
    sweep: true,
  };
  acknowledgeRequests(ctx, Table.open(ss, REQUESTS, validationLists(ctx.lists)));
  ctx.outbox.flush();
  appendLog(ss, ctx.log);
}

/** A row's language code when the registry knows it (a row needing review may hold what was typed), else English. */
function knownLanguage(value: unknown): string {
  return typeof value === 'string' && LANGUAGES.some((l) => l.code === value) ? value : 'en';
}

/** The Outbox key of an email about a request: its id and when it was received (ids start again if Requests is re-created). */
function requestKey(what: string, r: TableRow<RequestRow>): string {
  const received = r.raw('received');
  return `${what}:${r.text('id')}:${received instanceof Date ? received.getTime() : ''}`;
}

/** Requests older than this are never acknowledged late (rows from before Acknowledged meant "queued"). */
const LATE_ACK_WINDOW_MS = 7 * 86400000;

/**
 * The follow-up of a new request, exactly once: the acknowledgement to the requester (when they
 * gave one valid address) and the help desk's notice are queued under the request's keys, then
 * Acknowledged is set. A crash before that leaves Acknowledged empty, and the next run (this
 * one with `only` undefined: every recent request) queues what is missing — keys never twice.
 */
export function acknowledgeRequests(ctx: Context, table: Table<RequestRow>, only?: TableRow<RequestRow>[]): void {
  const since = Date.now() - LATE_ACK_WINDOW_MS;
  const todo = (only ?? table.rows()).filter((r) => {
    if (r.raw('acknowledged') instanceof Date || !r.raw('id')) return false;
    if (only) return true;
    const received = r.raw('received');
    return received instanceof Date && received.getTime() >= since;
  });
  if (todo.length === 0) return;
  const notify = ctx.settings.flag('notify.newRequests');
  const helpdesk = notify ? helpDeskAddress(ctx.settings) : '';
  for (const r of todo) {
    const row = r.row;
    const id = row.id ?? '';
    const origin = row.origin ?? '';
    const replyTo = normaliseEmail(typeof row.email === 'string' ? row.email : '');
    const spec = (ORIGINS as readonly string[]).includes(origin) ? formSpec(origin as Origin) : undefined;
    if (replyTo.ok && spec) {
      queueTemplated(
        ctx,
        replyTo.email,
        'ack.request',
        knownLanguage(row.language),
        { name: row.requester ?? '', requestId: id, formTitle: spec.title },
        id,
        requestKey('ack', r),
      );
    }
    if (helpdesk) {
      const say = phrasesIn(ctx, helpDeskLanguage(ctx.settings));
      const reasons = row.reviewReason ? `${say.say('label.needsReview')} ${row.reviewReason}\n` : '';
      queueTemplated(
        ctx,
        helpdesk,
        'helpdesk.new',
        say.language,
        { requestId: id, origin, status: row.status ?? '', reasons, registryUrl: ctx.ss.getUrl() },
        id,
        requestKey('new', r),
      );
    }
  }
  ctx.outbox.commit();
  const now = new Date();
  for (const r of todo) {
    // Rows just appended are current; a sweep's rows are looked up again (an edit may have replaced them).
    const current = only ? r : table.rows().find((x) => x.rowNumber === r.rowNumber);
    if (current) table.update(current, { acknowledged: now });
  }
}

/** The Log is seen by more people than the registry: it names the problem, never what was typed. */
function reviewNote(parsed: Parsed): string {
  return `needs review (${parsed.reasons.length} reason${parsed.reasons.length === 1 ? '' : 's'} in the row's Review reason)`;
}

/** The answers a trainer row gives to the profile form, by question title (for prefilled links). */
export function profileAnswers(row: TrainerRow): Record<string, string | string[] | undefined> {
  const spec = formSpec('trainer-profile');
  const out: Record<string, string | string[] | undefined> = {};
  const byKey: AnyRow = row;
  for (const q of spec.questions) {
    const v = byKey[q.key];
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
  return randomCode(20);
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
  const byEmail = new Map<string, TableRow<TrainerRow>>();
  const byResponse = new Map<string, TableRow<TrainerRow>>();
  const byCode = new Map<string, TableRow<TrainerRow>>();
  const index = (r: TableRow<TrainerRow>): void => {
    const email = r.text('email').trim().toLowerCase();
    if (email) byEmail.set(email, r);
    const key = r.text('profileResponse');
    if (key) byResponse.set(key, r);
    const code = r.text('profileCode').trim();
    if (code) byCode.set(code, r);
  };
  table.rows().forEach(index);
  // Read from Forms only when a profile needs a link (not on a sweep that finds nothing).
  let prefill: PrefillTemplate | undefined | null = null;
  const prefillOnce = (): PrefillTemplate | undefined => {
    if (prefill === null) {
      const form = openForm('trainer-profile');
      prefill = form ? PrefillTemplate.of(form) : undefined;
    }
    return prefill;
  };
  const codeTitle = formSpec('trainer-profile').questions.find((q) => q.key === 'profileCode')!.title;
  // The Agreements, read when a profile is first applied: its roles decide whether one is needed.
  let agreements: AgreementRow[] | undefined;
  const exchangeOf = (row: TrainerRow): string => exchangeText(row, (agreements ??= readAgreements(ctx.ss)), new Date(), dateFormatter(ctx.ss));
  const headerOf = (key: string): string => TRAINERS.columns.find((c) => c.key === key)?.header ?? key;
  for (const response of responses) {
    const parsed = parseProfile(response.answers(), ctx.lists);
    const email = parsed.replyTo;
    const code = String(response.answers()[codeTitle]?.[0] ?? '').trim();
    const byItsCode = code ? byCode.get(code) : undefined;
    const existing = byItsCode || (email && byEmail.get(email)) || byResponse.get(response.key);
    // Already processed (the sweep reads every response again), or older than the change waiting: nothing to do.
    if (existing && (sameOrOlder(existing.raw('updated'), response.submitted) || notNewerThanPending(existing, response))) {
      ctx.report.duplicates++;
      continue;
    }
    if (!hasRoom(ctx)) break;
    const edited = !!existing && existing.row.profileResponse === response.key;
    if (existing && !edited && !byItsCode) {
      holdForConfirmation(ctx, table, existing, parsed.row, response, prefillOnce(), headerOf).forEach(index);
      continue;
    }
    const { roles, waiting } = grantRoles(parsed.row.roles, existing?.row.roles);
    const reasons = [...parsed.reasons, rolesNote(waiting)].filter((r): r is string => !!r);
    const changes: TrainerRow = {
      ...parsed.row,
      roles,
      rolesClaimed: waiting.length ? waiting : undefined,
      reviewReason: reasons.length ? reasons.join('; ') : undefined,
      updated: response.submitted,
      profileResponse: response.key,
      pendingChange: undefined,
      profileCode: existing?.text('profileCode').trim() || derivedCode(`profile:${response.key}`),
    };
    // Keep what the help desk manages: status "left" is not undone by a form, notes stay.
    const id = existing ? (existing.row.id ?? '') : table.newId('T', 4);
    const row: TrainerRow = existing ? { ...existing.row, ...changes, status: existing.row.status === 'left' ? 'left' : changes.status } : { ...changes, id };
    row.exchangeAgreement = exchangeOf(row);
    // The confirmation is in the Outbox before the row says this response was taken in: a crash
    // between the two leaves the response unknown, and the retry queues the same key (nothing twice).
    if (email && !edited) {
      const template = prefillOnce();
      const profileLink = template ? template.url(profileAnswers(row)) : '';
      queueTemplated(
        ctx,
        email,
        'ack.profile',
        parsed.language,
        { name: row.name ?? '', profileLink },
        id,
        `profile:${response.key}@${response.submitted.getTime()}`,
      );
      ctx.outbox.commit();
    }
    if (existing) {
      index(table.update(existing, { ...changes, status: row.status, exchangeAgreement: row.exchangeAgreement }));
      ctx.report.updated.push(id);
    } else {
      index(table.append([row])[0]);
      ctx.report.created.push(id);
    }
    if (reasons.length) ctx.report.review.push(id);
    const note = reasons.length
      ? `needs review (${reasons.length} reason${reasons.length === 1 ? '' : 's'} in the row's Review reason)`
      : 'from the profile form';
    ctx.log.push({ action: existing ? 'Trainer profile updated' : 'Trainer profile created', subject: id, details: note });
  }
}

/** The waiting change is this response, or a later one: the sweep must not ask again. */
function notNewerThanPending(existing: TableRow<TrainerRow>, response: ResponseRow): boolean {
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
function holdForConfirmation(
  ctx: Context,
  table: Table<TrainerRow>,
  existing: TableRow<TrainerRow>,
  proposed: TrainerRow,
  response: ResponseRow,
  prefill: PrefillTemplate | undefined,
  headerOf: (key: string) => string,
): TableRow<TrainerRow>[] {
  const id = existing.row.id ?? '';
  const fields = changedFields(existing.row, proposed, headerOf);
  const code = existing.text('profileCode').trim() || derivedCode(`profile:${response.key}`);
  const pending = writePending({ response: response.key, submitted: response.submitted.toISOString(), fields });
  const reviewReason = `profile change waiting for confirmation from the trainer (${fields.join(', ') || 'no answer changed'}): ${response.link}`;
  // The request to confirm is in the Outbox before the row shows the change waiting (see intakeProfiles).
  const onFile = (existing.row.email ?? '').trim();
  if (onFile) {
    const languages = Array.isArray(existing.row.languages) ? existing.row.languages : [];
    const confirmLink = prefill ? prefill.url(profileAnswers({ ...existing.row, ...proposed, email: onFile, profileCode: code })) : '';
    queueTemplated(
      ctx,
      onFile,
      'profile.confirm',
      languages[0] ?? 'en',
      { name: existing.row.name ?? '', confirmLink },
      id,
      `profile.confirm:${response.key}@${response.submitted.getTime()}`,
    );
    ctx.outbox.commit();
  }
  const held = table.update(existing, { pendingChange: pending, reviewReason, profileCode: code });
  ctx.report.review.push(id);
  ctx.log.push({
    action: 'Profile change waiting for confirmation',
    subject: id,
    details: 'a profile response for this trainer came without their personal link; the address on file was asked to confirm',
  });
  return [held];
}

/**
 * Offers: the fairness ledger and the conversation with trainers. An offer email carries
 * accept and decline links — the "Answer a training offer" form prefilled with the offer id
 * and a random code. Answers arrive as form responses: a wrong code is rejected and logged;
 * for a request needing one trainer the first acceptance wins and later acceptors are thanked;
 * a decline or an expiry proposes the next candidate. Accepting (or Connect) introduces the
 * requester and the trainer.
 */
import { OFFER_RESPONSE } from '../domain/forms';
import { readAnswers, type NamedValues } from '../domain/intake';
import { languageLabel } from '../domain/languages';
import type { OfferAnswer, OffsetOf, RankedCandidate } from '../domain/matching-types';
import { buildOfferIndex, matchTrainers, type OfferIndex } from '../domain/matching';
import type { Policy } from '../domain/policy';
import type { Row } from '../domain/rows';
import type { Settings } from '../domain/settings';
import type { TemplateRow } from '../domain/templates';
import { normaliseEmail } from '../domain/text';
import { offsetFinder } from '../domain/timezone';
import { openForm, PrefillTemplate, requireForm } from '../gas/forms';
import type { LogEntry } from '../gas/log';
import { sendTemplated } from '../gas/mail';
import { loadForMatching, toMatchRequest, type RegistryForMatching } from '../gas/matching-data';
import type { TableRow } from '../gas/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
const DAY = 86400000;

export interface OfferContext {
  ss: Spreadsheet;
  settings: Settings;
  policy: Policy;
  templates: TemplateRow[];
  lists: Record<string, string[]>;
  reg: RegistryForMatching;
  now: Date;
  log: LogEntry[];
  messages: string[];
  /** Time-zone offsets, computed once per zone for the whole execution. */
  offsetOf: OffsetOf;
  /** The ledger indexed for matching; dropped whenever an offer is made or answered. */
  index?: OfferIndex;
  /** The offer form's prefilled-link template, read from Forms once per action (see offerPrefill). */
  prefill?: PrefillTemplate;
}

/** The offer form's prefill template, built on first use and kept for the rest of the action. */
export function offerPrefill(ctx: OfferContext): PrefillTemplate {
  return (ctx.prefill ??= PrefillTemplate.of(requireForm('offer-response')));
}

export function offerContext(ss: Spreadsheet, settings: Settings, policy: Policy, templates: TemplateRow[], lists: Record<string, string[]>): OfferContext {
  const now = new Date();
  return { ss, settings, policy, templates, lists, reg: loadForMatching(ss, lists, now), now, log: [], messages: [], offsetOf: offsetFinder(now) };
}

/** The Offers ledger as matching reads it, built once and again only after it changed. */
export function ledgerIndex(ctx: OfferContext): OfferIndex {
  return (ctx.index ??= buildOfferIndex(ctx.reg.offerRecords));
}

/** Adds offers (one write) to the Offers sheet and to the ledger this execution matches against. */
export function addToLedger(ctx: OfferContext, rows: Row[]): void {
  ctx.reg.offers.append(rows);
  for (const r of rows) ctx.reg.offerRecords.push({ requestId: String(r.request), trainerId: String(r.trainer), offeredAt: ctx.now, answer: r.answer as OfferAnswer, answeredAt: r.answeredAt as Date | undefined });
  ctx.index = undefined;
}

/** Records an answer to an offer: in the Offers sheet and in the ledger this execution matches against. */
function recordAnswer(ctx: OfferContext, offer: TableRow, answer: OfferAnswer): void {
  ctx.reg.offers.update(offer, { answer, answeredAt: ctx.now });
  const rec = ctx.reg.offerRecords.find((o) => o.requestId === String(offer.raw('request')) && o.trainerId === String(offer.raw('trainer')) && o.answer === 'pending');
  if (rec) {
    rec.answer = answer;
    rec.answeredAt = ctx.now;
  }
  ctx.index = undefined;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** What a trainer needs to decide: no requester email, budget or details. */
export function offerSummary(row: Row): string {
  const lines = [
    ['Request', str(row.id)],
    ['For', str(row.organisation)],
    ['Language', row.language ? languageLabel(String(row.language)) : ''],
    ['Topics', str(row.skills)],
    ['Format', [str(row.format), str(row.location)].filter(Boolean).join(', ')],
    ['Dates', str(row.dates)],
    ['Group size', str(row.groupSize)],
  ];
  return lines.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join('\n');
}

/** The reasons of a ranked candidate in one line, for the Offers ledger, the Log and the email. */
export function reasonsText(c: RankedCandidate): string {
  return c.breakdown.map((b) => `${b.criterion} ${b.points.toFixed(1)}: ${b.reason}`).join('; ');
}

/** The offer email's two links: the answer form prefilled with the offer, its code, and the answer. */
function answerLinks(prefill: PrefillTemplate, id: unknown, token: unknown): { acceptLink: string; declineLink: string } {
  const [offer, code, answer] = OFFER_RESPONSE.questions.map((q) => q.title);
  const link = (a: string) => prefill.url({ [offer]: String(id), [code]: String(token), [answer]: a });
  return { acceptLink: link('accept'), declineLink: link('decline') };
}

function trainerRow(ctx: OfferContext, id: string): TableRow | undefined {
  return ctx.reg.trainerById.get(id);
}

function requestRow(ctx: OfferContext, id: string): TableRow | undefined {
  return ctx.reg.requests.rows().find((r) => String(r.raw('id')) === id);
}

function offersFor(ctx: OfferContext, requestId: string): TableRow[] {
  return ctx.reg.offers.rows().filter((r) => String(r.raw('request')) === requestId);
}

function validEmail(v: unknown): string | undefined {
  const e = normaliseEmail(String(v ?? ''));
  return e.ok ? e.email : undefined;
}

/** Ranks trainers for a request against the current ledger. */
export function rank(ctx: OfferContext, request: Row) {
  return matchTrainers(toMatchRequest(request), ctx.reg.candidates, ledgerIndex(ctx), ctx.policy, ctx.now, ctx.offsetOf);
}

/** Offers a request to trainers (ranked candidates only), in one write to Offers; emails each. */
export function sendOffers(ctx: OfferContext, request: TableRow, picks: RankedCandidate[]): string[] {
  const requestId = String(request.row.id);
  const prefill = offerPrefill(ctx);
  const rows: Row[] = picks.map((c) => {
    const id = ctx.reg.offers.newId('O');
    return { id, request: requestId, trainer: c.trainerId, score: c.score, reasons: reasonsText(c), offeredAt: ctx.now, answer: 'pending', token: Utilities.getUuid() };
  });
  addToLedger(ctx, rows);
  const answerBy = new Date(ctx.now.getTime() + ctx.settings.number('offers.expireAfterDays') * DAY).toISOString().slice(0, 10);
  picks.forEach((c, i) => {
    const offer = rows[i];
    const trainer = trainerRow(ctx, c.trainerId);
    const to = trainer && validEmail(trainer.row.email);
    ctx.log.push({ action: 'Offer sent', subject: String(offer.id), details: `${requestId} → ${c.trainerId} ${c.name} (score ${c.score}): ${String(offer.reasons)}` });
    if (!to) {
      ctx.messages.push(`${c.name} has no valid email: offer ${String(offer.id)} recorded but not sent.`);
      return;
    }
    const languages = Array.isArray(trainer.row.languages) ? trainer.row.languages : [];
    sendTemplated(ctx, to, 'offer', languages[0] ?? 'en', { name: String(trainer.row.name ?? ''), requestId, summary: offerSummary(request.row), reasons: reasonsText(c), ...answerLinks(prefill, offer.id, offer.token), answerBy }, String(offer.id));
  });
  if (['new', 'needs review', 'proposed'].includes(String(request.row.status))) ctx.reg.requests.update(request, { status: 'offered' });
  return rows.map((r) => String(r.id));
}

/** Introduces requester and trainer (or mentor), or tells Learner Admin; records the request as connected. */
export function connect(ctx: OfferContext, request: TableRow, trainer: TableRow): void {
  const r = request.row;
  const t = trainer.row;
  const requestId = String(r.id);
  const values = {
    requestId, summary: `${offerSummary(r)}${r.details ? `\nDetails: ${String(r.details)}` : ''}`,
    clientName: String(r.requester ?? r.organisation ?? ''), clientEmail: validEmail(r.email) ?? '',
    // For a trainer-initiated training the "trainer" introduced is the mentor.
    trainerName: String(t.name ?? ''), trainerEmail: validEmail(t.email) ?? '',
  };
  const language = String(r.language ?? 'en');
  const both = [validEmail(r.email), validEmail(t.email)].filter(Boolean).join(',');
  let status = 'connected';
  if (r.origin === 'sofa-standard') {
    const learnerAdmin = validEmail(ctx.settings.text('learnerAdmin.email')) ?? validEmail(r.email);
    if (learnerAdmin) sendTemplated(ctx, learnerAdmin, 'learnerAdmin.standard', 'en', values, requestId);
    else ctx.messages.push('Set learnerAdmin.email in Settings: Learner Admin was not told.');
    if (values.trainerEmail) sendTemplated(ctx, values.trainerEmail, 'offer.confirmed', 'en', { name: values.trainerName, requestId, summary: values.summary, nextStep: 'Learner Admin has the details and will set up the registration.' }, requestId);
    status = 'scheduled';
  } else if (r.origin === 'trainer-initiated') {
    if (both) sendTemplated(ctx, both, 'mentor.assigned', language, values, requestId);
  } else if (both) {
    sendTemplated(ctx, both, 'intro', language, values, requestId);
  }
  const assigned = [String(r.assigned ?? ''), `${String(t.name)} (${String(t.id)})`].filter(Boolean).join(', ');
  ctx.reg.requests.update(request, { status, assigned });
  ctx.log.push({ action: r.origin === 'trainer-initiated' ? 'Mentor assigned' : 'Connected', subject: requestId, details: `${String(t.id)} ${String(t.name)}` });
}

/** Accepts an offer: first acceptances up to the number needed win; the rest are thanked. */
function accept(ctx: OfferContext, offer: TableRow): void {
  const requestId = String(offer.raw('request'));
  const request = requestRow(ctx, requestId);
  const trainer = trainerRow(ctx, String(offer.raw('trainer')));
  if (!request || !trainer) {
    ctx.log.push({ action: 'Offer answer not applied', subject: String(offer.raw('id')), details: 'its request or trainer is no longer in the registry' });
    return;
  }
  const needed = typeof request.row.trainersNeeded === 'number' && request.row.trainersNeeded > 0 ? request.row.trainersNeeded : 1;
  const accepted = offersFor(ctx, requestId).filter((o) => o.raw('answer') === 'accepted').length;
  if (accepted >= needed) {
    thankAndWithdraw(ctx, offer, requestId);
    return;
  }
  recordAnswer(ctx, offer, 'accepted');
  ctx.log.push({ action: 'Offer accepted', subject: String(offer.raw('id')), details: `${requestId} ← ${String(trainer.row.id)} ${String(trainer.row.name)}` });
  connect(ctx, request, trainer);
  if (accepted + 1 >= needed) {
    for (const other of offersFor(ctx, requestId)) if (other.raw('answer') === 'pending') thankAndWithdraw(ctx, other, requestId);
  }
}

function thankAndWithdraw(ctx: OfferContext, offer: TableRow, requestId: string): void {
  recordAnswer(ctx, offer, 'withdrawn');
  const trainer = trainerRow(ctx, String(offer.raw('trainer')));
  const to = trainer && validEmail(trainer.row.email);
  if (to) sendTemplated(ctx, to, 'offer.taken', 'en', { name: String(trainer.row.name ?? ''), requestId }, String(offer.raw('id')));
  ctx.log.push({ action: 'Offer withdrawn', subject: String(offer.raw('id')), details: `${requestId} was taken by another trainer` });
}

/** Declined or expired: record it, then offer or propose the next candidate. */
function decline(ctx: OfferContext, offer: TableRow, answer: 'declined' | 'expired'): void {
  recordAnswer(ctx, offer, answer);
  const requestId = String(offer.raw('request'));
  const trainer = trainerRow(ctx, String(offer.raw('trainer')));
  const trainerName = String(trainer?.row.name ?? offer.raw('trainer'));
  ctx.log.push({ action: answer === 'declined' ? 'Offer declined' : 'Offer expired', subject: String(offer.raw('id')), details: `${requestId}: ${trainerName}` });
  const request = requestRow(ctx, requestId);
  if (!request) return;
  const open = offersFor(ctx, requestId).some((o) => o.raw('answer') === 'pending' || o.raw('answer') === 'accepted');
  if (open) return;
  const next = rank(ctx, request.row).ranked[0];
  const what = answer === 'declined' ? 'declined' : 'did not answer';
  let nextText: string;
  if (!next) nextText = 'Nobody else fits this request: open the proposal sidebar to see why not.';
  else if (ctx.settings.flag('offers.autoOfferNext')) {
    sendOffers(ctx, request, [next]);
    nextText = `Offered to the next candidate: ${next.name} (score ${next.score}).`;
  } else {
    ctx.reg.requests.update(request, { status: 'proposed', proposed: `${next.name} (${next.score})` });
    nextText = `Next candidate proposed: ${next.name} (score ${next.score}). Use Propose trainers on the request to offer it.`;
  }
  const to = ctx.settings.text('helpdesk.email') || Session.getEffectiveUser().getEmail();
  sendTemplated(ctx, to, 'helpdesk.next', 'en', { requestId, trainerName, what, next: nextText, registryUrl: ctx.ss.getUrl() }, requestId);
}

export interface AnswerRow {
  key: string;
  submitted: Date;
  named: NamedValues;
}

const REJECTED_KEY = 'offers.rejectedResponses';

/**
 * Answers already rejected (by response key and time), so the hourly sweep, which reads every
 * answer again, logs each rejection once. Kept small: the newest 300.
 */
function rejectedAnswers(): { has(key: string): boolean; add(key: string): void } {
  const props = PropertiesService.getDocumentProperties();
  const seen: string[] = JSON.parse(props.getProperty(REJECTED_KEY) ?? '[]') as string[];
  return {
    has: (key) => seen.includes(key),
    add: (key) => {
      seen.push(key);
      props.setProperty(REJECTED_KEY, JSON.stringify(seen.slice(-300)));
    },
  };
}

/** Applies answers from the offer form; never trusts an answer whose code does not match. */
export function applyOfferAnswers(ctx: OfferContext, answers: AnswerRow[]): void {
  let rejected: ReturnType<typeof rejectedAnswers> | undefined;
  for (const a of answers) {
    const { answers: v } = readAnswers(OFFER_RESPONSE, a.named);
    const offer = ctx.reg.offers.rows().find((r) => String(r.raw('id')) === v.offerId.trim());
    if (!offer || !v.token || String(offer.raw('token')) !== v.token.trim()) {
      rejected ??= rejectedAnswers();
      const key = `${a.key}@${a.submitted.getTime()}`;
      if (rejected.has(key)) continue;
      rejected.add(key);
      ctx.log.push({ action: 'Offer answer rejected', subject: offer ? String(offer.raw('id')) : 'unknown offer', details: `wrong or missing code in response ${a.key}` });
      continue;
    }
    const current = String(offer.raw('answer'));
    if (current !== 'pending') {
      const answeredAt = offer.raw('answeredAt');
      if (answeredAt instanceof Date && answeredAt.getTime() >= a.submitted.getTime()) continue; // the same answer delivered again
      if (current === 'withdrawn' && v.answer === 'accept') thankAndWithdraw(ctx, offer, String(offer.raw('request')));
      else ctx.log.push({ action: 'Offer already answered', subject: String(offer.raw('id')), details: `was ${current}; the new answer "${v.answer}" was not applied` });
      continue;
    }
    if (v.answer === 'accept') accept(ctx, offer);
    else if (v.answer === 'decline') decline(ctx, offer, 'declined');
    else ctx.log.push({ action: 'Offer answer rejected', subject: String(offer.raw('id')), details: 'no answer chosen' });
  }
}

/**
 * Hourly: one reminder after offers.remindAfterDays, expiry after offers.expireAfterDays.
 * At most `limit` offers are reminded or expired per call (`more` says some are left): each
 * one records itself (remindedAt, the answer), so the next call goes on where this one stopped.
 */
export function remindAndExpire(ctx: OfferContext, limit = Infinity): { reminded: number; expired: number; more: boolean } {
  const remindMs = ctx.settings.number('offers.remindAfterDays') * DAY;
  const expireMs = ctx.settings.number('offers.expireAfterDays') * DAY;
  let reminded = 0;
  let expired = 0;
  let prefill = ctx.prefill;
  let formLooked = !!prefill;
  for (const offer of ctx.reg.offers.rows()) {
    if (offer.raw('answer') !== 'pending') continue;
    if (reminded + expired >= limit) return { reminded, expired, more: true };
    const at = offer.raw('offeredAt');
    if (!(at instanceof Date)) continue;
    const age = ctx.now.getTime() - at.getTime();
    if (age >= expireMs) {
      decline(ctx, offer, 'expired');
      expired++;
    } else if (age >= remindMs && !(offer.raw('remindedAt') instanceof Date)) {
      const trainer = trainerRow(ctx, String(offer.raw('trainer')));
      const request = requestRow(ctx, String(offer.raw('request')));
      const to = trainer && validEmail(trainer.row.email);
      if (!formLooked) {
        const form = openForm('offer-response');
        prefill = ctx.prefill = form ? PrefillTemplate.of(form) : undefined;
        formLooked = true;
      }
      if (to && request && prefill) {
        sendTemplated(ctx, to, 'offer.reminder', 'en', { name: String(trainer.row.name ?? ''), requestId: String(request.row.id), summary: offerSummary(request.row), ...answerLinks(prefill, offer.raw('id'), offer.raw('token')), answerBy: new Date(at.getTime() + expireMs).toISOString().slice(0, 10) }, String(offer.raw('id')));
      }
      ctx.reg.offers.update(offer, { remindedAt: ctx.now });
      reminded++;
    }
  }
  return { reminded, expired, more: false };
}


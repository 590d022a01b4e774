/**
 * Offers: the fairness ledger and the conversation with trainers. An offer email carries
 * accept and decline links — the "Answer a training offer" form prefilled with the offer id
 * and a random code. Answers arrive as form responses: a wrong code is rejected and logged;
 * for a request needing one trainer the first acceptance wins and later acceptors are thanked;
 * a decline or an expiry proposes the next candidate. Accepting (or Connect) introduces the
 * requester and the trainer.
 *
 * Exactly once across crashes: an action only changes state (an Offers row's Answer, written
 * first); its follow-up — emails queued in the Outbox under keys, the request's status, the
 * next candidate — is done by `settleOffers`, which works on every row whose Settled column
 * differs from its Answer and then sets Settled. Each follow-up step checks the state it would
 * change and each email has a key, so re-running after a crash at any point finishes what was
 * left and repeats nothing. Every action ends with settleOffers; so does the hourly run.
 */
import { OFFER_RESPONSE } from '../domain/forms';
import { readAnswers, type NamedValues } from '../domain/intake';
import { LANGUAGES } from '../domain/languages';
import type { OfferAnswer, OffsetOf, RankedCandidate } from '../domain/matching-types';
import { buildOfferIndex, matchTrainers, type OfferIndex } from '../domain/matching';
import type { Policy } from '../domain/policy';
import type { Row } from '../domain/rows';
import type { Settings } from '../domain/settings';
import { Phrases, type TemplateRow } from '../domain/templates';
import { formatWord, whyYou } from '../domain/why';
import { normaliseEmail } from '../domain/text';
import { offsetFinder } from '../domain/timezone';
import { PrefillTemplate, requireForm } from '../gas/forms';
import type { LogEntry } from '../gas/log';
import { helpDeskAddress, helpDeskLanguage, Outbox, queueTemplated } from '../gas/mail';
import { loadForMatching, toMatchRequest, type RegistryForMatching } from '../gas/matching-data';
import type { TableRow } from '../gas/table';
import { rememberedKeys } from '../gas/properties';
import { randomUuid } from '../gas/secrets';

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
  outbox: Outbox;
  /** The answer form's prefill template, built once per execution when first needed. */
  prefill?: PrefillTemplate;
}

export function offerContext(ss: Spreadsheet, settings: Settings, policy: Policy, templates: TemplateRow[], lists: Record<string, string[]>): OfferContext {
  const now = new Date();
  const log: LogEntry[] = [];
  return { ss, settings, policy, templates, lists, reg: loadForMatching(ss, lists, now), now, log, messages: [], offsetOf: offsetFinder(now), outbox: new Outbox(ss, settings, log) };
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
function recordAnswer(ctx: OfferContext, offer: TableRow, answer: OfferAnswer, extra: { answeredAt?: Date; message?: string } = {}): void {
  const answeredAt = extra.answeredAt ?? ctx.now;
  ctx.reg.offers.update(offer, { answer, answeredAt, ...(extra.message ? { message: extra.message } : {}) });
  const rec = ctx.reg.offerRecords.find((o) => o.requestId === String(offer.raw('request')) && o.trainerId === String(offer.raw('trainer')) && o.answer === 'pending');
  if (rec) {
    rec.answer = answer;
    rec.answeredAt = answeredAt;
  }
  ctx.index = undefined;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join('; ') : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** The phrases of emails in a language (labels, reasons, "Why you"), from the Templates sheet. */
export function phrasesIn(ctx: { templates: TemplateRow[] }, language: string): Phrases {
  return new Phrases(ctx.templates, language);
}

/** A language's own name ("Español", "Русский"): how a request's language reads in any email. */
function languageName(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.native ?? code;
}

/**
 * What a trainer needs to decide: no requester email, budget or details. Labels (and the
 * format) in the language of `say`; with `details`, the request's Details too (introductions).
 */
export function offerSummary(row: Row, say: Phrases, details = false): string {
  const lines = [
    ['label.request', str(row.id)],
    ['label.for', str(row.organisation)],
    ['label.training', str(row.title)],
    ['label.language', row.language ? languageName(String(row.language)) : ''],
    ['label.topics', str(row.skills)],
    ['label.format', [row.format ? formatWord(str(row.format), say) : '', str(row.location)].filter(Boolean).join(', ')],
    ['label.dates', str(row.dates)],
    ['label.groupSize', str(row.groupSize)],
    ['label.details', details ? str(row.details) : ''],
  ];
  return lines.filter(([, v]) => v).map(([k, v]) => `${say.say(k)} ${v}`).join('\n');
}

/** A trainer's email language: their first language (English when none is on file). */
function trainerLanguage(trainer: TableRow | undefined): string {
  const langs = trainer?.row.languages;
  return (Array.isArray(langs) && typeof langs[0] === 'string' && langs[0]) || 'en';
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

/**
 * The Outbox key of an email about an offer. The offer's random token is part of it: ids start
 * again at O-00001 if the Offers sheet is ever re-created, and a new offer must not look sent.
 */
function emailKey(what: string, offer: TableRow): string {
  return `${what}:${String(offer.raw('id'))}:${String(offer.raw('token')).slice(0, 8)}`;
}

/** The answer form's prefill template, built once per execution (it costs dozens of Forms calls). */
export function offerPrefill(ctx: OfferContext): PrefillTemplate {
  return (ctx.prefill ??= PrefillTemplate.of(requireForm('offer-response')));
}

function helpdeskAddress(ctx: OfferContext): string {
  return helpDeskAddress(ctx.settings);
}

/** Offers a request to trainers (ranked candidates only): the Offers rows in one write; the emails follow in settleOffers. */
export function sendOffers(ctx: OfferContext, request: TableRow, picks: RankedCandidate[]): string[] {
  const requestId = String(request.row.id);
  const accepted = ledgerIndex(ctx).accepted;
  const rows: Row[] = picks.map((c) => {
    const id = ctx.reg.offers.newId('O');
    // "Why you" is worded now, from the breakdown, in the trainer's language; the email reads it from the row.
    const gigs = accepted.get(c.trainerId);
    const lastGigAt = gigs && gigs.length ? new Date(gigs[gigs.length - 1]) : undefined;
    const why = whyYou(c.breakdown, { now: ctx.now, lastGigAt }, phrasesIn(ctx, trainerLanguage(trainerRow(ctx, c.trainerId))), str(request.row.location));
    return { id, request: requestId, trainer: c.trainerId, score: c.score, reasons: reasonsText(c), why, offeredAt: ctx.now, answer: 'pending', token: randomUuid() };
  });
  addToLedger(ctx, rows);
  for (const offer of rows) ctx.log.push({ action: 'Offer made', subject: String(offer.id), details: `${requestId} → ${String(offer.trainer)} (score ${String(offer.score)}): ${String(offer.reasons)}` });
  if (['new', 'needs review', 'proposed'].includes(String(request.row.status))) ctx.reg.requests.update(request, { status: 'offered' });
  return rows.map((r) => String(r.id));
}

/** Records a direct connection by the help desk: an accepted offer in the ledger; the introduction follows in settleOffers. */
export function recordConnection(ctx: OfferContext, requestId: string, trainerId: string, reasons: string, score: number | undefined): string {
  const id = ctx.reg.offers.newId('O');
  addToLedger(ctx, [{ id, request: requestId, trainer: trainerId, score, reasons, offeredAt: ctx.now, answer: 'accepted', answeredAt: ctx.now, token: randomUuid() }]);
  return id;
}

/** Why a request no longer takes answers: for the Log (English) and, as the phrase `reason.<status>`, for the trainer. */
const CLOSED: Record<string, string> = { cancelled: 'it was cancelled', done: 'it is done', declined: 'it was declined' };

function neededFor(request: TableRow): number {
  const n = request.row.trainersNeeded;
  return typeof n === 'number' && n > 0 ? Math.floor(n) : 1;
}

function trainerIdsIn(assigned: unknown): string[] {
  return [...String(assigned ?? '').matchAll(/\(([^()]+)\)/g)].map((m) => m[1]);
}

/** The follow-up of an accepted offer: the request connected (once) and the introductions queued under the offer's keys. */
function followUpAccepted(ctx: OfferContext, offer: TableRow, request: TableRow, trainer: TableRow): void {
  const r = request.row;
  const t = trainer.row;
  const requestId = String(r.id);
  const language = String(r.language ?? 'en');
  const values = {
    requestId, summary: offerSummary(r, phrasesIn(ctx, language), true),
    clientName: String(r.requester ?? r.organisation ?? ''), clientEmail: validEmail(r.email) ?? '',
    // For a trainer-initiated training the "trainer" introduced is the mentor.
    trainerName: String(t.name ?? ''), trainerEmail: validEmail(t.email) ?? '',
  };
  const both = [validEmail(r.email), validEmail(t.email)].filter(Boolean).join(',');
  let status = 'connected';
  if (r.origin === 'sofa-standard') {
    const learnerAdmin = validEmail(ctx.settings.text('learnerAdmin.email')) ?? validEmail(r.email);
    const adminLanguage = ctx.settings.language('learnerAdmin.language');
    if (learnerAdmin) queueTemplated(ctx, learnerAdmin, 'learnerAdmin.standard', adminLanguage, { ...values, summary: offerSummary(r, phrasesIn(ctx, adminLanguage), true) }, requestId, emailKey('learnerAdmin', offer));
    else ctx.messages.push('Set learnerAdmin.email in Settings: Learner Admin was not told.');
    const say = phrasesIn(ctx, trainerLanguage(trainer));
    if (values.trainerEmail) queueTemplated(ctx, values.trainerEmail, 'offer.confirmed', say.language, { name: values.trainerName, requestId, summary: offerSummary(r, say, true), nextStep: say.say('nextStep.learnerAdmin') }, requestId, emailKey('confirmed', offer));
    status = 'scheduled';
  } else if (r.origin === 'trainer-initiated') {
    if (both) queueTemplated(ctx, both, 'mentor.assigned', language, values, requestId, emailKey('intro', offer));
  } else if (both) {
    queueTemplated(ctx, both, 'intro', language, values, requestId, emailKey('intro', offer));
  }
  const trainerId = String(t.id);
  if (!trainerIdsIn(r.assigned).includes(trainerId)) {
    const assigned = [String(r.assigned ?? ''), `${String(t.name)} (${trainerId})`].filter(Boolean).join(', ');
    // Connected: who was proposed is history (the Offers ledger keeps it), Assigned says who it is.
    ctx.reg.requests.update(request, { status, assigned, proposed: undefined });
    ctx.log.push({ action: r.origin === 'trainer-initiated' ? 'Mentor assigned' : 'Connected', subject: requestId, details: `${trainerId} ${String(t.name)}` });
  }
  const accepted = offersFor(ctx, requestId).filter((o) => o.raw('answer') === 'accepted').length;
  if (accepted >= neededFor(request)) {
    for (const other of offersFor(ctx, requestId)) {
      if (other.raw('answer') !== 'pending') continue;
      recordAnswer(ctx, other, 'withdrawn');
      ctx.log.push({ action: 'Offer withdrawn', subject: String(other.raw('id')), details: `${requestId} was taken by another trainer` });
    }
  }
}

/**
 * Why a trainer cannot take one more gig now: their accepted gigs in the capacity period (other
 * than this offer) already fill Capacity per month. Undefined when they can, or no capacity is on file.
 */
function atCapacity(ctx: OfferContext, offer: TableRow, trainer: TableRow): string | undefined {
  const capacity = trainer.row.capacity;
  if (typeof capacity !== 'number' || capacity <= 0) return undefined;
  const since = ctx.now.getTime() - ctx.policy.capacityPeriodDays * DAY;
  const trainerId = String(trainer.row.id);
  const offerId = String(offer.raw('id'));
  const at = (o: TableRow): number => {
    const t = o.raw('answeredAt') instanceof Date ? o.raw('answeredAt') : o.raw('offeredAt');
    return t instanceof Date ? t.getTime() : -Infinity;
  };
  const accepted = ctx.reg.offers.rows().filter((o) => String(o.raw('trainer')) === trainerId && String(o.raw('id')) !== offerId && o.raw('answer') === 'accepted' && at(o) >= since).length;
  return accepted >= capacity ? `at capacity: ${accepted} of ${capacity} gig${capacity === 1 ? '' : 's'} accepted in the last ${ctx.policy.capacityPeriodDays} days` : undefined;
}

/** The follow-up of a declined or expired offer (or an acceptance over capacity): the next candidate offered or proposed, the help desk told. */
function followUpDeclined(ctx: OfferContext, offer: TableRow, request: TableRow | undefined, answer: string): void {
  const requestId = String(offer.raw('request'));
  const trainer = trainerRow(ctx, String(offer.raw('trainer')));
  const trainerName = String(trainer?.row.name ?? offer.raw('trainer'));
  if (!request || CLOSED[String(request.row.status)]) return;
  const open = offersFor(ctx, requestId).filter((o) => o.raw('answer') === 'pending' || o.raw('answer') === 'accepted');
  const say = phrasesIn(ctx, helpDeskLanguage(ctx.settings));
  const what = say.say(answer === 'declined' ? 'what.declined' : answer === 'overCapacity' ? 'what.overCapacity' : 'what.expired');
  // The outcome picks the template, so the subject says what the body says.
  let outcome: 'open' | 'none' | 'offered' | 'proposed';
  let nextName = '';
  let nextScore = '';
  let gap = '';
  if (open.length) {
    // Another offer is open (one made after a crash here, or several were offered at once).
    outcome = 'open';
    nextName = open.map((o) => String(trainerRow(ctx, String(o.raw('trainer')))?.row.name ?? o.raw('trainer'))).join(', ');
  } else {
    const result = rank(ctx, request.row);
    const next = result.ranked[0];
    // Below the minimum fit nobody is offered automatically: the notice names the gap (matching's words).
    if (!next) {
      outcome = 'none';
      gap = result.gap ?? '';
    }
    else {
      nextName = next.name;
      nextScore = String(next.score);
      if (ctx.settings.flag('offers.autoOfferNext')) {
        sendOffers(ctx, request, [next]);
        outcome = 'offered';
      } else {
        ctx.reg.requests.update(request, { status: 'proposed', proposed: `${next.name} (${next.score})` });
        outcome = 'proposed';
      }
    }
  }
  queueTemplated(ctx, helpdeskAddress(ctx), `helpdesk.next.${outcome}`, say.language, { requestId, trainerName, what, nextName, nextScore, gap, registryUrl: ctx.ss.getUrl() }, requestId, emailKey('next', offer));
}

/** Does the follow-up an offer's current Answer implies (see the file comment); idempotent. */
function followUp(ctx: OfferContext, offer: TableRow): void {
  const answer = String(offer.raw('answer'));
  const offerId = String(offer.raw('id'));
  const requestId = String(offer.raw('request'));
  const request = requestRow(ctx, requestId);
  const trainer = trainerRow(ctx, String(offer.raw('trainer')));
  const to = trainer && validEmail(trainer.row.email);
  const name = String(trainer?.row.name ?? '');
  const say = phrasesIn(ctx, trainerLanguage(trainer));
  const language = say.language;
  if (answer === 'pending') {
    if (!request) return;
    // The request shows it is offered (also when a crash came between the offer rows and this).
    if (['new', 'needs review', 'proposed'].includes(String(request.row.status))) ctx.reg.requests.update(request, { status: 'offered' });
    if (!to) {
      ctx.messages.push(`${name || String(offer.raw('trainer'))} has no valid email: offer ${offerId} recorded but not sent.`);
      return;
    }
    // "Why you" as worded when the offer was made (rows from before it existed: the plain fallback).
    const reasons = String(offer.raw('why') ?? '') || say.say('why.fallback');
    const answerBy = new Date((offer.raw('offeredAt') instanceof Date ? (offer.raw('offeredAt') as Date).getTime() : ctx.now.getTime()) + ctx.settings.number('offers.expireAfterDays') * DAY).toISOString().slice(0, 10);
    queueTemplated(ctx, to, 'offer', language, { name, requestId, summary: offerSummary(request.row, say), reasons, ...answerLinks(offerPrefill(ctx), offerId, offer.raw('token')), answerBy }, offerId, emailKey('offer', offer));
  } else if (answer === 'accepted') {
    if (request && trainer) followUpAccepted(ctx, offer, request, trainer);
    else ctx.log.push({ action: 'Offer answer not applied', subject: offerId, details: 'its request or trainer is no longer in the registry' });
  } else if (answer === 'withdrawn') {
    const closedAs = request ? (CLOSED[String(request.row.status)] ? String(request.row.status) : '') : 'removed';
    // An acceptance over capacity (the request still open, still short of trainers): thanked, and the next candidate proposed.
    const full = !closedAs && request && trainer && offersFor(ctx, requestId).filter((o) => o.raw('answer') === 'accepted').length < neededFor(request) ? atCapacity(ctx, offer, trainer) : undefined;
    if (full && request) {
      if (to) queueTemplated(ctx, to, 'offer.overCapacity', language, { name, requestId, capacity: String(trainer?.row.capacity ?? '') }, offerId, emailKey('full', offer));
      followUpDeclined(ctx, offer, request, 'overCapacity');
      return;
    }
    if (!to) return;
    if (closedAs) queueTemplated(ctx, to, 'offer.closed', language, { name, requestId, why: say.say(`reason.${closedAs}`) }, offerId, emailKey('closed', offer));
    else queueTemplated(ctx, to, 'offer.taken', language, { name, requestId }, offerId, emailKey('taken', offer));
  } else if (answer === 'declined' || answer === 'expired') {
    followUpDeclined(ctx, offer, request, answer);
  }
}

/**
 * Finishes the follow-up of every offer whose Settled differs from its Answer, then sends this
 * execution's emails. Follow-ups can change other offers (withdrawals, a next offer), so it
 * repeats until nothing is left (a few rounds at most).
 */
export function settleOffers(ctx: OfferContext): void {
  for (let round = 0; round < 5; round++) {
    const todo = ctx.reg.offers.rows().filter((o) => o.raw('answer') !== '' && o.raw('settled') !== o.raw('answer')).map((o) => String(o.raw('id')));
    if (todo.length === 0) break;
    const settledAs = new Map<string, string>();
    for (const id of todo) {
      const offer = offerById(ctx, id);
      if (!offer) continue;
      settledAs.set(id, String(offer.raw('answer')));
      followUp(ctx, offer);
    }
    ctx.outbox.commit();
    for (const [id, answer] of settledAs) {
      const offer = offerById(ctx, id);
      // Settled records the answer whose follow-up was done; a newer answer is settled next round.
      if (offer && String(offer.raw('settled')) !== answer) ctx.reg.offers.update(offer, { settled: answer as OfferAnswer });
    }
  }
  ctx.outbox.deliver('mine');
  ctx.outbox.logStillQueued();
}

function offerById(ctx: OfferContext, id: string): TableRow | undefined {
  return ctx.reg.offers.rows().find((r) => String(r.raw('id')) === id);
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
  return rememberedKeys(REJECTED_KEY, 300);
}

/** Why an acceptance cannot be applied, when the request or the trainer moved on since the offer. */
function cannotAccept(ctx: OfferContext, offer: TableRow): string | undefined {
  const request = requestRow(ctx, String(offer.raw('request')));
  const trainer = trainerRow(ctx, String(offer.raw('trainer')));
  if (!request) return 'the request is no longer in the registry';
  if (CLOSED[String(request.row.status)]) return `the request ${CLOSED[String(request.row.status)]}`;
  if (!trainer) return 'the trainer is no longer in the registry';
  if (trainer.row.status !== 'active') return `the trainer's status is ${String(trainer.row.status ?? 'empty')}`;
  const accepted = offersFor(ctx, String(offer.raw('request'))).filter((o) => o.raw('answer') === 'accepted').length;
  if (accepted >= neededFor(request)) return 'enough trainers had already accepted';
  // Capacity is checked again at acceptance: offers may have gone out while it counted accepted gigs only.
  const full = atCapacity(ctx, offer, trainer);
  if (full) return `the trainer is ${full}`;
  return undefined;
}

/**
 * Applies answers from the offer form: the new Answer (and the trainer's message) is the state
 * written here; settleOffers does the rest. Never trusts an answer whose code does not match.
 */
export function applyOfferAnswers(ctx: OfferContext, answers: AnswerRow[]): void {
  let rejected: ReturnType<typeof rejectedAnswers> | undefined;
  for (const a of answers) {
    const { answers: v } = readAnswers(OFFER_RESPONSE, a.named);
    const offer = offerById(ctx, v.offerId.trim());
    if (!offer || !v.token || String(offer.raw('token')) !== v.token.trim()) {
      rejected ??= rejectedAnswers();
      const key = `${a.key}@${a.submitted.getTime()}`;
      if (rejected.has(key)) continue;
      rejected.add(key);
      ctx.log.push({ action: 'Offer answer rejected', subject: offer ? String(offer.raw('id')) : 'unknown offer', details: `wrong or missing code in response ${a.key}` });
      continue;
    }
    const offerId = String(offer.raw('id'));
    const current = String(offer.raw('answer'));
    const answeredAt = offer.raw('answeredAt');
    // The same answer delivered again (or read again by the hourly sweep) changes nothing.
    if (answeredAt instanceof Date && answeredAt.getTime() >= a.submitted.getTime()) continue;
    const message = (v.message ?? '').trim();
    if (current !== 'pending') {
      // Answered before (a withdrawn offer's trainer was already told the request was taken).
      ctx.reg.offers.update(offer, { answeredAt: a.submitted });
      ctx.log.push({ action: 'Offer already answered', subject: offerId, details: `was ${current}; the new answer "${v.answer}" was not applied` });
      continue;
    }
    if (v.answer !== 'accept' && v.answer !== 'decline') {
      ctx.log.push({ action: 'Offer answer rejected', subject: offerId, details: 'no answer chosen' });
      continue;
    }
    const blocked = v.answer === 'accept' ? cannotAccept(ctx, offer) : undefined;
    const answer: OfferAnswer = blocked ? 'withdrawn' : v.answer === 'accept' ? 'accepted' : 'declined';
    recordAnswer(ctx, offer, answer, { answeredAt: a.submitted, message: message || undefined });
    ctx.log.push({ action: blocked ? 'Offer acceptance not applied' : v.answer === 'accept' ? 'Offer accepted' : 'Offer declined', subject: offerId, details: blocked ?? `${String(offer.raw('request'))}: ${String(offer.raw('trainer'))}${message ? '; message on the Offers row' : ''}` });
    if (blocked || message) {
      const trainer = trainerRow(ctx, String(offer.raw('trainer')));
      const say = phrasesIn(ctx, helpDeskLanguage(ctx.settings));
      const note = blocked ? say.say('note.acceptanceNotApplied', { why: blocked }) : '';
      queueTemplated(ctx, helpdeskAddress(ctx), 'helpdesk.answer', say.language, { requestId: String(offer.raw('request')), offerId, trainerName: String(trainer?.row.name ?? offer.raw('trainer')), answer: say.say(v.answer === 'accept' ? 'answer.accept' : 'answer.decline'), note, message: message || say.say('message.none'), registryUrl: ctx.ss.getUrl() }, offerId, `${emailKey('answer', offer)}:${a.submitted.getTime()}`);
    }
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
  let expired = 0;
  const toRemind: string[] = [];
  let more = false;
  for (const offer of ctx.reg.offers.rows()) {
    if (offer.raw('answer') !== 'pending') continue;
    if (toRemind.length + expired >= limit) {
      more = true;
      break;
    }
    const at = offer.raw('offeredAt');
    if (!(at instanceof Date)) continue;
    const age = ctx.now.getTime() - at.getTime();
    if (age >= expireMs) {
      recordAnswer(ctx, offer, 'expired');
      ctx.log.push({ action: 'Offer expired', subject: String(offer.raw('id')), details: `${String(offer.raw('request'))}: ${String(offer.raw('trainer'))}` });
      expired++;
    } else if (age >= remindMs && !(offer.raw('remindedAt') instanceof Date)) {
      const trainer = trainerRow(ctx, String(offer.raw('trainer')));
      const request = requestRow(ctx, String(offer.raw('request')));
      const to = trainer && validEmail(trainer.row.email);
      const offerId = String(offer.raw('id'));
      if (to && request) {
        const say = phrasesIn(ctx, trainerLanguage(trainer));
        queueTemplated(ctx, to, 'offer.reminder', say.language, { name: String(trainer.row.name ?? ''), requestId: String(request.row.id), summary: offerSummary(request.row, say), ...answerLinks(offerPrefill(ctx), offerId, offer.raw('token')), answerBy: new Date(at.getTime() + expireMs).toISOString().slice(0, 10) }, offerId, emailKey('remind', offer));
      }
      toRemind.push(offerId);
    }
  }
  // The reminders are queued before their offers are marked: a crash in between queues nothing twice (keys).
  ctx.outbox.commit();
  for (const id of toRemind) {
    const offer = offerById(ctx, id);
    if (offer) ctx.reg.offers.update(offer, { remindedAt: ctx.now });
  }
  settleOffers(ctx);
  return { reminded: toRemind.length, expired, more };
}

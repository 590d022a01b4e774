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
import type { OfferRow, RequestRow, RequestStatus, TrainerRow } from '../domain/registry';
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

type Offer = TableRow<OfferRow>;
type Request = TableRow<RequestRow>;
type Trainer = TableRow<TrainerRow>;
/** A request still waiting for an offer: making one moves it to "offered". */
const BEFORE_OFFER: readonly (RequestStatus | undefined)[] = ['new', 'needs review', 'proposed'];

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
  return {
    ss,
    settings,
    policy,
    templates,
    lists,
    reg: loadForMatching(ss, lists, now),
    now,
    log,
    messages: [],
    offsetOf: offsetFinder(now),
    outbox: new Outbox(ss, settings, log),
  };
}

/** The Offers ledger as matching reads it, built once and again only after it changed. */
export function ledgerIndex(ctx: OfferContext): OfferIndex {
  return (ctx.index ??= buildOfferIndex(ctx.reg.offerRecords));
}

/** Adds offers (one write) to the Offers sheet and to the ledger this execution matches against. */
export function addToLedger(ctx: OfferContext, rows: OfferRow[]): void {
  ctx.reg.offers.append(rows);
  for (const r of rows)
    ctx.reg.offerRecords.push({
      requestId: r.request ?? '',
      trainerId: r.trainer ?? '',
      offeredAt: ctx.now,
      answer: r.answer ?? 'pending',
      answeredAt: r.answeredAt,
    });
  ctx.index = undefined;
}

/** Records an answer to an offer: in the Offers sheet and in the ledger this execution matches against. */
function recordAnswer(ctx: OfferContext, offer: Offer, answer: OfferAnswer, extra: { answeredAt?: Date; message?: string } = {}): void {
  const answeredAt = extra.answeredAt ?? ctx.now;
  ctx.reg.offers.update(offer, { answer, answeredAt, ...(extra.message ? { message: extra.message } : {}) });
  const rec = ctx.reg.offerRecords.find((o) => o.requestId === offer.text('request') && o.trainerId === offer.text('trainer') && o.answer === 'pending');
  if (rec) {
    rec.answer = answer;
    rec.answeredAt = answeredAt;
  }
  ctx.index = undefined;
}

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
export function offerSummary(row: RequestRow, say: Phrases, details = false): string {
  const lines = [
    ['label.request', row.id ?? ''],
    ['label.for', row.organisation ?? ''],
    ['label.training', row.title ?? ''],
    ['label.language', row.language ? languageName(row.language) : ''],
    ['label.topics', (row.skills ?? []).join('; ')],
    ['label.format', [row.format ? formatWord(row.format, say) : '', row.location ?? ''].filter(Boolean).join(', ')],
    ['label.dates', row.dates ?? ''],
    ['label.groupSize', row.groupSize === undefined ? '' : `${row.groupSize}`],
    ['label.details', details ? (row.details ?? '') : ''],
  ];
  return lines
    .filter(([, v]) => v)
    .map(([k, v]) => `${say.say(k)} ${v}`)
    .join('\n');
}

/** A trainer's email language: their first language (English when none is on file). */
function trainerLanguage(trainer: Trainer | undefined): string {
  return trainer?.row.languages?.[0] || 'en';
}

/** The reasons of a ranked candidate in one line, for the Offers ledger, the Log and the email. */
export function reasonsText(c: RankedCandidate): string {
  return c.breakdown.map((b) => `${b.criterion} ${b.points.toFixed(1)}: ${b.reason}`).join('; ');
}

/** The offer email's two links: the answer form prefilled with the offer, its code, and the answer. */
function answerLinks(prefill: PrefillTemplate, id: string, token: string): { acceptLink: string; declineLink: string } {
  const [offer, code, answer] = OFFER_RESPONSE.questions.map((q) => q.title);
  const link = (a: string) => prefill.url({ [offer]: id, [code]: token, [answer]: a });
  return { acceptLink: link('accept'), declineLink: link('decline') };
}

function trainerRow(ctx: OfferContext, id: string): Trainer | undefined {
  return ctx.reg.trainerById.get(id);
}

function requestRow(ctx: OfferContext, id: string): Request | undefined {
  return ctx.reg.requests.rows().find((r) => r.text('id') === id);
}

function offersFor(ctx: OfferContext, requestId: string): Offer[] {
  return ctx.reg.offers.rows().filter((r) => r.text('request') === requestId);
}

function validEmail(v: string | undefined): string | undefined {
  const e = normaliseEmail(v ?? '');
  return e.ok ? e.email : undefined;
}

/** Ranks trainers for a request against the current ledger. */
export function rank(ctx: OfferContext, request: RequestRow) {
  return matchTrainers(toMatchRequest(request), ctx.reg.candidates, ledgerIndex(ctx), ctx.policy, ctx.now, ctx.offsetOf);
}

/**
 * The Outbox key of an email about an offer. The offer's random token is part of it: ids start
 * again at O-00001 if the Offers sheet is ever re-created, and a new offer must not look sent.
 */
function emailKey(what: string, offer: Offer): string {
  return `${what}:${offer.text('id')}:${offer.text('token').slice(0, 8)}`;
}

/** The answer form's prefill template, built once per execution (it costs dozens of Forms calls). */
export function offerPrefill(ctx: OfferContext): PrefillTemplate {
  return (ctx.prefill ??= PrefillTemplate.of(requireForm('offer-response')));
}

function helpdeskAddress(ctx: OfferContext): string {
  return helpDeskAddress(ctx.settings);
}

/** Offers a request to trainers (ranked candidates only): the Offers rows in one write; the emails follow in settleOffers. */
export function sendOffers(ctx: OfferContext, request: Request, picks: RankedCandidate[]): string[] {
  const requestId = request.row.id ?? '';
  const accepted = ledgerIndex(ctx).accepted;
  const rows: OfferRow[] = picks.map((c) => {
    const id = ctx.reg.offers.newId('O');
    // "Why you" is worded now, from the breakdown, in the trainer's language; the email reads it from the row.
    const gigs = accepted.get(c.trainerId);
    const lastGigAt = gigs && gigs.length ? new Date(gigs[gigs.length - 1]) : undefined;
    const why = whyYou(c.breakdown, { now: ctx.now, lastGigAt }, phrasesIn(ctx, trainerLanguage(trainerRow(ctx, c.trainerId))), request.row.location ?? '');
    return {
      id,
      request: requestId,
      trainer: c.trainerId,
      score: c.score,
      reasons: reasonsText(c),
      why,
      offeredAt: ctx.now,
      answer: 'pending' as const,
      token: randomUuid(),
    };
  });
  addToLedger(ctx, rows);
  for (const offer of rows)
    ctx.log.push({ action: 'Offer made', subject: offer.id ?? '', details: `${requestId} → ${offer.trainer} (score ${offer.score}): ${offer.reasons}` });
  if (BEFORE_OFFER.includes(request.row.status)) ctx.reg.requests.update(request, { status: 'offered' });
  return rows.map((r) => r.id ?? '');
}

/** Records a direct connection by the help desk: an accepted offer in the ledger; the introduction follows in settleOffers. */
export function recordConnection(ctx: OfferContext, requestId: string, trainerId: string, reasons: string, score: number | undefined): string {
  const id = ctx.reg.offers.newId('O');
  addToLedger(ctx, [
    { id, request: requestId, trainer: trainerId, score, reasons, offeredAt: ctx.now, answer: 'accepted', answeredAt: ctx.now, token: randomUuid() },
  ]);
  return id;
}

/** Why a request no longer takes answers: for the Log (English) and, as the phrase `reason.<status>`, for the trainer. */
const CLOSED: Record<string, string> = { cancelled: 'it was cancelled', done: 'it is done', declined: 'it was declined' };

function neededFor(request: Request): number {
  const n = request.row.trainersNeeded ?? 0;
  return n > 0 ? Math.floor(n) : 1;
}

function trainerIdsIn(assigned: string | undefined): string[] {
  return [...(assigned ?? '').matchAll(/\(([^()]+)\)/g)].map((m) => m[1]);
}

/** The follow-up of an accepted offer: the request connected (once) and the introductions queued under the offer's keys. */
function followUpAccepted(ctx: OfferContext, offer: Offer, request: Request, trainer: Trainer): void {
  const r = request.row;
  const t = trainer.row;
  const requestId = r.id ?? '';
  const language = r.language ?? 'en';
  const values = {
    requestId,
    summary: offerSummary(r, phrasesIn(ctx, language), true),
    clientName: r.requester ?? r.organisation ?? '',
    clientEmail: validEmail(r.email) ?? '',
    // For a trainer-initiated training the "trainer" introduced is the mentor.
    trainerName: t.name ?? '',
    trainerEmail: validEmail(t.email) ?? '',
  };
  const both = [validEmail(r.email), validEmail(t.email)].filter(Boolean).join(',');
  let status: RequestStatus = 'connected';
  if (r.origin === 'sofa-standard') {
    const learnerAdmin = validEmail(ctx.settings.text('learnerAdmin.email')) ?? validEmail(r.email);
    const adminLanguage = ctx.settings.language('learnerAdmin.language');
    if (learnerAdmin)
      queueTemplated(
        ctx,
        learnerAdmin,
        'learnerAdmin.standard',
        adminLanguage,
        { ...values, summary: offerSummary(r, phrasesIn(ctx, adminLanguage), true) },
        requestId,
        emailKey('learnerAdmin', offer),
      );
    else ctx.messages.push('Set learnerAdmin.email in Settings: Learner Admin was not told.');
    const say = phrasesIn(ctx, trainerLanguage(trainer));
    if (values.trainerEmail)
      queueTemplated(
        ctx,
        values.trainerEmail,
        'offer.confirmed',
        say.language,
        { name: values.trainerName, requestId, summary: offerSummary(r, say, true), nextStep: say.say('nextStep.learnerAdmin') },
        requestId,
        emailKey('confirmed', offer),
      );
    status = 'scheduled';
  } else if (r.origin === 'trainer-initiated') {
    if (both) queueTemplated(ctx, both, 'mentor.assigned', language, values, requestId, emailKey('intro', offer));
  } else if (both) {
    queueTemplated(ctx, both, 'intro', language, values, requestId, emailKey('intro', offer));
  }
  const trainerId = t.id ?? '';
  if (!trainerIdsIn(r.assigned).includes(trainerId)) {
    const assigned = [r.assigned ?? '', `${t.name} (${trainerId})`].filter(Boolean).join(', ');
    // Connected: who was proposed is history (the Offers ledger keeps it), Assigned says who it is.
    ctx.reg.requests.update(request, { status, assigned, proposed: undefined });
    ctx.log.push({ action: r.origin === 'trainer-initiated' ? 'Mentor assigned' : 'Connected', subject: requestId, details: `${trainerId} ${t.name}` });
  }
  const accepted = offersFor(ctx, requestId).filter((o) => o.raw('answer') === 'accepted').length;
  if (accepted >= neededFor(request)) {
    for (const other of offersFor(ctx, requestId)) {
      if (other.raw('answer') !== 'pending') continue;
      recordAnswer(ctx, other, 'withdrawn');
      ctx.log.push({ action: 'Offer withdrawn', subject: other.text('id'), details: `${requestId} was taken by another trainer` });
    }
  }
}

/**
 * Why a trainer cannot take one more gig now: their accepted gigs in the capacity period (other
 * than this offer) already fill Capacity per month. Undefined when they can, or no capacity is on file.
 */
function atCapacity(ctx: OfferContext, offer: Offer, trainer: Trainer): string | undefined {
  const capacity = trainer.row.capacity;
  if (typeof capacity !== 'number' || capacity <= 0) return undefined;
  const since = ctx.now.getTime() - ctx.policy.capacityPeriodDays * DAY;
  const trainerId = trainer.row.id ?? '';
  const offerId = offer.text('id');
  const at = (o: Offer): number => {
    const t = o.raw('answeredAt') instanceof Date ? o.raw('answeredAt') : o.raw('offeredAt');
    return t instanceof Date ? t.getTime() : -Infinity;
  };
  const accepted = ctx.reg.offers
    .rows()
    .filter((o) => o.text('trainer') === trainerId && o.text('id') !== offerId && o.raw('answer') === 'accepted' && at(o) >= since).length;
  return accepted >= capacity
    ? `at capacity: ${accepted} of ${capacity} gig${capacity === 1 ? '' : 's'} accepted in the last ${ctx.policy.capacityPeriodDays} days`
    : undefined;
}

/** The follow-up of a declined or expired offer (or an acceptance over capacity): the next candidate offered or proposed, the help desk told. */
function followUpDeclined(ctx: OfferContext, offer: Offer, request: Request | undefined, answer: string): void {
  const requestId = offer.text('request');
  const trainer = trainerRow(ctx, offer.text('trainer'));
  const trainerName = trainer?.row.name ?? offer.text('trainer');
  if (!request || CLOSED[request.row.status ?? '']) return;
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
    nextName = open.map((o) => trainerRow(ctx, o.text('trainer'))?.row.name ?? o.text('trainer')).join(', ');
  } else {
    const result = rank(ctx, request.row);
    const next = result.ranked[0];
    // Below the minimum fit nobody is offered automatically: the notice names the gap (matching's words).
    if (!next) {
      outcome = 'none';
      gap = result.gap ?? '';
    } else {
      nextName = next.name;
      nextScore = `${next.score}`;
      if (ctx.settings.flag('offers.autoOfferNext')) {
        sendOffers(ctx, request, [next]);
        outcome = 'offered';
      } else {
        ctx.reg.requests.update(request, { status: 'proposed', proposed: `${next.name} (${next.score})` });
        outcome = 'proposed';
      }
    }
  }
  queueTemplated(
    ctx,
    helpdeskAddress(ctx),
    `helpdesk.next.${outcome}`,
    say.language,
    { requestId, trainerName, what, nextName, nextScore, gap, registryUrl: ctx.ss.getUrl() },
    requestId,
    emailKey('next', offer),
  );
}

/** Does the follow-up an offer's current Answer implies (see the file comment); idempotent. */
function followUp(ctx: OfferContext, offer: Offer): void {
  const answer = offer.text('answer');
  const offerId = offer.text('id');
  const requestId = offer.text('request');
  const request = requestRow(ctx, requestId);
  const trainer = trainerRow(ctx, offer.text('trainer'));
  const to = trainer && validEmail(trainer.row.email);
  const name = trainer?.row.name ?? '';
  const say = phrasesIn(ctx, trainerLanguage(trainer));
  const language = say.language;
  if (answer === 'pending') {
    if (!request) return;
    // The request shows it is offered (also when a crash came between the offer rows and this).
    if (BEFORE_OFFER.includes(request.row.status)) ctx.reg.requests.update(request, { status: 'offered' });
    if (!to) {
      ctx.messages.push(`${name || offer.text('trainer')} has no valid email: offer ${offerId} recorded but not sent.`);
      return;
    }
    // "Why you" as worded when the offer was made (rows from before it existed: the plain fallback).
    const reasons = offer.text('why') || say.say('why.fallback');
    const answerBy = new Date(
      (offer.raw('offeredAt') instanceof Date ? (offer.raw('offeredAt') as Date).getTime() : ctx.now.getTime()) +
        ctx.settings.number('offers.expireAfterDays') * DAY,
    )
      .toISOString()
      .slice(0, 10);
    queueTemplated(
      ctx,
      to,
      'offer',
      language,
      { name, requestId, summary: offerSummary(request.row, say), reasons, ...answerLinks(offerPrefill(ctx), offerId, offer.text('token')), answerBy },
      offerId,
      emailKey('offer', offer),
    );
  } else if (answer === 'accepted') {
    if (request && trainer) followUpAccepted(ctx, offer, request, trainer);
    else ctx.log.push({ action: 'Offer answer not applied', subject: offerId, details: 'its request or trainer is no longer in the registry' });
  } else if (answer === 'withdrawn') {
    const status = request?.row.status ?? '';
    const closedAs = request ? (CLOSED[status] ? status : '') : 'removed';
    // An acceptance over capacity (the request still open, still short of trainers): thanked, and the next candidate proposed.
    const full =
      !closedAs && request && trainer && offersFor(ctx, requestId).filter((o) => o.raw('answer') === 'accepted').length < neededFor(request)
        ? atCapacity(ctx, offer, trainer)
        : undefined;
    if (full && request) {
      if (to)
        queueTemplated(
          ctx,
          to,
          'offer.overCapacity',
          language,
          { name, requestId, capacity: `${trainer?.row.capacity ?? ''}` },
          offerId,
          emailKey('full', offer),
        );
      followUpDeclined(ctx, offer, request, 'overCapacity');
      return;
    }
    if (!to) return;
    if (closedAs)
      queueTemplated(ctx, to, 'offer.closed', language, { name, requestId, why: say.say(`reason.${closedAs}`) }, offerId, emailKey('closed', offer));
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
    const todo = ctx.reg.offers
      .rows()
      .filter((o) => o.raw('answer') !== '' && o.raw('settled') !== o.raw('answer'))
      .map((o) => o.text('id'));
    if (todo.length === 0) break;
    const settledAs = new Map<string, string>();
    for (const id of todo) {
      const offer = offerById(ctx, id);
      if (!offer) continue;
      settledAs.set(id, offer.text('answer'));
      followUp(ctx, offer);
    }
    ctx.outbox.commit();
    for (const [id, answer] of settledAs) {
      const offer = offerById(ctx, id);
      // Settled records the answer whose follow-up was done; a newer answer is settled next round.
      if (offer && offer.text('settled') !== answer) ctx.reg.offers.update(offer, { settled: answer as OfferAnswer });
    }
  }
  ctx.outbox.deliver('mine');
  ctx.outbox.logStillQueued();
}

function offerById(ctx: OfferContext, id: string): Offer | undefined {
  return ctx.reg.offers.rows().find((r) => r.text('id') === id);
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
function cannotAccept(ctx: OfferContext, offer: Offer): string | undefined {
  const request = requestRow(ctx, offer.text('request'));
  const trainer = trainerRow(ctx, offer.text('trainer'));
  if (!request) return 'the request is no longer in the registry';
  const closed = CLOSED[request.row.status ?? ''];
  if (closed) return `the request ${closed}`;
  if (!trainer) return 'the trainer is no longer in the registry';
  if (trainer.row.status !== 'active') return `the trainer's status is ${trainer.row.status ?? 'empty'}`;
  const accepted = offersFor(ctx, offer.text('request')).filter((o) => o.raw('answer') === 'accepted').length;
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
    if (!offer || !v.token || offer.text('token') !== v.token.trim()) {
      rejected ??= rejectedAnswers();
      // The same answer reaches the trigger (response id) and each hourly sweep (row content): keyed by what both see.
      const key = `${v.offerId.trim()}@${a.submitted.getTime()}`;
      if (rejected.has(key)) continue;
      rejected.add(key);
      ctx.log.push({
        action: 'Offer answer rejected',
        subject: offer ? offer.text('id') : 'unknown offer',
        details: `wrong or missing code in response ${a.key}`,
      });
      continue;
    }
    const offerId = offer.text('id');
    const current = offer.text('answer');
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
    ctx.log.push({
      action: blocked ? 'Offer acceptance not applied' : v.answer === 'accept' ? 'Offer accepted' : 'Offer declined',
      subject: offerId,
      details: blocked ?? `${offer.text('request')}: ${offer.text('trainer')}${message ? '; message on the Offers row' : ''}`,
    });
    if (blocked || message) {
      const trainer = trainerRow(ctx, offer.text('trainer'));
      const say = phrasesIn(ctx, helpDeskLanguage(ctx.settings));
      const note = blocked ? say.say('note.acceptanceNotApplied', { why: blocked }) : '';
      queueTemplated(
        ctx,
        helpdeskAddress(ctx),
        'helpdesk.answer',
        say.language,
        {
          requestId: offer.text('request'),
          offerId,
          trainerName: trainer?.row.name ?? offer.text('trainer'),
          answer: say.say(v.answer === 'accept' ? 'answer.accept' : 'answer.decline'),
          note,
          message: message || say.say('message.none'),
          registryUrl: ctx.ss.getUrl(),
        },
        offerId,
        `${emailKey('answer', offer)}:${a.submitted.getTime()}`,
      );
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
      ctx.log.push({ action: 'Offer expired', subject: offer.text('id'), details: `${offer.text('request')}: ${offer.text('trainer')}` });
      expired++;
    } else if (age >= remindMs && !(offer.raw('remindedAt') instanceof Date)) {
      const trainer = trainerRow(ctx, offer.text('trainer'));
      const request = requestRow(ctx, offer.text('request'));
      const to = trainer && validEmail(trainer.row.email);
      const offerId = offer.text('id');
      if (to && request) {
        const say = phrasesIn(ctx, trainerLanguage(trainer));
        queueTemplated(
          ctx,
          to,
          'offer.reminder',
          say.language,
          {
            name: trainer.row.name ?? '',
            requestId: request.row.id ?? '',
            summary: offerSummary(request.row, say),
            ...answerLinks(offerPrefill(ctx), offerId, offer.text('token')),
            answerBy: new Date(at.getTime() + expireMs).toISOString().slice(0, 10),
          },
          offerId,
          emailKey('remind', offer),
        );
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

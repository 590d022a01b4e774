/**
 * Feedback collected: the requester of a client, find-a-facilitator or circle request is asked,
 * once per accepted trainer, `feedback.afterDays` after the training's date (or after the
 * connection when no date is known), in their language, to fill in the *Training feedback*
 * form through a prefilled link (the offer id and a random code). The answer — a rating 1–5
 * and a comment — lands on the Offers row (private columns), and the trainer's Feedback
 * (average) and Feedback count are recomputed from every rating they have, which matching reads.
 *
 * Exactly once across crashes, as every email: the code is written first, the email is queued
 * under `feedback:<offer>:<token>`, then *Feedback asked* is set; a crash in between leaves
 * Feedback asked empty and the next hourly run queues again under the same key (nothing twice).
 */
import { TRAINING_FEEDBACK } from '../domain/forms';
import { averageRating, FEEDBACK_ORIGINS, feedbackDue, feedbackIsDue, parseRating } from '../domain/feedback';
import { readAnswers, type NamedValues } from '../domain/intake';
import { LANGUAGES } from '../domain/languages';
import { OFFERS, REQUESTS, TRAINERS, type OfferRow, type RequestRow } from '../domain/registry';
import type { Settings } from '../domain/settings';
import type { TemplateRow } from '../domain/templates';
import { normaliseEmail } from '../domain/text';
import { openForm, PrefillTemplate } from '../gas/forms';
import type { LogEntry } from '../gas/log';
import { Outbox, queueTemplated } from '../gas/mail';
import { Table, type TableRow } from '../gas/table';
import { rememberedKeys } from '../gas/properties';
import { randomCode } from '../gas/secrets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Requesters asked per step of the hourly run. */
export const FEEDBACK_BATCH = 25;

function languageOf(value: unknown): string {
  return typeof value === 'string' && LANGUAGES.some((l) => l.code === value) ? value : 'en';
}

function byId<R extends { id?: string }>(table: Table<R>, id: string): TableRow<R> | undefined {
  return table.rows().find((r) => r.text('id') === id);
}

/** Accepted offers whose requester is due to be asked now (and was not yet). */
function dueOffers(
  offers: Table<OfferRow>,
  requests: Table<RequestRow>,
  settings: Settings,
  now: Date,
): { offer: TableRow<OfferRow>; request: TableRow<RequestRow>; email: string }[] {
  const afterDays = settings.number('feedback.afterDays');
  const out: { offer: TableRow<OfferRow>; request: TableRow<RequestRow>; email: string }[] = [];
  for (const offer of offers.rows()) {
    if (offer.raw('answer') !== 'accepted' || offer.raw('feedbackAsked') instanceof Date) continue;
    const request = byId(requests, offer.text('request'));
    if (!request || !(FEEDBACK_ORIGINS as readonly string[]).includes(request.text('origin'))) continue;
    if (['cancelled', 'declined'].includes(request.text('status'))) continue;
    const email = normaliseEmail(request.text('email'));
    if (!email.ok) continue;
    const connectedAt =
      offer.raw('answeredAt') instanceof Date
        ? (offer.raw('answeredAt') as Date)
        : offer.raw('offeredAt') instanceof Date
          ? (offer.raw('offeredAt') as Date)
          : undefined;
    if (!feedbackIsDue(feedbackDue(request.raw('dates'), connectedAt, afterDays), now)) continue;
    out.push({ offer, request, email: email.email });
  }
  return out;
}

/**
 * The hourly run's feedback phase (under the script lock): asks at most `limit` requesters;
 * `more` says others are due. Nothing happens when `feedback.ask` is off or the form is missing
 * (Set up creates it).
 */
export function askForFeedback(
  ss: Spreadsheet,
  settings: Settings,
  templates: () => TemplateRow[],
  log: LogEntry[],
  limit = FEEDBACK_BATCH,
): { asked: number; more: boolean } {
  if (!settings.flag('feedback.ask')) return { asked: 0, more: false };
  const offers = Table.open(ss, OFFERS);
  const requests = Table.open(ss, REQUESTS);
  const now = new Date();
  const due = dueOffers(offers, requests, settings, now);
  if (due.length === 0) return { asked: 0, more: false };
  const form = openForm('training-feedback');
  if (!form) {
    console.warn('The Training feedback form is missing: run Set up registry to create it.');
    return { asked: 0, more: false };
  }
  const batch = due.slice(0, limit);
  const trainers = Table.open(ss, TRAINERS);
  const prefill = PrefillTemplate.of(form);
  const outbox = new Outbox(ss, settings, log);
  const ctx = { settings, templates: templates(), log, outbox };
  const [offerQ, codeQ] = TRAINING_FEEDBACK.questions.map((q) => q.title);
  const asked: TableRow<OfferRow>[] = [];
  for (const { offer, request, email } of batch) {
    // The code is state: written before the email that carries it.
    let row = offer;
    if (!row.raw('feedbackCode')) row = offers.update(row, { feedbackCode: randomCode(20) });
    const offerId = row.text('id');
    const trainer = byId(trainers, row.text('trainer'));
    const values = {
      name: request.text('requester'),
      requestId: request.text('id'),
      trainerName: trainer ? trainer.text('name') : row.text('trainer'),
      feedbackLink: prefill.url({ [offerQ]: offerId, [codeQ]: row.text('feedbackCode') }),
    };
    if (
      queueTemplated(
        ctx,
        email,
        'feedback.request',
        languageOf(request.raw('language')),
        values,
        offerId,
        `feedback:${offerId}:${row.text('token').slice(0, 8)}`,
      )
    )
      asked.push(row);
  }
  outbox.commit();
  for (const row of asked) {
    offers.update(row, { feedbackAsked: now });
    log.push({ action: 'Feedback asked', subject: row.text('id'), details: `${row.text('request')}: the requester, about ${row.text('trainer')}` });
  }
  return { asked: asked.length, more: due.length > batch.length };
}

const REJECTED_KEY = 'feedback.rejectedResponses';

/** Feedback answers already rejected (by response key and time), so the hourly sweep logs each once. */
function rejectedAnswers(): { has(key: string): boolean; add(key: string): void } {
  return rememberedKeys(REJECTED_KEY, 300);
}

export interface FeedbackAnswer {
  named: NamedValues;
  submitted: Date;
  key: string;
}

/**
 * Records answers from the Training feedback form: the rating and comment on the Offers row
 * (a newer answer — the requester edited it — replaces an older one), then the trainer's
 * average and count from all their ratings. An answer without the right code changes nothing.
 */
export function applyFeedbackAnswers(ss: Spreadsheet, answers: FeedbackAnswer[], log: LogEntry[]): number {
  const offers = Table.open(ss, OFFERS);
  const touched = new Set<string>();
  let rejected: ReturnType<typeof rejectedAnswers> | undefined;
  for (const a of answers) {
    const { answers: v } = readAnswers(TRAINING_FEEDBACK, a.named);
    const offer = byId(offers, v.offerId.trim());
    const rating = parseRating(v.rating);
    if (!offer || !v.code || offer.text('feedbackCode') !== v.code.trim() || rating === undefined) {
      rejected ??= rejectedAnswers();
      // The same answer reaches the trigger (response id) and each hourly sweep (row content): keyed by what both see.
      const key = `${v.offerId.trim()}@${a.submitted.getTime()}`;
      if (rejected.has(key)) continue;
      rejected.add(key);
      log.push({
        action: 'Feedback rejected',
        subject: offer ? offer.text('id') : 'unknown offer',
        details: rating === undefined ? 'no rating from 1 to 5' : `wrong or missing code in response ${a.key}`,
      });
      continue;
    }
    const at = offer.raw('feedbackAt');
    // The same answer read again (the hourly sweep reads every answer) changes nothing.
    if (at instanceof Date && at.getTime() >= a.submitted.getTime()) continue;
    offers.update(offer, { rating, feedbackComment: v.comment.trim() || undefined, feedbackAt: a.submitted });
    touched.add(offer.text('trainer'));
    // The rating and comment are private to the help desk: the Log says only that one came in.
    log.push({
      action: 'Feedback received',
      subject: offer.text('id'),
      details: `${offer.text('request')}: about ${offer.text('trainer')}; on the Offers row`,
    });
  }
  if (touched.size) updateTrainerFeedback(ss, offers, touched);
  return touched.size;
}

/** Each touched trainer's Feedback (average, one decimal) and Feedback count, from every rating in Offers. */
function updateTrainerFeedback(ss: Spreadsheet, offers: Table<OfferRow>, trainerIds: Set<string>): void {
  const trainers = Table.open(ss, TRAINERS);
  for (const id of trainerIds) {
    const ratings = offers
      .rows()
      .filter((o) => o.text('trainer') === id && typeof o.raw('rating') === 'number')
      .map((o) => o.raw('rating') as number);
    const avg = averageRating(ratings);
    const trainer = byId(trainers, id);
    if (trainer && avg) trainers.update(trainer, { feedback: avg.average, feedbackCount: avg.count });
  }
}

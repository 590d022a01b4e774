/**
 * Feedback from requesters, as pure functions: when to ask (a set number of days after the
 * training's date, or after the connection when the request gives no date) and the trainer's
 * average. app/feedback.ts does the asking and the recording.
 */

const DAY = 86400000;

/** Requests from these origins are asked for feedback: the requester was trained (not the trainer themselves, not SoFA). */
export const FEEDBACK_ORIGINS = ['client', 'find-a-facilitator', 'circle'] as const;

/** Past this many days after it fell due, nobody is asked any more (turning feedback on never mails last year's clients). */
export const FEEDBACK_LATE_DAYS = 60;

/**
 * The training's (last) date from the request's Dates cell, when it names one: a date value,
 * or ISO dates in the text ("2027-03-10 to 2027-03-12" → 12 March). Anything else: unknown.
 */
export function trainingDate(dates: unknown): Date | undefined {
  if (dates instanceof Date) return Number.isNaN(dates.getTime()) ? undefined : dates;
  const found = [...String(dates ?? '').matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)]
    .map((m) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
    .filter((t) => Number.isFinite(t));
  return found.length ? new Date(Math.max(...found)) : undefined;
}

/** When to ask: `afterDays` after the training's date, else after the connection (the offer's answer). */
export function feedbackDue(dates: unknown, connectedAt: Date | undefined, afterDays: number): Date | undefined {
  const from = trainingDate(dates) ?? connectedAt;
  return from ? new Date(from.getTime() + afterDays * DAY) : undefined;
}

/** Whether to ask now: due, and not more than FEEDBACK_LATE_DAYS ago. */
export function feedbackIsDue(due: Date | undefined, now: Date): boolean {
  if (!due) return false;
  const late = now.getTime() - due.getTime();
  return late >= 0 && late <= FEEDBACK_LATE_DAYS * DAY;
}

/** A rating answer as a whole number 1–5, else undefined. */
export function parseRating(answer: string): number | undefined {
  const n = Number(answer.trim());
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
}

/** The average (one decimal) and count of the ratings given. */
export function averageRating(ratings: number[]): { average: number; count: number } | undefined {
  if (ratings.length === 0) return undefined;
  const sum = ratings.reduce((a, b) => a + b, 0);
  return { average: Math.round((sum / ratings.length) * 10) / 10, count: ratings.length };
}

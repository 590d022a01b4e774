/**
 * Exchange agreements: every certified trainer and certified consultant needs a signed,
 * unexpired one on file (Agreements, kind "exchange"). The status is derived from the
 * Agreements rows and written into the Trainers column "Exchange agreement" in plain words:
 * "signed until 2027-03-01", "expiring 2026-12-20", "expired", "missing" (or "not needed").
 */
import type { AgreementRow, TrainerRow } from './registry';
import { foldText } from './text';

const DAY = 86400000;
/** A signed agreement ending within this many days is "expiring". */
export const EXPIRING_WITHIN_DAYS = 30;
export const NEEDS_EXCHANGE_AGREEMENT = ['certified trainer', 'certified consultant'];

export type ExchangeKind = 'signed' | 'expiring' | 'expired' | 'missing' | 'not needed';

export interface ExchangeStatus {
  kind: ExchangeKind;
  /** End of the best agreement on file (signed: its Valid until), when it has one. */
  until?: Date;
}

/** A trainer's exchange-agreement status from the Agreements rows (the best agreement on file wins). */
export function exchangeAgreementStatus(trainer: TrainerRow, agreements: readonly AgreementRow[], now: Date): ExchangeStatus {
  const needed = (trainer.roles ?? []).some((r) => NEEDS_EXCHANGE_AGREEMENT.includes(r));
  const keys = [trainer.id, trainer.email, trainer.name].map((k) => foldText(k ?? '')).filter(Boolean);
  let best: ExchangeStatus | undefined;
  const rank = (s: ExchangeStatus | undefined): number => (!s ? 0 : s.kind === 'signed' ? 3 : s.kind === 'expiring' ? 2 : 1);
  for (const a of agreements) {
    if (a.kind !== 'exchange' || (a.status !== 'signed' && a.status !== 'expired')) continue;
    const parties = [a.partyB, a.partyEmail, a.partyA].map((k) => foldText(k ?? '')).filter(Boolean);
    if (!parties.some((p) => keys.includes(p))) continue;
    const until = a.validUntil instanceof Date && !isNaN(a.validUntil.getTime()) ? a.validUntil : undefined;
    // "Valid until" names the last day it is valid (a date, midnight in the sheet): it ends when that day does.
    const end = until ? until.getTime() + DAY : Infinity;
    const s: ExchangeStatus =
      a.status === 'expired' || end < now.getTime()
        ? { kind: 'expired', until }
        : end - now.getTime() < EXPIRING_WITHIN_DAYS * DAY
          ? { kind: 'expiring', until }
          : { kind: 'signed', until };
    // Of two agreements of the same standing, the one that runs longer.
    if (rank(s) > rank(best) || (rank(s) === rank(best) && (s.until?.getTime() ?? Infinity) > (best?.until?.getTime() ?? Infinity))) best = s;
  }
  if (best) return best;
  return { kind: needed ? 'missing' : 'not needed' };
}

/** The status in the help desk's words, dates as `formatDate` writes them (the spreadsheet's time zone). */
export function exchangeAgreementText(s: ExchangeStatus, formatDate: (d: Date) => string): string {
  if (s.kind === 'signed') return s.until ? `signed until ${formatDate(s.until)}` : 'signed';
  if (s.kind === 'expiring') return s.until ? `expiring ${formatDate(s.until)}` : 'expiring';
  return s.kind;
}

/**
 * The registry as matching sees it: one read each of Trainers, Requests, Offers and
 * Agreements, turned into the pure types of domain/matching-types.ts. The exchange-agreement
 * status of each trainer is derived here from the Agreements sheet.
 */
import { exchangeAgreementStatus } from '../domain/exchange';
import type { Candidate, MatchRequest, OfferRecord } from '../domain/matching-types';
import { AGREEMENTS, OFFERS, REQUESTS, TRAINERS, type AgreementRow, type OfferRow, type RequestRow, type TrainerRow } from '../domain/registry';
import { Table, type TableRow } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RegistryForMatching {
  trainers: Table<TrainerRow>;
  requests: Table<RequestRow>;
  offers: Table<OfferRow>;
  candidates: Candidate[];
  offerRecords: OfferRecord[];
  trainerById: Map<string, TableRow<TrainerRow>>;
}

/** Exchange-agreement status of a person for matching (signed, expiring, expired, none, not needed): see domain/exchange.ts. */
export function exchangeStatus(trainer: TrainerRow, agreements: AgreementRow[], now: Date): string {
  const kind = exchangeAgreementStatus(trainer, agreements, now).kind;
  return kind === 'missing' ? 'none' : kind;
}

export function toCandidate(row: TrainerRow, exchange: string): Candidate {
  return {
    id: row.id ?? '',
    name: row.name ?? '',
    roles: row.roles ?? [],
    languages: row.languages ?? [],
    skills: row.skills ?? [],
    timeZone: row.timeZone,
    formats: row.formats ?? [],
    organisation: row.organisation,
    circles: row.circles ?? [],
    capacity: row.capacity ?? 0,
    status: row.status ?? '',
    listed: row.listed === true,
    exchangeAgreement: exchange,
    feedback: row.feedback,
    region: row.region,
    country: row.country,
    exclusions: row.exclusions ?? [],
    email: row.email,
  };
}

export function toMatchRequest(row: RequestRow): MatchRequest {
  return {
    id: row.id ?? '',
    origin: row.origin ?? 'client',
    language: row.language,
    skills: row.skills ?? [],
    format: row.format,
    location: row.location,
    timeZone: row.timeZone,
    organisation: row.organisation,
    preferredTrainer: row.preferredTrainer,
    exclude: row.exclude ?? [],
    requesterEmail: row.email,
    // "Mentor wanted" yes; rows from before that column say it in Terms ("mentor wanted: yes").
    mentorWanted: row.mentor === 'yes' || (!row.mentor && /(^|;\s*)mentor wanted: yes(;|$)/i.test(row.terms ?? '')),
  };
}

export function toOfferRecord(row: OfferRow): OfferRecord | undefined {
  if (!row.request || !row.trainer || !row.offeredAt) return undefined;
  return { requestId: row.request, trainerId: row.trainer, offeredAt: row.offeredAt, answer: row.answer ?? 'pending', answeredAt: row.answeredAt };
}

/** Reads what matching needs, once. `lists` are the registry dropdown lists (for typing rows). */
export function loadForMatching(ss: Spreadsheet, lists: Record<string, string[]>, now: Date): RegistryForMatching {
  const trainers = Table.open(ss, TRAINERS, lists);
  const requests = Table.open(ss, REQUESTS, lists);
  const offers = Table.open(ss, OFFERS);
  const agreements = Table.open(ss, AGREEMENTS)
    .rows()
    .map((r) => r.row);
  const candidates: Candidate[] = [];
  const trainerById = new Map<string, TableRow<TrainerRow>>();
  for (const r of trainers.rows()) {
    const id = r.text('id');
    if (!id) continue;
    trainerById.set(id, r);
    candidates.push(toCandidate(r.row, exchangeStatus(r.row, agreements, now)));
  }
  const offerRecords = offers
    .rows()
    .map((r) => toOfferRecord(r.row))
    .filter((o): o is OfferRecord => !!o);
  return { trainers, requests, offers, candidates, offerRecords, trainerById };
}

/**
 * The registry as matching sees it: one read each of Trainers, Requests, Offers and
 * Agreements, turned into the pure types of domain/matching-types.ts. The exchange-agreement
 * status of each trainer is derived here from the Agreements sheet.
 */
import { exchangeAgreementStatus } from '../domain/exchange';
import type { Candidate, MatchRequest, OfferAnswer, OfferRecord } from '../domain/matching-types';
import { AGREEMENTS, OFFERS, REQUESTS, TRAINERS, type Origin } from '../domain/registry';
import type { Row } from '../domain/rows';
import { Table, type TableRow } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
const text = (v: unknown): string | undefined => (v === undefined || v === '' ? undefined : String(v));

export interface RegistryForMatching {
  trainers: Table;
  requests: Table;
  offers: Table;
  candidates: Candidate[];
  offerRecords: OfferRecord[];
  trainerById: Map<string, TableRow>;
}

/** Exchange-agreement status of a person for matching (signed, expiring, expired, none, not needed): see domain/exchange.ts. */
export function exchangeStatus(trainer: Row, agreements: Row[], now: Date): string {
  const kind = exchangeAgreementStatus(trainer, agreements, now).kind;
  return kind === 'missing' ? 'none' : kind;
}

export function toCandidate(row: Row, exchange: string): Candidate {
  return {
    id: String(row.id ?? ''),
    name: String(row.name ?? ''),
    roles: list(row.roles),
    languages: list(row.languages),
    skills: list(row.skills),
    timeZone: text(row.timeZone),
    formats: list(row.formats),
    organisation: text(row.organisation),
    circles: list(row.circles),
    capacity: typeof row.capacity === 'number' ? row.capacity : 0,
    status: String(row.status ?? ''),
    listed: row.listed === true,
    exchangeAgreement: exchange,
    feedback: typeof row.feedback === 'number' ? row.feedback : undefined,
    region: text(row.region),
    country: text(row.country),
    exclusions: list(row.exclusions),
    email: text(row.email),
  };
}

export function toMatchRequest(row: Row): MatchRequest {
  return {
    id: String(row.id ?? ''),
    origin: String(row.origin ?? 'client') as Origin,
    language: text(row.language),
    skills: list(row.skills),
    format: text(row.format),
    location: text(row.location),
    timeZone: text(row.timeZone),
    organisation: text(row.organisation),
    preferredTrainer: text(row.preferredTrainer),
    exclude: list(row.exclude),
    requesterEmail: text(row.email),
    // "Mentor wanted" yes; rows from before that column say it in Terms ("mentor wanted: yes").
    mentorWanted: row.mentor === 'yes' || (!row.mentor && /(^|;\s*)mentor wanted: yes(;|$)/i.test(String(row.terms ?? ''))),
  };
}

export function toOfferRecord(row: Row): OfferRecord | undefined {
  if (!row.request || !row.trainer || !(row.offeredAt instanceof Date)) return undefined;
  return {
    requestId: String(row.request),
    trainerId: String(row.trainer),
    offeredAt: row.offeredAt,
    answer: (String(row.answer ?? 'pending') as OfferAnswer) || 'pending',
    answeredAt: row.answeredAt instanceof Date ? row.answeredAt : undefined,
  };
}

/** Reads what matching needs, once. `lists` are the registry dropdown lists (for typing rows). */
export function loadForMatching(ss: Spreadsheet, lists: Record<string, string[]>, now: Date): RegistryForMatching {
  const trainers = Table.open(ss, TRAINERS, lists);
  const requests = Table.open(ss, REQUESTS, lists);
  const offers = Table.open(ss, OFFERS);
  const agreements = Table.open(ss, AGREEMENTS).rows().map((r) => r.row);
  const candidates: Candidate[] = [];
  const trainerById = new Map<string, TableRow>();
  for (const r of trainers.rows()) {
    const id = String(r.raw('id'));
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

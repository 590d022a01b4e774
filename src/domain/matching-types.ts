/**
 * The vocabulary of matching: who can be offered a request, how they are scored, and why
 * someone was left out. Shared by the matching engine, the pool assignment, the sidebar
 * and the Offers ledger. Pure types.
 */
import type { Origin } from './registry';

/** A trainer as matching sees them (from a Trainers row). */
export interface Candidate {
  id: string;
  name: string;
  roles: string[];
  /** Language codes. */
  languages: string[];
  skills: string[];
  /** IANA name or "UTC±hh:mm"; may be empty. */
  timeZone?: string;
  formats: string[];
  organisation?: string;
  circles: string[];
  /** Gigs per capacity period; 0 or absent means none. */
  capacity: number;
  status: 'active' | 'paused' | 'left' | string;
  listed: boolean;
  /** Derived from the Agreements sheet. */
  exchangeAgreement: 'none' | 'signed' | 'expiring' | 'expired' | 'not needed' | string;
  /** Average feedback, 1–5, if any. */
  feedback?: number;
  region?: string;
  country?: string;
  /** Organisations or request ids this trainer must not be offered (conflicts of interest). */
  exclusions: string[];
  /** Private: only compared with the requester's email (nobody is offered their own request). */
  email?: string;
}

/** A request as matching sees it (from a Requests row). */
export interface MatchRequest {
  id: string;
  origin: Origin;
  /** Language code. */
  language?: string;
  skills: string[];
  format?: string;
  location?: string;
  timeZone?: string;
  organisation?: string;
  /** Name or id of a trainer the requester asked for. */
  preferredTrainer?: string;
  /** Trainer ids, emails or names the help desk excluded for this request. */
  exclude: string[];
  /** Private: the requester's email; a trainer with this email is never proposed for it. */
  requesterEmail?: string;
  /** Trainer-initiated: the trainer asked for a mentor ("Mentor wanted" yes). Without it nobody is proposed. */
  mentorWanted?: boolean;
}

export type OfferAnswer = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

/** One row of the Offers ledger. */
export interface OfferRecord {
  requestId: string;
  trainerId: string;
  offeredAt: Date;
  answer: OfferAnswer;
  answeredAt?: Date;
}

/**
 * The one list of scoring criteria, in the order a score's breakdown shows them. Everything else
 * derives from it: the weights in a policy, the Settings keys `match.weight.<criterion>`, the
 * breakdown's keys and the sidebar's labels (a criterion added here fails the typecheck where one is missing).
 */
export const CRITERIA = ['skills', 'timeZone', 'format', 'fairness', 'feedback', 'preference'] as const;
export type CriterionKey = (typeof CRITERIA)[number];

/** Circle policy from the Settings sheet. */
export interface MatchPolicy {
  weights: Record<CriterionKey, number>;
  /** Days over which offers count for fairness (fewer recent offers rank higher). */
  rotationWindowDays: number;
  /** Days over which accepted gigs count against capacity. */
  capacityPeriodDays: number;
  /** Offers waiting for an answer hold capacity too (false: accepted gigs only). Absent means true. */
  capacityCountsPending?: boolean;
  /** Minimum fit: requested topics a person must cover (capped at the number asked). Absent means 1. */
  minTopics?: number;
  /** Exclude certified trainers/consultants without a signed, unexpired exchange agreement. */
  requireExchangeAgreement: boolean;
  /** How many candidates a proposal shows and writes to the request. */
  topN: number;
}

/** One criterion's share of a score. `value` is 0–1; `points` = value × weight. */
export interface Criterion {
  criterion: CriterionKey;
  value: number;
  weight: number;
  points: number;
  /** Plain words for the help desk: "3 of 4 topics: Consent, Rounds, Roles". */
  reason: string;
  /** What the reason says, as data: the offer email's "Why you" is worded from it in the trainer's language (src/domain/why.ts). */
  facts?: CriterionFacts;
}

export interface CriterionFacts {
  /** skills: the requested topics this trainer covers (as the request names them), and how many were asked. */
  covered?: string[];
  asked?: number;
  /** timeZone: hours between the request's and the trainer's time zone (absent when either is unknown). */
  hoursApart?: number;
  /** format: the format asked for, whether the trainer offers it, and (in person) whether they are based near the location. */
  format?: string;
  offers?: boolean;
  near?: boolean;
  /** fairness: offers in the rotation window. */
  recentOffers?: number;
  /** feedback: the trainer's average (1–5), when there is one. */
  feedback?: number;
  /** preference: the requester asked for this trainer by name. */
  askedFor?: boolean;
}

export interface RankedCandidate {
  trainerId: string;
  name: string;
  /** Sum of points, scaled to 0–100 by the sum of weights. */
  score: number;
  breakdown: Criterion[];
  /** Whole days since this person was last offered a gig or got one; absent: never. */
  lastOfferDaysAgo?: number;
}

export type HardFilter = 'status' | 'language' | 'role' | 'capacity' | 'exchangeAgreement' | 'conflict' | 'declined' | 'alreadyOffered' | 'topics';

export interface Exclusion {
  trainerId: string;
  name: string;
  filter: HardFilter;
  /** Plain words: "speaks en, pt — request is in ru". */
  reason: string;
}

export interface MatchResult {
  requestId: string;
  ranked: RankedCandidate[];
  /** Everyone left out; those below the minimum fit only (filter 'topics') come first, closest first. */
  excluded: Exclusion[];
  /** People who pass every filter but the minimum fit, best first (as many as topN): the help desk may still offer them by hand. */
  closest: RankedCandidate[];
  /** When nobody is ranked: the real gap in plain words ("no mentor speaks ru", "nobody covers Consent"). */
  gap?: string;
}

/** Offers per trainer over the rotation window, for the fairness figure. */
export interface FairnessFigure {
  windowDays: number;
  /** Active trainers with capacity counted. */
  trainers: number;
  offers: number;
  min: number;
  max: number;
  /** Gini coefficient of offers per trainer: 0 = perfectly even, towards 1 = all to one person. */
  gini: number;
}

/** What the pool assignment decided for one request. */
export interface PoolAssignment {
  requestId: string;
  trainerId?: string;
  score?: number;
  /** Why nobody was assigned, when nobody was. */
  reason?: string;
}

/** Hours east of UTC for a time zone at a moment, or undefined when unknown. */
export type OffsetOf = (timeZone: string) => number | undefined;

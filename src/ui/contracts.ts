/**
 * What the server sends to the pages and what the pages send back: the only shapes that cross
 * google.script.run and the directory template. Pure types, imported by both sides
 * (`import type`), so the sidebar and the server cannot disagree.
 */
import type { Criterion, Exclusion, FairnessFigure } from '../domain/matching-types';
import type { DirectoryEntry, LanguageOption } from '../domain/directory';

export type { DirectoryEntry, LanguageOption };

/** A request as the proposal sidebar shows it (no requester email). */
export interface RequestSummary {
  id: string;
  origin: string;
  status: string;
  language: string;
  languageLabel: string;
  skills: string[];
  format?: string;
  dates?: string;
  groupSize?: number;
  organisation?: string;
  requester?: string;
  assigned?: string;
}

export interface CandidateView {
  trainerId: string;
  name: string;
  score: number;
  breakdown: Criterion[];
  /** The answer to an offer already made for this request, if any. */
  offer?: 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
}

export interface OfferView {
  offerId: string;
  trainerId: string;
  name: string;
  answer: string;
  offeredAt: string;
}

export interface RequestProposal {
  request: RequestSummary;
  ranked: CandidateView[];
  excluded: Exclusion[];
  offers: OfferView[];
  /** When nobody is ranked: the real gap ("nobody covers Consent", "no mentor speaks ru"). */
  gap?: string;
}

export interface ProposalView {
  requests: RequestProposal[];
  /** Policy in force, for the footnote ("weights from the Settings sheet"). */
  weights: Record<string, number>;
  topN: number;
  /** Offers per active trainer over the rotation window (the sidebar's footer). */
  fairness?: FairnessFigure;
}

/** Result of a sidebar action: a message for the help desk and the refreshed view. */
export interface ActionResult {
  ok: boolean;
  message: string;
  view?: ProposalView;
}

export interface PoolRow {
  requestId: string;
  summary: string;
  trainerId?: string;
  trainerName?: string;
  score?: number;
  reason?: string;
}

export interface PoolView {
  rows: PoolRow[];
  assigned: number;
  unassigned: number;
  /** Sum of scores of the assignment (what the optimisation maximised). */
  totalScore: number;
}

export interface PoolResult {
  ok: boolean;
  message: string;
  offered: number;
}

/** One facilitator on the public directory: never an email, a rate or notes. */
export interface DirectoryView {
  title: string;
  /** Facilitators in today's fair rotation order. */
  facilitators: DirectoryEntry[];
  languages: LanguageOption[];
  skills: string[];
  /** The find-a-facilitator form without a preferred facilitator. */
  requestUrl: string;
  generatedAt: string;
}

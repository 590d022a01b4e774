/**
 * The matching engine: who may be offered a request (hard filters in a fixed order, the first
 * that fails is the "why not") and how the others rank (soft criteria weighted by Settings,
 * each explained in plain words). Pure: runs in Apps Script V8 and in Node alike.
 * Speed comes from doing the slow parts once per execution: trainers are prepared (folded
 * text, role bits, time-zone slots) once per array, the Offers ledger is indexed once, and
 * time-zone offsets are computed once per distinct zone name.
 */
import {
  CRITERIA,
  type Candidate,
  type Criterion,
  type CriterionFacts,
  type Exclusion,
  type FairnessFigure,
  type HardFilter,
  type MatchPolicy,
  type MatchRequest,
  type MatchResult,
  type OfferRecord,
  type OffsetOf,
  type RankedCandidate,
} from './matching-types';
import { DEFAULT_ROLES } from './policy';
import { ROLES, type Origin } from './registry';
import { foldText } from './text';
import { parseUtcOffset } from './timezone';

const DAY = 86400000;
/** Filter codes are 1-based indexes into this list (0 = eligible). */
export const FILTERS: readonly HardFilter[] = [
  'status',
  'language',
  'role',
  'capacity',
  'exchangeAgreement',
  'conflict',
  'declined',
  'alreadyOffered',
  'topics',
];
/** The filter code of the minimum fit: the last one, so every other reason comes first. */
const TOPICS = FILTERS.length;
const CERTIFIED = (1 << ROLES.indexOf('certified trainer')) | (1 << ROLES.indexOf('certified consultant'));
const AGREEMENT_OK = ['signed', 'expiring', 'not needed'];
// Offer-ledger flags per request and trainer.
const DECLINED = 1;
const PENDING = 2;
const ACCEPTED = 4;

/** Case, accents and punctuation ignored; letters of every script kept (Cyrillic names too). */
export const fold = foldText;

/** The Offers ledger indexed for matching; build it once per execution with buildOfferIndex. */
export interface OfferIndex {
  /** Offer times per trainer, ascending (fairness). */
  offered: Map<string, number[]>;
  /** Accepted-gig times per trainer, ascending (capacity). */
  accepted: Map<string, number[]>;
  /** Offers waiting for an answer per trainer (capacity, unless Settings count accepted gigs only). */
  pending: Map<string, number>;
  /** The last time each trainer was offered a gig or got one (fair rotation's tie-break). */
  last: Map<string, number>;
  /** requestId → trainerId → DECLINED | PENDING | ACCEPTED bits. */
  pairs: Map<string, Map<string, number>>;
}

/** Indexes the Offers ledger: offers and accepted gigs per trainer, answers per request and trainer. */
export function buildOfferIndex(offers: OfferRecord[]): OfferIndex {
  const index: OfferIndex = { offered: new Map(), accepted: new Map(), pending: new Map(), last: new Map(), pairs: new Map() };
  const push = (m: Map<string, number[]>, k: string, t: number) => {
    if (!Number.isFinite(t)) return;
    const a = m.get(k);
    if (a) a.push(t);
    else m.set(k, [t]);
  };
  for (const o of offers) {
    const t = o.trainerId.trim();
    push(index.offered, t, o.offeredAt?.getTime());
    if (o.answer === 'accepted') push(index.accepted, t, (o.answeredAt ?? o.offeredAt)?.getTime());
    if (o.answer === 'pending') index.pending.set(t, (index.pending.get(t) ?? 0) + 1);
    for (const at of [o.offeredAt?.getTime(), o.answer === 'accepted' ? o.answeredAt?.getTime() : undefined]) {
      if (at !== undefined && Number.isFinite(at) && !(at <= (index.last.get(t) ?? -Infinity))) index.last.set(t, at);
    }
    // An offer left to expire counts as declined: the same person is not asked again for this request.
    const bit = o.answer === 'declined' || o.answer === 'expired' ? DECLINED : o.answer === 'pending' ? PENDING : o.answer === 'accepted' ? ACCEPTED : 0;
    if (!bit) continue;
    let m = index.pairs.get(o.requestId.trim());
    if (!m) index.pairs.set(o.requestId.trim(), (m = new Map()));
    m.set(t, (m.get(t) ?? 0) | bit);
  }
  for (const m of [index.offered, index.accepted]) for (const a of m.values()) a.sort((x, y) => x - y);
  return index;
}

/** How many sorted times are ≥ cut (binary search). */
function since(times: number[] | undefined, cut: number): number {
  if (!times) return 0;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < cut) lo = mid + 1;
    else hi = mid;
  }
  return times.length - lo;
}

/** Hours east of UTC: "UTC±hh:mm" read here, other names (IANA) through offsetOf; undefined when unknown. */
export function zoneOffset(tz: string | undefined, offsetOf: OffsetOf): number | undefined {
  const s = (tz ?? '').trim();
  if (!s) return undefined;
  const fixed = parseUtcOffset(s);
  if (fixed !== undefined) return fixed;
  try {
    const o = offsetOf(s);
    return typeof o === 'number' && Number.isFinite(o) ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Hours between two offsets around the clock (UTC+12 and UTC−11 are 1 h apart). */
const apart = (a: number, b: number): number => {
  const d = Math.abs(a - b) % 24;
  return Math.min(d, 24 - d);
};

interface Row {
  t: Candidate;
  id: string;
  active: boolean;
  langs: string[];
  roles: number;
  agreementOk: boolean;
  capacity: number;
  org: string;
  circles: string[];
  excl: string[];
  /** Lower-cased email, '' when none (private: compared, never shown). */
  email: string;
  /** Folded id and name, made on first use: only preferences and exclusions need them. */
  keys?: string[];
  skills: Set<string>;
  formats: string[];
  /** Formats as bits (online 1, in person 2, hybrid 4): the format test without strings. */
  fmt: number;
  /** Slot in Pool.zones, -1 when none. */
  zone: number;
  /** Region and country, folded and padded with spaces for whole-word search. */
  place: string[];
  feedback: number;
}

interface Pool {
  rows: Row[];
  zones: string[];
  tzFn?: OffsetOf;
  tz?: Float64Array;
  counts?: Counts;
  /** For the pool: rows anyone could be offered (active, free capacity, agreement), per language, in fair-rotation order. */
  free?: {
    counts: Counts;
    agreement: boolean;
    rows: Int32Array;
    pos: Int32Array;
    byRole: Map<string, { byLang: Map<string, Int32Array>; bySkill: Map<string, Int32Array> }>;
  };
  /** Scratch space of poolScan, reused request after request. */
  scratch?: { keys: Float64Array; seen: Int32Array; stamp: number; got: Int32Array };
}

/** Trainers prepared for matching (opaque). */
export type PreparedCandidates = Pool;

/** The bit of a folded format (0 when unknown: then nobody offers it). */
function formatBit(f: string): number {
  return f === 'online' ? 1 : f === 'in person' ? 2 : f === 'hybrid' ? 4 : 0;
}

const keysOf = (r: Row): string[] => r.keys || (r.keys = [fold(r.t.id), fold(r.t.name)].filter(Boolean));

const prepCache = new WeakMap<Candidate[], Pool>();

/** Prepares trainers once (folded text, role bits, zone slots); matchTrainers and assignPool also cache this per array, so do not change an array after matching with it. */
export function prepareCandidates(trainers: Candidate[]): PreparedCandidates {
  const memo = new Map<string, string>();
  const f = (s: string | undefined) => {
    const k = s ?? '';
    let v = memo.get(k);
    if (v === undefined) memo.set(k, (v = fold(k)));
    return v;
  };
  const all = (xs: string[] | undefined) => {
    const out: string[] = [];
    for (const x of xs ?? []) {
      const v = f(x);
      if (v) out.push(v);
    }
    return out;
  };
  const zoneSlot = new Map<string, number>();
  const zones: string[] = [];
  const rows = trainers.map((t): Row => {
    const z = (t.timeZone ?? '').trim();
    let zone = -1;
    if (z) {
      zone = zoneSlot.get(z) ?? zones.length;
      if (zone === zones.length) zoneSlot.set(z, zones.push(z) - 1);
    }
    const roles = all(t.roles).reduce((m, r) => m | (ROLES.indexOf(r as (typeof ROLES)[number]) >= 0 ? 1 << ROLES.indexOf(r as (typeof ROLES)[number]) : 0), 0);
    return {
      t,
      id: String(t.id ?? '').trim(),
      active: f(t.status) === 'active',
      langs: all(t.languages),
      roles,
      // "signed", "expiring", "not needed" — also with a date after them ("signed until 2027-05-01").
      agreementOk: !(roles & CERTIFIED) || AGREEMENT_OK.some((ok) => f(t.exchangeAgreement) === ok || f(t.exchangeAgreement).startsWith(`${ok} `)),
      capacity: Number(t.capacity) || 0,
      org: f(t.organisation),
      circles: all(t.circles),
      excl: all(t.exclusions),
      email: (t.email ?? '').trim().toLowerCase(),
      skills: new Set(all(t.skills)),
      formats: all(t.formats),
      fmt: all(t.formats).reduce((m, x) => m | formatBit(x), 0),
      zone,
      place: [f(t.region), f(t.country)].filter(Boolean).map((x) => ` ${x} `),
      feedback: typeof t.feedback === 'number' && t.feedback >= 1 ? Math.min(t.feedback, 5) : -1,
    };
  });
  return { rows, zones };
}

function pool(trainers: Candidate[] | PreparedCandidates): Pool {
  if (!Array.isArray(trainers)) return trainers;
  let p = prepCache.get(trainers);
  if (!p) prepCache.set(trainers, (p = prepareCandidates(trainers)));
  return p;
}

/** Offset per zone slot (NaN = unknown), computed once per offsetOf function. */
function zoneOffsets(p: Pool, offsetOf: OffsetOf): Float64Array {
  if (p.tzFn !== offsetOf || !p.tz) {
    p.tz = Float64Array.from(p.zones, (z) => zoneOffset(z, offsetOf) ?? NaN);
    p.tzFn = offsetOf;
  }
  return p.tz;
}

export interface Counts {
  index: OfferIndex;
  oc: number;
  cc: number;
  withPending: boolean;
  /** Offers in the rotation window, per row. */
  offers: Int32Array;
  /** Accepted gigs in the capacity period, per row. */
  accepted: Int32Array;
  /** Offers waiting for an answer, per row. */
  pending: Int32Array;
  /** What holds capacity: accepted gigs, plus pending offers unless Settings say accepted only. */
  used: Int32Array;
  /** Last offer or gig, per row (−Infinity: never). */
  last: Float64Array;
  /** Row indexes in fair-rotation order: fewer offers in the window, then offered longest ago (then the offers before), then id. */
  order: Int32Array;
}

const byId = (rows: Row[]) => (a: number, b: number) => (rows[a].id < rows[b].id ? -1 : rows[a].id > rows[b].id ? 1 : 0);

/** Offers in the rotation window, capacity held and the fair-rotation order, per row (cached per index and cut-offs). */
function counts(p: Pool, index: OfferIndex, oc: number, cc: number, withPending: boolean): Counts {
  const c = p.counts;
  if (c && c.index === index && c.oc === oc && c.cc === cc && c.withPending === withPending) return c;
  const n = p.rows.length;
  const offers = new Int32Array(n);
  const accepted = new Int32Array(n);
  const pending = new Int32Array(n);
  const used = new Int32Array(n);
  const last = new Float64Array(n);
  p.rows.forEach((r, i) => {
    offers[i] = since(index.offered.get(r.id), oc);
    accepted[i] = since(index.accepted.get(r.id), cc);
    pending[i] = index.pending.get(r.id) ?? 0;
    used[i] = accepted[i] + (withPending ? pending[i] : 0);
    last[i] = index.last.get(r.id) ?? -Infinity;
  });
  const tie = byId(p.rows);
  // Equal last offers (one pool round offers several people at once): the earlier offers
  // before it decide, newest first — whoever has none left, or an older one, waited longer.
  const history = (a: number, b: number): number => {
    const ha = index.offered.get(p.rows[a].id) ?? [];
    const hb = index.offered.get(p.rows[b].id) ?? [];
    for (let k = 1; k <= Math.max(ha.length, hb.length); k++) {
      const ta = ha[ha.length - k] ?? -Infinity;
      const tb = hb[hb.length - k] ?? -Infinity;
      if (ta !== tb) return ta < tb ? -1 : 1;
    }
    return 0;
  };
  const order = Int32Array.from(p.rows.keys()).sort((a, b) => offers[a] - offers[b] || last[a] - last[b] || history(a, b) || tie(a, b));
  return (p.counts = { index, oc, cc, withPending, offers, accepted, pending, used, last, order });
}

export type MatchingPolicy = MatchPolicy & { rolesFor?: Partial<Record<Origin, string[]>> };

/** What one request needs, folded once. */
interface Ctx {
  req: MatchRequest;
  policy: MatchingPolicy;
  lang: string;
  need: number;
  needListed: boolean;
  needWords: string;
  /** The roles asked, as a noun: "mentor", "listed facilitator", "certified trainer or …". */
  roleNoun: string;
  org: string;
  email: string;
  /** A trainer-initiated request that did not ask for a mentor: nobody is proposed. */
  noMentor: boolean;
  /** Requested topics a person must cover to be ranked (minimum fit). */
  minHits: number;
  idF: string;
  exclude: Set<string>;
  skills: string[];
  skillLabels: string[];
  format: string;
  fmtBit: number;
  /** Folded location padded with spaces, for whole-word search. */
  loc: string;
  tz: number;
  preferred: string;
  pairs?: Map<string, number>;
  w: number[];
  sumW: number;
}

function context(req: MatchRequest, policy: MatchingPolicy, index: OfferIndex, offsetOf: OffsetOf): Ctx {
  const roles = (policy.rolesFor?.[req.origin] ?? DEFAULT_ROLES[req.origin]?.split(', ') ?? []).map(fold);
  const known = roles.filter((r) => ROLES.includes(r as (typeof ROLES)[number]));
  const needListed = req.origin === 'find-a-facilitator';
  const skills: string[] = [];
  const skillLabels: string[] = [];
  for (const s of req.skills ?? []) {
    const k = fold(s);
    if (k && !skills.includes(k)) {
      skills.push(k);
      skillLabels.push(s.trim());
    }
  }
  const w = CRITERIA.map((c) => Math.max(0, Number(policy.weights[c]) || 0));
  const names = known.length > 1 ? `${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}` : known[0];
  const min = policy.minTopics === undefined ? 1 : Math.max(0, Math.floor(Number(policy.minTopics) || 0));
  return {
    req,
    policy,
    lang: fold(req.language),
    need: known.reduce((m, r) => m | (1 << ROLES.indexOf(r as (typeof ROLES)[number])), 0),
    needListed,
    needWords: `${needListed ? 'a listed ' : 'a '}${names ?? 'role set in Settings'}`,
    roleNoun: `${needListed ? 'listed ' : ''}${names ?? 'trainer'}`,
    org: fold(req.organisation),
    email: (req.requesterEmail ?? '').trim().toLowerCase(),
    noMentor: req.origin === 'trainer-initiated' && req.mentorWanted !== true,
    minHits: Math.min(min, skills.length),
    idF: fold(req.id),
    exclude: new Set((req.exclude ?? []).map(fold).filter(Boolean)),
    skills,
    skillLabels,
    format: fold(req.format),
    fmtBit: formatBit(fold(req.format)),
    loc: req.location?.trim() ? ` ${fold(req.location)} ` : '',
    tz: zoneOffset(req.timeZone, offsetOf) ?? NaN,
    preferred: fold(req.preferredTrainer),
    pairs: index.pairs.get(String(req.id ?? '').trim()),
    w,
    sumW: w.reduce((a, b) => a + b, 0),
  };
}

/** Is there a conflict of interest (the same test as `conflict`, without building words)? */
function conflicted(c: Ctx, r: Row): boolean {
  if (c.org && (r.org === c.org || r.circles.includes(c.org) || r.excl.includes(c.org))) return true;
  if (c.email && r.email === c.email) return true;
  if (r.excl.length && r.excl.includes(c.idF)) return true;
  return c.exclude.size > 0 && keysOf(r).some((k) => c.exclude.has(k));
}

/** The conflict of interest in words, or '' when there is none. */
function conflict(c: Ctx, r: Row): string {
  const org = c.req.organisation?.trim();
  if (c.org && r.org === c.org) return `works for ${org}, the requesting organisation`;
  // Whatever the origin: a client or facilitator request may name a SoFA circle too.
  if (c.org && r.circles.includes(c.org)) return `member of ${org}, ${c.req.origin === 'circle' ? 'the requesting circle' : 'the circle named in the request'}`;
  if (c.email && r.email === c.email) return c.req.origin === 'trainer-initiated' ? 'registered this training themselves' : 'sent this request themselves';
  if (r.excl.includes(c.idF) || (c.org && r.excl.includes(c.org))) return `conflict of interest on file for ${r.excl.includes(c.idF) ? c.req.id : org}`;
  if (c.exclude.size && keysOf(r).some((k) => c.exclude.has(k))) return 'excluded from this request by the help desk';
  return '';
}

/** The first hard filter that fails (1-based code into FILTERS; the minimum fit is checked by the caller), or 0. */
function filterOf(c: Ctx, r: Row, used: number): number {
  if (!r.active) return 1;
  if (c.lang && !r.langs.includes(c.lang)) return 2;
  if (!(r.roles & c.need) || (c.needListed && !r.t.listed)) return 3;
  if (r.capacity - used <= 0) return 4;
  if (c.policy.requireExchangeAgreement && !r.agreementOk) return 5;
  if (conflicted(c, r)) return 6;
  const bits = c.pairs?.get(r.id) ?? 0;
  return bits & DECLINED ? 7 : bits ? 8 : 0;
}

function offersFormat(c: Ctx, r: Row): boolean {
  return (r.fmt & c.fmtBit) !== 0 || (c.fmtBit === 4 && (r.fmt & 3) === 3);
}
function near(c: Ctx, r: Row): boolean {
  for (const p of r.place) if (c.loc.includes(p)) return true;
  return false;
}

function hitsOf(c: Ctx, r: Row): number {
  let hits = 0;
  for (const s of c.skills) if (r.skills.has(s)) hits++;
  return hits;
}

/** Fills v with the six criterion values (0–1) and returns the score in tenths (0–1000). */
function values(c: Ctx, r: Row, offers: number, tz: number, v: Float64Array): number {
  let hits = 0;
  for (const s of c.skills) if (r.skills.has(s)) hits++;
  v[0] = c.skills.length ? hits / c.skills.length : 0.5;
  v[1] = Number.isNaN(c.tz) || Number.isNaN(tz) ? 0.5 : Math.max(0, 1 - apart(c.tz, tz) / 8);
  // In person: offering it counts 0.7 and living near the location the other 0.3.
  v[2] =
    !c.format || !r.formats.length
      ? 0.5
      : c.format === 'in person' && c.loc
        ? (offersFormat(c, r) ? 0.7 : 0) + (near(c, r) ? 0.3 : 0)
        : offersFormat(c, r)
          ? 1
          : 0;
  v[3] = 1 / (1 + offers);
  v[4] = r.feedback < 0 ? 0.5 : (r.feedback - 1) / 4;
  v[5] = c.preferred && keysOf(r).includes(c.preferred) ? 1 : 0;
  let sum = 0;
  for (let k = 0; k < 6; k++) sum += v[k] * c.w[k];
  return c.sumW > 0 ? Math.round((1000 * sum) / c.sumW) : 0;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** The six criteria with their reasons, for the help desk. */
function explain(c: Ctx, r: Row, offers: number, tz: number, v: Float64Array): Criterion[] {
  const hit = c.skillLabels.filter((_, k) => r.skills.has(c.skills[k]));
  const fmt = c.req.format?.trim();
  const reasons = [
    c.skills.length ? `${hit.length} of ${plural(c.skills.length, 'topic')}${hit.length ? `: ${hit.join(', ')}` : ''}` : 'no topics asked',
    Number.isNaN(c.tz) || Number.isNaN(tz) ? 'time zone unknown' : apart(c.tz, tz) === 0 ? 'same time zone' : `${r2(apart(c.tz, tz))} h apart`,
    !fmt
      ? 'no format asked'
      : !r.formats.length
        ? 'formats not on file'
        : `${offersFormat(c, r) ? 'offers' : 'does not offer'} ${fmt}${fmt === 'in person' && c.loc ? (near(c, r) ? `, based near ${c.req.location?.trim()}` : ', not based near the location') : ''}`,
    `${offers ? plural(offers, 'offer') : 'no offers'} in the last ${c.policy.rotationWindowDays} days`,
    r.feedback < 0 ? 'no feedback yet' : `feedback ${r2(r.feedback)} of 5`,
    !c.preferred ? 'no one asked for by name' : v[5] ? 'asked for by the requester' : `the requester asked for ${c.req.preferredTrainer?.trim()}`,
  ];
  const hours = Number.isNaN(c.tz) || Number.isNaN(tz) ? undefined : r2(apart(c.tz, tz));
  const facts: CriterionFacts[] = [
    { covered: hit, asked: c.skills.length },
    hours === undefined ? {} : { hoursApart: hours },
    fmt && r.formats.length ? { format: fmt, offers: offersFormat(c, r), near: fmt === 'in person' && c.loc ? near(c, r) : undefined } : {},
    { recentOffers: offers },
    r.feedback < 0 ? {} : { feedback: r2(r.feedback) },
    { askedFor: v[5] > 0 },
  ];
  return CRITERIA.map((criterion, k) => ({
    criterion,
    value: r2(v[k]),
    weight: c.w[k],
    points: Math.round(v[k] * c.w[k] * 10) / 10,
    reason: reasons[k],
    facts: facts[k],
  }));
}

/** Why a filter excluded this person, in plain words. */
function exclusionReason(c: Ctx, r: Row, code: number, accepted: number, pending: number): string {
  const t = r.t;
  const status = (t.status ?? '').trim();
  switch (FILTERS[code - 1]) {
    case 'status':
      return status === 'paused' ? 'is paused' : status === 'left' ? 'has left' : status ? `status is "${status}"` : 'no status on file';
    case 'language':
      return `speaks ${t.languages?.join(', ') || 'no language on file'} — request is in ${c.req.language?.trim()}`;
    case 'role':
      return `is ${t.roles?.join(', ') || 'no role on file'}${r.roles & c.need ? ', not listed in the directory' : ''} — ${c.req.origin} needs ${c.needWords}`;
    case 'capacity':
      if (r.capacity <= 0) return 'has no capacity (0 gigs per month)';
      if (!pending || c.policy.capacityCountsPending === false)
        return `${accepted} of ${plural(r.capacity, 'gig')} accepted in the last ${c.policy.capacityPeriodDays} days`;
      return `capacity ${plural(r.capacity, 'gig')}: ${accepted} accepted in the last ${c.policy.capacityPeriodDays} days and ${plural(pending, 'offer')} waiting for an answer`;
    case 'exchangeAgreement':
      return `${!t.exchangeAgreement || t.exchangeAgreement === 'none' ? 'no exchange agreement on file' : `exchange agreement ${t.exchangeAgreement}`} — certified trainers and consultants need a signed one`;
    case 'conflict':
      return conflict(c, r);
    case 'declined':
      return 'declined this request, or let the offer expire';
    case 'alreadyOffered':
      return c.pairs?.get(r.id) === PENDING ? 'already has a pending offer for this request' : 'already accepted this request';
    default: {
      const hit = c.skillLabels.filter((_, k) => r.skills.has(c.skills[k]));
      return `${hit.length ? `covers only ${hit.join(', ')}` : 'covers none of the topics asked'} — at least ${plural(c.minHits, 'topic')} of ${c.skillLabels.join(', ')} needed`;
    }
  }
}

/** One pass over the pool for a request: filter codes, scores in tenths, rows ranked. */
export interface Scan {
  ctx: Ctx;
  pool: Pool;
  now: number;
  counts: Counts;
  /** Filter code per row (1-based into FILTERS; the last is the minimum fit), 0 = ranked. */
  filter: Uint8Array;
  /** Score in tenths, for ranked rows and rows below the minimum fit only. */
  score: Int32Array;
  /** Eligible rows, best first: score, then fair rotation (fewer offers in the window, offered longest ago, id). */
  ranked: number[];
  /** Rows that fail only the minimum fit, in the same order. */
  closest: number[];
  /** How many rows each filter excluded (FILTERS order). */
  perFilter: number[];
  tz: Float64Array;
}

export interface ScanOptions {
  /** Rank only the best `enough` people (the pool needs no one further down: see assignment.ts). Filters still count everyone. */
  enough?: number;
}

/** Filters and scores every trainer for one request, numbers only (shared by matchTrainers and assignPool). */
export function scan(
  request: MatchRequest,
  trainers: Candidate[] | PreparedCandidates,
  index: OfferIndex,
  policy: MatchingPolicy,
  now: Date,
  offsetOf: OffsetOf,
  opts: ScanOptions = {},
): Scan {
  const p = pool(trainers);
  const ctx = context(request, policy, index, offsetOf);
  const cnt = counts(
    p,
    index,
    now.getTime() - policy.rotationWindowDays * DAY,
    now.getTime() - policy.capacityPeriodDays * DAY,
    policy.capacityCountsPending !== false,
  );
  const tz = zoneOffsets(p, offsetOf);
  const n = p.rows.length;
  const filter = new Uint8Array(n);
  const score = new Int32Array(n);
  const perFilter = FILTERS.map(() => 0);
  // Bucket sort on the score (0–1000 tenths), filled in fair-rotation order so each bucket keeps it.
  const head = new Int32Array(1001).fill(-1);
  const tail = new Int32Array(1001);
  const next = new Int32Array(n);
  const closeHead = new Int32Array(1001).fill(-1);
  const closeTail = new Int32Array(1001);
  const v = new Float64Array(6);
  const { order, used, offers } = cnt;
  for (let k = 0; k < (ctx.noMentor ? 0 : n); k++) {
    const i = order[k];
    const r = p.rows[i];
    let f = filterOf(ctx, r, used[i]);
    if (!f && ctx.minHits && hitsOf(ctx, r) < ctx.minHits) f = TOPICS;
    if (f) {
      filter[i] = f;
      perFilter[f - 1]++;
      if (f !== TOPICS) continue;
    }
    const sc = (score[i] = values(ctx, r, offers[i], r.zone < 0 ? NaN : tz[r.zone], v));
    const h = f ? closeHead : head;
    const t = f ? closeTail : tail;
    next[i] = -1;
    if (h[sc] < 0) h[sc] = i;
    else next[t[sc]] = i;
    t[sc] = i;
  }
  const walk = (h: Int32Array, enough = Infinity): number[] => {
    const out: number[] = [];
    for (let sc = 1000; sc >= 0; sc--) {
      for (let i = h[sc]; i >= 0; i = next[i]) if (out.push(i) >= enough) return out;
    }
    return out;
  };
  const ranked = walk(head, opts.enough);
  // The pool needs the closest people only to name the gap when nobody is ranked.
  const closest = opts.enough !== undefined && ranked.length ? [] : walk(closeHead);
  return { ctx, pool: p, now: now.getTime(), counts: cnt, filter, score, ranked, closest, perFilter, tz };
}

/** Score (tenths) someone with `offers` offers in the rotation window loses with one more: what a second pick in one pool round costs. */
export function oneMoreOfferTenths(policy: MatchPolicy, offers: number): number {
  const w = CRITERIA.map((c) => Math.max(0, Number(policy.weights[c]) || 0));
  const sum = w.reduce((a, b) => a + b, 0);
  return sum > 0 ? Math.round((1000 * w[3] * (1 / (1 + offers) - 1 / (2 + offers))) / sum) : 0;
}

/**
 * The pool's scan of one request: only its best `enough` eligible people (in no set order), with
 * their scores in tenths — the same order as `scan`, but it looks only at people who speak the
 * language and are free (prepared once per round), so a round of thousands of requests stays
 * fast. Nobody ranked: call `scan` for the reason.
 */
export function poolScan(
  request: MatchRequest,
  trainers: Candidate[] | PreparedCandidates,
  index: OfferIndex,
  policy: MatchingPolicy,
  now: Date,
  offsetOf: OffsetOf,
  enough: number,
): { ranked: number[]; score: number[]; counts: Counts; pool: PreparedCandidates } {
  const p = pool(trainers);
  const ctx = context(request, policy, index, offsetOf);
  const cnt = counts(
    p,
    index,
    now.getTime() - policy.rotationWindowDays * DAY,
    now.getTime() - policy.capacityPeriodDays * DAY,
    policy.capacityCountsPending !== false,
  );
  const tz = zoneOffsets(p, offsetOf);
  const n = p.rows.length;
  if (!p.free || p.free.counts !== cnt || p.free.agreement !== policy.requireExchangeAgreement) {
    const free = Array.from(cnt.order).filter((i) => {
      const r = p.rows[i];
      return r.active && r.capacity - cnt.used[i] > 0 && (!policy.requireExchangeAgreement || r.agreementOk);
    });
    const pos = new Int32Array(n);
    cnt.order.forEach((row, k) => (pos[row] = k));
    p.free = { counts: cnt, agreement: policy.requireExchangeAgreement, rows: Int32Array.from(free), pos, byRole: new Map() };
  }
  // Per kind of role asked (one per origin), the free people who have it, by language and by language and topic.
  const roleKey = `${ctx.need}|${ctx.needListed ? 1 : 0}`;
  let lists = p.free.byRole.get(roleKey);
  if (!lists) {
    const add = (m: Map<string, number[]>, k: string, i: number) => {
      const list = m.get(k);
      if (list) list.push(i);
      else m.set(k, [i]);
    };
    const byLang = new Map<string, number[]>([['', []]]);
    const bySkill = new Map<string, number[]>();
    for (const i of p.free.rows) {
      const r = p.rows[i];
      if (!(r.roles & ctx.need) || (ctx.needListed && !r.t.listed)) continue;
      for (const l of ['', ...new Set(r.langs)]) {
        add(byLang, l, i);
        for (const sk of r.skills) add(bySkill, `${l}\u0000${sk}`, i);
      }
    }
    const typed = (m: Map<string, number[]>) => new Map([...m].map(([k, v]) => [k, Int32Array.from(v)]));
    p.free.byRole.set(roleKey, (lists = { byLang: typed(byLang), bySkill: typed(bySkill) }));
  }
  if (!p.scratch || p.scratch.seen.length !== n) p.scratch = { keys: new Float64Array(n), seen: new Int32Array(n), stamp: 0, got: new Int32Array(n) };
  const sc0 = p.scratch;
  const { keys, seen, got } = sc0;
  const pos = p.free.pos;
  let rows = lists.byLang.get(ctx.lang) ?? new Int32Array(0);
  const gathered = !!ctx.minHits && !ctx.noMentor;
  if (gathered) {
    // Only people with at least one requested topic can reach the minimum fit: gather them once each.
    const stamp = ++sc0.stamp;
    let m = 0;
    for (const sk of ctx.skills) {
      for (const i of lists.bySkill.get(`${ctx.lang}\u0000${sk}`) ?? []) {
        if (seen[i] === stamp) continue;
        seen[i] = stamp;
        got[m++] = i;
      }
    }
    rows = got.subarray(0, m);
  }
  const v = new Float64Array(6);
  const offers = cnt.offers;
  let m = 0;
  for (let k = 0; k < (ctx.noMentor ? 0 : rows.length); k++) {
    const i = rows[k];
    const r = p.rows[i];
    if (ctx.pairs?.get(r.id) || conflicted(ctx, r)) continue;
    // Gathered by topic, everyone has one requested topic already.
    if (ctx.minHits > (gathered ? 1 : 0) && hitsOf(ctx, r) < ctx.minHits) continue;
    const sc = values(ctx, r, offers[i], r.zone < 0 ? NaN : tz[r.zone], v);
    // One number per person that sorts as the ranking does: score first, then fair rotation.
    keys[m++] = (1000 - sc) * n + pos[i];
  }
  // Sorted only when some must be left out: the pool needs the set of the best, not their order.
  const sorted = m > enough ? keys.subarray(0, m).sort() : keys.subarray(0, m);
  const ranked: number[] = [];
  const scores: number[] = [];
  for (let k = 0; k < Math.min(m, enough); k++) {
    const key = sorted[k];
    const at = key % n;
    ranked.push(cnt.order[at]);
    scores.push(1000 - (key - at) / n);
  }
  return { ranked, score: scores, counts: cnt, pool: p };
}

function candidate(s: Scan, i: number, v: Float64Array): RankedCandidate {
  const r = s.pool.rows[i];
  const tz = r.zone < 0 ? NaN : s.tz[r.zone];
  values(s.ctx, r, s.counts.offers[i], tz, v);
  const last = s.counts.last[i];
  const c: RankedCandidate = { trainerId: r.t.id, name: r.t.name, score: s.score[i] / 10, breakdown: explain(s.ctx, r, s.counts.offers[i], tz, v) };
  if (Number.isFinite(last)) c.lastOfferDaysAgo = Math.max(0, Math.floor((s.now - last) / DAY));
  return c;
}

/** Ranks the trainers for one request with a per-criterion breakdown, and says why each excluded person was left out. */
export function matchTrainers(
  request: MatchRequest,
  trainers: Candidate[] | PreparedCandidates,
  index: OfferIndex,
  policy: MatchingPolicy,
  now: Date,
  offsetOf: OffsetOf,
): MatchResult {
  const s = scan(request, trainers, index, policy, now, offsetOf);
  const rows = s.pool.rows;
  const v = new Float64Array(6);
  const ranked = s.ranked.map((i) => candidate(s, i, v));
  // Explained in full only as many as a proposal shows; "Why not" lists all of them.
  const closest = s.closest.slice(0, Math.max(1, Math.floor(policy.topN) || 1)).map((i) => candidate(s, i, v));
  const exclusion = (i: number): Exclusion => {
    const f = s.filter[i];
    return {
      trainerId: rows[i].t.id,
      name: rows[i].t.name,
      filter: FILTERS[f - 1],
      reason: exclusionReason(s.ctx, rows[i], f, s.counts.accepted[i], s.counts.pending[i]),
    };
  };
  // The closest people (only the minimum fit keeps them out) come first in "Why not".
  const excluded: Exclusion[] = s.closest.map(exclusion);
  for (let i = 0; i < rows.length; i++) if (s.filter[i] && s.filter[i] !== TOPICS) excluded.push(exclusion(i));
  const result: MatchResult = { requestId: request.id, ranked, excluded, closest };
  if (!ranked.length) result.gap = gapOf(s);
  return result;
}

/** Why nobody is ranked for a scanned request, naming the real gap; undefined when someone is. */
export function gapOf(s: Scan): string | undefined {
  if (s.ranked.length) return undefined;
  const c = s.ctx;
  if (c.noMentor) return 'no mentor asked for ("Mentor wanted" is not yes)';
  let passing = s.pool.rows.length;
  if (!passing) return 'no trainers in the registry';
  const lang = c.req.language?.trim();
  const who = `${c.roleNoun}${lang ? ` who speaks ${lang}` : ''}`;
  for (let k = 0; k < FILTERS.length; k++) {
    passing -= s.perFilter[k];
    if (passing > 0) continue;
    switch (FILTERS[k]) {
      case 'status':
        return 'nobody in the registry is active';
      case 'language':
        return `nobody active speaks ${lang}`;
      case 'role':
        return lang ? `no ${c.roleNoun} speaks ${lang}` : `no active ${c.roleNoun}`;
      case 'capacity':
        return `every ${who} is at capacity`;
      case 'exchangeAgreement':
        return `no ${who} with free capacity has a signed exchange agreement`;
      case 'conflict':
        return `every ${who} who is free has a conflict of interest`;
      case 'declined':
        return `every ${who} who is free declined it or let the offer expire`;
      case 'alreadyOffered':
        return `already offered to every ${who} who is free`;
      default: {
        const covered = new Set<string>();
        for (const i of s.closest) for (const sk of c.skills) if (s.pool.rows[i].skills.has(sk)) covered.add(sk);
        const gap = c.skillLabels.filter((_, j) => !covered.has(c.skills[j]));
        return gap.length ? `nobody covers ${gap.join(', ')}` : `nobody covers ${plural(c.minHits, 'topic')} of ${c.skillLabels.join(', ')}`;
      }
    }
  }
  return 'nobody fits';
}

/** Offers per active trainer (with capacity) over the rotation window: min, max and Gini. */
export function fairnessFigure(trainers: Candidate[] | PreparedCandidates, index: OfferIndex, now: Date, rotationWindowDays: number): FairnessFigure {
  const p = pool(trainers);
  const cut = now.getTime() - rotationWindowDays * DAY;
  const xs = p.rows
    .filter((r) => r.active && r.capacity > 0)
    .map((r) => since(index.offered.get(r.id), cut))
    .sort((a, b) => a - b);
  const n = xs.length;
  const total = xs.reduce((a, b) => a + b, 0);
  // Gini from the sorted values: (2 Σ i·x_i) / (n Σ x) − (n + 1) / n, i from 1.
  const gini = n && total ? (xs.reduce((a, x, i) => a + (i + 1) * x, 0) * 2) / (n * total) - (n + 1) / n : 0;
  return {
    windowDays: rotationWindowDays,
    trainers: n,
    offers: total,
    min: n ? xs[0] : 0,
    max: n ? xs[n - 1] : 0,
    gini: Math.round(Math.max(0, gini) * 100) / 100,
  };
}

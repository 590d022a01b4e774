/**
 * The matching engine: who may be offered a request (hard filters in a fixed order, the first
 * that fails is the "why not") and how the others rank (soft criteria weighted by Settings,
 * each explained in plain words). Pure: runs in Apps Script V8 and in Node alike.
 * Speed comes from doing the slow parts once per execution: trainers are prepared (folded
 * text, role bits, time-zone slots) once per array, the Offers ledger is indexed once, and
 * time-zone offsets are computed once per distinct zone name.
 */
import type { Candidate, Criterion, Exclusion, HardFilter, MatchPolicy, MatchRequest, MatchResult, OfferRecord, OffsetOf, RankedCandidate } from './matching-types';
import { DEFAULT_ROLES } from './policy';
import { ROLES, type Origin } from './registry';
import { foldText } from './text';
import { parseUtcOffset } from './timezone';

const DAY = 86400000;
const CRITERIA = ['skills', 'timeZone', 'format', 'fairness', 'feedback', 'preference'] as const;
/** Filter codes are 1-based indexes into this list (0 = eligible). */
export const FILTERS: readonly HardFilter[] = ['status', 'language', 'role', 'capacity', 'exchangeAgreement', 'conflict', 'declined', 'alreadyOffered'];
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
  /** requestId → trainerId → DECLINED | PENDING | ACCEPTED bits. */
  pairs: Map<string, Map<string, number>>;
}

/** Indexes the Offers ledger: offers and accepted gigs per trainer, answers per request and trainer. */
export function buildOfferIndex(offers: OfferRecord[]): OfferIndex {
  const index: OfferIndex = { offered: new Map(), accepted: new Map(), pairs: new Map() };
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
  /** Folded id and name, made on first use: only preferences and exclusions need them. */
  keys?: string[];
  skills: Set<string>;
  formats: string[];
  /** Slot in Pool.zones, -1 when none. */
  zone: number;
  place: string[];
  feedback: number;
}

interface Pool {
  rows: Row[];
  zones: string[];
  tzFn?: OffsetOf;
  tz?: Float64Array;
  counts?: { index: OfferIndex; oc: number; cc: number; offers: Int32Array; accepted: Int32Array };
}

/** Trainers prepared for matching (opaque). */
export type PreparedCandidates = Pool;

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
      agreementOk: !(roles & CERTIFIED) || AGREEMENT_OK.includes(f(t.exchangeAgreement)),
      capacity: Number(t.capacity) || 0,
      org: f(t.organisation),
      circles: all(t.circles),
      excl: all(t.exclusions),
      skills: new Set(all(t.skills)),
      formats: all(t.formats),
      zone,
      place: [f(t.region), f(t.country)].filter(Boolean),
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

/** Offers in the rotation window and accepted gigs in the capacity period, per row (cached per index and cut-offs). */
function counts(p: Pool, index: OfferIndex, oc: number, cc: number) {
  const c = p.counts;
  if (c && c.index === index && c.oc === oc && c.cc === cc) return c;
  const offers = new Int32Array(p.rows.length);
  const accepted = new Int32Array(p.rows.length);
  p.rows.forEach((r, i) => {
    offers[i] = since(index.offered.get(r.id), oc);
    accepted[i] = since(index.accepted.get(r.id), cc);
  });
  return (p.counts = { index, oc, cc, offers, accepted });
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
  org: string;
  idF: string;
  exclude: Set<string>;
  skills: string[];
  skillLabels: string[];
  format: string;
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
  return {
    req,
    policy,
    lang: fold(req.language),
    need: known.reduce((m, r) => m | (1 << ROLES.indexOf(r as (typeof ROLES)[number])), 0),
    needListed,
    needWords: `${needListed ? 'a listed ' : 'a '}${known.length > 1 ? `${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}` : known[0] ?? 'role set in Settings'}`,
    org: fold(req.organisation),
    idF: fold(req.id),
    exclude: new Set((req.exclude ?? []).map(fold).filter(Boolean)),
    skills,
    skillLabels,
    format: fold(req.format),
    loc: req.location?.trim() ? ` ${fold(req.location)} ` : '',
    tz: zoneOffset(req.timeZone, offsetOf) ?? NaN,
    preferred: fold(req.preferredTrainer),
    pairs: index.pairs.get(String(req.id ?? '').trim()),
    w,
    sumW: w.reduce((a, b) => a + b, 0),
  };
}

/** The conflict of interest in words, or '' when there is none. */
function conflict(c: Ctx, r: Row): string {
  const org = c.req.organisation?.trim();
  if (c.org && r.org === c.org) return `works for ${org}, the requesting organisation`;
  if (c.org && c.req.origin === 'circle' && r.circles.includes(c.org)) return `member of ${org}, the requesting circle`;
  if (r.excl.includes(c.idF) || (c.org && r.excl.includes(c.org))) return `conflict of interest on file for ${r.excl.includes(c.idF) ? c.req.id : org}`;
  if (c.exclude.size && keysOf(r).some((k) => c.exclude.has(k))) return 'excluded from this request by the help desk';
  return '';
}

/** The first hard filter that fails (1-based code into FILTERS), or 0 when eligible. */
function filterOf(c: Ctx, r: Row, accepted: number): number {
  if (!r.active) return 1;
  if (c.lang && !r.langs.includes(c.lang)) return 2;
  if (!(r.roles & c.need) || (c.needListed && !r.t.listed)) return 3;
  if (r.capacity - accepted <= 0) return 4;
  if (c.policy.requireExchangeAgreement && !r.agreementOk) return 5;
  if (conflict(c, r)) return 6;
  const bits = c.pairs?.get(r.id) ?? 0;
  return bits & DECLINED ? 7 : bits ? 8 : 0;
}

const offersFormat = (c: Ctx, r: Row): boolean =>
  r.formats.includes(c.format) || (c.format === 'hybrid' && r.formats.includes('online') && r.formats.includes('in person'));
const near = (c: Ctx, r: Row): boolean => r.place.some((p) => c.loc.includes(` ${p} `));

/** Fills v with the six criterion values (0–1) and returns the score in tenths (0–1000). */
function values(c: Ctx, r: Row, offers: number, tz: number, v: Float64Array): number {
  let hits = 0;
  for (const s of c.skills) if (r.skills.has(s)) hits++;
  v[0] = c.skills.length ? hits / c.skills.length : 0.5;
  v[1] = Number.isNaN(c.tz) || Number.isNaN(tz) ? 0.5 : Math.max(0, 1 - apart(c.tz, tz) / 8);
  // In person: offering it counts 0.7 and living near the location the other 0.3.
  v[2] = !c.format || !r.formats.length ? 0.5 : c.format === 'in person' && c.loc ? (offersFormat(c, r) ? 0.7 : 0) + (near(c, r) ? 0.3 : 0) : offersFormat(c, r) ? 1 : 0;
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
    !fmt ? 'no format asked' : !r.formats.length ? 'formats not on file'
      : `${offersFormat(c, r) ? 'offers' : 'does not offer'} ${fmt}${fmt === 'in person' && c.loc ? (near(c, r) ? `, based near ${c.req.location?.trim()}` : ', not based near the location') : ''}`,
    `${offers ? plural(offers, 'offer') : 'no offers'} in the last ${c.policy.rotationWindowDays} days`,
    r.feedback < 0 ? 'no feedback yet' : `feedback ${r2(r.feedback)} of 5`,
    !c.preferred ? 'no one asked for by name' : v[5] ? 'asked for by the requester' : `the requester asked for ${c.req.preferredTrainer?.trim()}`,
  ];
  return CRITERIA.map((criterion, k) => ({ criterion, value: r2(v[k]), weight: c.w[k], points: Math.round(v[k] * c.w[k] * 10) / 10, reason: reasons[k] }));
}

/** Why a filter excluded this person, in plain words. */
function exclusionReason(c: Ctx, r: Row, code: number, accepted: number): string {
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
      return r.capacity <= 0 ? 'has no capacity (0 gigs per month)' : `${accepted} of ${plural(r.capacity, 'gig')} accepted in the last ${c.policy.capacityPeriodDays} days`;
    case 'exchangeAgreement':
      return `${!t.exchangeAgreement || t.exchangeAgreement === 'none' ? 'no exchange agreement on file' : `exchange agreement ${t.exchangeAgreement}`} — certified trainers and consultants need a signed one`;
    case 'conflict':
      return conflict(c, r);
    case 'declined':
      return 'declined this request, or let the offer expire';
    default:
      return c.pairs?.get(r.id) === PENDING ? 'already has a pending offer for this request' : 'already accepted this request';
  }
}

/** One pass over the pool for a request: filter codes, scores in tenths, eligible rows ranked. */
export interface Scan {
  ctx: Ctx;
  pool: Pool;
  filter: Uint8Array;
  score: Int32Array;
  ranked: number[];
  offers: Int32Array;
  accepted: Int32Array;
  tz: Float64Array;
}

/** Filters and scores every trainer for one request, numbers only (shared by matchTrainers and assignPool). */
export function scan(request: MatchRequest, trainers: Candidate[] | PreparedCandidates, index: OfferIndex, policy: MatchingPolicy, now: Date, offsetOf: OffsetOf): Scan {
  const p = pool(trainers);
  const ctx = context(request, policy, index, offsetOf);
  const { offers, accepted } = counts(p, index, now.getTime() - policy.rotationWindowDays * DAY, now.getTime() - policy.capacityPeriodDays * DAY);
  const tz = zoneOffsets(p, offsetOf);
  const n = p.rows.length;
  const filter = new Uint8Array(n);
  const score = new Int32Array(n);
  const ranked: number[] = [];
  const v = new Float64Array(6);
  for (let i = 0; i < n; i++) {
    const r = p.rows[i];
    const f = filterOf(ctx, r, accepted[i]);
    if (f) filter[i] = f;
    else {
      score[i] = values(ctx, r, offers[i], r.zone < 0 ? NaN : tz[r.zone], v);
      ranked.push(i);
    }
  }
  // Deterministic: score, then fewer offers in the window, then trainer id.
  ranked.sort((a, b) => score[b] - score[a] || offers[a] - offers[b] || (p.rows[a].id < p.rows[b].id ? -1 : p.rows[a].id > p.rows[b].id ? 1 : 0));
  return { ctx, pool: p, filter, score, ranked, offers, accepted, tz };
}

/** Ranks the trainers for one request with a per-criterion breakdown, and says why each excluded person was left out. */
export function matchTrainers(request: MatchRequest, trainers: Candidate[] | PreparedCandidates, index: OfferIndex, policy: MatchingPolicy, now: Date, offsetOf: OffsetOf): MatchResult {
  const s = scan(request, trainers, index, policy, now, offsetOf);
  const rows = s.pool.rows;
  const v = new Float64Array(6);
  const ranked = s.ranked.map((i): RankedCandidate => {
    const r = rows[i];
    const tz = r.zone < 0 ? NaN : s.tz[r.zone];
    values(s.ctx, r, s.offers[i], tz, v);
    return { trainerId: r.t.id, name: r.t.name, score: s.score[i] / 10, breakdown: explain(s.ctx, r, s.offers[i], tz, v) };
  });
  const excluded: Exclusion[] = [];
  for (let i = 0; i < rows.length; i++) {
    const f = s.filter[i];
    if (f) excluded.push({ trainerId: rows[i].t.id, name: rows[i].t.name, filter: FILTERS[f - 1], reason: exclusionReason(s.ctx, rows[i], f, s.accepted[i]) });
  }
  return { requestId: request.id, ranked, excluded };
}

/** Why nobody fits a request, from the filter that excluded the most people ("nobody speaks ru"). */
export function nobodyReason(request: MatchRequest, excluded: readonly { filter: HardFilter }[]): string {
  return whyNobody(request, FILTERS.map((f) => excluded.filter((e) => e.filter === f).length));
}

/** The same from counts per filter (in FILTERS order); the earlier filter wins a tie. */
export function whyNobody(request: MatchRequest, perFilter: readonly number[]): string {
  const most = Math.max(0, ...perFilter);
  if (!most) return 'no trainers in the registry';
  return [
    'nobody who fits is active',
    `nobody speaks ${request.language}`,
    `nobody has a role that fits ${request.origin}${request.origin === 'find-a-facilitator' ? ' (a listed facilitator)' : ''}`,
    'everyone who fits is at capacity',
    'nobody who fits has a signed exchange agreement',
    'everyone who fits has a conflict of interest',
    'everyone who fits declined it',
    'already offered to everyone who fits',
  ][perFilter.indexOf(most)];
}

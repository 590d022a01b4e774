/**
 * Matching budgets on deterministic synthetic pools (seeded PRNG): one request over 100, 1,000
 * and 10,000 trainers, and the whole-pool assignment of 500 requests over 2,000 trainers.
 * Called by scripts/bench.ts; prints nothing. The generators are shared with the unit tests.
 */
import { performance } from 'node:perf_hooks';
import { assignPool } from '../../src/domain/assignment';
import { buildOfferIndex, fairnessFigure, matchTrainers, prepareCandidates } from '../../src/domain/matching';
import type { Candidate, MatchRequest, OfferAnswer, OfferRecord } from '../../src/domain/matching-types';
import { readPolicy } from '../../src/domain/policy';
import { DEFAULT_SKILLS } from '../../src/defaults/defaults';
import { ORIGINS, ROLES } from '../../src/domain/registry';
import { Settings } from '../../src/domain/settings';

import { offsetFinder } from '../../src/domain/timezone';

const DAY = 86400000;
export const BENCH_NOW = new Date('2026-03-02T10:00:00Z');

/** mulberry32: a small seeded PRNG, so every run sees the same pools. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const weighted = <T>(rand: Rand, xs: readonly [T, number][]): T => {
  let x = rand() * xs.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of xs) if ((x -= w) < 0) return v;
  return xs[xs.length - 1][0];
};
const some = <T>(rand: Rand, xs: readonly T[], min: number, max: number): T[] => {
  const n = min + Math.floor(rand() * (max - min + 1));
  const out = new Set<T>();
  while (out.size < Math.min(n, xs.length)) out.add(pick(rand, xs));
  return [...out];
};

const LANGS: [string, number][] = [
  ['en', 55],
  ['es', 12],
  ['pt', 8],
  ['fr', 7],
  ['de', 6],
  ['it', 3],
  ['nl', 3],
  ['ru', 3],
  ['uk', 2],
  ['pl', 1],
];
const ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'Europe/Lisbon',
  'Europe/Madrid',
  'Europe/Paris',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Warsaw',
  'Europe/Kyiv',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/Mexico_City',
  'America/Bogota',
  'America/Toronto',
  'Africa/Nairobi',
  'Africa/Lagos',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC+05:30',
  'UTC-03:00',
  'UTC+01:00',
  '',
];
const PLACES: [string, string][] = [
  ['Germany', 'Berlin'],
  ['Portugal', 'Lisbon'],
  ['Brazil', 'São Paulo'],
  ['Spain', 'Madrid'],
  ['France', 'Lyon'],
  ['USA', 'Boston'],
  ['Canada', 'Toronto'],
  ['Netherlands', 'Utrecht'],
  ['Ukraine', 'Kyiv'],
  ['Kenya', 'Nairobi'],
  ['India', 'Pune'],
  ['Mexico', 'Oaxaca'],
];
const ORGS = Array.from({ length: 60 }, (_, i) => `Org ${i + 1}`);
const CIRCLES = Array.from({ length: 20 }, (_, i) => `Circle ${i + 1}`);
const SKILLS = DEFAULT_SKILLS.map((s) => s.skill);
const NAMES = ['Ana', 'João', 'Ольга', 'Marie', 'Jürgen', 'Sofía', 'Kwame', 'Priya', 'Tomás', 'Aiko', 'Liam', 'Zofia', 'Mykola', 'Chloé', 'Ines'];

/** `n` trainers with a realistic mix of languages, roles, skills, capacities, zones and statuses. */
export function syntheticTrainers(n: number, seed = 1): Candidate[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i): Candidate => {
    const first = weighted(rand, LANGS);
    const languages = [...new Set([first, ...(rand() < 0.6 ? ['en'] : []), ...(rand() < 0.2 ? [weighted(rand, LANGS)] : [])])];
    const roles = some(rand, ROLES, 1, 2);
    const certified = roles.includes('certified trainer') || roles.includes('certified consultant');
    const [country, region] = pick(rand, PLACES);
    return {
      id: `T-${String(i + 1).padStart(5, '0')}`,
      name: `${pick(rand, NAMES)} ${i + 1}`,
      roles,
      languages,
      skills: some(rand, SKILLS, 3, 10),
      timeZone: pick(rand, ZONES) || undefined,
      formats: [...(rand() < 0.9 ? ['online'] : []), ...(rand() < 0.5 ? ['in person'] : []), ...(rand() < 0.3 ? ['hybrid'] : [])],
      organisation: rand() < 0.2 ? pick(rand, ORGS) : undefined,
      circles: some(rand, CIRCLES, 0, 2),
      capacity: weighted(rand, [
        [0, 10],
        [1, 30],
        [2, 30],
        [3, 20],
        [4, 10],
      ]),
      status: weighted(rand, [
        ['active', 85],
        ['paused', 10],
        ['left', 5],
      ]),
      listed: roles.includes('facilitator') && rand() < 0.6,
      exchangeAgreement: certified
        ? weighted(rand, [
            ['signed', 70],
            ['expiring', 10],
            ['expired', 10],
            ['none', 10],
          ])
        : 'not needed',
      feedback: rand() < 0.6 ? Math.round((3 + 2 * rand()) * 10) / 10 : undefined,
      region,
      country,
      exclusions: rand() < 0.05 ? [pick(rand, ORGS)] : [],
    };
  });
}

/** `n` open requests of every origin. */
export function syntheticRequests(n: number, trainers: Candidate[], seed = 2): MatchRequest[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i): MatchRequest => {
    const format = weighted(rand, [
      ['online', 60],
      ['in person', 25],
      ['hybrid', 10],
      ['', 5],
    ]);
    const origin = weighted(rand, [
      [ORIGINS[0], 40],
      [ORIGINS[1], 25],
      [ORIGINS[2], 15],
      [ORIGINS[3], 10],
      [ORIGINS[4], 10],
    ]);
    return {
      id: `R-${String(i + 1).padStart(5, '0')}`,
      origin,
      language: weighted(rand, LANGS),
      skills: some(rand, SKILLS, 0, 4),
      format: format || undefined,
      location: format === 'in person' ? pick(rand, PLACES).join(', ') : undefined,
      timeZone: pick(rand, ZONES) || undefined,
      organisation: origin === 'circle' ? pick(rand, CIRCLES) : rand() < 0.5 ? pick(rand, ORGS) : undefined,
      preferredTrainer: rand() < 0.05 && trainers.length ? pick(rand, trainers).name : undefined,
      exclude: [],
    };
  });
}

/** An Offers ledger over the last 180 days: about 1.5 offers per trainer, some on the given requests. */
export function syntheticOffers(trainers: Candidate[], requests: MatchRequest[], now = BENCH_NOW, seed = 3): OfferRecord[] {
  const rand = prng(seed);
  const offers: OfferRecord[] = [];
  for (const t of trainers) {
    const k = weighted(rand, [
      [0, 35],
      [1, 25],
      [2, 20],
      [3, 12],
      [4, 8],
    ]);
    for (let j = 0; j < k; j++) {
      const offeredAt = new Date(now.getTime() - Math.floor(rand() * 180 * DAY));
      const answer = weighted<OfferAnswer>(rand, [
        ['accepted', 40],
        ['declined', 30],
        ['pending', 10],
        ['expired', 15],
        ['withdrawn', 5],
      ]);
      const requestId = requests.length && rand() < 0.2 ? pick(rand, requests).id : `R-9${String(Math.floor(rand() * 99999)).padStart(5, '0')}`;
      offers.push({ requestId, trainerId: t.id, offeredAt, answer, answeredAt: answer === 'pending' ? undefined : new Date(offeredAt.getTime() + 2 * DAY) });
    }
  }
  return offers;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function times(runs: number, fn: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Measures matching and pool assignment; returns table rows and raw results (prints nothing). */
export function benchMatching(): { rows: [measure: string, value: string, budget: string][]; results: Record<string, unknown> } {
  const rows: [string, string, string][] = [];
  const results: Record<string, unknown> = {};
  const policy = readPolicy(new Settings({}));
  const offsetOf = offsetFinder(BENCH_NOW);
  const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;

  for (const n of [100, 1000, 10000]) {
    const trainers = syntheticTrainers(n, 11);
    const requests = syntheticRequests(50, trainers, 12);
    const index = buildOfferIndex(syntheticOffers(trainers, requests, BENCH_NOW, 13));
    const prepare = median(times(5, () => prepareCandidates(trainers)));
    const prepared = prepareCandidates(trainers);
    for (let i = 0; i < 5; i++) matchTrainers(requests[i], prepared, index, policy, BENCH_NOW, offsetOf); // warm-up
    let eligible = 0;
    const match = median(
      times(41, (i) => (eligible += matchTrainers(requests[i % requests.length], prepared, index, policy, BENCH_NOW, offsetOf).ranked.length)),
    );
    results[`match${n}MedianMs`] = match;
    results[`prepare${n}MedianMs`] = prepare;
    results[`match${n}MeanEligible`] = Math.round(eligible / 41);
    rows.push([`match one request over ${n.toLocaleString('en')} trainers (median of 41, all ranked with reasons)`, ms(match), n === 10000 ? '≤ 10 ms' : '']);
    if (n === 10000) rows.push([`prepare ${n.toLocaleString('en')} trainers for matching (once per execution, median of 5)`, ms(prepare), '']);
  }

  const trainers = syntheticTrainers(2000, 21);
  const requests = syntheticRequests(500, trainers, 22);
  const offers = syntheticOffers(trainers, requests, BENCH_NOW, 23);
  let last: ReturnType<typeof assignPool> = [];
  // Each run starts cold: a fresh trainers array (prepared again) and a fresh offer index.
  const pool = median(times(3, () => (last = assignPool(requests, trainers.slice(), buildOfferIndex(offers), policy, BENCH_NOW, offsetFinder(BENCH_NOW)))));
  const assigned = last.filter((a) => a.trainerId);
  results.pool500x2000MedianMs = pool;
  results.pool500x2000Assigned = assigned.length;
  results.pool500x2000TotalScore = Math.round(assigned.reduce((a, x) => a + (x.score ?? 0), 0) * 10) / 10;
  rows.push(['assign 500 requests over 2,000 trainers (exact min-cost flow, incl. matching; median of 3)', `${ms(pool)} (${assigned.length} assigned)`, '']);

  // The large pool: 2,000 requests over 10,000 trainers, CPU time of one cold run (matching included).
  {
    const trainers = syntheticTrainers(10000, 31);
    const requests = syntheticRequests(2000, trainers, 32);
    const offers = syntheticOffers(trainers, requests, BENCH_NOW, 33);
    // Least CPU time of 3 cold runs (fresh trainers array and ledger index): the machine is shared.
    let cpuMs = Infinity;
    let got: ReturnType<typeof assignPool> = [];
    for (let run = 0; run < 3; run++) {
      const cpu = process.cpuUsage();
      got = assignPool(requests, trainers.slice(), buildOfferIndex(offers), policy, BENCH_NOW, offsetFinder(BENCH_NOW));
      const used = process.cpuUsage(cpu);
      cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
    }
    const served = got.filter((a) => a.trainerId).length;
    results.pool2000x10000CpuMs = Math.round(cpuMs);
    results.pool2000x10000Assigned = served;
    rows.push([
      'assign 2,000 requests over 10,000 trainers (exact, no fixed cut; CPU time incl. matching, least of 3 cold runs)',
      `${(cpuMs / 1000).toFixed(2)} s (${served} assigned)`,
      '≤ 2 s',
    ]);
  }

  // Fairness over a simulated year: 10 equally fitting trainers, 60 equal requests, the top candidate accepts.
  {
    const equal = Array.from({ length: 10 }, (_, i): Candidate => ({
      id: `T-${i + 1}`,
      name: `Trainer ${i + 1}`,
      roles: ['certified trainer'],
      languages: ['en'],
      skills: ['Rounds'],
      timeZone: 'Europe/Berlin',
      formats: ['online'],
      circles: [],
      capacity: 5,
      status: 'active',
      listed: true,
      exchangeAgreement: 'signed',
      exclusions: [],
    }));
    const year: OfferRecord[] = [];
    const start = BENCH_NOW.getTime() - 365 * DAY;
    for (let i = 0; i < 60; i++) {
      const now = new Date(start + Math.floor((i * 365 * DAY) / 60));
      const top = matchTrainers(
        { id: `R-Y${i}`, origin: 'client', language: 'en', skills: ['Rounds'], exclude: [] },
        equal,
        buildOfferIndex(year),
        policy,
        now,
        offsetOf,
      ).ranked[0];
      if (top) year.push({ requestId: `R-Y${i}`, trainerId: top.trainerId, offeredAt: now, answer: 'accepted', answeredAt: now });
    }
    const gigs = equal.map((t) => year.filter((o) => o.trainerId === t.id).length);
    const fig = fairnessFigure(equal, buildOfferIndex(year), new Date(start + 365 * DAY), policy.rotationWindowDays);
    results.fairnessYearGigs = gigs;
    results.fairnessYearFigure = fig;
    rows.push([
      'fair rotation: 60 equal requests over a year, 10 equal trainers: gigs each; offers in the last 90 days (min–max, Gini)',
      `${Math.min(...gigs)}–${Math.max(...gigs)}; ${fig.min}–${fig.max}, Gini ${fig.gini.toFixed(2)}`,
      'gigs within 1',
    ]);
    const synth = fairnessFigure(
      syntheticTrainers(2000, 21),
      buildOfferIndex(syntheticOffers(syntheticTrainers(2000, 21), [], BENCH_NOW, 23)),
      BENCH_NOW,
      policy.rotationWindowDays,
    );
    results.fairnessSyntheticFigure = synth;
    rows.push([
      'fairness figure of the synthetic 2,000-trainer ledger (offers per active trainer, 90 days)',
      `${synth.min}–${synth.max}, Gini ${synth.gini.toFixed(2)}`,
      '',
    ]);
  }
  return { rows, results };
}

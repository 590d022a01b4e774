import { prng, syntheticOffers, syntheticRequests, syntheticTrainers } from '../../scripts/bench/matching';
import { assignPool } from '../../src/domain/assignment';
import { buildOfferIndex, matchTrainers } from '../../src/domain/matching';
import type { Candidate, MatchRequest, OfferRecord, PoolAssignment } from '../../src/domain/matching-types';
import { readPolicy } from '../../src/domain/policy';
import { Settings } from '../../src/domain/settings';
import { offsetFinder } from '../../src/domain/timezone';

const NOW = new Date('2026-03-02T10:00:00Z');
const DAY = 86400000;
const policy = readPolicy(new Settings({}));
const offsetOf = offsetFinder(NOW);

const trainer = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id, name: id, roles: ['certified trainer'], languages: ['en'], skills: [], timeZone: 'UTC+00:00', formats: ['online'], circles: [], capacity: 1,
  status: 'active', listed: true, exchangeAgreement: 'signed', exclusions: [], ...over,
});
const request = (id: string, over: Partial<MatchRequest> = {}): MatchRequest => ({ id, origin: 'client', language: 'en', skills: [], exclude: [], ...over });

/** Candidate lists and remaining capacities as the engine sees them (top k per request). */
function lists(requests: MatchRequest[], trainers: Candidate[], offers: OfferRecord[], k: number) {
  const index = buildOfferIndex(offers);
  const ranked = requests.map((r) => matchTrainers(r, trainers, index, policy, NOW, offsetOf).ranked.slice(0, k));
  const left = new Map(trainers.map((t) => [t.id, t.capacity - offers.filter((o) => o.trainerId === t.id && o.answer === 'accepted' && (o.answeredAt ?? o.offeredAt).getTime() >= NOW.getTime() - policy.capacityPeriodDays * DAY).length]));
  return { ranked, left };
}

/** The row-by-row greedy the optimisation replaces: each request in turn takes its best free candidate. */
function greedy(requests: MatchRequest[], trainers: Candidate[], offers: OfferRecord[], k = 25) {
  const { ranked, left } = lists(requests, trainers, offers, k);
  return requests.map((r, i) => {
    const c = ranked[i].find((x) => (left.get(x.trainerId) ?? 0) > 0);
    if (c) left.set(c.trainerId, (left.get(c.trainerId) ?? 0) - 1);
    return { requestId: r.id, trainerId: c?.trainerId, score: c?.score };
  });
}

/** Assigned count and total score in tenths (integers: no float drift). */
const value = (a: { trainerId?: string; score?: number }[]) => ({ assigned: a.filter((x) => x.trainerId).length, tenths: a.reduce((s, x) => s + Math.round((x.score ?? 0) * 10), 0) });
const atLeast = (a: { assigned: number; tenths: number }, b: { assigned: number; tenths: number }) => a.assigned > b.assigned || (a.assigned === b.assigned && a.tenths >= b.tenths);
const pool = (requests: MatchRequest[], trainers: Candidate[], offers: OfferRecord[] = [], k?: number) =>
  assignPool(requests, trainers, buildOfferIndex(offers), policy, NOW, offsetOf, k ? { candidatesPerRequest: k } : {});

describe('whole-pool assignment', () => {
  it('beats greedy where greedy gives away the only person another request could have', () => {
    // R1 is better served by A, but B serves it nearly as well; only A speaks Russian for R2.
    const a = trainer('T-A', { languages: ['en', 'ru'], skills: ['Rounds'] });
    const b = trainer('T-B');
    const requests = [request('R1', { skills: ['Rounds'] }), request('R2', { language: 'ru' })];
    const g = greedy(requests, [a, b], []);
    const best = pool(requests, [a, b]);
    expect(g.map((x) => x.trainerId)).toEqual(['T-A', undefined]);
    expect(best.map((x) => x.trainerId)).toEqual(['T-B', 'T-A']);
    expect(value(best).assigned).toBeGreaterThan(value(g).assigned);
  });

  it('beats greedy on total score when both assign everyone', () => {
    // R1 is as happy with B as with A (A wins the tie on id); only A knows what R2 asks: swap them.
    const a = trainer('T-A', { skills: ['Rounds', 'Consent decision-making'] });
    const b = trainer('T-B', { skills: ['Rounds'] });
    const requests = [request('R1', { skills: ['Rounds'] }), request('R2', { skills: ['Consent decision-making'] })];
    const g = greedy(requests, [a, b], []);
    const best = pool(requests, [a, b]);
    expect(g.map((x) => x.trainerId)).toEqual(['T-A', 'T-B']);
    expect(best.map((x) => x.trainerId)).toEqual(['T-B', 'T-A']);
    expect(value(best).assigned).toBe(value(g).assigned);
    expect(value(best).tenths).toBeGreaterThan(value(g).tenths);
  });

  it('never gives one person more than their remaining capacity, even when everyone asks for them', () => {
    const star = trainer('T-STAR', { capacity: 3, feedback: 5 });
    const others = [trainer('T-1'), trainer('T-2'), trainer('T-3')];
    const requests = ['R1', 'R2', 'R3', 'R4', 'R5'].map((id) => request(id, { preferredTrainer: 'T-STAR' }));
    const accepted: OfferRecord[] = [{ requestId: 'R-OLD', trainerId: 'T-STAR', offeredAt: new Date(NOW.getTime() - 5 * DAY), answer: 'accepted' }];
    const got = pool(requests, [star, ...others], accepted);
    expect(got.filter((x) => x.trainerId === 'T-STAR')).toHaveLength(2);
    expect(got.every((x) => x.trainerId)).toBe(true);
  });

  it('says why a request got nobody', () => {
    const requests = [request('R1', { language: 'ru' }), request('R2'), request('R3')];
    const got = pool(requests, [trainer('T-A'), trainer('T-B', { status: 'paused' }), trainer('T-C', { languages: ['de'] })]);
    expect(got).toEqual([
      { requestId: 'R1', reason: 'nobody speaks ru' },
      { requestId: 'R2', trainerId: 'T-A', score: expect.any(Number) },
      { requestId: 'R3', reason: 'the people who fit are taken by other requests in this round (capacity)' },
    ]);
    expect(pool([request('R1')], [])).toEqual([{ requestId: 'R1', reason: 'no trainers in the registry' }]);
  });

  it('is deterministic', () => {
    const trainers = syntheticTrainers(60, 5);
    const requests = syntheticRequests(80, trainers, 6);
    const offers = syntheticOffers(trainers, requests, NOW, 7);
    const first = pool(requests, trainers, offers);
    expect(pool(requests, trainers.slice(), offers)).toEqual(first);
  });

  it('is exact: matches a brute-force search on small random pools', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = prng(seed);
      // Two languages so that requests differ in who is eligible; capacities of 1–2 so they bind.
      const langs = () => [['en'], ['pt'], ['en', 'pt']][Math.floor(rand() * 3)];
      const trainers = syntheticTrainers(4, seed).map((t) => ({ ...t, status: 'active', languages: langs(), capacity: 1 + Math.floor(rand() * 2) }));
      const requests = syntheticRequests(6, trainers, seed + 100).map((r) => ({ ...r, language: langs()[0], origin: 'circle' as const, organisation: undefined }));
      const { ranked, left } = lists(requests, trainers, [], 99);
      let best = { assigned: 0, tenths: 0 };
      const walk = (i: number, assigned: number, tenths: number) => {
        if (i === requests.length) {
          if (atLeast({ assigned, tenths }, best)) best = { assigned, tenths };
          return;
        }
        walk(i + 1, assigned, tenths);
        for (const c of ranked[i]) {
          if ((left.get(c.trainerId) ?? 0) <= 0) continue;
          left.set(c.trainerId, (left.get(c.trainerId) ?? 0) - 1);
          walk(i + 1, assigned + 1, tenths + Math.round(c.score * 10));
          left.set(c.trainerId, (left.get(c.trainerId) ?? 0) + 1);
        }
      };
      walk(0, 0, 0);
      expect(value(pool(requests, trainers))).toEqual(best);
    }
  });

  it('on random pools: within capacity, only eligible pairs at their score, never worse than greedy', () => {
    let strictlyBetter = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const trainers = syntheticTrainers(30, seed);
      const requests = syntheticRequests(60, trainers, seed + 1000);
      const offers = syntheticOffers(trainers, requests, NOW, seed + 2000);
      const got: PoolAssignment[] = pool(requests, trainers, offers, 8);
      const { ranked, left } = lists(requests, trainers, offers, 8);
      const used = new Map<string, number>();
      got.forEach((a, i) => {
        expect(a.requestId).toBe(requests[i].id);
        if (!a.trainerId) {
          expect(a.reason).toMatch(/\S/);
          return;
        }
        used.set(a.trainerId, (used.get(a.trainerId) ?? 0) + 1);
        const full = matchTrainers(requests[i], trainers, buildOfferIndex(offers), policy, NOW, offsetOf);
        expect(full.excluded.some((e) => e.trainerId === a.trainerId)).toBe(false);
        expect(ranked[i].find((c) => c.trainerId === a.trainerId)?.score).toBe(a.score);
      });
      for (const [id, n] of used) expect(n).toBeLessThanOrEqual(left.get(id) ?? 0);
      const mine = value(got);
      const theirs = value(greedy(requests, trainers, offers, 8));
      expect(atLeast(mine, theirs)).toBe(true);
      if (mine.assigned > theirs.assigned || mine.tenths > theirs.tenths) strictlyBetter++;
    }
    expect(strictlyBetter).toBeGreaterThan(0);
  });
});

/**
 * Fair rotation over time (issue 8, item 1): equally fitting trainers, a simulated year of
 * equal requests, each offered to the top candidate, who accepts. Ties go to whoever was
 * offered (or got a gig) least recently, then to the stable id, so gigs go round: every
 * trainer ends within one gig of every other, whatever the rotation window, however many
 * trainers, however the requests are spaced.
 */
import { prng } from '../../scripts/bench/matching';
import { assignPool } from '../../src/domain/assignment';
import { buildOfferIndex, fairnessFigure, matchTrainers } from '../../src/domain/matching';
import type { Candidate, MatchRequest, OfferRecord } from '../../src/domain/matching-types';
import { readPolicy } from '../../src/domain/policy';
import { Settings } from '../../src/domain/settings';
import { offsetFinder } from '../../src/domain/timezone';

const START = new Date('2026-01-01T09:00:00Z').getTime();
const DAY = 86400000;
const offsetOf = offsetFinder(new Date(START));

const trainer = (i: number, over: Partial<Candidate> = {}): Candidate => ({
  id: `T-${String(i).padStart(3, '0')}`,
  name: `Trainer ${i}`,
  roles: ['certified trainer'],
  languages: ['en'],
  skills: ['Rounds'],
  timeZone: 'Europe/Berlin',
  formats: ['online'],
  circles: [],
  capacity: 50,
  status: 'active',
  listed: true,
  exchangeAgreement: 'signed',
  exclusions: [],
  ...over,
});
const request = (i: number): MatchRequest => ({
  id: `R-${String(i).padStart(4, '0')}`,
  origin: 'client',
  language: 'en',
  skills: ['Rounds'],
  timeZone: 'Europe/Berlin',
  format: 'online',
  exclude: [],
});

const spread = (gigs: Map<string, number>, trainers: Candidate[]) => {
  const n = trainers.map((t) => gigs.get(t.id) ?? 0);
  return Math.max(...n) - Math.min(...n);
};

/** One request at a time (Propose trainers, or the next candidate): the top candidate accepts. */
function year(trainers: Candidate[], times: number[], settings: Record<string, string>) {
  const policy = readPolicy(new Settings(settings));
  const offers: OfferRecord[] = [];
  const gigs = new Map<string, number>();
  times.forEach((t, i) => {
    const now = new Date(t);
    const top = matchTrainers(request(i), trainers, buildOfferIndex(offers), policy, now, offsetOf).ranked[0];
    if (!top) throw new Error(`nobody ranked for request ${i}`);
    offers.push({ requestId: request(i).id, trainerId: top.trainerId, offeredAt: now, answer: 'accepted', answeredAt: now });
    gigs.set(top.trainerId, (gigs.get(top.trainerId) ?? 0) + 1);
  });
  return { gigs, offers, policy };
}

describe('fair rotation over a simulated year', () => {
  it('splits 60 requests among 10 equal trainers 6 each (issue 8: it was 8/8/8/8/8/4/4/4/4/4)', () => {
    const trainers = Array.from({ length: 10 }, (_, i) => trainer(i + 1));
    const times = Array.from({ length: 60 }, (_, i) => START + Math.floor((i * 365 * DAY) / 60));
    const { gigs, offers, policy } = year(trainers, times, {});
    expect(trainers.map((t) => gigs.get(t.id))).toEqual(Array(10).fill(6));
    const end = new Date(times[59]);
    expect(fairnessFigure(trainers, buildOfferIndex(offers), end, policy.rotationWindowDays)).toMatchObject({ trainers: 10, min: 1, max: 2 });
  });

  it('property: every equally fitting trainer ends within one gig of the others (random sizes, windows, spacing)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = prng(seed);
      const n = 2 + Math.floor(rand() * 14);
      const trainers = Array.from({ length: n }, (_, i) => trainer(Math.floor(rand() * 900) * 10 + i));
      const count = 10 + Math.floor(rand() * 110);
      let t = START;
      const times = Array.from({ length: count }, () => (t += Math.floor(rand() * 12 * DAY)));
      const window = String(1 + Math.floor(rand() * 365));
      const { gigs } = year(trainers, times, { 'match.rotationWindowDays': window });
      expect({ seed, spread: spread(gigs, trainers) }).toEqual({ seed, spread: expect.any(Number) });
      expect(spread(gigs, trainers)).toBeLessThanOrEqual(1);
    }
  });

  it('property: the same holds for weekly pool rounds (Propose for all new requests)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rand = prng(seed + 500);
      const n = 2 + Math.floor(rand() * 12);
      const trainers = Array.from({ length: n }, (_, i) => trainer(i + 1));
      const policy = readPolicy(new Settings({ 'match.rotationWindowDays': String(7 + Math.floor(rand() * 200)) }));
      const offers: OfferRecord[] = [];
      const gigs = new Map<string, number>();
      let next = 0;
      for (let week = 0; week < 52; week++) {
        const now = new Date(START + week * 7 * DAY);
        const batch = Array.from({ length: Math.floor(rand() * Math.min(n, 4)) }, () => request(next++));
        for (const a of assignPool(batch, trainers, buildOfferIndex(offers), policy, now, offsetOf)) {
          expect(a.trainerId).toBeDefined();
          offers.push({ requestId: a.requestId, trainerId: a.trainerId as string, offeredAt: now, answer: 'accepted', answeredAt: now });
          gigs.set(a.trainerId as string, (gigs.get(a.trainerId as string) ?? 0) + 1);
        }
      }
      expect({ seed, n, gigs: trainers.map((t) => gigs.get(t.id) ?? 0) }).toEqual({ seed, n, gigs: expect.any(Array) });
      if (spread(gigs, trainers) > 1)
        throw new Error(`seed ${seed}: ${trainers.map((t) => gigs.get(t.id) ?? 0).join('/')} window ${policy.rotationWindowDays}`);
    }
  });

  it('breaks a tie by who was offered longest ago, not by id, once old offers leave the window', () => {
    const [a, b] = [trainer(1), trainer(2)];
    const policy = readPolicy(new Settings({ 'match.rotationWindowDays': '30' }));
    const now = new Date(START + 100 * DAY);
    // Both have no offer in the last 30 days; A was offered 40 days ago, B 60 days ago.
    const offers: OfferRecord[] = [
      { requestId: 'R-X', trainerId: a.id, offeredAt: new Date(now.getTime() - 40 * DAY), answer: 'accepted', answeredAt: new Date(now.getTime() - 40 * DAY) },
      { requestId: 'R-Y', trainerId: b.id, offeredAt: new Date(now.getTime() - 60 * DAY), answer: 'declined', answeredAt: new Date(now.getTime() - 59 * DAY) },
    ];
    const r = matchTrainers(request(1), [a, b], buildOfferIndex(offers), policy, now, offsetOf);
    expect(r.ranked.map((c) => c.trainerId)).toEqual([b.id, a.id]);
    expect(r.ranked[0].score).toBe(r.ranked[1].score);
    expect(r.ranked.map((c) => c.lastOfferDaysAgo)).toEqual([60, 40]);
    expect(matchTrainers(request(1), [a, b], buildOfferIndex([]), policy, now, offsetOf).ranked[0].lastOfferDaysAgo).toBeUndefined();
  });
});

describe('the fairness figure', () => {
  it('gives offers per active trainer in the window: min, max and Gini', () => {
    const trainers = [trainer(1), trainer(2), trainer(3), trainer(4, { status: 'paused' }), trainer(5, { capacity: 0 })];
    const now = new Date(START + 100 * DAY);
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const offers: OfferRecord[] = [
      { requestId: 'R1', trainerId: trainers[0].id, offeredAt: at(1), answer: 'pending' },
      { requestId: 'R2', trainerId: trainers[0].id, offeredAt: at(2), answer: 'declined' },
      { requestId: 'R3', trainerId: trainers[0].id, offeredAt: at(200), answer: 'accepted' },
      { requestId: 'R4', trainerId: trainers[3].id, offeredAt: at(2), answer: 'accepted' },
    ];
    // Offers 2, 0, 0 among the three active trainers with capacity: Gini (2·(3·2))/(3·2) − 4/3 = 2/3.
    expect(fairnessFigure(trainers, buildOfferIndex(offers), now, 90)).toEqual({ windowDays: 90, trainers: 3, offers: 2, min: 0, max: 2, gini: 0.67 });
    expect(fairnessFigure(trainers, buildOfferIndex([]), now, 90)).toMatchObject({ min: 0, max: 0, gini: 0 });
  });
});

import { buildOfferIndex, matchTrainers, prepareCandidates, zoneOffset } from '../../src/domain/matching';
import type { Candidate, HardFilter, MatchRequest, MatchResult, OfferRecord } from '../../src/domain/matching-types';
import { readPolicy } from '../../src/domain/policy';
import { DEFAULT_SETTING_ROWS } from '../../src/defaults/defaults';

const POLICY_SETTINGS = DEFAULT_SETTING_ROWS.filter((s) => s.key.startsWith('match.'));
import { Settings, SETTING_DEFAULTS } from '../../src/domain/settings';
import { offsetFinder } from '../../src/domain/timezone';

const NOW = new Date('2026-03-02T10:00:00Z');
const DAY = 86400000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const policy = readPolicy(new Settings({}));
const offsetOf = offsetFinder(NOW);

let seq = 0;
function trainer(over: Partial<Candidate> = {}): Candidate {
  seq++;
  return {
    id: `T-${String(seq).padStart(3, '0')}`,
    name: `Trainer ${seq}`,
    roles: ['certified trainer'],
    languages: ['en'],
    skills: [],
    timeZone: 'Europe/Berlin',
    formats: ['online'],
    circles: [],
    capacity: 2,
    status: 'active',
    listed: true,
    exchangeAgreement: 'signed',
    exclusions: [],
    ...over,
  };
}
const request = (over: Partial<MatchRequest> = {}): MatchRequest => ({ id: 'R-00001', origin: 'client', language: 'en', skills: [], exclude: [], ...over });
const offer = (trainerId: string, answer: OfferRecord['answer'], days = 5, requestId = 'R-OTHER'): OfferRecord => ({
  requestId,
  trainerId,
  offeredAt: daysAgo(days),
  answer,
  answeredAt: answer === 'pending' ? undefined : daysAgo(days - 1),
});

function match(req: MatchRequest, trainers: Candidate[], offers: OfferRecord[] = [], p = policy): MatchResult {
  return matchTrainers(req, trainers, buildOfferIndex(offers), p, NOW, offsetOf);
}
const order = (r: MatchResult) => r.ranked.map((c) => c.trainerId);
const criterion = (r: MatchResult, id: string, name: string) => r.ranked.find((c) => c.trainerId === id)?.breakdown.find((b) => b.criterion === name);

describe('hard filters: each excludes with its reason', () => {
  const cases: [string, Partial<Candidate>, Partial<MatchRequest>, OfferRecord['answer'][], HardFilter, string][] = [
    ['paused', { status: 'paused' }, {}, [], 'status', 'is paused'],
    ['left', { status: 'left' }, {}, [], 'status', 'has left'],
    ['another language', { languages: ['en', 'pt'] }, { language: 'ru' }, [], 'language', 'speaks en, pt — request is in ru'],
    [
      'a facilitator for a SoFA standard training',
      { roles: ['facilitator'] },
      { origin: 'sofa-standard' },
      [],
      'role',
      'is facilitator — sofa-standard needs a certified trainer',
    ],
    [
      'a facilitator not listed, for find-a-facilitator',
      { roles: ['facilitator'], listed: false },
      { origin: 'find-a-facilitator' },
      [],
      'role',
      'is facilitator, not listed in the directory — find-a-facilitator needs a listed facilitator',
    ],
    [
      'a certified trainer, for find-a-facilitator',
      { roles: ['certified trainer'] },
      { origin: 'find-a-facilitator' },
      [],
      'role',
      'needs a listed facilitator',
    ],
    [
      'not a mentor, for a trainer-initiated training',
      { roles: ['certified trainer'] },
      { origin: 'trainer-initiated', mentorWanted: true },
      [],
      'role',
      'trainer-initiated needs a mentor',
    ],
    ['at capacity', { capacity: 2 }, {}, ['accepted', 'accepted'], 'capacity', '2 of 2 gigs accepted in the last 30 days'],
    ['without capacity', { capacity: 0 }, {}, [], 'capacity', 'has no capacity'],
    ['a certified trainer with an expired exchange agreement', { exchangeAgreement: 'expired' }, {}, [], 'exchangeAgreement', 'exchange agreement expired'],
    [
      'a certified consultant without an exchange agreement',
      { roles: ['certified consultant'], exchangeAgreement: 'none' },
      {},
      [],
      'exchangeAgreement',
      'no exchange agreement on file',
    ],
    [
      'from the requesting organisation',
      { organisation: ' ACME Co-op ' },
      { organisation: 'acme co-op' },
      [],
      'conflict',
      'works for acme co-op, the requesting organisation',
    ],
    [
      'a member of the requesting circle',
      { circles: ['Portuguese language circle'], roles: ['facilitator'] },
      { origin: 'circle', organisation: 'Portuguese Language Circle' },
      [],
      'conflict',
      'member of Portuguese Language Circle',
    ],
    ['with a conflict on file for the request', { exclusions: ['R-00001'] }, {}, [], 'conflict', 'conflict of interest on file for R-00001'],
    [
      'with a conflict on file for the organisation',
      { exclusions: ['Acme'] },
      { organisation: 'acme' },
      [],
      'conflict',
      'conflict of interest on file for acme',
    ],
    [
      'excluded by name by the help desk (accents ignored)',
      { name: 'José Núñez' },
      { exclude: ['jose nunez'] },
      [],
      'conflict',
      'excluded from this request by the help desk',
    ],
  ];
  it.each(cases)('excludes someone %s', (_what, over, reqOver, answers, filter, reason) => {
    const t = trainer(over);
    const r = match(
      request(reqOver),
      [t],
      answers.map((a) => offer(t.id, a)),
    );
    expect(r.ranked).toEqual([]);
    expect(r.excluded).toHaveLength(1);
    expect(r.excluded[0]).toMatchObject({ trainerId: t.id, name: t.name, filter });
    expect(r.excluded[0].reason).toContain(reason);
  });

  it('excludes whoever declined this request, and does not re-propose a pending or accepted one', () => {
    const [a, b, c, d] = [trainer(), trainer(), trainer(), trainer()];
    const offers = [
      offer(a.id, 'declined', 3, 'R-00001'),
      offer(b.id, 'pending', 3, 'R-00001'),
      offer(c.id, 'accepted', 3, 'R-00001'),
      offer(d.id, 'withdrawn', 3, 'R-00001'),
    ];
    const r = match(request(), [a, b, c, d], offers);
    expect(r.excluded.map((e) => [e.trainerId, e.filter, e.reason])).toEqual([
      [a.id, 'declined', 'declined this request, or let the offer expire'],
      [b.id, 'alreadyOffered', 'already has a pending offer for this request'],
      [c.id, 'alreadyOffered', 'already accepted this request'],
    ]);
    expect(order(r)).toEqual([d.id]); // a withdrawn offer may be made again
  });

  it('gives the first failing filter as the one reason', () => {
    const t = trainer({ status: 'paused', languages: ['fr'], roles: ['mentor'] });
    expect(match(request(), [t]).excluded).toEqual([{ trainerId: t.id, name: t.name, filter: 'status', reason: 'is paused' }]);
  });

  it('excludes nobody on language when the request has none', () => {
    expect(match(request({ language: undefined }), [trainer({ languages: ['ru'] }), trainer({ languages: [] })]).ranked).toHaveLength(2);
  });

  it('counts only gigs accepted within the capacity period', () => {
    const t = trainer({ capacity: 1 });
    expect(match(request(), [t], [offer(t.id, 'accepted', 45)]).ranked).toHaveLength(1);
    expect(match(request(), [t], [offer(t.id, 'accepted', 10)]).excluded[0].filter).toBe('capacity');
  });

  it('asks for an exchange agreement only of certified people, and only when Settings require it', () => {
    const expiring = trainer({ exchangeAgreement: 'expiring' });
    const facilitator = trainer({ roles: ['facilitator'], exchangeAgreement: 'none' });
    const expired = trainer({ exchangeAgreement: 'expired' });
    expect(order(match(request({ origin: 'circle' }), [expiring, facilitator, expired]))).toEqual(expect.arrayContaining([expiring.id, facilitator.id]));
    const lax = readPolicy(new Settings({ 'match.requireExchangeAgreement': 'FALSE' }));
    expect(match(request(), [expired], [], lax).ranked).toHaveLength(1);
  });

  it('lets the help desk set which roles fit an origin', () => {
    const f = trainer({ roles: ['facilitator'] });
    expect(match(request(), [f]).excluded[0].filter).toBe('role');
    const p = readPolicy(new Settings({ 'match.roles.client': 'certified trainer, facilitator' }));
    expect(match(request(), [f], [], p).ranked).toHaveLength(1);
  });

  it('returns every eligible person ranked and one exclusion per excluded person, over a prepared pool too', () => {
    const pool = [trainer(), trainer({ status: 'left' }), trainer(), trainer({ languages: ['de'] })];
    const r = match(request(), pool);
    expect(r.ranked.map((c) => c.trainerId).sort()).toEqual([pool[0].id, pool[2].id]);
    expect(r.excluded.map((e) => [e.trainerId, e.filter]).sort()).toEqual([
      [pool[1].id, 'status'],
      [pool[3].id, 'language'],
    ]);
    expect(matchTrainers(request(), prepareCandidates(pool), buildOfferIndex([]), policy, NOW, offsetOf)).toEqual(r);
  });

  it('says in words why nobody fits', () => {
    const r = match(request({ language: 'ru' }), [trainer(), trainer(), trainer({ status: 'paused' })]);
    expect(r.gap).toBe('nobody active speaks ru');
    expect(match(request(), []).gap).toBe('no trainers in the registry');
    expect(match(request(), [trainer()]).gap).toBeUndefined();
  });
});

describe('soft criteria move the ranking the way the policy says', () => {
  it('ranks fewer offers in the rotation window higher (older offers do not count)', () => {
    const busy = trainer();
    const quiet = trainer();
    const offers = [offer(busy.id, 'declined', 10), offer(busy.id, 'expired', 20), offer(quiet.id, 'declined', 120)];
    const r = match(request(), [busy, quiet], offers);
    expect(order(r)).toEqual([quiet.id, busy.id]);
    expect(criterion(r, busy.id, 'fairness')).toMatchObject({ value: 0.33, reason: '2 offers in the last 90 days' });
    expect(criterion(r, quiet.id, 'fairness')).toMatchObject({ value: 1, reason: 'no offers in the last 90 days' });
  });

  it('gives the trainer the requester asked for a bonus (accents and case ignored)', () => {
    const other = trainer();
    const asked = trainer({ name: 'João Gonçalves' });
    const r = match(request({ preferredTrainer: 'joao GONCALVES' }), [other, asked]);
    expect(order(r)).toEqual([asked.id, other.id]);
    expect(criterion(r, asked.id, 'preference')).toMatchObject({ value: 1, reason: 'asked for by the requester' });
    expect(order(match(request({ preferredTrainer: asked.id }), [other, asked]))[0]).toBe(asked.id);
  });

  it('ranks a closer time zone higher, around the clock, and is neutral when unknown', () => {
    const berlin = trainer({ timeZone: 'Europe/Berlin' });
    const newYork = trainer({ timeZone: 'America/New_York' });
    const auckland = trainer({ timeZone: 'Pacific/Auckland' });
    const unknown = trainer({ timeZone: 'Atlantis/Nowhere' });
    const r = match(request({ timeZone: 'UTC-03:00' }), [berlin, newYork, auckland, unknown]);
    expect(criterion(r, newYork.id, 'timeZone')).toMatchObject({ value: 0.75, reason: '2 h apart' });
    expect(criterion(r, berlin.id, 'timeZone')).toMatchObject({ value: 0.5, reason: '4 h apart' });
    expect(criterion(r, auckland.id, 'timeZone')).toMatchObject({ value: 0, reason: '8 h apart' }); // UTC+13 is 8 h from UTC−3 the short way
    expect(criterion(r, unknown.id, 'timeZone')).toMatchObject({ value: 0.5, reason: 'time zone unknown' });
    expect(order(r)[0]).toBe(newYork.id);
  });

  it('scores topics by the share of the topics asked', () => {
    const two = trainer({ skills: ['Consent decision-making', 'Rounds', 'Writing'] });
    const one = trainer({ skills: ['rounds'] });
    const r = match(request({ skills: ['Rounds', 'Consent decision-making', 'Double linking'] }), [one, two]);
    expect(order(r)).toEqual([two.id, one.id]);
    expect(criterion(r, two.id, 'skills')).toMatchObject({ value: 0.67, reason: '2 of 3 topics: Rounds, Consent decision-making' });
    expect(criterion(match(request(), [one]), one.id, 'skills')).toMatchObject({ value: 0.5, reason: 'no topics asked' });
  });

  it('prefers the format asked, and for in person someone based near the location', () => {
    const online = trainer({ formats: ['online'] });
    const far = trainer({ formats: ['online', 'in person'], country: 'Germany', region: 'Berlin' });
    const near = trainer({ formats: ['in person'], country: 'Portugal', region: 'Lisbon' });
    const r = match(request({ format: 'in person', location: 'Lisbon, Portugal' }), [online, far, near]);
    expect(order(r)).toEqual([near.id, far.id, online.id]);
    expect(criterion(r, near.id, 'format')).toMatchObject({ value: 1, reason: 'offers in person, based near Lisbon, Portugal' });
    expect(criterion(r, online.id, 'format')).toMatchObject({ value: 0, reason: 'does not offer in person, not based near the location' });
  });

  it('ranks better feedback higher; no feedback is neutral', () => {
    const good = trainer({ feedback: 5 });
    const none = trainer();
    const poor = trainer({ feedback: 2 });
    const r = match(request(), [poor, none, good]);
    expect(order(r)).toEqual([good.id, none.id, poor.id]);
    expect(criterion(r, none.id, 'feedback')).toMatchObject({ value: 0.5, reason: 'no feedback yet' });
  });

  it('scores 100 × Σ(value × weight) / Σ weights, rounded to one decimal, with each criterion explained', () => {
    const t = trainer({ skills: ['Rounds'], timeZone: 'UTC+02:00', feedback: 4 });
    const r = match(request({ skills: ['Rounds', 'Roles & role descriptions'], timeZone: 'UTC+01:00', format: 'online' }), [t], [offer(t.id, 'declined', 3)]);
    // skills 0.5×40 + tz 0.875×15 + format 1×10 + fairness 0.5×20 + feedback 0.75×10 + preference 0×5 = 60.625 of 100
    expect(r.ranked[0].score).toBe(60.6);
    expect(r.ranked[0].breakdown.map((b) => b.criterion)).toEqual(['skills', 'timeZone', 'format', 'fairness', 'feedback', 'preference']);
    expect(r.ranked[0].breakdown[1]).toEqual({ criterion: 'timeZone', value: 0.88, weight: 15, points: 13.1, reason: '1 h apart', facts: { hoursApart: 1 } });
  });

  it('takes weights from Settings: the same pool ranks differently', () => {
    const skilled = trainer({ skills: ['Rounds'] });
    const rested = trainer();
    const offers = [offer(skilled.id, 'declined', 5), offer(skilled.id, 'declined', 6), offer(skilled.id, 'declined', 7)];
    const req = request({ skills: ['Rounds'] });
    const anyFit = readPolicy(new Settings({ 'match.minTopics': '0' }));
    expect(order(match(req, [skilled, rested], offers, anyFit))).toEqual([skilled.id, rested.id]);
    const fairFirst = readPolicy(new Settings({ 'match.weight.skills': '5', 'match.weight.fairness': '60', 'match.minTopics': '0' }));
    expect(order(match(req, [skilled, rested], offers, fairFirst))).toEqual([rested.id, skilled.id]);
  });

  it('breaks ties deterministically: fewer offers in the window, then trainer id', () => {
    const mk = (id: string) => trainer({ id, name: id });
    const [c, a, b] = [mk('T-C'), mk('T-A'), mk('T-B')];
    // Weight only on skills, so fairness does not move the score but still breaks the tie.
    const p = readPolicy(
      new Settings({
        'match.weight.timeZone': '0',
        'match.weight.format': '0',
        'match.weight.fairness': '0',
        'match.weight.feedback': '0',
        'match.weight.preference': '0',
      }),
    );
    const r = match(request(), [c, a, b], [offer('T-A', 'declined', 5)], p);
    expect(r.ranked.map((x) => x.score)).toEqual([50, 50, 50]);
    expect(order(r)).toEqual(['T-B', 'T-C', 'T-A']);
    expect(order(match(request(), [b, a, c], [offer('T-A', 'declined', 5)], p))).toEqual(['T-B', 'T-C', 'T-A']);
  });
});

describe('policy from the Settings sheet', () => {
  it('gives every match.* key a default and a description', () => {
    const keys = POLICY_SETTINGS.map((s) => s.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'match.weight.skills',
        'match.rotationWindowDays',
        'match.capacityPeriodDays',
        'match.requireExchangeAgreement',
        'match.topN',
        'match.roles.find-a-facilitator',
      ]),
    );
    expect(POLICY_SETTINGS.every((s) => SETTING_DEFAULTS[s.key] !== '' && s.description.length > 20)).toBe(true);
  });

  it('reads the defaults', () => {
    expect(policy).toEqual({
      weights: { skills: 40, timeZone: 15, format: 10, fairness: 20, feedback: 10, preference: 5 },
      rotationWindowDays: 90,
      capacityPeriodDays: 30,
      capacityCountsPending: true,
      minTopics: 1,
      requireExchangeAgreement: true,
      topN: 5,
      rolesFor: {
        client: ['certified trainer', 'trainer in certification', 'certified consultant'],
        'find-a-facilitator': ['facilitator'],
        circle: ['certified trainer', 'trainer in certification', 'facilitator'],
        'trainer-initiated': ['mentor'],
        'sofa-standard': ['certified trainer'],
      },
    });
  });

  it('falls back to the default for values it cannot use', () => {
    const p = readPolicy(
      new Settings({
        'match.weight.skills': 'lots',
        'match.weight.format': '-3',
        'match.weight.feedback': '12,5',
        'match.topN': '0',
        'match.rotationWindowDays': 'ninety',
        'match.requireExchangeAgreement': 'maybe',
        'match.roles.client': 'wizard',
      }),
    );
    expect(p.weights).toMatchObject({ skills: 40, format: 10, feedback: 12.5 });
    expect(p).toMatchObject({ topN: 5, rotationWindowDays: 90, requireExchangeAgreement: true });
    expect(p.rolesFor.client).toEqual(['certified trainer', 'trainer in certification', 'certified consultant']);
    const zero = Object.fromEntries(['skills', 'timeZone', 'format', 'fairness', 'feedback', 'preference'].map((k) => [`match.weight.${k}`, '0']));
    expect(readPolicy(new Settings(zero)).weights.skills).toBe(40);
    expect(readPolicy(new Settings({ 'match.requireExchangeAgreement': 'no' })).requireExchangeAgreement).toBe(false);
  });
});

describe('time zones', () => {
  it.each([
    ['UTC+05:30', 5.5],
    ['UTC-03:00', -3],
    ['utc+2', 2],
    ['GMT', 0],
    ['Europe/Berlin', 1],
    ['Asia/Kolkata', 5.5],
    ['Nowhere/Land', undefined],
    ['', undefined],
    ['UTC+25:00', undefined],
  ])('reads %j as %p hours east of UTC in winter', (tz, hours) => {
    expect(zoneOffset(tz, offsetFinder(new Date('2026-01-15T12:00:00Z')))).toBe(hours);
  });

  it('follows daylight saving through offsetOf', () => {
    expect(zoneOffset('Europe/Berlin', offsetFinder(new Date('2026-07-15T12:00:00Z')))).toBe(2);
  });

  it('treats an offsetOf that throws as unknown', () => {
    expect(
      zoneOffset('Europe/Berlin', () => {
        throw new Error('no');
      }),
    ).toBeUndefined();
  });
});

describe('exchange agreement status as the Trainers column words it', () => {
  it.each([
    ['signed until 2027-05-01', 1],
    ['expiring 2026-03-20', 1],
    ['not needed', 1],
    ['expired', 0],
    ['missing', 0],
    ['none', 0],
  ])('"%s" → %p eligible', (status, n) => {
    expect(match(request(), [trainer({ exchangeAgreement: status })]).ranked).toHaveLength(n);
  });
});

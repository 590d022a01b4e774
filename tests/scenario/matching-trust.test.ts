/**
 * Scenario: matching a help desk can trust (issue 8) — capacity re-checked at acceptance,
 * pending offers holding capacity, mentors only when asked, a minimum fit, and conflicts of
 * interest with a circle named on any form — on dist/Code.js through the emulator.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ActionResult, PoolView, ProposalView } from '../../src/ui/contracts';
import {
  approveClaimedRoles,
  clientAnswers,
  editRow,
  FORMS,
  immediateNoticesWorld,
  linkAfter,
  logRows,
  profileAnswers,
  setSetting,
  setUpWorld,
} from '../support/world';

const world = immediateNoticesWorld;

const DAY = 86400_000;
const trainerId = (d: Driver, name: string) => String(d.records('Trainers').find((t) => t.Name === name)!.Id);
const mailsTo = (d: Driver, address: string) => d.outbox().filter((m) => m.to.includes(address));
const request = (d: Driver, id: string) => d.records('Requests').find((r) => r.Id === id)!;

/** Propose trainers on one request row, as the help desk does; returns the sidebar's view. */
function propose(d: Driver, row: number): ProposalView {
  d.select(`Requests!A${row}`);
  Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
  return d.callServer<ProposalView>('loadProposals');
}

function offer(d: Driver, requestId: string, names: string[]): void {
  const r = d.callServer<ActionResult>(
    'offerTrainers',
    requestId,
    names.map((n) => trainerId(d, n)),
  );
  expect(r).toMatchObject({ ok: true });
}

/** The link in the trainer's offer email for this request (read before a test clears the outbox). */
function link(d: Driver, address: string, requestId: string, label: 'Aceitar' | 'Recusar'): string {
  const mail = mailsTo(d, address).find((m) => m.subject.includes(requestId) && m.body.includes(`${label}:`));
  return linkAfter(mail!.body, label);
}

/** The trainer answers from that link. */
function answer(d: Driver, url: string): void {
  d.submitForm(FORMS.offer, d.prefilledAnswers(url));
}

describe('capacity that is true', () => {
  it('an acceptance over capacity is thanked kindly and the next candidate proposed (offers counted as accepted only)', () => {
    const d = world();
    setSetting(d, 'match.capacityCountsPending', 'FALSE');
    editRow(d, 'Trainers', trainerId(d, 'João Silva'), { 'Capacity per month': 1 });
    d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'rui@example.org', 'Your name': 'Rui', Organisation: 'Horta Viva' }));
    // Two rounds: João is offered both requests (with accepted gigs only, nothing holds his place).
    propose(d, 2);
    offer(d, 'R-00001', ['João Silva']);
    const second = propose(d, 3);
    expect(second.requests[0].ranked.map((c) => c.name)).toContain('João Silva');
    offer(d, 'R-00002', ['João Silva']);
    const [first, late] = [link(d, 'joao@example.org', 'R-00001', 'Aceitar'), link(d, 'joao@example.org', 'R-00002', 'Aceitar')];
    d.advanceClock(DAY);
    answer(d, first);
    expect(request(d, 'R-00001').Status).toBe('connected');
    d.store.mail.outbox = [];
    d.advanceClock(DAY);
    answer(d, late);

    const r2 = request(d, 'R-00002');
    expect(r2.Status).toBe('proposed');
    expect(String(r2.Assigned ?? '')).toBe('');
    expect(String(r2.Proposed)).toMatch(/^Ana Souza \(/);
    const o2 = d.records('Offers').find((o) => o.Request === 'R-00002')!;
    expect(o2.Answer).toBe('withdrawn');
    // Thanked kindly, in his language, and never introduced to the second client.
    const thanks = mailsTo(d, 'joao@example.org');
    expect(thanks).toHaveLength(1);
    expect(thanks[0].subject).toBe('Pedido de formação R-00002: obrigado — por agora a sua agenda está cheia');
    expect(thanks[0].body).toContain('(1 por mês)');
    expect(mailsTo(d, 'rui@example.org')).toEqual([]);
    // The help desk is told, with the next candidate.
    const next = mailsTo(d, 'helpdesk@example.org').find((m) => m.subject.includes('R-00002') && m.subject.includes('next candidate'));
    expect(next?.body).toMatch(/João Silva could not take it: their gigs are full for this period \(R-00002\)/);
    expect(next?.body).toMatch(/Next candidate proposed: Ana Souza/);
    expect(logRows(d).find((l) => l.action === 'Offer acceptance not applied')?.details).toMatch(/at capacity: 1 of 1 gig accepted in the last 30 days/);
    // Nothing repeats on the hourly run.
    const sent = d.outbox().length;
    d.advanceClock(3 * 3600_000);
    expect(d.outbox()).toHaveLength(sent);
  });

  it('an offer waiting for an answer holds its place: the next round does not offer the same person beyond capacity', () => {
    const d = world();
    editRow(d, 'Trainers', trainerId(d, 'João Silva'), { 'Capacity per month': 1 });
    d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'rui@example.org', 'Your name': 'Rui', Organisation: 'Horta Viva' }));
    propose(d, 2);
    offer(d, 'R-00001', ['João Silva']);
    const view = propose(d, 3);
    expect(view.requests[0].ranked.map((c) => c.name)).not.toContain('João Silva');
    const why = view.requests[0].excluded.find((x) => x.name === 'João Silva');
    expect(why).toMatchObject({ filter: 'capacity' });
    expect(why?.reason).toBe('capacity 1 gig: 0 accepted in the last 30 days and 1 offer waiting for an answer');
    // The pool round sees it too: R-00002 goes to someone else.
    Driver.check(d.clickMenu('Propose for all new requests'), 'Propose for all new requests');
    const pool = d.callServer<PoolView>('loadPoolPreview');
    expect(pool.rows.map((r) => [r.requestId, r.trainerName])).toEqual([['R-00002', 'Ana Souza']]);
  });
});

describe('mentors only where asked, never oneself', () => {
  function mentorWorld(): Driver {
    const d = setUpWorld();
    d.submitForm(FORMS.profile, profileAnswers('Mara Mentor', 'mara@example.org', { Roles: ['mentor'], 'Languages you train in': ['English'] }));
    d.submitForm(FORMS.profile, profileAnswers('Tom Trainer', 'tom@example.org', { Roles: ['mentor'], 'Languages you train in': ['English'] }));
    approveClaimedRoles(d);
    const base = {
      'Trainer email': 'tom@example.org',
      'Trainer name': 'Tom Trainer',
      'Language of the training': 'English',
      Topics: ['Consent decision-making'],
      'Fee per participant and currency': '40 USD',
      'Who promotes the training?': 'both',
    };
    d.submitForm(FORMS.trainerInitiated, { ...base, 'Training title': 'Sociocracy 101', 'Would you like a mentor?': 'no' });
    d.submitForm(FORMS.trainerInitiated, { ...base, 'Training title': 'Sociocracy 201', 'Would you like a mentor?': 'yes' });
    d.store.mail.outbox = [];
    return d;
  }

  it('proposes nobody for a training that answered "no", and a mentor (not the trainer) for "yes"', () => {
    const d = mentorWorld();
    expect(d.records('Requests').map((r) => r['Mentor wanted'])).toEqual(['no', 'yes']);
    const no = propose(d, 2);
    expect(no.requests[0].ranked).toEqual([]);
    expect(no.requests[0].gap).toBe('no mentor asked for ("Mentor wanted" is not yes)');
    expect(request(d, 'R-00001').Proposed).toBe('nobody fits: no mentor asked for ("Mentor wanted" is not yes)');
    const yes = propose(d, 3);
    expect(yes.requests[0].ranked.map((c) => c.name)).toEqual(['Mara Mentor']);
    expect(yes.requests[0].excluded.find((x) => x.name === 'Tom Trainer')).toMatchObject({ filter: 'conflict', reason: 'registered this training themselves' });
    // The pool leaves the "no" training out and gives the "yes" one its mentor.
    Driver.check(d.clickMenu('Propose for all new requests'), 'Propose for all new requests');
    const pool = d.callServer<PoolView>('loadPoolPreview');
    expect(pool.rows.map((r) => [r.requestId, r.trainerName])).toEqual([['R-00002', 'Mara Mentor']]);
  });
});

describe('a minimum fit', () => {
  it('offers nobody who covers none of the topics: the help desk sees the gap and the closest people', () => {
    const d = world();
    d.submitForm(
      FORMS.client,
      clientAnswers({ 'Your email': 'rui@example.org', 'Your name': 'Rui', Organisation: 'Horta Viva', 'Topics and skills wanted': ['Executive coaching'] }),
    );
    const view = propose(d, 3);
    const p = view.requests[0];
    expect(p.ranked).toEqual([]);
    expect(p.gap).toBe('nobody covers Executive coaching');
    // The closest people come first under Why not, with what they lack.
    expect(p.excluded[0]).toMatchObject({ filter: 'topics', reason: 'covers none of the topics asked — at least 1 topic of Executive coaching needed' });
    expect(request(d, 'R-00002').Proposed).toBe('nobody fits: nobody covers Executive coaching');
    expect(view.fairness).toMatchObject({ windowDays: 90, offers: 0, min: 0, max: 0, gini: 0 });
    // The pool names the same gap and offers nobody for it.
    Driver.check(d.clickMenu('Propose for all new requests'), 'Propose for all new requests');
    const pool = d.callServer<PoolView>('loadPoolPreview');
    expect(pool.rows.find((r) => r.requestId === 'R-00002')).toMatchObject({ reason: 'nobody covers Executive coaching' });
    expect(pool.rows.find((r) => r.requestId === 'R-00002')?.trainerId).toBeUndefined();
  });

  it('autoOfferNext offers nobody below it after a decline; the help desk is told the gap', () => {
    const d = world();
    setSetting(d, 'offers.autoOfferNext', 'TRUE');
    // Only João covers Meeting facilitation; Ana covers neither topic asked here.
    d.submitForm(
      FORMS.client,
      clientAnswers({ 'Your email': 'rui@example.org', 'Your name': 'Rui', Organisation: 'Horta Viva', 'Topics and skills wanted': ['Meeting facilitation'] }),
    );
    const view = propose(d, 3);
    expect(view.requests[0].ranked.map((c) => c.name)).toEqual(['João Silva']);
    offer(d, 'R-00002', ['João Silva']);
    const decline = link(d, 'joao@example.org', 'R-00002', 'Recusar');
    d.store.mail.outbox = [];
    d.advanceClock(DAY);
    answer(d, decline);
    expect(d.records('Offers').filter((o) => o.Request === 'R-00002')).toHaveLength(1);
    expect(mailsTo(d, 'ana@example.org')).toEqual([]);
    const next = mailsTo(d, 'helpdesk@example.org').find((m) => m.subject.includes('R-00002'));
    expect(next?.subject).toMatch(/nobody else fits/);
    expect(next?.body).toContain('Nobody else fits this request. Open Propose trainers on the request to see why not.\nnobody covers Meeting facilitation');
  });
});

describe('conflict of interest whatever the form', () => {
  it('a client request naming a SoFA circle does not propose that circle’s members', () => {
    const d = world();
    editRow(d, 'Trainers', trainerId(d, 'João Silva'), { Circles: 'Training Circle' });
    d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'rui@example.org', 'Your name': 'Rui', Organisation: 'Training Circle' }));
    const p = propose(d, 3).requests[0];
    expect(p.ranked.map((c) => c.name)).not.toContain('João Silva');
    expect(p.excluded.find((x) => x.name === 'João Silva')).toMatchObject({
      filter: 'conflict',
      reason: 'member of Training Circle, the circle named in the request',
    });
  });
});

/**
 * Scenario: answers that arrive when the world has moved on, the trainer's message, and the
 * Outbox that sends each email once and whole — on dist/Code.js through the emulator.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ActionResult, ProposalView } from '../../src/ui/contracts';
import { editRow, FORMS, immediateNoticesWorld, linkAfter, logRows, typeRow } from '../support/world';

const world = immediateNoticesWorld;

const DAY = 86400_000;
const trainerId = (d: Driver, name: string) => String(d.records('Trainers').find((t) => t.Name === name)!.Id);
const mailsTo = (d: Driver, address: string) => d.outbox().filter((m) => m.to.includes(address));

function offerTo(d: Driver, names: string[]): void {
  d.select('Requests!A2');
  Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
  d.callServer<ProposalView>('loadProposals');
  const r = d.callServer<ActionResult>(
    'offerTrainers',
    'R-00001',
    names.map((n) => trainerId(d, n)),
  );
  expect(r.ok).toBe(true);
}

/** The trainer's link from their offer email (read before a test clears the outbox). */
function link(d: Driver, address: string, label: 'Aceitar' | 'Recusar'): string {
  const offer = mailsTo(d, address).find((m) => m.subject.includes('R-00001'))!;
  return linkAfter(offer.body, label);
}

function answer(d: Driver, url: string, message?: string): void {
  const answers = d.prefilledAnswers(url);
  d.submitForm(FORMS.offer, message ? { ...answers, 'Message to the help desk (optional)': message } : answers);
}

describe('an acceptance that comes too late changes nothing', () => {
  it.each([
    ['the request was cancelled', (d: Driver) => editRow(d, 'Requests', 'R-00001', { Status: 'cancelled' }), /the request it was cancelled/],
    ['the trainer has left', (d: Driver) => editRow(d, 'Trainers', trainerId(d, 'João Silva'), { Status: 'left' }), /status is left/],
    ['the trainer is paused', (d: Driver) => editRow(d, 'Trainers', trainerId(d, 'João Silva'), { Status: 'paused' }), /status is paused/],
  ])('when %s: no introduction, the request unchanged, the trainer thanked, the help desk told', (_what, change, reason) => {
    const d = world();
    offerTo(d, ['João Silva']);
    const accept = link(d, 'joao@example.org', 'Aceitar');
    change(d);
    const before = d.records('Requests')[0];
    d.store.mail.outbox = [];
    d.advanceClock(DAY);
    answer(d, accept);
    const after = d.records('Requests')[0];
    expect(after.Status).toBe(before.Status);
    expect(after.Assigned).toBe(before.Assigned);
    expect(d.outbox().filter((m) => m.subject.startsWith('Apresentação') || m.subject.startsWith('Introduction'))).toEqual([]);
    expect(d.records('Offers')[0].Answer).toBe('withdrawn');
    const thanks = mailsTo(d, 'joao@example.org');
    expect(thanks).toHaveLength(1);
    expect(thanks[0].body).toMatch(/thank|grateful|obrigad/i);
    const notice = mailsTo(d, 'helpdesk@example.org').find((m) => m.subject.includes('answered offer'));
    expect(notice?.body).toMatch(reason);
    expect(logRows(d).filter((l) => l.action === 'Offer acceptance not applied')).toHaveLength(1);
    // The hourly sweep reads the answer again: nothing more happens.
    const sent = d.outbox().length;
    d.advanceClock(3 * 3600_000);
    expect(d.outbox()).toHaveLength(sent);
    expect(logRows(d).filter((l) => l.action === 'Offer acceptance not applied')).toHaveLength(1);
  });
});

describe("the trainer's message", () => {
  it('reaches the Offers row and the help desk, with the answer applied', () => {
    const d = world();
    offerTo(d, ['João Silva']);
    d.advanceClock(DAY);
    answer(d, link(d, 'joao@example.org', 'Recusar'), 'I am travelling in March, ask me again in April.');
    const offer = d.records('Offers')[0];
    expect(offer.Answer).toBe('declined');
    expect(offer.Message).toBe('I am travelling in March, ask me again in April.');
    const notice = mailsTo(d, 'helpdesk@example.org').find((m) => m.subject.includes('answered offer'));
    expect(notice?.body).toContain('I am travelling in March, ask me again in April.');
    // The Log says there is a message, never what it says.
    for (const l of logRows(d)) expect(l.details).not.toContain('travelling');
  });
});

describe('the Outbox', () => {
  it('sends each email once: Connect clicked twice introduces once', () => {
    const d = world();
    d.select('Requests!A2');
    Driver.check(d.clickMenu('Propose trainers'));
    const id = trainerId(d, 'João Silva');
    const first = d.callServer<ActionResult>('connectTrainer', 'R-00001', id);
    const second = d.callServer<ActionResult>('connectTrainer', 'R-00001', id);
    expect(first.ok && second.ok).toBe(true);
    expect(second.message).toMatch(/already connected/);
    expect(d.outbox().filter((m) => m.subject.startsWith('Apresentação'))).toHaveLength(1);
    expect(d.records('Offers').filter((o) => o.Answer === 'accepted')).toHaveLength(1);
    const keys = d.records('Outbox').map((r) => String(r.Key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a message for two people waits whole when only one recipient is left in the quota, then goes out', () => {
    const d = world();
    d.setMailQuota(1000);
    offerTo(d, ['João Silva']);
    d.advanceClock(DAY);
    // Exactly one recipient left above the reserve of 5 today.
    const used = d.store.mail.usedByUserDay;
    for (const k of Object.keys(used)) delete used[k];
    d.setMailQuota(6);
    const accept = link(d, 'joao@example.org', 'Aceitar');
    d.store.mail.outbox = [];
    answer(d, accept);
    expect(d.records('Requests')[0].Status).toBe('connected');
    expect(d.outbox().filter((m) => m.subject.startsWith('Apresentação'))).toEqual([]);
    const intro = d.records('Outbox').find((r) => String(r.Key).startsWith('intro:'))!;
    expect(intro.Status).toBe('queued');
    // The hourly runs keep it whole while one recipient is left; tomorrow's quota sends it.
    d.advanceClock(3 * 3600_000);
    expect(d.outbox().filter((m) => m.subject.startsWith('Apresentação'))).toEqual([]);
    d.setMailQuota(100);
    d.advanceClock(DAY);
    const sent = d.outbox().filter((m) => m.subject.startsWith('Apresentação'));
    expect(sent).toHaveLength(1);
    expect(sent[0].to.sort()).toEqual(['ana.lima@example.org', 'joao@example.org']);
  });

  it('every offer row ends settled: its follow-up is done', () => {
    const d = world();
    offerTo(d, ['João Silva', 'Ana Souza']);
    d.advanceClock(DAY);
    answer(d, link(d, 'joao@example.org', 'Aceitar'));
    expect(d.records('Offers').map((o) => [o.Answer, o.Settled])).toEqual([
      ['accepted', 'accepted'],
      ['withdrawn', 'withdrawn'],
    ]);
  });
});

describe('an email that cannot be sent', () => {
  it('is retried with backoff up to mail.maxAttempts, then marked failed, logged once and flagged by Check registry', () => {
    const d = world();
    // An email whose address MailApp refuses (here typed by hand; a bad Settings address does the same).
    typeRow(d, 'Outbox', { Key: 'manual:1', 'Queued at': new Date(d.store.clock.now), Status: 'queued', To: 'not-an-address', Subject: 'Hello', Body: 'Hi' });
    const attempts = () => Number(d.records('Outbox').find((r) => r.Key === 'manual:1')!.Attempts || 0);
    d.advanceClock(3600_000);
    expect(attempts()).toBe(1);
    // Backoff: the next hourly run does not try again; the one after the 1-hour delay does.
    d.advanceClock(3600_000);
    expect(attempts()).toBeLessThanOrEqual(2);
    d.advanceClock(40 * 3600_000);
    const row = d.records('Outbox').find((r) => r.Key === 'manual:1')!;
    expect(row.Status).toBe('failed');
    expect(row.Attempts).toBe(5);
    expect(String(row.Error)).toMatch(/Invalid email/);
    expect(logRows(d).filter((l) => l.action === 'Email failed')).toHaveLength(1);
    d.answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Check registry'));
    expect(d.uiEvents('alert').at(-1)!.message).toMatch(/Outbox: 1/);
  });

  it('sent emails leave the Outbox after mail.keepSentDays', () => {
    const d = world();
    offerTo(d, ['João Silva']);
    const before = d.records('Outbox').length;
    expect(before).toBeGreaterThan(0);
    d.advanceClock(31 * DAY);
    const left = d.records('Outbox');
    expect(left.length).toBeLessThan(before);
    expect(left.every((r) => r.Status !== 'sent' || (r['Sent at'] as { date: number }).date > d.store.clock.now - 30 * DAY)).toBe(true);
  });
});

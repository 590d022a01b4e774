/**
 * Scenario: Settings keys the README reference promises an effect for, and that no other test
 * changed — each set in the sheet as the help desk would, then seen in what the tool does, on
 * dist/Code.js through the emulator.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ActionResult, ProposalView } from '../../src/ui/contracts';
import { clientAnswers, FORMS, linkAfter, matchingWorld, setSetting, typeRow } from '../support/world';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const trainerId = (d: Driver, name: string) => String(d.records('Trainers').find((t) => t.Name === name)!.Id);
const mailsTo = (d: Driver, address: string) => d.outbox().filter((m) => m.to.includes(address));

function offerTo(d: Driver, id: string, row: number, name: string): void {
  d.select(`Requests!A${row}`);
  Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
  d.callServer<ProposalView>('loadProposals');
  expect(d.callServer<ActionResult>('offerTrainers', id, [trainerId(d, name)])).toMatchObject({ ok: true });
}

describe('Settings that change what is sent', () => {
  it('helpdesk.name is the sender name of every email, cleaned for the From header', () => {
    const d = matchingWorld();
    setSetting(d, 'helpdesk.name', 'Mesa de Ayuda "SoFA" <formación>');
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bea', 'Your email': 'bea@example.org' }));
    offerTo(d, 'R-00001', 2, 'João Silva');
    const sent = d.outbox();
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const m of sent) expect(m.name).toBe('Mesa de Ayuda SoFA formación');
  });

  it('learnerAdmin.language is the language of the email to Learner Admin', () => {
    const d = matchingWorld();
    typeRow(d, 'Agreements', {
      Id: 'A-1',
      Kind: 'exchange',
      'Party A': 'SoFA',
      'Party B': trainerId(d, 'Pedro Costa'),
      Status: 'signed',
      'Valid until': new Date(d.store.clock.now + 400 * DAY),
    });
    setSetting(d, 'learnerAdmin.email', 'learners@example.org');
    setSetting(d, 'learnerAdmin.language', 'es');
    d.submitForm(FORMS.standard, {
      Training: 'Sociocracy Basics',
      'Requested by': 'Help desk',
      'Your email': 'helpdesk@example.org',
      'Language of the training': 'Português (Portuguese)',
      Dates: 'March',
    });
    offerTo(d, 'R-00002', 3, 'Pedro Costa');
    d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(mailsTo(d, 'pedro@example.org').at(-1)!.body, 'Aceitar')));
    expect(mailsTo(d, 'learners@example.org').map((m) => m.subject)).toEqual(['Formación estándar R-00002: la impartirá Pedro Costa']);
  });

  it('offers.remindAfterDays and offers.expireAfterDays set when the reminder and the expiry come', () => {
    const d = matchingWorld();
    setSetting(d, 'offers.remindAfterDays', '1');
    setSetting(d, 'offers.expireAfterDays', '2');
    offerTo(d, 'R-00001', 2, 'João Silva');
    const reminders = () => mailsTo(d, 'joao@example.org').filter((m) => m.subject.startsWith('Lembrete'));
    // Nothing runs for most of a day (the clock jumps), then the hourly runs around the due time.
    const skip = (ms: number) => {
      d.store.clock.now += ms;
    };
    skip(DAY - 3 * HOUR);
    d.advanceClock(HOUR);
    expect(reminders()).toEqual([]);
    d.advanceClock(3 * HOUR);
    expect(reminders()).toHaveLength(1);
    expect(d.records('Offers')[0].Answer).toBe('pending');
    skip(DAY - 5 * HOUR);
    d.advanceClock(HOUR);
    expect(d.records('Offers')[0].Answer).toBe('pending');
    d.advanceClock(5 * HOUR);
    expect(d.records('Offers')[0].Answer).toBe('expired');
    expect(reminders()).toHaveLength(1);
  });

  it('mail.reservePerDay keeps that many of the daily quota back: the rest waits in the Outbox for the next day', () => {
    const d = matchingWorld();
    setSetting(d, 'helpdesk.notify', 'immediate');
    setSetting(d, 'mail.reservePerDay', '3');
    const used = d.store.mail.usedByUserDay;
    for (const k of Object.keys(used)) delete used[k];
    d.setMailQuota(5); // 2 above the reserve
    for (const [name, email] of [
      ['Eva', 'eva@example.org'],
      ['Kim', 'kim@example.org'],
    ]) {
      d.submitForm(FORMS.client, clientAnswers({ 'Your name': name, 'Your email': email }));
    }
    // Two requests make four emails (acknowledgement and notice each): two go, two wait.
    const queued = () => d.records('Outbox').filter((r) => r.Status === 'queued').length;
    expect(d.outbox()).toHaveLength(2);
    expect(queued()).toBe(2);
    // The hourly runs that day release R-00001's held notice (immediate mode) but send nothing more.
    d.advanceClock(3 * HOUR);
    expect(d.outbox()).toHaveLength(2);
    expect(queued()).toBe(3);
    // Each new day two more go (the next day's first hourly run), until none waits.
    const nextDay = () => {
      d.store.clock.now += DAY - HOUR;
      d.advanceClock(HOUR);
    };
    nextDay();
    expect(d.outbox()).toHaveLength(4);
    nextDay();
    expect(d.outbox()).toHaveLength(5);
    expect(queued()).toBe(0);
  });

  it('feedback.ask FALSE asks nobody for feedback', () => {
    const d = matchingWorld();
    setSetting(d, 'feedback.ask', 'FALSE');
    offerTo(d, 'R-00001', 2, 'João Silva');
    d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(mailsTo(d, 'joao@example.org')[0].body, 'Aceitar')));
    expect(d.records('Requests')[0].Status).toBe('connected');
    d.store.clock.now += 10 * DAY;
    d.advanceClock(HOUR);
    expect(mailsTo(d, 'ana.lima@example.org').filter((m) => /R-00001\)$/.test(m.subject) && !m.subject.startsWith('Apresentação'))).toEqual([]);
    expect(d.records('Offers')[0]['Feedback asked']).toBe('');
    // Turned on again: the next hourly run asks (the training is 10 days old, within 60).
    setSetting(d, 'feedback.ask', 'TRUE');
    d.advanceClock(HOUR);
    expect(mailsTo(d, 'ana.lima@example.org').map((m) => m.subject)).toContain('Como correu a sua formação com João Silva? (R-00001)');
  });
});

describe('Settings that change what is shown', () => {
  it('match.topN is how many people a proposal shows and writes to Proposed', () => {
    const d = matchingWorld(); // João and Ana both fit R-00001
    const propose = () => {
      d.select('Requests!A2');
      Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
      return d.callServer<ProposalView>('loadProposals');
    };
    expect(propose().requests[0].ranked.map((c) => c.name)).toEqual(['João Silva', 'Ana Souza']);
    setSetting(d, 'match.topN', '1');
    const view = propose();
    expect(view.topN).toBe(1);
    expect(view.requests[0].ranked.map((c) => c.name)).toEqual(['João Silva']);
    expect(String(d.records('Requests')[0].Proposed)).toMatch(/^João Silva \([\d.]+\)$/);
  });

  it('directory.title is the title of the public directory page', () => {
    const d = matchingWorld();
    setSetting(d, 'directory.title', 'Encontre um facilitador');
    const page = d.asAnonymous().webApp();
    expect(page.title).toBe('Encontre um facilitador');
    expect(page.html).toContain('Encontre um facilitador');
  });
});

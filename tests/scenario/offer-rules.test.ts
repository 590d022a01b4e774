/**
 * Scenario: README "Offers, answers and introductions" — Trainers needed above 1 and
 * offers.autoOfferNext, on dist/Code.js through the emulator, as trainers answer from their emails.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ActionResult, ProposalView } from '../../src/ui/contracts';
import { editRow, FORMS, linkAfter, logRows, matchingWorld, setSetting, typeRow } from '../support/world';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const trainerId = (d: Driver, name: string) => String(d.records('Trainers').find((t) => t.Name === name)!.Id);
const mailsTo = (d: Driver, address: string) => d.outbox().filter((m) => m.to.includes(address));
const time = (v: unknown): number => (v as { date: number }).date;
const CLIENT = 'ana.lima@example.org';
const HELPDESK = 'helpdesk@example.org';

function offer(d: Driver, names: string[]): void {
  d.select('Requests!A2');
  Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
  d.callServer<ProposalView>('loadProposals');
  const r = d.callServer<ActionResult>(
    'offerTrainers',
    'R-00001',
    names.map((n) => trainerId(d, n)),
  );
  expect(r).toMatchObject({ ok: true });
}

/** The trainer answers from the link in their (Portuguese) offer email for R-00001. */
function answer(d: Driver, email: string, label: 'Aceitar' | 'Recusar'): void {
  const mail = mailsTo(d, email).find((m) => m.subject === 'Pedido de formação R-00001: pode aceitar?');
  if (!mail) throw new Error(`no offer email to ${email}`);
  d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(mail.body, label)));
}

const introductions = (d: Driver) => mailsTo(d, CLIENT).filter((m) => m.subject.startsWith('Apresentação'));
const answers = (d: Driver) => Object.fromEntries(d.records('Offers').map((o) => [String(o.Trainer), String(o.Answer)]));

describe('Trainers needed above 1', () => {
  /** R-00001 needs 2 trainers and is offered to three: João, Ana and Pedro (given a signed exchange agreement). */
  function threeOffered(): Driver {
    const d = matchingWorld();
    typeRow(d, 'Agreements', {
      Id: 'A-1',
      Kind: 'exchange',
      'Party A': 'SoFA',
      'Party B': trainerId(d, 'Pedro Costa'),
      Status: 'signed',
      'Valid until': new Date(d.store.clock.now + 400 * DAY),
    });
    editRow(d, 'Requests', 'R-00001', { 'Trainers needed': 2 });
    offer(d, ['João Silva', 'Ana Souza', 'Pedro Costa']);
    expect(d.records('Offers')).toHaveLength(3);
    return d;
  }

  it('the first two acceptances win, each introduced once; the third is withdrawn and thanked; the request is connected once', () => {
    const d = threeOffered();
    const [joao, ana, pedro] = ['João Silva', 'Ana Souza', 'Pedro Costa'].map((n) => trainerId(d, n));

    d.advanceClock(HOUR);
    answer(d, 'joao@example.org', 'Aceitar');
    // One of two: connected with João, the other offers stay open.
    expect(answers(d)).toEqual({ [joao]: 'accepted', [ana]: 'pending', [pedro]: 'pending' });
    expect(d.records('Requests')[0]).toMatchObject({ Status: 'connected', Assigned: `João Silva (${joao})` });
    expect(introductions(d).map((m) => [...m.to].sort())).toEqual([[CLIENT, 'joao@example.org']]);
    expect(mailsTo(d, 'pedro@example.org').filter((m) => /já foi aceite/.test(m.subject))).toEqual([]);

    d.advanceClock(HOUR);
    answer(d, 'ana@example.org', 'Aceitar');
    // Two of two: Ana introduced too, Pedro's offer withdrawn and Pedro thanked.
    expect(answers(d)).toEqual({ [joao]: 'accepted', [ana]: 'accepted', [pedro]: 'withdrawn' });
    expect(d.records('Requests')[0]).toMatchObject({ Status: 'connected', Assigned: `João Silva (${joao}), Ana Souza (${ana})` });
    expect(introductions(d).map((m) => [...m.to].sort())).toEqual([
      [CLIENT, 'joao@example.org'],
      [CLIENT, 'ana@example.org'],
    ]);
    expect(mailsTo(d, 'pedro@example.org').map((m) => m.subject)).toEqual([
      'Pedido de formação R-00001: pode aceitar?',
      'O pedido de formação R-00001 já foi aceite — obrigado',
    ]);

    // Pedro accepts anyway, later: he is thanked kindly, and nothing else changes.
    d.advanceClock(HOUR);
    const before = JSON.stringify(d.records('Requests'));
    answer(d, 'pedro@example.org', 'Aceitar');
    expect(answers(d)).toEqual({ [joao]: 'accepted', [ana]: 'accepted', [pedro]: 'withdrawn' });
    expect(JSON.stringify(d.records('Requests'))).toBe(before);
    expect(introductions(d)).toHaveLength(2);
    expect(mailsTo(d, 'pedro@example.org').filter((m) => /já foi aceite/.test(m.subject)).length).toBeGreaterThanOrEqual(1);
    expect(mailsTo(d, 'pedro@example.org').some((m) => m.subject.startsWith('Apresentação'))).toBe(false);

    // The hourly run afterwards changes nothing: the Log says Connected once per trainer, never more.
    d.advanceClock(2 * HOUR);
    expect(
      logRows(d)
        .filter((l) => l.action === 'Connected')
        .map((l) => l.details),
    ).toEqual([`${joao} João Silva`, `${ana} Ana Souza`]);
    expect(introductions(d)).toHaveLength(2);
  });

  it('with the default of 1, the first acceptance withdraws every other offer at once', () => {
    const d = threeOffered();
    editRow(d, 'Requests', 'R-00001', { 'Trainers needed': '' });
    answer(d, 'ana@example.org', 'Aceitar');
    expect(Object.values(answers(d)).sort()).toEqual(['accepted', 'withdrawn', 'withdrawn']);
    expect(introductions(d)).toHaveLength(1);
  });
});

describe('offers.autoOfferNext', () => {
  it('FALSE (the default): a decline proposes the next candidate to the help desk and offers nobody', () => {
    const d = matchingWorld();
    setSetting(d, 'helpdesk.notify', 'immediate');
    offer(d, ['João Silva']);
    answer(d, 'joao@example.org', 'Recusar');
    expect(d.records('Offers')).toHaveLength(1);
    expect(d.records('Requests')[0]).toMatchObject({ Status: 'proposed', Proposed: expect.stringMatching(/^Ana Souza \(/) });
    expect(mailsTo(d, 'ana@example.org')).toEqual([]);
    expect(mailsTo(d, HELPDESK).map((m) => m.subject)).toContain('R-00001: João Silva declined the offer — next candidate proposed');
  });

  it('TRUE: an offer that expires unanswered is offered to the next candidate at once, who is emailed; the help desk is told', () => {
    const d = matchingWorld();
    setSetting(d, 'helpdesk.notify', 'immediate');
    setSetting(d, 'offers.autoOfferNext', 'TRUE');
    offer(d, ['João Silva']);
    const ana = trainerId(d, 'Ana Souza');
    // A week passes without an answer; the next hourly run expires João's offer.
    d.store.clock.now += 7 * DAY;
    d.advanceClock(HOUR);
    const offers = d.records('Offers');
    expect(offers.map((o) => [o.Trainer, o.Answer])).toEqual([
      [trainerId(d, 'João Silva'), 'expired'],
      [ana, 'pending'],
    ]);
    expect(d.records('Requests')[0].Status).toBe('offered');
    // Offered in the same run that expired João's offer: Ana's offer is dated then, not a day later.
    expect(time(offers[1]['Offered at']) - time(offers[0]['Answered at'])).toBeLessThan(HOUR);
    expect(mailsTo(d, 'ana@example.org').map((m) => m.subject)).toEqual(['Pedido de formação R-00001: pode aceitar?']);
    expect(mailsTo(d, HELPDESK).map((m) => m.subject)).toContain('R-00001: João Silva did not answer the offer in time — offered to Ana Souza');
    // Ana's offer is a real one: her acceptance connects the request.
    answer(d, 'ana@example.org', 'Aceitar');
    expect(d.records('Requests')[0]).toMatchObject({ Status: 'connected', Assigned: `Ana Souza (${ana})` });
  });
});

/** Scenario: propose → offer → answer → connect, as the help desk and trainers do it, on dist/Code.js. */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ActionResult, PoolResult, PoolView, ProposalView } from '../../src/ui/contracts';
import {
  approveClaimedRoles,
  clientAnswers,
  editRow,
  FORMS,
  linkAfter,
  logRows,
  matchingWorld as world,
  profileAnswers,
  setSetting,
  typeRow,
} from '../support/world';

const DAY = 86400_000;

function propose(d: Driver, a1 = 'Requests!A2'): ProposalView {
  d.select(a1);
  Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
  return d.callServer<ProposalView>('loadProposals');
}

const names = (v: ProposalView) => v.requests[0].ranked.map((c) => c.name);
const trainerId = (d: Driver, name: string) => String(d.records('Trainers').find((t) => t.Name === name)!.Id);
const mailsTo = (d: Driver, address: string) => d.outbox().filter((m) => m.to.includes(address));

describe('Propose trainers', () => {
  it('writes a ranked proposal to the row, logs its reasons, and opens the sidebar with scores, reasons and why not', () => {
    const d = world();
    const view = propose(d);
    expect(d.uiEvents('sidebar').at(-1)?.html).toContain('<script>');
    const [p] = view.requests;
    expect(p.request.id).toBe('R-00001');
    expect(names(view)).toEqual(['João Silva', 'Ana Souza']);
    expect(p.ranked[0].breakdown.map((b) => b.criterion)).toEqual(expect.arrayContaining(['skills', 'timeZone', 'fairness']));
    expect(p.ranked[0].score).toBeGreaterThan(p.ranked[1].score);
    const why = new Map(p.excluded.map((e) => [e.name, e.filter]));
    expect(why.get('Olga Ivanova')).toBe('language');
    expect(why.get('Pedro Costa')).toBe('exchangeAgreement');
    const req = d.records('Requests')[0];
    expect(req.Status).toBe('proposed');
    expect(String(req.Proposed)).toMatch(/^João Silva \(\d+(\.\d)?\), Ana Souza/);
    expect(logRows(d).find((l) => l.action === 'Proposed trainers')?.details).toMatch(/João Silva .*skills/);
  });

  it('a signed exchange agreement brings a certified trainer back; capacity used up excludes with the reason', () => {
    const d = world();
    typeRow(d, 'Agreements', {
      Id: 'A-1',
      Kind: 'exchange',
      'Party A': 'SoFA',
      'Party B': trainerId(d, 'Pedro Costa'),
      Status: 'signed',
      'Valid until': new Date(Date.UTC(2028, 0, 1)),
    });
    editRow(d, 'Trainers', trainerId(d, 'João Silva'), { 'Capacity per month': 0 });
    const view = propose(d);
    expect(names(view)).toContain('Pedro Costa');
    const joao = view.requests[0].excluded.find((e) => e.name === 'João Silva');
    expect(joao?.filter).toBe('capacity');
  });

  it('tells the help desk to select a request row first', () => {
    const d = world();
    d.select('Trainers!A2');
    d.answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Propose trainers'));
    expect(d.uiEvents('alert').at(-1)?.message).toBe('Select one or more rows in the Requests sheet first.');
  });
});

describe('offers and answers', () => {
  function offered(d: Driver, who: string[]): ActionResult {
    propose(d);
    const r = d.callServer<ActionResult>(
      'offerTrainers',
      'R-00001',
      who.map((n) => trainerId(d, n)),
    );
    expect(r.ok).toBe(true);
    return r;
  }

  it("offer → accept → connect: the ledger, the request and the introduction in the requester's language", () => {
    const d = world();
    const r = offered(d, ['João Silva', 'Ana Souza']);
    expect(r.message).toMatch(/^Offered R-00001 to João Silva, Ana Souza/);
    expect(d.records('Offers').map((o) => [o.Trainer, o.Answer])).toEqual([
      [trainerId(d, 'João Silva'), 'pending'],
      [trainerId(d, 'Ana Souza'), 'pending'],
    ]);
    expect(String(d.records('Offers')[0].Reasons)).toMatch(/skills/);
    expect(d.records('Requests')[0].Status).toBe('offered');
    const offer = mailsTo(d, 'joao@example.org')[0];
    expect(offer.subject).toBe('Pedido de formação R-00001: pode aceitar?');
    expect(offer.body).not.toContain('ana.lima@example.org');

    d.advanceClock(DAY);
    const answers = d.prefilledAnswers(linkAfter(offer.body, 'Aceitar'));
    d.submitForm(FORMS.offer, answers);
    expect(d.records('Offers').map((o) => o.Answer)).toEqual(['accepted', 'withdrawn']);
    const req = d.records('Requests')[0];
    expect(req.Status).toBe('connected');
    expect(String(req.Assigned)).toContain('João Silva');
    const intro = d.outbox().find((m) => m.subject.startsWith('Apresentação'))!;
    expect(intro.to.sort()).toEqual(['ana.lima@example.org', 'joao@example.org']);
    // Ana's offer was withdrawn with a kind word; when she accepts later, she is thanked again, nothing changes.
    expect(mailsTo(d, 'ana@example.org').map((m) => m.subject)).toContain('O pedido de formação R-00001 já foi aceite — obrigado');
    const anaOffer = mailsTo(d, 'ana@example.org')[0];
    d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(anaOffer.body, 'Aceitar')));
    expect(d.records('Offers').map((o) => o.Answer)).toEqual(['accepted', 'withdrawn']);
    expect(d.records('Requests')[0].Assigned).toBe(req.Assigned);
  });

  it('the same answer delivered twice changes nothing twice', () => {
    const d = world();
    offered(d, ['João Silva']);
    const link = linkAfter(mailsTo(d, 'joao@example.org')[0].body, 'Aceitar');
    d.submitForm(FORMS.offer, d.prefilledAnswers(link), { redelivered: true });
    expect(d.outbox().filter((m) => m.subject.startsWith('Apresentação'))).toHaveLength(1);
    expect(d.records('Offers')[0].Answer).toBe('accepted');
  });

  it('a wrong code is rejected and logged; the offer stays open', () => {
    const d = world();
    offered(d, ['João Silva']);
    const answers = d.prefilledAnswers(linkAfter(mailsTo(d, 'joao@example.org')[0].body, 'Aceitar'));
    d.submitForm(FORMS.offer, { ...answers, Code: 'guessed-code' });
    expect(d.records('Offers')[0].Answer).toBe('pending');
    expect(logRows(d).map((l) => l.action)).toContain('Offer answer rejected');
    expect(
      logRows(d)
        .map((l) => l.details)
        .join(' '),
    ).not.toContain('guessed-code');
    // The hourly sweeps read the answer again: it is not logged again, nor applied.
    d.advanceClock(3 * 3600_000);
    expect(logRows(d).filter((l) => l.action === 'Offer answer rejected')).toHaveLength(1);
    expect(d.records('Offers')[0].Answer).toBe('pending');
  });

  it('a decline proposes the next candidate to the help desk', () => {
    const d = world();
    setSetting(d, 'helpdesk.notify', 'immediate'); // the notice at once (the daily summary: inbox.test.ts)
    offered(d, ['João Silva']);
    d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(mailsTo(d, 'joao@example.org')[0].body, 'Recusar')));
    expect(d.records('Offers')[0].Answer).toBe('declined');
    const req = d.records('Requests')[0];
    expect(req.Status).toBe('proposed');
    expect(String(req.Proposed)).toMatch(/^Ana Souza/);
    expect(mailsTo(d, 'helpdesk@example.org').at(-1)?.subject).toBe('R-00001: João Silva declined the offer — next candidate proposed');
    // João declined this request: he is not proposed again for it.
    const view = d.callServer<ProposalView>('loadProposals');
    expect(view.requests[0].excluded.find((e) => e.name === 'João Silva')?.filter).toBe('declined');
  });

  it('reminds once after offers.remindAfterDays and expires after offers.expireAfterDays', () => {
    const d = world();
    offered(d, ['João Silva']);
    d.advanceClock(3 * DAY + 3600_000);
    expect(mailsTo(d, 'joao@example.org').map((m) => m.subject)).toContain('Lembrete: o pedido de formação R-00001 aguarda a sua resposta');
    d.advanceClock(2 * DAY);
    expect(mailsTo(d, 'joao@example.org').filter((m) => m.subject.startsWith('Lembrete'))).toHaveLength(1);
    d.advanceClock(2 * DAY);
    expect(d.records('Offers')[0].Answer).toBe('expired');
    expect(String(d.records('Requests')[0].Proposed)).toMatch(/^Ana Souza/);
  });

  it('Connect introduces directly and records the gig in the ledger', () => {
    const d = world();
    propose(d);
    const r = d.callServer<ActionResult>('connectTrainer', 'R-00001', trainerId(d, 'Ana Souza'));
    expect(r).toMatchObject({ ok: true, message: 'Connected R-00001 with Ana Souza.' });
    // The refreshed sidebar no longer proposes her: she has accepted this request.
    expect(r.view!.requests[0].excluded.find((e) => e.name === 'Ana Souza')?.filter).toBe('alreadyOffered');
    expect(d.records('Offers')[0]).toMatchObject({ Answer: 'accepted', Trainer: trainerId(d, 'Ana Souza') });
    expect(d.records('Requests')[0].Status).toBe('connected');
    expect(d.outbox().some((m) => m.subject.startsWith('Apresentação: Ana Lima e Ana Souza'))).toBe(true);
  });

  it('Skip keeps the reason on the row', () => {
    const d = world();
    propose(d);
    const r = d.callServer<ActionResult>('skipRequest', 'R-00001', 'client asked to wait until March');
    expect(r.ok).toBe(true);
    expect(String(d.records('Requests')[0]['Review reason'])).toMatch(/skipped \d{4}-\d\d-\d\d: client asked to wait until March/);
  });

  it('refuses to offer someone the proposal excludes', () => {
    const d = world();
    propose(d);
    const r = d.callServer<ActionResult>('offerTrainers', 'R-00001', [trainerId(d, 'Olga Ivanova')]);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Olga Ivanova cannot be offered R-00001/);
    expect(d.records('Offers')).toEqual([]);
  });
});

describe('other origins', () => {
  it('a SoFA standard training: when the trainer accepts, Learner Admin gets the details', () => {
    const d = world();
    typeRow(d, 'Agreements', {
      Id: 'A-1',
      Kind: 'exchange',
      'Party A': 'SoFA',
      'Party B': trainerId(d, 'Pedro Costa'),
      Status: 'signed',
      'Valid until': new Date(Date.UTC(2028, 0, 1)),
    });
    const settings = d.sheet('Settings');
    const row = settings.rows.find((r) => r?.[0]?.v === 'learnerAdmin.email')!;
    row[1] = { v: 'learners@example.org' };
    d.submitForm(FORMS.standard, {
      Training: 'Sociocracy Basics',
      'Requested by': 'Help desk',
      'Your email': 'helpdesk@example.org',
      'Language of the training': 'Português (Portuguese)',
      Dates: 'March',
    });
    const view = propose(d, 'Requests!A3');
    expect(names(view)).toEqual(['Pedro Costa']);
    d.callServer('offerTrainers', 'R-00002', [trainerId(d, 'Pedro Costa')]);
    d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(mailsTo(d, 'pedro@example.org').at(-1)!.body, 'Aceitar')));
    const la = mailsTo(d, 'learners@example.org');
    expect(la.map((m) => m.subject)).toEqual(['Standard training R-00002: Pedro Costa will train']);
    expect(d.records('Requests')[1].Status).toBe('scheduled');
  });

  it('a trainer-initiated training is proposed a mentor, who is notified with the trainer', () => {
    const d = world();
    d.submitForm(FORMS.profile, profileAnswers('Maria Mentor', 'maria@example.org', { Roles: ['mentor'], 'Languages you train in': ['English'] }));
    approveClaimedRoles(d);
    d.submitForm(FORMS.trainerInitiated, {
      'Trainer name': 'Bo',
      'Trainer email': 'bo@example.org',
      'Training title': 'Sociocracy 101',
      'Language of the training': 'English',
      'Fee per participant and currency': '40 USD',
      'Who promotes the training?': 'both',
      'Would you like a mentor?': 'yes',
    });
    const view = propose(d, 'Requests!A3');
    expect(names(view)).toEqual(['Maria Mentor']);
    d.callServer('connectTrainer', 'R-00002', trainerId(d, 'Maria Mentor'));
    const note = d.outbox().find((m) => m.subject === 'Maria Mentor will mentor your training (R-00002)');
    expect(note?.to.sort()).toEqual(['bo@example.org', 'maria@example.org']);
  });
});

describe('Propose for all new requests', () => {
  it('previews a whole-pool assignment in a sidebar, and sends exactly the previewed offers', () => {
    const d = world();
    d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'second@example.org' }));
    d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'third@example.org', 'Language of the training': 'Русский (Russian)' }));
    editRow(d, 'Trainers', trainerId(d, 'João Silva'), { 'Capacity per month': 1 });
    editRow(d, 'Trainers', trainerId(d, 'Ana Souza'), { 'Capacity per month': 1 });
    d.store.mail.outbox = [];
    Driver.check(d.clickMenu('Propose for all new requests'));
    expect(d.uiEvents('sidebar').at(-1)?.title).toMatch(/Proposal for 3 requests/);
    expect(d.outbox()).toEqual([]);
    const preview = d.callServer<PoolView>('loadPoolPreview');
    expect(preview.assigned).toBe(3);
    const people = preview.rows.map((r) => r.trainerName);
    expect(new Set(people.filter((p) => p !== 'Olga Ivanova')).size).toBe(2);
    expect(preview.rows.find((r) => r.requestId === 'R-00003')?.trainerName).toBe('Olga Ivanova');
    const sent = d.callServer<PoolResult>('sendPoolOffers');
    expect(sent).toMatchObject({ ok: true, offered: 3 });
    expect(d.records('Offers').map((o) => [o.Request, o.Answer])).toEqual(preview.rows.map((r) => [r.requestId, 'pending']));
  });
});

describe('Find-a-Facilitator directory', () => {
  it('lists opted-in active facilitators without any private data, with a prefilled request link', () => {
    const d = world();
    const page = d.webApp();
    const data = JSON.parse(/window\.DIRECTORY = (.*?);<\/script>/s.exec(page.html)![1]);
    expect(data.facilitators.map((f: { name: string }) => f.name)).toEqual(['João Silva']);
    expect(page.html).not.toMatch(/@example\.org|EUR\/hour|Notes/);
    const link = data.facilitators[0].requestUrl as string;
    expect(d.prefilledAnswers(link)['Facilitator you would like (if any)']).toBe('João Silva');
    expect(page.title).toBe('Find a sociocracy facilitator');
  });
});

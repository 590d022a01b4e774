/**
 * Crash-point sweeps over every action with side effects, on dist/Code.js: for every k, the
 * execution is ended after its k-th service call (what was written stays written, as on Google),
 * then the normal recovery runs (the same click again, the next hourly run), and the world must
 * be as if nothing had happened: each state change applied once, each email sent once.
 *
 * The one window no design closes is one call wide: MailApp.sendEmail returned and the execution
 * died before the Outbox row said "sent" — that email goes out twice. The sweeps allow exactly
 * that: a failure is accepted only when the crash came right after MailApp.sendEmail and the
 * only fault is one email sent twice.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { crashSweep, formatSweep, type SweepReport } from '@training-help-desk/gas-emulator/drivers/crash';
import type { ActionResult, PoolView, ProposalView } from '../../src/ui/contracts';
import { clientAnswers, FORMS, linkAfter, matchingWorld, profileAnswers, setSetting, setUpWorld } from '../support/world';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const trainerId = (d: Driver, name: string) => String(d.records('Trainers').find((t) => t.Name === name)!.Id);
const hourly = (d: Driver) => d.advanceClock(HOUR);

/** Every email sent exactly once (by recipients + subject + body); throws "sent twice" naming the subject. */
function eachEmailOnce(d: Driver): void {
  const seen = new Map<string, number>();
  for (const m of d.outbox()) {
    const key = `${[...m.to].sort().join(',')}|${m.subject}|${m.body}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const twice = [...seen].filter(([, n]) => n > 1);
  if (twice.length) throw new Error(`sent twice: ${twice.map(([k, n]) => `${k.split('|')[1]} ×${n}`).join('; ')}`);
}

/** How many emails went to `to` with a subject matching `subject`. */
function sent(d: Driver, to: string, subject: RegExp): number {
  return d.outbox().filter((m) => m.to.includes(to) && subject.test(m.subject)).length;
}

function expectOne(d: Driver, to: string, subject: RegExp, what: string): void {
  const n = sent(d, to, subject);
  if (n === 0) throw new Error(`${what} never sent`);
}

function check(cond: boolean, message: string): void {
  if (!cond) throw new Error(message);
}

/** The sweep passed, except for crashes right after MailApp.sendEmail that only sent one email twice. */
function expectSurvives(report: SweepReport): void {
  const real = report.failures.filter((f) => !(f.after === 'MailApp.sendEmail' && /^sent twice: [^;]*×2$/.test(f.message)));
  if (real.length) throw new Error(formatSweep({ ...report, failures: real }));
  expect(report.tried).toBe(report.n);
  expect(report.n).toBeGreaterThan(5);
}

/** Runs an action as a person would, ignoring the failure a crash causes (the recovery follows). */
function attempt(work: () => unknown): void {
  try {
    work();
  } catch {
    // The execution was ended: what it wrote stays written, the recovery finishes it.
  }
}

function proposed(d: Driver): void {
  d.select('Requests!A2');
  Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
  d.callServer<ProposalView>('loadProposals');
}

describe('crash-point sweeps: every action survives a crash after any service call', () => {
  it('a request arriving: one row, one acknowledgement, one help-desk notice', () => {
    const world = setUpWorld();
    setSetting(world, 'helpdesk.notify', 'immediate'); // the notice at once (the daily summary: inbox.test.ts)
    world.store.mail.outbox = [];
    const report = crashSweep({
      world,
      action: (d) => attempt(() => d.submitForm(FORMS.client, clientAnswers())),
      recovery: hourly,
      invariants: (d) => {
        check(d.records('Requests').length === 1, `${d.records('Requests').length} request rows`);
        check(d.records('Requests')[0].Acknowledged !== '', 'request not marked acknowledged');
        eachEmailOnce(d);
        expectOne(d, 'ana.lima@example.org', /R-00001/, 'acknowledgement');
        expectOne(d, 'helpdesk@example.org', /R-00001/, 'help-desk notice');
      },
    });
    expectSurvives(report);
  });

  it('a trainer profile arriving: one Trainers row, one confirmation', () => {
    const world = setUpWorld();
    world.store.mail.outbox = [];
    const report = crashSweep({
      world,
      action: (d) => attempt(() => d.submitForm(FORMS.profile, profileAnswers('Rosa Díaz', 'rosa@example.org'))),
      recovery: hourly,
      invariants: (d) => {
        check(d.records('Trainers').length === 1, `${d.records('Trainers').length} trainer rows`);
        eachEmailOnce(d);
        expectOne(d, 'rosa@example.org', /./, 'profile confirmation');
      },
    });
    expectSurvives(report);
  });

  it('a profile change without the personal link: held once, one request to confirm to the address on file', () => {
    const world = matchingWorld();
    world.store.mail.outbox = [];
    const before = world.records('Trainers').find((r) => r.Email === 'joao@example.org')!;
    const report = crashSweep({
      world,
      action: (d) => attempt(() => d.submitForm(FORMS.profile, profileAnswers('Someone Else', 'joao@example.org', { Roles: ['mentor'] }))),
      recovery: hourly,
      invariants: (d) => {
        const rows = d.records('Trainers').filter((r) => r.Email === 'joao@example.org');
        check(rows.length === 1, `${rows.length} rows for the address`);
        check(rows[0].Name === before.Name, `name became ${String(rows[0].Name)}`);
        check(String(rows[0]['Pending change']) !== '', 'no pending change shown');
        eachEmailOnce(d);
        check(sent(d, 'joao@example.org', /./) === 1, `${sent(d, 'joao@example.org', /./)} emails to the address on file`);
      },
    });
    expectSurvives(report);
  });

  it('Offer to selected: one pending offer per trainer, each emailed once; the click again finishes it', () => {
    const world = matchingWorld();
    proposed(world);
    const ids = ['João Silva', 'Ana Souza'].map((n) => trainerId(world, n));
    const click = (d: Driver) => attempt(() => d.callServer<ActionResult>('offerTrainers', 'R-00001', ids));
    const report = crashSweep({
      world,
      action: click,
      recovery: (d) => {
        click(d);
        hourly(d);
      },
      invariants: (d) => {
        const offers = d.records('Offers');
        check(offers.length === 2, `${offers.length} offers`);
        check(
          offers.every((o) => o.Answer === 'pending' && o.Settled === 'pending'),
          `offers ${offers.map((o) => `${o.Answer}/${o.Settled}`).join(', ')}`,
        );
        check(d.records('Requests')[0].Status === 'offered', `request ${d.records('Requests')[0].Status}`);
        eachEmailOnce(d);
        expectOne(d, 'joao@example.org', /R-00001/, 'offer to João');
        expectOne(d, 'ana@example.org', /R-00001/, 'offer to Ana');
      },
    });
    expectSurvives(report);
  });

  describe('answers to an offer', () => {
    function offeredWorld(autoOfferNext = false): { world: Driver; accept: string; decline: string } {
      const world = matchingWorld();
      setSetting(world, 'helpdesk.notify', 'immediate'); // the help desk's notices at once (the daily summary: inbox.test.ts)
      if (autoOfferNext) {
        const settings = world.sheet('Settings');
        const row = settings.rows.find((r) => r?.[0]?.v === 'offers.autoOfferNext')!;
        row[1] = { v: 'TRUE' };
      }
      proposed(world);
      const ids = ['João Silva', 'Ana Souza'].map((n) => trainerId(world, n));
      expect(world.callServer<ActionResult>('offerTrainers', 'R-00001', autoOfferNext ? ids.slice(0, 1) : ids).ok).toBe(true);
      const mail = world.outbox().find((m) => m.to.includes('joao@example.org'))!;
      const links = { accept: linkAfter(mail.body, 'Aceitar'), decline: linkAfter(mail.body, 'Recusar') };
      world.advanceClock(DAY);
      world.store.mail.outbox = [];
      return { world, ...links };
    }

    it('accept: connected once, one introduction, the other offer withdrawn and thanked once', () => {
      const { world, accept } = offeredWorld();
      const answers = world.prefilledAnswers(accept);
      const report = crashSweep({
        world,
        action: (d) => attempt(() => d.submitForm(FORMS.offer, answers)),
        recovery: hourly,
        invariants: (d) => {
          const req = d.records('Requests')[0];
          check(req.Status === 'connected', `request ${req.Status}`);
          check((String(req.Assigned).match(/João Silva/g) ?? []).length === 1, `assigned "${req.Assigned}"`);
          const offers = d.records('Offers');
          check(
            offers.map((o) => `${o.Answer}/${o.Settled}`).join() === 'accepted/accepted,withdrawn/withdrawn',
            `offers ${offers.map((o) => `${o.Answer}/${o.Settled}`).join()}`,
          );
          eachEmailOnce(d);
          expectOne(d, 'ana.lima@example.org', /R-00001/, 'introduction');
          expectOne(d, 'ana@example.org', /já foi aceite/, 'thank-you to Ana'); // Ana reads Portuguese first
        },
      });
      expectSurvives(report);
    });

    it('decline with autoOfferNext: exactly one offer to the next candidate, emailed once; the help desk told once', () => {
      const { world, decline } = offeredWorld(true);
      const answers = world.prefilledAnswers(decline);
      const report = crashSweep({
        world,
        action: (d) => attempt(() => d.submitForm(FORMS.offer, answers)),
        recovery: hourly,
        invariants: (d) => {
          const offers = d.records('Offers');
          check(offers.length === 2, `${offers.length} offers`);
          check(offers[0].Answer === 'declined' && offers[0].Settled === 'declined', `first offer ${offers[0].Answer}/${offers[0].Settled}`);
          check(offers[1].Answer === 'pending' && offers[1].Settled === 'pending', `next offer ${offers[1].Answer}/${offers[1].Settled}`);
          eachEmailOnce(d);
          expectOne(d, 'ana@example.org', /R-00001/, 'offer to the next candidate');
          expectOne(d, 'helpdesk@example.org', /R-00001/, 'help-desk notice');
        },
      });
      expectSurvives(report);
    });
  });

  it('the Outbox drain: every queued email sent once when the quota comes back', () => {
    const world = matchingWorld();
    setSetting(world, 'helpdesk.notify', 'immediate'); // the help desk's notices queued to send, not held for the summary
    const used = world.store.mail.usedByUserDay;
    for (const k of Object.keys(used)) delete used[k];
    world.setMailQuota(5); // all kept in reserve: everything waits
    for (const [name, email] of [
      ['Eva', 'eva@example.org'],
      ['Kim', 'kim@example.org'],
      ['Lu', 'lu@example.org'],
    ]) {
      world.submitForm(FORMS.client, clientAnswers({ 'Your name': name, 'Your email': email }));
    }
    check(world.records('Outbox').filter((r) => r.Status === 'queued').length >= 6, 'emails should be waiting');
    world.setMailQuota(100);
    world.store.mail.outbox = [];
    const report = crashSweep({
      world,
      action: hourly,
      recovery: hourly,
      invariants: (d) => {
        check(
          d.records('Outbox').every((r) => r.Status === 'sent'),
          'emails still waiting',
        );
        eachEmailOnce(d);
        for (const e of ['eva@example.org', 'kim@example.org', 'lu@example.org']) expectOne(d, e, /R-0000/, `acknowledgement to ${e}`);
      },
    });
    expectSurvives(report);
  });

  it('Send these offers (the pool): each previewed request offered once, each offer emailed once', () => {
    const world = matchingWorld();
    world.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Eva', 'Your email': 'eva@example.org' }));
    Driver.check(world.clickMenu('Propose for all new requests'), 'Propose for all');
    const preview = world.callServer<PoolView>('loadPoolPreview');
    check(preview.assigned === 2, `${preview.assigned} assigned in the preview`);
    world.store.mail.outbox = [];
    const click = (d: Driver) => attempt(() => d.callServer('sendPoolOffers'));
    const report = crashSweep({
      world,
      action: click,
      recovery: (d) => {
        click(d);
        hourly(d);
      },
      invariants: (d) => {
        const offers = d.records('Offers');
        check(offers.length === 2, `${offers.length} offers`);
        check(new Set(offers.map((o) => o.Request)).size === 2, 'a request offered twice');
        check(
          offers.every((o) => o.Settled === 'pending'),
          'an offer not settled',
        );
        eachEmailOnce(d);
        check(d.outbox().filter((m) => /R-0000[12]/.test(m.subject)).length === 2, `${d.outbox().length} offer emails`);
      },
    });
    expectSurvives(report);
  });

  it('reminders and expiry in the hourly run: one reminder, one expiry, the next candidate proposed once', () => {
    const world = matchingWorld();
    proposed(world);
    expect(world.callServer<ActionResult>('offerTrainers', 'R-00001', [trainerId(world, 'João Silva')]).ok).toBe(true);
    // Just before the reminder is due: the next hourly run reminds; a later one expires.
    world.advanceClock(3 * DAY - HOUR / 2);
    world.store.mail.outbox = [];
    const remindReport = crashSweep({
      world,
      action: hourly,
      recovery: hourly,
      invariants: (d) => {
        check(d.records('Offers')[0]['Reminded at'] !== '', 'not marked reminded');
        eachEmailOnce(d);
        expectOne(d, 'joao@example.org', /Reminder|Lembrete/, 'reminder');
      },
    });
    expectSurvives(remindReport);

    world.advanceClock(4 * DAY);
    world.store.mail.outbox = [];
    const expireReport = crashSweep({
      world,
      action: hourly,
      recovery: hourly,
      invariants: (d) => {
        const offer = d.records('Offers')[0];
        check(offer.Answer === 'expired' && offer.Settled === 'expired', `offer ${offer.Answer}/${offer.Settled}`);
        eachEmailOnce(d);
        check(d.outbox().filter((m) => m.to.includes('helpdesk@example.org') && /R-00001/.test(m.subject)).length <= 1, 'help desk told twice');
      },
    });
    expectSurvives(expireReport);
  });

  it('Send profile update links: each active trainer gets one link; the click again finishes it', () => {
    const world = matchingWorld();
    world.store.mail.outbox = [];
    const click = (d: Driver) => {
      d.answerNext('alert', 'YES').answerNext('alert', 'OK');
      attempt(() => d.clickMenu('Send profile update links'));
      d.store.ui.pendingAnswers = [];
    };
    const report = crashSweep({
      world,
      action: click,
      recovery: (d) => {
        click(d);
        hourly(d);
      },
      invariants: (d) => {
        eachEmailOnce(d);
        for (const e of ['joao@example.org', 'ana@example.org', 'pedro@example.org', 'olga@example.org']) expectOne(d, e, /./, `link to ${e}`);
      },
    });
    expectSurvives(report);
  });
});

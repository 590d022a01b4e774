/**
 * Scenario: the help desk's inbox sized for the role — one summary email (daily by default,
 * weekly, or every notice at once) instead of one email per event, each item linking to its
 * row; crash-safe — on dist/Code.js through the emulator.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { assertSweep, crashSweep } from '@training-help-desk/gas-emulator/drivers/crash';
import type { ActionResult, ProposalView } from '../../src/ui/contracts';
import { clientAnswers, FORMS, linkAfter, matchingWorld, setSetting } from '../support/world';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const HELPDESK = 'helpdesk@example.org';
const toHelpDesk = (d: Driver) => d.outbox().filter((m) => m.to.includes(HELPDESK));
const summaries = (d: Driver) => toHelpDesk(d).filter((m) => m.subject.startsWith('Training Help Desk summary'));
const trainerId = (d: Driver, name: string) => String(d.records('Trainers').find((t) => t.Name === name)!.Id);

/** Moves the clock to the next `hour`:59 UTC: the hourly run of that hour (it fires minutes past, as Set up made it) has run. */
function until(d: Driver, hour: number): void {
  const now = d.store.clock.now;
  let next = Math.floor(now / DAY) * DAY + hour * HOUR + 59 * 60_000;
  if (next <= now) next += DAY;
  d.advanceClock(next - now);
}

/** The row number a summary line links to, for the item naming `id`. */
function linkedRow(body: string, id: string): { gid: string; row: number } {
  const line = body.split('\n').find((l) => l.includes(id) && l.includes('#gid='));
  const m = line && /#gid=(\d+)&range=A(\d+)/.exec(line);
  if (!m) throw new Error(`no link for ${id} in:\n${body}`);
  return { gid: m[1], row: Number(m[2]) };
}

function offerAndDecline(d: Driver): void {
  d.select('Requests!A2');
  Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
  d.callServer<ProposalView>('loadProposals');
  const r = d.callServer<ActionResult>('offerTrainers', 'R-00001', [trainerId(d, 'João Silva')]);
  expect(r.ok).toBe(true);
  const offer = d.outbox().find((m) => m.to.includes('joao@example.org') && m.subject.includes('R-00001'))!;
  d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(offer.body, 'Recusar')));
}

describe('daily summary (the default)', () => {
  it('a week of events sends the help desk one email a day, listing each event with a link to its row', () => {
    const d = matchingWorld(); // R-00001 arrived (its notice is held)
    expect(toHelpDesk(d)).toEqual([]);
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bea', 'Your email': 'not an address' })); // R-00002 needs review
    offerAndDecline(d);
    // Nothing reached the help desk during the day: every notice waits, held, in the Outbox.
    expect(toHelpDesk(d)).toEqual([]);
    const held = d.records('Outbox').filter((r) => r.Status === 'held');
    expect(held.map((r) => String(r.Key).split(':')[0]).sort()).toEqual(['new', 'new', 'next']);

    until(d, 8);
    expect(summaries(d)).toHaveLength(1);
    const [summary] = summaries(d);
    expect(toHelpDesk(d)).toHaveLength(1);
    expect(summary.subject).toBe('Training Help Desk summary: 3 items');
    expect(summary.body).toMatch(/New requests \(1\)\n• New client request R-00001/);
    expect(summary.body).toMatch(/Requests that need review \(1\)\n• New client request R-00002 \(needs review\)/);
    expect(summary.body).toMatch(/Declined offers \(1\)\n• R-00001: João Silva declined/);
    // Each link opens the row it names, in the sheet it names.
    const requests = d.sheet('Requests');
    const ids = requests.rows.map((r) => r?.[0]?.v);
    expect(linkedRow(summary.body, 'R-00002').row).toBe(ids.indexOf('R-00002') + 1);
    expect(linkedRow(summary.body, 'R-00001 (new)').row).toBe(ids.indexOf('R-00001') + 1);
    expect(linkedRow(summary.body, 'R-00002').gid).toBe(String(requests.sheetId));
    // The decline links to its Offers row (O-00001, the first offer).
    expect(linkedRow(summary.body, 'declined')).toEqual({ gid: String(d.sheet('Offers').sheetId), row: 2 });
    expect(summary.htmlBody).toMatch(/<a href="https:[^"]+#gid=\d+&amp;range=A\d+">A\d+<\/a>/);
    expect(d.records('Outbox').filter((r) => r.Status === 'held')).toEqual([]);
    expect(d.records('Outbox').filter((r) => r.Status === 'in summary')).toHaveLength(3);

    // The next days: a quiet day sends nothing; a new request is in the next morning's summary only.
    until(d, 8);
    expect(summaries(d)).toHaveLength(1);
    d.advanceClock(2 * HOUR);
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Carla', 'Your email': 'carla@example.org' }));
    d.advanceClock(5 * HOUR);
    expect(summaries(d)).toHaveLength(1);
    until(d, 8);
    expect(summaries(d)).toHaveLength(2);
    expect(summaries(d)[1].body).toContain('R-00003');
    expect(summaries(d)[1].body).not.toContain('R-00001');
  });

  it('weekly: one summary on the chosen day and hour', () => {
    const d = matchingWorld(); // Tuesday 24 November 2026, 09:00 UTC: R-00001
    setSetting(d, 'helpdesk.notify', 'weekly');
    setSetting(d, 'helpdesk.summaryDay', 'thursday');
    setSetting(d, 'helpdesk.summaryHour', '10');
    for (let i = 0; i < 2; i++) {
      d.advanceClock(DAY - HOUR);
      d.submitForm(FORMS.client, clientAnswers({ 'Your name': `Client ${i}`, 'Your email': `client${i}@example.org` }));
    }
    // Thursday before 10:00: nothing yet (daily summaries would have come on Wednesday and Thursday at 08:00).
    expect(summaries(d)).toEqual([]);
    until(d, 10);
    expect(summaries(d)).toHaveLength(1);
    expect(new Date(summaries(d)[0].at).toISOString()).toMatch(/^2026-11-26T10:/);
    expect(summaries(d)[0].body.match(/• New client request/g)).toHaveLength(3);
    // A request after it waits for next Thursday: two days later, still the one summary.
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Late', 'Your email': 'late@example.org' }));
    d.advanceClock(2 * DAY);
    expect(summaries(d)).toHaveLength(1);
    expect(d.records('Outbox').filter((r) => r.Status === 'held')).toHaveLength(1);
  });
});

describe('immediate mode', () => {
  it('keeps one email per event, and releases notices held before the switch', () => {
    const d = matchingWorld(); // R-00001's notice is held (daily)
    setSetting(d, 'helpdesk.notify', 'immediate');
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bea', 'Your email': 'bea@example.org' }));
    expect(toHelpDesk(d).map((m) => m.subject)).toEqual(['New client request R-00002 (new)']);
    d.advanceClock(HOUR);
    expect(
      toHelpDesk(d)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['New client request R-00001 (new)', 'New client request R-00002 (new)']);
    until(d, 8);
    expect(summaries(d)).toEqual([]);
  });

  it('a failed email reaches the help desk at once with helpdesk.failuresAtOnce, the rest waits', () => {
    const d = matchingWorld();
    setSetting(d, 'helpdesk.failuresAtOnce', 'TRUE');
    setSetting(d, 'mail.maxAttempts', '1');
    d.failCall('MailApp.sendEmail', { times: 1, message: 'Invalid email: ana.lima@example.org' });
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bea', 'Your email': 'bea@example.org' }));
    expect(d.records('Outbox').find((r) => String(r.Key).startsWith('ack:R-00002'))?.Status).toBe('failed');
    d.advanceClock(HOUR);
    const failed = toHelpDesk(d).filter((m) => m.subject.startsWith('Email failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0].subject).toMatch(/^Email failed: ack:R-00002:/);
    expect(summaries(d)).toEqual([]);
  });
});

describe('notify.newRequests', () => {
  it('FALSE: new requests reach neither the summary nor an immediate notice; requesters are still acknowledged', () => {
    const d = matchingWorld(); // R-00001 arrived while notify.newRequests was TRUE: its notice is held
    setSetting(d, 'notify.newRequests', 'FALSE');
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bea', 'Your email': 'bea@example.org' }));
    expect(d.outbox().filter((m) => m.to.includes('bea@example.org'))).toHaveLength(1); // her acknowledgement
    expect(
      d
        .records('Outbox')
        .filter((r) => String(r.Key).startsWith('new:'))
        .map((r) => String(r.Key).split(':')[1]),
    ).toEqual(['R-00001']);
    until(d, 8);
    expect(summaries(d)).toHaveLength(1);
    expect(summaries(d)[0].body).toContain('R-00001');
    expect(summaries(d)[0].body).not.toContain('R-00002');

    // Immediate mode too: nothing about R-00003, while other notices still come (a decline).
    setSetting(d, 'helpdesk.notify', 'immediate');
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Cai', 'Your email': 'cai@example.org' }));
    offerAndDecline(d);
    d.advanceClock(HOUR);
    const after = toHelpDesk(d)
      .slice(1)
      .map((m) => m.subject);
    expect(after).toEqual([expect.stringMatching(/^R-00001: João Silva declined/)]);
    expect(d.outbox().filter((m) => m.to.includes('cai@example.org'))).toHaveLength(1);
  });

  it('TRUE (the default): each new request is one notice, in the summary', () => {
    const d = matchingWorld();
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bea', 'Your email': 'bea@example.org' }));
    until(d, 8);
    expect(summaries(d)[0].body.match(/• New client request R-0000\d/g)).toEqual(['• New client request R-00001', '• New client request R-00002']);
  });
});

describe('crash safety of the summary', () => {
  it('a crash at any call of the summary run: one summary, every notice listed once, none lost', () => {
    const world = matchingWorld();
    world.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bea', 'Your email': 'not an address' }));
    // Just before 08:00: the next hourly run is the one that summarises.
    until(world, 7);
    expect(summaries(world)).toEqual([]);
    world.store.mail.outbox = [];
    world.resetCalls();
    const report = crashSweep({
      world,
      action: (d) => d.advanceClock(HOUR),
      recovery: (d) => d.advanceClock(HOUR),
      invariants: (d) => {
        const s = summaries(d);
        if (s.length === 2 && s[0].body === s[1].body) throw new Error(`sent twice: ${s[0].subject} ×2`);
        if (s.length !== 1) throw new Error(`${s.length} summaries`);
        for (const id of ['R-00001', 'R-00002']) {
          const n = s[0].body.split('\n').filter((l) => l.includes(`request ${id}`)).length;
          if (n !== 1) throw new Error(`${id} listed ${n} times`);
        }
        const left = d.records('Outbox').filter((r) => r.Status === 'held').length;
        if (left) throw new Error(`${left} notices still held`);
        if (toHelpDesk(d).length !== 1) throw new Error(`${toHelpDesk(d).length} emails to the help desk`);
      },
    });
    // The one window no design closes (README, Exactly once across crashes): MailApp.sendEmail
    // returned and the execution died before the Outbox row said "sent": that one email twice.
    const real = report.failures.filter((f) => !(f.after === 'MailApp.sendEmail' && /^sent twice: [^;]*×2$/.test(f.message)));
    assertSweep({ ...report, failures: real });
    expect(report.tried).toBe(report.n);
    expect(report.n).toBeGreaterThan(50);
  });
});

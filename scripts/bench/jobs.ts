/**
 * Long jobs and Log hygiene, measured through the built bundle: Send these offers for 300
 * requests, the hourly run with a 300-response backlog (one step per execution), Log rows
 * written per idle day, and the Log's size after a simulated year. Called by scripts/bench.ts.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { CellRec } from '@training-help-desk/gas-emulator/store';
import type { PoolResult } from '../../src/ui/contracts';
import { demoSubmissions, FORM_TITLES } from '../demo/data';
import { approveClaimedRoles, clientAnswers, profileAnswers, setUp, setSetting } from '../../tests/support/world';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Row = [string, string, string];

function world(): Driver {
  const d = new Driver();
  d.setMailQuota(1_000_000);
  d.open();
  setUp(d);
  return d;
}

function cloneRows(d: Driver, sheetName: string, n: number, fresh: (i: number) => Record<string, CellRec['v']>): void {
  const sheet = d.sheet(sheetName);
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
  const model = sheet.rows[1]!;
  for (let i = 2; i <= n; i++) {
    const over = fresh(i);
    sheet.rows[i] = model.map((c, col) => (headers[col] in over ? { v: over[headers[col]] } : c && { ...c }));
  }
  sheet.maxRows = Math.max(sheet.maxRows, n + 101);
}

const continuations = (d: Driver) => d.store.triggers.filter((t) => t.handler === 'continueJobs').length;
const formCalls = (c: Record<string, number>) =>
  Object.entries(c)
    .filter(([k]) => /^(Form|FormApp|FormResponse|\w+Item)\./.test(k))
    .reduce((a, [, v]) => a + v, 0);

/** Advances the clock by `first`, then follows the continuation trigger until no job is left: each execution's calls and modelled seconds. */
function drain(d: Driver, first: number): { calls: number; seconds: number }[] {
  const out: { calls: number; seconds: number }[] = [];
  for (const e of d.advanceClock(first)) out.push({ calls: e.calls, seconds: e.modelledMs / 1000 });
  while (continuations(d)) for (const e of d.advanceClock(MINUTE)) out.push({ calls: e.calls, seconds: e.modelledMs / 1000 });
  return out;
}

export function benchJobs(): { results: Record<string, unknown>; rows: Row[] } {
  const results: Record<string, unknown> = {};
  const rows: Row[] = [];

  // Send these offers, 300 requests: one action's calls (default budget) and its Forms reads.
  {
    const d = world();
    d.submitForm(
      FORM_TITLES.profile,
      profileAnswers('Model Trainer', 'model@example.org', {
        Roles: ['trainer in certification'],
        'Languages you train in': ['English'],
        'Gigs per month you can take': '20',
      }),
    );
    approveClaimedRoles(d);
    cloneRows(d, 'Trainers', 25, (i) => ({ Id: `T-${String(i).padStart(4, '0')}`, Name: `Trainer ${i}`, Email: `t${i}@example.org` }));
    d.submitForm(FORM_TITLES.client, clientAnswers({ 'Language of the training': 'English' }));
    cloneRows(d, 'Requests', 300, (i) => ({ Id: `R-${String(i).padStart(5, '0')}`, 'Response key': `clone:${i}`, Email: `r${i}@example.org` }));
    Driver.check(d.clickMenu('Propose for all new requests'));
    d.resetCalls();
    const r = d.callServer<PoolResult>('sendPoolOffers');
    if (!r.ok) throw new Error(`Send these offers: ${r.message}`);
    const perExecution = [{ calls: d.totalCalls(), seconds: d.lastModelledSeconds() }];
    let total = d.totalCalls();
    const forms0 = formCalls(d.calls());
    let forms = forms0;
    // What did not fit continues through the continuation trigger, a minute later each time.
    while (continuations(d)) {
      d.resetCalls();
      const ran = d.advanceClock(MINUTE);
      total += d.totalCalls();
      forms += formCalls(d.calls());
      for (const e of ran) perExecution.push({ calls: e.calls, seconds: e.modelledMs / 1000 });
    }
    const offers = d.records('Offers');
    const requests = new Set(offers.map((o) => String(o.Request)));
    const emails = d.outbox().filter((m) => /offer|oferta|R-\d{5}/i.test(m.subject)).length;
    if (offers.length !== 300 || requests.size !== 300) throw new Error(`Send these offers: ${offers.length} offers for ${requests.size} requests`);
    const longest = Math.max(...perExecution.map((e) => e.seconds));
    results.sendTheseOffers300 = {
      serviceCalls: total,
      formsCalls: forms,
      executions: perExecution.length,
      perExecution,
      offers: offers.length,
      distinctRequests: requests.size,
      offerEmails: emails,
    };
    rows.push(['Send these offers, 300 requests: executions (the click, then continuations)', String(perExecution.length), '']);
    rows.push(['  offers made / requests offered (none skipped or doubled)', `${offers.length} / ${requests.size}`, '300 / 300']);
    rows.push(['  longest execution', `${perExecution.find((e) => e.seconds === longest)!.calls} calls, ${longest.toFixed(1)} s modelled`, '≤ 360 s']);
    rows.push(['  service calls in all / of which Forms calls', `${total} / ${forms}`, 'was ≈ 11,400 / ≈ 7,500']);
  }

  // The hourly run with a backlog: 300 unprocessed responses, one step per execution.
  {
    const d = world();
    setSetting(d, 'jobs.budgetSeconds', '0');
    d.store.triggers = d.store.triggers.filter((t) => t.eventType !== 'ON_FORM_SUBMIT');
    for (let i = 0; i < 300; i++) d.submitForm(FORM_TITLES.client, clientAnswers({ 'Your email': `c${i}@example.org` }));
    const perExecution = drain(d, HOUR);
    if (d.records('Requests').length !== 300) throw new Error('hourly backlog not taken in');
    const worst = perExecution.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    results.hourlyBacklog300 = { executions: perExecution.length, perExecution };
    rows.push(['hourly run, 300 unprocessed responses, one step per execution: executions', String(perExecution.length), '']);
    rows.push(['  longest of those executions', `${worst.calls} calls, ${worst.seconds.toFixed(1)} s modelled`, '≤ 360 s']);
  }

  // The hourly run at its default budget with 1,000 emails waiting in the Outbox (quota back).
  {
    const d = world();
    d.setMailQuota(5);
    d.store.triggers = d.store.triggers.filter((t) => t.eventType !== 'ON_FORM_SUBMIT');
    for (let i = 0; i < 500; i++) d.submitForm(FORM_TITLES.client, clientAnswers({ 'Your email': `q${i}@example.org` }));
    d.advanceClock(HOUR);
    while (continuations(d)) d.advanceClock(MINUTE);
    const queued = () => d.records('Outbox').filter((r) => r.Status === 'queued').length;
    const waiting = queued();
    d.setMailQuota(1_000_000);
    const perExecution = drain(d, HOUR);
    if (queued() !== 0) throw new Error(`${queued()} emails still queued`);
    const worst = perExecution.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    results.hourlyOutbox = { waiting, executions: perExecution.length, perExecution };
    rows.push([`hourly run, ${waiting} queued emails and 500 requests: executions until all sent`, String(perExecution.length), '']);
    rows.push(['  longest of those executions', `${worst.calls} calls, ${worst.seconds.toFixed(1)} s modelled`, '≤ 360 s']);
  }

  // Log rows written by a day of idle hourly runs, after the demo load came in.
  {
    const d = world();
    for (const s of demoSubmissions()) d.submitForm(s.form, s.answers);
    // The next morning's help-desk summary lists those submissions: that is work, so the idle day starts after it.
    d.advanceClock(DAY + 2 * HOUR);
    const before = d.records('Log').length;
    d.advanceClock(DAY);
    const perIdleDay = d.records('Log').length - before;
    results.logRowsPerIdleDay = perIdleDay;
    rows.push([`Log rows written per idle day (after ${demoSubmissions().length} demo submissions)`, String(perIdleDay), '0']);
  }

  // A simulated year: two requests a day and the hourly run, Log retention at its default (180 days).
  {
    const d = world();
    const subs = demoSubmissions().filter((s) => s.form !== FORM_TITLES.profile);
    let written = d.records('Log').length;
    for (let day = 0; day < 365; day++) {
      for (let k = 0; k < 2; k++) {
        const s = subs[(day * 2 + k) % subs.length];
        const before = d.records('Log').length;
        d.submitForm(s.form, s.answers);
        written += d.records('Log').length - before;
      }
      // A day passes: the hourly trigger, overdue, fires once (as Apps Script does), then runs on.
      d.store.clock.now += DAY;
      const before = d.records('Log').length;
      d.fireTimeTriggers();
      const trimmed = Number(/older than the retention removed: (\d+)/.exec(String(d.records('Log').at(-1)?.Details ?? ''))?.[1] ?? 0);
      written += d.records('Log').length - before + trimmed;
    }
    const logRows = d.records('Log').length;
    const cells = (logRows + 1) * 5;
    results.logAfterYear = { requestsPerDay: 2, rowsWritten: written, rowsKept: logRows, cells, retentionDays: 180 };
    rows.push(['Log after a simulated year (2 requests/day, retention 180 days): rows kept', `${logRows} of ${written} written`, '']);
    rows.push(['  Log cells after that year', String(cells), '≪ 10,000,000 per spreadsheet']);
  }
  return { results, rows };
}

/**
 * `npm run bench`: size and speed budgets, shown by measurement rather than timed tests.
 * Prints a table and writes out/bench.json. Service-call counts come from the emulator's
 * per-method counters; times are medians over repeated runs on this machine. "Modelled" seconds
 * are Apps Script time from the emulator's latency table (emulator/runtime/latency.ts): what the
 * action would take on Google, to hold against the 6-minute (30 s for onOpen) execution limit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { CellRec } from '@training-help-desk/gas-emulator/store';
import { parseRequest } from '../src/domain/intake';
import { DEFAULT_SKILLS } from '../src/defaults/defaults';
import { demoSubmissions, FORM_TITLES } from './demo/data';
import { benchMatching } from './bench/matching';
import { approveClaimedRoles, finishBackgroundJobs, profileAnswers, setUp } from '../tests/support/world';
import { benchJobs } from './bench/jobs';
import { COLD_LOAD_BUDGET_MS, measureColdLoad } from './cold-load';

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'out');
const codePath = path.join(root, 'dist', 'Code.js');

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeMs(fn: () => void, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times;
}

const results: Record<string, unknown> = {};
const rows: [string, string, string][] = [];
const report = (name: string, value: string, budget = ''): void => {
  rows.push([name, value, budget]);
};

// 1. Bundle size.
const code = fs.readFileSync(codePath, 'utf8');
const bytes = Buffer.byteLength(code);
results.bundleBytes = bytes;
report('dist/Code.js size', `${(bytes / 1024).toFixed(1)} KB`, '≤ 256 KB');

// 2. Cold load: the whole file run in a fresh, bare context (what every execution pays); the gate
// test tests/gate/cold-load.test.ts holds the same measure to the same budget.
const cold = measureColdLoad(code, { warmUp: 5, runs: 21, batches: 5 });
results.coldLoad = cold;
report(
  'cold load of dist/Code.js in a fresh bare context (median of 21, best of 5 batches): CPU; wall clock',
  `${cold.bestCpuMedianMs.toFixed(2)} ms; ${cold.bestMedianMs.toFixed(2)} ms`,
  `≤ ${COLD_LOAD_BUDGET_MS} ms CPU`,
);
report(
  'first parse and load of dist/Code.js (V8 has not seen the file): CPU; wall clock',
  `${cold.firstParseCpuMs.toFixed(1)} ms; ${cold.firstParseMs.toFixed(1)} ms`,
);

// 3. Service calls of the slice: open + Set up registry on a new workbook, then again.
const d = new Driver();
const secs = (x: number): string => `${x.toFixed(1)} s`;
d.resetCalls();
d.open();
const openCalls = d.totalCalls();
const openSeconds = d.modelledSeconds();
d.resetCalls();
Driver.check(d.clickMenu('Set up registry'));
const clickedSetUpSeconds = d.lastModelledSeconds();
finishBackgroundJobs(d);
const firstSetUp = d.calls();
const firstSetUpSeconds = d.modelledSeconds();
const setUpExecutions = d.executions();
d.resetCalls();
Driver.check(d.clickMenu('Set up registry'));
const secondSetUp = d.calls();
const secondSetUpSeconds = d.modelledSeconds();
const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
results.serviceCalls = { onOpen: openCalls, firstSetUp: sum(firstSetUp), secondSetUp: sum(secondSetUp), firstSetUpByMethod: firstSetUp };
results.modelledSeconds = {
  onOpen: openSeconds,
  firstSetUpClicked: clickedSetUpSeconds,
  firstSetUp: firstSetUpSeconds,
  secondSetUp: secondSetUpSeconds,
} as Record<string, unknown>;
report('service calls: onOpen', `${openCalls} calls, ${secs(openSeconds)} modelled`, '≤ 30 s (simple trigger)');
report('Set up registry (new workbook): the clicked execution', `${secs(clickedSetUpSeconds)} modelled`, '≤ 60 s');
report(
  '  all of it (the click and its continuations in the background)',
  `${sum(firstSetUp)} calls, ${secs(firstSetUpSeconds)} modelled in ${setUpExecutions} executions`,
  'each ≤ 6 min',
);
report('service calls: Set up registry (already set up)', `${sum(secondSetUp)} calls, ${secs(secondSetUpSeconds)} modelled`, '≤ 6 min');

// 4. One form submission against registries of growing size: the service calls must not grow.
/** A set-up registry whose Requests sheet (and client responses sheet) already hold `n` rows. */
function registryWithRows(n: number): Driver {
  const w = new Driver();
  w.setMailQuota(100000);
  w.open();
  setUp(w);
  const fill = (name: string, make: (i: number, headers: string[]) => CellRec[]) => {
    const sheet = w.sheet(name);
    const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
    for (let i = 1; i <= n; i++) sheet.rows[i] = make(i, headers);
    // Spare rows below the data, as a sheet has between the grid growths (one extra call per 500 appends).
    sheet.maxRows = Math.max(sheet.maxRows, n + 101);
  };
  const t0 = w.store.clock.now - 86400_000;
  fill('Requests', (i, headers) =>
    headers.map((h) => ({
      v:
        (
          {
            Id: `R-${String(i).padStart(5, '0')}`,
            Received: { date: t0 },
            Origin: 'client',
            Status: 'new',
            Requester: `Person ${i}`,
            Email: `p${i}@example.org`,
            Language: 'en',
            'Response key': `old:${i}`,
          } as Record<string, CellRec['v']>
        )[h] ?? '',
    })),
  );
  fill(`Responses: ${FORM_TITLES.client}`, (i, headers) =>
    headers.map((h, c) => ({ v: c === 0 ? { date: t0 } : h === 'Your email' ? `p${i}@example.org` : `answer ${i}` })),
  );
  return w;
}

const sizes = [10, 1000, 10000];
const submission = demoSubmissions()[0];
const perSize: Record<string, number> = {};
const secondsPerSize: Record<string, number> = {};
const cpuPerSize: Record<string, number> = {};
for (const n of sizes) {
  const w = registryWithRows(n);
  w.resetCalls();
  const t = process.hrtime.bigint();
  const r = w.submitForm(submission.form, submission.answers);
  cpuPerSize[n] = Number(process.hrtime.bigint() - t) / 1e6;
  if (!r.triggerResults.every((x) => x.ok)) throw new Error(`submission failed at ${n} rows: ${r.triggerResults.map((x) => x.error?.message).join('; ')}`);
  if (w.records('Requests').length !== n + 1) throw new Error(`expected ${n + 1} requests at ${n} rows`);
  perSize[n] = w.totalCalls();
  secondsPerSize[n] = w.modelledSeconds();
}
results.formSubmission = { serviceCalls: perSize, modelledSeconds: secondsPerSize, ratio10000to10: perSize[10000] / perSize[10], emulatorMs: cpuPerSize };
for (const n of sizes) {
  report(
    `service calls: one form submission, ${n} rows`,
    `${perSize[n]} calls, ${secs(secondsPerSize[n])} modelled`,
    n === 10 ? '' : `ratio ${(perSize[n] / perSize[10]).toFixed(2)} (must be 1.00)`,
  );
}
report('emulated submission wall time at 10 / 10,000 rows', `${cpuPerSize[10].toFixed(0)} / ${cpuPerSize[10000].toFixed(0)} ms`);

// 5. CPU time of parsing and normalising one submission (pure domain code, in Node).
const lists = { languages: ['en', 'es', 'pt', 'ru', 'fr', 'de'], skills: DEFAULT_SKILLS, circles: ['Training Circle'] };
const named = Object.fromEntries(Object.entries(submission.answers).map(([k, v]) => [k, [Array.isArray(v) ? v.join(', ') : v]]));
for (let i = 0; i < 200; i++) parseRequest('client', named, lists);
const parse = timeMs(() => parseRequest('client', named, lists), 2001);
results.parseSubmissionMedianMs = median(parse);
report('parse + normalise one submission (median of 2001)', `${(median(parse) * 1000).toFixed(0)} µs`);

// 6. Matching in Node: one request over growing pools; the whole-pool assignment.
const matching = benchMatching();
results.matching = matching.results;
for (const [m, v, b] of matching.rows) report(m, v, b);

// 7. Propose trainers (menu, one selected request) as the registry grows: the same service calls.
const TRAINER_SIZES = [100, 1000, 10000];
const proposeCalls: Record<number, number> = {};
const proposeSeconds: Record<number, number> = {};
for (const n of TRAINER_SIZES) {
  const w = new Driver();
  w.setMailQuota(100000);
  w.open();
  setUp(w);
  // One trainer arrives through the form (so the row is exactly what the script writes), then n − 1 like it.
  w.submitForm(FORM_TITLES.profile, profileAnswers('Model Trainer', 'model@example.org', { Roles: ['trainer in certification'] }));
  approveClaimedRoles(w); // the help desk grants the claimed role (one edit)
  const sheet = w.sheet('Trainers');
  const model = sheet.rows[1]!;
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.v ?? ''));
  const idCol = headers.indexOf('Id');
  const emailCol = headers.indexOf('Email');
  for (let i = 2; i <= n; i++) {
    sheet.rows[i] = model.map((c, col) =>
      col === idCol ? { v: `T-${String(i).padStart(5, '0')}` } : col === emailCol ? { v: `t${i}@example.org` } : c && { ...c },
    );
  }
  sheet.maxRows = Math.max(sheet.maxRows, n + 101);
  w.submitForm(submission.form, { ...submission.answers, 'Language of the training': 'English' });
  w.select('Requests!A2');
  w.resetCalls();
  Driver.check(w.clickMenu('Propose trainers'));
  proposeCalls[n] = w.totalCalls();
  proposeSeconds[n] = w.modelledSeconds();
  if (!String(w.records('Requests')[0].Proposed).includes('Model Trainer')) throw new Error(`Propose trainers proposed nobody at ${n} trainers`);
}
results.proposeTrainers = { serviceCalls: proposeCalls, modelledSeconds: proposeSeconds };
for (const n of TRAINER_SIZES) {
  report(
    `service calls: Propose trainers, ${n} trainers`,
    `${proposeCalls[n]} calls, ${secs(proposeSeconds[n])} modelled`,
    n === 100 ? '' : `ratio ${(proposeCalls[n] / proposeCalls[100]).toFixed(2)} (must be 1.00)`,
  );
}

// 8. Long jobs and Log hygiene (scripts/bench/jobs.ts).
const jobs = benchJobs();
results.jobs = jobs.results;
for (const [m, v, b] of jobs.rows) report(m, v, b);

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'bench.json'), JSON.stringify(results, null, 2));
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`${'measure'.padEnd(w0)}  ${'value'.padEnd(w1)}  budget`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
console.log(`\nwritten: out/bench.json`);

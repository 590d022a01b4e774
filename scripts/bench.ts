/**
 * `npm run bench`: size and speed budgets, shown by measurement rather than timed tests.
 * Prints a table and writes out/bench.json. Service-call counts come from the emulator's
 * per-method counters; times are medians over repeated runs on this machine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { Driver } from '../emulator/driver';

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
report('dist/Code.js size', `${(bytes / 1024).toFixed(1)} KB`, '≤ 150 KB');

// 2. Cold load: parse + run the whole file in a fresh, bare context (what every execution pays).
const cold = timeMs(() => {
  const script = new vm.Script(code, { filename: 'Code.js' });
  script.runInContext(vm.createContext({}));
}, 41);
results.coldLoadMedianMs = median(cold);
report('cold load of dist/Code.js (median of 41)', `${median(cold).toFixed(2)} ms`, '≤ 20 ms');

// 3. Service calls of the slice: open + Set up registry on a new workbook, then again.
const d = new Driver();
d.resetCalls();
d.open();
const openCalls = d.totalCalls();
d.resetCalls();
Driver.check(d.clickMenu('Set up registry'));
const firstSetUp = d.calls();
d.resetCalls();
Driver.check(d.clickMenu('Set up registry'));
const secondSetUp = d.calls();
const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
results.serviceCalls = { onOpen: openCalls, firstSetUp: sum(firstSetUp), secondSetUp: sum(secondSetUp), firstSetUpByMethod: firstSetUp };
report('service calls: onOpen', String(openCalls));
report('service calls: Set up registry (new workbook)', String(sum(firstSetUp)));
report('service calls: Set up registry (already set up)', String(sum(secondSetUp)));

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'bench.json'), JSON.stringify(results, null, 2));
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`${'measure'.padEnd(w0)}  ${'value'.padEnd(w1)}  budget`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
console.log(`\nwritten: out/bench.json`);

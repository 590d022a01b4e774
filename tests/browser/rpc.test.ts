/**
 * The browser harness's google.script.run follows the type rule of
 * https://developers.google.com/apps-script/guides/html/reference/run : a Date (or function,
 * class instance, circular object) among the arguments fails the call in the page, before any
 * request; an illegal return value reaches the failure handler; legal values arrive as copies.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closeBrowser, openPage } from '@training-help-desk/gas-emulator/browser';
import { Driver } from '@training-help-desk/gas-emulator/driver';

jest.setTimeout(30_000);
afterAll(closeBrowser);

const CODE = `function echo(x){ return x; } function giveDate(){ return { when: new Date() }; }`;

const PAGE = `<!DOCTYPE html><html><body><script>
  window.results = {};
  const call = (name, fn, ...args) => new Promise((resolve) => {
    google.script.run
      .withSuccessHandler((v) => { window.results[name] = { ok: v }; resolve(); })
      .withFailureHandler((e) => { window.results[name] = { failed: e.message }; resolve(); })[fn](...args);
  });
  window.done = Promise.all([
    call('date', 'echo', { rows: [new Date()] }),
    call('fn', 'echo', [() => 1]),
    call('plain', 'echo', { a: [1, undefined, 'x'], b: null }),
    call('returned', 'giveDate'),
  ]);
</script></body></html>`;

test('illegal arguments fail in the page without reaching the server; an illegal return value fails the call', async () => {
  const d = new Driver({ code: CODE, manifest: { timeZone: 'Etc/UTC', runtimeVersion: 'V8' } });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rpc-')), 'Rpc.html');
  fs.writeFileSync(file, PAGE);
  const opened = await openPage(file, { server: (fn, args) => d.callServer(fn, ...args) });
  try {
    await opened.page.evaluate('window.done');
    const results = (await opened.page.evaluate('window.results')) as Record<string, { ok?: unknown; failed?: string }>;
    expect(results.date.failed).toMatch(/^Failed due to illegal value in property: 0\.rows\.0 \(a Date/);
    expect(results.fn.failed).toMatch(/property: 0\.0 \(a Function/);
    expect(results.plain).toEqual({ ok: { a: [1, null, 'x'], b: null } });
    expect(results.returned.failed).toMatch(/illegal value in property: return\.when \(a Date/);
    // Only the legal calls reached the server.
    expect(opened.calls.map((c) => c.fn)).toEqual(['echo', 'giveDate']);
    expect(opened.errors).toEqual([]);
  } finally {
    await opened.close();
  }
});

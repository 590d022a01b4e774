/**
 * Browser-test harness: opens a built page (<cwd>/dist/<Name>.html) in Debian's headless Chromium
 * with a fake `google.script.run` that forwards every call to a Node function, records it,
 * and round-trips arguments and results through JSON the way Apps Script serialises them.
 *
 *   const { page, calls, close } = await openPage('Sidebar.html', { server: (fn, args) => … });
 *
 * One browser per test file (launched on first use); call `closeBrowser()` in afterAll.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { rpcValueProblem } from './runtime/rpc-values';

/** The project using the emulator: the directory its tests and scripts run from. */
export const ROOT = process.cwd();
/** Where relative page names are looked up: the project's built dist/. */
export const DIST = path.join(ROOT, 'dist');
/** Default folder of screenshots (a project's own runs pass another `dir`). */
export const TEST_SCREENSHOTS = path.join(ROOT, 'out', 'test-screenshots');
const PAGES = path.join(ROOT, 'out', 'browser-pages');

export type ServerFn = (fn: string, args: unknown[]) => unknown | Promise<unknown>;

export interface OpenOptions {
  /** Answers google.script.run calls; a throw (or rejection) reaches the page's failure handler. */
  server?: ServerFn;
  width?: number;
  height?: number;
  /** JavaScript run in the page before any of its own scripts. */
  beforeScripts?: string;
  /** Rewrites the page's HTML before loading, e.g. to fill a template scriptlet. */
  html?: (html: string) => string;
}

export interface Call {
  fn: string;
  args: unknown[];
}

export interface OpenedPage {
  page: Page;
  /** Every google.script.run call, in order. */
  calls: Call[];
  /** Uncaught page errors and console.error messages. */
  errors: string[];
  close(): Promise<void>;
}

type Reply = { ok: true; value: unknown } | { ok: false; name: string; message: string };

/**
 * The client side of google.script.run: chaining handlers, any function name. Arguments follow
 * the same rule as emulator/runtime/rpc-values.ts (checked in the page, before the JSON copy):
 * a Date, a function, any other non-plain object or a circular reference fails the call.
 */
const BRIDGE = `(() => {
  const problem = (value, top) => {
    const stack = [];
    const walk = (v, path) => {
      if (v === null || v === undefined) return undefined;
      const t = typeof v;
      if (t === 'string' || t === 'number' || t === 'boolean') return undefined;
      const tag = Object.prototype.toString.call(v).slice(8, -1);
      const illegal = (what) => 'Failed due to illegal value in property: ' + path + ' (' + what + ' cannot be passed through google.script.run)';
      if (t !== 'object') return illegal(t === 'function' ? 'a Function' : 'a ' + t);
      if (stack.includes(v)) return 'Failed due to illegal value in property: ' + path + ' (circular reference)';
      const proto = Object.getPrototypeOf(v);
      const plain = Array.isArray(v) || proto === null || proto === Object.prototype;
      if (!plain) return illegal(tag === 'Object' ? 'an object of class ' + ((proto && proto.constructor && proto.constructor.name) || '?') : 'a ' + tag);
      stack.push(v);
      try {
        const keys = Array.isArray(v) ? Array.from({ length: v.length }, (_, i) => String(i)) : Object.keys(v);
        for (const k of keys) { const p = walk(v[k], path + '.' + k); if (p) return p; }
      } finally { stack.pop(); }
      return undefined;
    };
    return walk(value, top);
  };
  const runner = (ok, fail, user) => new Proxy({}, {
    get(_t, prop) {
      if (prop === 'withSuccessHandler') return (f) => runner(f, fail, user);
      if (prop === 'withFailureHandler') return (f) => runner(ok, f, user);
      if (prop === 'withUserObject') return (u) => runner(ok, fail, u);
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      return (...args) => {
        const refused = args.map((a, i) => problem(a, String(i))).find((p) => p);
        const request = refused ? Promise.resolve({ ok: false, name: 'Error', message: refused }) : window.__gasCall(prop, JSON.parse(JSON.stringify(args)));
        request.then((r) => {
          if (r.ok) { if (ok) ok(r.value, user); return; }
          const err = new Error(r.message); err.name = r.name;
          if (fail) fail(err, user); else console.error('Uncaught ' + r.name + ': ' + r.message);
        });
      };
    },
  });
  window.google = { script: { run: runner(), host: { close() { window.__gasClosed = true; } } } };
})();`;

let browser: Promise<Browser> | undefined;

function launch(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

/** Closes this test file's browser. */
export async function closeBrowser(): Promise<void> {
  if (!browser) return;
  const b = await browser;
  browser = undefined;
  await b.close();
}

/** Opens dist/<htmlFile> (or an absolute path) in a fresh browser context. */
export async function openPage(htmlFile: string, opts: OpenOptions = {}): Promise<OpenedPage> {
  const file = path.isAbsolute(htmlFile) ? htmlFile : path.join(DIST, htmlFile);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: run \`npm run build\` first`);
  let html = fs.readFileSync(file, 'utf8');
  if (opts.html) html = opts.html(html);
  // A file URL gives a fresh document, so the init scripts surely run before the page's own.
  fs.mkdirSync(PAGES, { recursive: true });
  const copy = path.join(PAGES, `${path.basename(file, '.html')}-${process.pid}-${Date.now()}.html`);
  fs.writeFileSync(copy, html);

  const context = await (await launch()).newContext({ viewport: { width: opts.width ?? 1024, height: opts.height ?? 768 } });
  // Nothing leaves the machine: links are checked, never followed.
  await context.route(/^(https?|wss?):/, (route) => route.abort());
  const calls: Call[] = [];
  const errors: string[] = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.exposeFunction('__gasCall', async (fn: string, args: unknown[]): Promise<Reply> => {
    calls.push({ fn, args });
    try {
      if (!opts.server) throw new Error(`Script function not found: ${fn}`);
      const value = await opts.server(fn, args);
      const refused = rpcValueProblem(value, 'return');
      if (refused) throw new Error(refused);
      return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      return { ok: false, name: err.name, message: err.message };
    }
  });
  await page.addInitScript(BRIDGE);
  if (opts.beforeScripts) await page.addInitScript(opts.beforeScripts);
  await page.goto(pathToFileURL(copy).href, { waitUntil: 'load' });
  return {
    page,
    calls,
    errors,
    async close() {
      await context.close();
      fs.rmSync(copy, { force: true });
    },
  };
}

/** Saves a screenshot (the full page unless told otherwise) to `dir`/<name>.png (tests: out/test-screenshots) and returns its path. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean; dir?: string } = {}): Promise<string> {
  const dir = opts.dir ?? TEST_SCREENSHOTS;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true });
  return file;
}

/** Document width beyond the viewport, in px (0 = no horizontal scroll). */
export function overflowX(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
}

/** A promise with its resolve function, to hold a server call open while a test looks at the page. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

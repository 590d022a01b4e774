/**
 * From TypeScript to one Apps Script file.
 *
 * Apps Script has no modules: menus, triggers and google.script.run find only top-level
 * function declarations. So src/main.ts is bundled as an IIFE into `var __app`, and one
 * delegating declaration is generated per export of main.ts (no hand-kept list of names).
 * The bundle gate then proves the file is something Apps Script can run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { parse } from 'acorn';
import { analyze } from 'eslint-scope';
import type * as ESTree from 'estree';

export const APP_GLOBAL = '__app';

/** Globals that exist in Node or browsers but not in the Apps Script V8 runtime. */
export const MISSING_IN_APPS_SCRIPT = [
  'process',
  'require',
  'module',
  'exports',
  'Buffer',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'queueMicrotask',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'structuredClone',
  'fetch',
  'atob',
  'btoa',
  'crypto',
  'window',
  'document',
  'global',
  '__dirname',
  '__filename',
] as const;

/**
 * Size budget of dist/Code.js, unminified (issue 9): readable stack traces in the executions log
 * are worth more than kilobytes, but every execution parses the whole file.
 */
export const BUNDLE_BUDGET_BYTES = 256 * 1024;

export interface BundleOptions {
  srcDir: string;
  outDir: string;
}

export interface BundleResult {
  code: string;
  entryPoints: string[];
  pages: string[];
  bytes: number;
}

export class GateError extends Error {
  constructor(readonly problems: string[]) {
    super(`bundle gate failed:\n  - ${problems.join('\n  - ')}`);
  }
}

const common: BuildOptions = {
  bundle: true,
  platform: 'neutral',
  target: 'es2020',
  mainFields: ['module', 'main'],
  conditions: ['import', 'default'],
  write: false,
  logLevel: 'silent',
  legalComments: 'none',
  // Apps Script files are UTF-8: keep Cyrillic, accents and emoji as written, not as \u escapes.
  charset: 'utf8',
};

/** The names exported by the entry module: each becomes an Apps Script entry point. */
export async function entryExports(entry: string): Promise<string[]> {
  const esm = await build({ ...common, entryPoints: [entry], format: 'esm', metafile: true, outdir: 'out-esm' });
  const output = Object.values(esm.metafile!.outputs).find((o) => o.entryPoint);
  return (output?.exports ?? []).slice().sort();
}

export async function bundleApp(opts: BundleOptions): Promise<BundleResult> {
  const entry = path.join(opts.srcDir, 'main.ts');
  const names = await entryExports(entry);
  const wrappers = names.map((name) => `function ${name}() { return ${APP_GLOBAL}.${name}.apply(this, arguments); }`);
  const code = [
    '// Built from src/ by scripts/build.ts — do not edit; edit the TypeScript sources.',
    tidy(await iifeBundle(entry)),
    '',
    '// Apps Script entry points (one per export of src/main.ts).',
    ...wrappers,
    '',
  ].join('\n');
  gate(code, names);
  fs.mkdirSync(opts.outDir, { recursive: true });
  fs.writeFileSync(path.join(opts.outDir, 'Code.js'), code);
  const manifest = path.join(opts.srcDir, '..', 'appsscript.json');
  if (fs.existsSync(manifest)) fs.copyFileSync(manifest, path.join(opts.outDir, 'appsscript.json'));
  const pages = await inlinePages(path.join(opts.srcDir, 'ui', 'pages'), opts.outDir);
  const defaults = writeDefaults(path.join(opts.srcDir, 'defaults'), opts.outDir);
  if (defaults) pages.push(defaults);
  return { code, entryPoints: names, pages, bytes: Buffer.byteLength(code) };
}

/** The entry module bundled as an IIFE assigned to `var __app`, as esbuild writes it (before `tidy`). */
export async function iifeBundle(entry: string): Promise<string> {
  const iife = await build({ ...common, entryPoints: [entry], format: 'iife', globalName: APP_GLOBAL, outfile: 'Code.js' });
  return iife.outputFiles![0].text.trimEnd();
}

/**
 * Lays out the bundle for the Apps Script editor without changing what runs (the syntax tree is
 * the same: a gate test compares them):
 * - a tab per indentation level instead of esbuild's two spaces, less the IIFE's level every
 *   line has, and none in vendored packages;
 * - comments that fill whole lines dropped (the documented sources are in src/; what ships is
 *   the code), except esbuild's "// src/…" markers that say which module a line comes from.
 * Nothing is renamed or joined, so a stack trace in the executions log names our functions and
 * the Code.js line they are on, as shipped (the same in the Apps Script editor).
 * Lines that start inside a template literal are content, not layout: they are left as they are.
 */
export function tidy(code: string): string {
  const templates: [number, number][] = [];
  const comments: [number, number][] = [];
  const ast = parse(code, {
    ecmaVersion: 2022,
    sourceType: 'script',
    ranges: true,
    onComment: (_block: boolean, _text: string, start: number, end: number) => comments.push([start, end]),
  }) as unknown as ESTree.Program;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as ESTree.Node & { range?: [number, number] };
    if (n.type === 'TemplateLiteral' && n.range) templates.push(n.range);
    for (const [k, v] of Object.entries(n)) if (k !== 'range' && k !== 'loc') visit(v);
  };
  visit(ast);
  const inTemplate = (offset: number) => templates.some(([a, b]) => offset > a && offset < b);
  // Lines wholly inside one comment (nothing but blanks before its start on the first line and after its end on the last).
  const commentLines = new Set<number>();
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const [start, end] of comments) {
    const first = lineOf(start);
    const last = lineOf(end);
    const lineEnd = last + 1 < lineStarts.length ? lineStarts[last + 1] - 1 : code.length;
    if (code.slice(lineStarts[first], start).trim() === '' && code.slice(end, lineEnd).trim() === '') for (let l = first; l <= last; l++) commentLines.add(l);
  }
  let offset = 0;
  let vendored = false;
  const out: string[] = [];
  code.split('\n').forEach((line, n) => {
    const start = offset;
    offset += line.length + 1;
    if (inTemplate(start)) {
      out.push(line);
      return;
    }
    // esbuild marks where each module's code starts: "// src/app/x.ts", "// node_modules/zod/…".
    const marker = /^\s*\/\/ (src|node_modules)\/\S+$/.exec(line);
    if (marker) vendored = marker[1] === 'node_modules';
    else if (commentLines.has(n)) return;
    // The IIFE's own level is dropped (every line has it); vendored code keeps no indentation.
    out.push(line.replace(/^(?: {2})+/, (spaces) => (vendored ? '' : '\t'.repeat(Math.max(0, spaces.length / 2 - 1)))));
  });
  return out.join('\n');
}

/**
 * src/defaults/*.json → dist/Defaults.html: one JSON object keyed by file name. Apps Script
 * projects hold only script and HTML files; data that only Set up needs is read from here on
 * demand instead of being parsed by every execution as part of Code.js.
 */
export function writeDefaults(dir: string, outDir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const data: Record<string, unknown> = {};
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.json')) data[f.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  fs.writeFileSync(path.join(outDir, 'Defaults.html'), JSON.stringify(data));
  return 'Defaults.html';
}

/**
 * Each folder src/ui/pages/<Name>/ with an index.html becomes dist/<Name>.html: its
 * `<script src="./main.ts">` is bundled for the browser and inlined, and its
 * `<link rel="stylesheet" href="./x.css">` inlined, because HtmlService serves single files.
 */
export async function inlinePages(pagesDir: string, outDir: string): Promise<string[]> {
  if (!fs.existsSync(pagesDir)) return [];
  const written: string[] = [];
  for (const name of fs.readdirSync(pagesDir).sort()) {
    const dir = path.join(pagesDir, name);
    const indexFile = path.join(dir, 'index.html');
    if (!fs.existsSync(indexFile)) continue;
    let html = fs.readFileSync(indexFile, 'utf8');
    const scripts = [...html.matchAll(/<script src="\.\/([\w.-]+\.ts)"><\/script>/g)];
    for (const m of scripts) {
      const out = await build({
        entryPoints: [path.join(dir, m[1])],
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2019',
        write: false,
        logLevel: 'silent',
        legalComments: 'none',
      });
      // "</script" inside the code would end the inline element early.
      const js = out.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
      html = html.replace(m[0], () => `<script>\n${js}</script>`);
    }
    html = html.replace(/<link rel="stylesheet" href="\.\/([\w.-]+\.css)">/g, (_all, file: string) => {
      const css = fs.readFileSync(path.join(dir, file), 'utf8');
      return `<style>\n${css}</style>`;
    });
    fs.writeFileSync(path.join(outDir, `${name}.html`), html);
    written.push(`${name}.html`);
  }
  return written;
}

/**
 * The bundle gate: parses the file as a classic script (so `import`/`export` cannot parse),
 * rejects free references to globals Apps Script lacks, and requires each entry point to be
 * a top-level function declaration, and a file over the size budget.
 */
export function gate(code: string, entryPoints: string[], budgetBytes = BUNDLE_BUDGET_BYTES): void {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(code);
  if (bytes > budgetBytes) problems.push(`Code.js is ${(bytes / 1024).toFixed(1)} KB, over its budget of ${(budgetBytes / 1024).toFixed(0)} KB`);
  let ast: ESTree.Program;
  try {
    ast = parse(code, { ecmaVersion: 2022, sourceType: 'script', locations: true, ranges: true }) as unknown as ESTree.Program;
  } catch (err) {
    const msg = (err as Error).message;
    const hint = /import|export/.test(msg) || /'import' and 'export'/.test(msg) ? ' (import/export are not allowed: Apps Script has no modules)' : '';
    throw new GateError([`not a valid Apps Script file: ${msg}${hint}`]);
  }
  const scopes = analyze(ast, { ecmaVersion: 2022, sourceType: 'script' });
  const forbidden = new Set<string>(MISSING_IN_APPS_SCRIPT);
  const seen = new Set<string>();
  for (const ref of scopes.globalScope!.through) {
    const name = ref.identifier.name;
    if (forbidden.has(name) && !seen.has(name)) {
      seen.add(name);
      const line = ref.identifier.loc?.start.line;
      problems.push(`uses \`${name}\`, which Apps Script does not have (Code.js line ${line})`);
    }
  }
  const topLevelFunctions = new Set(ast.body.filter((n): n is ESTree.FunctionDeclaration => n.type === 'FunctionDeclaration').map((n) => n.id!.name));
  for (const name of entryPoints) {
    if (!topLevelFunctions.has(name)) problems.push(`entry point \`${name}\` is not a top-level function declaration`);
  }
  if (problems.length) throw new GateError(problems);
}

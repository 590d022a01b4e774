import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { parse } from 'acorn';
import type * as ESTree from 'estree';
import {
  APP_GLOBAL,
  BUNDLE_BUDGET_BYTES,
  bundleApp,
  entryExports,
  gate,
  iifeBundle,
  GateError,
  inlinePages,
  MISSING_IN_APPS_SCRIPT,
  tidy,
} from '../../scripts/bundle';

const root = path.resolve(__dirname, '..', '..');

function problemsOf(code: string, entries: string[] = []): string[] {
  try {
    gate(code, entries);
    return [];
  } catch (err) {
    if (err instanceof GateError) return err.problems;
    throw err;
  }
}

describe('bundle gate', () => {
  it.each(MISSING_IN_APPS_SCRIPT.map((name) => [name]))('rejects a free reference to %s', (name) => {
    const problems = problemsOf(`var x = ${name};`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`\`${name}\``);
  });

  it('rejects a file over the 256 KB budget, saying by how much, and accepts one at the budget', () => {
    const fill = (bytes: number) => {
      const head = 'function onOpen() {}\n//';
      return head + 'x'.repeat(bytes - head.length);
    };
    expect(BUNDLE_BUDGET_BYTES).toBe(256 * 1024);
    expect(problemsOf(fill(BUNDLE_BUDGET_BYTES), ['onOpen'])).toEqual([]);
    expect(problemsOf(fill(BUNDLE_BUDGET_BYTES + 1), ['onOpen'])).toEqual(['Code.js is 256.0 KB, over its budget of 256 KB']);
    // Bytes, not characters: Cyrillic and emoji weigh what they weigh in the UTF-8 file.
    expect(problemsOf(fill(BUNDLE_BUDGET_BYTES - 10) + 'ééééé€', ['onOpen'])[0]).toMatch(/over its budget/);
  });

  it('rejects a guarded reference too (typeof still reads the global)', () => {
    expect(problemsOf('var b = typeof Buffer !== "undefined" ? Buffer : null;')[0]).toContain('`Buffer`');
  });

  it('accepts a name that the script declares itself', () => {
    expect(problemsOf('function f(setTimeout) { return setTimeout; } var URL = 1; function g() { return URL; }')).toEqual([]);
  });

  it('accepts Apps Script globals', () => {
    expect(problemsOf('function onOpen() { SpreadsheetApp.getUi(); Utilities.sleep(1); }', ['onOpen'])).toEqual([]);
  });

  it('rejects import and export: Apps Script has no modules', () => {
    expect(problemsOf('import x from "y";')[0]).toMatch(/import\/export are not allowed/);
    expect(problemsOf('export function onOpen() {}')[0]).toMatch(/import\/export are not allowed/);
  });

  it('rejects an entry point that is not a top-level function declaration', () => {
    expect(problemsOf('var onOpen = function () {};', ['onOpen'])).toEqual(['entry point `onOpen` is not a top-level function declaration']);
    expect(problemsOf('(function () { function onOpen() {} })();', ['onOpen'])[0]).toContain('onOpen');
  });
});

describe('bundle layout', () => {
  it("turns each two-space level but the first (the IIFE's) into a tab, but never touches a line inside a template literal", () => {
    const code = '(() => {\n  function f() {\n    if (x) {\n      return `a\n    b ${x} \\`\n  c`;\n    }\n  }\n})();';
    expect(tidy(code)).toBe('(() => {\nfunction f() {\n\tif (x) {\n\t\treturn `a\n    b ${x} \\`\n  c`;\n\t}\n}\n})();');
  });

  it('changes the layout of the real bundle only: its syntax tree is the same before and after', async () => {
    const raw = await iifeBundle(path.join(root, 'src', 'main.ts'));
    const tree = (code: string) =>
      JSON.stringify(parse(code, { ecmaVersion: 2022, sourceType: 'script' }), (k, v: unknown) => (k === 'start' || k === 'end' ? undefined : v));
    const tidied = tidy(raw);
    expect(Buffer.byteLength(tidied)).toBeLessThan(Buffer.byteLength(raw) * 0.95); // about a tenth lighter
    expect(tree(tidied)).toBe(tree(raw));
  });

  it('drops comments that fill whole lines, keeps module markers, comments after code and template text', () => {
    const code =
      '// node_modules/pkg/a.js\n// vendor note\nvar a = 1; // kept\n// src/app/x.ts\n// our note\n/**\n * A doc block.\n */\nvar c = /* inline */ 2;\n/* lead */ var d = 3;\nvar b = `\n// in a template\n/* also */\n`;';
    expect(tidy(code)).toBe(
      '// node_modules/pkg/a.js\nvar a = 1; // kept\n// src/app/x.ts\nvar c = /* inline */ 2;\n/* lead */ var d = 3;\nvar b = `\n// in a template\n/* also */\n`;',
    );
  });
});

describe('build', () => {
  const code = fs.readFileSync(path.join(root, 'dist', 'Code.js'), 'utf8');

  it("declares every export of src/main.ts (read from esbuild's metafile) as a top-level function that delegates to it", async () => {
    const exports = await entryExports(path.join(root, 'src', 'main.ts'));
    expect(exports.length).toBeGreaterThanOrEqual(16);
    const context = vm.createContext({}) as Record<string, unknown>;
    vm.runInContext(code, context);
    const app = context[APP_GLOBAL] as Record<string, unknown>;
    for (const name of exports) {
      expect([name, typeof context[name]]).toEqual([name, 'function']);
      expect([name, typeof app[name]]).toEqual([name, 'function']);
      expect(code).toContain(`\nfunction ${name}() { return ${APP_GLOBAL}.${name}.apply(this, arguments); }`);
    }
    // And nothing else: every top-level function of the file is one of them.
    const program = parse(code, { ecmaVersion: 2022, sourceType: 'script' }) as unknown as ESTree.Program;
    const declared = program.body.flatMap((n) => (n.type === 'FunctionDeclaration' && n.id ? [n.id.name] : [])).sort();
    expect(declared).toEqual(exports.slice().sort());
  });

  it('is within the size budget', () => {
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  });

  it('loads in a bare context with no Apps Script globals: nothing runs at load', () => {
    // A bare context has no SpreadsheetApp at all: any service call at load would throw.
    expect(() => vm.runInContext(code, vm.createContext({}))).not.toThrow();
  });

  it('ships the default templates and skills as Defaults.html, not inside Code.js', () => {
    const defaults = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'Defaults.html'), 'utf8'));
    expect(defaults.templates.some((t: { subject: string }) => t.subject.startsWith('Recebemos o seu pedido'))).toBe(true);
    expect(Object.keys(defaults.skills)).toEqual(expect.arrayContaining(['Strategy', 'Business', 'Engagement', 'Technical', 'Content']));
    expect(code).not.toContain('Recebemos o seu pedido');
  });

  it('ships the manifest beside the code', () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, 'dist', 'appsscript.json'), 'utf8')).runtimeVersion).toBe('V8');
  });

  it('fails when a setTimeout is added to src/', async () => {
    // Inside the repo so that src/ still resolves its packages from node_modules.
    fs.mkdirSync(path.join(root, '.cache'), { recursive: true });
    const tmp = fs.mkdtempSync(path.join(root, '.cache', 'gate-'));
    fs.cpSync(path.join(root, 'src'), path.join(tmp, 'src'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'src', 'app', 'later.ts'), 'export function later(f: () => void): void { setTimeout(f, 10); }\n');
    const main = path.join(tmp, 'src', 'main.ts');
    fs.appendFileSync(main, "\nimport { later } from './app/later';\nexport function runLater(): void { later(() => undefined); }\n");
    await expect(bundleApp({ srcDir: path.join(tmp, 'src'), outDir: path.join(tmp, 'dist') })).rejects.toThrow(/`setTimeout`/);
    expect(fs.existsSync(path.join(tmp, 'dist', 'Code.js'))).toBe(false);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("inlines a page's script and stylesheet into one HTML file", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pages-'));
    const page = path.join(tmp, 'pages', 'Hello');
    fs.mkdirSync(page, { recursive: true });
    fs.writeFileSync(path.join(page, 'index.html'), '<link rel="stylesheet" href="./style.css"><p id="p"></p><script src="./main.ts"></script>');
    fs.writeFileSync(path.join(page, 'style.css'), 'p { color: red; }');
    fs.writeFileSync(path.join(page, 'main.ts'), 'const s: string = "</script>"; document.getElementById("p")!.textContent = s;');
    const written = await inlinePages(path.join(tmp, 'pages'), tmp);
    expect(written).toEqual(['Hello.html']);
    const html = fs.readFileSync(path.join(tmp, 'Hello.html'), 'utf8');
    expect(html).toContain('<style>\np { color: red; }</style>');
    expect(html).not.toContain('src="./main.ts"');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });
});

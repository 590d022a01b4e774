/**
 * The layer rules of eslint.config.mjs bite: each deliberate breach below, linted as if it were
 * a file in that folder, is reported by its rule; code that keeps the layers passes.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/**
 * ESLint's own `ESLint` class, run in a plain Node process (jest's module sandbox cannot load
 * the ESM config): `lintText` of each case as the file it names; the rule ids each one reports.
 */
const LINT = `
import { ESLint } from 'eslint';
const cases = JSON.parse(await new Promise((ok) => { let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => ok(s)); }));
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const c of cases) {
  const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
  out.push(result.messages.map((m) => m.ruleId ?? 'fatal: ' + m.message));
}
process.stdout.write(JSON.stringify(out));
`;

const cases: { file: string; code: string }[] = [];
let reported: string[][] | undefined;

/** Registers a case now (all are linted in one process); the rule ids it got, once they are in. */
function lint(file: string, code: string): () => string[] {
  const i = cases.push({ file, code }) - 1;
  return () => {
    reported ??= JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', LINT], {
        cwd: root,
        input: JSON.stringify(cases.map((c) => ({ code: c.code, filePath: path.join(root, c.file) }))),
        encoding: 'utf8',
      }),
    ) as string[][];
    return reported[i];
  };
}

const IMPORT = '@typescript-eslint/no-restricted-imports';
const GLOBAL = 'no-restricted-globals';

// Each case: the file it is linted as, its code, and the rules it must report ([] = clean).
const domainCallsSheets = lint('src/domain/breach.ts', 'export const ss = SpreadsheetApp.getActive();\n');
const domainImportsAdapter = lint('src/domain/breach.ts', "import { Table } from '../gas/table';\nexport const t = Table;\n");
const domainImportsFeature = lint('src/domain/breach.ts', "import { checkRegistry } from '../app/check';\nexport const c = checkRegistry;\n");
const domainImportsUiType = lint('src/domain/breach.ts', "import type { PoolView } from '../ui/contracts';\nexport type P = PoolView;\n");
const appCallsUtilities = lint('src/app/breach.ts', 'export const id = () => Utilities.getUuid();\n');
const appCallsProperties = lint('src/app/breach.ts', "export const p = () => PropertiesService.getDocumentProperties().getProperty('x');\n");
const appUsesAdapter = lint('src/app/clean.ts', "import { randomCode } from '../gas/secrets';\nexport const id = () => randomCode();\n");
const pageImportsServer = lint('src/ui/pages/Breach/main.ts', "import { loadProposals } from '../../../main';\nexport const f = loadProposals;\n");
const pageImportsDomainCode = lint(
  'src/ui/pages/Breach/main.ts',
  "import { matchTrainers } from '../../../domain/matching';\nexport const f = matchTrainers;\n",
);
const pageCallsSheets = lint('src/ui/pages/Breach/main.ts', 'export const f = () => SpreadsheetApp.getUi();\n');
const pageImportsServerType = lint(
  'src/ui/pages/Clean/main.ts',
  "import type { Criterion } from '../../../domain/matching-types';\nexport type C = Criterion;\n",
);
const emulatorImportsProduct = lint('emulator/runtime/breach.ts', "import { TRAINERS } from '../../src/domain/registry';\nexport const t = TRAINERS;\n");
const srcImportsEmulator = lint('src/gas/breach.ts', "import { World } from '../../emulator/driver';\nexport const w = World;\n");
const srcImportsTests = lint('src/app/breach.ts', "import { world } from '../../tests/support/world';\nexport const w = world;\n");
const srcImportsScripts = lint('src/domain/breach.ts', "import { gate } from '../../scripts/bundle';\nexport const g = gate;\n");
const cleanDomain = lint('src/domain/clean.ts', "import { foldText } from './text';\nexport const f = (s: string) => foldText(s);\n");
const cleanAdapter = lint(
  'src/gas/clean.ts',
  "import { foldText } from '../domain/text';\nexport const ss = () => SpreadsheetApp.getActive().getName() + foldText('x');\n",
);
const cleanEmulator = lint('emulator/clean.ts', "import { foldText } from './text';\nexport const f = foldText;\n");

describe('layer rules (eslint.config.mjs)', () => {
  it('domain/ cannot call an Apps Script service', () => {
    expect(domainCallsSheets()).toEqual([GLOBAL]);
  });

  it('domain/ cannot import an adapter (gas/), a feature (app/) or the pages (ui/), not even a type', () => {
    expect(domainImportsAdapter()).toEqual([IMPORT]);
    expect(domainImportsFeature()).toEqual([IMPORT]);
    expect(domainImportsUiType()).toEqual([IMPORT]);
  });

  it('app/ reaches Apps Script only through gas/ adapters', () => {
    expect(appCallsUtilities()).toEqual([GLOBAL]);
    expect(appCallsProperties()).toEqual([GLOBAL]);
    expect(appUsesAdapter()).toEqual([]);
  });

  it('ui/ imports server code only as types, and has no Apps Script service', () => {
    expect(pageImportsServer()).toEqual([IMPORT]);
    expect(pageCallsSheets()).toEqual([GLOBAL]);
    expect(pageImportsDomainCode()).toEqual([IMPORT]);
    expect(pageImportsServerType()).toEqual([]);
  });

  it('the emulator cannot import the product', () => {
    expect(emulatorImportsProduct()).toEqual([IMPORT]);
  });

  it('src/ cannot import the emulator, the tests or the scripts', () => {
    expect(srcImportsEmulator()).toEqual([IMPORT]);
    expect(srcImportsTests()).toEqual([IMPORT]);
    expect(srcImportsScripts()).toEqual([IMPORT]);
  });

  it('clean code in each layer passes', () => {
    expect(cleanDomain()).toEqual([]);
    expect(cleanAdapter()).toEqual([]);
    expect(cleanEmulator()).toEqual([]);
  });
});

/**
 * `npm ci` on a fresh machine: npm installs exactly what package-lock.json records and refuses a
 * lock that lacks a package the manifest needs. Packages with native binaries ship them as
 * optional per-platform packages; a lock made on one machine must record them for every platform
 * the project is developed on, or `npm ci` elsewhere misses the binary. Also: the emulator is the
 * workspace package the lock links, and the layers keep to their side of the package boundary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

interface LockEntry {
  version?: string;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optional?: boolean;
  link?: boolean;
  resolved?: string;
  workspaces?: string[];
  optionalDependencies?: Record<string, string>;
}
const lock = readJson('package-lock.json') as { lockfileVersion: number; packages: Record<string, LockEntry> };
const packages = lock.packages;

/** Where the developers and CI run: Linux x64 and arm64 (glibc), macOS on Intel and Apple silicon. */
const PLATFORMS = [
  { os: 'linux', cpu: 'x64' },
  { os: 'linux', cpu: 'arm64' },
  { os: 'darwin', cpu: 'x64' },
  { os: 'darwin', cpu: 'arm64' },
];

/** The lock entry npm would use for `name` required from the package at `from` (nearest node_modules up). */
function resolveInLock(from: string, name: string): LockEntry | undefined {
  let dir = from;
  for (;;) {
    const entry = packages[`${dir ? `${dir}/` : ''}node_modules/${name}`];
    if (entry) return entry;
    if (!dir) return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up === -1 ? '' : dir.slice(0, up);
  }
}

const fits = (e: LockEntry, p: { os: string; cpu: string }): boolean =>
  (!e.os || e.os.includes(p.os)) && (!e.cpu || e.cpu.includes(p.cpu)) && (!e.libc || p.os !== 'linux' || e.libc.includes('glibc'));

/** Packages whose optional dependencies are a set of per-platform binaries (two or more os/cpu-bound packages). */
const nativeSets = Object.entries(packages).filter(
  ([key, e]) => Object.keys(e.optionalDependencies ?? {}).filter((d) => resolveInLock(key, d)?.os || resolveInLock(key, d)?.cpu).length >= 2,
);

describe('package-lock.json and npm ci', () => {
  it('is a v3 lock of the workspace: the emulator package linked from node_modules', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(packages['']?.workspaces).toEqual(['emulator']);
    expect(packages['node_modules/@training-help-desk/gas-emulator']).toEqual({ resolved: 'emulator', link: true });
    expect(packages['emulator']?.version).toBe((readJson('emulator/package.json') as { version: string }).version);
  });

  it('knows the native packages the tools need', () => {
    expect(nativeSets.map(([key]) => key.replace(/^.*node_modules\//, '')).sort()).toEqual(
      expect.arrayContaining(['@parcel/watcher', '@swc/core', 'esbuild', 'unrs-resolver']),
    );
  });

  it.each(nativeSets.map(([key]) => [key.replace(/^.*node_modules\//, ''), key]))('records every optional binary of %s', (_name, key) => {
    const missing = Object.keys(packages[key].optionalDependencies ?? {}).filter((d) => !resolveInLock(key, d));
    expect(missing).toEqual([]);
  });

  it.each(nativeSets.map(([key]) => [key.replace(/^.*node_modules\//, ''), key]))(
    'has a binary of %s for Linux x64/arm64 and macOS x64/arm64',
    (_name, key) => {
      const binaries = Object.keys(packages[key].optionalDependencies ?? {}).map((d) => resolveInLock(key, d)!);
      const uncovered = PLATFORMS.filter((p) => !binaries.some((b) => (b.os || b.cpu) && fits(b, p))).map((p) => `${p.os}-${p.cpu}`);
      expect(uncovered).toEqual([]);
    },
  );

  it('is what CI and the README install with: npm ci', () => {
    expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toMatch(/^npm ci\b/m);
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(
      firstBlock
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+&&/)[0]),
    ).toEqual(['npm ci', 'npm ci']);
  });
});

/** Every module specifier a TypeScript file imports, exports from, requires or loads dynamically. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...tsFiles(full));
    } else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const rel = (file: string): string => path.relative(root, file);
const inside = (dir: string, file: string): boolean => !path.relative(dir, file).startsWith('..');

describe('the emulator package boundary', () => {
  const emulatorDir = path.join(root, 'emulator');
  const manifest = readJson('emulator/package.json') as { name: string; dependencies: Record<string, string>; peerDependencies?: Record<string, string> };
  const declared = new Set([manifest.name, ...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies ?? {})]);
  const packageOf = (spec: string): string =>
    spec
      .split('/')
      .slice(0, spec.startsWith('@') ? 2 : 1)
      .join('/');

  it('imports nothing of the product: only its own files, node: modules and its declared dependencies', () => {
    const files = tsFiles(emulatorDir);
    expect(files.length).toBeGreaterThan(40);
    const strays = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) =>
          spec.startsWith('.') ? !inside(emulatorDir, path.resolve(path.dirname(file), spec)) : !spec.startsWith('node:') && !declared.has(packageOf(spec)),
        )
        .map((spec) => `${rel(file)}: ${spec}`),
    );
    expect(strays).toEqual([]);
  });

  it('is used by package name: no relative path into emulator/ from src, tests or scripts, and src never uses it', () => {
    const files = ['src', 'tests', 'scripts'].flatMap((d) => tsFiles(path.join(root, d)));
    const strays = files.flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            (spec.startsWith('.') && inside(emulatorDir, path.resolve(path.dirname(file), spec))) ||
            (inside(path.join(root, 'src'), file) && packageOf(spec) === manifest.name),
        )
        .map((spec) => `${rel(file)}: ${spec}`),
    );
    expect(strays).toEqual([]);
  });

  it('keeps its conformance tests beside it: nothing left in tests/emulator, which no jest project runs', () => {
    expect(fs.existsSync(path.join(root, 'tests', 'emulator'))).toBe(false);
    expect(tsFiles(path.join(emulatorDir, 'tests')).filter((f) => f.endsWith('.test.ts')).length).toBeGreaterThan(20);
  });

  it('catches a product import in the emulator (the check is not vacuous)', () => {
    const probe = path.join(emulatorDir, 'runtime', 'probe.ts');
    const spec = path.relative(path.dirname(probe), path.join(root, 'src', 'main'));
    expect(inside(emulatorDir, path.resolve(path.dirname(probe), spec))).toBe(false);
    expect(ts.preProcessFile(`import { x } from '${spec}';\nconst y = require('zod');`, true, true).importedFiles.map((f) => f.fileName)).toEqual([
      spec,
      'zod',
    ]);
    expect(declared.has('zod')).toBe(false);
  });
});

/**
 * Dev and prod deploys: two clasp project files, one per script id, chosen by the npm script
 * (`clasp --project <file> push`, clasp 3's global option), never a .clasp.json swapped by hand.
 * Each deploy runs the whole test suite first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe.each([
  ['deploy:dev', '.clasp.dev.json'],
  ['deploy:prod', '.clasp.prod.json'],
])('npm run %s', (script, projectFile) => {
  it(`pushes dist/ with ${projectFile}`, () => {
    const project = JSON.parse(fs.readFileSync(path.join(root, projectFile), 'utf8')) as { scriptId?: unknown; rootDir?: unknown };
    expect(project.rootDir).toBe('dist');
    expect(typeof project.scriptId).toBe('string');
  });

  it('runs npm test, then clasp push with that project file and nothing else', () => {
    expect(scripts[script]).toBe(`npm test && clasp --project ${projectFile} push`);
  });
});

describe('deploy targets', () => {
  it('are two different projects, and no .clasp.json can make a bare `clasp push` reach either', () => {
    const ids = ['.clasp.dev.json', '.clasp.prod.json'].map((f) => (JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as { scriptId: string }).scriptId);
    expect(new Set(ids).size).toBe(2);
    expect(fs.existsSync(path.join(root, '.clasp.json'))).toBe(false);
    expect(Object.entries(scripts).filter(([, cmd]) => /\bclasp\b/.test(cmd) && !/--project \.clasp\.(dev|prod)\.json/.test(cmd))).toEqual([]);
  });

  it('the installed clasp offers --project <file> (its --help)', () => {
    const cli = fs.readFileSync(path.join(root, 'node_modules', '@google', 'clasp', 'build', 'src', 'commands', 'program.js'), 'utf8');
    expect(cli).toMatch(/--project <file>/);
  });
});

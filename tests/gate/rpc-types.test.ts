/**
 * The sidebars' server API is the type of src/main.ts's exports (src/ui/rpc.ts): renaming a
 * server function a page calls must fail the typecheck, with the error in the page's code.
 * The ui program (src/ui/tsconfig.json) is compiled in memory, main.ts edited on the way in;
 * only the pages' files are checked (the checker then reads just what they need).
 */
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const uiConfig = path.join(root, 'src', 'ui', 'tsconfig.json');
const mainFile = path.join(root, 'src', 'main.ts');
const pages = ['Proposal', 'Pool'].map((p) => path.join(root, 'src', 'ui', 'pages', p, 'main.ts'));

/** Type errors in the sidebar pages, with src/main.ts's text passed through `edit`. */
function pageErrors(edit: (main: string) => string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    uiConfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('src/ui/tsconfig.json did not parse');
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => {
    const text = readFile(file);
    return text !== undefined && path.resolve(file) === mainFile ? edit(text) : text;
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  return pages.flatMap((file) => {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the ui program`);
    return program
      .getSemanticDiagnostics(source)
      .map((d) => `${path.relative(root, d.file?.fileName ?? '?')}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  });
}

describe('the sidebars call src/main.ts through its type', () => {
  it('the pages typecheck against main.ts as it is', () => {
    expect(pageErrors((main) => main)).toEqual([]);
  });

  it('renaming loadProposals in main.ts fails the typecheck where the Proposal page calls it', () => {
    const errors = pageErrors((main) => {
      expect(main).toContain('export function loadProposals(');
      return main.replace('export function loadProposals(', 'export function loadProposalViews(');
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.startsWith('src/ui/pages/Proposal/main.ts: '))).toBe(true);
    expect(errors).toContainEqual(expect.stringMatching(/Argument of type '"loadProposals"' is not assignable/));
  });

  it('a server function given another parameter fails where the Proposal page passes the old ones (the name counts as one argument of call)', () => {
    const errors = pageErrors((main) =>
      main.replace(
        'export function skipRequest(requestId: string, reason: string)',
        'export function skipRequest(requestId: string, reason: string, until: number)',
      ),
    );
    expect(errors).toEqual([expect.stringMatching(/^src\/ui\/pages\/Proposal\/main\.ts: Expected 4 arguments, but got 3/)]);
  });
});

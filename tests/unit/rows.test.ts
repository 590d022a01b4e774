import { readRow, writeRow } from '../../src/domain/rows';
import { REQUESTS, TRAINERS } from '../../src/domain/registry';

const headers = TRAINERS.columns.map((c) => c.header);
const lists = { languages: ['en', 'pt'], skills: ['Consulting', 'Selling, influencing & evangelizing'], circles: [] };

describe('row boundary', () => {
  it('reads blank cells as absent and lists as arrays', () => {
    const cells = headers.map((h) => ({ Id: 'T-1', Name: 'Ana', Email: 'ana@example.org', Languages: 'en, pt', Skills: 'Consulting, Selling, influencing & evangelizing', Status: 'active', 'Listed in directory': true } as Record<string, unknown>)[h] ?? '');
    const { row, problems } = readRow(TRAINERS, headers, cells, lists);
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ id: 'T-1', languages: ['en', 'pt'], skills: ['Consulting', 'Selling, influencing & evangelizing'], listed: true });
    expect('notes' in row).toBe(false);
  });

  it('reports problems by column header', () => {
    const cells = headers.map((h) => ({ Name: 'Ana', Email: 'not-an-email', Status: 'sleeping', Languages: 'xx', 'Capacity per month': 'lots' } as Record<string, unknown>)[h] ?? '');
    const { problems } = readRow(TRAINERS, headers, cells, lists);
    expect(problems.map((p) => p.column).sort()).toEqual(['Capacity per month', 'Email', 'Languages', 'Status']);
  });

  it('reports a missing required value', () => {
    const { problems } = readRow(TRAINERS, headers, headers.map(() => ''), lists);
    expect(problems).toContainEqual({ column: 'Name', message: 'required' });
  });

  it('writes every string as literal text and keeps columns it does not know', () => {
    const h = ['Id', 'My column', 'Details'];
    expect(writeRow(REQUESTS, h, { id: 'R-1', details: '=IMPORTXML("x")' }, ['', '=kept', ''])).toEqual(["'R-1", "'=kept", `'=IMPORTXML("x")`]);
  });

  it('finds columns by header whatever their order', () => {
    const h = ['Email', 'Name', 'Id'];
    const { row } = readRow(TRAINERS, h, ['a@b.org', 'Ana', 'T-9']);
    expect(row).toMatchObject({ id: 'T-9', name: 'Ana', email: 'a@b.org' });
  });
});

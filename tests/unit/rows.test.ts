import { fromCell, readRow, toCell, writeRow } from '../../src/domain/rows';
import { column, OFFERS, REGISTRY, REQUESTS, REQUEST_STATUSES, SKILLS, TRAINERS, type RequestRow, type RequestStatus } from '../../src/domain/registry';
import { fitsListCell, joinList, migrateListCell, splitListCell } from '../../src/domain/text';

const headers = TRAINERS.columns.map((c) => c.header);
const lists = { languages: ['en', 'pt'], skills: ['Consulting', 'Selling, influencing & evangelizing'], circles: [] };

describe('row boundary', () => {
  it('reads blank cells as absent and lists as arrays', () => {
    const cells = headers.map(
      (h) =>
        (
          ({
            Id: 'T-1',
            Name: 'Ana',
            Email: 'ana@example.org',
            Languages: 'en, pt',
            Skills: 'Consulting, Selling, influencing & evangelizing',
            Status: 'active',
            'Listed in directory': true,
          }) as Record<string, unknown>
        )[h] ?? '',
    );
    const { row, problems } = readRow(TRAINERS, headers, cells, lists);
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ id: 'T-1', languages: ['en', 'pt'], skills: ['Consulting', 'Selling, influencing & evangelizing'], listed: true });
    expect('notes' in row).toBe(false);
  });

  it('reports problems by column header', () => {
    const cells = headers.map(
      (h) => (({ Name: 'Ana', Email: 'not-an-email', Status: 'sleeping', Languages: 'xx', 'Capacity per month': 'lots' }) as Record<string, unknown>)[h] ?? '',
    );
    const { problems } = readRow(TRAINERS, headers, cells, lists);
    expect(problems.map((p) => p.column).sort()).toEqual(['Capacity per month', 'Email', 'Languages', 'Status']);
  });

  it('reports a missing required value', () => {
    const { problems } = readRow(
      TRAINERS,
      headers,
      headers.map(() => ''),
      lists,
    );
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

describe('multi-value cells: ";" between values', () => {
  const skills = ['Consulting', 'Selling, influencing & evangelizing', 'Meeting facilitation'];

  it('writes "; " between values and reads them back whole (round trip)', () => {
    const values = ['Selling, influencing & evangelizing', 'Consulting'];
    const cell = toCell(column(TRAINERS, 'skills'), values);
    expect(cell).toBe("'Selling, influencing & evangelizing; Consulting");
    expect(fromCell(column(TRAINERS, 'skills'), String(cell).slice(1), { skills })).toEqual(values);
  });

  it('reads what a help desk types: ";" with or without spaces, line breaks, and "en, pt" in a column of known choices', () => {
    expect(splitListCell('Consulting;Meeting facilitation\nSelling, influencing & evangelizing', skills)).toEqual([
      'Consulting',
      'Meeting facilitation',
      'Selling, influencing & evangelizing',
    ]);
    expect(splitListCell('en, pt', ['en', 'pt'])).toEqual(['en', 'pt']);
    // A free list (no known values): commas belong to the value.
    expect(splitListCell('Acme, Inc.; R-00012')).toEqual(['Acme, Inc.', 'R-00012']);
  });

  it('migrates a cell written with ", " once, keeping known values with commas whole', () => {
    expect(migrateListCell('Consulting, Selling, influencing & evangelizing', skills)).toBe('Consulting; Selling, influencing & evangelizing');
    expect(migrateListCell('Selling, influencing & evangelizing', skills)).toBeUndefined();
    expect(migrateListCell('Consulting; Selling, influencing & evangelizing', skills)).toBeUndefined();
    expect(migrateListCell('', skills)).toBeUndefined();
    expect(joinList([' a ', '', 'b'])).toBe('a; b');
  });

  it('refuses a skill or circle name holding the separator', () => {
    const h = SKILLS.columns.map((c) => c.header);
    const { problems } = readRow(SKILLS, h, ['Process', 'Rounds; check-ins', true]);
    expect(problems).toEqual([{ column: 'Skill', message: expect.stringContaining('";"') }]);
    expect(fitsListCell('Selling, influencing & evangelizing')).toBe(true);
  });
});

describe('one declaration per sheet', () => {
  const requestHeaders = REQUESTS.columns.map((c) => c.header);
  const cellsOf = (values: Record<string, unknown>): unknown[] => requestHeaders.map((h) => values[h] ?? '');

  it('gives typed rows: a status of the union, dates as Date, lists as arrays, numbers as numbers', () => {
    const received = new Date('2026-03-01T10:00:00Z');
    const { row, problems } = readRow(
      REQUESTS,
      requestHeaders,
      cellsOf({ Id: 'R-00001', Received: received, Status: 'proposed', 'Skills wanted': 'Consulting; Rounds', 'Group size': '12', 'Mentor wanted': 'yes' }),
    );
    expect(problems).toEqual([]);
    // The compiler holds these types: a status outside the union or a string received would not build.
    const status: RequestStatus | undefined = row.status;
    const when: Date | undefined = row.received;
    const skills: string[] | undefined = row.skills;
    const size: number | undefined = row.groupSize;
    expect({ status, when, skills, size }).toEqual({ status: 'proposed', when: received, skills: ['Consulting', 'Rounds'], size: 12 });
    expect(REQUEST_STATUSES).toContain(status);
  });

  it('leaves a cell its column refuses out of the row and reports it, without throwing', () => {
    const { row, problems } = readRow(REQUESTS, requestHeaders, cellsOf({ Id: 'R-2', Status: 'newish', Received: 'yesterday', 'Group size': 'a dozen' }));
    expect(row).toEqual({ id: 'R-2' });
    expect(problems).toEqual([
      { column: 'Received', message: 'not a date' },
      { column: 'Status', message: 'not one of the Status choices' },
      { column: 'Group size', message: 'not a number' },
    ]);
  });

  it('derives the header row, kinds, dropdowns and the row schema from the same declaration', () => {
    expect(requestHeaders.slice(0, 5)).toEqual(['Id', 'Received', 'Edited', 'Origin', 'Status']);
    expect(column(REQUESTS, 'status')).toMatchObject({ header: 'Status', kind: 'choice', choices: REQUEST_STATUSES, required: true });
    expect(column(OFFERS, 'token')).toMatchObject({ managed: true, private: true });
    for (const spec of REGISTRY) {
      // Every column of the schema is a column of the sheet, in the same order, and optional ("" is absent).
      expect(spec.schema.safeParse({}).success).toBe(true);
      expect(new Set(spec.columns.map((c) => c.key)).size).toBe(spec.columns.length);
    }
    const typed: RequestRow = { status: 'connected', received: new Date(0), skills: ['Rounds'] };
    expect(REQUESTS.schema.safeParse(typed).success).toBe(true);
    // @ts-expect-error a status outside the union does not typecheck either
    const wrong: RequestRow = { status: 'sleeping' };
    expect(REQUESTS.schema.safeParse(wrong).success).toBe(false);
  });
});

/**
 * Scenario: the structure guard. A registry sheet renamed, or a column the script manages
 * deleted or renamed: every action stops before writing anything, says which sheet and column
 * and how to fix it, the Log says it once, and nothing is imported twice after the repair.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { clientAnswers, FORMS, logRows, requestRows, setUpWorld } from '../support/world';

const HOUR = 3600_000;

function headerCol(d: Driver, sheet: string, header: string): number {
  return (d.sheet(sheet).rows[0] ?? []).findIndex((c) => c?.v === header) + 1;
}

function twoRequests(): Driver {
  const d = setUpWorld();
  d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Ana Lima', 'Your email': 'ana@example.org' }));
  d.advanceClock(1000);
  d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bruno Reis', 'Your email': 'bruno@example.org' }));
  d.advanceClock(1000);
  return d;
}

function brokenLines(d: Driver) {
  return logRows(d).filter((l) => l.action === 'Registry structure broken');
}

/** Everything but the Log (which says once what stopped). */
function snapshot(d: Driver) {
  return JSON.stringify(
    d
      .sheetNames()
      .filter((n) => n !== 'Log')
      .map((n) => [n, d.sheetValues(n)]),
  );
}

function acks(d: Driver, email: string) {
  return d.outbox().filter((m) => m.to.includes(email)).length;
}

describe('structure guard', () => {
  it('the Response key column deleted: intake stops before writing, logs once, Check registry names it, Set up restores it (full grid), nothing is imported twice', () => {
    const d = twoRequests();
    const col = headerCol(d, 'Requests', 'Response key');
    d.personEdits('Requests', (s) => s.deleteColumn(col));
    const grid = d.sheet('Requests');
    expect(grid.maxColumns).toBe(headerCol(d, 'Requests', 'Response')); // the grid is full: no free column
    const before = d.sheetValues('Requests');
    const outbox = d.outbox().length;

    const r = d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Carla Mendes', 'Your email': 'carla@example.org' }));
    expect(r.triggerResults[0].ok).toBe(true);
    d.advanceClock(HOUR);
    d.advanceClock(HOUR);
    expect(requestRows(d)).toHaveLength(2);
    expect(d.outbox()).toHaveLength(outbox);
    expect(d.sheetValues('Requests')).toEqual(before);
    const lines = brokenLines(d);
    expect(lines).toHaveLength(1);
    expect(lines[0].subject).toBe('Requests › Response key');
    expect(lines[0].details).toMatch(/stopped before writing anything/);

    d.answerNext('alert', 'OK');
    d.clickMenu('Process form responses');
    expect(d.uiEvents('alert').at(-1)?.message).toMatch(/The Requests sheet has no "Response key" column.*Set up registry/);
    expect(brokenLines(d)).toHaveLength(1);

    d.answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Check registry'));
    expect(d.uiEvents('alert').at(-1)?.message).toMatch(/The Requests sheet has no "Response key" column/);

    Driver.check(d.clickMenu('Set up registry'));
    expect(headerCol(d, 'Requests', 'Response key')).toBe(grid.maxColumns);
    d.advanceClock(HOUR);
    const rows = requestRows(d);
    expect(rows.map((x) => x.Email)).toEqual(['ana@example.org', 'bruno@example.org', 'carla@example.org']);
    for (const e of ['ana@example.org', 'bruno@example.org', 'carla@example.org']) expect(acks(d, e)).toBe(1);
    // The sweep gave the restored column its keys back: an edit of an old response updates its request.
    expect(rows.every((x) => String(x['Response key']).length > 0)).toBe(true);
    const form = Object.values(d.store.forms).find((f) => f.title === FORMS.client)!;
    d.submitForm(FORMS.client, { 'Group size': '40' }, { editOf: form.responses[0].id });
    expect(requestRows(d).map((x) => [x.Email, x['Group size']])).toEqual([
      ['ana@example.org', 40],
      ['bruno@example.org', 12],
      ['carla@example.org', 12],
    ]);
    expect(acks(d, 'ana@example.org')).toBe(1);
  });

  it('the Requests sheet renamed: every action stops, the Log says so once; renamed back, the waiting response is taken once', () => {
    const d = twoRequests();
    d.personEdits('Requests', (s) => s.setName('Requests old'));
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Carla Mendes', 'Your email': 'carla@example.org' }));
    d.advanceClock(HOUR);
    d.advanceClock(HOUR);
    expect(d.sheetNames()).not.toContain('Requests');
    expect(d.sheet('Requests old').rows.filter((r) => r?.some((c) => c?.v))).toHaveLength(3);
    expect(acks(d, 'carla@example.org')).toBe(0);
    const lines = brokenLines(d);
    expect(lines).toHaveLength(1);
    expect(lines[0].details).toMatch(/"Requests" sheet is missing.*rename it back/);

    d.answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Check registry'));
    expect(d.uiEvents('alert').at(-1)?.message).toMatch(/"Requests" sheet is missing/);

    d.personEdits('Requests old', (s) => s.setName('Requests'));
    d.advanceClock(HOUR);
    expect(requestRows(d).map((x) => x.Email)).toEqual(['ana@example.org', 'bruno@example.org', 'carla@example.org']);
    expect(acks(d, 'carla@example.org')).toBe(1);
    expect(acks(d, 'ana@example.org')).toBe(1);
  });

  it('a managed column renamed stops offers too (sidebar answers with the fix, nothing written)', () => {
    const d = twoRequests();
    const col = headerCol(d, 'Offers', 'Token');
    d.sheet('Offers').rows[0]![col - 1] = { v: 'Secret' };
    const before = snapshot(d);
    d.select('Requests!A2');
    d.answerNext('alert', 'OK');
    d.clickMenu('Propose trainers');
    expect(d.uiEvents('alert').at(-1)?.message).toMatch(/The Offers sheet has no "Token" column/);
    expect(snapshot(d)).toBe(before);
    expect(brokenLines(d)).toHaveLength(1);
  });

  it('a column moved (same header, other place) changes nothing: columns are found by header', () => {
    const d = twoRequests();
    const sheet = d.sheet('Requests');
    const from = headerCol(d, 'Requests', 'Response key') - 1;
    for (const row of sheet.rows) if (row) row.splice(1, 0, row.splice(from, 1)[0]);
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Carla Mendes', 'Your email': 'carla@example.org' }));
    d.advanceClock(HOUR);
    expect(requestRows(d).map((x) => x.Email)).toEqual(['ana@example.org', 'bruno@example.org', 'carla@example.org']);
    expect(brokenLines(d)).toHaveLength(0);
  });

  it('the Requests sheet deleted and re-created empty by Set up: old responses are not imported (nor acknowledged) again; new ones are', () => {
    const d = twoRequests();
    d.advanceClock(HOUR);
    d.personEdits('Requests', (s) => s.getParent().deleteSheet(s));
    d.advanceClock(HOUR);
    expect(brokenLines(d)).toHaveLength(1);
    Driver.check(d.clickMenu('Set up registry'));
    d.advanceClock(HOUR);
    expect(requestRows(d)).toHaveLength(0);
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Carla Mendes', 'Your email': 'carla@example.org' }));
    d.advanceClock(HOUR);
    expect(requestRows(d).map((x) => x.Email)).toEqual(['carla@example.org']);
    for (const e of ['ana@example.org', 'bruno@example.org', 'carla@example.org']) expect(acks(d, e)).toBe(1);
  });
});

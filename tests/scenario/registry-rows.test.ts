/**
 * Scenario (through dist/Code.js): the rows the help desk reads — who the public directory
 * lists, multi-value cells that keep "Selling, influencing & evangelizing" whole, the Trainers
 * column "Exchange agreement" written from Agreements, and an edited response that keeps its
 * first Received time.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { DirectoryView } from '../../src/ui/contracts';
import { clientAnswers, FORMS, profileAnswers, requestRows, setUpWorld, typeRow } from '../support/world';

const DAY = 86400_000;
const HOUR = 3600_000;
const SELLING = 'Selling, influencing & evangelizing';

/** The directory the page shows (the JSON the web app embeds in it). */
function directory(d: Driver): DirectoryView {
  const html = d.webApp().html;
  const m = /window\.DIRECTORY = (.*?);<\/script>/s.exec(html);
  if (!m) throw new Error('no directory data in the page');
  return JSON.parse(m[1]) as DirectoryView;
}

const trainer = (d: Driver, name: string) => d.records('Trainers').find((t) => t.Name === name)!;

/** Four facilitators who opted in: only those matching could propose for find-a-facilitator are listed. */
function facilitators(): Driver {
  const d = setUpWorld();
  const listed = { Roles: ['facilitator'], 'List me in the public facilitator directory': 'yes', 'Skills and topics': ['Consent decision-making', SELLING] };
  d.submitForm(FORMS.profile, profileAnswers('Fiona Facil', 'fiona@example.org', listed));
  d.submitForm(FORMS.profile, profileAnswers('Carl Certified', 'carl@example.org', { ...listed, Roles: ['certified trainer', 'facilitator'] }));
  d.submitForm(FORMS.profile, profileAnswers('Paula Paused', 'paula@example.org', { ...listed, Availability: 'paused' }));
  d.submitForm(FORMS.profile, profileAnswers('Nina Notlisted', 'nina@example.org', { ...listed, 'List me in the public facilitator directory': 'no' }));
  d.submitForm(FORMS.profile, profileAnswers('Zero Capacity', 'zero@example.org', { ...listed, 'Gigs per month you can take': '0' }));
  // The help desk grants the certified role Carl claimed.
  d.editCells(`Trainers!${colLetter(d, 'Trainers', 'Roles')}${rowOf(d, 'Trainers', 'Carl Certified')}`, [['certified trainer; facilitator']]);
  return d;
}

function colLetter(d: Driver, sheet: string, header: string): string {
  const i = (d.sheet(sheet).rows[0] ?? []).findIndex((c) => c?.v === header);
  if (i < 0) throw new Error(`no ${header} in ${sheet}`);
  return String.fromCharCode(65 + i);
}

function rowOf(d: Driver, sheet: string, name: string): number {
  const i = d.sheet(sheet).rows.findIndex((r) => r?.some((c) => c?.v === name));
  if (i < 0) throw new Error(`no ${name} in ${sheet}`);
  return i + 1;
}

describe('Directory = who can be proposed', () => {
  it('lists active, listed facilitators with capacity; a certified trainer only with a valid exchange agreement', () => {
    const d = facilitators();
    expect(trainer(d, 'Carl Certified').Roles).toBe('certified trainer; facilitator');
    expect(directory(d).facilitators.map((f) => f.name)).toEqual(['Fiona Facil']);
    expect(trainer(d, 'Carl Certified')['Exchange agreement']).toBe('missing');

    // The help desk records Carl's signed agreement: the column and the directory follow at once (onEdit).
    const until = new Date(d.store.clock.now + 400 * DAY);
    typeRow(d, 'Agreements', {
      Id: 'A-0001',
      Kind: 'exchange',
      'Party A': 'SoFA',
      'Party B': String(trainer(d, 'Carl Certified').Id),
      Status: 'draft',
      'Valid until': until,
    });
    const edit = d.editCells(`Agreements!${colLetter(d, 'Agreements', 'Status')}2`, [['signed']]);
    expect(edit?.ok).toBe(true);
    expect(String(trainer(d, 'Carl Certified')['Exchange agreement'])).toMatch(/^signed until \d{4}-\d{2}-\d{2}$/);
    expect(
      directory(d)
        .facilitators.map((f) => f.name)
        .sort(),
    ).toEqual(['Carl Certified', 'Fiona Facil']);

    // And matching agrees: a find-a-facilitator request is proposed to exactly those people.
    d.submitForm(FORMS.facilitator, {
      'Your name': 'Eva',
      'Your email': 'eva@example.org',
      'Language of the meeting': 'English',
      'What should the facilitator help with?': ['Consent decision-making'],
      Format: 'online',
    });
    const req = requestRows(d).at(-1)!;
    d.select(`Requests!A${rowOf(d, 'Requests', String(req.Id))}`);
    Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
    const proposed = String(requestRows(d).at(-1)!.Proposed);
    expect(proposed).toContain('Carl Certified');
    expect(proposed).toContain('Fiona Facil');
    for (const name of ['Paula Paused', 'Nina Notlisted', 'Zero Capacity']) expect(proposed).not.toContain(name);
  });

  it('shows a skill holding commas as one chip, and writes it whole in the sheet ("; " between values)', () => {
    const d = facilitators();
    expect(trainer(d, 'Fiona Facil').Skills).toBe(`Consent decision-making; ${SELLING}`);
    const view = directory(d);
    expect(view.facilitators[0].skills).toEqual(['Consent decision-making', SELLING]);
    expect(view.skills).toContain(SELLING);
    expect(view.skills).not.toContain('Selling');
  });
});

describe('Multi-value cells: the separator round trip', () => {
  it('a skill with commas arrives whole from a form; a cell typed with ";" reads back whole (Check registry finds nothing to flag)', () => {
    const d = facilitators();
    d.submitForm(FORMS.client, clientAnswers({ 'Language of the training': 'English', 'Topics and skills wanted': [SELLING] }));
    const req = requestRows(d).at(-1)!;
    expect(req['Skills wanted']).toBe(SELLING);
    // The help desk adds a skill by hand, typed with ";" and no space.
    d.editCells(`Requests!${colLetter(d, 'Requests', 'Skills wanted')}${rowOf(d, 'Requests', String(req.Id))}`, [[`${SELLING};Consent decision-making`]]);
    d.answerNext('alert', 'OK');
    Driver.check(d.clickMenu('Check registry'), 'Check registry');
    const notes = d
      .sheet('Requests')
      .rows.flatMap((r) => (r ?? []).map((c) => c?.note ?? ''))
      .filter((n) => n.includes('Check registry'));
    expect(notes).toEqual([]);
  });

  it('Set up rewrites cells written with ", " once, keeping known values with commas whole', () => {
    const d = facilitators();
    const cell = d.sheet('Trainers').rows[rowOf(d, 'Trainers', 'Fiona Facil') - 1]![(d.sheet('Trainers').rows[0] ?? []).findIndex((c) => c?.v === 'Skills')]!;
    cell.v = `Consent decision-making, ${SELLING}`;
    delete d.store.properties.document['registry.listSeparator'];
    Driver.check(d.clickMenu('Set up registry'), 'Set up registry');
    expect(trainer(d, 'Fiona Facil').Skills).toBe(`Consent decision-making; ${SELLING}`);
    const once = JSON.stringify(d.sheetValues('Trainers'));
    Driver.check(d.clickMenu('Set up registry'), 'Set up registry');
    expect(JSON.stringify(d.sheetValues('Trainers'))).toBe(once);
  });
});

describe('Exchange agreement status', () => {
  it('is written as signed until, expiring, expired or missing, and the hourly run follows the calendar', () => {
    const d = facilitators();
    const carl = String(trainer(d, 'Carl Certified').Id);
    const until = new Date(d.store.clock.now + 40 * DAY);
    typeRow(d, 'Agreements', { Id: 'A-0001', Kind: 'exchange', 'Party A': 'SoFA', 'Party B': carl, Status: 'signed', 'Valid until': until });
    d.editCells(`Agreements!${colLetter(d, 'Agreements', 'Subject')}2`, [['Exchange agreement 2026']]);
    expect(String(trainer(d, 'Carl Certified')['Exchange agreement'])).toMatch(/^signed until /);
    expect(trainer(d, 'Fiona Facil')['Exchange agreement']).toBe('not needed');

    // Days pass with nothing else happening; then the hourly run (a trigger that fell due while
    // nothing ran fires once) recomputes the column from the calendar.
    const later = (days: number) => {
      d.store.clock.now += days * DAY;
      d.advanceClock(HOUR);
    };
    later(15);
    expect(String(trainer(d, 'Carl Certified')['Exchange agreement'])).toMatch(/^expiring \d{4}-\d{2}-\d{2}$/);
    later(30);
    expect(trainer(d, 'Carl Certified')['Exchange agreement']).toBe('expired');
    expect(directory(d).facilitators.map((f) => f.name)).toEqual(['Fiona Facil']);
  });

  it('around the boundaries: signed until 30 days before the end, expiring through the last day, expired the day after', () => {
    const d = facilitators();
    const carl = String(trainer(d, 'Carl Certified').Id);
    typeRow(d, 'Agreements', { Id: 'A-0001', Kind: 'exchange', 'Party A': 'SoFA', 'Party B': carl, Status: 'signed' });
    // The help desk types the date, as a person does: "Valid until" names the last day it is valid.
    d.editCells(`Agreements!${colLetter(d, 'Agreements', 'Valid until')}2`, [['2027-01-31']]);
    const status = () => trainer(d, 'Carl Certified')['Exchange agreement'];
    expect(status()).toBe('signed until 2027-01-31');
    /** The hourly run within the hour before `iso` (the spreadsheet's time zone is UTC). */
    const hourlyBefore = (iso: string) => {
      d.store.clock.now = Date.parse(iso) - HOUR;
      d.advanceClock(HOUR);
    };
    hourlyBefore('2027-01-01T23:55:00Z'); // 30 days and a few minutes left
    expect(status()).toBe('signed until 2027-01-31');
    hourlyBefore('2027-01-02T01:30:00Z'); // under 30 days left
    expect(status()).toBe('expiring 2027-01-31');
    hourlyBefore('2027-01-31T23:30:00Z'); // the last day
    expect(status()).toBe('expiring 2027-01-31');
    expect(
      directory(d)
        .facilitators.map((f) => f.name)
        .sort(),
    ).toEqual(['Carl Certified', 'Fiona Facil']);
    hourlyBefore('2027-02-01T01:30:00Z'); // the day after
    expect(status()).toBe('expired');
    expect(directory(d).facilitators.map((f) => f.name)).toEqual(['Fiona Facil']);
  });

  it('refuses an onEdit forged by a web-app caller', () => {
    const d = facilitators();
    const r = d.emu.run('onEdit', { kind: 'rpc', user: '', effectiveUser: d.store.script.owner, args: [{ range: { sheet: 'Agreements' } }] });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/^Only the help desk can do this/);
  });
});

describe('Edited responses', () => {
  it('keep the first Received time and get an Edited time', () => {
    const d = setUpWorld();
    const sub = d.submitForm(FORMS.client, clientAnswers());
    const first = requestRows(d)[0];
    d.advanceClock(2 * 3600_000);
    d.submitForm(FORMS.client, { 'Group size': '20' }, { editOf: sub.responseId });
    const after = requestRows(d)[0];
    expect(requestRows(d)).toHaveLength(1);
    expect(after['Group size']).toBe(20);
    expect(after.Received).toEqual(first.Received);
    expect(after.Edited).toEqual({ date: expect.any(Number) });
    expect((after.Edited as { date: number }).date).toBeGreaterThan((first.Received as { date: number }).date);
  });
});

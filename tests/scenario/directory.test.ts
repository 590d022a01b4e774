/**
 * Scenario: the public directory's daily order (a shuffle seeded by the date), and on a broken
 * registry a friendly page while the Log says why, once.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { DirectoryView } from '../../src/ui/contracts';
import { FORMS, logRows, matchingWorld, profileAnswers, setUpWorld } from '../support/world';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The names in the order the page lists them (the JSON the web app embeds in it). */
function listed(page: { html: string }): string[] {
  const m = /window\.DIRECTORY = (.*?);<\/script>/s.exec(page.html);
  if (!m) throw new Error('no directory data in the page');
  return (JSON.parse(m[1]) as DirectoryView).facilitators.map((f) => f.name);
}

describe('Directory order', () => {
  it('is the same all day for every visitor, changes from day to day, and puts each person first in turn', () => {
    const d = setUpWorld();
    const names = ['Ada', 'Ben', 'Cleo', 'Dev'];
    for (const name of names) {
      d.submitForm(FORMS.profile, profileAnswers(name, `${name.toLowerCase()}@example.org`, { Roles: ['facilitator'] }));
    }
    // Midnight UTC of the next day: the day's first and last visits, by anyone, see one order.
    d.store.clock.now = Math.ceil(d.store.clock.now / DAY) * DAY + 10 * 60_000;
    const orders: string[][] = [];
    const firsts = new Map<string, number>();
    for (let day = 0; day < 24; day++) {
      const morning = listed(d.webApp());
      expect(morning.slice().sort()).toEqual(names);
      d.store.clock.now += 23 * HOUR + 30 * 60_000;
      expect(listed(d.asAnonymous().webApp())).toEqual(morning);
      expect(listed(d.webApp())).toEqual(morning);
      d.store.clock.now += 30 * 60_000;
      orders.push(morning);
      firsts.set(morning[0], (firsts.get(morning[0]) ?? 0) + 1);
    }
    // 24 orders of 4 people: most days differ from the day before, and everyone leads on some days.
    const changes = orders.filter((o, i) => i > 0 && o.join() !== orders[i - 1].join()).length;
    expect(changes).toBeGreaterThanOrEqual(18);
    expect([...firsts.keys()].sort()).toEqual(names);
  });
});

type Break = (d: Driver) => void;

const cases: [string, Break, RegExp][] = [
  ['the Trainers sheet renamed', (d) => (d.sheet('Trainers').name = 'Trainers (old)'), /"Trainers" sheet is missing/],
  [
    'the Settings sheet deleted',
    (d) => {
      const ss = d.store.spreadsheets[d.spreadsheetId];
      ss.sheets = ss.sheets.filter((s) => s.name !== 'Settings');
    },
    /"Settings" sheet is missing/,
  ],
  ['the script-managed Id column renamed', (d) => (d.sheet('Trainers').rows[0][0] = { v: 'Ident' }), /Trainers sheet has no "Id" column/],
  [
    'the Listed in directory column deleted',
    (d) => {
      const sheet = d.sheet('Trainers');
      const at = sheet.rows[0].findIndex((c) => c?.v === 'Listed in directory');
      for (const row of sheet.rows) row?.splice(at, 1);
    },
    /no (column )?"Listed in directory"( column)?/,
  ],
];

describe('Directory unavailable', () => {
  it.each(cases)('%s: a friendly page, no internal message, one Log line saying why', (_what, breakIt, why) => {
    const d = matchingWorld();
    expect(d.webApp().title).toBe('Find a sociocracy facilitator');
    const logAt = logRows(d).length;
    breakIt(d);
    const page = d.webApp();
    expect(page.title).toBe('Directory unavailable');
    expect(page.html).toContain('The directory is unavailable right now');
    expect(page.html).toContain('Please try again in a little while.');
    expect(page.html).not.toMatch(/Error|sheet|column|Set up|at \w+ \(|Code\.js|@example\.org|João/);
    const added = logRows(d).slice(logAt);
    expect(added).toEqual([{ action: 'Directory unavailable', subject: 'public directory', details: expect.stringMatching(why) }]);
    expect(JSON.stringify(added)).not.toContain('@');
    // Every further visit gets the same page without growing the Log.
    for (let i = 0; i < 3; i++) expect(d.webApp().title).toBe('Directory unavailable');
    expect(logRows(d).length).toBe(logAt + 1);
  });
});

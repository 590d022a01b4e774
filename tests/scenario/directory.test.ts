/** Scenario: the public directory on a broken registry shows a friendly page; the Log says why, once. */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { logRows, matchingWorld } from '../support/world';

type Break = (d: Driver) => void;

const cases: [string, Break, RegExp][] = [
  ['the Trainers sheet renamed', (d) => (d.sheet('Trainers').name = 'Trainers (old)'), /"Trainers" sheet is missing/],
  ['the Settings sheet deleted', (d) => {
    const ss = d.store.spreadsheets[d.spreadsheetId];
    ss.sheets = ss.sheets.filter((s) => s.name !== 'Settings');
  }, /"Settings" sheet is missing/],
  ['the script-managed Id column renamed', (d) => (d.sheet('Trainers').rows[0][0] = { v: 'Ident' }), /Trainers sheet has no "Id" column/],
  ['the Listed in directory column deleted', (d) => {
    const sheet = d.sheet('Trainers');
    const at = sheet.rows[0].findIndex((c) => c?.v === 'Listed in directory');
    for (const row of sheet.rows) row?.splice(at, 1);
  }, /no (column )?"Listed in directory"( column)?/],
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

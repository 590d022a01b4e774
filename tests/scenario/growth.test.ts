/** Scenario: a registry that outgrows a sheet's 1,000 starting rows keeps working. */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { clientAnswers, FORMS, setUpWorld } from '../support/world';

it('appends past the last row of the grid by growing the sheet (the Log outgrows 1,000 rows)', () => {
  const d = setUpWorld();
  const log = d.sheet('Log');
  // A registry in its sixth month: the Log is full up to the last row of its grid.
  const lastRow = log.maxRows;
  // (Rows past the last entry may hold the Time column's date format only: they are empty.)
  for (let r = 1; r < lastRow; r++)
    if (!(log.rows[r] ?? []).some((c) => c && c.v !== ''))
      log.rows[r] = [{ v: { date: d.store.clock.now } }, { v: 'x' }, { v: 'old entry' }, { v: '' }, { v: '' }];
  const result = d.submitForm(FORMS.client, clientAnswers());
  expect(result.triggerResults[0].ok).toBe(true);
  expect(d.records('Requests')).toHaveLength(1);
  expect(log.maxRows).toBeGreaterThan(lastRow);
  expect(d.records('Log').at(-1)?.Action).not.toBe('old entry');
  d.answerNext('alert', 'OK');
  Driver.check(d.clickMenu('Check registry'));
  expect(d.uiEvents('alert').at(-1)?.message).not.toMatch(/coordinates/);
});

/**
 * Scenario: the script writes only the cells it owns. The help desk's formula and hand-typed
 * date in a column of their own, and a date typed into a help-desk column, survive an edited
 * response, a proposal (status change), an offer and its answer.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ActionResult } from '../../src/ui/contracts';
import { clientAnswers, FORMS, linkAfter, matchingWorld, setUpWorld } from '../support/world';

const DAY = 86400_000;
const FOLLOW_UP = Date.UTC(2027, 2, 1);
const TERMS_DATE = Date.UTC(2027, 3, 15);

function col(d: Driver, sheet: string, header: string): number {
  return (d.sheet(sheet).rows[0] ?? []).findIndex((c) => c?.v === header);
}

/** The help desk adds two columns of their own to a sheet and fills row 2. */
function addOwnColumns(d: Driver, sheetName: string) {
  const sheet = d.sheet(sheetName);
  const width = (sheet.rows[0] ?? []).length;
  sheet.maxColumns = Math.max(sheet.maxColumns, width + 2);
  sheet.rows[0]![width] = { v: 'Days open' };
  sheet.rows[0]![width + 1] = { v: 'Follow up' };
  sheet.rows[1]![width] = { v: 3, f: '=TODAY()-B2' };
  sheet.rows[1]![width + 1] = { v: { date: FOLLOW_UP }, fmt: 'yyyy-mm-dd' };
}

function expectOwnColumnsKept(d: Driver, sheetName: string) {
  const row = d.sheet(sheetName).rows[1]!;
  expect(row[col(d, sheetName, 'Days open')]).toMatchObject({ f: '=TODAY()-B2' });
  expect(row[col(d, sheetName, 'Follow up')]).toEqual({ v: { date: FOLLOW_UP }, fmt: 'yyyy-mm-dd' });
}

describe('rewrites keep what the help desk typed', () => {
  it("formulas and dates in the help desk's own cells survive an edited response, a proposal, an offer and its answer", () => {
    const d = matchingWorld();
    addOwnColumns(d, 'Requests');
    const terms = col(d, 'Requests', 'Terms');
    d.sheet('Requests').rows[1]![terms] = { v: { date: TERMS_DATE }, fmt: 'yyyy-mm-dd' };

    // The requester edits their response: the answers change, the help desk's cells do not.
    const form = Object.values(d.store.forms).find((f) => f.title === FORMS.client)!;
    d.advanceClock(60_000);
    d.submitForm(FORMS.client, { 'Group size': '30' }, { editOf: form.responses[0].id });
    expect(d.records('Requests')[0]['Group size']).toBe(30);
    expectOwnColumnsKept(d, 'Requests');
    expect(d.sheet('Requests').rows[1]![terms]).toEqual({ v: { date: TERMS_DATE }, fmt: 'yyyy-mm-dd' });

    // Proposal (status → proposed), offer (status → offered), answer (declined → proposed again).
    d.select('Requests!A2');
    Driver.check(d.clickMenu('Propose trainers'));
    expect(d.records('Requests')[0].Status).toBe('proposed');
    const joao = String(d.records('Trainers').find((t) => t.Name === 'João Silva')!.Id);
    expect(d.callServer<ActionResult>('offerTrainers', 'R-00001', [joao]).ok).toBe(true);
    addOwnColumns(d, 'Offers');
    d.advanceClock(DAY);
    const offer = d.outbox().find((m) => m.to.includes('joao@example.org'))!;
    d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(offer.body, 'Recusar')));
    expect(d.records('Offers')[0].Answer).toBe('declined');
    expectOwnColumnsKept(d, 'Offers');
    expectOwnColumnsKept(d, 'Requests');
    expect(d.sheet('Requests').rows[1]![terms]).toEqual({ v: { date: TERMS_DATE }, fmt: 'yyyy-mm-dd' });
  });

  it('a proposal writes only the cells it changes; one form submission costs the same calls at 5 and 60 requests', () => {
    const callsFor = (n: number): number => {
      const d = setUpWorld();
      d.setMailQuota(10_000);
      for (let i = 0; i < n; i++) {
        d.submitForm(FORMS.client, clientAnswers({ 'Your email': `p${i}@example.org` }));
        d.advanceClock(60_000);
      }
      d.resetCalls();
      d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'last@example.org' }));
      return d.totalCalls();
    };
    expect(callsFor(60)).toBe(callsFor(5));

    const d = matchingWorld();
    d.select('Requests!A2');
    d.resetCalls();
    Driver.check(d.clickMenu('Propose trainers'));
    // Status and Proposed are two columns apart: two small writes, not the whole row.
    const requestsWrites = d.calls()['Range.setValues'];
    expect(requestsWrites).toBeLessThanOrEqual(3);
  });
});

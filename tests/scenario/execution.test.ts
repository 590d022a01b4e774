/**
 * Scenario: the built dist/Code.js as Google runs it — modelled time per action within the
 * execution limits, what a page can reach, and crashes leaving what was written.
 */
import * as path from 'node:path';
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { entryExports } from '../../scripts/bundle';
import { FORMS, clientAnswers, setUpWorld } from '../support/world';

describe('executions of the real script', () => {
  it('opening and Set up report their modelled Apps Script time; the clicked Set up stays within the 6-minute limit', () => {
    const d = new Driver();
    d.resetCalls();
    d.open();
    expect(d.lastModelledSeconds()).toBeGreaterThan(0);
    expect(d.lastModelledSeconds()).toBeLessThan(30); // simple trigger limit
    d.resetCalls();
    const r = d.clickMenu('Set up registry');
    expect(r.ok).toBe(true);
    expect(r.calls).toBe(d.totalCalls());
    expect(d.modelledSeconds()).toBeCloseTo(r.modelledMs / 1000, 6);
    expect(d.modelledSeconds()).toBeLessThan(360);
  });

  it('a form submission reports the modelled seconds of its trigger executions', () => {
    const d = setUpWorld();
    const r = d.submitForm(FORMS.client, clientAnswers());
    expect(r.triggerResults.every((x) => x.ok)).toBe(true);
    expect(d.executions()).toBe(r.triggerResults.length);
    expect(d.modelledSeconds()).toBeCloseTo(r.triggerResults.reduce((a, x) => a + x.modelledMs, 0) / 1000, 6);
  });

  it('publicFunctions lists the entry points a web-app page could call: exactly the exports of src/main.ts', async () => {
    const names = new Driver().publicFunctions();
    const exports = await entryExports(path.join(__dirname, '..', '..', 'src', 'main.ts'));
    expect(names.slice().sort()).toEqual(exports.slice().sort());
    expect(names).toEqual(expect.arrayContaining(['doGet', 'onOpen', 'onFormSubmit', 'runHourly', 'menuSetUpRegistry']));
  });

  it('an execution crashed half-way keeps what it wrote; a fork is untouched', () => {
    const d = new Driver();
    d.open();
    const copy = d.fork();
    d.crashAfter(200);
    const r = d.clickMenu('Set up registry');
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/^Execution killed \(emulated crash\) after service call 200$/);
    expect(d.sheetNames().length).toBeGreaterThan(1);
    expect(copy.sheetNames()).toEqual(['Sheet1']);
  });
});

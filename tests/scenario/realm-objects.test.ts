/**
 * The product's actions leave no object made inside an execution's realm in the world (see the
 * emulator's host-memory test): a long simulation keeps memory flat.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { setUp } from '../support/world';
import { foreignObjectPaths as foreignObjects } from '@training-help-desk/gas-emulator/host';

describe('executions leave no realm object in the world', () => {
  it('after Set up, a form submission, a menu click and an hourly run, every object in the store is a host object', () => {
    const d = new Driver();
    d.open();
    setUp(d);
    expect(foreignObjects(d.store)).toEqual([]);
    const form = Object.values(d.store.forms)[0];
    d.submitForm(form.title, {});
    d.clickMenu('Check registry');
    d.advanceClock(3600_000);
    expect(foreignObjects(d.store)).toEqual([]);
    expect(d.store.triggers.length).toBeGreaterThan(0);
  });
});

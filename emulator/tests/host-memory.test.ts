/**
 * A world outlives its executions, each of which runs in its own realm. Whatever an execution
 * writes into the store must not keep that realm alive: a long simulation (hourly runs for a
 * year) would otherwise hold thousands of contexts, and the test process runs out of heap.
 */
import { Driver } from '../driver';
import { foreignObjectPaths as foreignObjects } from '../host';

describe('executions leave no realm object in the world', () => {
  it('a sheet and rows a script makes are copied into the host, same data', () => {
    const d = new Driver({
      code: 'function put(){ var s = SpreadsheetApp.getActive().insertSheet("X"); s.getRange(1, 1, 2, 2).setValues([["a", 1], ["b", new Date(0)]]); return 1; }',
    });
    d.open();
    d.emu.call('put');
    const sheet = d.sheet('X');
    expect(Object.getPrototypeOf(sheet)).toBe(Object.prototype);
    expect(sheet.rows.map((r) => r.map((c) => c?.v))).toEqual([
      ['a', 1],
      ['b', { date: 0 }],
    ]);
    expect(foreignObjects(d.store)).toEqual([]);
  });
});

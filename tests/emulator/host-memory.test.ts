/**
 * A world outlives its executions, each of which runs in its own realm. Whatever an execution
 * writes into the store must not keep that realm alive: a long simulation (hourly runs for a
 * year) would otherwise hold thousands of contexts, and the test process runs out of heap.
 */
import { Driver } from '../../emulator/driver';
import type { Store } from '../../emulator/store';
import { setUp } from '../support/world';

const HOST = new Set<unknown>([Object.prototype, Array.prototype, Date.prototype, Map.prototype, Set.prototype, Uint8Array.prototype, null]);

/** Paths of store objects whose prototype is not the host's (made in an execution's realm). */
function foreignObjects(store: Store): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (!HOST.has(Object.getPrototypeOf(v))) out.push(path);
    if (v instanceof Map) for (const [k, x] of v) walk(x, `${path}.get(${String(k)})`);
    else if (v instanceof Set) [...v].forEach((x, i) => walk(x, `${path}{${i}}`));
    else for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], `${path}.${k}`);
  };
  walk(store, 'store');
  return out;
}

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

  it('a sheet and rows a script makes are copied into the host, same data', () => {
    const d = new Driver({ code: 'function put(){ var s = SpreadsheetApp.getActive().insertSheet("X"); s.getRange(1, 1, 2, 2).setValues([["a", 1], ["b", new Date(0)]]); return 1; }' });
    d.open();
    d.emu.call('put');
    const sheet = d.sheet('X');
    expect(Object.getPrototypeOf(sheet)).toBe(Object.prototype);
    expect(sheet.rows.map((r) => r.map((c) => c?.v))).toEqual([['a', 1], ['b', { date: 0 }]]);
    expect(foreignObjects(d.store)).toEqual([]);
  });
});

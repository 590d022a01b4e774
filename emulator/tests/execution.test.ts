/**
 * What Google does to executions: modelled time, the time limits, crashes and service errors.
 *
 * Limits: https://developers.google.com/apps-script/guides/services/quotas ("Script runtime:
 * 6 min / execution"; the error is "Exceeded maximum execution time") and
 * https://developers.google.com/apps-script/guides/triggers#restrictions (simple triggers
 * "cannot run for longer than 30 seconds"). Utilities.sleep
 * (https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer)) spends
 * the execution's time like any other work.
 */
import { cloneStore, Emulator } from '../host';
import { latencyOf, latencyTable, EXECUTION_LIMIT_MS, PER_CELL_MS, TIME_LIMIT_ERROR } from '../runtime/latency';
import { Driver } from '../driver';
import { newStore } from '../store';

const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

const CODE = `
function props(n){ var p = PropertiesService.getScriptProperties(); for (var i = 0; i < n; i++) p.setProperty('k' + i, 'v' + i); return n; }
function clockAround(){ var a = Date.now(); PropertiesService.getScriptProperties().getProperty('x'); var b = Date.now(); return [a, b]; }
function sleepy(ms, times){ for (var i = 0; i < times; i++) Utilities.sleep(ms); return 'done'; }
function sleepyCaught(){
  try { Utilities.sleep(300000); Utilities.sleep(300000); } catch (e) {
    var first = e.message, second = '';
    try { PropertiesService.getScriptProperties().setProperty('after', 'kill'); } catch (e2) { second = e2.message; }
    return [first, second];
  }
  return 'not killed';
}
function runaway(){ var p = PropertiesService.getScriptProperties(); while (true) p.getProperty('x'); }
function caughtCrash(){
  var p = PropertiesService.getScriptProperties();
  try { for (var i = 0; i < 5; i++) p.setProperty('k' + i, 'v'); } catch (e) { return 'caught: ' + e.message; }
  return 'finished';
}
function grid(n){
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var rows = []; for (var i = 0; i < n; i++) rows.push([i, 'x']);
  s.getRange(1, 1, n, 2).setValues(rows);
  return s.getRange(1, 1, n, 2).getValues().length;
}
function mail(){
  try { MailApp.sendEmail('a@example.org', 's', 'b'); } catch (e) { MailApp.sendEmail('a@example.org', 'retry', 'b'); return 'retried after: ' + e.message; }
  return 'sent first time';
}
`;

function emulator(): Emulator {
  return new Emulator({ manifest: MANIFEST, code: CODE });
}

describe('execution time', () => {
  it('every service call adds its latency from the one table, and the result reports calls and modelled ms', () => {
    const emu = emulator();
    const r = emu.run('props', { args: [10] });
    expect(r.ok).toBe(true);
    expect(r.calls).toBe(11);
    expect(r.modelledMs).toBeCloseTo(latencyOf('PropertiesService.getScriptProperties') + 10 * latencyOf('Properties.setProperty'), 6);
    expect(emu.stats()).toEqual({ executions: 1, calls: 11, modelledMs: r.modelledMs });
  });

  it('the table prices mail, sheet reads and writes, validation, Forms, Drive, properties and local calls, each with a reason', () => {
    expect(latencyOf('MailApp.sendEmail')).toBeGreaterThanOrEqual(300);
    expect(latencyOf('Range.getValues')).toBeGreaterThan(latencyOf('Range.getRow'));
    expect(latencyOf('Range.setValues')).toBeGreaterThan(latencyOf('Range.getValues'));
    expect(latencyOf('Range.setDataValidation')).toBeGreaterThan(latencyOf('DataValidationBuilder.build'));
    expect(latencyOf('Form.addTextItem')).toBeGreaterThanOrEqual(100);
    expect(latencyOf('TextItem.setTitle')).toBeGreaterThanOrEqual(100);
    expect(latencyOf('DriveApp.createFile')).toBeGreaterThanOrEqual(300);
    expect(latencyOf('Properties.getProperty')).toBeGreaterThan(latencyOf('Utilities.formatDate'));
    expect(latencyOf('Session.getActiveUser')).toBeLessThan(10);
    for (const row of latencyTable()) expect(row.why.length).toBeGreaterThan(2);
  });

  it('grid reads and writes also cost per cell: the same calls on 900 rows take longer than on 10', () => {
    const d = new Driver({ code: CODE, manifest: MANIFEST });
    const small = d.emu.run('grid', { args: [10] });
    const big = d.emu.run('grid', { args: [900] });
    expect(big.ok && small.ok).toBe(true);
    expect(big.calls).toBe(small.calls);
    expect(big.modelledMs - small.modelledMs).toBeCloseTo((PER_CELL_MS.setValues + PER_CELL_MS.getValues) * 2 * (900 - 10), 6);
  });

  it('modelled time moves the virtual clock that new Date() reads', () => {
    const emu = emulator();
    const [a, b] = emu.call<number[]>('clockAround');
    expect(b - a).toBe(Math.floor(latencyOf('PropertiesService.getScriptProperties') + latencyOf('Properties.getProperty')) - Math.floor(0));
  });

  it('past 6 minutes a menu execution ends with "Exceeded maximum execution time", and a catch does not save it', () => {
    const emu = emulator();
    expect(EXECUTION_LIMIT_MS.menu).toBe(360_000);
    const r = emu.run<string[]>('sleepyCaught');
    // The script caught the first throw; the next service call throws the same; the execution failed anyway.
    expect(r.ok).toBe(false);
    expect(r.error?.message).toBe(TIME_LIMIT_ERROR);
    expect(r.killed).toBe(TIME_LIMIT_ERROR);
    expect(r.modelledMs).toBe(360_000);
    expect(emu.store.properties.script.after).toBeUndefined();
  });

  it('Utilities.sleep counts toward the limit: 5 × 70 s fits in 6 minutes, 6 × 70 s does not', () => {
    const emu = emulator();
    expect(emu.run('sleepy', { args: [70_000, 5] }).ok).toBe(true);
    const r = emu.run('sleepy', { args: [70_000, 6] });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toBe(TIME_LIMIT_ERROR);
  });

  it('a simple trigger gets 30 seconds', () => {
    const emu = emulator();
    expect(EXECUTION_LIMIT_MS.simple).toBe(30_000);
    expect(emu.run('sleepy', { kind: 'simple', args: [29_000, 1] }).ok).toBe(true);
    const r = emu.run('sleepy', { kind: 'simple', args: [20_000, 2] });
    expect(r.error?.message).toBe(TIME_LIMIT_ERROR);
  });

  it('a runaway loop of service calls ends at the limit instead of hanging', () => {
    const emu = emulator();
    const r = emu.run('runaway');
    expect(r.error?.message).toBe(TIME_LIMIT_ERROR);
    expect(r.calls).toBe(Math.floor((360_000 - latencyOf('PropertiesService.getScriptProperties')) / latencyOf('Properties.getProperty')) + 1);
  });

  it('with latencyMovesClock off, calls still count toward the limit but leave the clock alone', () => {
    const emu = emulator();
    emu.latencyMovesClock = false;
    const [a, b] = emu.call<number[]>('clockAround');
    expect(b).toBe(a);
    expect(emu.lastExecution?.modelledMs).toBeGreaterThan(0);
  });
});

describe('crashes and service errors', () => {
  it('killAfterCalls: the k-th call completes, the next throws, what was written stays written, and a catch does not save it', () => {
    const emu = emulator();
    const r = emu.run('caughtCrash', { killAfterCalls: 3 });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/^Execution killed \(emulated crash\) after service call 3$/);
    expect(r.calls).toBe(3);
    // getScriptProperties + two writes happened; the store is mutated in place.
    expect(emu.store.properties.script).toEqual({ k0: 'v', k1: 'v' });
  });

  it('crashAfter counts calls across executions: the execution that reaches call k+1 dies, the next ones run', () => {
    const emu = emulator();
    emu.crashAfter(13);
    expect(emu.run('props', { args: [10] }).ok).toBe(true); // 11 calls
    const second = emu.run('props', { args: [10] }); // dies after its 2nd call
    expect(second.ok).toBe(false);
    expect(second.calls).toBe(2);
    expect(emu.crashPending).toBe(false);
    expect(emu.run('props', { args: [10] }).ok).toBe(true);
  });

  it('failCall makes a call throw a catchable service error, the given number of times', () => {
    const emu = emulator();
    emu.failCall('MailApp.sendEmail', { times: 1, message: 'Service invoked too many times for one day: email.' });
    expect(emu.call('mail')).toBe('retried after: Service invoked too many times for one day: email.');
    expect(emu.store.mail.outbox.map((m) => m.subject)).toEqual(['retry']);
    expect(emu.call('mail')).toBe('sent first time');
  });

  it('a store is plain data: cloneStore is a deep copy, and keeps a Date or Map a test put in it', () => {
    const store = newStore();
    const extra = store as unknown as Record<string, unknown>;
    extra.when = new Date(Date.UTC(2027, 0, 1));
    extra.index = new Map([['a', 1]]);
    store.properties.script.x = '1';
    const copy = cloneStore(store);
    copy.properties.script.x = '2';
    expect(store.properties.script.x).toBe('1');
    const c = copy as unknown as Record<string, unknown>;
    expect(c.when).toBeInstanceOf(Date);
    expect((c.when as Date).getTime()).toBe(Date.UTC(2027, 0, 1));
    expect(c.index).toBeInstanceOf(Map);
    expect((c.index as Map<string, number>).get('a')).toBe(1);
  });

  it('fork gives an independent world running the same compiled script', () => {
    const emu = emulator();
    emu.call('props', { args: [1] });
    const copy = emu.fork();
    copy.call('props', { args: [3] });
    expect(Object.keys(emu.store.properties.script)).toEqual(['k0']);
    expect(Object.keys(copy.store.properties.script)).toEqual(['k0', 'k1', 'k2']);
  });
});

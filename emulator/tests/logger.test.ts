import { Emulator } from '../host';

/** No oauthScopes: these cases are about the service, not the project's manifest. */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

describe('Logger and console', () => {
  it('Logger.log with %s placeholders lands in store.logs with the execution number and virtual time', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: 'function t(){ Logger.log("Hello, %s! You have %s items.", "Ann", 3); Logger.log({a: 1}); }' });
    emu.latencyMovesClock = false; // timestamps read to the millisecond: keep call latency off the clock
    const r = emu.run('t');
    expect(r.logs).toEqual([
      { at: emu.store.clock.now, execution: r.execution, level: 'log', message: 'Hello, Ann! You have 3 items.' },
      { at: emu.store.clock.now, execution: r.execution, level: 'log', message: '{"a":1}' },
    ]);
    expect(emu.store.logs).toHaveLength(2);
  });

  it("Logger.getLog returns this execution's lines with timestamps, and clear empties it", () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: 'function t(){ Logger.log("one"); var a = Logger.getLog(); Logger.clear(); Logger.log("two"); return [a, Logger.getLog()]; }',
    });
    emu.latencyMovesClock = false; // timestamps read to the millisecond: keep call latency off the clock
    emu.store.clock.now = Date.UTC(2026, 10, 24, 9, 0, 0, 5);
    expect(emu.call('t')).toEqual(['[26-11-24 09:00:00:005 UTC] one\n', '[26-11-24 09:00:00:005 UTC] two\n']);
  });

  it('console.log/info/warn/error land in store.logs at their level', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: 'function t(){ console.log("a", 1, {b: 2}); console.info("n=%d", 5); console.warn("w"); console.error(new Error("boom").message); }',
    });
    const r = emu.run('t');
    expect(r.logs.map((l) => [l.level, l.message])).toEqual([
      ['log', 'a 1 {"b":2}'],
      ['info', 'n=5'],
      ['warn', 'w'],
      ['error', 'boom'],
    ]);
  });

  it('console.time/timeEnd measure virtual time', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: 'function t(){ console.time("x"); Utilities.sleep(250); console.timeEnd("x"); }' });
    emu.latencyMovesClock = false; // timestamps read to the millisecond: keep call latency off the clock
    expect(emu.run('t').logs[0].message).toBe('x: 250ms');
  });
});

import { Emulator } from '../host';
import { holdScriptLock, releaseExternalScriptLock } from '../drivers/triggers';

/** No oauthScopes: these cases are about the service, not the project's manifest. */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

const CODE = `
function tryIt(ms){ var l = LockService.getScriptLock(); var ok = l.tryLock(ms); return [ok, l.hasLock()]; }
function waitIt(ms){ LockService.getScriptLock().waitLock(ms); return 'got it'; }
function holdAndReport(){ var l = LockService.getScriptLock(); l.waitLock(1000); return l.hasLock(); }
function releaseEarly(){ var l = LockService.getScriptLock(); l.waitLock(10); l.releaseLock(); return [l.hasLock(), LockService.getScriptLock().tryLock(0)]; }
function docLock(){ return LockService.getDocumentLock() === null; }
function userLock(){ return LockService.getUserLock().tryLock(0); }
`;

describe('LockService', () => {
  it('tryLock returns false and waits out its timeout on the virtual clock while another execution holds the lock', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    holdScriptLock(emu, 60000);
    const start = emu.store.clock.now;
    const r = emu.run('tryIt', { args: [5000] });
    expect(r.value).toEqual([false, false]);
    // The wait moves the clock and counts toward the execution's time, on top of the calls' latency.
    expect(r.modelledMs).toBeGreaterThanOrEqual(5000);
    expect(r.modelledMs).toBeLessThan(5200);
    expect(emu.store.clock.now).toBe(start + Math.floor(r.modelledMs));
    emu.latencyMovesClock = false;
    const start2 = emu.store.clock.now;
    emu.call('tryIt', { args: [5000] });
    expect(emu.store.clock.now).toBe(start2 + 5000);
  });

  it('waitLock throws "Lock timeout: another process was holding the lock for too long." when the timeout passes', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    holdScriptLock(emu, 60000);
    const r = emu.run('waitIt', { args: [10000] });
    expect(r.error?.message).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  it('waitLock acquires the lock when the other execution lets go within the timeout', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    holdScriptLock(emu, 3000);
    const start = emu.store.clock.now;
    expect(emu.call('waitIt', { args: [10000] })).toBe('got it');
    expect(emu.store.clock.now).toBe(start + 3000);
  });

  it('an expired or released external hold no longer blocks', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    holdScriptLock(emu, 1000);
    emu.store.clock.now += 1000;
    expect(emu.call('tryIt', { args: [0] })).toEqual([true, true]);
    holdScriptLock(emu, 60000);
    releaseExternalScriptLock(emu);
    expect(emu.call('tryIt', { args: [0] })).toEqual([true, true]);
  });

  it('a lock is released at the end of the execution that took it', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('holdAndReport')).toBe(true);
    expect(emu.store.locks.script).toBeUndefined();
    expect(emu.call('tryIt', { args: [0] })).toEqual([true, true]);
  });

  it('releaseLock frees the lock and hasLock turns false', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('releaseEarly')).toEqual([false, true]);
  });

  it('getDocumentLock returns null for a script not bound to a document', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('docLock')).toBe(true);
    emu.store.script.containerId = 'ss1';
    expect(emu.call('docLock')).toBe(false);
    expect(emu.call('docLock', { kind: 'webapp' })).toBe(true);
  });

  it('locks are available in simple triggers (no authorization needed)', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('userLock', { kind: 'simple' })).toBe(true);
  });
});

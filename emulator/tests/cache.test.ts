import { Emulator } from '../host';

/** No oauthScopes: these cases are about the service, not the project's manifest. */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

const CODE = `
function put(k, v, ttl){ CacheService.getScriptCache().put(k, v, ttl); }
function get(k){ return CacheService.getScriptCache().get(k); }
`;

describe('CacheService', () => {
  it('put without expiration keeps the value for 600 seconds of virtual time', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    emu.call('put', { args: ['a', 'x'] });
    emu.store.clock.now += 599_000;
    expect(emu.call('get', { args: ['a'] })).toBe('x');
    emu.store.clock.now += 1_000;
    expect(emu.call('get', { args: ['a'] })).toBeNull();
  });

  it('put with expirationInSeconds expires on the virtual clock', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    // Measured to the millisecond: keep the calls' modelled latency off the clock.
    emu.latencyMovesClock = false;
    emu.call('put', { args: ['a', 'x', 2] });
    emu.store.clock.now += 1_999;
    expect(emu.call('get', { args: ['a'] })).toBe('x');
    emu.store.clock.now += 1;
    expect(emu.call('get', { args: ['a'] })).toBeNull();
  });

  it('expiration is capped at 21600 seconds (6 hours)', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    emu.call('put', { args: ['a', 'x', 100000] });
    emu.store.clock.now += 21600 * 1000;
    expect(emu.call('get', { args: ['a'] })).toBeNull();
  });

  it('putAll/getAll/removeAll work on several keys and getAll leaves out missing ones', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: `function t(){ var c = CacheService.getUserCache(); c.putAll({a: '1', b: '2', c: '3'}); c.remove('b');
        var before = c.getAll(['a', 'b', 'c', 'zz']); c.removeAll(['a', 'c']); return [before, c.getAll(['a', 'c'])]; }`,
    });
    expect(emu.call('t')).toEqual([{ a: '1', c: '3' }, {}]);
  });

  it('a key over 250 characters throws "Argument too large: key"', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.run('get', { args: ['k'.repeat(251)] }).error?.message).toBe('Argument too large: key');
  });

  it('a value over 100 KB throws "Argument too large: value"', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.run('put', { args: ['k', 'v'.repeat(100 * 1024 + 1)] }).error?.message).toBe('Argument too large: value');
    expect(emu.run('put', { args: ['k', 'v'.repeat(100 * 1024)] }).ok).toBe(true);
  });

  it('getDocumentCache returns null unless the script is bound to a document', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: 'function t(){ return CacheService.getDocumentCache() === null; }' });
    expect(emu.call('t')).toBe(true);
  });
});

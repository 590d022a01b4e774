import { Emulator } from '../host';

/** No oauthScopes: these cases are about the service, not the project's manifest. */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

describe('PropertiesService', () => {
  it('setProperty coerces values to strings and getProperty returns null for a missing key', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: `function t(){ var p = PropertiesService.getScriptProperties(); p.setProperty('n', 5).setProperty('b', true);
      return [p.getProperty('n'), typeof p.getProperty('n'), p.getProperty('b'), p.getProperty('missing')]; }`,
    });
    expect(emu.call('t')).toEqual(['5', 'string', 'true', null]);
    expect(emu.store.properties.script).toEqual({ n: '5', b: 'true' });
  });

  it('script properties outlive the execution; getProperties, getKeys and deletes work on the store', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: `function put(){ PropertiesService.getScriptProperties().setProperties({a: 1, b: 'two', c: 'x'}); }
        function read(){ var p = PropertiesService.getScriptProperties(); p.deleteProperty('c'); return [p.getProperties(), p.getKeys().sort()]; }
        function replace(){ var p = PropertiesService.getScriptProperties(); p.setProperties({z: 'only'}, true); return p.getKeys(); }
        function wipe(){ PropertiesService.getScriptProperties().deleteAllProperties(); return PropertiesService.getScriptProperties().getKeys(); }`,
    });
    emu.call('put');
    expect(emu.call('read')).toEqual([{ a: '1', b: 'two' }, ['a', 'b']]);
    expect(emu.call('replace')).toEqual(['z']);
    expect(emu.call('wipe')).toEqual([]);
  });

  it('user properties are per user', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: `function set(v){ PropertiesService.getUserProperties().setProperty('k', v); } function get(){ return PropertiesService.getUserProperties().getProperty('k'); }`,
    });
    emu.call('set', { user: 'ann@example.org', args: ['A'] });
    emu.call('set', { user: 'bob@example.org', args: ['B'] });
    expect(emu.call('get', { user: 'ann@example.org' })).toBe('A');
    expect(emu.call('get', { user: 'cy@example.org' })).toBeNull();
    expect(emu.store.properties.user['bob@example.org']).toEqual({ k: 'B' });
  });

  it('getDocumentProperties returns null unless the script is bound to a document', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: 'function t(){ var d = PropertiesService.getDocumentProperties(); return d === null ? null : d.setProperty("x", 1).getProperty("x"); }',
    });
    expect(emu.call('t')).toBeNull();
    emu.store.script.containerId = 'ss1';
    expect(emu.call('t')).toBe('1');
  });

  it('a value over 9 KB throws the property storage quota error and is not stored', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: 'function t(){ PropertiesService.getScriptProperties().setProperty("big", new Array(9 * 1024 + 2).join("x")); }',
    });
    expect(emu.run('t').error?.message).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(emu.store.properties.script).toEqual({});
  });

  it('a store over 500 KB in total throws the property storage quota error', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: `function t(){ var p = PropertiesService.getScriptProperties(), v = new Array(9000).join('y'), n = 0;
        try { for (;;) { p.setProperty('k' + n, v); n++; } } catch (e) { return [n, e.message]; } }`,
    });
    const [n, message] = emu.call<[number, string]>('t');
    expect(message).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(n).toBe(Math.floor((500 * 1024) / (8999 + 3)));
    expect(Object.keys(emu.store.properties.script)).toHaveLength(n);
  });
});

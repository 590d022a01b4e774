import { Emulator } from '../host';

/** No oauthScopes: these cases are about the service, not the project's manifest. */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

const CODE = `function who(){ return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }
function tz(){ return [Session.getScriptTimeZone(), Session.getActiveUserLocale()]; }
function key(){ return Session.getTemporaryActiveUserKey(); }`;

describe('Session', () => {
  it('getActiveUser and getEffectiveUser are the person running the script from a menu', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('who', { user: 'ann@example.org' })).toEqual(['ann@example.org', 'ann@example.org']);
  });

  it('in a web app executing as the developer, a visitor from another domain has a blank active user email', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('who', { kind: 'webapp', user: 'visitor@gmail.com', effectiveUser: 'helpdesk@example.org' })).toEqual(['', 'helpdesk@example.org']);
    expect(emu.call('who', { kind: 'webapp', user: 'colleague@example.org', effectiveUser: 'helpdesk@example.org' })).toEqual([
      'colleague@example.org',
      'helpdesk@example.org',
    ]);
  });

  it("in a simple trigger the email shows only for the owner or the owner's Workspace domain", () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call<string[]>('who', { kind: 'simple', user: 'helpdesk@example.org' })[0]).toBe('helpdesk@example.org');
    expect(emu.call('who', { kind: 'simple', user: 'outsider@other.net' })).toEqual(['', '']);
  });

  it('getScriptTimeZone is the project time zone', () => {
    const emu = new Emulator({ code: CODE, manifest: { timeZone: 'Europe/Berlin', runtimeVersion: 'V8' } });
    expect(emu.call('tz')).toEqual(['Europe/Berlin', 'en']);
  });

  it('getTemporaryActiveUserKey is stable for a user and differs between users', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    const a = emu.call<string>('key', { user: 'ann@example.org' });
    expect(emu.call('key', { user: 'ann@example.org' })).toBe(a);
    expect(emu.call('key', { user: 'bob@example.org' })).not.toBe(a);
  });

  it('getActiveUser needs the userinfo.email scope when the manifest lists scopes', () => {
    const emu = new Emulator({
      code: CODE,
      manifest: { timeZone: 'Etc/UTC', runtimeVersion: 'V8', oauthScopes: ['https://www.googleapis.com/auth/spreadsheets'] },
    });
    expect(emu.run('who').error?.message).toMatch(/^Specified permissions are not sufficient to call Session.getActiveUser/);
  });
});

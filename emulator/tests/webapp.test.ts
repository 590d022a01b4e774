/**
 * Reaching a script from outside the spreadsheet, and what google.script.run carries.
 *
 * - https://developers.google.com/apps-script/guides/html/reference/run : a page served by the
 *   script can call any server-side function by name; "Legal parameters are JavaScript primitives
 *   like a Number, Boolean, String, or null, as well as JavaScript objects and arrays that are
 *   composed of primitives, objects and arrays … Requests fail if you attempt to pass a Date,
 *   Function, DOM element besides a form, or other prohibited type, including prohibited types
 *   inside objects or arrays. Objects that create circular references will also fail, and
 *   undefined fields within arrays become null." The return value has "the same restrictions".
 * - https://developers.google.com/apps-script/guides/html/communication#private_functions :
 *   functions whose names end with an underscore cannot be called from the client.
 * - https://developers.google.com/apps-script/reference/base/session#getActiveUser() : the active
 *   user's email is blank when security policies do not give access to it, e.g. in a web app
 *   deployed to execute as the developer, for a user outside the developer's Workspace domain.
 * - https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getEditors() /
 *   #getViewers() / #getOwner(): who may edit or view the spreadsheet.
 */
import { Driver } from '../driver';
import { Emulator } from '../host';

const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8', webapp: { access: 'ANYONE_ANONYMOUS', executeAs: 'USER_DEPLOYING' } };

const CODE = `
var VERSION = 3;
function doGet(){ return HtmlService.createHtmlOutput('<p>hi</p>').setTitle('Page'); }
function who(){ return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }
function sharing(){
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var emails = function (users) { return users.map(function (u) { return u.getEmail(); }); };
  return { owner: ss.getOwner().getEmail(), editors: emails(ss.getEditors()), viewers: emails(ss.getViewers()) };
}
function echo(x){ return { type: Object.prototype.toString.call(x), value: x }; }
function helper_(){ return 'private'; }
function giveDate(){ return new Date(); }
function giveNested(){ return { rows: [{ id: 1, when: new Date() }] }; }
function giveFunction(){ return { f: function () {} }; }
function giveCircular(){ var o = { a: 1 }; o.self = o; return o; }
function givePlain(){ return { list: [1, 'two', null, true, undefined], o: { x: undefined, y: 2 } }; }
`;

function world(): Driver {
  return new Driver({ code: CODE, manifest: MANIFEST, owner: 'helpdesk@example.org' });
}

describe('web-app reachability', () => {
  it('publicFunctions lists every top-level function not ending in "_", and nothing of the emulator', () => {
    expect(world().publicFunctions()).toEqual(['doGet', 'echo', 'giveCircular', 'giveDate', 'giveFunction', 'giveNested', 'givePlain', 'sharing', 'who']);
  });

  it('an anonymous visitor can call any public function; it runs as the owner and the active user is ""', () => {
    const d = world();
    expect(d.asAnonymous().callServer('who')).toEqual(['', 'helpdesk@example.org']);
    expect(d.asAnonymous().webApp().title).toBe('Page');
    // A private function (name ending in "_") cannot be called from a page.
    expect(d.asAnonymous().run('helper_').error?.message).toMatch(/^Script function not found: helper_/);
    expect(d.runServer('helper_').ok).toBe(false);
    expect(d.emu.run('helper_', { kind: 'menu' }).value).toBe('private');
  });

  it('a signed-in viewer from another domain also shows as "", one from the owner\'s Workspace domain shows', () => {
    const d = world();
    d.shareSpreadsheet('viewer@other.net', 'viewer');
    expect(d.asViewer('viewer@other.net').callServer('who')).toEqual(['', 'helpdesk@example.org']);
    expect(d.asViewer('colleague@example.org').callServer('who')).toEqual(['colleague@example.org', 'helpdesk@example.org']);
  });

  it('getEditors lists the owner and the editors, getViewers the viewers, getOwner the owner', () => {
    const d = world();
    d.shareSpreadsheet('ed@example.org', 'editor');
    d.shareSpreadsheet('vi@other.net', 'viewer');
    expect(d.callServer('sharing')).toEqual({ owner: 'helpdesk@example.org', editors: ['helpdesk@example.org', 'ed@example.org'], viewers: ['vi@other.net'] });
    // Promoting a viewer moves them; unsharing removes them.
    d.shareSpreadsheet('vi@other.net', 'editor');
    d.unshareSpreadsheet('ed@example.org');
    expect(d.callServer('sharing')).toEqual({ owner: 'helpdesk@example.org', editors: ['helpdesk@example.org', 'vi@other.net'], viewers: [] });
  });

  it('a caller without edit access gets empty editor and viewer lists', () => {
    const d = world();
    d.shareSpreadsheet('vi@other.net', 'viewer');
    const r = d.emu.run('sharing', { kind: 'rpc', user: 'vi@other.net' });
    expect(r.value).toEqual({ owner: 'helpdesk@example.org', editors: [], viewers: [] });
  });

  it('a web app executing as the user accessing it refuses anonymous visitors', () => {
    const d = new Driver({ code: CODE, manifest: { ...MANIFEST, webapp: { access: 'ANYONE', executeAs: 'USER_ACCESSING' } } });
    expect(() => d.asAnonymous().callServer('who')).toThrow(/sign in/);
    expect(d.asViewer('v@other.net').callServer('who')).toEqual(['v@other.net', 'v@other.net']);
  });
});

describe('google.script.run types', () => {
  const emu = () => new Emulator({ code: CODE, manifest: MANIFEST });

  it('primitives, null, plain objects and arrays pass; undefined in an array becomes null', () => {
    expect(emu().call('echo', { kind: 'rpc', args: [{ a: [1, 'x', null, true, undefined], b: { c: 2 } }] })).toEqual({
      type: '[object Object]',
      value: { a: [1, 'x', null, true, null], b: { c: 2 } },
    });
    expect(emu().call('givePlain', { kind: 'rpc' })).toEqual({ list: [1, 'two', null, true, null], o: { y: 2 } });
  });

  it('a Date argument fails the call before any execution starts, also inside objects and arrays', () => {
    const e = emu();
    const r = e.run('echo', { kind: 'rpc', args: [new Date()] });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/^Failed due to illegal value in property: 0 \(a Date/);
    expect(e.store.executionCount).toBe(0);
    expect(e.run('echo', { kind: 'rpc', args: ['ok', { rows: [{ when: new Date() }] }] }).error?.message).toMatch(/property: 1\.rows\.0\.when \(a Date/);
  });

  it('functions, class instances (Map, RegExp, …) and circular objects fail the call', () => {
    expect(emu().run('echo', { kind: 'rpc', args: [() => 1] }).error?.message).toMatch(/a Function/);
    expect(emu().run('echo', { kind: 'rpc', args: [[new Map()]] }).error?.message).toMatch(/property: 0\.0 \(a Map/);
    expect(emu().run('echo', { kind: 'rpc', args: [/x/] }).error?.message).toMatch(/a RegExp/);
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    expect(emu().run('echo', { kind: 'rpc', args: [o] }).error?.message).toMatch(/property: 0\.self \(circular reference\)/);
  });

  it('a returned Date, function or circular object fails the call, nested too', () => {
    expect(emu().run('giveDate', { kind: 'rpc' }).error?.message).toMatch(/property: return \(a Date/);
    expect(emu().run('giveNested', { kind: 'rpc' }).error?.message).toMatch(/property: return\.rows\.0\.when \(a Date/);
    expect(emu().run('giveFunction', { kind: 'rpc' }).error?.message).toMatch(/property: return\.f \(a Function/);
    expect(emu().run('giveCircular', { kind: 'rpc' }).error?.message).toMatch(/circular reference/);
  });

  it("the same rule holds for the driver's sidebar calls and web-app visitors; menu and trigger runs are not rpc", () => {
    const d = world();
    expect(() => d.callServer('giveDate')).toThrow(/illegal value in property: return/);
    expect(() => d.callServer('echo', new Date())).toThrow(/illegal value in property: 0/);
    expect(d.asAnonymous().run('giveNested').error?.message).toMatch(/return\.rows\.0\.when/);
    expect(d.asViewer('v@other.net').run('echo', { when: new Date() }).error?.message).toMatch(/property: 0\.when/);
    expect(d.emu.run('giveDate', { kind: 'menu' }).ok).toBe(true);
  });
});

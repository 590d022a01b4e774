import { Emulator } from '../host';

describe('execution host', () => {
  it('runs each execution in a fresh global scope, with the store outliving it', () => {
    const emu = new Emulator({
      code:
        'var counter = (typeof counter === "number" ? counter : 0) + 1; function read(){ return counter; }' +
        ' function keep(v){ PropertiesService.getScriptProperties().setProperty("kept", v); } function kept(){ return PropertiesService.getScriptProperties().getProperty("kept"); }',
    });
    expect(emu.call('read')).toBe(1);
    expect(emu.call('read')).toBe(1);
    // What an execution stored is there for the next one.
    emu.call('keep', { args: ['from an earlier execution'] });
    expect(emu.call('kept')).toBe('from an earlier execution');
    expect(emu.store.executionCount).toBe(4);
  });

  it('reports a missing entry point as Apps Script does', () => {
    const emu = new Emulator({ code: 'function a(){}' });
    const r = emu.run('nope');
    expect(r.ok).toBe(false);
    expect(r.error?.message).toBe('Script function not found: nope');
  });

  it('reads "now" from the virtual clock and keeps Dates realm-native', () => {
    const emu = new Emulator({ code: 'function t(){ var d = new Date(); return [d.getTime(), Date.now(), d instanceof Date, typeof Date()]; }' });
    emu.store.clock.now = Date.UTC(2027, 0, 2, 3, 4, 5);
    expect(emu.call('t')).toEqual([Date.UTC(2027, 0, 2, 3, 4, 5), Date.UTC(2027, 0, 2, 3, 4, 5), true, 'string']);
  });

  it('throws "not emulated" for a member a fake does not implement', () => {
    const emu = new Emulator({ code: 'function t(){ return MailApp.sendEmailWithCarrierPigeon(); }' });
    expect(emu.run('t').error?.message).toBe('not emulated: MailApp.sendEmailWithCarrierPigeon');
  });
});

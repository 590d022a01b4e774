import { Emulator } from '../host';
import { advanceClock, fireDueTimeTriggers } from '../drivers/triggers';

/** No oauthScopes: these cases are about the service, not the project's manifest. */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

const CODE = `
function every5(){ return ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create().getUniqueId(); }
function daily9(){ return ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(9).nearMinute(30).inTimezone('America/Sao_Paulo').create().getUniqueId(); }
function once(ms){ return ScriptApp.newTrigger('tick').timeBased().after(ms).create().getUniqueId(); }
function onSubmit(id){ var t = ScriptApp.newTrigger('handle').forSpreadsheet(id).onFormSubmit().create();
  return [t.getHandlerFunction(), t.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT, t.getTriggerSource() === ScriptApp.TriggerSource.SPREADSHEETS, t.getTriggerSourceId()]; }
function mine(){ return ScriptApp.getProjectTriggers().map(function(t){ return t.getHandlerFunction(); }); }
function deleteAll(){ ScriptApp.getProjectTriggers().forEach(function(t){ ScriptApp.deleteTrigger(t); }); return ScriptApp.getProjectTriggers().length; }
function many(n){ for (var i = 0; i < n; i++) ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
function badMinutes(){ ScriptApp.newTrigger('tick').timeBased().everyMinutes(7); }
function tick(e){ PropertiesService.getScriptProperties().setProperty('runs', String(Number(PropertiesService.getScriptProperties().getProperty('runs') || 0) + 1));
  return [e.authMode === ScriptApp.AuthMode.FULL, e.triggerUid, e.hour, e.minute, e['day-of-month'], e.timezone, Session.getEffectiveUser().getEmail()]; }
function info(){ return [ScriptApp.getScriptId(), ScriptApp.getService().getUrl()]; }
`;

describe('ScriptApp', () => {
  it('newTrigger().forSpreadsheet().onFormSubmit().create() stores an installable trigger owned by the user', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('onSubmit', { args: ['ss1'], user: 'ann@example.org' })).toEqual(['handle', true, true, 'ss1']);
    expect(emu.store.triggers).toEqual([
      expect.objectContaining({ handler: 'handle', owner: 'ann@example.org', eventType: 'ON_FORM_SUBMIT', source: 'SPREADSHEETS', sourceId: 'ss1' }),
    ]);
  });

  it('the 21st trigger of a user throws "This script has too many triggers…", another user still has room', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    emu.call('many', { args: [20], user: 'ann@example.org' });
    expect(emu.run('many', { args: [1], user: 'ann@example.org' }).error?.message).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(emu.run('many', { args: [1], user: 'bob@example.org' }).ok).toBe(true);
  });

  it("getProjectTriggers returns only the current user's triggers, and deleteTrigger removes only those", () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    emu.call('onSubmit', { args: ['ss1'], user: 'ann@example.org' });
    emu.call('every5', { user: 'bob@example.org' });
    expect(emu.call('mine', { user: 'ann@example.org' })).toEqual(['handle']);
    expect(emu.call('mine', { user: 'bob@example.org' })).toEqual(['tick']);
    expect(emu.call('deleteAll', { user: 'ann@example.org' })).toBe(0);
    expect(emu.store.triggers.map((t) => t.owner)).toEqual(['bob@example.org']);
  });

  it('newTrigger is denied in a simple trigger (AuthMode.LIMITED)', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.run('every5', { kind: 'simple' }).error?.message).toBe(
      'You do not have permission to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
  });

  it('newTrigger needs the script.scriptapp scope when the manifest lists scopes', () => {
    const emu = new Emulator({
      code: CODE,
      manifest: { timeZone: 'Etc/UTC', runtimeVersion: 'V8', oauthScopes: ['https://www.googleapis.com/auth/spreadsheets'] },
    });
    expect(emu.run('every5').error?.message).toMatch(/^Specified permissions are not sufficient to call ScriptApp.newTrigger/);
  });

  it('everyMinutes accepts only 1, 5, 10, 15 or 30', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.run('badMinutes').ok).toBe(false);
  });

  it('a time-driven trigger fires as its owner with the documented event object, then every interval', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    emu.store.clock.now = Date.UTC(2026, 10, 24, 9, 0, 0);
    const uid = emu.call<string>('every5', { user: 'ann@example.org' });
    expect(fireDueTimeTriggers(emu)).toEqual([]);
    // Installing the trigger took modelled time (latency.ts): advance from where the clock now is.
    const t0 = emu.store.clock.now;
    expect(t0 - Date.UTC(2026, 10, 24, 9, 0, 0)).toBeLessThan(1000);
    const runs = advanceClock(emu, 11 * 60000);
    expect(runs.map((r) => r.value)).toEqual([
      [true, uid, 9, 5, 24, 'UTC', 'ann@example.org'],
      [true, uid, 9, 10, 24, 'UTC', 'ann@example.org'],
    ]);
    expect(emu.store.clock.now).toBe(t0 + 11 * 60000);
    // Every 5 minutes from when it was created (less than a modelled second after 9:00).
    expect(emu.store.triggers[0].nextDue! - Date.UTC(2026, 10, 24, 9, 15, 0)).toBeGreaterThanOrEqual(0);
    expect(emu.store.triggers[0].nextDue! - Date.UTC(2026, 10, 24, 9, 15, 0)).toBeLessThan(1000);
  });

  it('a daily trigger with atHour/nearMinute runs at that wall-clock time in its time zone', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    emu.store.clock.now = Date.UTC(2026, 10, 24, 15, 0, 0); // 12:00 in São Paulo
    emu.call('daily9');
    expect(emu.store.triggers[0].nextDue).toBe(Date.UTC(2026, 10, 25, 12, 30, 0)); // 09:30 -03:00 next day
    const runs = advanceClock(emu, 2 * 86400000);
    expect(runs.map((r) => (r.value as unknown[])[2])).toEqual([12, 12]);
  });

  it('a one-off after() trigger fires once and is removed', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    emu.call('once', { args: [60000] });
    expect(advanceClock(emu, 3600000)).toHaveLength(1);
    expect(emu.store.triggers).toEqual([]);
  });

  it('a trigger overdue several times fires once and is rescheduled into the future', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    emu.call('every5');
    emu.store.clock.now += 60 * 60000;
    expect(fireDueTimeTriggers(emu)).toHaveLength(1);
    expect(emu.store.triggers[0].nextDue).toBeGreaterThan(emu.store.clock.now);
    expect(emu.store.properties.script.runs).toBe('1');
  });

  it('getScriptId and getService().getUrl() report the project', () => {
    const emu = new Emulator({ manifest: MANIFEST, code: CODE });
    expect(emu.call('info')).toEqual(['script-1', 'https://script.google.com/macros/s/script-1/exec']);
  });
});

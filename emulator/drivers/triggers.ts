/**
 * Host-side drivers for time: firing clock triggers as the virtual clock moves, and holding the
 * script lock "from another execution". A time-driven run executes as kind 'trigger' for the
 * trigger's owner with the documented event object (fields in UTC). As in Apps Script, a trigger
 * that fell due several times while nothing ran fires once and is rescheduled into the future.
 */
import type { Emulator, ExecutionResult } from '../host';
import type { TriggerRec } from '../store';
import { nextClockDue } from '../runtime/script';
import { isoWeek } from '../runtime/utilities';

/** The documented time-driven event: authMode, day-of-month, day-of-week (1 = Monday), hour, … */
function clockEvent(t: TriggerRec, at: number) {
  const d = new Date(at);
  return {
    kind: 'clock',
    authMode: 'FULL',
    triggerUid: t.uid,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
    'week-of-year': isoWeek(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()),
  };
}

function earliestDue(emu: Emulator, upTo: number): TriggerRec | undefined {
  let best: TriggerRec | undefined;
  for (const t of emu.store.triggers) {
    if (t.eventType !== 'CLOCK' || t.nextDue === undefined || t.nextDue > upTo) continue;
    if (!best || t.nextDue < best.nextDue!) best = t;
  }
  return best;
}

/** Reschedules (or removes a one-off) before running, then runs the handler. */
function fire(emu: Emulator, t: TriggerRec): ExecutionResult {
  const store = emu.store;
  const firedAt = t.nextDue!;
  const next = nextClockDue(t, firedAt, store.clock.now);
  if (next === undefined) store.triggers = store.triggers.filter((x) => x.uid !== t.uid);
  else t.nextDue = next;
  return emu.run(t.handler, { kind: 'trigger', user: t.owner, effectiveUser: t.owner, triggerUid: t.uid, event: clockEvent(t, store.clock.now) });
}

/** Runs every clock trigger due at the current virtual time, earliest first. */
export function fireDueTimeTriggers(emu: Emulator): ExecutionResult[] {
  const results: ExecutionResult[] = [];
  const now = emu.store.clock.now;
  const fired = new Set<string>();
  for (let t = earliestDue(emu, now); t && !fired.has(t.uid); t = earliestDue(emu, now)) {
    fired.add(t.uid);
    results.push(fire(emu, t));
  }
  return results;
}

/** Moves the clock forward by ms, stopping at each due time in order to fire what falls due. */
export function advanceClock(emu: Emulator, ms: number): ExecutionResult[] {
  const store = emu.store;
  const target = store.clock.now + ms;
  const results: ExecutionResult[] = [];
  for (let t = earliestDue(emu, target); t; t = earliestDue(emu, target)) {
    store.clock.now = Math.max(store.clock.now, t.nextDue!);
    results.push(fire(emu, t));
  }
  store.clock.now = Math.max(store.clock.now, target);
  return results;
}

/** Holds the script lock as "another execution" for ms of virtual time. */
export function holdScriptLock(emu: Emulator, ms: number): void {
  emu.store.locks.script = { holder: 'external', until: emu.store.clock.now + ms };
}

export function releaseExternalScriptLock(emu: Emulator): void {
  if (emu.store.locks.script?.holder === 'external') emu.store.locks.script = undefined;
}

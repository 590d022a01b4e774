/**
 * Time-zone offsets without service calls: "UTC±hh:mm" is read directly, IANA names through
 * Intl (which Apps Script's V8 runtime has), cached per name. Unknown names give undefined.
 */
import type { OffsetOf } from './matching-types';

/** Hours east of UTC at `at` for each time zone name, computed once per name. */
export function offsetFinder(at: Date): OffsetOf {
  const cache = new Map<string, number | undefined>();
  return (tz: string) => {
    const key = tz.trim();
    if (!cache.has(key)) cache.set(key, offsetHours(key, at));
    return cache.get(key);
  };
}

export function offsetHours(tz: string, at: Date): number | undefined {
  const fixed = /^(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(tz);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) + Number(fixed[3] ?? 0) / 60);
  if (/^(UTC|GMT|Z)$/i.test(tz)) return 0;
  if (!tz.includes('/')) return undefined;
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(at);
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
    const utc = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes());
    return (local - utc) / 3600000;
  } catch {
    return undefined;
  }
}

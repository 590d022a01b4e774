/**
 * Time zones without service calls. One parser reads every written UTC offset ("UTC+2",
 * "gmt -5:30", "+05:30", "UTC−3" with a minus sign); IANA names ("Europe/Lisbon") go through
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

/**
 * The one UTC-offset parser: hours east of UTC for "UTC", "GMT", "Z", "UTC+2", "utc +02:00",
 * "GMT-5:30", "-0530", "+2" (a minus may be "-", "−" or "–"); undefined for anything else,
 * including offsets beyond ±14 h or minutes of 60 and more.
 */
export function parseUtcOffset(raw: string | undefined): number | undefined {
  const s = (raw ?? '').trim();
  if (/^(utc|gmt|z)$/i.test(s)) return 0;
  const m = /^(?:utc|gmt)?\s*([+\-\u2212\u2013])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(s);
  if (!m) return undefined;
  const minutes = Number(m[3] ?? 0);
  const hours = Number(m[2]) + minutes / 60;
  if (minutes >= 60 || hours > 14) return undefined;
  return m[1] === '+' ? hours : hours === 0 ? 0 : -hours;
}

/** An offset in hours as the registry writes it: 5.5 → "UTC+05:30", 0 → "UTC", -3 → "UTC-03:00". */
export function formatUtcOffset(hours: number): string {
  if (hours === 0) return 'UTC';
  const total = Math.round(Math.abs(hours) * 60);
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return `UTC${hours < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** A time-zone answer as the registry stores it: offsets written one way ("UTC+02:00"), IANA names and anything else kept as typed. */
export function normaliseTimeZone(raw: string): string {
  const s = raw.trim();
  const hours = parseUtcOffset(s);
  return hours === undefined ? s : formatUtcOffset(hours);
}

/** Hours east of UTC at `at` for an offset or an IANA name; undefined when unknown. */
export function offsetHours(tz: string, at: Date): number | undefined {
  const fixed = parseUtcOffset(tz);
  if (fixed !== undefined) return fixed;
  if (!tz.includes('/')) return undefined;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz.trim(),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(at);
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
    const utc = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes());
    return (local - utc) / 3600000;
  } catch {
    return undefined;
  }
}

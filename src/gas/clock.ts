/** Dates in a time zone, through Utilities and Session: the only way app/ formats dates. */
import { parseUtcOffset } from '../domain/timezone';

/** `date` written with a Java SimpleDateFormat `pattern` in `timeZone` (Utilities.formatDate). */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  return Utilities.formatDate(date, timeZone, pattern);
}

/** `date` written with `pattern` in the script's time zone. */
export function formatInScriptZone(date: Date, pattern: string): string {
  return Utilities.formatDate(date, Session.getScriptTimeZone(), pattern);
}

/** The script time zone's offset from UTC at `at`, in milliseconds east of UTC (0 when unreadable). */
export function scriptZoneOffsetMs(at: Date = new Date()): number {
  return (parseUtcOffset(formatInScriptZone(at, 'Z')) ?? 0) * 3600000;
}

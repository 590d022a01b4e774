/**
 * The public facilitator directory: who is listed (opted in, active facilitators), what of
 * them is public (never email, rate, notes), and a fair rotation of who is shown first.
 */
import type { DirectoryEntry } from '../ui/contracts';
import { languageLabel } from './languages';
import type { Row } from './rows';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** FNV-1a: a small, stable string hash for the daily shuffle. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function isListed(row: Row): boolean {
  return row.status === 'active' && row.listed === true && list(row.roles).includes('facilitator');
}

/**
 * Listed facilitators in today's order: a shuffle seeded by the date, so over the days each
 * one is first equally often, and the order is the same for everyone on a given day.
 */
export function directoryEntries(rows: Row[], day: string, requestUrlFor: (name: string) => string): DirectoryEntry[] {
  return rows
    .filter(isListed)
    .map((r) => ({
      id: String(r.id ?? ''),
      name: String(r.name ?? ''),
      languages: list(r.languages).map((code) => ({ code, label: languageLabel(code) })),
      skills: list(r.skills),
      bio: String(r.bio ?? ''),
      region: String(r.region ?? ''),
      country: String(r.country ?? ''),
      requestUrl: requestUrlFor(String(r.name ?? '')),
    }))
    .sort((a, b) => hash(`${day}|${a.id}`) - hash(`${day}|${b.id}`) || a.id.localeCompare(b.id));
}

/** JSON safe to place inside a <script> element (no "</script>", no "<!--"). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

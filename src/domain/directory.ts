/**
 * The public facilitator directory: who is listed (exactly the people a find-a-facilitator
 * request could be offered to), what of them is public (never email, rate, notes), and a fair
 * rotation of who is shown first.
 */
import { languageLabel } from './languages';
import { buildOfferIndex, matchTrainers, type MatchingPolicy } from './matching';
import type { Candidate } from './matching-types';
import type { TrainerRow } from './registry';

export interface LanguageOption {
  code: string;
  label: string;
}

/** One facilitator as the public directory shows it (sent to the page, so nothing private). */
export interface DirectoryEntry {
  id: string;
  name: string;
  languages: LanguageOption[];
  skills: string[];
  bio: string;
  region: string;
  country: string;
  /** The find-a-facilitator form, prefilled with this facilitator's name. */
  requestUrl: string;
}

/**
 * FNV-1a with murmur3's final mix: a small, stable string hash for the daily shuffle. Without the
 * mix, ids that differ in their last digit hash too alike and some people led twice as often.
 */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Who the directory lists: the trainers matching would not exclude from a find-a-facilitator
 * request that asks for nothing in particular — active, with a role that fits that origin
 * (Settings match.roles.find-a-facilitator), ticked "Listed in directory", some capacity, and,
 * when the circle requires it, a signed exchange agreement for certified trainers and
 * consultants. The same filters as matching, so the directory never promises someone matching
 * would not propose. (Gigs already taken do not hide anyone: capacity frees up again.)
 */
export function proposableForDirectory(candidates: Candidate[], policy: MatchingPolicy, now: Date): Set<string> {
  const anyRequest = { id: '', origin: 'find-a-facilitator' as const, skills: [], exclude: [] };
  const result = matchTrainers(anyRequest, candidates, buildOfferIndex([]), policy, now, () => undefined);
  return new Set(result.ranked.map((r) => r.trainerId));
}

/**
 * The listed people (`listed`: ids from proposableForDirectory) in today's order: a shuffle
 * seeded by the date, so over the days each one is first equally often, and the order is the
 * same for everyone on a given day.
 */
export function directoryEntries(rows: TrainerRow[], day: string, requestUrlFor: (name: string) => string, listed: ReadonlySet<string>): DirectoryEntry[] {
  return rows
    .filter((r) => r.listed === true && listed.has(r.id ?? ''))
    .map(({ id = '', name = '', languages = [], skills = [], bio = '', region = '', country = '' }) => ({
      id,
      name,
      languages: languages.map((code) => ({ code, label: languageLabel(code) })),
      skills,
      bio,
      region,
      country,
      requestUrl: requestUrlFor(name),
    }))
    .sort((a, b) => hash(`${day}|${a.id}`) - hash(`${day}|${b.id}`) || a.id.localeCompare(b.id));
}

/** JSON safe to place inside a <script> element (no "</script>", no "<!--"). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export const UNAVAILABLE_TITLE = 'Directory unavailable';

/**
 * The page a visitor sees when the registry cannot serve the directory (a sheet, column or
 * setting missing): plain words, no internal message, nothing that needs a script.
 */
export function unavailablePage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${UNAVAILABLE_TITLE}</title>
<style>
body { margin: 0; padding: 0 1rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #f7f8fa; }
main { max-width: 36rem; margin: 12vh auto 0; padding: 2rem 1.5rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
p { margin: 0 0 .75rem; }
</style>
</head>
<body>
<main role="main">
<h1>The directory is unavailable right now</h1>
<p role="status">We are doing some maintenance on the list of facilitators. Please try again in a little while.</p>
<p>Nothing you did caused this, and the help desk has been told.</p>
</main>
</body>
</html>`;
}

/**
 * "Why you" in an offer email: the score breakdown matching produced, said in plain words in
 * the trainer's language ("you cover both topics asked for: Consent, Rounds; same time zone;
 * you have had no gig for 3 months"). Pure: the words come from the Templates sheet's `why.*`
 * phrases (see Phrases), the facts from each criterion's `facts` and the trainer's last gig.
 * Only what speaks for the trainer is said — never a criterion key, a weight or a score.
 */
import type { Criterion } from './matching-types';
import type { Phrases } from './templates';

const DAY = 86400000;
/** A month for "no gig for N months": 30 days. */
const MONTH = 30 * DAY;
/** A time zone this close (hours) is worth saying. */
const NEAR_HOURS = 3;
/** Feedback at or above this average (of 5) is worth saying. */
const GOOD_FEEDBACK = 4;

export interface WhyHistory {
  now: Date;
  /** When this trainer last accepted a gig (any request), if ever. */
  lastGigAt?: Date;
}

/** The format names a request can hold, as phrase keys. */
const FORMAT_KEYS: Record<string, string> = { online: 'format.online', 'in person': 'format.inPerson', hybrid: 'format.hybrid' };

/** A format ("online", "in person", "hybrid") in the phrasebook's language; other text as it is. */
export function formatWord(format: string, say: Phrases): string {
  const key = FORMAT_KEYS[format.trim().toLowerCase()];
  return key ? say.say(key) : format.trim();
}

function counts(c: Criterion | undefined): boolean {
  return !!c && c.weight > 0;
}

/** The reasons that speak for the trainer, each a short clause in the phrasebook's language. */
export function whyClauses(breakdown: readonly Criterion[], history: WhyHistory, say: Phrases, location?: string): string[] {
  const by = new Map(breakdown.map((c) => [c.criterion, c]));
  const out: string[] = [];
  const pref = by.get('preference');
  if (counts(pref) && pref?.facts?.askedFor) out.push(say.say('why.askedFor'));
  const skills = by.get('skills');
  const covered = skills?.facts?.covered ?? [];
  const asked = skills?.facts?.asked ?? 0;
  if (counts(skills) && covered.length > 0 && asked > 0) {
    const topics = covered.join(', ');
    if (covered.length < asked) out.push(say.say('why.topics.some', { covered: String(covered.length), asked: String(asked), topics }));
    else if (asked === 1) out.push(say.say('why.topics.single', { topics }));
    else if (asked === 2) out.push(say.say('why.topics.both', { topics }));
    else out.push(say.say('why.topics.all', { topics }));
  }
  const tz = by.get('timeZone');
  const hours = tz?.facts?.hoursApart;
  if (counts(tz) && hours !== undefined && hours <= NEAR_HOURS) {
    out.push(hours === 0 ? say.say('why.timeZone.same') : say.say('why.timeZone.near', { hours: String(hours) }));
  }
  const fmt = by.get('format');
  if (counts(fmt) && fmt?.facts?.offers && fmt.facts.format) {
    out.push(
      fmt.facts.near && location?.trim()
        ? say.say('why.format.near', { location: location.trim() })
        : say.say('why.format', { format: formatWord(fmt.facts.format, say) }),
    );
  }
  const fair = by.get('fairness');
  if (counts(fair)) {
    const last = history.lastGigAt?.getTime();
    if (last === undefined || !Number.isFinite(last)) out.push(say.say('why.rotation.never'));
    else if (history.now.getTime() - last >= MONTH) out.push(say.count('why.rotation.months', Math.floor((history.now.getTime() - last) / MONTH)));
    else if (fair?.facts?.recentOffers === 0) out.push(say.say('why.rotation.noRecentOffers'));
  }
  const fb = by.get('feedback');
  if (counts(fb) && fb?.facts?.feedback !== undefined && fb.facts.feedback >= GOOD_FEEDBACK) out.push(say.say('why.feedback'));
  return out;
}

/** "Why you" as one line for the offer email; a plain fallback when nothing stands out. */
export function whyYou(breakdown: readonly Criterion[], history: WhyHistory, say: Phrases, location?: string): string {
  const clauses = whyClauses(breakdown, history, say, location);
  return clauses.length ? clauses.join('; ') : say.say('why.fallback');
}

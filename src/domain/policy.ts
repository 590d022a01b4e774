/**
 * Matching policy is circle policy, so it lives in the Settings sheet, not in code: weights,
 * windows, the exchange-agreement rule and which roles fit each origin. readPolicy reads it,
 * and any value it cannot use falls back to its default (a typo never stops matching).
 */
import { CRITERIA, type MatchPolicy } from './matching-types';
import { ORIGINS, ROLES, type Origin } from './registry';
import { SETTING_DEFAULTS, type Settings } from './settings';

/** Roles that fit each origin unless Settings say otherwise (the match.roles.* defaults). */
export const DEFAULT_ROLES = Object.fromEntries(ORIGINS.map((o) => [o, SETTING_DEFAULTS[`match.roles.${o}`]])) as Record<Origin, string>;

export type Policy = MatchPolicy & { rolesFor: Record<Origin, string[]>; capacityCountsPending: boolean; minTopics: number };

const def = (key: string): string => SETTING_DEFAULTS[key] ?? '';

/** A number ≥ min from Settings, else the default ("12,5" is read as 12.5: Sheets in many locales). */
function num(settings: Settings, key: string, min: number): number {
  const raw = settings.text(key).trim().replace(',', '.');
  const n = raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= min ? n : Number(def(key));
}

/** Known roles from a comma-separated setting; none known → the default. */
function roles(settings: Settings, origin: Origin): string[] {
  const pick = (s: string) =>
    s
      .split(',')
      .map((r) => r.trim().toLowerCase())
      .filter((r) => (ROLES as readonly string[]).includes(r));
  const got = pick(settings.text(`match.roles.${origin}`));
  return got.length ? got : pick(DEFAULT_ROLES[origin]);
}

/** The matching policy in force, from the Settings sheet with defaults for missing or unusable values. */
export function readPolicy(settings: Settings): Policy {
  let weights = Object.fromEntries(CRITERIA.map((k) => [k, num(settings, `match.weight.${k}`, 0)])) as MatchPolicy['weights'];
  // All weights 0 would make every score 0/0: treat it as a mistake, not as policy.
  if (CRITERIA.every((k) => weights[k] === 0))
    weights = Object.fromEntries(CRITERIA.map((k) => [k, Number(def(`match.weight.${k}`))])) as MatchPolicy['weights'];
  return {
    weights,
    rotationWindowDays: num(settings, 'match.rotationWindowDays', 1),
    capacityPeriodDays: num(settings, 'match.capacityPeriodDays', 1),
    capacityCountsPending: settings.flag('match.capacityCountsPending'),
    minTopics: Math.floor(num(settings, 'match.minTopics', 0)),
    requireExchangeAgreement: settings.flag('match.requireExchangeAgreement'),
    topN: Math.floor(num(settings, 'match.topN', 1)),
    rolesFor: Object.fromEntries(ORIGINS.map((o) => [o, roles(settings, o)])) as Record<Origin, string[]>,
  };
}

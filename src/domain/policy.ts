/**
 * Matching policy is circle policy, so it lives in the Settings sheet, not in code: weights,
 * windows, the exchange-agreement rule and which roles fit each origin. readPolicy reads it,
 * and any value it cannot use falls back to its default (a typo never stops matching).
 */
import type { MatchPolicy } from './matching-types';
import { ORIGINS, ROLES, type Origin } from './registry';
import type { SettingDef, Settings } from './settings';

/** Roles that fit each origin unless Settings say otherwise. */
export const DEFAULT_ROLES: Record<Origin, string> = {
  client: 'certified trainer, trainer in certification, certified consultant',
  'find-a-facilitator': 'facilitator',
  circle: 'certified trainer, trainer in certification, facilitator',
  'trainer-initiated': 'mentor',
  'sofa-standard': 'certified trainer',
};

const w = (key: string, value: string, description: string): SettingDef => ({ key: `match.weight.${key}`, value, description: `Weight of ${description}` });

/** The Settings rows that steer matching, with their defaults (Set up adds the missing ones). */
export const POLICY_SETTINGS: SettingDef[] = [
  w('skills', '40', 'topics: how many of the topics asked the person has.'),
  w('timeZone', '15', 'time zone: how close the person lives to the requester (8 hours or more apart counts as nothing).'),
  w('format', '10', 'format: the person offers the format asked; for in person, living near the location counts more.'),
  w('fairness', '20', 'fair rotation: people with fewer offers in the rotation window rank higher.'),
  w('feedback', '10', 'feedback: average feedback from past gigs (none yet counts as middling).'),
  w('preference', '5', 'the requester’s wish: a bonus for the person they asked for by name.'),
  { key: 'match.rotationWindowDays', value: '90', description: 'Days over which offers count for fair rotation.' },
  { key: 'match.capacityPeriodDays', value: '30', description: 'Days over which accepted gigs count against a person’s capacity (Capacity per month on Trainers).' },
  { key: 'match.requireExchangeAgreement', value: 'TRUE', description: 'TRUE: certified trainers and consultants without a signed, unexpired exchange agreement are not proposed. FALSE: they are.' },
  { key: 'match.topN', value: '5', description: 'How many people a proposal shows for each request.' },
  ...ORIGINS.map((o) => ({
    key: `match.roles.${o}`,
    value: DEFAULT_ROLES[o],
    description: `Roles that can be proposed for ${o} requests${o === 'find-a-facilitator' ? ' (they must also be listed in the directory)' : ''}, comma separated, from: ${ROLES.join(', ')}.`,
  })),
];

export type Policy = MatchPolicy & { rolesFor: Record<Origin, string[]> };

const def = (key: string): string => POLICY_SETTINGS.find((d) => d.key === key)?.value ?? '';

/** A number ≥ min from Settings, else the default ("12,5" is read as 12.5: Sheets in many locales). */
function num(settings: Settings, key: string, min: number): number {
  const raw = settings.text(key).trim().replace(',', '.');
  const n = raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= min ? n : Number(def(key));
}

/** Known roles from a comma-separated setting; none known → the default. */
function roles(settings: Settings, origin: Origin): string[] {
  const pick = (s: string) => s.split(',').map((r) => r.trim().toLowerCase()).filter((r) => (ROLES as readonly string[]).includes(r));
  const got = pick(settings.text(`match.roles.${origin}`));
  return got.length ? got : pick(DEFAULT_ROLES[origin]);
}

/** The matching policy in force, from the Settings sheet with defaults for missing or unusable values. */
export function readPolicy(settings: Settings): Policy {
  const keys = ['skills', 'timeZone', 'format', 'fairness', 'feedback', 'preference'] as const;
  let weights = Object.fromEntries(keys.map((k) => [k, num(settings, `match.weight.${k}`, 0)])) as MatchPolicy['weights'];
  // All weights 0 would make every score 0/0: treat it as a mistake, not as policy.
  if (keys.every((k) => weights[k] === 0)) weights = Object.fromEntries(keys.map((k) => [k, Number(def(`match.weight.${k}`))])) as MatchPolicy['weights'];
  const flag = settings.text('match.requireExchangeAgreement').trim();
  return {
    weights,
    rotationWindowDays: num(settings, 'match.rotationWindowDays', 1),
    capacityPeriodDays: num(settings, 'match.capacityPeriodDays', 1),
    requireExchangeAgreement: /^(false|no|n|0|off)$/i.test(flag) ? false : /^(true|yes|y|1|on)$/i.test(flag) || def('match.requireExchangeAgreement') === 'TRUE',
    topN: Math.floor(num(settings, 'match.topN', 1)),
    rolesFor: Object.fromEntries(ORIGINS.map((o) => [o, roles(settings, o)])) as Record<Origin, string[]>,
  };
}

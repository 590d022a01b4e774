/**
 * Circle policy and configuration live in the Settings sheet (Key, Value, Description), not in
 * code. SETTING_SPECS is the one table of every key the tool reads: its type, bounds and
 * default (an empty or missing value means the default). Descriptions are in
 * src/defaults/settings.json under the same keys; Set up writes both. A value outside its type
 * or bounds stops every action before it writes (see gas/registry.ts readSettings) and Check
 * registry marks its row.
 */
import { LANGUAGES } from './languages';
import { CRITERIA, type CriterionKey } from './matching-types';
import { ROLES } from './registry';

export type SettingType =
  /** Any text. */
  | 'text'
  /** One email address (empty: the default). */
  | 'email'
  /** Email addresses, comma separated. */
  | 'emails'
  /** TRUE/FALSE (also yes/no, 1/0, on/off). */
  | 'flag'
  /** A whole number within [min, max]. */
  | 'integer'
  /** A number within [min, max] ("12,5" reads as 12.5). */
  | 'number'
  /** Language codes, comma separated (en, pt, …). */
  | 'languages'
  /** Trainer roles, comma separated (certified trainer, facilitator, …). */
  | 'roles'
  /** One of `choices` (case-insensitive). */
  | 'choice';

export interface SettingSpec {
  key: string;
  type: SettingType;
  default: string;
  min?: number;
  /** Upper bound; a function when it depends on another setting (reminders come before expiry). */
  max?: number | ((value: (key: string) => number) => number);
  /** The bound in words when it depends on another setting (for the README). */
  maxText?: string;
  /** The values a 'choice' setting allows. */
  choices?: readonly string[];
}

/** How the help desk hears of new requests, declines, expiries and failures: each at once, or one summary. */
export const NOTIFY_MODES = ['immediate', 'daily', 'weekly'] as const;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const int = (key: string, dflt: number, min: number, max: SettingSpec['max']): SettingSpec => ({ key, type: 'integer', default: String(dflt), min, max });
/** Each scoring criterion's default weight (match.weight.<criterion>). */
const DEFAULT_WEIGHTS: Record<CriterionKey, number> = { skills: 40, timeZone: 15, format: 10, fairness: 20, feedback: 10, preference: 5 };

export const SETTING_SPECS: SettingSpec[] = [
  { key: 'helpdesk.name', type: 'text', default: 'SoFA Training Help Desk' },
  { key: 'helpdesk.email', type: 'email', default: '' },
  { key: 'helpdesk.team', type: 'emails', default: '' },
  { key: 'helpdesk.language', type: 'languages', default: 'en' },
  { key: 'notify.newRequests', type: 'flag', default: 'TRUE' },
  { key: 'languages', type: 'languages', default: 'en, es, pt, fr, de, it, nl, ru, uk, pl' },
  { key: 'learnerAdmin.email', type: 'email', default: '' },
  { key: 'learnerAdmin.language', type: 'languages', default: 'en' },
  { ...int('offers.remindAfterDays', 3, 0, (v) => v('offers.expireAfterDays') - 1), maxText: 'offers.expireAfterDays − 1' },
  int('offers.expireAfterDays', 7, 1, 60),
  { key: 'offers.autoOfferNext', type: 'flag', default: 'FALSE' },
  { key: 'directory.title', type: 'text', default: 'Find a sociocracy facilitator' },
  int('mail.reservePerDay', 5, 0, 1500),
  int('mail.maxAttempts', 5, 1, 20),
  int('mail.keepSentDays', 30, 1, 3650),
  int('jobs.budgetSeconds', 270, 0, 330),
  int('log.retentionDays', 180, 0, 36500),
  ...CRITERIA.map((c): SettingSpec => ({ key: `match.weight.${c}`, type: 'number', default: String(DEFAULT_WEIGHTS[c]), min: 0, max: 100 })),
  int('match.rotationWindowDays', 90, 1, 3650),
  int('match.capacityPeriodDays', 30, 1, 3650),
  { key: 'match.capacityCountsPending', type: 'flag', default: 'TRUE' },
  int('match.minTopics', 1, 0, 20),
  { key: 'match.requireExchangeAgreement', type: 'flag', default: 'TRUE' },
  int('match.topN', 5, 1, 50),
  { key: 'match.roles.client', type: 'roles', default: 'certified trainer, trainer in certification, certified consultant' },
  { key: 'match.roles.find-a-facilitator', type: 'roles', default: 'facilitator' },
  { key: 'match.roles.circle', type: 'roles', default: 'certified trainer, trainer in certification, facilitator' },
  { key: 'match.roles.trainer-initiated', type: 'roles', default: 'mentor' },
  { key: 'match.roles.sofa-standard', type: 'roles', default: 'certified trainer' },
  // The help desk's inbox (see app/summary.ts) and feedback from requesters (app/feedback.ts).
  { key: 'helpdesk.notify', type: 'choice', default: 'daily', choices: NOTIFY_MODES },
  int('helpdesk.summaryHour', 8, 0, 23),
  { key: 'helpdesk.summaryDay', type: 'choice', default: 'monday', choices: WEEKDAYS },
  { key: 'helpdesk.failuresAtOnce', type: 'flag', default: 'FALSE' },
  { key: 'feedback.ask', type: 'flag', default: 'TRUE' },
  int('feedback.afterDays', 7, 1, 365),
];

/** The default of every key (what an empty or missing value means). */
export const SETTING_DEFAULTS: Record<string, string> = Object.fromEntries(SETTING_SPECS.map((s) => [s.key, s.default]));

const FLAG_TRUE = /^(true|yes|y|1|on)$/i;
const FLAG_FALSE = /^(false|no|n|0|off)$/i;
const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]+$/;

function toNumber(raw: string): number {
  const t = raw.trim().replace(',', '.');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
}

const listOf = (raw: string): string[] =>
  raw
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** What the help desk may write for a setting, in words ("a whole number from 1 to 60"). */
export function allowedValues(spec: SettingSpec, value?: (key: string) => number): string {
  const max = typeof spec.max === 'function' ? (value ? spec.max(value) : (spec.maxText ?? spec.max((k) => Number(SETTING_DEFAULTS[k])))) : spec.max;
  const range = max !== undefined ? `from ${spec.min ?? 0} to ${max}` : `of at least ${spec.min ?? 0}`;
  switch (spec.type) {
    case 'integer':
      return `a whole number ${range}`;
    case 'number':
      return `a number ${range}`;
    case 'flag':
      return 'TRUE or FALSE';
    case 'email':
      return 'one email address, or leave it empty';
    case 'emails':
      return 'email addresses separated by commas, or leave it empty';
    case 'languages':
      return `language codes separated by commas, from: ${LANGUAGES.map((l) => l.code).join(', ')}`;
    case 'roles':
      return `roles separated by commas, from: ${ROLES.join(', ')}`;
    case 'choice':
      return `one of: ${(spec.choices ?? []).join(', ')}`;
    default:
      return 'any text';
  }
}

export interface SettingProblem {
  key: string;
  value: string;
  message: string;
}

/** Every value in `values` outside its key's type or bounds ("" means the default: never a problem). */
export function settingProblems(values: Record<string, string>): SettingProblem[] {
  const effective = (key: string): number => {
    const n = toNumber(values[key] ?? '');
    return Number.isFinite(n) ? n : Number(SETTING_DEFAULTS[key]);
  };
  const problems: SettingProblem[] = [];
  for (const spec of SETTING_SPECS) {
    const raw = (values[spec.key] ?? '').trim();
    if (raw === '') continue;
    let ok = true;
    if (spec.type === 'integer' || spec.type === 'number') {
      const n = toNumber(raw);
      const max = typeof spec.max === 'function' ? spec.max(effective) : spec.max;
      ok = Number.isFinite(n) && (spec.type === 'number' || Number.isInteger(n)) && n >= (spec.min ?? -Infinity) && n <= (max ?? Infinity);
    } else if (spec.type === 'flag') ok = FLAG_TRUE.test(raw) || FLAG_FALSE.test(raw);
    else if (spec.type === 'email') ok = EMAIL.test(raw);
    else if (spec.type === 'emails') ok = listOf(raw).every((e) => EMAIL.test(e));
    else if (spec.type === 'languages') ok = listOf(raw).length > 0 && listOf(raw).every((c) => LANGUAGES.some((l) => l.code === c.toLowerCase()));
    else if (spec.type === 'choice') ok = (spec.choices ?? []).includes(raw.toLowerCase());
    else if (spec.type === 'roles') ok = listOf(raw).length > 0 && listOf(raw).every((r) => (ROLES as readonly string[]).includes(r.toLowerCase()));
    if (!ok) problems.push({ key: spec.key, value: raw, message: `Settings: ${spec.key} is "${raw}"; use ${allowedValues(spec, effective)}.` });
  }
  return problems;
}

export class Settings {
  constructor(private readonly values: Record<string, string>) {}

  text(key: string): string {
    const v = this.values[key];
    return v !== undefined && v !== '' ? v : (SETTING_DEFAULTS[key] ?? '');
  }

  number(key: string): number {
    const n = toNumber(this.text(key));
    return Number.isFinite(n) ? n : Number(SETTING_DEFAULTS[key] ?? 0);
  }

  /** A 'choice' setting's value, lower-cased (validated against its choices by readSettings). */
  choice(key: string): string {
    return this.text(key).trim().toLowerCase();
  }

  /** TRUE/FALSE (yes/no, 1/0, on/off); a value it cannot read means the default (readSettings has refused it already). */
  flag(key: string): boolean {
    const v = this.text(key).trim();
    return FLAG_FALSE.test(v) ? false : FLAG_TRUE.test(v) || SETTING_DEFAULTS[key] === 'TRUE';
  }

  /** The first language code of a 'languages' setting, lower-cased: whose emails are written in it. */
  language(key: string): string {
    return this.text(key).split(',')[0].trim().toLowerCase() || 'en';
  }
}

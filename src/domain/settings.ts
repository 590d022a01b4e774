/**
 * Circle policy and configuration live in the Settings sheet (Key, Value, Description), not
 * in code. These are the keys the tool reads and the values it falls back to when a key is
 * missing or empty. Set up writes them with their descriptions from src/defaults/settings.json.
 */
export const SETTING_DEFAULTS: Record<string, string> = {
  'helpdesk.name': "SoFA Training Help Desk",
  'helpdesk.email': "",
  'notify.newRequests': "TRUE",
  'languages': "en, es, pt, fr, de, it, nl, ru, uk, pl",
  'learnerAdmin.email': "",
  'offers.remindAfterDays': "3",
  'offers.expireAfterDays': "7",
  'offers.autoOfferNext': "FALSE",
  'directory.title': "Find a sociocracy facilitator",
  'mail.reservePerDay': "5",
  'jobs.budgetSeconds': "270",
  'log.retentionDays': "180",
  'match.weight.skills': "40",
  'match.weight.timeZone': "15",
  'match.weight.format': "10",
  'match.weight.fairness': "20",
  'match.weight.feedback': "10",
  'match.weight.preference': "5",
  'match.rotationWindowDays': "90",
  'match.capacityPeriodDays': "30",
  'match.requireExchangeAgreement': "TRUE",
  'match.topN': "5",
  'match.roles.client': "certified trainer, trainer in certification, certified consultant",
  'match.roles.find-a-facilitator': "facilitator",
  'match.roles.circle': "certified trainer, trainer in certification, facilitator",
  'match.roles.trainer-initiated': "mentor",
  'match.roles.sofa-standard': "certified trainer",
};

export class Settings {
  constructor(private readonly values: Record<string, string>) {}

  text(key: string): string {
    const v = this.values[key];
    return v !== undefined && v !== '' ? v : (SETTING_DEFAULTS[key] ?? '');
  }

  number(key: string): number {
    const n = Number(this.text(key));
    return Number.isFinite(n) ? n : Number(SETTING_DEFAULTS[key] ?? 0);
  }

  flag(key: string): boolean {
    return /^(true|yes|1|on)$/i.test(this.text(key).trim());
  }
}

/**
 * Circle policy and configuration live in the Settings sheet (Key, Value, Description), not
 * in code. These are the keys the tool reads, with the defaults Set up writes.
 */
export interface SettingDef {
  key: string;
  value: string;
  description: string;
}

export const DEFAULT_SETTINGS: SettingDef[] = [
  { key: 'helpdesk.name', value: 'SoFA Training Help Desk', description: 'Sender name on every email the tool sends.' },
  { key: 'helpdesk.email', value: '', description: 'Where notices of new requests go. Empty: the account that runs the tool.' },
  { key: 'notify.newRequests', value: 'TRUE', description: 'TRUE: email the help desk about each new request. FALSE: only the weekly digest.' },
  { key: 'languages', value: 'en, es, pt, fr, de, it, nl, ru, uk, pl', description: 'Language codes offered in the forms and dropdowns (ISO 639-1, comma separated).' },
  { key: 'learnerAdmin.email', value: '', description: 'Learner Admin: gets the details of a SoFA standard training once a trainer has accepted it.' },
  { key: 'offers.remindAfterDays', value: '3', description: 'Days after which an unanswered offer gets one reminder.' },
  { key: 'offers.expireAfterDays', value: '7', description: 'Days after which an unanswered offer expires and the next candidate is proposed.' },
  { key: 'offers.autoOfferNext', value: 'FALSE', description: 'TRUE: when an offer is declined or expires, offer the next candidate at once. FALSE: propose them to the help desk.' },
  { key: 'directory.title', value: 'Find a sociocracy facilitator', description: 'Title of the public facilitator directory page.' },
  { key: 'mail.reservePerDay', value: '5', description: 'Emails kept back from the daily quota for urgent messages; other emails wait in the Outbox for the next day.' },
];

export class Settings {
  constructor(private readonly values: Record<string, string>) {}

  text(key: string): string {
    const v = this.values[key];
    if (v !== undefined && v !== '') return v;
    return DEFAULT_SETTINGS.find((d) => d.key === key)?.value ?? '';
  }

  number(key: string): number {
    const n = Number(this.text(key));
    return Number.isFinite(n) ? n : Number(DEFAULT_SETTINGS.find((d) => d.key === key)?.value ?? 0);
  }

  flag(key: string): boolean {
    return /^(true|yes|1|on)$/i.test(this.text(key).trim());
  }
}

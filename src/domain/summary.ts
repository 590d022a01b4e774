/**
 * The help desk's summary email, as pure functions: when it is due (the latest daily or weekly
 * slot in the script's time zone) and what it says (the held notices grouped by what needs
 * the help desk, each with a link to its row). app/summary.ts does the reading and queuing.
 */

const HOUR = 3600000;
const DAY = 24 * HOUR;

/** The sections of the summary, in the order they appear. */
export const SUMMARY_SECTIONS = ['new', 'review', 'declined', 'expired', 'notApplied', 'messages', 'failed', 'other'] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

/** Section titles when the Templates sheet has no helpdesk.summary.sections in the help desk's language. */
export type SectionTitles = Record<SummarySection | 'more', string>;

export const DEFAULT_SECTION_TITLES: SectionTitles = {
  new: 'New requests',
  review: 'Requests that need review',
  declined: 'Declined offers',
  expired: 'Offers that expired without an answer',
  notApplied: 'Acceptances not applied (over capacity, request closed, enough trainers)',
  messages: 'Messages from trainers',
  failed: 'Emails that failed',
  other: 'Other notices',
  more: '… and {{n}} more',
};

/** At most this many items are listed one by one: an Outbox cell holds 50,000 characters. */
export const MAX_LISTED = 150;

export interface SummaryItem {
  section: SummarySection;
  /** What happened, in one line (the notice's subject). */
  text: string;
  /** The row it is about: spreadsheet URL + #gid=…&range=A<row>. */
  link?: string;
}

/**
 * The latest summary moment at or before `now` (epoch ms): `hour` o'clock local time every day,
 * or on `weekday` (1 = Monday … 7 = Sunday) for a weekly summary. `offsetMs` is the time
 * zone's offset now (a daylight-saving change moves one summary by an hour, once).
 */
export function summarySlot(now: number, offsetMs: number, mode: 'daily' | 'weekly', hour: number, weekday = 1): number {
  const local = now + offsetMs;
  let slot = Math.floor(local / DAY) * DAY + hour * HOUR;
  if (slot > local) slot -= DAY;
  if (mode === 'weekly') {
    const target = weekday % 7; // JavaScript: 0 = Sunday
    while (new Date(slot).getUTCDay() !== target) slot -= DAY;
  }
  return slot - offsetMs;
}

/** Section titles from the body of the helpdesk.summary.sections template: one "key: Title" per line. */
export function sectionTitles(body: string | undefined): SectionTitles {
  const titles = { ...DEFAULT_SECTION_TITLES };
  for (const line of (body ?? '').split('\n')) {
    const m = /^\s*([A-Za-z]+)\s*:\s*(.+?)\s*$/.exec(line);
    if (m && m[1] in titles) titles[m[1] as keyof SectionTitles] = m[2];
  }
  return titles;
}

/**
 * The items as text, section by section ("New requests (3)", then "• text — link" lines).
 * Past MAX_LISTED items, each section ends with "… and N more" (every item still counts).
 */
export function summaryText(items: SummaryItem[], titles: SectionTitles): string {
  const out: string[] = [];
  let listed = 0;
  for (const section of SUMMARY_SECTIONS) {
    const these = items.filter((i) => i.section === section);
    if (these.length === 0) continue;
    out.push(`${titles[section]} (${these.length})`);
    let hidden = 0;
    for (const item of these) {
      if (listed >= MAX_LISTED) {
        hidden++;
        continue;
      }
      listed++;
      out.push(`• ${item.text}${item.link ? ` — ${item.link}` : ''}`);
    }
    if (hidden) out.push(titles.more.replace('{{n}}', String(hidden)));
    out.push('');
  }
  return out.join('\n').trim();
}

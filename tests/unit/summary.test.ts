import { averageRating, feedbackDue, feedbackIsDue, parseRating, trainingDate } from '../../src/domain/feedback';
import { parseUtcOffset } from '../../src/domain/timezone';
import { DEFAULT_SECTION_TITLES, MAX_LISTED, sectionTitles, summarySlot, summaryText, type SummaryItem } from '../../src/domain/summary';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
/** A Utilities.formatDate 'Z' offset ("+0530") in ms, as gas/clock.ts scriptZoneOffsetMs reads it. */
const zoneMs = (z: string) => (parseUtcOffset(z) ?? 0) * HOUR;

describe('summarySlot: the latest summary moment at or before now', () => {
  it('daily at 08:00 UTC', () => {
    expect(new Date(summarySlot(at('2026-11-25T09:30:00Z'), 0, 'daily', 8)).toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(new Date(summarySlot(at('2026-11-25T07:59:59Z'), 0, 'daily', 8)).toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(new Date(summarySlot(at('2026-11-25T08:00:00Z'), 0, 'daily', 8)).toISOString()).toBe('2026-11-25T08:00:00.000Z');
  });

  it('daily at 08:00 in São Paulo (UTC−3) and Kolkata (UTC+5:30)', () => {
    expect(new Date(summarySlot(at('2026-11-25T12:00:00Z'), zoneMs('-0300'), 'daily', 8)).toISOString()).toBe('2026-11-25T11:00:00.000Z');
    expect(new Date(summarySlot(at('2026-11-25T02:00:00Z'), zoneMs('+0530'), 'daily', 8)).toISOString()).toBe('2026-11-24T02:30:00.000Z');
    expect(new Date(summarySlot(at('2026-11-25T03:00:00Z'), zoneMs('+0530'), 'daily', 8)).toISOString()).toBe('2026-11-25T02:30:00.000Z');
  });

  it('weekly on the chosen weekday (1 = Monday … 7 = Sunday)', () => {
    // 2026-11-25 is a Wednesday.
    expect(new Date(summarySlot(at('2026-11-25T12:00:00Z'), 0, 'weekly', 8, 1)).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(new Date(summarySlot(at('2026-11-25T12:00:00Z'), 0, 'weekly', 8, 3)).toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(new Date(summarySlot(at('2026-11-25T07:00:00Z'), 0, 'weekly', 8, 3)).toISOString()).toBe('2026-11-18T08:00:00.000Z');
    expect(new Date(summarySlot(at('2026-11-25T12:00:00Z'), 0, 'weekly', 17, 7)).toISOString()).toBe('2026-11-22T17:00:00.000Z');
  });

  it('is never after now and never more than a period before it', () => {
    for (let t = at('2026-01-01T00:00:00Z'); t < at('2026-01-20T00:00:00Z'); t += 37 * 60_000) {
      for (const [mode, period] of [
        ['daily', DAY],
        ['weekly', 7 * DAY],
      ] as const) {
        const slot = summarySlot(t, zoneMs('+0100'), mode, 6, 5);
        expect(slot).toBeLessThanOrEqual(t);
        expect(t - slot).toBeLessThan(period);
      }
    }
  });
});

describe('summaryText', () => {
  const item = (section: SummaryItem['section'], text: string, link?: string): SummaryItem => ({ section, text, link });

  it('groups items by section in a fixed order, each line with its link', () => {
    const text = summaryText(
      [item('declined', 'R-2 declined', 'https://x/#gid=3&range=A2'), item('new', 'R-1 new', 'https://x/#gid=1&range=A5'), item('new', 'R-3 new')],
      DEFAULT_SECTION_TITLES,
    );
    expect(text).toBe('New requests (2)\n• R-1 new — https://x/#gid=1&range=A5\n• R-3 new\n\nDeclined offers (1)\n• R-2 declined — https://x/#gid=3&range=A2');
  });

  it(`lists at most ${MAX_LISTED} items and says how many more each section has`, () => {
    const items = Array.from({ length: MAX_LISTED + 7 }, (_, i) => item(i < 100 ? 'new' : 'review', `R-${i}`));
    const text = summaryText(items, DEFAULT_SECTION_TITLES);
    expect(text.match(/^• /gm)).toHaveLength(MAX_LISTED);
    expect(text).toContain(`Requests that need review (${MAX_LISTED + 7 - 100})`);
    expect(text).toMatch(/… and 7 more$/);
  });

  it('takes section titles from the template body, keeping the defaults for missing ones', () => {
    const titles = sectionTitles('new: Pedidos novos\nmore: … e mais {{n}}\nnonsense line\nbogus: x');
    expect(titles.new).toBe('Pedidos novos');
    expect(titles.more).toBe('… e mais {{n}}');
    expect(titles.review).toBe(DEFAULT_SECTION_TITLES.review);
    expect(titles).not.toHaveProperty('bogus');
  });
});

describe('feedback timing and ratings', () => {
  it('reads the last ISO date of the Dates cell, or nothing', () => {
    expect(trainingDate('2027-03-10 to 2027-03-12')?.toISOString()).toBe('2027-03-12T00:00:00.000Z');
    expect(trainingDate(new Date(Date.UTC(2027, 0, 5)))?.toISOString()).toBe('2027-01-05T00:00:00.000Z');
    expect(trainingDate('March 2027')).toBeUndefined();
    expect(trainingDate('')).toBeUndefined();
  });

  it('is due N days after the training, else after the connection, and not once it is two months late', () => {
    const connected = new Date(at('2026-11-24T10:00:00Z'));
    expect(feedbackDue('weekends in May', connected, 7)?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(feedbackDue('2027-01-10', connected, 7)?.toISOString()).toBe('2027-01-17T00:00:00.000Z');
    expect(feedbackDue('', undefined, 7)).toBeUndefined();
    const due = new Date(at('2026-12-01T10:00:00Z'));
    expect(feedbackIsDue(due, new Date(at('2026-12-01T09:59:00Z')))).toBe(false);
    expect(feedbackIsDue(due, new Date(at('2026-12-01T10:00:00Z')))).toBe(true);
    expect(feedbackIsDue(due, new Date(at('2027-03-01T10:00:00Z')))).toBe(false);
  });

  it('takes whole ratings 1–5 only and averages to one decimal', () => {
    expect(['1', ' 5 ', '0', '6', '3.5', 'x', ''].map(parseRating)).toEqual([1, 5, undefined, undefined, undefined, undefined, undefined]);
    expect(averageRating([5, 4, 4])).toEqual({ average: 4.3, count: 3 });
    expect(averageRating([])).toBeUndefined();
  });
});

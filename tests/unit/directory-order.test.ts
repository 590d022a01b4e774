/** README "The Find-a-Facilitator directory": the order is a shuffle seeded by the date. */
import { directoryEntries } from '../../src/domain/directory';
import type { Row } from '../../src/domain/rows';

const DAY = 86400_000;
const people = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `T-${String(i + 1).padStart(5, '0')}`, name: `Person ${i + 1}`, listed: true }));
const order = (rows: Row[], day: string) => directoryEntries(rows, day, () => '', new Set(rows.map((r) => String(r.id)))).map((e) => e.id);
const days = (from: string, n: number) => Array.from({ length: n }, (_, k) => new Date(Date.parse(from) + k * DAY).toISOString().slice(0, 10));

describe('the directory order', () => {
  it.each([2, 3, 6, 10])('over ten years each of %i people is first equally often (within 10%% of an equal share)', (n) => {
    const rows = people(n);
    const firsts = new Map<string, number>();
    const span = days('2026-01-01', 3650);
    for (const day of span) {
      const first = order(rows, day)[0];
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect(firsts.size).toBe(n);
    for (const count of firsts.values()) expect(Math.abs(count - span.length / n)).toBeLessThan(0.1 * (span.length / n));
  });

  it('is the same for every call on a day, whatever the order of the rows, and changes from day to day', () => {
    const rows = people(6);
    const day = '2026-12-03';
    expect(order(rows.slice().reverse(), day)).toEqual(order(rows, day));
    // 720 orders of 6 people: over 30 days nearly every day has its own (a repeat is chance, 1 in 720).
    const month = days(day, 30).map((d) => order(rows, d).join());
    expect(new Set(month).size).toBeGreaterThanOrEqual(28);
  });
});

/** The job runner's pure logic: the time budget, progress words, the state's property chunks. */
import {
  asciiJson,
  Budget,
  chunkKeys,
  CHUNK_CHARS,
  fromChunks,
  MAX_NOTES,
  newJobState,
  note,
  progressText,
  roomForAnotherStep,
  tally,
  toChunks,
} from '../../src/domain/jobs';

const job = () => newJobState({ name: 'pool-offers', title: 'Send these offers', verb: 'Sent', total: 300, items: ['R-00001|T-0001'] }, 1000);

describe('the time budget', () => {
  it('always runs the first step of an execution, even with no budget', () => {
    expect(roomForAnotherStep(999_999, 999_999, 0, 0)).toBe(true);
  });

  it('runs another step only if the time spent plus the longest step so far stays under the budget', () => {
    expect(roomForAnotherStep(200_000, 60_000, 270_000, 3)).toBe(true);
    expect(roomForAnotherStep(220_000, 60_000, 270_000, 3)).toBe(false);
    expect(roomForAnotherStep(0, 0, 0, 1)).toBe(false);
  });

  it('measures from the start of the execution and learns the longest step', () => {
    let now = 10_000;
    const budget = new Budget(0, 60_000, () => now);
    expect(budget.hasRoom()).toBe(true);
    budget.step(() => (now += 30_000));
    // 40 s spent, a step takes 30 s: 70 s > 60 s.
    expect(budget.hasRoom()).toBe(false);
    expect(budget.stepsRun).toBe(1);
  });

  it('times a step that throws', () => {
    let now = 0;
    const budget = new Budget(0, 10_000, () => now);
    expect(() =>
      budget.step(() => {
        now += 20_000;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(budget.hasRoom()).toBe(false);
  });
});

describe('progress and tallies', () => {
  it("says how far a job is in the help desk's words", () => {
    const s = job();
    s.done = 120;
    expect(progressText(s)).toBe('Sent 120 of 300');
    s.done = 400;
    expect(progressText(s)).toBe('Sent 300 of 300');
  });

  it('tallies and keeps a bounded number of notes', () => {
    const s = job();
    tally(s, 'offered');
    tally(s, 'offered', 2);
    for (let i = 0; i < MAX_NOTES + 5; i++) note(s, `R-${i}`);
    expect(s.counts).toEqual({ offered: 3, moreNotes: 5 });
    expect(s.notes).toHaveLength(MAX_NOTES);
  });
});

describe('the saved state in property-sized chunks', () => {
  it('a small state is one property under the job key', () => {
    const chunks = toChunks('job.pool-offers', job());
    expect(Object.keys(chunks)).toEqual(['job.pool-offers']);
    expect(fromChunks('job.pool-offers', chunks)).toEqual(job());
  });

  it('a large state is split into chunks of at most 8,000 ASCII characters and read back whole', () => {
    const s = job();
    s.items = Array.from({ length: 2000 }, (_, i) => `R-${String(i).padStart(5, '0')}|T-${String(i % 50).padStart(4, '0')}`);
    s.notes = ['Zoë — naïve ✓'];
    const chunks = toChunks('job.x', s);
    expect(Object.keys(chunks).length).toBeGreaterThan(3);
    for (const v of Object.values(chunks)) {
      expect(v.length).toBeLessThanOrEqual(CHUNK_CHARS);
      expect([...v].every((c) => c.charCodeAt(0) < 128)).toBe(true);
    }
    const all = { ...chunks, 'job.y': 'other', unrelated: '1' };
    expect(fromChunks('job.x', all)).toEqual(s);
    expect(chunkKeys('job.x', all)).toEqual(Object.keys(chunks));
  });

  it('an absent or damaged state reads as no job', () => {
    expect(fromChunks('job.x', {})).toBeUndefined();
    expect(fromChunks('job.x', { 'job.x': '{"name":' })).toBeUndefined();
    expect(fromChunks('job.x', { 'job.x': '42' })).toBeUndefined();
  });

  it('escapes every non-ASCII character so that characters and bytes count alike', () => {
    expect(asciiJson({ a: 'é→' })).toBe('{"a":"\\u00e9\\u2192"}');
    expect(JSON.parse(asciiJson({ a: 'é→' }))).toEqual({ a: 'é→' });
  });
});

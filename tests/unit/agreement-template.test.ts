import {
  formatMoney,
  formatValue,
  inlineEdits,
  preflight,
  renderText,
  scanTags,
  sectionMarker,
  templateTags,
  type ValueFormat,
} from '../../src/domain/agreement-template';

const fmt: ValueFormat = { date: (d) => d.toISOString().slice(0, 10), locale: 'en_US' };

/** A small seeded generator (mulberry32): the same strings on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const PIECES = [
  '$',
  '\\',
  '.',
  '*',
  '(',
  ')',
  '{{',
  '}}',
  '$1',
  '$&',
  '$$',
  '\n',
  '\r\n',
  '\u200f',
  '\u202e',
  'a',
  'Ж',
  'é',
  ' ',
  '{{name}}',
  '{{#if x}}',
  '{{/if}}',
  '\\1',
  '^',
  '|',
  '?',
  '[',
  '+',
];
function trickyValues(n: number, seed = 7): string[] {
  const next = rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''));
}

describe('templateTags', () => {
  it("lists fields (dotted paths), if conditions and each lists; fields inside an each row are the list items'", () => {
    const text =
      'Dear {{trainer.name}},\n{{#if outreach}}We promote {{ title }}.{{/if}}\n{{#each sessions}}\t{{this.date}}\t{{hours}}\t{{/each}}\nTotal {{fee}}';
    expect(templateTags(text)).toEqual({
      fields: ['trainer.name', 'title', 'sessions.date', 'sessions.hours', 'fee'],
      ifs: ['outreach'],
      eaches: ['sessions'],
    });
  });

  it('an each without {{/each}} lasts to the end of its line', () => {
    expect(templateTags('{{#each fees}} {{label}} {{amount}}\n{{label}}').fields).toEqual(['fees.label', 'fees.amount', 'label']);
  });

  it('a {{…}} that is no valid tag is kept as a field named by its text (pre-flight calls it unknown)', () => {
    expect(scanTags('{{ not a tag }}')).toEqual([{ start: 0, end: 15, kind: 'field', path: 'not a tag' }]);
  });
});

describe('preflight', () => {
  const data = {
    trainer: { name: 'Ana', email: '' },
    fee: { amount: 10, currency: 'EUR' },
    sessions: [{ date: new Date(0), hours: 2 }],
    outreach: false,
    currency: 'EUR',
  };

  it('a tag no data provides is unknown; a required field empty on the row is listed', () => {
    const tags = templateTags(
      '{{trainer.name}} {{trainer.phone}} {{#if outreach}}x{{/if}} {{#if promo}}y{{/if}} {{#each sessions}}{{date}} {{room}} {{currency}}',
    );
    expect(preflight(tags, data, ['trainer.name', 'trainer.email', 'term'])).toEqual({
      unknownTags: ['trainer.phone', 'sessions.room', 'promo'],
      emptyRequired: ['trainer.email', 'term'],
    });
  });

  it("an empty list cannot show its items' fields as unknown; a clean template passes", () => {
    expect(preflight(templateTags('{{#each sessions}}{{date}}'), { sessions: [] }, [])).toEqual({ unknownTags: [], emptyRequired: [] });
    expect(preflight(templateTags('{{trainer.name}}'), data, ['trainer.name'])).toEqual({ unknownTags: [], emptyRequired: [] });
  });
});

describe('filling text', () => {
  it('fills fields, keeps or removes inline ifs (nested), and leaves unknown fields as typed', () => {
    const data = { a: 'A', yes: 'x', no: '', zero: 0, off: false, list: [] };
    expect(renderText('{{a}}|{{#if yes}}Y{{#if no}}N{{/if}}{{/if}}|{{#if off}}F{{/if}}|{{#if zero}}0{{/if}}|{{#if list}}L{{/if}}|{{b}}', { data }, fmt)).toBe(
      'A|Y||0||{{b}}',
    );
    expect(inlineEdits('{{b}} {{#if a}}', { data }, fmt)).toMatchObject({ missing: ['b'], unbalanced: ['{{#if a}}'] });
  });

  it('inside an each row, {{this.x}} and {{x}} read the item, then the top-level data', () => {
    expect(renderText('{{#each s}}{{this.d}} {{d}} {{c}} {{this}}{{/each}}', { data: { c: 'EUR' }, item: { d: 'D' }, list: 's' }, fmt)).toBe('D D EUR ');
  });

  it('property: any value (with $, \\, ., *, (, {{, }}, $1, $&, newlines, RTL marks) comes out exactly as typed', () => {
    for (const v of trickyValues(500)) {
      expect(renderText('<{{v}}>', { data: { v } }, fmt)).toBe(`<${v}>`);
      expect(renderText('{{#if v}}[{{v}}]{{/if}}{{w}}', { data: { v, w: v } }, fmt)).toBe(v.trim() ? `[${v}]${v}` : v);
    }
  });

  it('a paragraph that is only {{#if x}} or {{/if}} is a section marker', () => {
    expect(sectionMarker('  {{#if outreach}} ')).toEqual({ kind: 'if', path: 'outreach' });
    expect(sectionMarker('{{/if}}')).toEqual({ kind: 'endif' });
    expect(sectionMarker('x {{/if}}')).toBeUndefined();
  });
});

describe('values', () => {
  it("dates through the given formatter (the spreadsheet's time zone), money and numbers by locale", () => {
    expect(formatValue(new Date(Date.UTC(2026, 11, 3)), fmt)).toBe('2026-12-03');
    expect(formatMoney({ amount: 1234.5, currency: 'EUR' }, 'en_US')).toBe('1,234.50 EUR');
    expect(formatMoney({ amount: 1234.5, currency: 'EUR' }, 'de_DE')).toBe('1.234,50 EUR');
    expect(formatMoney({ amount: -1234567, currency: 'RUB' }, 'ru')).toBe('-1 234 567,00 RUB');
    expect(formatValue(12.5, { ...fmt, locale: 'pt_BR' })).toBe('12,5');
    expect([formatValue(true, fmt), formatValue(null, fmt), formatValue(['a', 2], fmt)]).toEqual(['yes', '', 'a, 2']);
  });
});

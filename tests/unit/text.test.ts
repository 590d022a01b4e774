import { asLiteralText, escapeHtml, fillTemplate, fitCell, looksLikeFormula, normaliseEmail, oneLine, safeFileName, splitChoices } from '../../src/domain/text';

describe('text safety', () => {
  it.each(['=1+1', '+1 555', '-5', '@SUM(A1)', '\t=x', '\r=x', '\n=x'])('treats %j as formula-like and writes it as literal text', (s) => {
    expect(looksLikeFormula(s)).toBe(true);
    expect(asLiteralText(s)).toBe(`'${s}`);
  });

  it('leaves the empty string empty', () => expect(asLiteralText('')).toBe(''));

  it('cuts text longer than a cell holds and says so', () => {
    const r = fitCell('x'.repeat(60000));
    expect(r.cut).toBe(true);
    expect(r.text.length).toBe(50000);
    expect(r.text).toContain('cut: 60000 characters');
    expect(fitCell('short')).toEqual({ text: 'short', cut: false });
  });

  it('escapes HTML', () => expect(escapeHtml(`<b onclick="x">Tom & 'Jerry'</b>`)).toBe('&lt;b onclick=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;'));

  it.each([
    ['  Ana@Example.ORG ', { ok: true, email: 'ana@example.org' }],
    ['', { ok: false, reason: 'email missing' }],
    ['a@b.org, c@d.org', { ok: false }],
    ['a@b.org; c@d.org', { ok: false }],
    ['not-an-email', { ok: false }],
    ['a@b', { ok: false }],
  ])('normalises email %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toMatchObject(expected);
  });

  it('makes one line of anything', () => expect(oneLine('a\n\tb\u0000c   d')).toBe('a b c d'));
  it('makes safe file names', () => expect(safeFileName('Agreement: a/b*c?')).toBe('Agreement- a-b-c-'));

  it('splits checkbox answers whose choices contain commas', () => {
    const known = ['Consulting', 'Selling, influencing & evangelizing', 'Measurement, benchmarking & reporting'];
    expect(splitChoices('Consulting, Selling, influencing & evangelizing, My own thing', known)).toEqual([
      'Consulting',
      'Selling, influencing & evangelizing',
      'My own thing',
    ]);
    expect(splitChoices('', known)).toEqual([]);
    expect(splitChoices(', ,a', [])).toEqual(['a']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('Hi {{name}}, {{ missing }}', { name: '<Ana>' }, (v) => escapeHtml(v))).toBe('Hi &lt;Ana&gt;, {{ missing }}');
  });
});

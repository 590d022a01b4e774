import { DEFAULT_TEMPLATES } from '../../src/defaults/defaults';
import type { Criterion } from '../../src/domain/matching-types';
import { SETTING_DEFAULTS } from '../../src/domain/settings';
import { Phrases, pluralCategory, renderEmail } from '../../src/domain/templates';
import { whyYou } from '../../src/domain/why';

/** The languages every email and phrase is shipped in (every language the registry offers by default: Settings `languages`). */
const LANGS = ['en', 'es', 'pt', 'ru', 'fr', 'de', 'it', 'nl', 'uk', 'pl'];
const tags = (s: string): string[] => [...new Set([...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]))].sort();
const PLURAL = /\.(one|few|many|other)$/;

const keysIn = (lang: string) => new Set(DEFAULT_TEMPLATES.filter((t) => t.language === lang).map((t) => t.key));
const english = DEFAULT_TEMPLATES.filter((t) => t.language === 'en');

describe('every template in every language', () => {
  it('ships every language the registry offers by default, each once per key', () => {
    expect([...LANGS].sort()).toEqual(
      SETTING_DEFAULTS.languages
        .split(',')
        .map((c) => c.trim())
        .sort(),
    );
    expect([...new Set(DEFAULT_TEMPLATES.map((t) => t.language))].sort()).toEqual([...LANGS].sort());
    const seen = new Set<string>();
    for (const t of DEFAULT_TEMPLATES) {
      const k = `${t.key}|${t.language}`;
      expect(seen.has(k)).toBe(false);
      seen.add(k);
    }
  });

  it.each(LANGS)('%s has every English key (plural forms: at least one and other) and no key English lacks', (lang) => {
    const own = keysIn(lang);
    const en = keysIn('en');
    for (const key of en) {
      if (PLURAL.test(key)) {
        const base = key.replace(PLURAL, '');
        expect([own.has(`${base}.one`), own.has(`${base}.other`), key]).toEqual([true, true, key]);
      } else expect([lang, key, own.has(key)]).toEqual([lang, key, true]);
    }
    for (const key of own) expect([lang, key, en.has(key) || (PLURAL.test(key) && en.has(key.replace(PLURAL, '.other')))]).toEqual([lang, key, true]);
  });

  it.each(LANGS)('%s uses exactly the {{tags}} English uses, in subject and body', (lang) => {
    for (const en of english) {
      const own = DEFAULT_TEMPLATES.filter(
        (t) => t.language === lang && (t.key === en.key || (PLURAL.test(en.key) && t.key.replace(PLURAL, '') === en.key.replace(PLURAL, ''))),
      );
      for (const t of own) {
        expect([t.key, lang, 'subject', tags(t.subject)]).toEqual([t.key, lang, 'subject', tags(en.subject)]);
        expect([t.key, lang, 'body', tags(t.body)]).toEqual([t.key, lang, 'body', tags(en.body)]);
      }
    }
  });

  it.each(LANGS.filter((l) => l !== 'en'))('%s is a translation, not a copy of English', (lang) => {
    // Emails (with a subject) differ from English; only a handful of short phrases may coincide ("online", "Format:").
    for (const en of english.filter((t) => t.subject)) {
      const own = DEFAULT_TEMPLATES.find((t) => t.key === en.key && t.language === lang)!;
      expect([en.key, own.body === en.body]).toEqual([en.key, false]);
    }
    const same = english.filter((en) => !en.subject && DEFAULT_TEMPLATES.find((t) => t.key === en.key && t.language === lang)?.body === en.body);
    expect(same.length).toBeLessThanOrEqual(4);
  });

  it('every email has a subject and every phrase none', () => {
    for (const t of DEFAULT_TEMPLATES) {
      const phrase = /^(label|format|reason|nextStep|what|answer|note|message|why)\./.test(t.key);
      expect([t.key, t.language, phrase ? t.subject === '' : t.subject !== '']).toEqual([t.key, t.language, true]);
    }
  });

  it('renders a Russian reminder whole: no {{tag}} and no English left in it', () => {
    const e = renderEmail(DEFAULT_TEMPLATES, 'offer.reminder', 'ru', {
      name: 'Ольга',
      requestId: 'R-7',
      summary: 'Заявка: R-7',
      acceptLink: 'https://a',
      declineLink: 'https://d',
      answerBy: '2026-01-09',
      helpdeskName: 'HD',
    })!;
    expect(e.subject).toBe('Напоминание: заявка на обучение R-7 ждёт вашего ответа');
    expect(e.body).not.toMatch(/\{\{|Accept|Decline|Hello|reminder/);
  });
});

describe('phrases', () => {
  it('says a label in the language, English when the language lacks it, the key when nobody has it', () => {
    expect(new Phrases(DEFAULT_TEMPLATES, 'es').say('label.language')).toBe('Idioma:');
    expect(new Phrases(DEFAULT_TEMPLATES, 'ja').say('label.language')).toBe('Language:');
    expect(new Phrases(DEFAULT_TEMPLATES, 'es').say('label.nothing')).toBe('label.nothing');
  });

  it('picks plural forms by language', () => {
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => pluralCategory('ru', n))).toEqual(['one', 'few', 'many', 'many', 'one', 'few', 'many']);
    expect([0, 1, 2].map((n) => pluralCategory('en', n))).toEqual(['other', 'one', 'other']);
    expect([0, 1, 2].map((n) => pluralCategory('fr', n))).toEqual(['one', 'one', 'other']);
    const ru = new Phrases(DEFAULT_TEMPLATES, 'ru');
    expect(ru.count('why.rotation.months', 1)).toBe('у вас не было заказов уже 1 месяц');
    expect(ru.count('why.rotation.months', 3)).toBe('у вас не было заказов уже 3 месяца');
    expect(ru.count('why.rotation.months', 5)).toBe('у вас не было заказов уже 5 месяцев');
    expect(new Phrases(DEFAULT_TEMPLATES, 'en').count('why.rotation.months', 1)).toBe('you have had no gig for 1 month');
    expect(new Phrases(DEFAULT_TEMPLATES, 'de').count('why.rotation.months', 4)).toBe('du hattest seit 4 Monaten keinen Auftrag');
    expect(new Phrases(DEFAULT_TEMPLATES, 'uk').count('why.rotation.months', 22)).toBe('у вас не було замовлень уже 22 місяці');
    expect(new Phrases(DEFAULT_TEMPLATES, 'pl').count('why.rotation.months', 5)).toBe('od 5 miesięcy nie masz zleceń');
  });
});

describe('"Why you" in plain words', () => {
  const crit = (criterion: Criterion['criterion'], value: number, weight: number, facts: Criterion['facts'], reason = 'internal'): Criterion => ({
    criterion,
    value,
    weight,
    points: value * weight,
    reason,
    facts,
  });
  const now = new Date('2026-06-01T12:00:00Z');
  const breakdown: Criterion[] = [
    crit('skills', 1, 40, { covered: ['Consent decision-making', 'Rounds'], asked: 2 }, '2 of 2 topics'),
    crit('timeZone', 1, 15, { hoursApart: 0 }, 'same time zone'),
    crit('format', 1, 10, { format: 'online', offers: true }),
    crit('fairness', 1, 20, { recentOffers: 0 }, 'no offers in the last 90 days'),
    crit('feedback', 0.5, 10, {}, 'no feedback yet'),
    crit('preference', 0, 5, { askedFor: false }),
  ];
  const threeMonthsAgo = new Date(now.getTime() - 95 * 86400000);

  it("says the issue's example in English, with no criterion key or number of points", () => {
    const s = whyYou(breakdown, { now, lastGigAt: threeMonthsAgo }, new Phrases(DEFAULT_TEMPLATES, 'en'));
    expect(s).toBe(
      'you cover both topics asked for: Consent decision-making, Rounds; same time zone; you offer the format asked for (online); you have had no gig for 3 months',
    );
    expect(s).not.toMatch(/timeZone|fairness|preference|\d+\.\d/);
  });

  it('says it in Spanish and Russian', () => {
    expect(whyYou(breakdown, { now, lastGigAt: threeMonthsAgo }, new Phrases(DEFAULT_TEMPLATES, 'es'))).toBe(
      'dominas los dos temas solicitados: Consent decision-making, Rounds; misma zona horaria; ofreces el formato solicitado (en línea); llevas 3 meses sin encargos',
    );
    expect(whyYou(breakdown, { now }, new Phrases(DEFAULT_TEMPLATES, 'ru'))).toBe(
      'вы ведёте обе запрошенные темы: Consent decision-making, Rounds; тот же часовой пояс; вы работаете в нужном формате (онлайн); у вас ещё не было заказов через службу поддержки',
    );
  });

  it('leaves out what does not speak for the trainer, and what Settings weigh at 0', () => {
    const weak: Criterion[] = [
      crit('skills', 0.5, 40, { covered: ['Rounds'], asked: 2 }),
      crit('timeZone', 0.25, 15, { hoursApart: 6 }),
      crit('format', 0, 10, { format: 'in person', offers: false, near: false }),
      crit('fairness', 0.5, 0, { recentOffers: 1 }),
      crit('feedback', 1, 10, { feedback: 4.8 }),
      crit('preference', 1, 5, { askedFor: true }),
    ];
    expect(whyYou(weak, { now, lastGigAt: new Date(now.getTime() - 5 * 86400000) }, new Phrases(DEFAULT_TEMPLATES, 'en'))).toBe(
      'the requester asked for you by name; you cover 1 of the 2 topics asked for: Rounds; good feedback from your earlier trainings',
    );
  });

  it('says where an in-person trainer is based, and a plain fallback when nothing stands out', () => {
    const near: Criterion[] = [crit('format', 1, 10, { format: 'in person', offers: true, near: true })];
    expect(whyYou(near, { now }, new Phrases(DEFAULT_TEMPLATES, 'de'), 'Berlin')).toBe('du wohnst in der Nähe von Berlin');
    expect(whyYou([crit('skills', 0, 40, { covered: [], asked: 3 })], { now }, new Phrases(DEFAULT_TEMPLATES, 'fr'))).toBe(
      'vous parlez la langue et avez le rôle dont cette demande a besoin',
    );
  });
});

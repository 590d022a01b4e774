import { languageCode } from '../../src/domain/languages';
import { fold as matchingFold, zoneOffset } from '../../src/domain/matching';
import { matchSkills } from '../../src/domain/taxonomy';
import { foldText } from '../../src/domain/text';
import { formatUtcOffset, normaliseTimeZone, offsetHours, parseUtcOffset } from '../../src/domain/timezone';

describe('foldText: one Unicode-right fold', () => {
  it.each([
    ['João Araújo', 'joao araujo'],
    ['  CAFÉ-crème! ', 'cafe creme'],
    ['Straße', 'strasse'],
    ['İstanbul', 'istanbul'],
    ['Ｆｕｌｌ　ｗｉｄｔｈ', 'full width'],
    ['ﬁnance', 'finance'],
    ['Фасилитация', 'фасилитация'],
    ['Ёлка', 'елка'],
    ['Ελληνικά', 'ελληνικα'],
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευσ'],
    ['العَرَبِيَّة', 'العربية'],
    ['עִבְרִית', 'עברית'],
    ['中文 / 日本語', '中文 日本語'],
    ['Selling, influencing & evangelizing', 'selling influencing evangelizing'],
  ])('%j → %j', (input, folded) => expect(foldText(input)).toBe(folded));

  it('keeps different words of non-Latin scripts different', () => {
    const words = ['Фасилитация', 'Социократия', 'Обучение', 'Ελληνικά', 'Ρόλοι', '会議', '合意', 'تدريب', 'تيسير', 'हिन्दी', 'हिंदू', 'が', 'か'];
    const folded = words.map(foldText);
    expect(new Set(folded).size).toBe(words.length);
    for (const f of folded) expect(f).not.toBe('');
  });

  it('gives the empty string for nothing and for punctuation only', () => {
    expect(foldText(undefined)).toBe('');
    expect(foldText('  — , ; ')).toBe('');
  });

  it('is the fold matching uses', () => expect(matchingFold).toBe(foldText));

  it('matches taxonomy entries in every script, and only the right one', () => {
    const taxonomy = [
      { area: 'Процесс', skill: 'Фасилитация' },
      { area: 'Процесс', skill: 'Социократия' },
      { area: 'Λ', skill: 'Ρόλοι' },
      { area: 'CJK', skill: '会議の進行' },
      { area: 'ar', skill: 'تيسير' },
      { area: 'Business', skill: 'Selling, influencing & evangelizing' },
    ];
    const r = matchSkills(['фасилитация', 'ΡΟΛΟΙ', '会議の進行', 'تَيسير', 'selling influencing and evangelizing', 'Обучение'], taxonomy);
    expect(r.skills).toEqual(['Фасилитация', 'Ρόλοι', '会議の進行', 'تيسير']);
    expect(r.unknown).toEqual(['selling influencing and evangelizing', 'Обучение']);
  });

  it('reads language answers in any script and form', () => {
    expect(languageCode('Русский')).toBe('ru');
    expect(languageCode('РУССКИЙ')).toBe('ru');
    expect(languageCode('Ελληνικά (Greek)')).toBe('el');
    expect(languageCode('ελληνικα')).toBe('el');
    expect(languageCode('العربية')).toBe('ar');
    expect(languageCode('中文')).toBe('zh');
    expect(languageCode('Português (Portuguese)')).toBe('pt');
    expect(languageCode('pt-BR')).toBe('pt');
    expect(languageCode('English / Inglés')).toBe('en');
    expect(languageCode('Klingon')).toBeUndefined();
  });
});

describe('parseUtcOffset: one UTC-offset parser', () => {
  it.each([
    ['UTC', 0],
    ['gmt', 0],
    ['Z', 0],
    ['UTC+2', 2],
    ['utc +02:00', 2],
    ['GMT-5:30', -5.5],
    ['-0530', -5.5],
    ['+2', 2],
    ['UTC−3', -3],
    ['UTC–03:00', -3],
    ['UTC+14:00', 14],
    ['UTC-00:00', 0],
  ])('%j is %p h east of UTC', (s, h) => expect(parseUtcOffset(s)).toBe(h));

  it.each(['UTC+15', 'UTC+05:60', 'Europe/Lisbon', 'somewhere', '', '5'])('%j is not an offset', (s) => expect(parseUtcOffset(s)).toBeUndefined());

  it('writes offsets one way', () => {
    expect(formatUtcOffset(5.5)).toBe('UTC+05:30');
    expect(formatUtcOffset(-3)).toBe('UTC-03:00');
    expect(formatUtcOffset(0)).toBe('UTC');
    expect(normaliseTimeZone(' gmt -5:30 ')).toBe('UTC-05:30');
    expect(normaliseTimeZone('UTC−3')).toBe('UTC-03:00');
    expect(normaliseTimeZone('Europe/Lisbon')).toBe('Europe/Lisbon');
  });

  it('is what matching and offsetHours read', () => {
    const at = new Date('2026-01-15T12:00:00Z');
    for (const s of ['UTC−3', '+05:30', 'gmt', 'UTC+15']) {
      expect(zoneOffset(s, (tz) => offsetHours(tz, at))).toBe(parseUtcOffset(s));
      expect(offsetHours(s, at)).toBe(parseUtcOffset(s));
    }
  });
});

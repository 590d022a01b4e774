/**
 * Languages as ISO 639-1 codes. Answers arrive as names in English or in the language
 * itself ("Português", "Русский"), or as codes; the registry stores codes.
 */
import { foldText as fold } from './text';

export interface Language {
  code: string;
  english: string;
  native: string;
}

/** code|English name|name in the language, one per line. */
export const LANGUAGES: Language[] = [
  'en|English|English',
  'es|Spanish|Español',
  'pt|Portuguese|Português',
  'fr|French|Français',
  'de|German|Deutsch',
  'it|Italian|Italiano',
  'nl|Dutch|Nederlands',
  'ru|Russian|Русский',
  'uk|Ukrainian|Українська',
  'pl|Polish|Polski',
  'tr|Turkish|Türkçe',
  'ar|Arabic|العربية',
  'he|Hebrew|עברית',
  'fa|Persian|فارسی',
  'hi|Hindi|हिन्दी',
  'zh|Chinese|中文',
  'ja|Japanese|日本語',
  'ko|Korean|한국어',
  'sv|Swedish|Svenska',
  'da|Danish|Dansk',
  'no|Norwegian|Norsk',
  'fi|Finnish|Suomi',
  'el|Greek|Ελληνικά',
  'ca|Catalan|Català',
  'sw|Swahili|Kiswahili',
  'id|Indonesian|Bahasa Indonesia',
].map((line) => {
  const [code, english, native] = line.split('|');
  return { code, english, native };
});

const BY_KEY = new Map<string, string>();
for (const l of LANGUAGES) for (const k of [l.code, l.english, l.native]) BY_KEY.set(fold(k), l.code);

/** The code for a language answer, or undefined when it is not a language we know. */
export function languageCode(answer: string): string | undefined {
  const key = fold(answer);
  if (BY_KEY.has(key)) return BY_KEY.get(key);
  // "Português (Portuguese)", "pt-BR", "English / Inglés": try each part (split before folding,
  // which turns punctuation into spaces).
  for (const raw of answer.split(/[()/,;|]|\s+-\s+/)) {
    const part = fold(raw);
    const base = fold(raw.trim().split(/[-_]/)[0]);
    if (part && BY_KEY.has(part)) return BY_KEY.get(part);
    if (base && BY_KEY.has(base)) return BY_KEY.get(base);
  }
  return undefined;
}

/** The label a form shows for a code: "Português (Portuguese)". */
export function languageLabel(code: string): string {
  const l = LANGUAGES.find((x) => x.code === code);
  if (!l) return code;
  return l.native === l.english ? l.english : `${l.native} (${l.english})`;
}

/**
 * Languages as ISO 639-1 codes. Answers arrive as names in English or in the language
 * itself ("Português", "Русский"), or as codes; the registry stores codes.
 */
export interface Language {
  code: string;
  english: string;
  native: string;
}

export const LANGUAGES: Language[] = [
  { code: 'en', english: 'English', native: 'English' },
  { code: 'es', english: 'Spanish', native: 'Español' },
  { code: 'pt', english: 'Portuguese', native: 'Português' },
  { code: 'fr', english: 'French', native: 'Français' },
  { code: 'de', english: 'German', native: 'Deutsch' },
  { code: 'it', english: 'Italian', native: 'Italiano' },
  { code: 'nl', english: 'Dutch', native: 'Nederlands' },
  { code: 'ru', english: 'Russian', native: 'Русский' },
  { code: 'uk', english: 'Ukrainian', native: 'Українська' },
  { code: 'pl', english: 'Polish', native: 'Polski' },
  { code: 'tr', english: 'Turkish', native: 'Türkçe' },
  { code: 'ar', english: 'Arabic', native: 'العربية' },
  { code: 'he', english: 'Hebrew', native: 'עברית' },
  { code: 'fa', english: 'Persian', native: 'فارسی' },
  { code: 'hi', english: 'Hindi', native: 'हिन्दी' },
  { code: 'zh', english: 'Chinese', native: '中文' },
  { code: 'ja', english: 'Japanese', native: '日本語' },
  { code: 'ko', english: 'Korean', native: '한국어' },
  { code: 'sv', english: 'Swedish', native: 'Svenska' },
  { code: 'da', english: 'Danish', native: 'Dansk' },
  { code: 'no', english: 'Norwegian', native: 'Norsk' },
  { code: 'fi', english: 'Finnish', native: 'Suomi' },
  { code: 'el', english: 'Greek', native: 'Ελληνικά' },
  { code: 'ca', english: 'Catalan', native: 'Català' },
  { code: 'sw', english: 'Swahili', native: 'Kiswahili' },
  { code: 'id', english: 'Indonesian', native: 'Bahasa Indonesia' },
];

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();

const BY_KEY = new Map<string, string>();
for (const l of LANGUAGES) for (const k of [l.code, l.english, l.native]) BY_KEY.set(fold(k), l.code);

/** The code for a language answer, or undefined when it is not a language we know. */
export function languageCode(answer: string): string | undefined {
  const key = fold(answer);
  if (BY_KEY.has(key)) return BY_KEY.get(key);
  // "Português (Portuguese)", "pt-BR", "English / Inglés": try each part.
  for (const part of key.split(/[()/,|]|\s+-\s+/).map((p) => p.trim()).filter(Boolean)) {
    const base = part.split(/[-_]/)[0];
    if (BY_KEY.has(part)) return BY_KEY.get(part);
    if (BY_KEY.has(base)) return BY_KEY.get(base);
  }
  return undefined;
}

/** The label a form shows for a code: "Português (Portuguese)". */
export function languageLabel(code: string): string {
  const l = LANGUAGES.find((x) => x.code === code);
  if (!l) return code;
  return l.native === l.english ? l.english : `${l.native} (${l.english})`;
}

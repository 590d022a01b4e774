/**
 * Spreadsheet locales: how Sheets reads typed text and shows numbers and dates in each
 * (File > Settings > Locale; https://support.google.com/docs/answer/58515 "Change a spreadsheet's
 * locale … affects … date, time and number formatting"; Spreadsheet.setSpreadsheetLocale,
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setSpreadsheetLocale(String)).
 * Number-format patterns are stored locale-independent ("#,##0.00"); the locale chooses the
 * decimal and grouping characters shown. Only the locales below are modelled: setting any other
 * throws `not emulated`.
 */
export interface LocaleRules {
  id: string;
  /** Order of day and month in all-numeric dates. */
  dayFirst: boolean;
  decimal: '.' | ',';
  group: ',' | '.';
  /** Default formats Sheets gives typed dates, date-times and Dates written by a script. */
  dateFormat: string;
  dateTimeFormat: string;
  /** Currency symbol typed before (or after) a number, and the format Sheets then applies. */
  currency: { symbol: string; after: boolean; format: string };
  trueText: string;
  falseText: string;
  /** Month names typed in this locale (English is always understood too). */
  months: string[];
}

const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export const LOCALES: Record<string, LocaleRules> = {
  en_US: {
    id: 'en_US',
    dayFirst: false,
    decimal: '.',
    group: ',',
    dateFormat: 'M/d/yyyy',
    dateTimeFormat: 'M/d/yyyy H:mm:ss',
    currency: { symbol: '$', after: false, format: '"$"#,##0.00' },
    trueText: 'TRUE',
    falseText: 'FALSE',
    months: EN_MONTHS,
  },
  en_GB: {
    id: 'en_GB',
    dayFirst: true,
    decimal: '.',
    group: ',',
    dateFormat: 'dd/MM/yyyy',
    dateTimeFormat: 'dd/MM/yyyy HH:mm:ss',
    currency: { symbol: '£', after: false, format: '"£"#,##0.00' },
    trueText: 'TRUE',
    falseText: 'FALSE',
    months: EN_MONTHS,
  },
  de_DE: {
    id: 'de_DE',
    dayFirst: true,
    decimal: ',',
    group: '.',
    dateFormat: 'dd.MM.yyyy',
    dateTimeFormat: 'dd.MM.yyyy HH:mm:ss',
    currency: { symbol: '€', after: true, format: '#,##0.00 "€"' },
    trueText: 'WAHR',
    falseText: 'FALSCH',
    months: ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  },
  pt_BR: {
    id: 'pt_BR',
    dayFirst: true,
    decimal: ',',
    group: '.',
    dateFormat: 'dd/MM/yyyy',
    dateTimeFormat: 'dd/MM/yyyy HH:mm:ss',
    currency: { symbol: 'R$', after: false, format: '"R$" #,##0.00' },
    trueText: 'VERDADEIRO',
    falseText: 'FALSO',
    months: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  },
};

/** The rules of a modelled locale; anything else is not emulated. */
export function localeRules(locale: string | undefined): LocaleRules {
  const rules = LOCALES[locale ?? 'en_US'];
  if (!rules) throw new Error(`not emulated: spreadsheet locale ${String(locale)}`);
  return rules;
}

/** Month number (1–12) of a typed month name or its 3-letter abbreviation, in English or the locale's language. */
export function monthOf(word: string, rules: LocaleRules): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  for (const names of [EN_MONTHS, rules.months]) {
    const i = names.findIndex((n) => n === w || (w.length === 3 && n.startsWith(w)));
    if (i >= 0) return i + 1;
  }
  return undefined;
}

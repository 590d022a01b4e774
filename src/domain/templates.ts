/**
 * Email texts live in the Templates sheet, where the help desk edits them (Set up writes the
 * defaults from src/defaults/templates.json); sending always reads the sheet. A template is
 * chosen by key and language, falling back to English. Bodies are plain text with {{placeholders}}.
 */
import { escapeHtml, fillTemplate, oneLine } from './text';

export interface TemplateRow {
  key: string;
  language: string;
  subject: string;
  body: string;
}

export interface RenderedEmail {
  subject: string;
  body: string;
  htmlBody: string;
}

/**
 * Picks the template for key and language (English fallback) from the rows, and fills it.
 * Values are escaped in the HTML body; the subject is kept to one line.
 */
export function renderEmail(rows: TemplateRow[], key: string, language: string, values: Record<string, string>): RenderedEmail | undefined {
  const pick = rows.find((t) => t.key === key && t.language === language) ?? rows.find((t) => t.key === key && t.language === 'en');
  if (!pick) return undefined;
  const body = fillTemplate(pick.body, values);
  // Only our own links (…Link, …Url placeholders) become anchors; text people typed stays text.
  const html = fillTemplate(escapeHtml(pick.body), values, (value, k) =>
    /(Link|Url)$/.test(k) && /^https?:\/\//.test(value) ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value),
  ).replace(/\n/g, '<br>\n');
  return { subject: oneLine(fillTemplate(pick.subject, values), 250), body, htmlBody: `<div style="font-family:sans-serif;line-height:1.5">${html}</div>` };
}

/**
 * The plural category of a count in a language, for phrases whose wording depends on it
 * ("1 month", "3 months"; Russian, Ukrainian and Polish have a few/many form). A phrase key
 * `k` has variants `k.one`, `k.few`, `k.many`, `k.other`; a missing variant falls back to other.
 */
export function pluralCategory(language: string, n: number): 'one' | 'few' | 'many' | 'other' {
  const i = Math.floor(Math.abs(n));
  const mod10 = i % 10;
  const mod100 = i % 100;
  if (language === 'ru' || language === 'uk') {
    if (mod10 === 1 && mod100 !== 11) return 'one';
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 'few';
    return 'many';
  }
  if (language === 'pl') {
    if (i === 1) return 'one';
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 'few';
    return 'many';
  }
  if (language === 'fr' || language === 'pt') return i <= 1 ? 'one' : 'other';
  return i === 1 ? 'one' : 'other';
}

/**
 * Short texts of emails — field labels, reasons, the words of "Why you" — from the Templates
 * sheet, so they are translated and edited like the emails they go into. A phrase is a row
 * with an empty subject; its body is the text. Missing in the language: English; missing
 * altogether: the key itself (visible, so the help desk sees what to add).
 */
export class Phrases {
  private readonly own = new Map<string, string>();
  private readonly english = new Map<string, string>();

  constructor(
    rows: readonly TemplateRow[],
    readonly language: string,
  ) {
    for (const t of rows) {
      if (t.language === language) this.own.set(t.key, t.body);
      if (t.language === 'en') this.english.set(t.key, t.body);
    }
  }

  has(key: string): boolean {
    return this.own.has(key) || this.english.has(key);
  }

  /** The phrase `key` filled with values. */
  say(key: string, values: Record<string, string> = {}): string {
    const text = this.own.get(key) ?? this.english.get(key) ?? key;
    return fillTemplate(text, values).trim();
  }

  /** The variant of `key` for the count n (see pluralCategory), with {{n}} filled in. */
  count(key: string, n: number, values: Record<string, string> = {}): string {
    const cat = pluralCategory(this.own.has(`${key}.other`) ? this.language : 'en', n);
    const variant = [`${key}.${cat}`, `${key}.other`].find((k) => this.has(k)) ?? `${key}.other`;
    return this.say(variant, { n: String(n), ...values });
  }
}

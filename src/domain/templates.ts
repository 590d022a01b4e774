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

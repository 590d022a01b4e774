/** Reads dist/Defaults.html (templates and skills, as JSON) — see src/defaults/defaults.ts. */
import type { TemplateRow } from '../domain/templates';

export interface Defaults {
  templates: TemplateRow[];
  skills: Record<string, string[]>;
  /** Settings rows: key, default value, description. */
  settings: { key: string; value: string; description: string }[];
  /** Per form kind: description, confirmation message, help text per question key. */
  forms: Record<string, FormTexts>;
  /** Per sheet: header → note shown on the header cell. */
  columns: Record<string, Record<string, string>>;
}

export interface FormTexts {
  description: string;
  confirmation: string;
  help: Record<string, string>;
}

export function readDefaults(): Defaults {
  return JSON.parse(HtmlService.createHtmlOutputFromFile('Defaults').getContent()) as Defaults;
}

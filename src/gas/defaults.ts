/** Reads dist/Defaults.html (templates and skills, as JSON) — see src/defaults/defaults.ts. */
import type { TemplateRow } from '../domain/templates';

export interface Defaults {
  templates: TemplateRow[];
  skills: Record<string, string[]>;
}

export function readDefaults(): Defaults {
  return JSON.parse(HtmlService.createHtmlOutputFromFile('Defaults').getContent()) as Defaults;
}

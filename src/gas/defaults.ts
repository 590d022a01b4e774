/** Reads dist/Defaults.html (templates and skills, as JSON) — see src/defaults/defaults.ts. */
import type { TemplateRow } from '../domain/templates';

export interface Defaults {
  templates: TemplateRow[];
  skills: Record<string, string[]>;
  /** What each Settings key does, by key (type, bounds and default are in domain/settings.ts SETTING_SPECS). */
  settings: { key: string; description: string; value?: string }[];
  /** Per form kind: description, confirmation message, help text per question key. */
  forms: Record<string, FormTexts>;
  /** Per sheet: how it looks (Set up applies it). */
  sheets: Record<string, SheetLook>;
  /** SoFA's circles and example language and sector circles, seeded into Circles (editable). */
  circles: { name: string; kind: string; languages?: string[]; notes?: string }[];
}

export interface SheetLook {
  tabColor?: string;
  /** Background colour per value of the Status column. */
  statusColours?: Record<string, string>;
  /** Column width in pixels by header (others get a width by kind). */
  widths: Record<string, number>;
  /** Note on the header cell by header. */
  notes: Record<string, string>;
}

export interface FormTexts {
  description: string;
  confirmation: string;
  help: Record<string, string>;
}

export function readDefaults(): Defaults {
  return JSON.parse(HtmlService.createHtmlOutputFromFile('Defaults').getContent()) as Defaults;
}

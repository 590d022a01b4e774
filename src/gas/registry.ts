/** Reading the registry's own configuration: Settings, the lists forms choose from, Templates. */
import { LANGUAGES, languageLabel } from '../domain/languages';
import type { RegistryLists } from '../domain/intake';
import { CIRCLES, SETTINGS, SKILLS, TEMPLATES } from '../domain/registry';
import { settingProblems, Settings } from '../domain/settings';
import { StructureError } from './structure';
import type { TemplateRow } from '../domain/templates';
import { fitsListCell, splitList } from '../domain/text';
import { Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** An action stopped by a Settings value outside its type or bounds (logged once, like a structure problem). */
export class SettingsError extends StructureError {
  override readonly logAction = 'Settings value refused';
}

/** The Settings sheet's values by key (a key written twice: the lower row wins), unchecked. */
export function readSettingValues(ss: Spreadsheet): Record<string, string> {
  const values: Record<string, string> = {};
  for (const r of Table.open(ss, SETTINGS).rows()) {
    const key = r.row.key?.trim();
    if (key) values[key] = r.row.value ?? '';
  }
  return values;
}

/**
 * The Settings in force, validated once here: a value outside its type or bounds (see
 * SETTING_SPECS) throws a SettingsError naming the key, the value and what is allowed — before
 * the action has written anything. Set up (the repair) reads them with `validate: false`.
 */
export function readSettings(ss: Spreadsheet, opts: { validate?: boolean } = {}): Settings {
  const values = readSettingValues(ss);
  if (opts.validate !== false) {
    const problems = settingProblems(values);
    if (problems.length) throw new SettingsError(problems.map((p) => ({ sheet: SETTINGS.name, column: p.key, message: p.message })));
  }
  return new Settings(values);
}

/** Languages offered in forms: the Settings key "languages" (codes), else every known language. */
export function offeredLanguages(settings: Settings): string[] {
  const codes = splitList(settings.text('languages')).map((c) => c.toLowerCase());
  return codes.length ? codes : LANGUAGES.map((l) => l.code);
}

export function readLists(ss: Spreadsheet, settings: Settings): RegistryLists {
  const skills = Table.open(ss, SKILLS)
    .rows()
    // A name holding ";" cannot stand in a multi-value cell: left out of forms and dropdowns (Check registry flags it).
    .flatMap(({ row: { active, area, skill } }) => (active !== false && skill && fitsListCell(skill) ? [{ area: area ?? '', skill }] : []));
  const circles = Table.open(ss, CIRCLES)
    .rows()
    .map((r) => r.row.name?.trim() ?? '')
    .filter((name) => name && fitsListCell(name));
  return { languages: offeredLanguages(settings), skills, circles };
}

/** The lists as dropdown values for sheet validation (language codes) and as form labels. */
export function validationLists(lists: RegistryLists): Record<string, string[]> {
  return { languages: lists.languages, skills: lists.skills.map((s) => s.skill), circles: lists.circles };
}

export function formChoices(lists: RegistryLists): { languages: string[]; skills: string[]; circles: string[] } {
  return { languages: lists.languages.map(languageLabel), skills: lists.skills.map((s) => s.skill), circles: lists.circles };
}

export function readTemplates(ss: Spreadsheet): TemplateRow[] {
  return (
    Table.open(ss, TEMPLATES)
      .rows()
      // A phrase (label, reason, a piece of "Why you") has no subject; an email template has one.
      .flatMap(({ row: { key, language, subject, body } }) => (key && body ? [{ key, language: language ?? 'en', subject: subject ?? '', body }] : []))
  );
}

/** The public Find-a-Facilitator directory (web app): listed facilitators, no private data. */
import { directoryEntries, scriptJson } from '../domain/directory';
import { languageLabel } from '../domain/languages';
import { TRAINERS } from '../domain/registry';
import type { DirectoryView } from '../ui/contracts';
import { formSpec } from '../domain/forms';
import { openForm, PrefillTemplate } from '../gas/forms';
import { activeSpreadsheet } from '../gas/log';
import { readSettings } from '../gas/registry';
import { Table } from '../gas/table';

export function directoryView(): DirectoryView {
  const ss = activeSpreadsheet();
  const settings = readSettings(ss);
  const now = new Date();
  const form = openForm('find-a-facilitator');
  const prefill = form ? PrefillTemplate.of(form) : undefined;
  const preferred = formSpec('find-a-facilitator').questions.find((q) => q.key === 'preferredTrainer')!.title;
  const requestUrl = prefill ? prefill.url({}) : '';
  const facilitators = directoryEntries(
    Table.open(ss, TRAINERS).rows().map((r) => r.row),
    now.toISOString().slice(0, 10),
    (name) => (prefill ? prefill.url({ [preferred]: name }) : ''),
  );
  const languages = [...new Set(facilitators.flatMap((f) => f.languages.map((l) => l.code)))].sort().map((code) => ({ code, label: languageLabel(code) }));
  const skills = [...new Set(facilitators.flatMap((f) => f.skills))].sort((a, b) => a.localeCompare(b));
  return { title: settings.text('directory.title'), facilitators, languages, skills, requestUrl, generatedAt: now.toISOString() };
}

export function renderDirectory(): GoogleAppsScript.HTML.HtmlOutput {
  const view = directoryView();
  const template = HtmlService.createTemplateFromFile('Directory');
  (template as unknown as { directoryJson: string }).directoryJson = scriptJson(view);
  return template.evaluate().setTitle(view.title).addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

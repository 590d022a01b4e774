/**
 * Set up registry: creates or repairs everything the tool needs, idempotently — the sheets,
 * their headers, dropdowns, protections and colours, the default skills, settings and
 * templates, the six forms (choices refreshed from the registry), and the triggers.
 */
import { OFFERS, REGISTRY, SETTINGS, SKILLS, TEMPLATES, CIRCLES, type SheetSpec } from '../domain/registry';
import { SETTING_SPECS } from '../domain/settings';
import { skillEntries } from '../domain/taxonomy';
import { readDefaults } from '../gas/defaults';
import { ensureForms } from '../gas/forms';
import { withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog } from '../gas/log';
import { formChoices, readLists, readSettings, validationLists } from '../gas/registry';
import { applyHeaderNotes, applyStatusColours, applyValidation, ensureSheet, protectManagedColumns } from '../gas/sheet-setup';
import { forgetReportedProblem } from '../gas/structure';
import { Table } from '../gas/table';
import { ensureTriggers } from '../gas/triggers';

export interface SetUpReport {
  created: string[];
  repaired: { sheet: string; addedHeaders: string[] }[];
  seeded: string[];
  removed: string[];
  forms: { created: string[]; refreshed: string[] };
  triggers: string[];
}

/** Adds rows whose key (by `keyOf`) is missing; never changes rows the help desk edited. */
function seedMissing(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: SheetSpec, defaults: Record<string, unknown>[], keyOf: (r: Record<string, unknown>) => string): number {
  const table = Table.open(ss, spec);
  const have = new Set(table.rows().map((r) => keyOf(r.row)));
  const missing = defaults.filter((d) => !have.has(keyOf(d)));
  table.append(missing.map((m) => ({ ...m }) as Record<string, string>));
  return missing.length;
}

/** Settings rows to seed: every key of SETTING_SPECS with its default, described from settings.json. */
function settingRows(described: { key: string; description: string; value?: string }[]): Record<string, unknown>[] {
  const description = new Map(described.map((d) => [d.key, d.description]));
  const rows: Record<string, unknown>[] = SETTING_SPECS.map((spec) => ({ key: spec.key, value: spec.default, description: description.get(spec.key) ?? '' }));
  for (const d of described) if (!SETTING_SPECS.some((spec) => spec.key === d.key)) rows.push({ key: d.key, value: d.value ?? '', description: d.description });
  return rows;
}

export function setUpRegistry(): SetUpReport {
  const ss = activeSpreadsheet();
  return withScriptLock(() => {
    const report: SetUpReport = { created: [], repaired: [], seeded: [], removed: [], forms: { created: [], refreshed: [] }, triggers: [] };
    const defaults = readDefaults();
    const sheets = REGISTRY.map((spec) => {
      const r = ensureSheet(ss, spec, defaults.sheets[spec.name]);
      if (r.created) report.created.push(spec.name);
      else if (r.addedHeaders.length) report.repaired.push({ sheet: spec.name, addedHeaders: r.addedHeaders });
      return { spec, layout: r };
    });

    // A new spreadsheet's empty starting sheet ("Sheet1" in any language) goes on the first run.
    if (report.created.length === REGISTRY.length) {
      const ours = new Set(REGISTRY.map((s) => s.name));
      for (const sheet of ss.getSheets()) {
        if (!ours.has(sheet.getName()) && sheet.getLastRow() === 0 && sheet.getLastColumn() === 0 && ss.getNumSheets() > 1) {
          report.removed.push(sheet.getName());
          ss.deleteSheet(sheet);
        }
      }
    }

    const seeded: [string, number][] = [
      ['settings', seedMissing(ss, SETTINGS, settingRows(defaults.settings), (r) => String(r.key))],
      ['skills', seedMissing(ss, SKILLS, skillEntries(defaults.skills).map((d) => ({ ...d, active: true })), (r) => String(r.skill).toLowerCase())],
      ['templates', seedMissing(ss, TEMPLATES, defaults.templates.map((d) => ({ ...d })), (r) => `${r.key}|${r.language}`)],
      ['circles', seedMissing(ss, CIRCLES, [{ name: 'Training Circle', kind: 'training' }], (r) => String(r.name).toLowerCase())],
    ];
    for (const [what, n] of seeded) if (n) report.seeded.push(`${n} ${what}`);
    const offers = sheets.find((s) => s.spec === OFFERS)?.layout;
    if (offers && !offers.created && offers.addedHeaders.includes('Settled')) markOffersSettled(ss);

    // Set up repairs: a bad Settings value is Check registry's to report, not a reason to stop here.
    const settings = readSettings(ss, { validate: false });
    const lists = readLists(ss, settings);
    for (const { spec, layout } of sheets) {
      applyHeaderNotes(layout, defaults.sheets[spec.name]?.notes ?? {});
      applyValidation(layout, spec, validationLists(lists));
      protectManagedColumns(layout, spec);
      applyStatusColours(layout, spec, defaults.sheets[spec.name]?.statusColours);
    }
    report.forms = ensureForms(ss, formChoices(lists), defaults.forms, (spec) => `Responses: ${spec.title}`);
    report.triggers = ensureTriggers(ss);
    // Repaired: the structure guard reports a problem again if it comes back.
    forgetReportedProblem();
    ss.setActiveSheet(sheets[0].layout.sheet);
    appendLog(ss, [{ action: 'Set up registry', subject: ss.getName(), details: describe(report) }]);
    return report;
  });
}

/**
 * Offers made before the Settled column existed had their follow-up done at the time: record
 * that (Settled = Answer, one column write), so that nothing is sent again.
 */
function markOffersSettled(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const table = Table.open(ss, OFFERS);
  const rows = table.rows();
  const answerAt = table.indexOf('answer');
  const settledAt = table.indexOf('settled');
  if (rows.length === 0 || answerAt < 0 || settledAt < 0) return;
  const last = rows[rows.length - 1].rowNumber;
  const values = table.sheet.getRange(2, answerAt + 1, last - 1, 1).getValues();
  table.sheet.getRange(2, settledAt + 1, last - 1, 1).setValues(values);
}

export function describe(report: SetUpReport): string {
  const parts: string[] = [];
  if (report.created.length) parts.push(`created sheets ${report.created.join(', ')}`);
  for (const r of report.repaired) parts.push(`added to ${r.sheet}: ${r.addedHeaders.join(', ')}`);
  if (report.removed.length) parts.push(`removed the empty ${report.removed.join(', ')}`);
  if (report.seeded.length) parts.push(`added defaults: ${report.seeded.join(', ')}`);
  if (report.forms.created.length) parts.push(`created ${report.forms.created.length} forms`);
  if (report.forms.refreshed.length) parts.push(`refreshed choices of ${report.forms.refreshed.length} forms`);
  if (report.triggers.length) parts.push(`installed ${report.triggers.join(' and ')} triggers`);
  return parts.length ? parts.join('; ') : 'registry complete, nothing to change';
}

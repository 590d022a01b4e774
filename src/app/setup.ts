/**
 * Set up registry: creates or repairs everything the tool needs, idempotently — the sheets,
 * their headers, dropdowns, protections and colours, the default skills, settings and
 * templates, the forms (choices refreshed from the registry), and the triggers.
 */
import {
  CIRCLE_KINDS,
  OFFERS,
  REGISTRY,
  SETTINGS,
  SKILLS,
  TEMPLATES,
  TRAINERS,
  CIRCLES,
  type AnyRow,
  type CircleRow,
  type SettingRow,
  type SheetSpec,
} from '../domain/registry';
import { SETTING_SPECS } from '../domain/settings';
import { skillEntries } from '../domain/taxonomy';
import { readDefaults } from '../gas/defaults';
import { ensureForms } from '../gas/forms';
import { FORM_SPECS } from '../domain/forms';
import { executionBudget, progressMessage, startJob, type JobDefinition } from '../gas/jobs';
import { activeSpreadsheet } from '../gas/log';
import { formChoices, readLists, readSettings, validationLists } from '../gas/registry';
import { applyHeaderNotes, applyStatusColours, applyValidation, ensureSheet, protectManagedColumns } from '../gas/sheet-setup';
import { clearLegacyExchangeDropdown, refreshExchangeStatus } from '../gas/exchange';
import { migrateListCells } from '../gas/list-cells';
import { forgetReportedProblem } from '../gas/structure';
import { Table } from '../gas/table';
import { ensureTriggers } from '../gas/triggers';
import { documentProperty, setDocumentProperty } from '../gas/properties';

export interface SetUpReport {
  created: string[];
  repaired: { sheet: string; addedHeaders: string[] }[];
  seeded: string[];
  removed: string[];
  forms: { created: string[]; refreshed: string[] };
  triggers: string[];
  /** Old form-submit triggers removed (the spreadsheet's, before one trigger per form). */
  triggersRemoved?: number;
  /** Multi-value cells rewritten with ";" between values (once, see gas/list-cells.ts). */
  migrated?: number;
}

/** Adds rows whose key (by `keyOf`) is missing; never changes rows the help desk edited. */
function seedMissing<R extends AnyRow>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: SheetSpec<R>, defaults: R[], keyOf: (r: R) => string): number {
  const table = Table.open(ss, spec);
  const have = new Set(table.rows().map((r) => keyOf(r.row)));
  const missing = defaults.filter((d) => !have.has(keyOf(d)));
  table.append(missing.map((m) => ({ ...m })));
  return missing.length;
}

const CIRCLE_EXAMPLES_KEY = 'setup.circleExamples';

/**
 * Circles to seed: SoFA's own circles whenever missing; the example language and sector circles
 * once (a document property remembers it), so an example the help desk deleted stays deleted.
 */
function circleRows(defaults: { name: string; kind: string; languages?: string[]; notes?: string }[]): CircleRow[] {
  const examples = !documentProperty(CIRCLE_EXAMPLES_KEY);
  return defaults.filter((c) => examples || !['language', 'sector'].includes(c.kind)).map((c) => ({ ...c, kind: CIRCLE_KINDS.find((k) => k === c.kind) }));
}

/** Settings rows to seed: every key of SETTING_SPECS with its default, described from settings.json. */
function settingRows(described: { key: string; description: string; value?: string }[]): SettingRow[] {
  const description = new Map(described.map((d) => [d.key, d.description]));
  const rows: SettingRow[] = SETTING_SPECS.map((spec) => ({ key: spec.key, value: spec.default, description: description.get(spec.key) ?? '' }));
  for (const d of described) if (!SETTING_SPECS.some((spec) => spec.key === d.key)) rows.push({ key: d.key, value: d.value ?? '', description: d.description });
  return rows;
}

export const SETUP_JOB_NAME = 'setup';
/** Forms created per step: a new form is many Forms edits, the slowest calls Set up makes. */
export const FORMS_PER_STEP = 2;
const FORM_STEPS = Math.ceil(FORM_SPECS.length / FORMS_PER_STEP);

const emptyReport = (): SetUpReport => ({ created: [], repaired: [], seeded: [], removed: [], forms: { created: [], refreshed: [] }, triggers: [] });

/** Step 1: sheets, headers, defaults, dropdowns, protections and colours. */
function setUpSheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, report: SetUpReport): void {
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
    ['settings', seedMissing(ss, SETTINGS, settingRows(defaults.settings), (r) => r.key ?? '')],
    [
      'skills',
      seedMissing(
        ss,
        SKILLS,
        skillEntries(defaults.skills).map((d) => ({ ...d, active: true })),
        (r) => (r.skill ?? '').toLowerCase(),
      ),
    ],
    [
      'templates',
      seedMissing(
        ss,
        TEMPLATES,
        defaults.templates.map((d) => ({ ...d })),
        (r) => `${r.key}|${r.language}`,
      ),
    ],
    ['circles', seedMissing(ss, CIRCLES, circleRows(defaults.circles), (r) => (r.name ?? '').toLowerCase())],
  ];
  for (const [what, n] of seeded) if (n) report.seeded.push(`${n} ${what}`);
  // Remembered after the rows are written: a crash before this seeds the examples again, never twice (by name).
  setDocumentProperty(CIRCLE_EXAMPLES_KEY, 'seeded');
  const offers = sheets.find((s) => s.spec === OFFERS)?.layout;
  if (offers && !offers.created && offers.addedHeaders.includes('Settled')) markOffersSettled(ss);

  // Set up repairs: a bad Settings value is Check registry's to report, not a reason to stop here.
  const settings = readSettings(ss, { validate: false });
  const lists = readLists(ss, settings);
  // Sheets created just now hold no old cells: nothing to migrate or recompute there.
  const migrated = migrateListCells(ss, validationLists(lists), new Set(report.created));
  if (migrated) report.migrated = migrated;
  if (!report.created.includes(TRAINERS.name)) {
    clearLegacyExchangeDropdown(ss);
    refreshExchangeStatus(ss, new Date(), validationLists(lists));
  }
  for (const { spec, layout } of sheets) {
    applyHeaderNotes(layout, defaults.sheets[spec.name]?.notes ?? {});
    applyValidation(layout, spec, validationLists(lists));
    protectManagedColumns(layout, spec);
    applyStatusColours(layout, spec, defaults.sheets[spec.name]?.statusColours);
  }
  // Repaired: the structure guard reports a problem again if it comes back.
  forgetReportedProblem();
  ss.setActiveSheet(sheets[0].layout.sheet);
}

/**
 * Set up as a job of steps: the sheets; the forms, FORMS_PER_STEP at a time; the triggers.
 * Every step is idempotent (it creates only what is missing), so a repeated step changes nothing.
 */
export const SETUP_JOB: JobDefinition = {
  step(ss, state) {
    const report = (JSON.parse(String(state.data.report ?? 'null')) as SetUpReport | null) ?? emptyReport();
    if (state.cursor === 0) setUpSheets(ss, report);
    else if (state.cursor <= FORM_STEPS) {
      const kinds = FORM_SPECS.slice((state.cursor - 1) * FORMS_PER_STEP, state.cursor * FORMS_PER_STEP).map((f) => f.kind);
      const forms = ensureForms(
        ss,
        formChoices(readLists(ss, readSettings(ss, { validate: false }))),
        readDefaults().forms,
        (spec) => `Responses: ${spec.title}`,
        kinds,
      );
      report.forms.created.push(...forms.created);
      report.forms.refreshed.push(...forms.refreshed);
    } else {
      const triggers = ensureTriggers();
      report.triggers = triggers.installed;
      if (triggers.removed) report.triggersRemoved = triggers.removed;
    }
    state.cursor++;
    state.done = state.cursor;
    state.data.report = JSON.stringify(report);
    return state.cursor > FORM_STEPS + 1;
  },
  summary(state) {
    const report = (JSON.parse(String(state.data.report ?? 'null')) as SetUpReport | null) ?? emptyReport();
    return {
      action: 'Set up registry',
      subject: 'registry',
      details: `${describe(report)}${state.executions > 1 ? `; in ${state.executions} executions` : ''}`,
    };
  },
};

export interface SetUpOutcome {
  report: SetUpReport;
  finished: boolean;
  progress: string;
  alreadyRunning: boolean;
}

export function setUpRegistry(startedAt: number = Date.now()): SetUpOutcome {
  const ss = activeSpreadsheet();
  const outcome = startJob(
    ss,
    SETUP_JOB,
    { name: SETUP_JOB_NAME, title: 'Set up registry', verb: 'Finished step', total: FORM_STEPS + 2 },
    executionBudget(ss, startedAt),
  );
  const report = (JSON.parse(String(outcome.state.data.report ?? 'null')) as SetUpReport | null) ?? emptyReport();
  return { report, finished: outcome.finished, progress: progressMessage(outcome.state), alreadyRunning: outcome.alreadyRunning };
}

/**
 * Offers made before the Settled column existed had their follow-up done at the time: record
 * that (Settled = Answer, one column write), so that nothing is sent again.
 */
function markOffersSettled(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const table = Table.open(ss, OFFERS);
  const rows = table.rows();
  if (rows.length === 0) return;
  table.copyColumn('answer', 'settled', rows[rows.length - 1].rowNumber);
}

export function describe(report: SetUpReport): string {
  const parts: string[] = [];
  if (report.created.length) parts.push(`created sheets ${report.created.join(', ')}`);
  for (const r of report.repaired) parts.push(`added to ${r.sheet}: ${r.addedHeaders.join(', ')}`);
  if (report.removed.length) parts.push(`removed the empty ${report.removed.join(', ')}`);
  if (report.seeded.length) parts.push(`added defaults: ${report.seeded.join(', ')}`);
  if (report.migrated) parts.push(`rewrote ${report.migrated} multi-value cells with "; " between values`);
  if (report.forms.created.length) parts.push(`created ${report.forms.created.length} forms`);
  if (report.forms.refreshed.length) parts.push(`refreshed choices of ${report.forms.refreshed.length} forms`);
  if (report.triggers.length) parts.push(`installed ${report.triggers.join(' and ')} triggers`);
  if (report.triggersRemoved) parts.push(`removed ${report.triggersRemoved} old form-submit trigger${report.triggersRemoved === 1 ? '' : 's'}`);
  return parts.length ? parts.join('; ') : 'registry complete, nothing to change';
}

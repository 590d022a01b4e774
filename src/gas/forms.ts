/**
 * The intake forms in Google Forms: created from their specs by Set up, linked to the
 * registry spreadsheet, and their registry-driven choices refreshed. Which form a responses
 * sheet belongs to is kept in the document properties (renaming sheets breaks nothing).
 */
import { FORM_SPECS, type FormKind, type FormSpec, type Question } from '../domain/forms';
import type { FormTexts } from './defaults';

type Form = GoogleAppsScript.Forms.Form;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const FORM_KEY = (kind: FormKind) => `form.${kind}`;
const SHEET_KEY = (sheetId: number) => `formSheet.${sheetId}`;

/** Choices for registry-driven questions: labels shown in the form. */
export interface FormChoices {
  languages: string[];
  skills: string[];
  circles: string[];
}

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

/** The form of a kind, if Set up created it and it still exists. */
export function openForm(kind: FormKind): Form | undefined {
  const id = props().getProperty(FORM_KEY(kind));
  if (!id) return undefined;
  try {
    return FormApp.openById(id);
  } catch {
    return undefined;
  }
}

/** The form of a kind, or an error that tells the help desk how to repair it. */
export function requireForm(kind: FormKind): Form {
  const form = openForm(kind);
  if (!form)
    throw new Error(`The "${FORM_SPECS.find((f) => f.kind === kind)?.title}" form is missing. Choose Training Help Desk → Set up registry to repair it.`);
  return form;
}

/** The kind of the registry form with this id (one property read). */
export function formKindOf(formId: string): FormKind | undefined {
  const all = props().getProperties();
  return FORM_SPECS.find((f) => all[FORM_KEY(f.kind)] === formId)?.kind;
}

/** The ids of the registry's forms, by kind (the forms Set up created and linked). */
export function linkedFormIds(): Partial<Record<FormKind, string>> {
  const all = props().getProperties();
  const out: Partial<Record<FormKind, string>> = {};
  for (const f of FORM_SPECS) if (all[FORM_KEY(f.kind)]) out[f.kind] = all[FORM_KEY(f.kind)];
  return out;
}

/** Every responses sheet with its kind. */
export function responseSheets(ss: Spreadsheet): { kind: FormKind; sheet: GoogleAppsScript.Spreadsheet.Sheet }[] {
  const all = props().getProperties();
  const out: { kind: FormKind; sheet: GoogleAppsScript.Spreadsheet.Sheet }[] = [];
  for (const sheet of ss.getSheets()) {
    const kind = all[SHEET_KEY(sheet.getSheetId())];
    if (kind) out.push({ kind: kind as FormKind, sheet });
  }
  return out;
}

function choicesFor(question: Question, choices: FormChoices): string[] {
  const source = question.choices;
  if (!source) return [];
  if (typeof source === 'string') return choices[source];
  return [...source];
}

/** Adds a question as its Forms item: title, required, help, and choices or validation. */
function addItem(form: Form, question: Question, choices: FormChoices, help: string | undefined): void {
  const item =
    question.type === 'text'
      ? form.addTextItem()
      : question.type === 'paragraph'
        ? form.addParagraphTextItem()
        : question.type === 'choice'
          ? form.addMultipleChoiceItem().setChoiceValues(choicesFor(question, choices))
          : question.type === 'checkbox'
            ? form.addCheckboxItem().setChoiceValues(choicesFor(question, choices))
            : question.type === 'list'
              ? form.addListItem().setChoiceValues(choicesFor(question, choices))
              : question.type === 'date'
                ? form.addDateItem()
                : form.addScaleItem();
  // A new item is optional: only required questions need the extra call.
  item.setTitle(question.title);
  if (question.required) item.setRequired(true);
  if (help) item.setHelpText(help);
  if (question.other && (question.type === 'choice' || question.type === 'checkbox')) (item as GoogleAppsScript.Forms.CheckboxItem).showOtherOption(true);
  if (question.validate) {
    const rule = FormApp.createTextValidation();
    (item as GoogleAppsScript.Forms.TextItem).setValidation((question.validate === 'email' ? rule.requireTextIsEmail() : rule.requireNumber()).build());
  }
}

/** Sets registry-driven choices on an existing form; returns how many questions changed. */
function refreshChoices(form: Form, spec: FormSpec, choices: FormChoices): number {
  let changed = 0;
  const items = form.getItems();
  for (const question of spec.questions) {
    if (typeof question.choices !== 'string') continue;
    const item = items.find((i) => i.getTitle() === question.title);
    if (!item) continue;
    const values = choices[question.choices];
    if (values.length === 0) continue;
    const type = item.getType();
    if (type === FormApp.ItemType.CHECKBOX) item.asCheckboxItem().setChoiceValues(values);
    else if (type === FormApp.ItemType.LIST) item.asListItem().setChoiceValues(values);
    else if (type === FormApp.ItemType.MULTIPLE_CHOICE) item.asMultipleChoiceItem().setChoiceValues(values);
    else continue;
    changed++;
  }
  return changed;
}

export interface FormsReport {
  created: string[];
  refreshed: string[];
}

/** Creates missing forms (linked to the spreadsheet) and refreshes the choices of the others. */
export function ensureForms(
  ss: Spreadsheet,
  choices: FormChoices,
  texts: Record<string, FormTexts>,
  sheetTitle: (spec: FormSpec) => string,
  kinds?: FormKind[],
): FormsReport {
  const report: FormsReport = { created: [], refreshed: [] };
  // Sheet ids seen so far: a form's new responses sheet is the one sheet not among them.
  let known: Set<number> | undefined;
  for (const spec of FORM_SPECS) {
    if (kinds && !kinds.includes(spec.kind)) continue;
    const existing = openForm(spec.kind);
    if (existing) {
      // A question added in a later version (e.g. the profile's "Profile code") is appended.
      const titles = new Set(existing.getItems().map((i) => i.getTitle()));
      const added = spec.questions.filter((q) => !titles.has(q.title));
      for (const question of added) addItem(existing, question, choices, (texts[spec.kind] ?? { help: {} }).help[question.key]);
      if (refreshChoices(existing, spec, choices) || added.length) report.refreshed.push(spec.title);
      continue;
    }
    // Set the title explicitly: the created file's name and the form's title are separate.
    const text = texts[spec.kind] ?? { description: '', confirmation: '', help: {} };
    // A new form collects no email addresses; description and confirmation only when there is text.
    const form = FormApp.create(spec.title).setTitle(spec.title).setAllowResponseEdits(true);
    if (text.description) form.setDescription(text.description);
    if (text.confirmation) form.setConfirmationMessage(text.confirmation);
    for (const question of spec.questions) addItem(form, question, choices, text.help[question.key]);
    known ??= new Set(ss.getSheets().map((s) => s.getSheetId()));
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
    // Google puts the new responses sheet first, so this usually reads one sheet id.
    const sheet = ss.getSheets().find((s) => !known!.has(s.getSheetId()));
    if (sheet) {
      known.add(sheet.getSheetId());
      const title = uniqueSheetName(ss, sheetTitle(spec));
      sheet.setName(title);
      // Google puts a new responses sheet first; the registry sheets are what the help desk works in.
      ss.setActiveSheet(sheet);
      ss.moveActiveSheet(ss.getNumSheets());
      props().setProperty(SHEET_KEY(sheet.getSheetId()), spec.kind);
    }
    props().setProperty(FORM_KEY(spec.kind), form.getId());
    report.created.push(spec.title);
  }
  return report;
}

function uniqueSheetName(ss: Spreadsheet, base: string): string {
  let name = base;
  for (let n = 2; ss.getSheetByName(name); n++) name = `${base} (${n})`;
  return name;
}

/**
 * Prefilled links ("open the form with these answers") for many people at once. Forms' own
 * createResponse → toPrefilledUrl is asked once per form, with the first choice or a marker
 * per question, to learn each question's `entry.N` parameter; each link after that is built
 * with no further service calls. Choice answers the form does not offer are left out.
 */
export class PrefillTemplate {
  private constructor(
    private readonly baseUrl: string,
    private readonly entries: { title: string; param: string; choices?: Set<string>; multi: boolean }[],
  ) {}

  static of(form: Form): PrefillTemplate {
    const response = form.createResponse();
    const plan: { title: string; choices?: Set<string>; multi: boolean }[] = [];
    const T = FormApp.ItemType;
    for (const item of form.getItems()) {
      const type = item.getType();
      const typed =
        type === T.TEXT
          ? item.asTextItem()
          : type === T.PARAGRAPH_TEXT
            ? item.asParagraphTextItem()
            : type === T.MULTIPLE_CHOICE
              ? item.asMultipleChoiceItem()
              : type === T.LIST
                ? item.asListItem()
                : type === T.CHECKBOX
                  ? item.asCheckboxItem()
                  : undefined;
      if (!typed) continue;
      const multi = type === T.CHECKBOX;
      // Text items get a marker, choice items their first choice: any valid answer reveals the parameter.
      const choices =
        type === T.TEXT || type === T.PARAGRAPH_TEXT ? undefined : (typed as GoogleAppsScript.Forms.CheckboxItem).getChoices().map((c) => c.getValue());
      if (choices?.length === 0) continue;
      const sample = choices ? choices[0] : 'x';
      response.withItemResponse((typed as GoogleAppsScript.Forms.CheckboxItem).createResponse((multi ? [sample] : sample) as string[]));
      plan.push({ title: item.getTitle(), choices: choices && new Set(choices), multi });
    }
    const [base, query = ''] = response.toPrefilledUrl().split('?');
    const params: string[] = [];
    for (const pair of query.split('&')) {
      const name = pair.split('=')[0];
      if (name.startsWith('entry.') && !params.includes(name)) params.push(name);
    }
    return new PrefillTemplate(
      base,
      plan.map((p, i) => ({ ...p, param: params[i] })).filter((e) => !!e.param),
    );
  }

  url(answers: Record<string, string | string[] | undefined>): string {
    const parts = ['usp=pp_url'];
    for (const e of this.entries) {
      const answer = answers[e.title];
      if (answer === undefined) continue;
      const values = (Array.isArray(answer) ? answer : [answer]).filter((v) => v !== '' && (!e.choices || e.choices.has(v)));
      for (const v of e.multi ? values : values.slice(0, 1)) parts.push(`${e.param}=${encodeURIComponent(v)}`);
    }
    return `${this.baseUrl}?${parts.join('&')}`;
  }
}

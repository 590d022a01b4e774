/**
 * Host-side form submission: what happens when a person fills in and submits a Google Form
 * that is linked to a spreadsheet — the response is recorded, written into the responses sheet,
 * and every installable onFormSubmit trigger runs (each in its own execution).
 */
import type { Emulator, ExecutionResult } from '../host';
import type { FormItemRec, FormRec, FormResponseRec, Store, TriggerRec } from '../store';
import { destinationSheet, displayCell, findForm, isQuestion, publishedKey, writeResponseRow } from '../runtime/forms/model';
import { getCell } from '../runtime/sheet-model';

export type Answers = Record<string, string | string[]>;

export interface SubmitOptions {
  respondentEmail?: string;
  /** Id of an earlier response this submission edits (the respondent's "Edit your response" link). */
  editOf?: string;
  /** Submission time (epoch ms); defaults to the virtual clock. */
  at?: number;
  /**
   * Also fire the spurious second onFormSubmit that Sheets has been seen to send: same trigger and
   * row, every answer blank, no extra row. Reported in markfguerra/google-forms-to-slack#6 and #7
   * (Nov 2019): "a completely blank separate submission that is not logged in the forms
   * spreadsheet". That report also saw a timestamp a few seconds later; the offset is unknown, so
   * the duplicate keeps the original timestamp.
   */
  blankDuplicate?: boolean;
  /** Deliver the same event a second time, as a retried trigger does: it must not count twice. */
  redelivered?: boolean;
}

export interface SubmitResult {
  responseId: string;
  /** Row of the response in the destination sheet (undefined when the form has none). */
  row?: number;
  triggerResults: ExecutionResult[];
}

/** The form with this title (or, failing that, this Drive file name). */
export function formByTitle(emu: Emulator, title: string): FormRec {
  const s = emu.store;
  const form = findForm(s, (f) => f.title === title) ?? findForm(s, (f) => s.drive.items[f.id]?.name === title);
  if (!form)
    throw new Error(
      `No form titled "${title}"; forms: ${
        Object.values(s.forms)
          .map((f) => f.title || s.drive.items[f.id]?.name)
          .join(', ') || 'none'
      }`,
    );
  return form;
}

/** Reads a prefilled link (FormResponse.toPrefilledUrl) back into answers keyed by question title. */
export function prefilledAnswers(emu: Emulator, url: string): Answers {
  const s = emu.store;
  const u = new URL(url);
  const form = findForm(s, (f) => url.startsWith(f.publishedUrl) || u.pathname.includes(`/e/${publishedKey(f)}/`));
  if (!form) throw new Error(`No form publishes at ${u.origin}${u.pathname}`);
  const out: Answers = {};
  for (const [key, value] of u.searchParams) {
    const m = /^entry\.(\d+)$/.exec(key);
    if (!m) continue;
    const item = form.items.find((i) => i.id === Number(m[1]));
    if (!item) throw new Error(`Prefilled link names entry.${m[1]}, which is not a question of "${form.title}"`);
    if (item.type === 'CHECKBOX') out[item.title] = [...((out[item.title] as string[] | undefined) ?? []), value];
    else out[item.title] = value;
  }
  return out;
}

/**
 * Submits the form as a respondent would. Required questions are not enforced (tests also
 * simulate malformed submissions), but every answer must name an existing question.
 * An edit (opts.editOf) starts from the earlier answers, as the edit link shows them, and Sheets
 * rewrites the same row with the new answers and a new timestamp.
 */
export function submitForm(emu: Emulator, formId: string, answers: Answers, opts: SubmitOptions = {}): SubmitResult {
  const s = emu.store;
  const form = s.forms[formId];
  if (!form) throw new Error(`submitForm: no form with id ${formId}`);
  if (!form.acceptingResponses) throw new Error(`submitForm: form "${form.title}" is not accepting responses`);
  const byTitle = new Map<string, FormItemRec>();
  for (const item of form.items) if (isQuestion(item) && !byTitle.has(item.title)) byTitle.set(item.title, item);
  const unknown = Object.keys(answers).filter((t) => !byTitle.has(t));
  if (unknown.length)
    throw new Error(
      `submitForm: no question titled ${unknown.map((t) => `"${t}"`).join(', ')} in form "${form.title}"; questions: ${[...byTitle.keys()].map((t) => `"${t}"`).join(', ')}`,
    );

  const typed: Record<number, string | string[]> = {};
  for (const [title, value] of Object.entries(answers)) {
    const item = byTitle.get(title)!;
    if (item.type === 'CHECKBOX') typed[item.id] = Array.isArray(value) ? value.map(String) : value === '' ? [] : [String(value)];
    else if (Array.isArray(value)) throw new Error(`submitForm: "${title}" takes one answer, got a list`);
    else typed[item.id] = String(value);
  }

  const at = opts.at ?? s.clock.now;
  let resp: FormResponseRec;
  if (opts.editOf) {
    const prev = form.responses.find((r) => r.id === opts.editOf);
    if (!prev) throw new Error(`submitForm: form "${form.title}" has no response ${opts.editOf} to edit`);
    resp = prev;
    resp.answers = { ...prev.answers, ...typed };
    resp.timestamp = at;
    if (opts.respondentEmail !== undefined) resp.respondentEmail = opts.respondentEmail;
  } else {
    resp = { id: nextId(s, '2_ABaOn'), timestamp: at, respondentEmail: opts.respondentEmail, answers: typed, editToken: nextId(s, '2_ABaOnE') };
    form.responses.push(resp);
  }
  const row = writeResponseRow(s, form, resp);
  return { responseId: resp.id, row, triggerResults: fireTriggers(emu, form, resp, row, Boolean(opts.blankDuplicate), Boolean(opts.redelivered)) };
}

function nextId(s: Store, prefix: string): string {
  return `${prefix}${(s.seq++).toString(36).padStart(6, '0')}`;
}

function fireTriggers(
  emu: Emulator,
  form: FormRec,
  resp: FormResponseRec,
  row: number | undefined,
  blankDuplicate: boolean,
  redelivered: boolean,
): ExecutionResult[] {
  const s = emu.store;
  const results: ExecutionResult[] = [];
  const run = (t: TriggerRec, event: Record<string, unknown> & { kind: string }): void => {
    results.push(emu.run(t.handler, { kind: 'trigger', user: t.owner, effectiveUser: t.owner, triggerUid: t.uid, event }));
  };
  // Form-bound triggers see the response itself.
  for (const t of s.triggers.filter((x) => x.eventType === 'ON_FORM_SUBMIT' && x.source === 'FORMS' && x.sourceId === form.id)) {
    const fire = (): void => run(t, { kind: 'formResponse', formId: form.id, responseId: resp.id, triggerUid: t.uid, authMode: 'FULL' });
    fire();
    // Triggers are delivered at least once: the same event may come again.
    if (redelivered) fire();
  }
  const dest = destinationSheet(s, form);
  if (!dest || row === undefined) return results;
  const { ss, sheet } = dest;
  const width = Math.max(1, ...Object.values(form.destination?.columns ?? {}));
  const headers = Array.from({ length: width }, (_, c) => displayCell(getCell(sheet, 0, c), ss.timeZone));
  const values = Array.from({ length: width }, (_, c) => displayCell(getCell(sheet, row - 1, c), ss.timeZone));
  const sheetTriggers = s.triggers.filter((x) => x.eventType === 'ON_FORM_SUBMIT' && x.source === 'SPREADSHEETS' && x.sourceId === ss.id);
  for (const t of sheetTriggers) {
    const fire = (vals: string[]): void =>
      run(t, {
        kind: 'formSubmit',
        spreadsheetId: ss.id,
        sheetId: sheet.sheetId,
        row,
        values: vals,
        namedValues: namedValues(headers, vals),
        triggerUid: t.uid,
        authMode: 'FULL',
      });
    fire(values);
    if (redelivered) fire(values);
    // The duplicate keeps the timestamp column and blanks every answer.
    if (blankDuplicate) fire(values.map((v, c) => (c === 0 ? v : '')));
  }
  return results;
}

/** Header → [value]; a header shared by several columns collects all their values. */
function namedValues(headers: string[], values: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  headers.forEach((h, c) => (out[h] ??= []).push(values[c] ?? ''));
  return out;
}

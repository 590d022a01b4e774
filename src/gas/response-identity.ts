/**
 * Which form response a row of a "Responses: …" sheet holds, independent of where the row is.
 *
 * The help desk sorts, filters, inserts and deletes rows in those sheets, so a row number is
 * not an identity. A response is identified by the form's own response id (FormResponse.getId),
 * which stays the same when the respondent edits it; a row is matched to its response by the
 * timestamp (Google writes the response's timestamp into column A, and an edit rewrites it) and,
 * when several responses share that second, by the answers. When the form cannot be opened
 * (deleted, or the sheet was copied), the key falls back to the row's content: "c:" + timestamp
 * + a hash of the answers — stable under sorting, but an edit then reads as a new response.
 */
import type { NamedValues } from '../domain/intake';

type Form = GoogleAppsScript.Forms.Form;

export interface SheetResponse {
  rowNumber: number;
  submitted: Date;
  named: NamedValues;
}

/** A hash of the row's answers (FNV-1a, 32 bit, hex): no service call, same text → same hash. */
function answersHash(named: NamedValues): string {
  let h = 0x811c9dc5;
  const text = Object.keys(named)
    .sort()
    .map((k) => `${k}\u0001${(named[k] ?? []).join('\u0002')}`)
    .join('\u0003');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The content key of a row: moves with the row; changes when the response is edited. */
export function contentKey(r: SheetResponse): string {
  return `c:${r.submitted.getTime()}:${answersHash(r.named)}`;
}

const second = (ms: number): number => Math.floor(ms / 1000);

/** A form response's answers as text by question title (read from Forms once per response). */
export function answersOf(response: GoogleAppsScript.Forms.FormResponse): [string, string][] {
  return response.getItemResponses().map((ir) => {
    const answer = ir.getResponse() as string | string[];
    return [ir.getItem().getTitle(), Array.isArray(answer) ? answer.join(', ') : String(answer)];
  });
}

/**
 * A submitted response as the row its responses sheet gets: answers by question title, checkbox
 * answers joined with ", " as Sheets writes them, text exactly as typed ("0123" stays "0123"). A
 * response lists its unanswered text and paragraph questions with "" but leaves out unanswered
 * choice, checkbox and list questions (FormResponse.getItemResponses): those in `optional` are
 * added with "", so only a question the form truly lacks reads as missing.
 */
export function namedFromResponse(response: GoogleAppsScript.Forms.FormResponse, optional: readonly string[]): NamedValues {
  const named: NamedValues = {};
  for (const [title, text] of answersOf(response)) named[title] = [text];
  for (const title of optional) named[title] ??= [''];
  return named;
}

/** How many of a form response's answers read the same as the row's cells (by question title). */
function agreement(named: NamedValues, answers: [string, string][]): number {
  let same = 0;
  for (const [title, text] of answers) {
    const cell = named[title]?.[0];
    if (cell !== undefined && cell.trim() === text.trim()) same++;
  }
  return same;
}

/**
 * The response id of each row (by row object), in as few Forms calls as possible: one
 * getResponses from the earliest row's second, getId/getTimestamp per response returned, and
 * answers only when a second is shared. Rows with no matching response get their content key.
 */
export function responseKeys(
  form: Form | undefined,
  rows: SheetResponse[],
  picked?: Map<SheetResponse, GoogleAppsScript.Forms.FormResponse>,
): Map<SheetResponse, string> {
  const keys = new Map<SheetResponse, string>();
  if (rows.length === 0) return keys;
  if (form) {
    const earliest = Math.min(...rows.map((r) => r.submitted.getTime()));
    const bySecond = new Map<number, { id: string; response: GoogleAppsScript.Forms.FormResponse }[]>();
    for (const response of form.getResponses(new Date(second(earliest) * 1000 - 1000))) {
      const s = second(response.getTimestamp().getTime());
      const list = bySecond.get(s) ?? [];
      list.push({ id: response.getId(), response });
      bySecond.set(s, list);
    }
    const taken = new Set<string>();
    const answers = new Map<string, [string, string][]>();
    for (const row of rows) {
      const candidates = (bySecond.get(second(row.submitted.getTime())) ?? []).filter((c) => !taken.has(c.id));
      let pick = candidates[0];
      if (candidates.length > 1) {
        let best = -1;
        for (const c of candidates) {
          if (!answers.has(c.id)) answers.set(c.id, answersOf(c.response));
          const score = agreement(row.named, answers.get(c.id)!);
          if (score > best) [best, pick] = [score, c];
        }
      }
      if (pick) {
        taken.add(pick.id);
        keys.set(row, pick.id);
        picked?.set(row, pick.response);
      }
    }
  }
  for (const row of rows) if (!keys.has(row)) keys.set(row, contentKey(row));
  return keys;
}

/** Groups by the second of their timestamp (how rows and registry records are compared cheaply). */
export function countBySecond(times: Date[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of times) out.set(second(t.getTime()), (out.get(second(t.getTime())) ?? 0) + 1);
  return out;
}

export function secondOf(t: Date): number {
  return second(t.getTime());
}

/**
 * What the respondent typed, for the questions whose cells Sheets converted: a form answer that
 * reads as a number ("0123", "1e5", "12.50") lands in the responses sheet as a number, so the
 * cell's display ("123") is not the answer. The form response keeps the text as typed
 * (ItemResponse.getResponse). Returns the answers by question title, only for `titles` and only
 * where they differ from the row.
 */
export function typedAnswers(response: GoogleAppsScript.Forms.FormResponse, named: NamedValues, titles: readonly string[]): NamedValues {
  const out: NamedValues = {};
  const wanted = new Set(titles);
  for (const ir of response.getItemResponses()) {
    const title = ir.getItem().getTitle();
    if (!wanted.has(title)) continue;
    const answer = ir.getResponse() as string | string[];
    const text = Array.isArray(answer) ? answer.join(', ') : String(answer);
    if (named[title]?.[0] !== text) out[title] = [text];
  }
  return out;
}

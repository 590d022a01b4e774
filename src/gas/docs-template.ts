/**
 * Fills a Google Doc (header, body, footer) from template data (the language: domain/agreement-template.ts).
 * Values go in with Text.deleteText/insertText, which are literal by definition: Body.replaceText
 * takes a regular expression and its reference does not promise a literal replacement, so a value
 * holding "$1", "\\" or "{{x}}" is never handed to it. Each block is filled once, so a value is
 * never read again as a tag.
 */
import {
  inlineEdits,
  isPresent,
  lookup,
  preflight,
  scanTags,
  sectionMarker,
  templateTags,
  type Scope,
  type TemplateData,
  type ValueFormat,
} from '../domain/agreement-template';
import { dateFormatter } from './exchange';

/** A body, header or footer: what is filled is the same in each. */
type Section = Pick<GoogleAppsScript.Document.Body, 'getNumChildren' | 'getChild'>;
type Doc = GoogleAppsScript.Document.Document;
type DocElement = GoogleAppsScript.Document.Element;

/** What a fill did: the tags filled, the tags no data had (left as typed), and template problems. */
export interface FillResult {
  filled: string[];
  missing: string[];
  problems: string[];
}

/** Dates in the spreadsheet's time zone (the registry's yyyy-MM-dd), numbers and money in its locale. */
export function valueFormatOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): ValueFormat {
  return { date: dateFormatter(ss), locale: ss.getSpreadsheetLocale() || 'en_US' };
}

/**
 * A section's template text: paragraphs on their own lines, a table row's cells on one line (tab
 * separated), so an each-row's tags are read as that row's. (Body.getText() puts every cell on a
 * line of its own, as Google does.)
 */
export function templateText(body: Section): string {
  const lines: string[] = [];
  for (let i = 0; i < body.getNumChildren(); i++) {
    const child = body.getChild(i);
    const type = child.getType();
    if (type !== DocumentApp.ElementType.TABLE) {
      lines.push(type === DocumentApp.ElementType.PARAGRAPH || type === DocumentApp.ElementType.LIST_ITEM ? textOf(child).read() : '');
      continue;
    }
    const table = child.asTable();
    for (let r = 0; r < table.getNumRows(); r++) {
      const row = table.getRow(r);
      const cells: string[] = [];
      // A cell of several paragraphs still belongs to its row's line.
      for (let c = 0; c < row.getNumCells(); c++)
        cells.push(
          row
            .getCell(c)
            .getText()
            .replace(/[\r\n]+/g, ' '),
        );
      lines.push(cells.join('\t'));
    }
  }
  return lines.join('\n');
}

function sectionsOf(doc: Doc): Section[] {
  return [doc.getHeader(), doc.getBody(), doc.getFooter()].filter((x): x is NonNullable<typeof x> => x !== null);
}

/** Pre-flight of a template Doc (header, body, footer) against one row's data (see domain preflight). */
export function checkDocTemplate(doc: Doc, data: TemplateData, required: string[]): { unknownTags: string[]; emptyRequired: string[] } {
  return preflight(templateTags(sectionsOf(doc).map(templateText).join('\n')), data, required);
}

interface Acc {
  filled: Set<string>;
  missing: Set<string>;
  problems: Set<string>;
}

/** A paragraph's or list item's text run (asked for only when there is something to edit). */
function textOf(child: DocElement): { read: () => string; text: () => GoogleAppsScript.Document.Text } {
  const p = child.getType() === DocumentApp.ElementType.LIST_ITEM ? child.asListItem() : child.asParagraph();
  return { read: () => p.getText(), text: () => p.editAsText() };
}

/** Fills one text run (a paragraph's or a cell's) in place, last edit first so offsets hold. */
function fillText(block: { read: () => string; text: () => GoogleAppsScript.Document.Text }, scope: Scope, fmt: ValueFormat, acc: Acc): void {
  const r = inlineEdits(block.read(), scope, fmt);
  r.filled.forEach((x) => acc.filled.add(x));
  r.missing.forEach((x) => acc.missing.add(x));
  r.unbalanced.forEach((x) => acc.problems.add(`${x} has no partner in the same paragraph`));
  if (r.edits.length === 0) return;
  const text = block.text();
  for (const e of [...r.edits].reverse()) {
    if (e.end > e.start) text.deleteText(e.start, e.end - 1);
    if (e.text !== '') text.insertText(e.start, e.text);
  }
}

function fillRow(row: GoogleAppsScript.Document.TableRow, scope: Scope, fmt: ValueFormat, acc: Acc): void {
  for (let c = 0; c < row.getNumCells(); c++) {
    const cell = row.getCell(c);
    fillText({ read: () => cell.getText(), text: () => cell.editAsText() }, scope, fmt, acc);
  }
}

/** A table: a row holding `{{#each list}}` becomes one filled copy per item (then goes); other rows are filled. */
function fillTable(table: GoogleAppsScript.Document.Table, data: TemplateData, fmt: ValueFormat, acc: Acc): void {
  for (let r = table.getNumRows() - 1; r >= 0; r--) {
    const row = table.getRow(r);
    const each = scanTags(row.getText()).find((t) => t.kind === 'each');
    if (!each) {
      fillRow(row, { data }, fmt, acc);
      continue;
    }
    const list = lookup({ data }, each.path);
    if (list === undefined) acc.missing.add(each.path);
    const items = Array.isArray(list) ? list : [];
    items.forEach((item, k) => fillRow(table.insertTableRow(r + 1 + k, row.copy()), { data, item, list: each.path }, fmt, acc));
    table.removeRow(r);
    acc.filled.add(each.path);
  }
}

/**
 * The children to remove for paragraph-level sections: a paragraph that is only `{{#if x}}` opens
 * a section, one that is only `{{/if}}` closes it; markers always go, the content goes when x is
 * absent, empty or false (nesting allowed).
 */
function sectionRemovals(children: DocElement[], data: TemplateData, acc: Acc): Set<number> {
  const remove = new Set<number>();
  const open: { at: number; keep: boolean }[] = [];
  const marks: { at: number; keep: boolean; close: number }[] = [];
  children.forEach((child, i) => {
    const type = child.getType();
    if (type !== DocumentApp.ElementType.PARAGRAPH && type !== DocumentApp.ElementType.LIST_ITEM) return;
    const m = sectionMarker(textOf(child).read());
    if (m?.kind === 'if') {
      const v = lookup({ data }, m.path);
      if (v === undefined) acc.missing.add(m.path);
      open.push({ at: i, keep: isPresent(v) });
    } else if (m?.kind === 'endif') {
      const o = open.pop();
      if (o) marks.push({ ...o, close: i });
      else acc.problems.add('{{/if}} without its {{#if}}');
    }
  });
  for (const o of open) acc.problems.add(`${textOf(children[o.at]).read().trim()} without its {{/if}}`);
  for (const m of marks) {
    remove.add(m.at).add(m.close);
    if (!m.keep) for (let i = m.at + 1; i < m.close; i++) remove.add(i);
  }
  return remove;
}

/** Fills a template Doc's header, body and footer; save it (saveAndClose) before exporting. */
export function fillDocument(doc: Doc, data: TemplateData, fmt: ValueFormat): FillResult {
  const acc: Acc = { filled: new Set(), missing: new Set(), problems: new Set() };
  for (const section of sectionsOf(doc)) fillInto(section, data, fmt, acc);
  return { filled: [...acc.filled].sort(), missing: [...acc.missing].sort(), problems: [...acc.problems] };
}

/**
 * Fills one section from data: sections kept or removed, each-rows repeated, fields filled. Google
 * refuses to remove a section's last paragraph ("Can't remove the last paragraph in a document
 * section."), so that one is emptied instead.
 */
export function fillSection(section: Section, data: TemplateData, fmt: ValueFormat): FillResult {
  const acc: Acc = { filled: new Set(), missing: new Set(), problems: new Set() };
  fillInto(section, data, fmt, acc);
  return { filled: [...acc.filled].sort(), missing: [...acc.missing].sort(), problems: [...acc.problems] };
}

function fillInto(body: Section, data: TemplateData, fmt: ValueFormat, acc: Acc): void {
  const children: DocElement[] = [];
  for (let i = 0; i < body.getNumChildren(); i++) children.push(body.getChild(i));
  const remove = sectionRemovals(children, data, acc);
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    const type = child.getType();
    if (remove.has(i)) {
      if (i === children.length - 1) (type === DocumentApp.ElementType.LIST_ITEM ? child.asListItem() : child.asParagraph()).setText('');
      else child.removeFromParent();
    } else if (type === DocumentApp.ElementType.TABLE) fillTable(child.asTable(), data, fmt, acc);
    else if (type === DocumentApp.ElementType.PARAGRAPH || type === DocumentApp.ElementType.LIST_ITEM) fillText(textOf(child), { data }, fmt, acc);
  }
}

/**
 * The agreement template filler (src/gas/docs-template.ts) on a real Doc inside the emulator.
 * The generation flow that will call it from dist/Code.js comes in a later slice, so this test
 * bundles the adapter with a tiny entry the way scripts/bundle.ts bundles main.ts (esbuild IIFE
 * plus top-level wrappers) and runs it as Apps Script code: a template Doc is made with
 * DocumentApp, filled with every tricky value, saved, exported as PDF, and read back.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { Emulator } from '@training-help-desk/gas-emulator/host';
import { renderPdf } from '@training-help-desk/gas-emulator/export';
import { pdfText } from '@training-help-desk/gas-emulator/export';

const ENTRY = `
import { checkDocTemplate, fillDocument, valueFormatOf } from './gas/docs-template';

/** A template Doc as a help desk would write it. */
export function makeTemplate(): string {
  const doc = DocumentApp.create('Template');
  const b = doc.getBody();
  doc.addHeader().getChild(0).asParagraph().setText('SoFA – {{trainer.name}}{{#if promo}} – {{promo}}{{/if}}');
  doc.addFooter().getChild(0).asParagraph().setText('Page footer: {{fee.currency}}');
  b.getChild(0).asParagraph().setText('Domain agreement').setHeading(DocumentApp.ParagraphHeading.HEADING1);
  b.appendParagraph('Between SoFA and {{trainer.name}} ({{trainer.email}}), signed {{signedAt}}.');
  b.appendParagraph('{{#if outreach}}');
  b.appendParagraph('Outreach');
  b.appendParagraph('{{outreach}}');
  b.appendParagraph('{{#if nothing}}');
  b.appendParagraph('Nested and absent: {{nothing}}');
  b.appendParagraph('{{/if}}');
  b.appendParagraph('{{/if}}');
  b.appendParagraph('Fee {{fee}}{{#if note}}, note: {{note}}{{/if}}{{#if gone}}, gone{{/if}}.');
  b.appendTable([['Date', 'Hours', 'Note'], ['{{#each sessions}}{{this.date}}', '{{hours}}', '{{note}}{{/each}}'], ['Total', '{{total}}', '{{fee.currency}}']]);
  b.appendParagraph('{{#if promo}}');
  b.appendParagraph('Promotion: {{promo}}');
  b.appendParagraph('{{/if}}');
  return doc.getId();
}

/** Dates travel as {"$date": iso}: google.script.run-style arguments are JSON. */
export function fill(docId: string, json: string): unknown {
  const data = JSON.parse(json, (_k, v) => (v && typeof v === 'object' && typeof v.$date === 'string' ? new Date(v.$date) : v));
  const ss = SpreadsheetApp.create('Registry');
  ss.setSpreadsheetTimeZone('Europe/Moscow');
  ss.setSpreadsheetLocale('de_DE');
  const doc = DocumentApp.openById(docId);
  const check = checkDocTemplate(doc, data, ['trainer.name', 'trainer.email']);
  const result = fillDocument(doc, data, valueFormatOf(ss));
  const beforeSave = DriveApp.getFileById(docId).getAs('application/pdf').getDataAsString();
  doc.saveAndClose();
  const pdf = DriveApp.createFile(DriveApp.getFileById(docId).getAs('application/pdf'));
  const again = DocumentApp.openById(docId);
  return { check, result, beforeSave, pdfId: pdf.getId(), pdfJson: pdf.getBlob().getDataAsString(), text: again.getBody().getText(), header: again.getHeader().getText(), footer: again.getFooter().getText() };
}

/** Many values, two to a paragraph and in table cells, filled into one Doc; the texts read back after saving. */
export function fillMany(values: string[]): string[] {
  const doc = DocumentApp.create('Many');
  const data: Record<string, string> = {};
  values.forEach((v, i) => {
    data['v' + i] = v;
    doc.getBody().appendParagraph('<{{v' + i + '}}|{{#if v' + i + '}}{{v' + i + '}}{{/if}}>');
  });
  doc.getBody().appendTable(values.map((_v, i) => ['{{v' + i + '}}', 'x{{v' + i + '}}y']));
  fillDocument(doc, data, { date: (d) => d.toISOString(), locale: 'en_US' });
  doc.saveAndClose();
  const body = DocumentApp.openById(doc.getId()).getBody();
  const out: string[] = [];
  for (let i = 0; i < body.getNumChildren(); i++) {
    const child = body.getChild(i);
    if (child.getType() !== DocumentApp.ElementType.TABLE) out.push(child.asParagraph().getText());
    else for (let r = 0; r < child.asTable().getNumRows(); r++) out.push(child.asTable().getCell(r, 0).getText() + '|' + child.asTable().getCell(r, 1).getText());
  }
  return out;
}

/** Pre-flight alone. */
export function check(docId: string, json: string, required: string[]): unknown {
  return checkDocTemplate(DocumentApp.openById(docId), JSON.parse(json), required);
}
`;

async function bundle(): Promise<string> {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: path.resolve(__dirname, '../../src'), loader: 'ts' },
    bundle: true,
    platform: 'neutral',
    target: 'es2020',
    format: 'iife',
    globalName: '__t',
    write: false,
    charset: 'utf8',
    logLevel: 'silent',
  });
  const wrappers = ['makeTemplate', 'fill', 'check', 'fillMany'].map((n) => `function ${n}() { return __t.${n}.apply(this, arguments); }`);
  return `${out.outputFiles[0].text}\n${wrappers.join('\n')}\n`;
}

const TRICKY = {
  name: 'Мария João $1 \\ {{fee}} (a.*) $& \u200fשלום\u200f',
  email: 'maria+$$@example.org',
  outreach: 'We post on (social).* channels\nand in the {{#if}} newsletter \\n $',
};

/** Random strings of the pieces that break naive filling (seeded: the same on every run). */
function trickyValues(n: number): string[] {
  const pieces = [
    '$',
    '\\',
    '.',
    '*',
    '(',
    ')',
    '{{',
    '}}',
    '$1',
    '$&',
    '\n',
    '\u200f',
    '\u202e',
    'Ж',
    'é',
    ' ',
    '{{v0}}',
    '{{#if v1}}',
    '{{/if}}',
    '{{/each}}',
    '^',
    '|',
  ];
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}

function data(over: Record<string, unknown> = {}) {
  return {
    trainer: { name: TRICKY.name, email: TRICKY.email },
    signedAt: { $date: '2026-12-03T22:30:00Z' },
    outreach: TRICKY.outreach,
    nothing: '',
    fee: { amount: 1234.5, currency: 'EUR' },
    note: 'paid in 2 parts: 50% / 50%',
    gone: false,
    sessions: [
      { date: { $date: '2027-01-10T09:00:00Z' }, hours: 2, note: '$& (a.*) {{/each}}' },
      { date: { $date: '2027-01-17T09:00:00Z' }, hours: 1.5, note: '}}{{' },
    ],
    total: 3.5,
    promo: '',
    ...over,
  };
}

describe('agreement template filled on a real Doc', () => {
  let code: string;
  beforeAll(async () => {
    code = await bundle();
  });

  it('fills every tricky value exactly, repeats each rows, keeps and removes sections, formats by the spreadsheet; the PDF has it after saveAndClose', async () => {
    const emu = new Emulator({ manifest: { timeZone: 'Etc/UTC', runtimeVersion: 'V8' }, code });
    const id = emu.call<string>('makeTemplate');
    const r = emu.call<{
      check: unknown;
      result: { filled: string[]; missing: string[]; problems: string[] };
      beforeSave: string;
      pdfId: string;
      pdfJson: string;
      text: string;
      header: string;
      footer: string;
    }>('fill', { args: [id, JSON.stringify(data())] });
    expect(r.check).toEqual({ unknownTags: [], emptyRequired: [] });
    expect(r.result.missing).toEqual([]);
    expect(r.result.problems).toEqual([]);
    expect(r.result.filled).toEqual(
      expect.arrayContaining(['trainer.name', 'sessions', 'sessions.date', 'sessions.hours', 'sessions.note', 'fee.currency', 'total']),
    );
    const expected = [
      'Domain agreement',
      `Between SoFA and ${TRICKY.name} (${TRICKY.email}), signed 2026-12-04.`,
      'Outreach',
      TRICKY.outreach,
      'Fee 1.234,50 EUR, note: paid in 2 parts: 50% / 50%.',
      // Body.getText() puts every table cell on a line of its own (as Google does).
      'Date\nHours\nNote\n2027-01-10\n2\n$& (a.*) {{/each}}\n2027-01-17\n1,5\n}}{{\nTotal\n3,5\nEUR',
      '',
      // The template's last paragraph ({{/if}}) cannot be removed: it is emptied.
      '',
    ].join('\n');
    expect(r.text).toBe(expected);
    expect([r.header, r.footer]).toEqual([`SoFA – ${TRICKY.name}`, 'Page footer: EUR']);
    // Before saveAndClose the export still showed the template; after it, the filled text.
    expect(r.beforeSave).toContain('{{trainer.name}}');
    const snapshot = JSON.parse(r.pdfJson) as { emulatorPdfOf: { body: { text?: string; cells?: string[][] }[] } };
    const pdfBody = snapshot.emulatorPdfOf.body.map((e) => e.text ?? (e.cells ?? []).flat().join('\n')).join('\n');
    expect(pdfBody).toBe(expected);
    // The rendered PDF reads as text (Cyrillic and accents included).
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tpl-')), 'agreement.pdf');
    await renderPdf(emu.store, r.pdfId, file);
    const text = pdfText(fs.readFileSync(file));
    expect(text).toContain('Мария João $1 \\ {{fee}} (a.*) $&');
    expect(text).toContain('1.234,50 EUR');
    expect(text).not.toContain('{{trainer');
    // A value's line break is a line break in the PDF.
    expect(text).toMatch(/We post on \(social\)\.\* channels\n(?:.*\n)*?and in the \{\{#if\}\} newsletter/);
  });

  it('property: 150 random tricky values in paragraphs and cells all come out exactly as typed', () => {
    const emu = new Emulator({ manifest: { timeZone: 'Etc/UTC', runtimeVersion: 'V8' }, code });
    const values = trickyValues(150);
    const texts = emu.call<string[]>('fillMany', { args: [values] });
    const shown = (v: string) => (v.trim() ? v : '');
    expect(texts).toEqual(['', ...values.map((v) => `<${v}|${shown(v)}>`), ...values.map((v) => `${v}|x${v}y`), '']);
  });

  it('pre-flight lists tags no data provides and empty required fields; filling leaves unknown tags visible and says so', () => {
    const emu = new Emulator({ manifest: { timeZone: 'Etc/UTC', runtimeVersion: 'V8' }, code });
    const id = emu.call<string>('makeTemplate');
    const partial = data({ trainer: { name: '', email: 'x@example.org' } }) as Record<string, unknown>;
    delete partial.total;
    delete partial.promo;
    expect(emu.call('check', { args: [id, JSON.stringify(partial), ['trainer.name']] })).toEqual({
      unknownTags: ['promo', 'total'],
      emptyRequired: ['trainer.name'],
    });
    const r = emu.call<{ result: { missing: string[] }; text: string }>('fill', { args: [id, JSON.stringify(partial)] });
    expect(r.result.missing).toEqual(['promo', 'total']);
    expect(r.text).toContain('Total\n{{total}}\nEUR');
  });
});

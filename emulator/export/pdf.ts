/**
 * Host side: Google Docs and the PDF blobs scripts saved from them (File.getAs('application/pdf')
 * keeps a JSON snapshot of the document, see runtime/drive/items.ts) rendered as real PDFs with
 * pdfkit and DejaVu Sans, so Cyrillic and Portuguese text is readable and extractable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import type { DocElementRec, DocumentRec, DriveItemRec, Store } from '../store';
import { safeFileName } from './names';

const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const PDF_FONT = path.join(FONT_DIR, 'DejaVuSans.ttf');
const PDF_FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const GOOGLE_DOC = 'application/vnd.google-apps.document';
const BODY_SIZE = 11;
/** Point sizes of Google Docs' default paragraph styles. */
const HEADING_SIZE: Record<string, number> = { TITLE: 26, SUBTITLE: 15, HEADING1: 20, HEADING2: 16, HEADING3: 14, HEADING4: 12, HEADING5: 11, HEADING6: 11 };

interface PdfSource {
  doc: DocumentRec;
  name: string;
}

/** The emulator PDF snapshot held by a Drive item, if it holds one. */
function snapshotOf(item: DriveItemRec): PdfSource | undefined {
  if (item.mimeType !== 'application/pdf' || !item.content) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(item.content, 'base64').toString('utf8')) as { emulatorPdfOf?: DocumentRec; name?: string };
    return parsed.emulatorPdfOf ? { doc: parsed.emulatorPdfOf, name: parsed.name ?? item.name } : undefined;
  } catch {
    return undefined;
  }
}

function sourceOf(store: Store, itemId: string): PdfSource {
  const item = store.drive.items[itemId];
  if (!item) throw new Error(`renderPdf: no Drive item ${itemId}`);
  if (item.mimeType === GOOGLE_DOC) return { doc: store.documents[itemId] ?? { id: itemId, body: [] }, name: item.name };
  const snap = snapshotOf(item);
  if (!snap) throw new Error(`renderPdf: ${item.name} (${itemId}) is neither a Google Doc nor an emulator PDF`);
  return snap;
}

function headingKey(heading: string | undefined): string {
  return (heading ?? 'NORMAL').toUpperCase().replace(/[\s_]/g, '');
}

function renderElement(pdf: PDFKit.PDFDocument, el: DocElementRec, counters: number[]): void {
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  switch (el.type) {
    case 'PARAGRAPH': {
      const key = headingKey(el.heading);
      const size = HEADING_SIZE[key] ?? BODY_SIZE;
      const bold = key in HEADING_SIZE || el.attrs?.bold === true;
      const align = typeof el.attrs?.alignment === 'string' ? el.attrs.alignment.toLowerCase() : 'left';
      pdf.font(bold ? 'Bold' : 'Body').fontSize(size);
      if (key in HEADING_SIZE) pdf.moveDown(0.4);
      pdf.text(el.text === '' ? ' ' : el.text, left, pdf.y, { width, align: ['center', 'right', 'justify'].includes(align) ? (align as 'center') : 'left' });
      pdf.moveDown(0.3);
      counters.length = 0;
      break;
    }
    case 'LIST_ITEM': {
      const level = Math.max(0, el.nesting);
      counters.length = level + 1;
      counters[level] = (counters[level] ?? 0) + 1;
      const numbered = /NUMBER|LATIN|ROMAN/.test(el.glyph ?? '');
      const marker = numbered ? `${counters[level]}.` : '•';
      const indent = 18 * (level + 1);
      pdf.font('Body').fontSize(BODY_SIZE);
      const y = pdf.y;
      pdf.text(marker, left + indent - 14, y, { width: 14 });
      pdf.text(el.text, left + indent, y, { width: width - indent });
      pdf.moveDown(0.2);
      break;
    }
    case 'TABLE': {
      const cols = Math.max(1, ...el.cells.map((r) => r.length));
      const colWidth = width / cols;
      const pad = 4;
      pdf.font('Body').fontSize(BODY_SIZE - 1);
      for (const row of el.cells) {
        const height = Math.max(...Array.from({ length: cols }, (_, c) => pdf.heightOfString(row[c] ?? '', { width: colWidth - 2 * pad }))) + 2 * pad;
        if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
        const y = pdf.y;
        for (let c = 0; c < cols; c++) {
          pdf.rect(left + c * colWidth, y, colWidth, height).stroke();
          pdf.text(row[c] ?? '', left + c * colWidth + pad, y + pad, { width: colWidth - 2 * pad });
        }
        pdf.x = left;
        pdf.y = y + height;
      }
      pdf.moveDown(0.5);
      counters.length = 0;
      break;
    }
    case 'HORIZONTAL_RULE':
      pdf
        .moveTo(left, pdf.y + 4)
        .lineTo(left + width, pdf.y + 4)
        .stroke();
      pdf.moveDown(0.6);
      break;
    case 'PAGE_BREAK':
      pdf.addPage();
      break;
  }
}

function plainText(elements: DocElementRec[] | undefined): string {
  return (elements ?? [])
    .map((el) => (el.type === 'PARAGRAPH' || el.type === 'LIST_ITEM' ? el.text : el.type === 'TABLE' ? el.cells.map((r) => r.join('  ')).join('\n') : ''))
    .filter((t) => t !== '')
    .join('\n');
}

/** Header and footer repeat on every page, in the top and bottom margins. */
function drawHeaderFooter(pdf: PDFKit.PDFDocument, doc: DocumentRec): void {
  const header = plainText(doc.header);
  const footer = plainText(doc.footer);
  if (!header && !footer) return;
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const { left, right, bottom } = pdf.page.margins;
    const width = pdf.page.width - left - right;
    // Writing inside the bottom margin must not start a new page.
    pdf.page.margins.bottom = 0;
    pdf.font('Body').fontSize(9).fillColor('#555555');
    if (header) pdf.text(header, left, 30, { width, height: 36 });
    if (footer) pdf.text(footer, left, pdf.page.height - bottom + 18, { width, height: 36 });
    pdf.page.margins.bottom = bottom;
    pdf.fillColor('black');
  }
}

function renderDocument(source: PdfSource, file: string, createdAt: number): Promise<string> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 64, right: 64 },
    bufferPages: true,
    info: { Title: source.name, CreationDate: new Date(createdAt) },
  });
  pdf.registerFont('Body', PDF_FONT);
  pdf.registerFont('Bold', PDF_FONT_BOLD);
  pdf.font('Body');
  const out = fs.createWriteStream(file);
  const done = new Promise<string>((resolve, reject) => {
    out.on('finish', () => resolve(file));
    out.on('error', reject);
  });
  pdf.pipe(out);
  const counters: number[] = [];
  for (const el of source.doc.body) renderElement(pdf, el, counters);
  drawHeaderFooter(pdf, source.doc);
  pdf.end();
  return done;
}

/** Renders one Drive item (a Google Doc, or a PDF a script saved from one) to `file`. */
export function renderPdf(store: Store, itemId: string, file: string): Promise<string> {
  return renderDocument(sourceOf(store, itemId), file, store.clock.now);
}

/**
 * Renders every emulator PDF in Drive (and, with includeGoogleDocs, every Google Doc) into
 * `dir`; answers the files written, in Drive creation order.
 */
export async function exportDrivePdfs(store: Store, dir: string, opts: { includeGoogleDocs?: boolean } = {}): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  const files: string[] = [];
  for (const item of Object.values(store.drive.items)) {
    const wanted = snapshotOf(item) !== undefined || (opts.includeGoogleDocs === true && item.mimeType === GOOGLE_DOC);
    if (!wanted) continue;
    let base = safeFileName(item.name.replace(/\.pdf$/i, ''), item.id);
    if (used.has(base)) base = `${base}-${item.id}`;
    used.add(base);
    files.push(await renderPdf(store, item.id, path.join(dir, `${base}.pdf`)));
  }
  return files;
}

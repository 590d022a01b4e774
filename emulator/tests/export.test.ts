import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { Emulator } from '../host';
import { newStore, type CellRec, type SheetRec, type Store } from '../store';
import { exportDrivePdfs, exportOutbox, exportWorkbook, renderPdf } from '../export';
import { pdfText } from '../export';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'emu-export-'));

function hasTool(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function sheet(name: string, index: number, rows: (CellRec | undefined)[][], extra: Partial<SheetRec> = {}): SheetRec {
  return {
    sheetId: index,
    name,
    index,
    rows,
    maxRows: 1000,
    maxColumns: 26,
    frozenRows: 0,
    frozenColumns: 0,
    hidden: false,
    validations: [],
    conditionalRules: [],
    protections: [],
    columnWidths: {},
    ...extra,
  };
}

function seedDoc(store: Store, id: string, name: string): void {
  store.drive.items[id] = { ...store.drive.items.root, id, kind: 'file', name, mimeType: 'application/vnd.google-apps.document', parents: ['root'] };
  store.documents[id] = {
    id,
    body: [
      { type: 'PARAGRAPH', text: 'Привет, João — ação', heading: 'HEADING1' },
      { type: 'PARAGRAPH', text: 'Соглашение о обучении: coordenação.' },
      { type: 'LIST_ITEM', text: 'Первый пункт', nesting: 0 },
      {
        type: 'TABLE',
        cells: [
          ['Тренер', 'Data'],
          ['Мария', '24/11/2026'],
        ],
      },
      { type: 'HORIZONTAL_RULE' },
      { type: 'PAGE_BREAK' },
      { type: 'PARAGRAPH', text: 'Segunda página' },
    ],
    header: [{ type: 'PARAGRAPH', text: 'Training Help Desk' }],
    footer: [{ type: 'PARAGRAPH', text: 'Rodapé — стр.' }],
  };
}

describe('host exports', () => {
  it('exportWorkbook writes typed values, formulas with results, "="-text as text, frozen panes, validations, notes, widths, bold and tab colour', async () => {
    const store = newStore();
    const when = Date.UTC(2026, 10, 24, 13, 30, 0);
    store.spreadsheets.ss1 = {
      id: 'ss1',
      name: 'Registry',
      timeZone: 'Europe/Lisbon',
      locale: 'pt_PT',
      nextSheetId: 2,
      namedRanges: {},
      toasts: [],
      formIds: [],
      sheets: [
        sheet(
          'Requests',
          0,
          [
            [{ v: 'Trainer', style: { fontWeight: 'bold' } }, { v: 'Hours', style: { fontWeight: 'bold' } }, { v: 'Paid' }, { v: 'When' }, { v: 'Status' }],
            [{ v: '=HYPERLINK("x")' }, { v: 2 }, { v: true }, { v: { date: when } }, { v: 'open', note: 'Escolha: open/closed' }],
            [{ v: 'Мария' }, { v: 1.5 }, { v: false }, undefined, { v: 'closed' }],
            [{ v: 'Total' }, { v: 3.5, f: '=SUM(B2:B3)' }],
          ],
          {
            frozenRows: 1,
            frozenColumns: 1,
            tabColor: '#ff9900',
            columnWidths: { 1: 210 },
            validations: [
              { a1: 'E2:E1000', kind: 'list', values: ['open', 'closed'], allowInvalid: false, helpText: 'Pick one' },
              { a1: 'C2:C', kind: 'checkbox', allowInvalid: false },
            ],
          },
        ),
        sheet('Lists', 1, [[{ v: 'open' }]], { hidden: true }),
      ],
    };
    const file = path.join(tmp(), 'registry.xlsx');
    await exportWorkbook(store, 'ss1', file);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Requests', 'visible'],
      ['Lists', 'hidden'],
    ]);
    const ws = wb.getWorksheet('Requests')!;
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A2').value).toBe('=HYPERLINK("x")');
    expect(ws.getCell('B2').value).toBe(2);
    expect(ws.getCell('C2').value).toBe(true);
    // 13:30 UTC is 13:30 in Lisbon in November (WET, UTC+0): shown as the sheet's wall clock.
    expect((ws.getCell('D2').value as Date).toISOString()).toBe('2026-11-24T13:30:00.000Z');
    expect(ws.getCell('B4').value).toEqual({ formula: 'SUM(B2:B3)', result: 3.5 });
    expect(ws.getCell('E2').note).toBe('Escolha: open/closed');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(ws.getCell('E500').dataValidation).toMatchObject({ type: 'list', formulae: ['"open,closed"'], showErrorMessage: true, prompt: 'Pick one' });
    expect(ws.getCell('C1000').dataValidation).toMatchObject({ type: 'list', formulae: ['"TRUE,FALSE"'] });
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.properties.tabColor).toEqual({ argb: 'FFFF9900' });

    if (hasTool('libreoffice')) {
      const out = tmp();
      // Where LibreOffice is installed, it opens the file too: UTF-8 CSV (filter token 76), formula text stays text.
      execFileSync('libreoffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', out, file], { stdio: 'ignore' });
      const csv = fs.readFileSync(path.join(out, 'registry.csv'), 'utf8');
      expect(csv).toContain('"=HYPERLINK(""x"")",2,TRUE');
      expect(csv).toContain('Мария,1.5,FALSE');
      expect(csv).toContain('Total,3.5');
    }
  });

  it('renderPdf renders a Google Doc with DejaVu Sans so Cyrillic and Portuguese text is extractable', async () => {
    const store = newStore();
    seedDoc(store, 'doc1', 'Agreement');
    const file = path.join(tmp(), 'agreement.pdf');
    await renderPdf(store, 'doc1', file);
    const buf = fs.readFileSync(file);
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(buf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    const text = pdfText(buf);
    expect(text).toContain('Привет, João — ação');
    expect(text).toContain('Мария');
    expect(text).toContain('Segunda página');
    // Header and footer repeat on both pages.
    expect(text.match(/Rodapé — стр\./g)).toHaveLength(2);
    expect(text.match(/Training Help Desk/g)).toHaveLength(2);
    if (hasTool('pdftotext')) {
      expect(execFileSync('pdftotext', [file, '-']).toString('utf8')).toContain('Привет, João — ação');
    }
  });

  it('exportDrivePdfs renders every PDF a script saved with getAs("application/pdf"), named after the file', async () => {
    const e = new Emulator({
      code: 'function t(id){ var f = DriveApp.getFileById(id); DriveApp.createFolder("Out").createFile(f.getAs(MimeType.PDF)); DriveApp.createFile("x.txt", "x"); }',
      manifest: { timeZone: 'Etc/UTC', runtimeVersion: 'V8' },
    });
    seedDoc(e.store, 'doc1', 'Acordo / João 🎓');
    e.call('t', { args: ['doc1'] });
    const dir = tmp();
    const files = await exportDrivePdfs(e.store, dir);
    expect(files.map((f) => path.basename(f))).toEqual(['Acordo-João.pdf']);
    expect(pdfText(fs.readFileSync(files[0]))).toContain('Привет, João — ação');
    const withDocs = await exportDrivePdfs(e.store, tmp(), { includeGoogleDocs: true });
    expect(withDocs).toHaveLength(2);
  });

  it('exportOutbox writes one RFC 5322 .eml per message in send order, with UTF-8 subject, no Bcc header and the virtual date', async () => {
    const e = new Emulator({
      code: `function t(){
        MailApp.sendEmail({ to: 'ana@example.org', cc: 'bo@example.org', bcc: 'hidden@example.org', replyTo: 'desk@example.org', name: 'Help Desk',
          subject: 'Confirmação 🎓 / pedido 7', body: 'Olá Ana', htmlBody: '<p>Olá <b>Ana</b></p>',
          attachments: [Utilities_blob()] });
        MailApp.sendEmail('bo@example.org', '', 'sem assunto');
      }
      function Utilities_blob(){ return DriveApp.createFile('nota.txt', 'conteúdo').getBlob(); }`,
      manifest: { timeZone: 'Etc/UTC', runtimeVersion: 'V8' },
    });
    e.store.clock.now = Date.UTC(2026, 10, 25, 8, 15, 0);
    e.latencyMovesClock = false; // the Date header is checked to the second
    e.call('t');
    const files = await exportOutbox(e.store, tmp());
    expect(files.map((f) => path.basename(f))).toEqual(['001-Confirmação-pedido-7.eml', '002-no-subject.eml']);
    const eml = fs.readFileSync(files[0], 'utf8');
    const headers = eml.slice(0, eml.indexOf('\r\n\r\n'));
    expect(headers).toMatch(/^From: Help Desk <helpdesk@example\.org>$/m);
    expect(headers).toMatch(/^To: ana@example\.org$/m);
    expect(headers).toMatch(/^Cc: bo@example\.org$/m);
    expect(headers).toMatch(/^Reply-To: desk@example\.org$/m);
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headers).toMatch(/^Date: Wed, 25 Nov 2026 08:15:00 \+0000$/m);
    const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(headers)![1];
    const decoded = subject
      .replace(/\r\n[ \t]/g, ' ')
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64').toString('latin1')
          : data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))),
      );
    expect(Buffer.from(decoded, 'latin1').toString('utf8')).toBe('Confirmação 🎓 / pedido 7');
    expect(eml).toContain('multipart/alternative');
    expect(eml).toMatch(/Content-Disposition: attachment; filename=nota\.txt/);
  });
});

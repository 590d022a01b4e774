/**
 * Scenario: the workbook `npm start` exports (emulator/export/xlsx.ts) reads as the sheet shows
 * after Set up and some use: status colours, column widths, frozen header rows, dropdowns, and one
 * date format per date column — also for a date the help desk typed by hand.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { exportWorkbook } from '@training-help-desk/gas-emulator/export';
import { DEFAULTS } from '../../src/defaults/defaults';
import { REGISTRY } from '../../src/domain/registry';
import { clientAnswers, FORMS, profileAnswers, setUpWorld } from '../support/world';

async function exported() {
  const d = setUpWorld();
  d.submitForm(FORMS.profile, profileAnswers('Carl Certified', 'carl@example.org'));
  d.submitForm(FORMS.client, clientAnswers());
  // The help desk types an agreement, its end date as text the way a person types it.
  d.editCells('Agreements!A2:H2', [['A-0001', 'exchange', 'SoFA', 'T-0001', '', '', '', 'signed']]);
  const validUntil = (d.sheet('Agreements').rows[0] ?? []).findIndex((c) => c?.v === 'Valid until');
  d.editCells(`Agreements!${String.fromCharCode(65 + validUntil)}2`, [['2027-03-01']]);
  d.advanceClock(3600_000);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'registry-export-')), 'registry.xlsx');
  await exportWorkbook(d.store, d.spreadsheetId, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { d, wb };
}

// Set up, two submissions, an hourly run and an xlsx round trip: ~5 s on a loaded 2-core machine, past jest's default.
jest.setTimeout(30_000);

type CF = { ref: string; rules: { type: string; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[];

describe('The exported workbook', () => {
  it('carries status colours, widths, frozen rows, dropdowns and one date format per column', async () => {
    const { d, wb } = await exported();
    for (const spec of REGISTRY) {
      const ws = wb.getWorksheet(spec.name)!;
      expect({ sheet: spec.name, view: ws.views[0] }).toMatchObject({ sheet: spec.name, view: { state: 'frozen', ySplit: 1 } });
      // One date format per column.
      const formats = new Map<number, Set<string>>();
      ws.eachRow((row, r) => {
        if (r === 1) return;
        row.eachCell((cell, c) => {
          if (cell.value instanceof Date) formats.set(c, (formats.get(c) ?? new Set()).add(String(cell.numFmt)));
        });
      });
      for (const [c, set] of formats)
        expect({ sheet: spec.name, column: c, formats: [...set] }).toEqual({ sheet: spec.name, column: c, formats: [[...set][0]] });
    }
    const requests = wb.getWorksheet('Requests')!;
    const colours = (requests as unknown as { conditionalFormattings: CF }).conditionalFormattings.flatMap((cf) =>
      cf.rules.map((r) => [r.formulae?.[0], r.style?.fill?.bgColor?.argb]),
    );
    for (const [status, colour] of Object.entries(DEFAULTS.sheets.Requests.statusColours ?? {}))
      expect(colours).toContainEqual([`"${status}"`, `FF${colour.slice(1).toUpperCase()}`]);
    // Widths as Set up gave them (Sheets' pixels in Excel's characters), and the Status dropdown.
    const widths = d.sheet('Requests').columnWidths;
    expect(requests.getColumn(1).width).toBeCloseTo(widths[1] / 7, 1);
    const status = (requests.getRow(1).values as unknown[]).indexOf('Status');
    expect(requests.getCell(2, status).dataValidation).toMatchObject({ type: 'list' });
    // The typed end date and the script's dates each read one way.
    const agreements = wb.getWorksheet('Agreements')!;
    const until = (agreements.getRow(1).values as unknown[]).indexOf('Valid until');
    expect(agreements.getCell(2, until).numFmt).toBe('yyyy-mm-dd');
    const received = (requests.getRow(1).values as unknown[]).indexOf('Received');
    expect(requests.getCell(2, received).numFmt).toBe('yyyy-mm-dd hh:mm');
    // An async test gets jest's 5 s by default: the set-up world alone takes longer on a loaded machine.
  }, 120_000);
});

/**
 * Host side: a stored spreadsheet written as an .xlsx workbook (exceljs) that Excel and
 * LibreOffice open as the sheet shows: typed values, formulas with their computed results, frozen
 * panes, list and checkbox validations, notes, column widths, basic cell style, tab colours,
 * conditional colours (status colours) and each cell's date format (Sheets' default date-time
 * format of the spreadsheet's locale where the cell has none).
 */
import ExcelJS from 'exceljs';
import { localeRules } from '../runtime/spreadsheet/locale';
import type { CellRec, CellValue, ConditionalRuleRec, SheetRec, Store, ValidationRec } from '../store';

/** Wall-clock time of an instant in a time zone, as epoch ms of the same fields in UTC. */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second, ((ms % 1000) + 1000) % 1000);
}

function argb(color: unknown): string | undefined {
  if (typeof color !== 'string') return undefined;
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  return m ? `FF${m[1].toUpperCase()}` : undefined;
}

function cellValue(v: CellValue, timeZone: string): ExcelJS.CellValue {
  // A Date is shown in the spreadsheet's time zone; exceljs writes Dates as UTC serials.
  if (typeof v === 'object') return new Date(wallClockMs(v.date, timeZone));
  if (v === '') return null;
  return v;
}

function writeCell(cell: ExcelJS.Cell, rec: CellRec, timeZone: string, dateTimeFormat: string): void {
  const value = cellValue(rec.v, timeZone);
  if (rec.f) {
    // Stored formulas stay formulas, with the emulator's computed value as the cached result.
    cell.value = { formula: rec.f.replace(/^=/, ''), result: (value ?? undefined) as ExcelJS.CellFormulaValue['result'] };
  } else {
    // exceljs writes a string as a shared string (t="s"): text such as "=1+1" stays text.
    cell.value = value;
  }
  if (rec.fmt) cell.numFmt = rec.fmt;
  else if (value instanceof Date) cell.numFmt = dateTimeFormat;
  if (rec.note) cell.note = rec.note;
  const style = rec.style ?? {};
  // Style keys follow the Range setters that record them (setFontWeight, setBackground, setFontColor).
  const bold = style.fontWeight === 'bold' || style.bold === true;
  const color = argb(style.fontColor);
  if (bold || color) cell.font = { ...(bold ? { bold: true } : {}), ...(color ? { color: { argb: color } } : {}) };
  const fill = argb(style.background);
  if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
}

/** Excel lists are one quoted, comma-separated formula; a range source is a reference. */
function validation(rec: ValidationRec): ExcelJS.DataValidation | undefined {
  const base = {
    allowBlank: true,
    showErrorMessage: !rec.allowInvalid,
    errorStyle: 'stop' as const,
    ...(rec.helpText ? { showInputMessage: true, prompt: rec.helpText } : {}),
  };
  switch (rec.kind) {
    case 'list':
      return { ...base, type: 'list', formulae: [`"${(rec.values ?? []).map((v) => v.replace(/"/g, '""')).join(',')}"`] };
    case 'checkbox':
      return { ...base, type: 'list', formulae: ['"TRUE,FALSE"'] };
    case 'range':
      return rec.values?.[0] ? { ...base, type: 'list', formulae: [rec.values[0].replace(/^=/, '')] } : undefined;
    default:
      // Excel has no e-mail or custom-criteria equivalent that LibreOffice reads back reliably.
      return undefined;
  }
}

/**
 * A conditional-format rule as Excel's: text equal to a value is a cell-is-equal rule, text
 * containing one a contains-text rule; other conditions have no faithful equivalent and are left out.
 */
function conditional(rec: ConditionalRuleRec, priority: number): ExcelJS.ConditionalFormattingRule | undefined {
  const fill = argb(rec.background);
  const font = argb(rec.fontColor);
  const style: Partial<ExcelJS.Style> = {
    ...(fill ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: fill } } } : {}),
    ...(font ? { font: { color: { argb: font } } } : {}),
  };
  const text = String(rec.values[0] ?? '');
  if (rec.condition === 'TEXT_EQUAL_TO') return { type: 'cellIs', operator: 'equal', formulae: [`"${text.replace(/"/g, '""')}"`], style, priority };
  if (rec.condition === 'TEXT_CONTAINS') return { type: 'containsText', operator: 'containsText', text, style, priority };
  return undefined;
}

/** Excel needs both row ends: "C2:C" and "C:C" run to the sheet's last row. */
function closedRange(a1: string, maxRows: number): string {
  const m = /^([A-Z]+)(\d*):([A-Z]+)$/i.exec(a1.replace(/\$/g, ''));
  return m ? `${m[1]}${m[2] || 1}:${m[3]}${maxRows}` : a1;
}

/** Excel refuses sheet names over 31 characters or with any of \\ / * ? : [ ]; Sheets allows them. */
function excelSheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[\\/*?:[\]]/g, '_').slice(0, 31) || 'Sheet';
  let out = base;
  for (let n = 2; taken.has(out.toLowerCase()); n++) out = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(out.toLowerCase());
  return out;
}

function writeSheet(wb: ExcelJS.Workbook, sheet: SheetRec, timeZone: string, taken: Set<string>, dateTimeFormat: string): void {
  const ws = wb.addWorksheet(excelSheetName(sheet.name, taken), {
    state: sheet.hidden ? 'hidden' : 'visible',
    properties: sheet.tabColor && argb(sheet.tabColor) ? { tabColor: { argb: argb(sheet.tabColor)! } } : {},
    views: sheet.frozenRows || sheet.frozenColumns ? [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }] : [],
  });
  sheet.rows.forEach((row, r) => {
    (row ?? []).forEach((rec, c) => {
      if (rec) writeCell(ws.getCell(r + 1, c + 1), rec, timeZone, dateTimeFormat);
    });
  });
  // Widths are keyed by 1-based column position (Sheet.setColumnWidth) in pixels; Excel counts characters.
  for (const [col, px] of Object.entries(sheet.columnWidths)) ws.getColumn(Number(col)).width = Math.max(1, Math.round((px / 7) * 100) / 100);
  // exceljs keeps worksheet-level validations (one sqref per range) out of its typings.
  const validations = (ws as unknown as { dataValidations: { add(address: string, dv: ExcelJS.DataValidation): void } }).dataValidations;
  for (const rec of sheet.validations) {
    const dv = validation(rec);
    if (dv) validations.add(closedRange(rec.a1, sheet.maxRows), dv);
  }
  // Rules in Sheets' order: the first that matches wins, as Excel's lowest priority number does.
  sheet.conditionalRules.forEach((rec, i) => {
    const rule = conditional(rec, i + 1);
    if (rule) for (const range of rec.ranges) ws.addConditionalFormatting({ ref: closedRange(range, sheet.maxRows), rules: [rule] });
  });
}

export async function exportWorkbook(store: Store, spreadsheetId: string, file: string): Promise<string> {
  const ss = store.spreadsheets[spreadsheetId];
  if (!ss) throw new Error(`exportWorkbook: no spreadsheet ${spreadsheetId}`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Apps Script emulator';
  wb.created = new Date(store.clock.now);
  wb.modified = new Date(store.clock.now);
  const taken = new Set<string>();
  let dateTimeFormat = 'yyyy-mm-dd hh:mm:ss';
  try {
    dateTimeFormat = localeRules(ss.locale).dateTimeFormat;
  } catch {
    // A locale the emulator does not model: an unambiguous format.
  }
  for (const sheet of [...ss.sheets].sort((a, b) => a.index - b.index)) writeSheet(wb, sheet, ss.timeZone, taken, dateTimeFormat);
  await wb.xlsx.writeFile(file);
  return file;
}

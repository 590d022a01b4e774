/**
 * A1 notation: parsing "Sheet!A1:C", "'My Sheet'!B:B", "2:2", … into grid bounds and back.
 * Open ends (a whole column or row) are kept as flags so getA1Notation can print them back.
 */

export interface GridRef {
  /** Sheet name when the notation was sheet-qualified (quotes removed, '' unescaped). */
  sheetName?: string;
  /** 1-based, inclusive. */
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  /** True when the rows run to the end of the sheet ("A:A", "A2:B"), or the columns do ("2:2", "B3:5"). */
  openRows: boolean;
  openCols: boolean;
  /** True for the whole-column / whole-row forms ("A:C", "2:3"), whose start has no row / column. */
  bare: boolean;
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** Splits "Sheet!A1" into sheet name and range part; handles quoted names with '' escapes. */
export function splitSheet(a1: string): { sheetName?: string; range: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { range: a1 };
  let name = a1.slice(0, bang);
  if (name.length >= 2 && name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, range: a1.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]*)\$?(\d*)$/;

/**
 * Parses an A1 notation against a sheet of maxRows × maxCols. Returns undefined for text that is
 * not a range (Apps Script then throws "Range not found").
 */
export function parseA1(a1: string, maxRows: number, maxCols: number): GridRef | undefined {
  const { sheetName, range } = splitSheet(a1.trim());
  const parts = range.split(':');
  if (parts.length > 2) return undefined;
  const ends = parts.map((p) => CELL.exec(p));
  if (ends.some((m) => !m || (m[1] === '' && m[2] === '') || m[2].replace(/^0+/, '') !== m[2])) return undefined;
  const kind = (m: RegExpExecArray): 'cell' | 'col' | 'row' => (m[1] && m[2] ? 'cell' : m[1] ? 'col' : 'row');
  const a = ends[0]!;
  const b = (ends[1] ?? ends[0])!;
  const pair = `${kind(a)}-${kind(b)}`;
  // Forms Sheets accepts: A1, A1:B2, A:B, 2:3, A2:B (open rows), A1:5 (open columns).
  if (parts.length === 1 ? pair !== 'cell-cell' : !['cell-cell', 'col-col', 'row-row', 'cell-col', 'cell-row'].includes(pair)) return undefined;
  const ca = a[1] ? columnNumber(a[1].toUpperCase()) : 0;
  const cb = b[1] ? columnNumber(b[1].toUpperCase()) : 0;
  const ra = a[2] ? Number(a[2]) : 0;
  const rb = b[2] ? Number(b[2]) : 0;
  const openRows = !rb;
  const openCols = !cb;
  const r1 = ra || 1;
  const r2 = openRows ? maxRows : rb;
  const c1 = ca || 1;
  const c2 = openCols ? maxCols : cb;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  const bare = pair === 'col-col' || pair === 'row-row';
  return { sheetName, row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1, openRows, openCols, bare };
}

/** A1 notation of a block, printing open ends the way they were written ("A:A", "2:2", "A2:B", "A1:C"). */
export function formatA1(row: number, col: number, numRows: number, numCols: number, openRows = false, openCols = false, bare = true): string {
  const lastRow = row + numRows - 1;
  const lastCol = col + numCols - 1;
  if (openRows && openCols) return `${columnLetter(col)}${row}:${columnLetter(lastCol)}${lastRow}`;
  if (openRows) return row === 1 && bare ? `${columnLetter(col)}:${columnLetter(lastCol)}` : `${columnLetter(col)}${row}:${columnLetter(lastCol)}`;
  if (openCols) return col === 1 && bare ? `${row}:${lastRow}` : `${columnLetter(col)}${row}:${lastRow}`;
  if (numRows === 1 && numCols === 1) return `${columnLetter(col)}${row}`;
  return `${columnLetter(col)}${row}:${columnLetter(lastCol)}${lastRow}`;
}

/** Quotes a sheet name for use in A1 notation when it needs quoting. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

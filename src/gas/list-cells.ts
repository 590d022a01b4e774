/**
 * Multi-value cells written before ";" became the separator ("Consulting, Selling, influencing
 * & evangelizing") rewritten once, by Set up, as the registry reads them today ("Consulting;
 * Selling, influencing & evangelizing"). Done once per spreadsheet (a document property), and a
 * cell already holding ";" is never touched, so running Set up again changes nothing.
 */
import { REGISTRY } from '../domain/registry';
import { choicesOf } from '../domain/rows';
import { asLiteralText, LIST_SEPARATOR, migrateListCell } from '../domain/text';
import { Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Document property: the separator the multi-value cells are written with. */
export const LIST_SEPARATOR_KEY = 'registry.listSeparator';

/** Rewrites legacy multi-value cells once; returns how many cells changed. */
export function migrateListCells(ss: Spreadsheet, lists: Record<string, string[]>, createdNow: ReadonlySet<string> = new Set()): number {
  const props = PropertiesService.getDocumentProperties();
  if (props.getProperty(LIST_SEPARATOR_KEY) === LIST_SEPARATOR) return 0;
  let changed = 0;
  for (const spec of REGISTRY) {
    const listColumns = spec.columns.filter((c) => c.kind === 'list');
    if (!listColumns.length || createdNow.has(spec.name) || !ss.getSheetByName(spec.name)) continue;
    const table = Table.open(ss, spec, lists);
    const rows = table.rows();
    for (const col of listColumns) {
      const at = table.indexOf(col.key);
      if (at < 0) continue;
      const known = choicesOf(col, lists) ?? [];
      // Contiguous runs of changed rows, one setValues each.
      let run: { first: number; cells: string[] } | undefined;
      const flush = () => {
        if (run) table.sheet.getRange(run.first, at + 1, run.cells.length, 1).setValues(run.cells.map((c) => [asLiteralText(c)]));
        run = undefined;
      };
      for (const r of rows) {
        const cell = r.cells[at];
        const now = typeof cell === 'string' ? migrateListCell(cell, known) : undefined;
        if (now === undefined) {
          flush();
          continue;
        }
        changed++;
        if (run && run.first + run.cells.length === r.rowNumber) run.cells.push(now);
        else {
          flush();
          run = { first: r.rowNumber, cells: [now] };
        }
      }
      flush();
    }
  }
  props.setProperty(LIST_SEPARATOR_KEY, LIST_SEPARATOR);
  return changed;
}

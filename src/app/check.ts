/**
 * Check registry: validates every row of every registry sheet against its schema and marks
 * each problem as a note on the cell (or the row's first cell), replacing the marks of the
 * previous check. It changes no value: the help desk decides every fix.
 */
import { OUTBOX, REGISTRY, SETTINGS, TRAINERS } from '../domain/registry';
import { settingProblems } from '../domain/settings';
import { headerIndex } from '../domain/rows';
import { withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog } from '../gas/log';
import { readLists, readSettings, readSettingValues, validationLists } from '../gas/registry';
import { forgetReportedProblem, missingSheetProblem, StructureError, structureProblems, type StructureProblem } from '../gas/structure';
import { Table } from '../gas/table';

export const CHECK_MARK = '⚠ Check registry: ';

export interface CheckReport {
  problems: number;
  bySheet: Record<string, number>;
  missingSheets: string[];
  /** Missing sheets and missing script-managed or required columns (the structure guard's view). */
  structure: StructureProblem[];
  /** Settings values outside their type or bounds (each also marked on its Settings row). */
  settings: string[];
}

export function checkRegistry(): CheckReport {
  const ss = activeSpreadsheet();
  return withScriptLock(() => {
    const report: CheckReport = { problems: 0, bySheet: {}, missingSheets: [], structure: [], settings: [] };
    let lists: Record<string, string[]> = {};
    try {
      lists = validationLists(readLists(ss, readSettings(ss, { validate: false })));
    } catch (err) {
      // A broken Settings, Skills or Circles sheet is reported below; rows are checked without lists.
      if (!(err instanceof StructureError)) throw err;
    }
    for (const spec of REGISTRY) {
      const sheet = ss.getSheetByName(spec.name);
      if (!sheet) {
        report.missingSheets.push(spec.name);
        report.structure.push(missingSheetProblem(spec));
        continue;
      }
      const table = new Table(sheet, spec, lists);
      const rows = table.rows();
      const headers = table.headers();
      report.structure.push(...structureProblems(spec, headers));
      const index = headerIndex(headers);
      const lastRow = sheet.getLastRow();
      if (lastRow < 2 || headers.length === 0) continue;
      const marks = new Map<string, string[]>();
      const mark = (rowNumber: number, header: string | undefined, message: string) => {
        const col = header ? (index.get(header.toLowerCase()) ?? 0) : 0;
        const key = `${rowNumber}:${col}`;
        marks.set(key, [...(marks.get(key) ?? []), message]);
      };
      for (const r of rows) for (const p of r.problems) mark(r.rowNumber, p.column, `${p.column}: ${p.message}`);
      // An email the Outbox gave up on needs a person: fix the address (or the text) and set Status back to queued.
      if (spec === OUTBOX) {
        for (const r of rows)
          if (r.raw('status') === 'failed')
            mark(r.rowNumber, 'Status', 'Status: failed to send; fix the cause in Error, then set Status to queued to send it again');
      }
      if (spec === SETTINGS) {
        const bad = new Map(settingProblems(readSettingValues(ss)).map((p) => [p.key, p.message]));
        for (const r of rows) {
          const message = bad.get(r.text('key').trim());
          if (message) mark(r.rowNumber, 'Value', message);
        }
        report.settings = [...bad.values()];
      }
      // One row per person and per request: the same email or id twice is a problem to resolve by hand.
      const uniqueKeys = [...(spec === TRAINERS ? ['email'] : []), ...(spec.columns.some((c) => c.key === 'id') ? ['id'] : [])];
      for (const uniqueKey of uniqueKeys) {
        const header = spec.columns.find((c) => c.key === uniqueKey)!.header;
        const seen = new Map<string, number>();
        for (const r of rows) {
          const v = r.text(uniqueKey).trim().toLowerCase();
          if (!v) continue;
          const first = seen.get(v);
          if (first) mark(r.rowNumber, header, `${header}: same as row ${first}`);
          else seen.set(v, r.rowNumber);
        }
      }
      // Rewrite the notes of the data area: keep notes people wrote, replace the previous check's.
      table.rewriteNotes(lastRow, (notes) =>
        notes.map((line, i) =>
          line.map((note, c) => {
            const own = note.startsWith(CHECK_MARK) ? '' : note;
            const found = marks.get(`${i + 2}:${c}`);
            return found ? `${CHECK_MARK}${found.join('; ')}${own ? `\n\n${own}` : ''}` : own;
          }),
        ),
      );
      const count = [...marks.values()].reduce((a, m) => a + m.length, 0);
      if (count) report.bySheet[spec.name] = count;
      report.problems += count;
    }
    if (report.structure.length === 0 && report.settings.length === 0) forgetReportedProblem();
    try {
      appendLog(ss, [{ action: 'Check registry', subject: ss.getName(), details: summary(report) }]);
    } catch (err) {
      if (!(err instanceof StructureError)) throw err;
    }
    return report;
  });
}

export function summary(report: CheckReport): string {
  const parts: string[] = [];
  if (report.problems === 0 && !report.structure.length) return 'No problems found.';
  const structure = [...report.structure.map((p) => p.message), ...(report.settings ?? [])].join(' ');
  if (report.problems === 0) return structure;
  for (const [sheet, n] of Object.entries(report.bySheet)) parts.push(`${sheet}: ${n}`);
  return `${structure ? `${structure} ` : ''}${report.problems} problem${report.problems === 1 ? '' : 's'} marked with notes (${CHECK_MARK.trim()}). ${parts.join('; ')}`;
}

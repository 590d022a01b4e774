/** Set up registry: creates or repairs the registry sheets, idempotently. */
import { REGISTRY } from '../domain/registry';
import { appendLog } from '../gas/log';
import { activeSpreadsheet, ensureSheet } from '../gas/sheets';

export interface SetUpReport {
  created: string[];
  repaired: { sheet: string; addedHeaders: string[] }[];
}

export function setUpRegistry(): SetUpReport {
  const ss = activeSpreadsheet();
  const report: SetUpReport = { created: [], repaired: [] };
  for (const spec of REGISTRY) {
    const r = ensureSheet(ss, spec);
    if (r.created) report.created.push(spec.name);
    else if (r.addedHeaders.length) report.repaired.push({ sheet: spec.name, addedHeaders: r.addedHeaders });
  }
  appendLog(ss, [{ action: 'Set up registry', subject: ss.getName(), details: describe(report) }]);
  return report;
}

export function describe(report: SetUpReport): string {
  const parts: string[] = [];
  if (report.created.length) parts.push(`created ${report.created.join(', ')}`);
  for (const r of report.repaired) parts.push(`added to ${r.sheet}: ${r.addedHeaders.join(', ')}`);
  return parts.length ? parts.join('; ') : 'registry complete, nothing to change';
}

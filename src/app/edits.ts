/**
 * The onEdit simple trigger: a person edited a cell. An edit of Agreements or Trainers can change
 * an exchange-agreement status (a row signed, a role granted), so the Trainers column
 * "Exchange agreement" is recomputed at once. Script writes do not fire onEdit, so this never
 * loops; any problem (a missing column) is left to Check registry and the hourly run.
 */
import { refreshExchangeStatus } from '../gas/exchange';
import { AGREEMENTS, TRAINERS } from '../domain/registry';

export function handleEdit(range: GoogleAppsScript.Spreadsheet.Range): void {
  const sheet = range.getSheet();
  const name = sheet.getName();
  if (name !== AGREEMENTS.name && name !== TRAINERS.name) return;
  try {
    refreshExchangeStatus(sheet.getParent());
  } catch (err) {
    console.warn(`onEdit: exchange-agreement status not refreshed: ${String((err as Error)?.message ?? err)}`);
  }
}

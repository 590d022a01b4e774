/**
 * Apps Script entry points, and nothing else: each export becomes a top-level function in
 * dist/Code.js (see scripts/bundle.ts). Logic lives in app/.
 */
import { buildMenu } from './app/menu';
import { setUpRegistryFromMenu } from './app/ui-actions';

/** Simple trigger: adds the Training Help Desk menu. Runs with limited authorization. */
export function onOpen(): void {
  buildMenu(SpreadsheetApp.getUi());
}

/** Menu: Training Help Desk → Set up registry. */
export function menuSetUpRegistry(): void {
  setUpRegistryFromMenu();
}

/**
 * Apps Script entry points, and nothing else: each export becomes a top-level function in
 * dist/Code.js (see scripts/bundle.ts). Logic lives in app/.
 */
import { buildMenu } from './app/menu';
import { runHourly as hourly } from './app/hourly';
import { handleFormSubmit } from './app/intake';
import { checkRegistryFromMenu, processResponsesFromMenu, sendProfileLinksFromMenu, setUpRegistryFromMenu } from './app/ui-actions';

/** Simple trigger: adds the Training Help Desk menu. Runs with limited authorization. */
export function onOpen(): void {
  buildMenu(SpreadsheetApp.getUi());
}

/** Installable trigger (created by Set up): a form response arrived. */
export function onFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  handleFormSubmit(e);
}

/** Installable time trigger (created by Set up): catch-up intake and queued email. */
export function runHourly(): void {
  hourly();
}

export function menuSetUpRegistry(): void {
  setUpRegistryFromMenu();
}

export function menuCheckRegistry(): void {
  checkRegistryFromMenu();
}

export function menuSendProfileLinks(): void {
  sendProfileLinksFromMenu();
}

export function menuProcessResponses(): void {
  processResponsesFromMenu();
}

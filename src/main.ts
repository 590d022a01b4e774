/**
 * Apps Script entry points, and nothing else: each export becomes a top-level function in
 * dist/Code.js (see scripts/bundle.ts). Logic lives in app/.
 */
import { buildMenu } from './app/menu';
import { continueJobs as continueSavedJobs, runHourly as hourly } from './app/jobs';
import { handleFormSubmit } from './app/intake';
import { renderDirectory } from './app/directory';
import { checkRegistryFromMenu, processResponsesFromMenu, proposeAllFromMenu, proposeTrainersFromMenu, sendProfileLinksFromMenu, setUpRegistryFromMenu } from './app/ui-actions';

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

/**
 * Installable time trigger (one-off, created by the job runner in src/gas/jobs.ts): continues
 * the long jobs that did not fit in their execution. A TRIGGER HANDLER, not a user action: it
 * takes no argument from the caller and works only on jobs saved by the script itself.
 */
export function continueJobs(): void {
  continueSavedJobs();
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

export function menuProposeTrainers(): void {
  proposeTrainersFromMenu();
}

export function menuProposeAll(): void {
  proposeAllFromMenu();
}

/** Web app: the public Find-a-Facilitator directory. */
export function doGet(): GoogleAppsScript.HTML.HtmlOutput {
  return renderDirectory();
}

// google.script.run targets of the Proposal and Pool sidebars (typed for the pages in src/ui/rpc.ts).
export { loadProposals, offerTrainers, connectTrainer, skipRequest, loadPoolPreview, sendPoolOffers } from './app/proposals';

/**
 * Apps Script entry points, and nothing else: each export becomes a top-level function in
 * dist/Code.js (see scripts/bundle.ts). Logic lives in app/.
 *
 * Any visitor of the directory web app can call every one of them through google.script.run,
 * running as the owner. So each checks its caller first (src/gas/access.ts, README "Who may call
 * what"): trigger handlers accept only a genuine trigger event, everything else only the help
 * desk — except doGet (public data only) and onOpen (builds a menu; SpreadsheetApp.getUi()
 * throws outside the spreadsheet, so from the web app it changes and reads nothing).
 */
import { buildMenu } from './app/menu';
import { continueJobs as continueSavedJobs, runHourly as hourly } from './app/jobs';
import { handleFormSubmit } from './app/intake';
import { renderDirectory } from './app/directory';
import * as proposals from './app/proposals';
import { handleEdit } from './app/edits';
import { requireEditEvent, requireHelpDesk, requireTriggerEvent } from './gas/access';
import { continuationUid } from './gas/jobs';
import { installedTriggerUids } from './gas/triggers';
import {
  checkRegistryFromMenu,
  processResponsesFromMenu,
  proposeAllFromMenu,
  proposeTrainersFromMenu,
  sendProfileLinksFromMenu,
  setUpRegistryFromMenu,
} from './app/ui-actions';

/** Simple trigger: adds the Training Help Desk menu. Runs with limited authorization. */
export function onOpen(): void {
  buildMenu(SpreadsheetApp.getUi());
}

/** Simple trigger: a person edited a cell (Agreements or Trainers: exchange-agreement status refreshed). */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  handleEdit(requireEditEvent(e));
}

/** Installable trigger on each registry form (created by Set up): a form response arrived. */
export function onFormSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit | GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  requireTriggerEvent(e, 'onFormSubmit', installedTriggerUids);
  handleFormSubmit(e);
}

/** Installable time trigger (created by Set up): catch-up intake and queued email. */
export function runHourly(e: GoogleAppsScript.Events.TimeDriven): void {
  requireTriggerEvent(e, 'runHourly', installedTriggerUids);
  hourly();
}

/**
 * Installable time trigger (one-off, created by the job runner in src/gas/jobs.ts): continues
 * the long jobs that did not fit in their execution. A TRIGGER HANDLER, not a user action: it
 * takes no argument from the caller and works only on jobs saved by the script itself.
 */
export function continueJobs(e: GoogleAppsScript.Events.TimeDriven): void {
  requireTriggerEvent(e, 'continueJobs', continuationUid);
  continueSavedJobs();
}

export function menuSetUpRegistry(): void {
  requireHelpDesk('menuSetUpRegistry');
  setUpRegistryFromMenu();
}

export function menuCheckRegistry(): void {
  requireHelpDesk('menuCheckRegistry');
  checkRegistryFromMenu();
}

export function menuSendProfileLinks(): void {
  requireHelpDesk('menuSendProfileLinks');
  sendProfileLinksFromMenu();
}

export function menuProcessResponses(): void {
  requireHelpDesk('menuProcessResponses');
  processResponsesFromMenu();
}

export function menuProposeTrainers(): void {
  requireHelpDesk('menuProposeTrainers');
  proposeTrainersFromMenu();
}

export function menuProposeAll(): void {
  requireHelpDesk('menuProposeAll');
  proposeAllFromMenu();
}

/** Web app: the public Find-a-Facilitator directory. */
export function doGet(): GoogleAppsScript.HTML.HtmlOutput {
  return renderDirectory();
}

// google.script.run targets of the Proposal and Pool sidebars (typed for the pages in src/ui/rpc.ts).
export function loadProposals(): ReturnType<typeof proposals.loadProposals> {
  requireHelpDesk('loadProposals');
  return proposals.loadProposals();
}

export function offerTrainers(requestId: string, trainerIds: string[]): ReturnType<typeof proposals.offerTrainers> {
  requireHelpDesk('offerTrainers');
  return proposals.offerTrainers(requestId, trainerIds);
}

export function connectTrainer(requestId: string, trainerId: string): ReturnType<typeof proposals.connectTrainer> {
  requireHelpDesk('connectTrainer');
  return proposals.connectTrainer(requestId, trainerId);
}

export function skipRequest(requestId: string, reason: string): ReturnType<typeof proposals.skipRequest> {
  requireHelpDesk('skipRequest');
  return proposals.skipRequest(requestId, reason);
}

export function loadPoolPreview(): ReturnType<typeof proposals.loadPoolPreview> {
  requireHelpDesk('loadPoolPreview');
  return proposals.loadPoolPreview();
}

export function sendPoolOffers(): ReturnType<typeof proposals.sendPoolOffers> {
  requireHelpDesk('sendPoolOffers');
  return proposals.sendPoolOffers();
}

/**
 * Menu actions as the help desk experiences them: confirm where it matters, do the work,
 * then say what happened in words they can act on. Errors become an alert, not a stack trace.
 */
import { checkRegistry, summary } from './check';
import { executionBudget, startJob } from '../gas/jobs';
import { INTAKE_JOB, intakeJob, intakeProgress } from './hourly';
import { sendProfileUpdateLinks, trainersToAsk } from './profile-links';
import { previewPool, proposeForSelection } from './proposals';
import { describe, setUpRegistry } from './setup';
import { activeSpreadsheet, logStructureOnce } from '../gas/log';
import { StructureError } from '../gas/structure';
import { pageFromFile, spreadsheetUi } from '../gas/html';

const ui = spreadsheetUi;

function reportErrors(title: string, work: () => void): void {
  try {
    work();
  } catch (err) {
    // The stack goes to the execution log for whoever maintains the script; the person sees words.
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    if (err instanceof StructureError) logStructureOnce(activeSpreadsheet(), err, title);
    ui().alert(title, String((err as Error).message ?? err), ui().ButtonSet.OK);
  }
}

export function setUpRegistryFromMenu(): void {
  const startedAt = Date.now();
  reportErrors('Set up registry', () => {
    const r = setUpRegistry(startedAt);
    activeSpreadsheet().toast(r.finished ? describe(r.report) : r.alreadyRunning ? `Already running: ${r.progress}` : r.progress, 'Set up registry', 10);
  });
}

export function checkRegistryFromMenu(): void {
  reportErrors('Check registry', () => {
    ui().alert('Check registry', summary(checkRegistry()), ui().ButtonSet.OK);
  });
}

export function sendProfileLinksFromMenu(): void {
  const startedAt = Date.now();
  reportErrors('Send profile update links', () => {
    const n = trainersToAsk();
    if (n === 0) {
      ui().alert('Send profile update links', 'No active trainer with a valid email address.', ui().ButtonSet.OK);
      return;
    }
    const answer = ui().alert(
      'Send profile update links',
      `Email ${n} active trainer${n === 1 ? '' : 's'} a link to check their profile? (Anyone already sent one today is not sent another.)`,
      ui().ButtonSet.YES_NO,
    );
    if (answer !== ui().Button.YES) return;
    const r = sendProfileUpdateLinks(startedAt);
    if (!r.finished) {
      activeSpreadsheet().toast(r.alreadyRunning ? `Already running: ${r.progress}` : r.progress, 'Send profile update links', 10);
      return;
    }
    const parts = [`Sent ${r.sent}.`];
    if (r.earlier) parts.push(`${r.earlier} already had today's link (not sent again).`);
    if (r.queued) parts.push(`${r.queued} wait in the Outbox for tomorrow's email quota.`);
    if (r.skipped.length) parts.push(`Skipped: ${r.skipped.join(', ')}.`);
    ui().alert('Send profile update links', parts.join(' '), ui().ButtonSet.OK);
  });
}

export function processResponsesFromMenu(): void {
  const startedAt = Date.now();
  reportErrors('Process form responses', () => {
    const ss = activeSpreadsheet();
    const outcome = startJob(ss, INTAKE_JOB, intakeJob(), executionBudget(ss, startedAt));
    if (!outcome.finished) {
      ss.toast(
        outcome.alreadyRunning ? `Already running: ${intakeProgress(outcome.state)}` : `${intakeProgress(outcome.state)} — continuing in the background`,
        'Process form responses',
        10,
      );
      return;
    }
    const created = outcome.state.counts.created ?? 0;
    const updated = outcome.state.counts.updated ?? 0;
    const review = outcome.state.notes;
    const msg =
      created || updated
        ? `New: ${created}. Updated: ${updated}.${review.length ? ` Needs review: ${review.join(', ')}.` : ''}`
        : 'Every form response is already in the registry.';
    ui().alert('Process form responses', msg, ui().ButtonSet.OK);
  });
}

export function proposeTrainersFromMenu(): void {
  reportErrors('Propose trainers', () => {
    const ids = proposeForSelection();
    const html = pageFromFile('Proposal', ids.length === 1 ? `Proposal for ${ids[0]}` : `Proposals for ${ids.length} requests`);
    ui().showSidebar(html);
  });
}

export function proposeAllFromMenu(): void {
  reportErrors('Propose for all new requests', () => {
    const preview = previewPool();
    if (preview.rows.length === 0) {
      ui().alert('Propose for all new requests', 'There is no open request without an offer.', ui().ButtonSet.OK);
      return;
    }
    ui().showSidebar(pageFromFile('Pool', `Proposal for ${preview.rows.length} requests`));
  });
}

/** The public Find-a-Facilitator directory (web app): listed facilitators, no private data. */
import { directoryEntries, proposableForDirectory, scriptJson, UNAVAILABLE_TITLE, unavailablePage } from '../domain/directory';
import { readPolicy } from '../domain/policy';
import { readAgreements } from '../gas/exchange';
import { exchangeStatus, toCandidate } from '../gas/matching-data';
import { languageLabel } from '../domain/languages';
import { column, TRAINERS } from '../domain/registry';
import type { DirectoryView } from '../ui/contracts';
import { formSpec } from '../domain/forms';
import { openForm, PrefillTemplate } from '../gas/forms';
import { activeSpreadsheet, appendLog } from '../gas/log';
import { readSettings } from '../gas/registry';
import { Table } from '../gas/table';
import { scriptCache } from '../gas/properties';
import { webPage, webPageFromTemplate } from '../gas/html';

/** Trainers columns the directory reads: without one it would list the wrong people (or nobody). */
const DIRECTORY_COLUMNS = ['id', 'name', 'roles', 'status', 'listed', 'languages', 'skills', 'bio', 'region', 'country'] as const;

export function directoryView(): DirectoryView {
  const ss = activeSpreadsheet();
  const settings = readSettings(ss);
  const now = new Date();
  const trainers = Table.open(ss, TRAINERS);
  const missing = DIRECTORY_COLUMNS.filter((k) => trainers.indexOf(k) < 0).map((k) => column(TRAINERS, k).header);
  if (missing.length)
    throw new Error(`The Trainers sheet has no column ${missing.map((h) => `"${h}"`).join(', ')}. Choose Training Help Desk → Set up registry to repair it.`);
  const form = openForm('find-a-facilitator');
  const prefill = form ? PrefillTemplate.of(form) : undefined;
  const preferred = formSpec('find-a-facilitator').questions.find((q) => q.key === 'preferredTrainer')!.title;
  const requestUrl = prefill ? prefill.url({}) : '';
  const rows = trainers.rows().map((r) => r.row);
  // Only who matching could propose for a find-a-facilitator request (Agreements decide compliance).
  const agreements = readAgreements(ss);
  const candidates = rows.filter((r) => r.id && r.listed === true).map((r) => toCandidate(r, exchangeStatus(r, agreements, now)));
  const facilitators = directoryEntries(
    rows,
    now.toISOString().slice(0, 10),
    (name) => (prefill ? prefill.url({ [preferred]: name }) : ''),
    proposableForDirectory(candidates, readPolicy(settings), now),
  );
  const languages = [...new Set(facilitators.flatMap((f) => f.languages.map((l) => l.code)))].sort().map((code) => ({ code, label: languageLabel(code) }));
  const skills = [...new Set(facilitators.flatMap((f) => f.skills))].sort((a, b) => a.localeCompare(b));
  return { title: settings.text('directory.title'), facilitators, languages, skills, requestUrl, generatedAt: now.toISOString() };
}

export function renderDirectory(): GoogleAppsScript.HTML.HtmlOutput {
  let view: DirectoryView;
  try {
    view = directoryView();
  } catch (err) {
    return renderUnavailable(err);
  }
  return webPageFromTemplate('Directory', view.title, { directoryJson: scriptJson(view) });
}

/** Cache key of the last reason logged, so a broken registry adds one Log line per hour, not per visit. */
const LOGGED_KEY = 'directory.unavailable';

/** The friendly page; the reason goes to the Log (at most once an hour) and the executions log. */
function renderUnavailable(err: unknown): GoogleAppsScript.HTML.HtmlOutput {
  const reason = String((err as Error)?.message ?? err).replace(/\S+@\S+/g, '[email]');
  console.error(err);
  try {
    const cache = scriptCache();
    if (cache?.get(LOGGED_KEY) !== reason) {
      cache?.put(LOGGED_KEY, reason, 3600);
      appendLog(activeSpreadsheet(), [{ action: 'Directory unavailable', subject: 'public directory', details: reason }]);
    }
  } catch {
    // The visitor still gets the page; the executions log has the error.
  }
  return webPage(unavailablePage(), UNAVAILABLE_TITLE);
}

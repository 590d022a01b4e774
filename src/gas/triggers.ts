/**
 * Installable triggers, owned by whoever ran Set up: one form-submit trigger per registry form
 * (its event carries the response, see app/intake.ts handleFormSubmit) and one hourly trigger.
 */
import { linkedFormIds } from './forms';

export const FORM_SUBMIT_HANDLER = 'onFormSubmit';
export const HOURLY_HANDLER = 'runHourly';

/**
 * Makes this user's project triggers exactly: one form-submit trigger on each registry form, one
 * hourly trigger. A form-submit trigger on anything else — the spreadsheet's trigger of versions
 * before form-bound triggers, or a form Set up has since replaced — is deleted. Returns the
 * triggers installed ("form submit (8 forms)", "hourly") and how many old ones were removed.
 */
export function ensureTriggers(): { installed: string[]; removed: number } {
  const triggers = ScriptApp.getProjectTriggers();
  const formIds = Object.values(linkedFormIds());
  const installed: string[] = [];
  const formTriggers = triggers.filter((t) => t.getHandlerFunction() === FORM_SUBMIT_HANDLER);
  const stale = formTriggers.filter((t) => t.getTriggerSource() !== ScriptApp.TriggerSource.FORMS || !formIds.includes(t.getTriggerSourceId()));
  for (const t of stale) ScriptApp.deleteTrigger(t);
  const covered = new Set(formTriggers.filter((t) => !stale.includes(t)).map((t) => t.getTriggerSourceId()));
  const missing = formIds.filter((id) => !covered.has(id));
  for (const id of missing) ScriptApp.newTrigger(FORM_SUBMIT_HANDLER).forForm(id).onFormSubmit().create();
  if (missing.length) installed.push(`form submit (${missing.length} form${missing.length === 1 ? '' : 's'})`);
  if (!triggers.some((t) => t.getHandlerFunction() === HOURLY_HANDLER)) {
    ScriptApp.newTrigger(HOURLY_HANDLER).timeBased().everyHours(1).create();
    installed.push('hourly');
  }
  recordInstalledTriggers();
  return { installed, removed: stale.length };
}

const INSTALLED = 'triggers.installed';

/** Records the ids of this project's form-submit and hourly triggers (see installedTriggerUids). */
function recordInstalledTriggers(): void {
  const uids = ScriptApp.getProjectTriggers()
    .filter((t) => t.getHandlerFunction() === FORM_SUBMIT_HANDLER || t.getHandlerFunction() === HOURLY_HANDLER)
    .map((t) => t.getUniqueId());
  PropertiesService.getDocumentProperties().setProperty(INSTALLED, uids.join(','));
}

/**
 * The ids of the triggers Set up installed, as recorded then: a trigger event carrying one of
 * them is genuine without listing the project's triggers (one property read instead of a
 * slower ScriptApp call on every form submission and hourly run).
 */
export function installedTriggerUids(): string[] {
  return (PropertiesService.getDocumentProperties().getProperty(INSTALLED) ?? '').split(',').filter(Boolean);
}

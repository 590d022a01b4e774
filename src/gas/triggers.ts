/** Installable triggers, kept to exactly one of each, owned by whoever ran Set up. */

export const FORM_SUBMIT_HANDLER = 'onFormSubmit';
export const HOURLY_HANDLER = 'runHourly';

/** Creates the form-submit and hourly triggers if this user's project has none; returns what it created. */
export function ensureTriggers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string[] {
  const triggers = ScriptApp.getProjectTriggers();
  const has = (handler: string) => triggers.some((t) => t.getHandlerFunction() === handler);
  const created: string[] = [];
  if (!has(FORM_SUBMIT_HANDLER)) {
    ScriptApp.newTrigger(FORM_SUBMIT_HANDLER).forSpreadsheet(ss).onFormSubmit().create();
    created.push('form submit');
  }
  if (!has(HOURLY_HANDLER)) {
    ScriptApp.newTrigger(HOURLY_HANDLER).timeBased().everyHours(1).create();
    created.push('hourly');
  }
  recordInstalledTriggers();
  return created;
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

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
  return created;
}

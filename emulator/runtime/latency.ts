/**
 * The latency model: how long each Apps Script service call takes, in milliseconds, and the
 * execution time limits. Every call the strict proxy counts ("Class.method") advances the
 * execution's modelled elapsed time by `latencyOf(key)`; an execution past its limit is ended
 * with Apps Script's error "Exceeded maximum execution time".
 *
 * This is the ONE table. Figures are per call, independent of the size of the range or payload
 * (a known simplification: a 10,000-row getValues costs the same as a 10-row one here). Most are
 * estimates: Google publishes no per-method latencies. What is public:
 *  - Best practices (https://developers.google.com/apps-script/guides/support/best-practices):
 *    "Minimize calls to other services … anything you can accomplish within Google Apps Script
 *    itself will be much faster than making calls that need to fetch data from Google's servers";
 *    its batching example contrasts a per-cell loop over 10,000 cells (tens of seconds) with one
 *    batched call (about a second): a few ms per cell-level call, a few hundred ms per batch.
 *  - Community measurements of SpreadsheetApp reads/writes (e.g. Kanshi Tanaike's "Benchmark:
 *    Reading and Writing Spreadsheet using Google Apps Script", 2018) put one getValues/setValues
 *    of a modest range in the tens to low hundreds of ms.
 *  - MailApp/GmailApp sends, Forms edits, Drive/Docs file operations are commonly reported at
 *    roughly 0.2–2 s each in execution transcripts; the figures below sit in that range.
 * Builders (newDataValidation(), DataValidationBuilder.*, …), Blob/Utilities/Logger calls and
 * object getters that Apps Script answers from the object already in hand run locally: ~0–1 ms.
 *
 * Limits (https://developers.google.com/apps-script/guides/services/quotas, "Script runtime:
 * 6 min / execution"; https://developers.google.com/apps-script/guides/triggers#restrictions,
 * simple triggers "cannot run for longer than 30 seconds").
 */
import type { ExecutionKind } from './context';

export const EXECUTION_LIMIT_MS: Record<ExecutionKind, number> = {
  simple: 30_000,
  menu: 6 * 60_000,
  rpc: 6 * 60_000,
  trigger: 6 * 60_000,
  webapp: 6 * 60_000,
};

/** Apps Script's own message when an execution runs past its limit. */
export const TIME_LIMIT_ERROR = 'Exceeded maximum execution time';

/** Unlisted calls on a class not listed below: an ordinary round trip to a Google backend (estimate). */
export const DEFAULT_MS = 20;

/**
 * Rules, most specific first. A key is "Class.method"; a rule matches the exact key, "Class.*"
 * (any method of the class) or "*.method" (that method on any class).
 */
const RULES: [pattern: string, ms: number, why: string][] = [
  // ---- mail: one send is a Gmail round trip, commonly 0.3–1 s (estimate)
  ['MailApp.sendEmail', 600, 'estimate: one message through Gmail'],
  ['MailApp.getRemainingDailyQuota', 30, 'estimate: quota lookup'],
  ['GmailApp.sendEmail', 700, 'estimate: as MailApp plus a Gmail thread'],

  // ---- spreadsheet opening and navigation
  ['SpreadsheetApp.getActiveSpreadsheet', 5, 'bound container, already open (estimate)'],
  ['SpreadsheetApp.getActive', 5, 'as getActiveSpreadsheet'],
  ['SpreadsheetApp.openById', 400, 'estimate: loads another file'],
  ['SpreadsheetApp.openByUrl', 400, 'as openById'],
  ['SpreadsheetApp.create', 1500, 'estimate: creates a Drive file'],
  ['SpreadsheetApp.flush', 100, 'estimate: applies pending writes'],
  ['SpreadsheetApp.getUi', 1, 'local'],
  ['SpreadsheetApp.newDataValidation', 0.2, 'builder, local'],
  ['SpreadsheetApp.newConditionalFormatRule', 0.2, 'builder, local'],
  ['Spreadsheet.getSheetByName', 10, 'estimate: sheet metadata'],
  ['Spreadsheet.getSheets', 10, 'estimate: sheet metadata'],
  ['Spreadsheet.insertSheet', 400, 'estimate: structural change'],
  ['Spreadsheet.deleteSheet', 300, 'estimate: structural change'],
  ['Spreadsheet.toast', 100, 'estimate: message to the open editor'],
  ['Spreadsheet.getProtections', 150, 'estimate: protections are slow in Sheets'],
  ['Spreadsheet.getEditors', 150, 'estimate: a Drive permission lookup'],
  ['Spreadsheet.getViewers', 150, 'estimate: a Drive permission lookup'],
  ['Spreadsheet.getOwner', 100, 'estimate: a Drive permission lookup'],
  ['Spreadsheet.*', 5, 'metadata getters (name, id, time zone), estimate'],
  ['Sheet.getRange', 2, 'a Range object is a reference; no data is fetched (estimate)'],
  ['Range.getRange', 2, 'as Sheet.getRange'],
  ['Sheet.getName', 1, 'known to the object'],
  ['Sheet.getSheetId', 1, 'known to the object'],
  ['Sheet.getLastRow', 30, 'estimate: needs the sheet contents'],
  ['Sheet.getLastColumn', 30, 'estimate: needs the sheet contents'],
  ['Sheet.getMaxRows', 10, 'estimate: grid metadata'],
  ['Sheet.getMaxColumns', 10, 'estimate: grid metadata'],
  ['Sheet.getDataRange', 30, 'estimate: as getLastRow + getLastColumn'],
  ['Range.getRow', 0.5, 'known to the object'],
  ['Range.getColumn', 0.5, 'known to the object'],
  ['Range.getNumRows', 0.5, 'known to the object'],
  ['Range.getNumColumns', 0.5, 'known to the object'],
  ['Range.getLastRow', 0.5, 'known to the object'],
  ['Range.getLastColumn', 0.5, 'known to the object'],
  ['Range.getA1Notation', 0.5, 'known to the object'],
  ['Range.getSheet', 0.5, 'known to the object'],

  // ---- sheet reads: one batched read, tens of ms (best practices; community benchmarks)
  ['*.getValues', 60, 'one batched read (estimate from public benchmarks)'],
  ['*.getDisplayValues', 70, 'as getValues plus formatting'],
  ['*.getFormulas', 60, 'as getValues'],
  ['*.getValue', 40, 'a single-cell read: a round trip unless cached (estimate)'],
  ['*.getDisplayValue', 40, 'as getValue'],
  ['*.getFormula', 40, 'as getValue'],
  ['*.getNotes', 60, 'as getValues'],
  ['*.getNumberFormats', 60, 'as getValues'],
  ['*.getBackgrounds', 60, 'as getValues'],
  ['Range.getDataValidations', 80, 'estimate: validations are fetched with the grid'],
  ['Range.getDataValidation', 60, 'estimate'],
  ['Sheet.getConditionalFormatRules', 80, 'estimate'],
  ['Range.createTextFinder', 2, 'a finder object, local'],
  ['TextFinder.*', 80, 'estimate: a search over the sheet'],

  // ---- sheet writes: each a write the spreadsheet must apply (estimate; batching guidance)
  ['*.setValues', 100, 'one batched write (estimate)'],
  ['*.setValue', 50, 'a single-cell write (estimate)'],
  ['*.setFormula', 50, 'as setValue'],
  ['*.setFormulas', 100, 'as setValues'],
  ['Sheet.appendRow', 150, 'estimate: appendRow also finds the last row under a lock'],
  ['Sheet.insertRows', 150, 'estimate: structural change'],
  ['Sheet.insertRowsAfter', 150, 'estimate: structural change'],
  ['Sheet.insertRowsBefore', 150, 'estimate: structural change'],
  ['Sheet.insertRowAfter', 150, 'estimate: structural change'],
  ['Sheet.insertRowBefore', 150, 'estimate: structural change'],
  ['Sheet.insertColumns', 150, 'estimate: structural change'],
  ['Sheet.insertColumnsAfter', 150, 'estimate: structural change'],
  ['Sheet.insertColumnsBefore', 150, 'estimate: structural change'],
  ['Sheet.insertColumnAfter', 150, 'estimate: structural change'],
  ['Sheet.insertColumnBefore', 150, 'estimate: structural change'],
  ['Sheet.deleteRow', 150, 'estimate: structural change'],
  ['Sheet.deleteRows', 150, 'estimate: structural change'],
  ['Sheet.deleteColumn', 150, 'estimate: structural change'],
  ['Sheet.deleteColumns', 150, 'estimate: structural change'],
  ['Sheet.sort', 200, 'estimate: rewrites the sheet'],
  ['Range.sort', 200, 'estimate: rewrites the range'],
  ['*.clear', 80, 'estimate'],
  ['*.clearContent', 80, 'estimate'],
  ['*.clearContents', 80, 'estimate'],
  ['*.clearFormat', 80, 'estimate'],
  ['*.setNumberFormat', 40, 'estimate: a format write'],
  ['*.setNumberFormats', 60, 'estimate: a batched format write'],
  ['*.setColumnWidth', 40, 'estimate: a dimension write'],
  ['*.setColumnWidths', 40, 'estimate: a dimension write'],
  ['*.setFrozenRows', 40, 'estimate'],
  ['*.setFrozenColumns', 40, 'estimate'],
  ['*.setName', 100, 'estimate: a rename'],
  ['*.setNote', 40, 'estimate'],
  ['*.setNotes', 60, 'estimate'],
  ['Range.set*', 40, 'other formatting writes (background, font, wrap, alignment), estimate'],
  ['Sheet.set*', 40, 'other sheet settings (tab colour, hidden), estimate'],
  ['Sheet.hideSheet', 40, 'estimate'],
  ['Sheet.showSheet', 40, 'estimate'],
  ['Sheet.activate', 20, 'estimate'],
  ['Range.activate', 20, 'estimate'],

  // ---- validation, protection, conditional formats: slow Sheets features (estimate)
  ['*.setDataValidation', 120, 'estimate: validation rules are stored per cell'],
  ['*.setDataValidations', 150, 'estimate'],
  ['*.clearDataValidations', 100, 'estimate'],
  ['Sheet.setConditionalFormatRules', 150, 'estimate'],
  ['*.protect', 200, 'estimate: a protected range is an ACL change'],
  ['Protection.*', 120, 'estimate: each protection setting is an ACL change'],
  ['Sheet.getProtections', 150, 'estimate'],
  ['DataValidationBuilder.*', 0.2, 'builder, local'],
  ['DataValidation.*', 0.2, 'a rule in hand, local'],
  ['ConditionalFormatRuleBuilder.*', 0.2, 'builder, local'],
  ['ConditionalFormatRule.*', 0.2, 'a rule in hand, local'],
  ['BooleanCondition.*', 0.2, 'a rule in hand, local'],

  // ---- forms: every edit and most reads are a Forms backend round trip (estimate)
  ['FormApp.openById', 600, 'estimate: opening a form is known to be slow'],
  ['FormApp.openByUrl', 600, 'as openById'],
  ['FormApp.getActiveForm', 300, 'estimate'],
  ['FormApp.create', 2000, 'estimate: creates a Drive file'],
  ['Form.add*', 300, 'estimate: adds an item'],
  ['Form.setDestination', 1500, 'estimate: creates or links a response sheet'],
  ['Form.removeDestination', 500, 'estimate'],
  ['Form.getItems', 200, 'estimate'],
  ['Form.getItemById', 100, 'estimate'],
  ['Form.getResponses', 300, 'estimate'],
  ['Form.getResponse', 150, 'estimate'],
  ['Form.createResponse', 50, 'estimate: a draft response, held locally until submitted'],
  ['Form.set*', 150, 'estimate: a form setting'],
  ['Form.deleteItem', 200, 'estimate'],
  ['Form.moveItem', 200, 'estimate'],
  ['Form.getId', 1, 'known to the object'],
  ['Form.get*', 60, 'estimate: form metadata'],
  ['Form.*', 150, 'estimate'],
  ['FormResponse.toPrefilledUrl', 200, 'estimate'],
  ['FormResponse.withItemResponse', 5, 'a draft response, local'],
  ['FormResponse.submit', 500, 'estimate'],
  ['FormResponse.*', 10, 'a response in hand (estimate)'],
  ['ItemResponse.*', 2, 'a response in hand'],
  ['*Item.createResponse', 5, 'an item response for a draft, local'],
  ['Item.as*Item', 5, 'a typed view of an item in hand'],
  ['*Item.set*', 150, 'a Forms item edit (Item/TextItem/… setters): estimate'],
  ['*Item.*', 20, 'estimate: item metadata'],
  ['TextValidationBuilder.*', 0.2, 'builder, local'],
  ['TextValidation.*', 0.2, 'a rule in hand, local'],
  ['*.getId', 1, 'known to the object'],
  ['Choice.*', 2, 'a choice in hand'],

  // ---- Drive and Docs (estimate; file operations are among the slowest calls)
  ['DriveApp.getRootFolder', 200, 'estimate'],
  ['DriveApp.getFileById', 250, 'estimate'],
  ['DriveApp.getFolderById', 250, 'estimate'],
  ['DriveApp.createFile', 800, 'estimate'],
  ['DriveApp.createFolder', 800, 'estimate'],
  ['DriveApp.*', 300, 'estimate: a Drive query'],
  ['FileIterator.*', 50, 'estimate: a page of results'],
  ['FolderIterator.*', 50, 'estimate: a page of results'],
  ['File.makeCopy', 1500, 'estimate'],
  ['File.getAs', 2000, 'estimate: a conversion (PDF export)'],
  ['File.getBlob', 800, 'estimate'],
  ['File.*', 200, 'estimate: a Drive metadata call'],
  ['Folder.createFile', 800, 'estimate'],
  ['Folder.createFolder', 800, 'estimate'],
  ['Folder.*', 200, 'estimate'],
  ['DocumentApp.create', 1500, 'estimate'],
  ['DocumentApp.openById', 800, 'estimate'],
  ['DocumentApp.*', 300, 'estimate'],
  ['Document.saveAndClose', 500, 'estimate'],
  ['Document.getAs', 2000, 'estimate: a conversion'],
  ['Document.*', 20, 'estimate'],
  ['Body.*', 20, 'estimate: a document edit, applied at save'],
  ['HeaderSection.*', 20, 'as Body'],
  ['FooterSection.*', 20, 'as Body'],
  ['Paragraph.*', 10, 'as Body'],
  ['Table.*', 10, 'as Body'],
  ['TableRow.*', 10, 'as Body'],
  ['TableCell.*', 10, 'as Body'],
  ['Text.*', 10, 'as Body'],
  ['RangeElement.*', 5, 'as Body'],

  // ---- properties, cache, lock (estimate; small key-value round trips)
  ['PropertiesService.*', 1, 'a handle, local'],
  ['Properties.getProperty', 30, 'estimate'],
  ['Properties.getProperties', 40, 'estimate'],
  ['Properties.getKeys', 40, 'estimate'],
  ['Properties.*', 50, 'estimate: a property write'],
  ['CacheService.*', 1, 'a handle, local'],
  ['Cache.*', 15, 'estimate: memcache round trip'],
  ['LockService.*', 1, 'a handle, local'],
  ['Lock.tryLock', 50, 'estimate (time spent waiting is added separately)'],
  ['Lock.waitLock', 50, 'estimate (time spent waiting is added separately)'],
  ['Lock.releaseLock', 30, 'estimate'],
  ['Lock.hasLock', 1, 'local'],

  // ---- script, triggers, UI, HTML
  ['ScriptApp.getProjectTriggers', 200, 'estimate'],
  ['ScriptApp.deleteTrigger', 300, 'estimate'],
  ['ScriptApp.newTrigger', 1, 'builder, local'],
  ['ScriptApp.*', 5, 'estimate'],
  ['*TriggerBuilder.create', 700, 'estimate: installs a trigger'],
  ['*TriggerBuilder.*', 0.2, 'builder, local'],
  ['Trigger.*', 1, 'a trigger in hand'],
  ['Ui.showSidebar', 300, 'estimate: sends the page to the browser'],
  ['Ui.showModalDialog', 300, 'as showSidebar'],
  ['Ui.showModelessDialog', 300, 'as showSidebar'],
  ['Ui.alert', 100, "estimate; the person's own reading time is not counted"],
  ['Ui.prompt', 100, 'as alert'],
  ['Ui.*', 1, 'menu builders, local'],
  ['Menu.addToUi', 50, 'estimate'],
  ['Menu.*', 0.2, 'builder, local'],
  ['PromptResponse.*', 0.2, 'local'],
  ['HtmlService.createTemplateFromFile', 20, 'estimate: reads a project file'],
  ['HtmlService.createHtmlOutputFromFile', 20, 'as createTemplateFromFile'],
  ['HtmlService.*', 2, 'local'],
  ['HtmlTemplate.evaluate', 30, 'estimate: runs the template'],
  ['HtmlTemplate.*', 1, 'local'],
  ['HtmlOutput.*', 0.5, 'local'],
  ['HtmlOutputMetaTag.*', 0.5, 'local'],

  // ---- cheap, local services
  ['Session.*', 2, 'estimate: identity is known to the execution'],
  ['User.*', 0.5, 'a user in hand'],
  ['Utilities.*', 0.5, 'local computation'],
  ['Blob.*', 0.5, 'local'],
  ['Logger.*', 1, 'local buffer'],
  ['console.*', 1, 'buffered to Cloud Logging'],
  ['MimeType.*', 0.1, 'an enum'],
];

function matches(pattern: string, cls: string, method: string): boolean {
  const [pc, pm] = pattern.split('.');
  const clsOk = pc === '*' || pc === cls || (pc.startsWith('*') && cls.endsWith(pc.slice(1)));
  if (!clsOk) return false;
  if (pm === '*' || pm === method) return true;
  if (pm.endsWith('*') && !pm.startsWith('*')) return method.startsWith(pm.slice(0, -1));
  if (pm.startsWith('*') && pm.endsWith('*')) return false;
  // "as*Item"-style: prefix and suffix
  const star = pm.indexOf('*');
  return star > 0 && method.startsWith(pm.slice(0, star)) && method.endsWith(pm.slice(star + 1));
}

/**
 * Size-dependent part of grid reads and writes, per cell, on top of the per-call figure (estimate:
 * community benchmarks read ~100,000 cells in about half a second and write them in a few seconds).
 * Applied to the 2-D arrays getValues-like calls return and setValues-like calls receive.
 */
export const PER_CELL_MS: Record<string, number> = {
  getValues: 0.005,
  getDisplayValues: 0.008,
  getFormulas: 0.005,
  getNotes: 0.005,
  getNumberFormats: 0.005,
  getBackgrounds: 0.005,
  getDataValidations: 0.01,
  setValues: 0.02,
  setFormulas: 0.02,
  setNumberFormats: 0.01,
  setNotes: 0.01,
  setDataValidations: 0.05,
  setBackgrounds: 0.01,
};

/** Cells in a 2-D array (0 for anything else). */
export function cellCount(v: unknown): number {
  if (!Array.isArray(v)) return 0;
  let n = 0;
  for (const row of v) if (Array.isArray(row)) n += row.length;
  return n;
}

const cache = new Map<string, number>();

/** Modelled cost in ms of one call "Class.method". */
export function latencyOf(key: string): number {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const dot = key.indexOf('.');
  const cls = key.slice(0, dot);
  const method = key.slice(dot + 1);
  let ms = DEFAULT_MS;
  for (const [pattern, cost] of RULES) {
    if (matches(pattern, cls, method)) {
      ms = cost;
      break;
    }
  }
  cache.set(key, ms);
  return ms;
}

/** The table itself, for documentation and tests. */
export function latencyTable(): readonly { pattern: string; ms: number; why: string }[] {
  return RULES.map(([pattern, ms, why]) => ({ pattern, ms, why }));
}

// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from '../strict';

export function createSpreadsheetApp(): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return strict('SpreadsheetApp', {}) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

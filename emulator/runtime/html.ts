// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createHtmlService(): GoogleAppsScript.HTML.HtmlService {
  return strict('HtmlService', {}) as unknown as GoogleAppsScript.HTML.HtmlService;
}

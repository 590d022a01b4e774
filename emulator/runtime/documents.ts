// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createDocumentApp(): GoogleAppsScript.Document.DocumentApp {
  return strict('DocumentApp', {}) as unknown as GoogleAppsScript.Document.DocumentApp;
}

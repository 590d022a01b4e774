// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createFormApp(): GoogleAppsScript.Forms.FormApp {
  return strict('FormApp', {}) as unknown as GoogleAppsScript.Forms.FormApp;
}

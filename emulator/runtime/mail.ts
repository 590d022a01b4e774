// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createMailApp(): GoogleAppsScript.Mail.MailApp {
  return strict('MailApp', {}) as unknown as GoogleAppsScript.Mail.MailApp;
}

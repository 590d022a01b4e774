// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createDriveApp(): GoogleAppsScript.Drive.DriveApp {
  return strict('DriveApp', {}) as unknown as GoogleAppsScript.Drive.DriveApp;
}

export function createMimeType(): GoogleAppsScript.Base.MimeType {
  return strict('MimeType', {}) as unknown as GoogleAppsScript.Base.MimeType;
}

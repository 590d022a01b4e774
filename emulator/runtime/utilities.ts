// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createUtilities(): GoogleAppsScript.Utilities.Utilities {
  return strict('Utilities', {}) as unknown as GoogleAppsScript.Utilities.Utilities;
}

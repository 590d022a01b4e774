// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createSession(): GoogleAppsScript.Base.Session {
  return strict('Session', {}) as unknown as GoogleAppsScript.Base.Session;
}

// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createLockService(): GoogleAppsScript.Lock.LockService {
  return strict('LockService', {}) as unknown as GoogleAppsScript.Lock.LockService;
}

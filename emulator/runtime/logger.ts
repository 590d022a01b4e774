// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createLogger(): GoogleAppsScript.Base.Logger {
  return strict('Logger', {}) as unknown as GoogleAppsScript.Base.Logger;
}

export function createConsole(): Console {
  return strict('console', {}) as unknown as Console;
}

/** Every write to the registry happens under the script lock, so executions never interleave writes. */

export class RegistryBusyError extends Error {}

/** Runs `work` holding the script lock; waits up to `timeoutMs` for another execution to finish. */
export function withScriptLock<T>(work: () => T, timeoutMs = 30000): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(timeoutMs)) {
    throw new RegistryBusyError('The registry is busy with another action. Please try again in a minute.');
  }
  try {
    return work();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

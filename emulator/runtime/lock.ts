/**
 * LockService on the virtual clock. A hold lives in store.locks with the holding execution's
 * number (or 'external' when a test plays "another execution"). Waiting for a lock someone else
 * holds advances the clock: to the moment the hold ends if that is within the timeout (then the
 * lock is acquired), otherwise by the whole timeout (then tryLock returns false and waitLock
 * throws). The host releases every hold when the execution ends, as Apps Script does.
 */
import type { Store } from '../store';
import { now, rt, spendTime, store } from './context';
import { asGas, strict } from './strict';

type GasLock = GoogleAppsScript.Lock.Lock;
type Hold = { holder: number | 'external'; until: number };
type Slot = { get(): Hold | undefined; set(h: Hold | undefined): void };

/** A running execution can hold a lock at most as long as it can run (6 minutes). */
const MAX_RUNTIME_MS = 6 * 60 * 1000;
const TIMEOUT_ERROR = 'Lock timeout: another process was holding the lock for too long.';

type LockSurface = Pick<GasLock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'>;

class Lock implements LockSurface {
  #held = false;

  constructor(private readonly _slot: Slot) {
    return strict('Lock', this);
  }

  private _acquire(timeoutInMillis: number): boolean {
    const me = rt().exec.number;
    const hold = this._slot.get();
    const free = !hold || hold.holder === me || hold.until <= now();
    if (!free) {
      const timeout = Math.max(0, Number(timeoutInMillis) || 0);
      if (hold.until > now() + timeout) {
        spendTime(timeout);
        return false;
      }
      spendTime(hold.until - now());
    }
    this._slot.set({ holder: me, until: now() + MAX_RUNTIME_MS });
    this.#held = true;
    return true;
  }

  tryLock(timeoutInMillis: number): boolean {
    return this._acquire(timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    if (!this._acquire(timeoutInMillis)) throw new Error(TIMEOUT_ERROR);
  }

  releaseLock(): void {
    if (this._slot.get()?.holder === rt().exec.number) this._slot.set(undefined);
    this.#held = false;
  }

  hasLock(): boolean {
    return this.#held && this._slot.get()?.holder === rt().exec.number;
  }
}

function locks(): Store['locks'] {
  return store().locks;
}

type ServiceSurface = Pick<GoogleAppsScript.Lock.LockService, 'getScriptLock' | 'getUserLock' | 'getDocumentLock'>;

class LockService implements ServiceSurface {
  constructor() {
    return strict('LockService', this);
  }

  getScriptLock(): GasLock {
    return asGas(new Lock({ get: () => locks().script, set: (h) => (locks().script = h) }));
  }

  /** Scoped to the effective user, like user properties. */
  getUserLock(): GasLock {
    const user = rt().exec.effectiveUser;
    return asGas(
      new Lock({
        get: () => locks().user[user],
        set: (h) => {
          if (h) locks().user[user] = h;
          else delete locks().user[user];
        },
      }),
    );
  }

  /** null outside a containing document, e.g. a standalone script or a web app (documented). */
  getDocumentLock(): GasLock {
    if (!store().script.containerId || rt().exec.kind === 'webapp') return null as unknown as GasLock;
    return asGas(new Lock({ get: () => locks().document, set: (h) => (locks().document = h) }));
  }
}

export function createLockService(): GoogleAppsScript.Lock.LockService {
  return asGas<GoogleAppsScript.Lock.LockService>(new LockService());
}

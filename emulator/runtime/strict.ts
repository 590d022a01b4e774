/**
 * The strict surface of every fake: a Proxy that counts each method call as "Class.method"
 * and throws `not emulated: Class.member` for any member the fake does not implement, so a
 * script never silently gets `undefined` where Apps Script would have done something.
 */
import { chargeSize, countCall } from './context';

const PASS_THROUGH = new Set<PropertyKey>(['then', 'toJSON', 'constructor']);

export function strict<T extends object>(className: string, target: T): T {
  const proxy: T = new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'symbol' || PASS_THROUGH.has(prop)) return Reflect.get(obj, prop, receiver);
      if (!(prop in obj)) throw new Error(`not emulated: ${className}.${prop}`);
      const value = Reflect.get(obj, prop, obj);
      if (typeof value !== 'function' || prop.startsWith('_')) return value;
      const key = `${className}.${prop}`;
      return function counted(this: unknown, ...args: unknown[]) {
        countCall(key);
        const out = (value as (...a: unknown[]) => unknown).apply(obj, args);
        chargeSize(prop, args, out);
        // Methods run on the raw object (so private fields work); chaining must hand back the proxy.
        return out === obj ? proxy : out;
      };
    },
    set(obj, prop, value) {
      // Apps Script objects are host objects: assigning a new member is allowed but has no effect
      // on the service. Writing to an internal field from outside is a bug in the emulator.
      if (typeof prop === 'string' && !(prop in obj)) throw new Error(`not emulated: ${className}.${prop} (assignment)`);
      return Reflect.set(obj, prop, value);
    },
  });
  return proxy;
}

/** The fake seen as the Apps Script type it stands for (fakes implement a Pick of it). */
export function asGas<T>(fake: object): T {
  return fake as unknown as T;
}

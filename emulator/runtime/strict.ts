/**
 * The strict surface of every fake: a Proxy that counts each method call as "Class.method"
 * and throws `not emulated: Class.member` for any member the fake does not implement, so a
 * script never silently gets `undefined` where Apps Script would have done something.
 */
import { countCall } from './context';

const PASS_THROUGH = new Set<PropertyKey>(['then', 'toJSON', 'constructor']);

export function strict<T extends object>(className: string, target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'symbol' || PASS_THROUGH.has(prop)) return Reflect.get(obj, prop, receiver);
      if (!(prop in obj)) throw new Error(`not emulated: ${className}.${prop}`);
      const value = Reflect.get(obj, prop, obj);
      if (typeof value !== 'function' || prop.startsWith('_')) return value;
      const key = `${className}.${prop}`;
      return function counted(this: unknown, ...args: unknown[]) {
        countCall(key);
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
    set(obj, prop, value) {
      // Apps Script objects are host objects: assigning a new member is allowed but has no effect
      // on the service. Writing to an internal field from outside is a bug in the emulator.
      if (typeof prop === 'string' && !(prop in obj)) throw new Error(`not emulated: ${className}.${prop} (assignment)`);
      return Reflect.set(obj, prop, value);
    },
  });
}

/**
 * Replaces the realm's Date so that "now" is the store's virtual clock: `new Date()`,
 * `Date()` and `Date.now()` read it; every other use of Date is untouched. Instances stay
 * `instanceof Date` because the prototype is the realm's own.
 */
import { now } from './context';

export function installVirtualDate(): void {
  const RealDate = Date;
  function VirtualDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  VirtualDate.prototype = RealDate.prototype;
  VirtualDate.now = (): number => now();
  VirtualDate.UTC = RealDate.UTC;
  VirtualDate.parse = RealDate.parse;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true });
  (globalThis as unknown as { Date: unknown }).Date = VirtualDate;
}

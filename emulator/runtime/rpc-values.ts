/**
 * What google.script.run can carry, per https://developers.google.com/apps-script/guides/html/reference/run :
 * "Legal parameters are JavaScript primitives like a Number, Boolean, String, or null, as well as
 * JavaScript objects and arrays that are composed of primitives, objects and arrays … Requests
 * fail if you attempt to pass a Date, Function, DOM element besides a form, or other prohibited
 * type, including prohibited types inside objects or arrays. Objects that create circular
 * references will also fail, and undefined fields within arrays become null." The return value
 * "is subject to the same restrictions as parameter types, except that a form element is not a
 * legal return type".
 *
 * Realm-agnostic (used on the host for arguments and inside the vm for return values): types are
 * recognised by their [[Class]] tag and prototype shape, never by `instanceof`.
 */

/** The message of a refused call; the path names where the illegal value sits ("0.when"). */
export function illegalValueMessage(path: string, what: string): string {
  return `Failed due to illegal value in property: ${path} (${what} cannot be passed through google.script.run)`;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto === null) return true;
  // Object.prototype of any realm: its own prototype is null and its constructor is named Object.
  return Object.getPrototypeOf(proto) === null && (proto as { constructor?: { name?: string } }).constructor?.name === 'Object';
}

function describe(v: unknown): string {
  if (typeof v === 'function') return 'a Function';
  if (typeof v === 'symbol') return 'a Symbol';
  if (typeof v === 'bigint') return 'a BigInt';
  const tag = Object.prototype.toString.call(v).slice(8, -1);
  return tag === 'Object' ? `an object of class ${(Object.getPrototypeOf(v) as { constructor?: { name?: string } })?.constructor?.name ?? '?'}` : `a ${tag}`;
}

/**
 * Returns undefined when `value` may cross google.script.run, else the refusal message.
 * `top` is the path prefix (an argument index, or "return").
 */
export function rpcValueProblem(value: unknown, top: string): string | undefined {
  const stack: object[] = [];
  const walk = (v: unknown, path: string): string | undefined => {
    if (v === null || v === undefined) return undefined;
    const t = typeof v;
    if (t === 'string' || t === 'number' || t === 'boolean') return undefined;
    if (t !== 'object') return illegalValueMessage(path, describe(v));
    const o = v as object;
    if (stack.includes(o)) return `Failed due to illegal value in property: ${path} (circular reference)`;
    const isArray = Array.isArray(o);
    if (!isArray && !isPlainObject(o)) return illegalValueMessage(path, describe(o));
    stack.push(o);
    try {
      const keys = isArray ? Array.from({ length: (o as unknown[]).length }, (_, i) => String(i)) : Object.keys(o);
      for (const k of keys) {
        const problem = walk((o as Record<string, unknown>)[k], `${path}.${k}`);
        if (problem) return problem;
      }
    } finally {
      stack.pop();
    }
    return undefined;
  };
  return walk(value, top);
}

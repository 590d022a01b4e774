/**
 * Apps Script enums. An enum value is an object, not a string: identity comparison works
 * (`e.authMode === ScriptApp.AuthMode.FULL`), `toString()` and `name()` give its name, `ordinal()`
 * its position in the enum, and `=== 'FULL'` is false.
 * https://developers.google.com/apps-script/reference/script/auth-mode ("Enum" type of each
 * property); toString/name/ordinal/compareTo observed on Google as recorded by gas-fakes'
 * test/testenums.js (github.com/brucemcpherson/gas-fakes).
 *
 * This module is bundled into the runtime that runs inside each execution's vm realm, so every
 * enum is built once per execution, in the script's realm. Records in the store keep names.
 * Exception: the base MimeType enum, whose values are the MIME strings (see drive.ts).
 */
export interface EnumValue {
  name(): string;
  toString(): string;
  ordinal(): number;
  compareTo(other: EnumValue): number;
}

export type EnumOf<K extends string> = Readonly<Record<K, EnumValue>>;

const owners = new WeakMap<object, { enumName: string; name: string; ordinal: number }>();

/** An enum `enumName` whose values are `keys`, in their documented order. */
export function makeEnum<K extends string>(enumName: string, keys: readonly K[]): EnumOf<K> {
  const out: Record<string, EnumValue> = {};
  keys.forEach((key, ordinal) => {
    const value = {} as EnumValue;
    Object.defineProperties(value, {
      name: { value: () => key },
      toString: { value: () => key },
      ordinal: { value: () => ordinal },
      compareTo: { value: (other: EnumValue) => ordinal - (owners.get(other)?.ordinal ?? NaN) },
    });
    owners.set(value, { enumName, name: key, ordinal });
    out[key] = Object.freeze(value);
  });
  return Object.freeze(out) as EnumOf<K>;
}

/** True for a value of any enum built here. */
export function isEnumValue(v: unknown): v is EnumValue {
  return typeof v === 'object' && v !== null && owners.has(v);
}

/** The name of an enum value of `e`, or undefined for anything else (strings included). */
export function enumName<K extends string>(e: EnumOf<K>, v: unknown): K | undefined {
  if (!isEnumValue(v)) return undefined;
  const name = v.name() as K;
  return e[name] === v ? name : undefined;
}

/** How Apps Script names an argument's type in "The parameters (…) don't match …". */
export function gasTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) {
    const kinds = new Set(v.map((x) => (Array.isArray(x) ? 'Object[]' : gasTypeName(x))));
    return `${kinds.size === 1 ? [...kinds][0] : 'Object'}[]`;
  }
  if (isEnumValue(v)) return owners.get(v)!.enumName;
  return '(class)';
}

/** Apps Script's error when arguments do not fit any overload of `signature` ("SpreadsheetApp.Range.setValues"). */
export function signatureError(signature: string, ...args: unknown[]): Error {
  return new Error(`The parameters (${args.map(gasTypeName).join(',')}) don't match the method signature for ${signature}.`);
}

/** The name of an enum argument; anything else (a string name too) fails as Apps Script does. */
export function enumArg<K extends string>(e: EnumOf<K>, v: unknown, signature: string, ...allArgs: unknown[]): K {
  const name = enumName(e, v);
  if (name === undefined) throw signatureError(signature, ...(allArgs.length ? allArgs : [v]));
  return name;
}

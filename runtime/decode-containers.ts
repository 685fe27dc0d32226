/**
 * What generated decoders for structs, unions, lists and enums build on:
 * taking an object or array apart with QEMU's errors, reading members
 * without tripping over `Object.prototype`, rejecting unknown members after
 * the known ones (QEMU's order: missing beats unexpected), and enum values.
 * `options.lenient` turns the two strictness checks off for clients.
 */
import { DecodeError } from './decode-error.js';
import type { DecodeOptions } from './decode-options.js';
import type { Path, PathKey } from './decode-path.js';
import { JsonDouble } from './json-value.js';

/** A decoded JSON object, ready for `memberOf`. */
export type JsonMembers = Readonly<Record<string, unknown>>;

/** The value as a JSON object, else `Invalid parameter type for '...', expected: object`. */
export function decodeObject(value: unknown, path: Path, key?: PathKey): JsonMembers {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonDouble)) {
    return value as JsonMembers;
  }
  if (value === undefined) throw DecodeError.missing(path, key);
  throw DecodeError.invalidType(path, key, 'object', value);
}

/**
 * Member `name` of `members`, or undefined when absent. Only own members
 * count, so a member named `constructor` is absent unless sent.
 */
export function memberOf(members: JsonMembers, name: string): unknown {
  return Object.hasOwn(members, name) ? members[name] : undefined;
}

/**
 * After the known members are decoded: `Parameter '<path>.<m>' is unexpected`
 * for the first member (in input order) not in `known`. Nothing in lenient
 * mode. `path`/`key` locate the object itself.
 */
export function checkNoUnexpected(
  members: JsonMembers,
  path: Path,
  key: PathKey | undefined,
  known: ReadonlySet<string>,
  options?: DecodeOptions,
): void {
  if (options?.lenient === true) return;
  const names = Object.keys(members);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (!known.has(name)) {
      throw DecodeError.unexpected(key === undefined ? path : path.child(key), name, members[name]);
    }
  }
}

/**
 * The value as an array with each element decoded by `decodeElement`,
 * which receives the array's own path and the element's index (so a scalar
 * element allocates no path). Else `expected: array`.
 */
export function decodeArray<T>(
  value: unknown,
  path: Path,
  key: PathKey | undefined,
  decodeElement: (element: unknown, arrayPath: Path, index: number) => T,
): T[] {
  if (!Array.isArray(value)) {
    if (value === undefined) throw DecodeError.missing(path, key);
    throw DecodeError.invalidType(path, key, 'array', value);
  }
  const arrayPath = key === undefined ? path : path.child(key);
  const n = value.length;
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = decodeElement(value[i], arrayPath, i);
  return out;
}

/**
 * An enum value: a string (else `expected: string`) in `values` (else
 * `Parameter '<name>' does not accept value '<v>'`, bare name, as QEMU).
 * In lenient mode an unknown value is returned as it is; callers' types
 * should then allow `string`. `enumName` is kept in the error's `expected`.
 */
export function decodeEnum<T extends string>(
  value: unknown,
  path: Path,
  key: PathKey | undefined,
  values: ReadonlySet<T>,
  options?: DecodeOptions,
  enumName?: string,
): T {
  if (typeof value !== 'string') {
    if (value === undefined) throw DecodeError.missing(path, key);
    throw DecodeError.invalidType(path, key, 'string', value);
  }
  if (values.has(value as T) || options?.lenient === true) return value as T;
  throw DecodeError.badEnumValue(path, key, value, enumName);
}

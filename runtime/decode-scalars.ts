/**
 * Checkers for QAPI's non-integer builtins: str, number, bool, null, any.
 * Each returns the decoded value or throws a `DecodeError` with QEMU's
 * message; `undefined` (an absent member) is `Parameter '...' is missing`.
 * `number` takes any JSON number, integer or float literal, as QEMU does;
 * `any` takes anything and hands back natural JSON data (JsonDouble
 * unwrapped to number; integers beyond 2^53 stay bigint in every mode, as
 * `any` has no declared width to check against).
 */
import { DecodeError } from './decode-error.js';
import type { Path, PathKey } from './decode-path.js';
import { JsonDouble, type JsonValue } from './json-value.js';

/** QAPI `str`. */
export function decodeStr(value: unknown, path: Path, key?: PathKey): string {
  if (typeof value === 'string') return value;
  if (value === undefined) throw DecodeError.missing(path, key);
  throw DecodeError.invalidType(path, key, 'string', value);
}

/** QAPI `bool`. */
export function decodeBool(value: unknown, path: Path, key?: PathKey): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined) throw DecodeError.missing(path, key);
  throw DecodeError.invalidType(path, key, 'boolean', value);
}

/** QAPI `null`. */
export function decodeNull(value: unknown, path: Path, key?: PathKey): null {
  if (value === null) return null;
  if (value === undefined) throw DecodeError.missing(path, key);
  throw DecodeError.invalidType(path, key, 'null', value);
}

/**
 * QAPI `number` (a C double): any JSON number. A bigint converts to the
 * nearest double, as QEMU's qnum_get_double does; a non-finite result
 * (from a literal like 1e400) is refused, as JSON could not carry it back.
 */
export function decodeNumber(value: unknown, path: Path, key?: PathKey): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (value instanceof JsonDouble) n = value.value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (value === undefined) throw DecodeError.missing(path, key);
  else throw DecodeError.invalidType(path, key, 'number', value);
  if (n - n !== 0) throw DecodeError.notFinite(path, key, value);
  return n;
}

/** QAPI `any`: any JSON value, with JsonDoubles unwrapped. */
export function decodeAny(value: unknown, path: Path, key?: PathKey): JsonValue {
  if (value === undefined) throw DecodeError.missing(path, key);
  return unwrapDoubles(value) as JsonValue;
}

/** `v` with every JsonDouble replaced by its number; shares all unchanged parts. */
function unwrapDoubles(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof JsonDouble) return v.value;
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const y = unwrapDoubles(x);
      if (copy === undefined && y !== x) copy = v.slice(0, i);
      if (copy !== undefined) copy.push(y);
    }
    return copy ?? v;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const x = o[keys[i]];
    const y = unwrapDoubles(x);
    if (copy === undefined && y !== x) {
      copy = {};
      for (let j = 0; j < i; j++) define(copy, keys[j], o[keys[j]]);
    }
    if (copy !== undefined) define(copy, keys[i], y);
  }
  return copy ?? o;
}

/** Sets an own property, also for the key `__proto__`. */
function define(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

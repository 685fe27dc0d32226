/**
 * Checkers for QAPI's integer types, following QEMU's input visitor step
 * by step so accept/reject decisions and messages match:
 *
 * - int, int64: an integral JSON number within int64, else `Invalid
 *   parameter type for '<path>', expected: integer` (also for `1.0` read
 *   as a JsonDouble, and for values beyond int64, which QEMU reads as floats);
 * - int8/16/32: first as int64, then `Parameter '<name>' expects int8_t` ...
 *   with the bare member name (`null` for an array element), as QEMU;
 * - uint64, size: 0..2^64-1, else `Parameter '<path>' expects uint64`, for
 *   any bad value (QEMU words even a string this way); negative int64 values
 *   only with `wrapNegativeUint64`;
 * - uint8/16/32: first as uint64, then `Parameter '<name>' expects uint8_t`.
 *
 * 64-bit types return bigint or number per the `int64` option; narrower ones
 * always a number. Accepted inputs are numbers (from any JSON parser) and
 * bigints (from readJson); -0 becomes 0.
 */
import { DecodeError } from './decode-error.js';
import type { DecodeOptions, Int64Mode, Int64Of } from './decode-options.js';
import type { Path, PathKey } from './decode-path.js';

const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const TWO_64N = 2n ** 64n;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_N = BigInt(MAX_SAFE);

/** QEMU's qnum_get_try_int: the value if it is an integer within int64. */
function tryInt64(v: unknown): number | bigint | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= -TWO_63 && v < TWO_63 ? v : undefined;
  if (typeof v === 'bigint') return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
  return undefined;
}

/** QEMU's qnum_get_try_uint: the value if it is an integer within uint64. */
function tryUint64(v: unknown): number | bigint | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v < TWO_64 ? v : undefined;
  if (typeof v === 'bigint') return v >= 0n && v <= UINT64_MAX ? v : undefined;
  return undefined;
}

/** An int64/uint64 value in the representation the mode asks for. */
function inMode(x: number | bigint, mode: Int64Mode | undefined, path: Path, key: PathKey | undefined): number | bigint {
  if (mode === 'number') {
    if (typeof x === 'number') {
      if (x <= MAX_SAFE && x >= -MAX_SAFE) return x + 0;
    } else if (x <= MAX_SAFE_N && x >= -MAX_SAFE_N) {
      return Number(x);
    }
    throw DecodeError.imprecise(path, key, x);
  }
  if (typeof x === 'bigint') return x;
  // bigints are immutable values: small ones (versions, counts, ids) are
  // shared instead of allocated, which matters on small messages.
  return x >= 0 && x < SMALL_BIGINTS.length ? SMALL_BIGINTS[x] : BigInt(x);
}

/** 0n..4095n, shared: bigints are immutable values. */
export const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: 4096 }, (_, i) => BigInt(i));

function signed(v: unknown, path: Path, key: PathKey | undefined, min: number, max: number, cType: string): number {
  if (typeof v === 'number') {
    if (v >= min && v <= max && Number.isInteger(v)) return v + 0;
  } else if (typeof v === 'bigint') {
    if (v >= min && v <= max) return Number(v);
  } else if (v === undefined) {
    throw DecodeError.missing(path, key);
  }
  if (tryInt64(v) !== undefined) throw DecodeError.outOfRange(path, key, cType, v);
  throw DecodeError.invalidType(path, key, 'integer', v);
}

function unsigned(v: unknown, path: Path, key: PathKey | undefined, max: number, cType: string): number {
  if (typeof v === 'number') {
    if (v >= 0 && v <= max && Number.isInteger(v)) return v + 0;
  } else if (typeof v === 'bigint') {
    if (v >= 0n && v <= max) return Number(v);
  } else if (v === undefined) {
    throw DecodeError.missing(path, key);
  }
  // QEMU visits a uint64 first (taking negative int64 values modulo 2^64,
  // which are then out of range), then checks the width.
  if (tryUint64(v) === undefined && tryInt64(v) === undefined) throw DecodeError.notUint64(path, key, v);
  throw DecodeError.outOfRange(path, key, cType, v);
}

/** QAPI `int8`: -128..127. */
export function decodeInt8(value: unknown, path: Path, key?: PathKey): number {
  return signed(value, path, key, -128, 127, 'int8_t');
}

/** QAPI `int16`: -32768..32767. */
export function decodeInt16(value: unknown, path: Path, key?: PathKey): number {
  return signed(value, path, key, -32768, 32767, 'int16_t');
}

/** QAPI `int32`: -2^31..2^31-1. */
export function decodeInt32(value: unknown, path: Path, key?: PathKey): number {
  return signed(value, path, key, -2147483648, 2147483647, 'int32_t');
}

/** QAPI `uint8`: 0..255. */
export function decodeUint8(value: unknown, path: Path, key?: PathKey): number {
  return unsigned(value, path, key, 255, 'uint8_t');
}

/** QAPI `uint16`: 0..65535. */
export function decodeUint16(value: unknown, path: Path, key?: PathKey): number {
  return unsigned(value, path, key, 65535, 'uint16_t');
}

/** QAPI `uint32`: 0..2^32-1. */
export function decodeUint32(value: unknown, path: Path, key?: PathKey): number {
  return unsigned(value, path, key, 4294967295, 'uint32_t');
}

/** QAPI `int64` (and `int`): -2^63..2^63-1, as bigint or number per `options.int64`. */
export function decodeInt64<O extends DecodeOptions | undefined = undefined>(
  value: unknown,
  path: Path,
  key?: PathKey,
  options?: O,
): Int64Of<O> {
  const x = tryInt64(value);
  if (x === undefined) {
    if (value === undefined) throw DecodeError.missing(path, key);
    throw DecodeError.invalidType(path, key, 'integer', value);
  }
  return inMode(x, options?.int64, path, key) as Int64Of<O>;
}

/** QAPI `int`: the same as `int64`. */
export const decodeInt = decodeInt64;

/** QAPI `uint64` (and `size`): 0..2^64-1, as bigint or number per `options.int64`. */
export function decodeUint64<O extends DecodeOptions | undefined = undefined>(
  value: unknown,
  path: Path,
  key?: PathKey,
  options?: O,
): Int64Of<O> {
  let x = tryUint64(value);
  if (x === undefined) {
    if (value === undefined) throw DecodeError.missing(path, key);
    const negative = options?.wrapNegativeUint64 === true ? tryInt64(value) : undefined;
    if (negative === undefined) throw DecodeError.notUint64(path, key, value);
    x = BigInt(negative) + TWO_64N;
  }
  return inMode(x, options?.int64, path, key) as Int64Of<O>;
}

/** QAPI `size`: the same as `uint64` on the wire (QEMU's messages say uint64 too). */
export const decodeSize = decodeUint64;

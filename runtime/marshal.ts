/**
 * Helpers only generated codecs call, on top of the decode checkers
 * (decode-*.ts): the unexpected-member check by count (and the search for
 * the unexpected member when the count is off), alternates' mismatch error,
 * the empty argument object, and `tryDecode` for callers who want a result
 * instead of an exception.
 */
import { DecodeError } from './decode-error.js';
import type { DecodeOptions } from './decode-options.js';
import { bareName, fullPath, Path, type PathKey } from './decode-path.js';
import { decodeObject, type JsonMembers } from './decode-containers.js';
import { SMALL_BIGINTS } from './decode-integers.js';
import type { JsonObject, JsonValue } from './json-value.js';

/** An object as encoders produce it. */
export type JsonRecord = JsonObject;

/**
 * Rejects members the decoders did not consume (unless lenient): `n` of
 * them were decoded into `out`. Counting first keeps valid input cheap.
 */
export function $exact(r: JsonMembers, n: number, out: Record<string, unknown>, o: DecodeOptions, p: Path): void {
  if (o.lenient === true) return;
  let count = 0;
  for (const _ in r) count++;
  if (count === n) return;
  for (const k in r) if (!Object.hasOwn(out, k)) throw DecodeError.unexpected(p, k, r[k]);
}

/**
 * How many members `for...in` sees in `r`: generated decoders compare it
 * with how many known members they decoded, so valid input needs no
 * per-member lookup to prove it has nothing else.
 */
export function $count(r: JsonMembers): number {
  let n = 0;
  for (const _ in r) n++;
  return n;
}

/**
 * When `$count` found more members than were decoded: in strict mode
 * `Parameter '<path>.<m>' is unexpected` for the first (in input order)
 * not in `known` (or present but undefined); in lenient mode the object
 * without them: `out`, the decoded object when a member's decoded form
 * differed (it holds known members only), else a copy of `r`'s known
 * members. `p`/`k` locate the object.
 */
export function $unknown(
  r: JsonMembers,
  out: Record<string, unknown> | undefined,
  o: DecodeOptions,
  p: Path,
  k: PathKey | undefined,
  known: readonly string[],
): Record<string, unknown> {
  if (o.lenient !== true) {
    for (const key in r) if (r[key] === undefined || !known.includes(key)) throw DecodeError.unexpected($sub(p, k), key, r[key]);
    return out ?? (r as Record<string, unknown>);
  }
  if (out !== undefined) return out;
  const kept: Record<string, unknown> = {};
  for (const key in r) {
    if (r[key] === undefined || !known.includes(key)) continue;
    if (key === '__proto__') Object.defineProperty(kept, key, { value: r[key], enumerable: true, writable: true, configurable: true });
    else kept[key] = r[key];
  }
  return kept;
}

/** The value as an array, else `Invalid parameter type for '...', expected: array` (or missing). */
export function $array(v: unknown, p: Path, k: PathKey | undefined): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined) throw DecodeError.missing(p, k);
  throw DecodeError.invalidType(p, k, 'array', v);
}

/**
 * A safe integer as a bigint, the fast path of 64-bit integers in bigint
 * mode (generated decoders check `Number.isSafeInteger` first). Small ones
 * are shared rather than allocated.
 */
export function $bigint(x: number): bigint {
  return x >= 0 && x < SMALL_BIGINTS.length ? SMALL_BIGINTS[x] : BigInt(x);
}

/** The path of the value at `key` of `p` (or `p` itself). */
export function $sub(p: Path, k: PathKey | undefined): Path {
  return k === undefined ? p : p.child(k);
}

/**
 * `Invalid parameter type for 'x', expected: <Alternate>`: QEMU's generated
 * alternate visitors quote the bare member name here (not the full path).
 */
export function $alternateMismatch(p: Path, k: PathKey | undefined, typeName: string, value: unknown): DecodeError {
  if (value === undefined) return DecodeError.missing(p, k);
  return new DecodeError('type', fullPath(p, k), `Invalid parameter type for '${bareName(p, k)}', expected: ${typeName}`, typeName, value);
}

/**
 * QEMU's input policy for a member (`parameter`) or enum value (`value`)
 * that carries special features: nothing unless `o.compat` rejects them.
 */
export function $policy(o: DecodeOptions, p: Path, k: PathKey | undefined, features: readonly string[] | undefined, kind: 'parameter' | 'value', name: string): void {
  const c = o.compat;
  if (c === undefined || features === undefined) return;
  const reject = (c.deprecatedInput === 'reject' && features.includes('deprecated') && 'Deprecated')
    || (c.unstableInput === 'reject' && features.includes('unstable') && 'Unstable');
  if (reject) throw new DecodeError('policy', fullPath(p, k), `${reject} ${kind} ${name} disabled by policy`, kind, name);
}

/** What encoders are told: the output half of QEMU's `-compat` policy. */
export interface EncodeOptions {
  readonly compat?: { readonly deprecatedOutput?: 'accept' | 'hide'; readonly unstableOutput?: 'accept' | 'hide' };
}

/** Whether a member with these special features is hidden by the output policy. */
export function $hidden(o: EncodeOptions, features: readonly string[]): boolean {
  const c = o.compat;
  if (c === undefined) return false;
  return (c.deprecatedOutput === 'hide' && features.includes('deprecated'))
    || (c.unstableOutput === 'hide' && features.includes('unstable'));
}

/** Arguments or data of a command or event that has none: `{}`. */
export function $decodeEmpty(v: unknown, o: DecodeOptions = {}, p: Path = Path.root(), k?: PathKey): Record<string, never> {
  const r = decodeObject(v, p, k);
  $exact(r, 0, {}, o, $sub(p, k));
  return {};
}

export function $encodeEmpty(_v?: Record<string, never>): JsonRecord {
  return {};
}

export function $encodeAny(v: JsonValue): JsonValue {
  return v;
}

export type Decoder<T> = (v: unknown, o?: DecodeOptions, p?: Path, k?: PathKey) => T;

export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DecodeError };

/**
 * Runs a generated decoder, returning a result instead of throwing. `label`
 * names the decoded value in error paths (`arguments`, `return`, `data`).
 */
export function tryDecode<T>(decoder: Decoder<T>, value: unknown, options: DecodeOptions = {}, label?: string): DecodeResult<T> {
  try {
    return { ok: true, value: decoder(value, options, Path.root(label)) };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, error: e };
    throw e;
  }
}

/**
 * Defaults of generated decoders' parameters, shared: a default parameter
 * written as `{}` or `Path.root()` would allocate on every call, which
 * shows on small messages.
 */
export const NO_OPTIONS: Readonly<Record<never, never>> = Object.freeze({});
export const ROOT_PATH: Path = Path.root();

/** Decode options fixing the representation of 64-bit integers, as generated types declare it. */
export const INT64_AS_BIGINT = { int64: 'bigint' } as const;
export const INT64_AS_NUMBER = { int64: 'number' } as const;
const WRAPPING_AS_BIGINT = { int64: 'bigint', wrapNegativeUint64: true } as const;
const WRAPPING_AS_NUMBER = { int64: 'number', wrapNegativeUint64: true } as const;

/**
 * What a uint64 or size check gets: the generated int64 mode, plus the
 * caller's `wrapNegativeUint64` (only negative input reaches the check, so
 * this costs nothing on the common path).
 */
export function $uint64Options<M extends typeof INT64_AS_BIGINT | typeof INT64_AS_NUMBER>(o: DecodeOptions, mode: M): M {
  if (o.wrapNegativeUint64 !== true) return mode;
  // Typed as `mode`: the int64 representation, all that decoders' result types depend on, is the same.
  return (mode === INT64_AS_NUMBER ? WRAPPING_AS_NUMBER : WRAPPING_AS_BIGINT) as unknown as M;
}

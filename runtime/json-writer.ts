/**
 * The JSON writer matching json-reader.ts. Bigints print as their digits;
 * integral numbers as their exact digits, never with an exponent (QEMU
 * reads `1e+21` as a float and rejects it for integer types); `JsonDouble`s
 * as float literals (`1.0`); non-finite numbers are refused. Keys keep
 * insertion order (JS order: integer-like keys first). `ascii` escapes all
 * beyond printable ASCII as `\uXXXX`, as QMP output requires. Members whose
 * value is `undefined` are left out (absent optional members); anything
 * else JSON cannot hold throws a `JsonWriteError` naming where it is.
 */
import { JsonDouble } from './json-value.js';

export interface WriteJsonOptions {
  /** Escape every character outside printable ASCII as `\uXXXX` (QMP output is ASCII). Default false. */
  ascii?: boolean;
  /** Deepest nesting written before giving up (guards against cycles). Default 1024. */
  maxDepth?: number;
}

/** A value `writeJson` cannot represent, with the path to it (`a.b[2]`). */
export class JsonWriteError extends TypeError {
  override readonly name = 'JsonWriteError';

  constructor(
    readonly problem: string,
    readonly path: string,
  ) {
    super(`cannot write JSON: ${problem}${path === '' ? '' : ` at ${path}`}`);
  }
}

/** Serialises `value` as compact JSON text. Throws `JsonWriteError`. */
export function writeJson(value: unknown, options?: WriteJsonOptions): string {
  const maxDepth = options?.maxDepth ?? 1024;
  let text: string;
  if (isNativeSafe(value, maxDepth)) {
    // JSON.stringify prints such values exactly as we would, only faster.
    text = JSON.stringify(value);
  } else {
    try {
      text = new RopeWriter().write(value, maxDepth);
    } catch (e) {
      if (e instanceof PathedProblem) throw new JsonWriteError(e.problem, formatPath(e.path));
      throw e;
    }
  }
  // Outside strings the text is ASCII already, so one pass escapes it all.
  return options?.ascii === true && NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, escapeUnit) : text;
}

/**
 * Whether JSON.stringify would write `v` exactly as writeJson must: no
 * bigint, JsonDouble, -0, integral number beyond 2^53 (exponent or
 * shortest-form digits), non-finite number, undefined array element,
 * function, symbol or non-plain object, within `depth` levels. The scan is
 * far cheaper than writing, and JSON.stringify builds a flat string.
 */
function isNativeSafe(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      // JSON.stringify prints unsafe integers in shortest form (2^60 as
      // 1152921504606847000), a different integer; -0 as 0; NaN as null.
      if (Number.isSafeInteger(v)) return v !== 0 || 1 / v > 0;
      return v - v === 0 && !Number.isInteger(v);
    case 'object': {
      if (v === null) return true;
      if (depth <= 0) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (x === undefined || !isNativeSafe(x, depth - 1)) return false;
        }
        return true;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      const o = v as Record<string, unknown>;
      for (const k in o) {
        const x = o[k];
        if (x !== undefined && !isNativeSafe(x, depth - 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** Internal: a problem unwinding towards writeJson, collecting its path on the way. */
class PathedProblem {
  readonly path: (string | number)[] = [];
  constructor(readonly problem: string) {}
}

function formatPath(path: (string | number)[]): string {
  let s = '';
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i];
    s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  }
  return s;
}

/** The general writer: appends to one string (a V8 rope, flattened once at the end). */
class RopeWriter {
  private out = '';

  write(v: unknown, depth: number): string {
    this.value(v, depth);
    return this.out;
  }

  private value(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'string':
        this.out += quote(v);
        return;
      case 'number':
        this.out += formatNumber(v);
        return;
      case 'boolean':
        this.out += v ? 'true' : 'false';
        return;
      case 'bigint':
        this.out += v.toString();
        return;
      case 'object':
        if (v === null) this.out += 'null';
        else if (depth <= 0) throw new PathedProblem('nesting too deep (a cycle?)');
        else if (Array.isArray(v)) this.array(v, depth - 1);
        else if (v instanceof JsonDouble) this.out += formatDouble(v.value);
        else this.object(v as Record<string, unknown>, depth - 1);
        return;
      default:
        throw new PathedProblem(`${typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`} is not JSON`);
    }
  }

  private array(a: unknown[], depth: number): void {
    this.out += '[';
    let i = 0;
    try {
      for (; i < a.length; i++) {
        if (i > 0) this.out += ',';
        this.value(a[i], depth);
      }
    } catch (e) {
      if (e instanceof PathedProblem) e.path.push(i);
      throw e;
    }
    this.out += ']';
  }

  private object(o: Record<string, unknown>, depth: number): void {
    const proto = Object.getPrototypeOf(o) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const what = (proto as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'exotic object';
      throw new PathedProblem(`a ${what} is not JSON (only plain objects, arrays and JsonDouble)`);
    }
    const keys = Object.keys(o);
    this.out += '{';
    let first = true;
    let k = '';
    try {
      for (let i = 0; i < keys.length; i++) {
        k = keys[i];
        const v = o[k];
        if (v === undefined) continue;
        if (first) first = false;
        else this.out += ',';
        this.out += quote(k);
        this.out += ':';
        this.value(v, depth);
      }
    } catch (e) {
      if (e instanceof PathedProblem) e.path.push(k);
      throw e;
    }
    this.out += '}';
  }
}

/**
 * A number as JSON: integers as their exact digits (never an exponent, and
 * 2^60 as 1152921504606846976, not JS's shortest 1152921504606847000), -0
 * as `-0`.
 */
function formatNumber(v: number): string {
  if (Number.isInteger(v)) {
    if (v === 0) return Object.is(v, -0) ? '-0' : '0';
    return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
  }
  if (v !== v || v === Infinity || v === -Infinity) throw new PathedProblem(`${v} is not a finite number`);
  return String(v);
}

/** A JsonDouble as a float literal: `1.0`, `-0.0`, `1e+21`, `0.5`. */
function formatDouble(v: number): string {
  if (!Number.isFinite(v)) throw new PathedProblem(`${v} is not a finite number`);
  if (!Number.isInteger(v)) return String(v);
  if (v >= 1e21 || v <= -1e21) return String(v);
  return (Object.is(v, -0) ? '-0' : String(v)) + '.0';
}

// Characters JSON.stringify leaves raw that ASCII output must escape.
const NON_ASCII = /[\u007f-\uffff]/;
const NON_ASCII_ALL = /[\u007f-\uffff]/g;

function escapeUnit(ch: string): string {
  return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
}

// Strings that JSON can carry as they are: no quote, backslash, control
// character or surrogate (a lone surrogate must be escaped).
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/**
 * A string as a JSON string literal. Most strings need no escaping; the rest
 * go through JSON.stringify, which is native and well-formed (escapes
 * controls and lone surrogates, keeps valid pairs).
 */
function quote(s: string): string {
  return PLAIN.test(s) ? '"' + s + '"' : JSON.stringify(s);
}

/**
 * Property tests: whatever writeJson writes, readJson reads back unchanged
 * (bigints included), and readJson agrees with JSON.parse about what is
 * JSON at all.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { JsonDouble, readJson, writeJson } from '../../runtime/index.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * What a value reads back as: integers are numbers within ±(2^53-1) and
 * bigints beyond, whichever they were written from; a JsonDouble that is
 * not integral is just a number.
 */
function canonical(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v;
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v) : v;
  if (v instanceof JsonDouble) return Number.isInteger(v.value) ? v : v.value;
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: canonical(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** `v` as JSON.parse would give it: bigints rounded to numbers. */
function asDoubles(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(asDoubles);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: asDoubles(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** Any UTF-16 code unit, lone surrogates and controls included. */
const anyString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });

const bigints = fc.oneof(
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.constantFrom(18446744073709551615n, -9223372036854775808n, 9223372036854775807n, 2n ** 53n, -(2n ** 53n), 2n ** 53n + 1n),
);

/** JSON values with bigints, JsonDoubles and arbitrary strings mixed in. */
const { value: jsonWithExtras } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    bigints,
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => new JsonDouble(d)),
    anyString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(anyString, tie('value'), { maxKeys: 5 }),
  ),
}));

describe('write → read', () => {
  test('the documented extremes survive exactly', () => {
    for (const text of ['18446744073709551615', '-9223372036854775808']) {
      const v = readJson(text);
      expect(typeof v).toBe('bigint');
      expect(writeJson(v)).toBe(text);
      expect(writeJson(readJson(`{"a":[${text}]}`))).toBe(`{"a":[${text}]}`);
    }
    expect(readJson(writeJson(18446744073709551615n))).toBe(18446744073709551615n);
    expect(readJson(writeJson(-9223372036854775808n))).toBe(-9223372036854775808n);
  });

  test('fc.jsonValue() values come back unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(readJson(writeJson(v))).toStrictEqual(canonical(v));
      }),
      { numRuns: 500 },
    );
  });

  test('values with bigints, JsonDoubles and any strings come back unchanged (doubles mode)', () => {
    fc.assert(
      fc.property(jsonWithExtras, (v) => {
        const text = writeJson(v);
        expect(readJson(text, { doubles: true })).toStrictEqual(canonical(v));
        expect(writeJson(readJson(text, { doubles: true }))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  test('bigints alone, in every position', () => {
    fc.assert(
      fc.property(bigints, (b) => {
        expect(readJson(writeJson(b))).toStrictEqual(canonical(b));
        expect(readJson(writeJson({ v: [b] }))).toStrictEqual({ v: [canonical(b)] });
      }),
    );
  });

  test('ascii output is ASCII and reads back the same', () => {
    fc.assert(
      fc.property(jsonWithExtras, (v) => {
        const text = writeJson(v, { ascii: true });
        expect(text).toMatch(/^[\x20-\x7e]*$/);
        expect(readJson(text, { doubles: true })).toStrictEqual(canonical(v));
      }),
      { numRuns: 300 },
    );
  });
});

describe('read agrees with JSON.parse', () => {
  test('on JSON.stringify output', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        const text = JSON.stringify(v, null, pretty ? 2 : undefined);
        // Our reader keeps the text's exact integers; JSON.parse rounds them.
        expect(asDoubles(readJson(text))).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  /** Accepts iff JSON.parse accepts. */
  function sameVerdict(text: string): void {
    let native = true;
    try {
      JSON.parse(text);
    } catch {
      native = false;
    }
    let ours = true;
    try {
      readJson(text);
    } catch (e) {
      if ((e as Error).name !== 'JsonSyntaxError') throw e;
      ours = false;
    }
    expect([text, ours]).toEqual([text, native]);
  }

  test('on noise made of JSON characters', () => {
    const alphabet = [...'{}[]":,0123456789.eE+-truefalsn \\u/\t\n'];
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 16 }), sameVerdict), { numRuns: 3000 });
  });

  test('on JSON texts with one character inserted, deleted or replaced', () => {
    const edit = fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom(...'{}[]":,0.e-\\ x'), fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(edit, ([v, at, ch, op]) => {
        const text = JSON.stringify(v);
        const i = at % (text.length + 1);
        const edited = op === 0 ? text.slice(0, i) + ch + text.slice(i) : op === 1 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i + 1);
        sameVerdict(edited);
      }),
      { numRuns: 3000 },
    );
  });
});

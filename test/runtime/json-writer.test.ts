/**
 * runtime/json-writer.ts: bigints as digits, integers without exponents,
 * JsonDouble as float literals, ASCII output, key order, refusals.
 */
import { describe, expect, test } from '@jest/globals';
import { JsonDouble, JsonWriteError, writeJson } from '../../runtime/index.js';

function writeError(value: unknown): JsonWriteError {
  try {
    writeJson(value);
  } catch (e) {
    if (e instanceof JsonWriteError) return e;
    throw e;
  }
  throw new Error('written');
}

describe('numbers', () => {
  test.each<[unknown, string]>([
    [0, '0'],
    [-0, '-0'],
    [42, '42'],
    [-7, '-7'],
    [0.1, '0.1'],
    [1.5e-7, '1.5e-7'],
    [-2.5e-300, '-2.5e-300'],
    [9007199254740991, '9007199254740991'],
    [2 ** 60, '1152921504606846976'],
    [1e21, '1000000000000000000000'],
    [-1e21, '-1000000000000000000000'],
    [1.7976931348623157e308, BigInt(1.7976931348623157e308).toString()],
    [18446744073709551615n, '18446744073709551615'],
    [-9223372036854775808n, '-9223372036854775808'],
    [0n, '0'],
    [10n ** 40n, '1' + '0'.repeat(40)],
  ])('%p → %s', (value, text) => {
    expect(writeJson(value)).toBe(text);
    expect(writeJson([value])).toBe(`[${text}]`);
  });

  test('integers never use an exponent', () => {
    for (let e = 0; e <= 308; e++) {
      expect(writeJson(10 ** e)).toMatch(/^[0-9]+$/);
      expect(writeJson(-(10 ** e))).toMatch(/^-[0-9]+$/);
    }
  });

  test.each<[number, string]>([
    [1, '1.0'],
    [-0, '-0.0'],
    [0, '0.0'],
    [1000, '1000.0'],
    [2.5, '2.5'],
    [1e21, '1e+21'],
    [-1e300, '-1e+300'],
  ])('JsonDouble(%p) → %s, a float literal', (value, text) => {
    expect(writeJson(new JsonDouble(value))).toBe(text);
  });

  test.each([NaN, Infinity, -Infinity])('%p is refused', (value) => {
    expect(writeError({ a: [0, value] }).message).toBe(`cannot write JSON: ${value} is not a finite number at a[1]`);
    expect(() => writeJson(new JsonDouble(value))).toThrow(JsonWriteError);
  });
});

describe('strings', () => {
  test('escapes what JSON requires, keeps the rest', () => {
    expect(writeJson('a"b\\c\n\t\u0001é€😀/')).toBe('"a\\"b\\\\c\\n\\t\\u0001é€😀/"');
  });

  test('lone surrogates are escaped (the output is well-formed UTF-16)', () => {
    expect(writeJson('\ud800x\udfff')).toBe('"\\ud800x\\udfff"');
  });

  test('ascii: everything beyond ASCII becomes \\uXXXX, also in keys', () => {
    const text = writeJson({ 'clé': 'é€😀\u007f\u2028', plain: 'abc' }, { ascii: true });
    expect(text).toBe('{"cl\\u00e9":"\\u00e9\\u20ac\\ud83d\\ude00\\u007f\\u2028","plain":"abc"}');
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(text)).toEqual({ 'clé': 'é€😀\u007f\u2028', plain: 'abc' });
  });

  test('ascii also on the general path (with bigints)', () => {
    expect(writeJson({ s: 'ü', n: 2n ** 64n }, { ascii: true })).toBe('{"s":"\\u00fc","n":18446744073709551616}');
  });
});

describe('structure', () => {
  test('keys in insertion order; undefined members left out', () => {
    expect(writeJson({ z: 1, a: undefined, m: [true, null], b: {} })).toBe('{"z":1,"m":[true,null],"b":{}}');
  });

  test('a __proto__ member is written like any other', () => {
    const o = JSON.parse('{"__proto__":1,"a":2}') as unknown;
    expect(writeJson(o)).toBe('{"__proto__":1,"a":2}');
  });

  test('null-prototype objects are plain objects', () => {
    const o = Object.assign(Object.create(null) as object, { a: 1n });
    expect(writeJson(o)).toBe('{"a":1}');
  });

  test('the same text as JSON.stringify for ordinary data', () => {
    const v = { return: [{ name: 'x', 'meta-type': 'object', members: [{ name: 'a', type: 'int', default: null }] }], id: 'q-1' };
    expect(writeJson(v)).toBe(JSON.stringify(v));
  });

  test.each<[unknown, string]>([
    [[1, undefined], 'undefined is not JSON at [1]'],
    [{ a: { b: () => 0 } }, 'a function is not JSON at a.b'],
    [{ a: [Symbol('s')] }, 'a symbol is not JSON at a[0]'],
    [{ when: new Date(0) }, 'a Date is not JSON (only plain objects, arrays and JsonDouble) at when'],
    [{ m: new Map() }, 'a Map is not JSON (only plain objects, arrays and JsonDouble) at m'],
    [undefined, 'undefined is not JSON'],
  ])('refuses %p', (value, problem) => {
    expect(writeError(value).message).toBe(`cannot write JSON: ${problem}`);
  });

  test('cycles end at the depth limit', () => {
    const a: unknown[] = [];
    a.push({ next: a });
    expect(writeError(a).problem).toBe('nesting too deep (a cycle?)');
    expect(() => writeJson([[[1]]], { maxDepth: 2 })).toThrow('nesting too deep');
    expect(writeJson([[[1]]], { maxDepth: 3 })).toBe('[[[1]]]');
  });
});

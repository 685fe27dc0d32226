/**
 * runtime/json-reader.ts: lossless numbers, the integer-vs-float literal
 * distinction, QEMU's syntax extensions, error messages and positions, and
 * the nesting limit.
 */
import { describe, expect, test } from '@jest/globals';
import { JsonDouble, JsonSyntaxError, readJson } from '../../runtime/index.js';

/** The JsonSyntaxError `readJson(text)` throws. */
function syntaxError(text: string, options?: Parameters<typeof readJson>[1]): JsonSyntaxError {
  try {
    readJson(text, options);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e;
    throw e;
  }
  throw new Error(`accepted: ${text}`);
}

describe('values', () => {
  test.each([
    ['null', null],
    ['true', true],
    ['false', false],
    ['0', 0],
    ['-0', -0],
    ['42', 42],
    ['-17', -17],
    ['0.5', 0.5],
    ['-1.25e-3', -1.25e-3],
    ['1E2', 100],
    ['"x"', 'x'],
    ['[]', []],
    ['{}', {}],
    [' \t\r\n[ 1 , { "a" : [ ] } ] \n', [1, { a: [] }]],
  ])('%s', (text, value) => {
    expect(readJson(text)).toStrictEqual(value);
  });

  test('agrees with JSON.parse on an ordinary document', () => {
    const text = JSON.stringify({ return: [{ name: 'a', 'meta-type': 'enum', values: ['x', 'y'] }, { n: -3.5e10, b: false, z: null }] });
    expect(readJson(text)).toStrictEqual(JSON.parse(text));
  });

  test('keys keep their order; the last duplicate wins', () => {
    const v = readJson('{"b":1,"a":2,"c":3,"a":4}') as Record<string, number>;
    expect(Object.keys(v)).toEqual(['b', 'a', 'c']);
    expect(v.a).toBe(4);
  });

  test('__proto__ is an own member, not the prototype', () => {
    const v = readJson('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('string escapes', () => {
    expect(readJson(String.raw`"\" \\ \/ \b \f \n \r \t \u00e9 \u20AC \ud83d\ude00 \ud800"`)).toBe('" \\ / \b \f \n \r \t é € 😀 \ud800');
    expect(readJson('"é€😀"')).toBe('é€😀');
  });
});

describe('integers beyond 2^53', () => {
  test.each([
    ['18446744073709551615', 18446744073709551615n],
    ['-9223372036854775808', -9223372036854775808n],
    ['9223372036854775807', 9223372036854775807n],
    ['9007199254740992', 9007199254740992n],
    ['-9007199254740992', -9007199254740992n],
    ['123456789012345678901234567890', 123456789012345678901234567890n],
  ])('%s is a bigint', (text, value) => {
    expect(readJson(text)).toBe(value);
    expect(readJson(`[${text}]`)).toStrictEqual([value]);
  });

  test.each([
    ['9007199254740991', 9007199254740991],
    ['-9007199254740991', -9007199254740991],
    ['999999999999999', 999999999999999],
    ['1000000000000000', 1000000000000000],
  ])('%s (safe) is a number', (text, value) => {
    expect(readJson(text)).toBe(value);
  });

  test('float literals stay numbers however large', () => {
    expect(readJson('18446744073709551615.0')).toBe(18446744073709551615);
    expect(readJson('1e300')).toBe(1e300);
    expect(readJson('1e400')).toBe(Infinity);
  });
});

describe('doubles: integral float literals as JsonDouble', () => {
  test('by default they are plain numbers', () => {
    expect(readJson('[1, 1.0, 1e3, -0.0]')).toStrictEqual([1, 1, 1000, -0]);
  });

  test('with doubles they are JsonDouble, integer literals numbers', () => {
    const v = readJson('[1, 1.0, 1e3, 2.5, -0.0, -0, 1E+2, 18446744073709551616.0]', { doubles: true });
    expect(v).toStrictEqual([
      1,
      new JsonDouble(1),
      new JsonDouble(1000),
      2.5,
      new JsonDouble(-0),
      -0,
      new JsonDouble(100),
      new JsonDouble(18446744073709551616),
    ]);
    expect((v as unknown[])[1]).toBeInstanceOf(JsonDouble);
  });
});

describe('QEMU syntax', () => {
  test("single-quoted strings and \\' only with qemuSyntax", () => {
    expect(readJson(`{'execute': 'qmp_capabilities', "a": "it\\'s", 'b': 'say "hi"'}`, { qemuSyntax: true })).toStrictEqual({
      execute: 'qmp_capabilities',
      a: "it's",
      b: 'say "hi"',
    });
    expect(syntaxError(`{'a': 1}`).message).toBe('JSON parse error, single-quoted strings are a QEMU extension (not enabled)');
    expect(syntaxError(`['a']`).column).toBe(2);
    expect(syntaxError(`"it\\'s"`).message).toBe('JSON parse error, invalid escape sequence in string');
  });
});

describe('malformed input', () => {
  // [text, message after "JSON parse error, ", offset, line, column]
  const cases: [string, string, number, number, number][] = [
    ['', 'premature end of input', 0, 1, 1],
    ['   ', 'premature end of input', 3, 1, 4],
    ['[', 'premature end of input', 1, 1, 2],
    ['[1,', 'premature end of input', 3, 1, 4],
    ['{"a":', 'premature end of input', 5, 1, 6],
    ['{"a"', 'premature end of input', 4, 1, 5],
    ['[1,]', 'expecting value', 3, 1, 4],
    ['[,1]', 'expecting value', 1, 1, 2],
    ['{"a":1,}', 'expecting value', 7, 1, 8],
    ['{"a":}', 'expecting value', 5, 1, 6],
    ['{1:2}', 'key is not a string in object', 1, 1, 2],
    ['{"a" 1}', 'missing : in object pair', 5, 1, 6],
    ['{"a":1 "b":2}', 'expected separator in dict', 7, 1, 8],
    ['[1 2]', 'expected separator in list', 3, 1, 4],
    ['[1}', 'expected separator in list', 2, 1, 3],
    ['{"a":1]', 'expected separator in dict', 6, 1, 7],
    ['tru', "invalid keyword 'tru'", 0, 1, 1],
    ['[nul]', "invalid keyword 'nul'", 1, 1, 2],
    ['trueish', "invalid keyword 'trueish'", 0, 1, 1],
    ['True', "invalid keyword 'True'", 0, 1, 1],
    ['NaN', "invalid keyword 'NaN'", 0, 1, 1],
    ['[Infinity]', "invalid keyword 'Infinity'", 1, 1, 2],
    ['@', "stray '@'", 0, 1, 1],
    ['[1]x', 'unexpected data after the JSON value', 3, 1, 4],
    ['1 2', 'unexpected data after the JSON value', 2, 1, 3],
    ['01', 'invalid number: leading zero', 0, 1, 1],
    ['-01', 'invalid number: leading zero', 1, 1, 2],
    ['1.', 'invalid number: digit expected', 2, 1, 3],
    ['.5', "stray '.'", 0, 1, 1],
    ['1.e5', 'invalid number: digit expected', 2, 1, 3],
    ['1e', 'invalid number: digit expected', 2, 1, 3],
    ['1e+', 'invalid number: digit expected', 3, 1, 4],
    ['-', 'premature end of input', 1, 1, 2],
    ['-a', 'invalid number: digit expected', 1, 1, 2],
    ['+1', "stray '+'", 0, 1, 1],
    ['"abc', 'unterminated string', 0, 1, 1],
    ['"ab\\', 'unterminated string', 0, 1, 1],
    ['"a\\x"', 'invalid escape sequence in string', 2, 1, 3],
    ['"\\u12"', 'invalid hex escape sequence in string', 1, 1, 2],
    ['"\\u12g4"', 'invalid hex escape sequence in string', 1, 1, 2],
    ['"a\nb"', 'control character in string', 2, 1, 3],
    ['"\t"', 'control character in string', 1, 1, 2],
    ['\ufeff{}', "stray '\ufeff'", 0, 1, 1],
    ['{\n  "a": 1,\n  "b" 2\n}', 'missing : in object pair', 18, 3, 7],
    ['[\r\n1,\r\n,]', 'expecting value', 7, 3, 1],
    ['[\r1,\r2\r,]', 'expecting value', 8, 4, 2],
  ];

  test.each(cases)('%j: %s', (text, reason, offset, line, column) => {
    const e = syntaxError(text);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('JsonSyntaxError');
    expect(e.message).toBe(`JSON parse error, ${reason}`);
    expect(e.reason).toBe(reason);
    expect({ offset: e.offset, line: e.line, column: e.column }).toEqual({ offset, line, column });
    expect(e.describe()).toBe(`JSON parse error, ${reason} (line ${line}, column ${column})`);
  });

  test('JSON.parse rejects all of them too', () => {
    for (const [text] of cases) expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });
});

describe('nesting depth', () => {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const nestedObjects = (n: number) => '{"a":'.repeat(n - 1) + '{}' + '}'.repeat(n - 1);

  test('1024 levels are accepted (QEMU: MAX_NESTING)', () => {
    expect(() => readJson(nested(1024))).not.toThrow();
    expect(() => readJson(nestedObjects(1024))).not.toThrow();
    expect(() => readJson(`[${'{"a":['.repeat(511)}${']}'.repeat(511)}]`)).not.toThrow();
  });

  test('1025 levels give a clear error at the 1025th bracket', () => {
    for (const text of [nested(1025), nestedObjects(1025)]) {
      const e = syntaxError(text);
      expect(e.message).toBe('JSON nesting depth limit exceeded');
      expect(e.reason).toBe('nesting depth limit exceeded');
    }
    expect(syntaxError(nested(1025)).offset).toBe(1024);
    expect(syntaxError(nestedObjects(1025)).offset).toBe(5 * 1024);
  });

  test('a million open brackets: an error, not a stack overflow', () => {
    expect(syntaxError('['.repeat(1_000_000)).message).toBe('JSON nesting depth limit exceeded');
  });

  test('maxDepth can be changed, and deep input is read without recursion', () => {
    expect(syntaxError(nested(11), { maxDepth: 10 }).offset).toBe(10);
    expect(() => readJson(nested(10), { maxDepth: 10 })).not.toThrow();
    let v = readJson(nested(100_000), { maxDepth: 100_000 });
    let depth = 0;
    while (Array.isArray(v) && v.length > 0) {
      v = v[0];
      depth++;
    }
    expect(depth).toBe(99_999);
  });
});

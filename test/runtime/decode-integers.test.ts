/**
 * runtime/decode-integers.ts: every integer type's boundaries (min, max,
 * min-1, max+1) through readJson, as a server sees them, with QEMU's
 * messages; the int64 modes; float literals; QEMU's uint64 wrap.
 */
import { describe, expect, test } from '@jest/globals';
import {
  DecodeError,
  INTEGER_TYPES,
  JsonDouble,
  Path,
  decodeInt,
  decodeInt16,
  decodeInt32,
  decodeInt64,
  decodeInt8,
  decodeSize,
  decodeUint16,
  decodeUint32,
  decodeUint64,
  decodeUint8,
  readJson,
  type DecodeOptions,
  type IntegerTypeName,
  type PathKey,
} from '../../runtime/index.js';

type Decoder = (value: unknown, path: Path, key?: PathKey, options?: DecodeOptions) => number | bigint;

const decoders: Record<IntegerTypeName, Decoder> = {
  int: decodeInt,
  int8: decodeInt8,
  int16: decodeInt16,
  int32: decodeInt32,
  int64: decodeInt64,
  uint8: decodeUint8,
  uint16: decodeUint16,
  uint32: decodeUint32,
  uint64: decodeUint64,
  size: decodeSize,
};

const args = Path.root('arguments').member('devices').element(2);

function decodeError(f: () => unknown): DecodeError {
  try {
    f();
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('decoded');
}

/** What QEMU says when `text` is out of range for `type` (member `x` of devices[2]). */
function qemuMessage(type: IntegerTypeName): string {
  const { qemuName } = INTEGER_TYPES[type];
  if (qemuName === 'integer') return "Invalid parameter type for 'devices[2].x', expected: integer";
  if (qemuName === 'uint64') return "Parameter 'devices[2].x' expects uint64";
  return `Parameter 'x' expects ${qemuName}`;
}

describe.each(Object.keys(decoders) as IntegerTypeName[])('%s', (type) => {
  const decode = decoders[type];
  const { min, max, is64 } = INTEGER_TYPES[type];
  const expected = (n: bigint) => (is64 ? n : Number(n));

  test.each([
    ['min', min],
    ['max', max],
    ['zero', 0n],
  ])('accepts %s (%p)', (_, n) => {
    const value = readJson(String(n));
    expect(decode(value, args, 'x')).toStrictEqual(expected(n));
    expect(decode(value, args.member('x'))).toStrictEqual(expected(n));
  });

  test.each([
    ['min-1', min - 1n],
    ['max+1', max + 1n],
  ])('rejects %s (%p) with QEMU message', (_, n) => {
    const e = decodeError(() => decode(readJson(String(n)), args, 'x'));
    expect(e.message).toBe(qemuMessage(type));
    expect(e.path).toBe('arguments.devices[2].x');
    expect(e.kind).toBe(INTEGER_TYPES[type].qemuName === 'integer' ? 'type' : 'range');
    expect(e.value).toBe(readJson(String(n)));
  });

  test('rejects float literals, even integral ones, as QEMU does', () => {
    const floatMessage = type.startsWith('uint') || type === 'size' ? "Parameter 'devices[2].x' expects uint64" : "Invalid parameter type for 'devices[2].x', expected: integer";
    for (const text of ['1.5', '1.0', '1e3']) {
      expect(decodeError(() => decode(readJson(text, { doubles: true }), args, 'x')).message).toBe(floatMessage);
    }
    expect(decodeError(() => decode(readJson('0.5'), args, 'x')).message).toBe(floatMessage);
  });

  test('rejects non-numbers; an absent value is missing', () => {
    const typeMessage = type.startsWith('uint') || type === 'size' ? "Parameter 'devices[2].x' expects uint64" : "Invalid parameter type for 'devices[2].x', expected: integer";
    for (const v of ['1', true, null, [], {}]) {
      const e = decodeError(() => decode(v, args, 'x'));
      expect(e.message).toBe(typeMessage);
      expect(e.kind).toBe('type');
    }
    const e = decodeError(() => decode(undefined, args, 'x'));
    expect(e.message).toBe("Parameter 'devices[2].x' is missing");
    expect(e.kind).toBe('missing');
  });

  test('-0 decodes to 0', () => {
    expect(Object.is(decode(-0, args, 'x', { int64: 'number' }), 0)).toBe(true);
  });
});

describe('QEMU details', () => {
  test('narrow types name the bare member, or null for an array element', () => {
    expect(decodeError(() => decodeInt8(128, args, 'x')).message).toBe("Parameter 'x' expects int8_t");
    expect(decodeError(() => decodeUint16(70000, args.member('list'), 3)).message).toBe("Parameter 'null' expects uint16_t");
    expect(decodeError(() => decodeInt32(2 ** 31, Path.root())).message).toBe("Parameter 'null' expects int32_t");
  });

  test('uint8..32 reject negatives with their own message (QEMU wraps them to huge values first)', () => {
    expect(decodeError(() => decodeUint8(-1, args, 'x')).message).toBe("Parameter 'x' expects uint8_t");
    expect(decodeError(() => decodeUint32(readJson('-9223372036854775808'), args, 'x')).message).toBe("Parameter 'x' expects uint32_t");
    // below int64 QEMU has a float, which the uint64 step refuses
    expect(decodeError(() => decodeUint32(readJson('-9223372036854775809'), args, 'x')).message).toBe(
      "Parameter 'devices[2].x' expects uint64",
    );
  });

  test('narrow types: beyond int64 is "expected: integer" (QEMU has a float there)', () => {
    expect(decodeError(() => decodeInt8(readJson('9223372036854775808'), args, 'x')).message).toBe(
      "Invalid parameter type for 'devices[2].x', expected: integer",
    );
  });

  test('uint64 and size take negative int64 values only with wrapNegativeUint64', () => {
    for (const decode of [decodeUint64, decodeSize]) {
      expect(decodeError(() => decode(-1, args, 'x')).message).toBe("Parameter 'devices[2].x' expects uint64");
      expect(decode(-1, args, 'x', { wrapNegativeUint64: true })).toBe(18446744073709551615n);
      expect(decode(readJson('-9223372036854775808'), args, 'x', { wrapNegativeUint64: true })).toBe(9223372036854775808n);
      expect(decodeError(() => decode(readJson('-9223372036854775809'), args, 'x', { wrapNegativeUint64: true })).message).toBe(
        "Parameter 'devices[2].x' expects uint64",
      );
    }
  });

  test('numbers from JSON.parse work too', () => {
    expect(decodeInt64(JSON.parse('42'), args, 'x')).toBe(42n);
    expect(decodeUint64(JSON.parse('1e3'), args, 'x')).toBe(1000n); // JSON.parse cannot tell 1e3 from 1000
    expect(decodeInt32(JSON.parse('-2147483648'), args, 'x')).toBe(-2147483648);
  });

  test('a JsonDouble is no integer', () => {
    expect(decodeError(() => decodeInt(new JsonDouble(5), args, 'x')).message).toBe("Invalid parameter type for 'devices[2].x', expected: integer");
  });
});

describe("int64: 'bigint' and 'number'", () => {
  test("'bigint' (the default) decodes every 64-bit value to bigint", () => {
    const a: bigint = decodeInt64(5, args, 'x');
    const b: bigint = decodeUint64(readJson('18446744073709551615'), args, 'x', { int64: 'bigint' });
    const c: bigint = decodeSize(7n, args, 'x', { lenient: true });
    expect([a, b, c]).toEqual([5n, 18446744073709551615n, 7n]);
  });

  test("'number' decodes safe integers to number", () => {
    const o = { int64: 'number' } as const;
    const a: number = decodeInt64(readJson('9007199254740991'), args, 'x', o);
    const b: number = decodeInt(readJson('-9007199254740991'), args, 'x', o);
    const c: number = decodeUint64(5n, args, 'x', o);
    expect([a, b, c]).toEqual([9007199254740991, -9007199254740991, 5]);
  });

  test.each([
    ['9007199254740993', decodeInt64],
    ['-9007199254740993', decodeInt64],
    ['9007199254740992', decodeInt],
    ['18446744073709551615', decodeUint64],
    ['9223372036854775807', decodeSize],
  ])("'number' rejects %s, naming the path and the option", (text, decode) => {
    const e = decodeError(() => decode(readJson(text), args, 'x', { int64: 'number' }));
    expect(e.kind).toBe('precision');
    expect(e.path).toBe('arguments.devices[2].x');
    expect(e.message).toBe(
      `Parameter 'arguments.devices[2].x' is ${text}, which a JavaScript number cannot hold exactly ` +
        "(decode option int64: 'number' allows only ±(2^53-1); use int64: 'bigint')",
    );
  });

  test("'number' also rejects unsafe numbers (already rounded by JSON.parse)", () => {
    expect(decodeError(() => decodeInt64(JSON.parse('9007199254740993'), args, 'x', { int64: 'number' })).kind).toBe('precision');
  });

  test("narrow types ignore the mode: always number", () => {
    expect(decodeInt32(5n, args, 'x')).toBe(5);
    expect(decodeUint32(readJson('4294967295'), args, 'x')).toBe(4294967295);
  });

  test('an unknown mode statically gives number | bigint', () => {
    const options: DecodeOptions = { int64: Math.random() < 2 ? 'number' : 'bigint' };
    const v: number | bigint = decodeInt64(5, args, 'x', options);
    expect(v).toBe(5);
  });
});

/**
 * The non-integer checkers, the container helpers and paths, and a
 * hand-written decoder of the shape generated code will have, checked
 * against QEMU's messages for the same inputs.
 */
import { describe, expect, test } from '@jest/globals';
import {
  DecodeError,
  JsonDouble,
  Path,
  bareName,
  checkNoUnexpected,
  decodeAny,
  decodeArray,
  decodeBool,
  decodeEnum,
  decodeSize,
  decodeNull,
  decodeNumber,
  decodeObject,
  decodeStr,
  decodeUint8,
  fullPath,
  memberOf,
  qemuName,
  qtypeOf,
  readJson,
  type DecodeOptions,
  type Int64Of,
} from '../../runtime/index.js';

function decodeError(f: () => unknown): DecodeError {
  try {
    f();
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('decoded');
}

const root = Path.root('arguments');

describe('paths', () => {
  const p = root.member('devices').element(2).member('node-name');

  test('full path, QEMU name, bare name', () => {
    expect(p.toString()).toBe('arguments.devices[2].node-name');
    expect(fullPath(p)).toBe('arguments.devices[2].node-name');
    expect(qemuName(p)).toBe('devices[2].node-name');
    expect(bareName(p)).toBe('node-name');
    expect(bareName(p.element(0))).toBe('null');
  });

  test('with a key instead of a step', () => {
    const devices = root.member('devices');
    expect(fullPath(devices, 2)).toBe('arguments.devices[2]');
    expect(qemuName(devices.element(2), 'x')).toBe('devices[2].x');
    expect(bareName(devices, 'x')).toBe('x');
    expect(bareName(devices, 0)).toBe('null');
  });

  test('roots: labelled and anonymous', () => {
    expect(fullPath(root)).toBe('arguments');
    expect(qemuName(root)).toBe('arguments');
    const anon = Path.root();
    expect(fullPath(anon)).toBe('');
    expect(qemuName(anon)).toBe('<anonymous>');
    expect(qemuName(anon, 'a')).toBe('a');
    expect(fullPath(anon.element(2), 'x')).toBe('[2].x'); // as QEMU's full_name for a top-level list
    expect(qemuName(anon.child(1).child('a').child(0))).toBe('[1].a[0]');
  });
});

describe('scalars', () => {
  test('str, bool, null', () => {
    expect(decodeStr('x', root, 'a')).toBe('x');
    expect(decodeBool(false, root, 'a')).toBe(false);
    expect(decodeNull(null, root, 'a')).toBeNull();
    expect(decodeError(() => decodeStr(1, root, 'a')).message).toBe("Invalid parameter type for 'a', expected: string");
    expect(decodeError(() => decodeBool('true', root, 'a')).message).toBe("Invalid parameter type for 'a', expected: boolean");
    expect(decodeError(() => decodeNull(0, root, 'a')).message).toBe("Invalid parameter type for 'a', expected: null");
    expect(decodeError(() => decodeStr(undefined, root.member('b'), 'a')).message).toBe("Parameter 'b.a' is missing");
  });

  test('number takes integer and float literals, and bigints', () => {
    expect(decodeNumber(1, root, 'n')).toBe(1);
    expect(decodeNumber(new JsonDouble(1), root, 'n')).toBe(1);
    expect(decodeNumber(2.5, root, 'n')).toBe(2.5);
    expect(decodeNumber(readJson('18446744073709551615'), root, 'n')).toBe(18446744073709551615);
    expect(decodeError(() => decodeNumber('1', root, 'n')).message).toBe("Invalid parameter type for 'n', expected: number");
    const inf = decodeError(() => decodeNumber(readJson('1e400'), root, 'n'));
    expect([inf.kind, inf.message]).toEqual(['range', "Parameter 'n' expects a finite number"]);
  });

  test('any: anything present, JsonDoubles unwrapped, the rest shared', () => {
    const inner = { b: [1, 'x'] };
    const v = { a: inner, c: [new JsonDouble(2), { d: new JsonDouble(-0) }], big: 18446744073709551615n };
    const out = decodeAny(v, root, 'x') as Record<string, unknown>;
    expect(out).toStrictEqual({ a: inner, c: [2, { d: -0 }], big: 18446744073709551615n });
    expect(out.a).toBe(inner);
    const untouched = { a: [1, 2] };
    expect(decodeAny(untouched, root, 'x')).toBe(untouched);
    expect(decodeAny(null, root, 'x')).toBeNull();
    expect(decodeError(() => decodeAny(undefined, root, 'x')).message).toBe("Parameter 'x' is missing");
  });
});

describe('containers', () => {
  test('objects', () => {
    const o = decodeObject(readJson('{"a":1}'), root);
    expect(memberOf(o, 'a')).toBe(1);
    expect(memberOf(o, 'constructor')).toBeUndefined();
    expect(memberOf(o, 'toString')).toBeUndefined();
    for (const v of [[], 'x', 1, null, new JsonDouble(1)]) {
      expect(decodeError(() => decodeObject(v, root, 'o')).message).toBe("Invalid parameter type for 'o', expected: object");
    }
  });

  test('unexpected members: strict by default, ignored when lenient', () => {
    const o = decodeObject(readJson('{"a":1,"zz":2,"yy":3}'), root);
    const known = new Set(['a']);
    const e = decodeError(() => checkNoUnexpected(o, root.member('dev'), undefined, known));
    expect([e.kind, e.path, e.message, e.value]).toEqual(['unexpected', 'arguments.dev.zz', "Parameter 'dev.zz' is unexpected", 2]);
    expect(decodeError(() => checkNoUnexpected(o, root, 'dev', known)).message).toBe("Parameter 'dev.zz' is unexpected");
    expect(() => checkNoUnexpected(o, root, undefined, known, { lenient: true })).not.toThrow();
    expect(() => checkNoUnexpected(o, root, undefined, new Set(['a', 'yy', 'zz']))).not.toThrow();
  });

  test('arrays: elements get the array path and their index', () => {
    expect(decodeArray(readJson('[1,2]'), root, 'l', decodeUint8)).toEqual([1, 2]);
    expect(decodeError(() => decodeArray(readJson('[1,"2"]'), root, 'l', decodeUint8)).message).toBe("Parameter 'l[1]' expects uint64");
    expect(decodeError(() => decodeArray(readJson('[1,256]'), root, 'l', decodeUint8)).message).toBe("Parameter 'null' expects uint8_t");
    expect(decodeError(() => decodeArray(readJson('[[true],[1]]'), root, 'l', (v, p, i) => decodeArray(v, p, i, decodeBool))).message).toBe(
      "Invalid parameter type for 'l[1][0]', expected: boolean",
    );
    expect(decodeError(() => decodeArray({}, root, 'l', decodeBool)).message).toBe("Invalid parameter type for 'l', expected: array");
    expect(decodeError(() => decodeArray(undefined, root, 'l', decodeBool)).message).toBe("Parameter 'l' is missing");
  });

  test('enums: bare name; lenient keeps unknown values', () => {
    const values = new Set(['on', 'off'] as const);
    expect(decodeEnum('on', root.member('dev'), 'mode', values)).toBe('on');
    const e = decodeError(() => decodeEnum('auto', root.member('dev'), 'mode', values, undefined, 'OnOff'));
    expect([e.kind, e.path, e.message, e.expected, e.value]).toEqual([
      'enum',
      'arguments.dev.mode',
      "Parameter 'mode' does not accept value 'auto'",
      'OnOff',
      'auto',
    ]);
    expect(decodeEnum('auto', root, 'mode', values, { lenient: true })).toBe('auto');
    expect(decodeError(() => decodeEnum(1, root.member('dev'), 'mode', values)).message).toBe("Invalid parameter type for 'dev.mode', expected: string");
  });

  test('qtypeOf, for alternates', () => {
    expect([null, 1, 2n, new JsonDouble(1), 's', true, [], {}].map(qtypeOf)).toEqual(['qnull', 'qnum', 'qnum', 'qnum', 'qstring', 'qbool', 'qlist', 'qdict']);
    expect(qtypeOf(undefined)).toBeUndefined();
  });
});

// ---- a decoder as the generator will write it ----

interface Device<O extends DecodeOptions | undefined> {
  'node-name': string;
  size?: Int64Of<O>;
  mode: 'on' | 'off';
}
interface AddArgs<O extends DecodeOptions | undefined> {
  devices: Device<O>[];
  tag?: number;
}

const DEVICE_MEMBERS = new Set(['node-name', 'size', 'mode']);
const ADD_MEMBERS = new Set(['devices', 'tag']);
const ON_OFF = new Set(['on', 'off'] as const);

function decodeDevice<O extends DecodeOptions | undefined>(v: unknown, p: Path, o: O): Device<O> {
  const m = decodeObject(v, p);
  const size = memberOf(m, 'size');
  const r: Device<O> = {
    'node-name': decodeStr(memberOf(m, 'node-name'), p, 'node-name'),
    mode: decodeEnum(memberOf(m, 'mode'), p, 'mode', ON_OFF, o),
  };
  if (size !== undefined) r.size = decodeSize(size, p, 'size', o);
  checkNoUnexpected(m, p, undefined, DEVICE_MEMBERS, o);
  return r;
}

function decodeAddArgs<O extends DecodeOptions | undefined>(v: unknown, p: Path, o: O): AddArgs<O> {
  const m = decodeObject(v, p);
  const tag = memberOf(m, 'tag');
  const r: AddArgs<O> = {
    devices: decodeArray(memberOf(m, 'devices'), p, 'devices', (e, ap, i) => decodeDevice(e, ap.element(i), o)),
  };
  if (tag !== undefined) r.tag = decodeUint8(tag, p, 'tag');
  checkNoUnexpected(m, p, undefined, ADD_MEMBERS, o);
  return r;
}

describe('a generated-style decoder', () => {
  const ok = '{"devices":[{"node-name":"a","mode":"on"},{"node-name":"b","mode":"off","size":18446744073709551615}],"tag":7}';

  test('decodes, with bigints by default', () => {
    expect(decodeAddArgs(readJson(ok), Path.root('arguments'), undefined)).toStrictEqual({
      devices: [
        { 'node-name': 'a', mode: 'on' },
        { 'node-name': 'b', mode: 'off', size: 18446744073709551615n },
      ],
      tag: 7,
    });
  });

  test.each([
    ['{"devices":[{"mode":"on"}]}', "Parameter 'devices[0].node-name' is missing", 'arguments.devices[0].node-name', 'missing'],
    ['{"devices":[{"node-name":"a","mode":"on"},{"node-name":"b","mode":"on","x":1}]}', "Parameter 'devices[1].x' is unexpected", 'arguments.devices[1].x', 'unexpected'],
    ['{"devices":[{"node-name":"a","mode":"up"}]}', "Parameter 'mode' does not accept value 'up'", 'arguments.devices[0].mode', 'enum'],
    ['{"devices":[{"node-name":"a","mode":"on","size":1.0}]}', "Parameter 'devices[0].size' expects uint64", 'arguments.devices[0].size', 'type'],
    ['{"devices":[{"node-name":"a","mode":"on","size":-1}]}', "Parameter 'devices[0].size' expects uint64", 'arguments.devices[0].size', 'range'],
    ['{"devices":[{"node-name":1,"mode":"on"}]}', "Invalid parameter type for 'devices[0].node-name', expected: string", 'arguments.devices[0].node-name', 'type'],
    ['{"devices":{}}', "Invalid parameter type for 'devices', expected: array", 'arguments.devices', 'type'],
    ['{"devices":[],"tag":300}', "Parameter 'tag' expects uint8_t", 'arguments.tag', 'range'],
    ['{"tag":1,"devices":[],"extra":1}', "Parameter 'extra' is unexpected", 'arguments.extra', 'unexpected'],
    ['{"extra":1}', "Parameter 'devices' is missing", 'arguments.devices', 'missing'],
  ])('%s → %s', (text, message, path, kind) => {
    const e = decodeError(() => decodeAddArgs(readJson(text, { doubles: true }), Path.root('arguments'), undefined));
    expect({ message: e.message, path: e.path, kind: e.kind }).toEqual({ message, path, kind });
  });

  test("int64: 'number' names the option; lenient tolerates newer servers", () => {
    const e = decodeError(() => decodeAddArgs(readJson(ok), Path.root('return'), { int64: 'number' }));
    expect(e.message).toContain("'return.devices[1].size'");
    expect(e.message).toContain("int64: 'number'");
    const lenient = decodeAddArgs(readJson('{"devices":[{"node-name":"a","mode":"auto","new":1}],"new":2}'), Path.root('return'), { lenient: true, int64: 'number' });
    expect(lenient).toStrictEqual({ devices: [{ 'node-name': 'a', mode: 'auto' }] });
  });
});

/**
 * Property tests of the generated decoders and encoders (the `marshal`
 * target) and of the JSON Schema (the `json-schema` target), driven by the
 * IR: for every command's arguments and return value and every event's
 * data, values built from the schema (test/support/ir-arbitraries.ts)
 *
 * - round-trip: encode, write as lossless JSON, read back, decode strictly:
 *   the same value;
 * - break in the ways QEMU rejects (test/support/wire-mutations.ts): an
 *   unknown member, a required member deleted, a value of the wrong type,
 *   out of range or not in its enum, at the top level, one level down and
 *   deeper: rejected with the right DecodeError kind and path and QEMU's
 *   message (and lenient decoding accepts, and drops, unknown members);
 * - the JSON Schema agrees: Ajv (draft 2020-12) accepts the valid values and
 *   rejects the broken ones (except 64-bit range errors, which JSON.parse's
 *   doubles cannot show).
 *
 * Schemas: our fixture of every construct (test/fixtures/marshal), our
 * example schema (schema/), and when ../shared exists QEMU 10.2's QMP schema
 * and its qapi-schema-test.json, sampled more lightly. Then explicit
 * examples: integer boundaries of every width, QEMU's messages, the int64
 * 'number' mode.
 *
 * QAPI_FC_RUNS multiplies the number of runs; QAPI_FC_SEED fixes the seed.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { compile } from '../compiler/compile.js';
import { generate } from '../compiler/emitters/generate.js';
import type { IrSchema } from '../compiler/ir/types.js';
import { readJson, tryDecode, writeJson } from '../runtime/index.js';
import { IrArbitraries, type Int64Repr } from './support/ir-arbitraries.js';
import { mutations, pathMatches, qemuName, sampleMutations, type Mutation } from './support/wire-mutations.js';
import { difference, show } from './support/value-difference.js';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '../shared');
const RUNS_FACTOR = Number(process.env.QAPI_FC_RUNS ?? '1');
const SEED = process.env.QAPI_FC_SEED === undefined ? undefined : Number(process.env.QAPI_FC_SEED);

// ---- Generated code -------------------------------------------------------

type Decoder = (v: unknown, o?: { lenient?: boolean }) => unknown;
type Encoder = (v: never) => unknown;
interface Generated {
  commandCodecs: Record<string, { decodeArguments: Decoder; encodeArguments: Encoder; decodeReturns: Decoder; encodeReturns: Encoder }>;
  eventCodecs: Record<string, { decodeData: Decoder; encodeData: Encoder }>;
  [name: string]: unknown;
}

function compileIr(entry: string): IrSchema {
  const result = compile({ entry });
  if (!result.ir) throw new Error(`${entry}: ${result.diagnostics[0]?.message}`);
  return result.ir;
}

const generatedCache = new Map<string, Promise<{ mod: Generated; jsonSchema: Record<string, unknown> }>>();

/** `generate` once per name. */
function generatedOnce(name: string, ir: IrSchema, int64: Int64Repr = 'bigint'): Promise<{ mod: Generated; jsonSchema: Record<string, unknown> }> {
  let g = generatedCache.get(name);
  if (!g) {
    g = writeGenerated(name, ir, int64);
    generatedCache.set(name, g);
  }
  return g;
}

/** Generates marshal code and JSON Schema for `ir` under test/.generated/NAME and imports it. */
async function writeGenerated(name: string, ir: IrSchema, int64: Int64Repr = 'bigint'): Promise<{ mod: Generated; jsonSchema: Record<string, unknown> }> {
  const out = join(root, 'test/.generated', name);
  rmSync(out, { recursive: true, force: true });
  let jsonSchema: Record<string, unknown> = {};
  for (const f of generate(ir, { targets: ['marshal', 'json-schema'], int64 })) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.content);
    if (f.path === 'json-schema.json') jsonSchema = JSON.parse(f.content) as Record<string, unknown>;
  }
  return { mod: (await import(join(out, 'index.ts'))) as Generated, jsonSchema };
}

/** One Ajv per JSON Schema document; validators by `$defs` key. */
function ajvFor(doc: Record<string, unknown>): (key: string) => ValidateFunction {
  // ownProperties: else Ajv takes an inherited `constructor` for a member of that name.
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false, ownProperties: true });
  ajv.addSchema(doc, 'qapi.json');
  const cache = new Map<string, ValidateFunction>();
  return (key) => {
    let v = cache.get(key);
    if (!v) {
      v = ajv.compile({ $ref: `qapi.json#/$defs/${encodeURIComponent(key)}` });
      cache.set(key, v);
    }
    return v;
  };
}

// ---- What a DecodeError must look like ------------------------------------

interface DecodeErrorLike {
  kind: string;
  path: string;
  message: string;
}

function isDecodeError(e: unknown): e is DecodeErrorLike {
  return e instanceof Error && e.name === 'DecodeError' && typeof (e as { kind?: unknown }).kind === 'string';
}

/** Runs `decode(input)`, expecting a DecodeError; returns it, or a description of what happened instead. */
function decodeError(decode: Decoder, input: unknown, options?: { lenient?: boolean }): DecodeErrorLike | string {
  let value: unknown;
  try {
    value = decode(input, options);
  } catch (e) {
    if (isDecodeError(e)) return e;
    return `threw ${String(e)}`;
  }
  return `accepted it, giving ${writeJson(value)}`;
}

/** Problems with how `m` applied to `wire` is decoded (strictly, then leniently); empty when right. */
function checkMutation(decode: Decoder, wire: unknown, m: Mutation, expected: unknown): string[] {
  const input = readJson(writeJson(m.apply(wire)));
  const problems: string[] = [];
  const e = decodeError(decode, input);
  if (typeof e === 'string') {
    problems.push(`${m.what}: ${e}`);
  } else {
    if (!m.kinds.includes(e.kind as never)) problems.push(`${m.what}: kind '${e.kind}', expected ${m.kinds.join(' or ')} (${e.message})`);
    if (!pathMatches(e.path, m.path)) problems.push(`${m.what}: path '${e.path}', expected '${qemuName(m.path)}' (${e.message})`);
    // QEMU's message, where QEMU has one: paths from a member down (a top-level array element has no QEMU name),
    // and no empty member name (QEMU's full_name() gives '' where the runtime says '<anonymous>': cosmetic).
    if (typeof m.path[0] === 'string' && !m.path.includes('') && e.message !== m.message) {
      problems.push(`${m.what}: message ${JSON.stringify(e.message)}, expected ${JSON.stringify(m.message)}`);
    }
  }
  if (m.lenientDrops) {
    try {
      const lenient = decode(input, { lenient: true });
      if (!equal(lenient, expected)) problems.push(`${m.what}: lenient decoding gave ${writeJson(lenient)}`);
    } catch (err) {
      problems.push(`${m.what}: lenient decoding threw ${String(err)}`);
    }
  }
  return problems;
}

function equal(a: unknown, b: unknown): boolean {
  return difference(a, b) === undefined;
}



// ---- The schemas ------------------------------------------------------------

interface SchemaCase {
  readonly name: string;
  readonly entry: string;
  /** fast-check runs per target and property. */
  readonly runs: number;
  /** Mutations per value: at most this many at levels 0-1, and this many deeper. */
  readonly shallow: number;
  readonly deep: number;
  readonly maxDepth: number;
}

const cases: SchemaCase[] = [
  { name: 'fixture', entry: join(root, 'test/fixtures/marshal/qapi-schema.json'), runs: 30, shallow: 150, deep: 6, maxDepth: 4 },
  { name: 'example', entry: join(root, 'schema/qapi-schema.json'), runs: 15, shallow: 40, deep: 4, maxDepth: 4 },
];
if (existsSync(join(shared, 'corpus/qemu-10.2.0'))) {
  cases.push(
    { name: 'qemu-10.2', entry: join(shared, 'corpus/qemu-10.2.0/qapi/qapi-schema.json'), runs: 3, shallow: 12, deep: 3, maxDepth: 3 },
    { name: 'qemu-10.2-test', entry: join(shared, 'conformance/qemu-10.2-tests/qapi-schema-test.json'), runs: 20, shallow: 60, deep: 4, maxDepth: 4 },
  );
}

interface Target {
  /** `query-status returns` */
  readonly label: string;
  /** The IR type, undefined for none (`{}`). */
  readonly type: string | undefined;
  /** The `$defs` key of its JSON Schema. */
  readonly schemaKey: string;
  codec(mod: Generated): { decode: Decoder; encode: Encoder };
}

function targetsOf(ir: IrSchema): Target[] {
  const out: Target[] = [];
  for (const d of ir.definitions) {
    if (d.kind === 'command') {
      out.push({
        label: `${d.name} arguments`,
        type: d.argType,
        schemaKey: `command:${d.name}:arguments`,
        codec: (m) => ({ decode: m.commandCodecs[d.name].decodeArguments, encode: m.commandCodecs[d.name].encodeArguments }),
      });
      out.push({
        label: `${d.name} returns`,
        type: d.retType,
        schemaKey: `command:${d.name}:returns`,
        codec: (m) => ({ decode: m.commandCodecs[d.name].decodeReturns, encode: m.commandCodecs[d.name].encodeReturns }),
      });
    } else if (d.kind === 'event') {
      out.push({
        label: `${d.name} data`,
        type: d.argType,
        schemaKey: `event:${d.name}:data`,
        codec: (m) => ({ decode: m.eventCodecs[d.name].decodeData, encode: m.eventCodecs[d.name].encodeData }),
      });
    }
  }
  return out;
}

const fcParams = (runs: number) => ({ numRuns: Math.max(1, Math.round(runs * RUNS_FACTOR)), ...(SEED === undefined ? {} : { seed: SEED }) });

for (const c of cases) {
  describe(`${c.name}: ${relative(root, c.entry)}`, () => {
    const ir = compileIr(c.entry);
    const arbs = new IrArbitraries(ir, { maxDepth: c.maxDepth });
    const targets = targetsOf(ir);
    let mod: Generated;
    let validator: (key: string) => ValidateFunction;

    beforeAll(async () => {
      const g = await generatedOnce(`marshal-properties-${c.name}`, ir);
      mod = g.mod;
      validator = ajvFor(g.jsonSchema);
    });

    test('has targets', () => {
      expect(targets.length).toBeGreaterThan(c.name === 'qemu-10.2' ? 500 : 10);
    });

    describe('round trip: encode, writeJson, readJson, decode strictly', () => {
      test.each(targets.map((t) => [t.label, t] as const))('%s', (_label, t) => {
        const { decode, encode } = t.codec(mod);
        fc.assert(
          fc.property(arbs.arbitrary(t.type), (value) => {
            const text = writeJson((encode as (v: unknown) => unknown)(value));
            const decoded = decode(readJson(text));
            expect(difference(decoded, value)).toBeUndefined();
          }),
          fcParams(c.runs),
        );
      });
    });

    describe('broken values: rejected with the right kind and path; unknown members accepted leniently', () => {
      test.each(targets.map((t) => [t.label, t] as const))('%s', (_label, t) => {
        const { decode } = t.codec(mod);
        fc.assert(
          fc.property(arbs.arbitrary(t.type), fc.nat(), (value, seed) => {
            // The wire form straight from the value (generated types are the wire's), so the encoders are not involved.
            const wire = readJson(writeJson(value));
            const problems = sampleMutations(mutations(arbs, t.type, wire), seed, c.shallow, c.deep).flatMap((m) => checkMutation(decode, wire, m, value));
            expect(problems).toEqual([]);
          }),
          fcParams(c.runs),
        );
      });
    });

    describe('the JSON Schema agrees: valid values validate, broken ones do not', () => {
      test.each(targets.map((t) => [t.label, t] as const))('%s', (_label, t) => {
        const validate = validator(t.schemaKey);
        fc.assert(
          fc.property(arbs.arbitrary(t.type), fc.nat(), (value, seed) => {
            const wire = readJson(writeJson(value));
            const problems: string[] = [];
            if (!validate(JSON.parse(writeJson(wire)))) problems.push(`valid value rejected: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
            for (const m of sampleMutations(mutations(arbs, t.type, wire), seed, c.shallow, c.deep)) {
              if (m.schemaCanTell && validate(JSON.parse(writeJson(m.apply(wire))))) problems.push(`${m.what}: accepted`);
            }
            expect(problems).toEqual([]);
          }),
          fcParams(c.runs),
        );
      });
    });
  });
}

// ---- Explicit examples ------------------------------------------------------

const fixtureEntry = join(root, 'test/fixtures/marshal/qapi-schema.json');

/** `base` as JSON text with member `key` set to the JSON literal `literal`, read back by readJson. */
function withLiteral(base: Record<string, unknown>, key: string, literal: string, options?: { doubles?: boolean }): unknown {
  const text = writeJson({ ...base, [key]: '@@literal@@' }).replace('"@@literal@@"', literal);
  return options?.doubles ? readJson(text, { doubles: true }) : readJson(text);
}

/** The DecodeError `decode(input)` throws; fails the test when it throws none. */
function rejection(decode: Decoder, input: unknown, options?: { lenient?: boolean }): DecodeErrorLike {
  const e = decodeError(decode, input, options);
  if (typeof e === 'string') throw new Error(`expected a DecodeError for ${show(input)}, but the decoder ${e}`);
  return e;
}

/** Asserts kind (one of), path and QEMU's message. */
function expectRejected(decode: Decoder, input: unknown, kinds: string | string[], path: string, message: string): void {
  const e = rejection(decode, input);
  expect({ kind: [kinds].flat().includes(e.kind) ? 'ok' : e.kind, path: pathMatches(e.path, splitPath(path)) ? path : e.path, message: e.message })
    .toEqual({ kind: 'ok', path, message });
}

/** `a.b[1].c` as keys. */
function splitPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) keys.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return keys;
}

const INT_MEMBERS: [member: string, array: string, type: string][] = [
  ['i', 'si', 'int'], ['i8', 's8', 'int8'], ['i16', 's16', 'int16'], ['i32', 's32', 'int32'], ['i64', 's64', 'int64'],
  ['u8', 'us8', 'uint8'], ['u16', 'us16', 'uint16'], ['u32', 'us32', 'uint32'], ['u64', 'us64', 'uint64'], ['sz', 'ssz', 'size'],
];
const RANGES: Record<string, [bigint, bigint]> = {
  int: [-(2n ** 63n), 2n ** 63n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n],
  int8: [-128n, 127n], int16: [-32768n, 32767n], int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint8: [0n, 255n], uint16: [0n, 65535n], uint32: [0n, 2n ** 32n - 1n], uint64: [0n, 2n ** 64n - 1n], size: [0n, 2n ** 64n - 1n],
};
const WIDE = new Set(['int', 'int64', 'uint64', 'size']);
const C_TYPES: Record<string, string> = { int8: 'int8_t', int16: 'int16_t', int32: 'int32_t', uint8: 'uint8_t', uint16: 'uint16_t', uint32: 'uint32_t' };

/** QEMU's error for integer `literal` out of the range of `type` at `path` (member `member`). */
function outOfRange(type: string, path: string): { kinds: string[]; message: string } {
  const bare = /\]$/.test(path) ? 'null' : path.split('.').pop()!;
  if (type === 'int' || type === 'int64') return { kinds: ['type'], message: `Invalid parameter type for '${path}', expected: integer` };
  if (type === 'uint64' || type === 'size') return { kinds: ['range'], message: `Parameter '${path}' expects uint64` };
  return { kinds: ['range'], message: `Parameter '${bare}' expects ${C_TYPES[type]}` };
}

describe('explicit examples (fixture schema)', () => {
  const ir = compileIr(fixtureEntry);
  const arbs = new IrArbitraries(ir);
  let mod: Generated;
  let modNumber: Generated;
  let validator: (key: string) => ValidateFunction;
  const scalars = () => mod.eventCodecs.BOXED_STRUCT.decodeData;
  const arrays = () => mod.commandCodecs['union-in-union'].decodeReturns;
  const scalarsBase = () => readJson(writeJson(arbs.minimal('Scalars'))) as Record<string, unknown>;
  const arraysBase = () => readJson(writeJson(arbs.minimal('Arrays'))) as Record<string, unknown>;

  beforeAll(async () => {
    const g = await generatedOnce('marshal-properties-fixture', ir);
    mod = g.mod;
    validator = ajvFor(g.jsonSchema);
    modNumber = (await generatedOnce('marshal-properties-fixture-int64-number', ir, 'number')).mod;
  });

  describe('integer boundaries of every width: min and max accepted, min-1 and max+1 rejected as QEMU does', () => {
    test.each(INT_MEMBERS)('%s (%s[], %s)', (member, array, type) => {
      const [min, max] = RANGES[type];
      for (const x of [min, max, 0n]) {
        const out = scalars()(withLiteral(scalarsBase(), member, String(x))) as Record<string, unknown>;
        expect(out[member]).toStrictEqual(WIDE.has(type) ? x : Number(x));
        const list = arrays()(withLiteral(arraysBase(), array, `[${min},${x},${max}]`)) as Record<string, unknown>;
        expect(list[array]).toStrictEqual([min, x, max].map((y) => (WIDE.has(type) ? y : Number(y))));
      }
      for (const x of [min - 1n, max + 1n]) {
        const top = outOfRange(type, member);
        expectRejected(scalars(), withLiteral(scalarsBase(), member, String(x)), top.kinds, member, top.message);
        const el = outOfRange(type, `${array}[1]`);
        expectRejected(arrays(), withLiteral(arraysBase(), array, `[0,${x}]`), el.kinds, `${array}[1]`, el.message);
      }
    });

    test.each(INT_MEMBERS)('%s: 1.5, 1.0 (a float literal), "1" and true are not integers', (member, array, type) => {
      const unsigned = type.startsWith('uint') || type === 'size';
      // uint8..uint32 are visited as uint64 first, so their message is uint64's; QEMU words every uint64 failure so.
      const msg = (path: string) => (unsigned ? `Parameter '${path}' expects uint64` : `Invalid parameter type for '${path}', expected: integer`);
      for (const literal of ['1.5', '"1"', 'true', '-0.5']) {
        expectRejected(scalars(), withLiteral(scalarsBase(), member, literal), ['type', 'range'], member, msg(member));
        expectRejected(arrays(), withLiteral(arraysBase(), array, `[1, ${literal}]`), ['type', 'range'], `${array}[1]`, msg(`${array}[1]`));
      }
      expectRejected(scalars(), withLiteral(scalarsBase(), member, '1.0', { doubles: true }), ['type', 'range'], member, msg(member));
      expect((scalars()(withLiteral(scalarsBase(), member, '1')) as Record<string, unknown>)[member]).toStrictEqual(WIDE.has(type) ? 1n : 1);
    });

    test('beyond int64: a type error for int8 (QEMU reads it as a float), a range error for uint8 (it fits uint64)', () => {
      expectRejected(scalars(), withLiteral(scalarsBase(), 'i8', '9223372036854775808'), 'type', 'i8', "Invalid parameter type for 'i8', expected: integer");
      expectRejected(scalars(), withLiteral(scalarsBase(), 'i8', '-9223372036854775808'), 'range', 'i8', "Parameter 'i8' expects int8_t");
      expectRejected(scalars(), withLiteral(scalarsBase(), 'u8', '18446744073709551615'), 'range', 'u8', "Parameter 'u8' expects uint8_t");
      expectRejected(scalars(), withLiteral(scalarsBase(), 'u8', '18446744073709551616'), ['type', 'range'], 'u8', "Parameter 'u8' expects uint64");
      expectRejected(scalars(), withLiteral(scalarsBase(), 'u8', '-1'), 'range', 'u8', "Parameter 'u8' expects uint8_t");
    });

    test('int64 "number" mode: ±(2^53-1) decode to numbers, 2^53+1 and 2^64-1 are rejected naming the option', () => {
      const decode = modNumber.eventCodecs.BOXED_STRUCT.decodeData;
      for (const member of ['i', 'i64', 'u64', 'sz']) {
        const max = (decode(withLiteral(scalarsBase(), member, '9007199254740991')) as Record<string, unknown>)[member];
        expect(max).toBe(9007199254740991);
        for (const literal of ['9007199254740993', '18446744073709551615']) {
          if (literal.startsWith('18') && !member.startsWith('u') && member !== 'sz') continue;
          const e = rejection(decode, withLiteral(scalarsBase(), member, literal));
          expect(e.kind).toBe('precision');
          expect(pathMatches(e.path, [member])).toBe(true);
          expect(e.message).toMatch(/int64/);
          expect(e.message).toMatch(/'number'/);
          expect(e.message).toContain(literal);
        }
      }
      const min = (decode(withLiteral(scalarsBase(), 'i', '-9007199254740991')) as Record<string, unknown>).i;
      expect(min).toBe(-9007199254740991);
      expect(rejection(decode, withLiteral(scalarsBase(), 'i', '-9007199254740993')).kind).toBe('precision');
      // Narrow types are numbers in either mode.
      expect((decode(withLiteral(scalarsBase(), 'u32', '4294967295')) as Record<string, unknown>).u32).toBe(4294967295);
    });

    test('int64 "number" mode round trip (fixture)', () => {
      const numberArbs = new IrArbitraries(ir, { int64: 'number' });
      for (const t of targetsOf(ir)) {
        const { decode, encode } = t.codec(modNumber);
        fc.assert(
          fc.property(numberArbs.arbitrary(t.type), (value) => {
            const decoded = decode(readJson(writeJson((encode as (v: unknown) => unknown)(value))));
            expect(difference(decoded, value)).toBeUndefined();
          }),
          fcParams(10),
        );
      }
    });
  });

  describe("QEMU's messages", () => {
    test("'1' for a number, a number for a string, a bool, null", () => {
      expectRejected(scalars(), withLiteral(scalarsBase(), 'n', '"1"'), 'type', 'n', "Invalid parameter type for 'n', expected: number");
      expectRejected(scalars(), withLiteral(scalarsBase(), 's', '1'), 'type', 's', "Invalid parameter type for 's', expected: string");
      expectRejected(scalars(), withLiteral(scalarsBase(), 'b', '"true"'), 'type', 'b', "Invalid parameter type for 'b', expected: boolean");
      expectRejected(scalars(), withLiteral(scalarsBase(), 'nul', '0'), 'type', 'nul', "Invalid parameter type for 'nul', expected: null");
      expectRejected(arrays(), withLiteral(arraysBase(), 'si', '{}'), 'type', 'si', "Invalid parameter type for 'si', expected: array");
      expect((scalars()(withLiteral(scalarsBase(), 'n', '1.0', { doubles: true })) as Record<string, unknown>).n).toBe(1);
      expect((scalars()(withLiteral(scalarsBase(), 'n', '18446744073709551615')) as Record<string, unknown>).n).toBe(2 ** 64);
    });

    test("missing members: `Parameter 'x' is missing`, at any depth, before any unexpected member", () => {
      const decode = mod.commandCodecs['inline-args'].decodeArguments;
      const base = readJson(writeJson(arbs.minimal('q_obj_inline-args-arg'))) as Record<string, unknown>;
      const { a: _a, ...noA } = base;
      expectRejected(decode, noA, 'missing', 'a', "Parameter 'a' is missing");
      expectRejected(decode, { zz: 1 }, 'missing', 'a', "Parameter 'a' is missing");
      expectRejected(decode, withLiteral(base, 'b', '[{"name":"x"},{}]'), 'missing', 'b[1].name', "Parameter 'b[1].name' is missing");
      expectRejected(mod.eventCodecs.CTOR_EVENT.decodeData, { constructor: {} }, 'missing', 'constructor.constructor', "Parameter 'constructor.constructor' is missing");
      expectRejected(mod.eventCodecs.CTOR_EVENT.decodeData, {}, 'missing', 'constructor', "Parameter 'constructor' is missing");
      expectRejected(mod.eventCodecs.PROTO_EVENT.decodeData, {}, 'missing', 'valueOf', "Parameter 'valueOf' is missing");
    });

    test("members are checked in schema order: `Invalid parameter type for 'a.b[1]', expected: integer`", () => {
      const decode = mod.commandCodecs['inline-args'].decodeArguments;
      expectRejected(decode, { c: 'y', a: 'x', nul: 0, anything: 1 }, 'type', 'a', "Invalid parameter type for 'a', expected: integer");
      const every = readJson(writeJson(arbs.minimal('Everything'))) as Record<string, Record<string, unknown>>;
      every.arrays.si = [0, 'x'];
      expectRejected(mod.commandCodecs.everything.decodeArguments, every, 'type', 'arrays.si[1]', "Invalid parameter type for 'arrays.si[1]', expected: integer");
      const ev = readJson('{"id":"x","alt":"red","tree":{"value":1,"children":[{"value":2},{"value":3.5}]}}');
      expectRejected(mod.eventCodecs.INLINE_DATA.decodeData, ev, 'type', 'tree.children[1].value', "Invalid parameter type for 'tree.children[1].value', expected: integer");
      expectRejected(mod.commandCodecs['sub-command'].decodeReturns, readJson('{"kind":"wrapped","inner":{"sizes":[1,"2"]},"u64s":[]}'), 'type', 'inner.sizes[1]', "Parameter 'inner.sizes[1]' expects uint64");
    });

    test("unexpected members: `Parameter 'x' is unexpected`; lenient decoding drops them", () => {
      expectRejected(mod.commandCodecs['no-args'].decodeArguments, { zz: 1 }, 'unexpected', 'zz', "Parameter 'zz' is unexpected");
      expectRejected(mod.commandCodecs['no-args'].decodeArguments, readJson('{"__proto__":1}'), 'unexpected', '__proto__', "Parameter '__proto__' is unexpected");
      expect(mod.commandCodecs['no-args'].decodeArguments({ zz: 1 }, { lenient: true })).toStrictEqual({});
      const every = readJson(writeJson(arbs.minimal('Everything'))) as Record<string, Record<string, Record<string, unknown>>>;
      every.derived.leaf.zz = 1;
      expectRejected(mod.commandCodecs.everything.decodeArguments, every, 'unexpected', 'derived.leaf.zz', "Parameter 'derived.leaf.zz' is unexpected");
      const lenient = mod.commandCodecs.everything.decodeArguments(every, { lenient: true }) as typeof every;
      expect(Object.hasOwn(lenient.derived.leaf, 'zz')).toBe(false);
      // A member of another union branch is unexpected too.
      expectRejected(mod.commandCodecs['boxed-union'].decodeArguments, { kind: 'circle', radius: 1, side: 2 }, 'unexpected', 'side', "Parameter 'side' is unexpected");
      expect(mod.commandCodecs['boxed-union'].decodeArguments({ kind: 'circle', radius: 1, side: 2 }, { lenient: true })).toStrictEqual({ kind: 'circle', radius: 1 });
      // Leniency does not excuse missing members or wrong types.
      expect(rejection(mod.commandCodecs['boxed-union'].decodeArguments, { kind: 'circle' }, { lenient: true }).kind).toBe('missing');
      expect(rejection(mod.commandCodecs['boxed-union'].decodeArguments, { kind: 'circle', radius: 'x' }, { lenient: true }).kind).toBe('type');
    });

    test("enums: `Parameter 'x' does not accept value 'v'` with the bare name ('null' in a list); lenient keeps the value", () => {
      const derived = readJson(writeJson(arbs.minimal('Derived'))) as Record<string, unknown>;
      const decode = mod.commandCodecs['boxed-struct'].decodeArguments;
      expectRejected(decode, { ...derived, color: 'purple' }, 'enum', 'color', "Parameter 'color' does not accept value 'purple'");
      expectRejected(decode, { ...derived, color: 1 }, 'type', 'color', "Invalid parameter type for 'color', expected: string");
      expect((decode({ ...derived, color: 'purple' }, { lenient: true }) as Record<string, unknown>).color).toBe('purple');
      expectRejected(arrays(), { ...arraysBase(), scol: ['red', 'purple'] }, 'enum', 'scol[1]', "Parameter 'null' does not accept value 'purple'");
      expectRejected(mod.commandCodecs['boxed-union'].decodeArguments, { kind: 'hexagon' }, 'enum', 'kind', "Parameter 'kind' does not accept value 'hexagon'");
      expect(mod.commandCodecs['boxed-union'].decodeArguments({ kind: 'hexagon', radius: 1 }, { lenient: true })).toStrictEqual({ kind: 'hexagon' });
    });

    test('unions: tag missing, empty and implicit branches, a union as a branch', () => {
      const decode = mod.commandCodecs['boxed-union'].decodeArguments;
      expectRejected(decode, {}, 'missing', 'kind', "Parameter 'kind' is missing");
      expectRejected(decode, { kind: 'circle' }, 'missing', 'radius', "Parameter 'radius' is missing");
      expect(decode({ kind: 'line' })).toStrictEqual({ kind: 'line' });
      expect(decode({ kind: 'point', label: 'p' })).toStrictEqual({ kind: 'point', label: 'p' });
      const nested = mod.commandCodecs['boxed-union'].decodeReturns;
      expectRejected(nested, { outer: 'red', kind: 'circle' }, 'missing', 'radius', "Parameter 'radius' is missing");
      expectRejected(nested, { outer: 'green', b0: '', level: 'top', shapes: [{ kind: 'x' }] }, 'enum', 'shapes[0].kind', "Parameter 'kind' does not accept value 'x'");
      expect(nested({ outer: 'red', kind: 'circle', radius: 2 })).toStrictEqual({ outer: 'red', kind: 'circle', radius: 2 });
    });

    test('alternates: `Invalid parameter type for <bare name>, expected: <Alternate>`; a branch errs as its type', () => {
      const args = mod.commandCodecs['inline-args'].decodeArguments;
      const base = readJson(writeJson(arbs.minimal('q_obj_inline-args-arg'))) as Record<string, unknown>;
      expectRejected(args, { ...base, c: 'str' }, 'type', 'c', "Invalid parameter type for 'c', expected: AltAll");
      expectRejected(args, { ...base, c: {} }, 'missing', 'c.name', "Parameter 'c.name' is missing");
      expectRejected(args, { ...base, c: [1, 'x'] }, 'type', 'c[1]', "Invalid parameter type for 'c[1]', expected: integer");
      const ev = mod.eventCodecs.INLINE_DATA.decodeData;
      const data = { id: 'x', alt: 'red', tree: { value: 1 } };
      expectRejected(ev, { ...data, alt: true }, 'type', 'alt', "Invalid parameter type for 'alt', expected: AltScalar");
      expectRejected(ev, { ...data, alt: 300 }, 'range', 'alt', "Parameter 'alt' expects int8_t");
      expectRejected(ev, { ...data, alt: 'purple' }, 'enum', 'alt', "Parameter 'alt' does not accept value 'purple'");
      const every = readJson(writeJson(arbs.minimal('Everything'))) as Record<string, unknown>;
      expectRejected(mod.commandCodecs.everything.decodeArguments, { ...every, wide: 1.5 }, ['type', 'range'], 'wide', "Parameter 'wide' expects uint64");
      expectRejected(mod.commandCodecs.everything.decodeArguments, { ...every, 'str-alts': [{}] }, 'missing', 'str-alts[0].constructor', "Parameter 'str-alts[0].constructor' is missing");
    });

    test('the top-level value must be an object; `any` takes anything; members named like Object.prototype', () => {
      expect(rejection(mod.commandCodecs['no-args'].decodeArguments, []).kind).toBe('type');
      expect(rejection(mod.commandCodecs['inline-args'].decodeArguments, 'x').kind).toBe('type');
      const a = readJson('{"in":{"__proto__":[1,{"y":null}],"big":18446744073709551615,"f":1.5}}');
      expect(difference(mod.commandCodecs['ret-any'].decodeArguments(a), a)).toBeUndefined();
      const derived = mod.commandCodecs['boxed-struct'].decodeArguments(readJson(writeJson(arbs.minimal('Derived'))));
      expect(Object.hasOwn(derived as object, 'constructor')).toBe(false);
      const ctor = mod.eventCodecs.CTOR_EVENT.decodeData({ constructor: { constructor: 'c' } });
      expect(difference(ctor, { constructor: { constructor: 'c' } })).toBeUndefined();
    });

    test('tryDecode labels paths (arguments.b[1].name) but not messages', () => {
      const decode = mod.commandCodecs['inline-args'].decodeArguments;
      const base = readJson(writeJson(arbs.minimal('q_obj_inline-args-arg'))) as Record<string, unknown>;
      const r = tryDecode(decode as never, withLiteral(base, 'b', '[{"name":"x"},{}]'), {}, 'arguments');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.path).toBe('arguments.b[1].name');
        expect(r.error.message).toBe("Parameter 'b[1].name' is missing");
      }
    });
  });

  describe('minimal reproductions of bugs the properties found', () => {
    test('encoders: an absent optional member named like an Object.prototype property is not encoded', () => {
      // Base0 has '*constructor': 'int'; ProtoNames '*toString', '*hasOwnProperty', '*isPrototypeOf'.
      const derived = arbs.minimal('Derived') as Record<string, unknown>;
      expect(Object.hasOwn(derived, 'constructor')).toBe(false);
      const wire = (mod.commandCodecs['boxed-struct'].encodeArguments as (v: unknown) => Record<string, unknown>)(derived);
      expect(Object.keys(wire).filter((k) => typeof wire[k] === 'function')).toEqual([]);
      const proto = (mod.commandCodecs['proto-names-cmd'].encodeArguments as (v: unknown) => Record<string, unknown>)({ valueOf: 1n });
      expect(Object.keys(proto)).toEqual(['valueOf']);
    });

    test("alternates: a mismatch below the top level quotes the bare name ('null' for a list element), as QEMU's generated visitor does", () => {
      // QEMU: error_setg(errp, QERR_INVALID_PARAMETER_TYPE, name ? name : "null", "AltStr") in visit_type_AltStr.
      const every = readJson(writeJson(arbs.minimal('Everything'))) as Record<string, unknown>;
      expectRejected(mod.commandCodecs.everything.decodeArguments, { ...every, 'str-alts': [true] }, 'type', 'str-alts[0]', "Invalid parameter type for 'null', expected: AltStr");
      const ev = { id: 'x', alt: 'red', tree: { value: 1, next: true } };
      expectRejected(mod.eventCodecs.INLINE_DATA.decodeData, ev, 'type', 'tree.next', "Invalid parameter type for 'next', expected: TreeRef");
    });

    test('JSON Schema: members named like Object.prototype properties are described', () => {
      expect(validator('event:CTOR_EVENT:data')({ constructor: { constructor: 'c' } })).toBe(true);
      expect(validator('event:PROTO_EVENT:data')({ valueOf: 1 })).toBe(true);
      expect(validator('event:PROTO_EVENT:data')({ valueOf: 'x' })).toBe(false);
    });

    test('JSON Schema: a union as a branch of a union keeps its members', () => {
      // Nested: 'red' is union Shaped, 'green' union Layered.
      expect(validator('command:boxed-union:returns')({ outer: 'red', kind: 'circle', radius: 2 })).toBe(true);
      expect(validator('command:boxed-union:returns')({ outer: 'green', b0: '', level: 'mid' })).toBe(true);
      expect(validator('command:boxed-union:returns')({ outer: 'red', kind: 'circle' })).toBe(false);
    });
  });
});

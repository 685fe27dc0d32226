/**
 * The IR-driven decoders (compiler/analysis/ir-decoder.ts) against the
 * generated ones (the `marshal` target, generated and imported here): on
 * valid values (test/support/ir-arbitraries.ts), on values broken in every
 * way QEMU rejects (test/support/wire-mutations.ts) and on every QMP example
 * in the doc comments, both must accept with the same output or both throw
 * the same error (class, message, path, kind, expected, value), in strict and
 * lenient mode, with the int64 option both ways, with the compat policy, at
 * an unlabelled and a labelled root. This is the contract lint relies on:
 * "valid by the generated decoders".
 *
 * Schemas: our fixture of every construct (with and without defines), an
 * inline schema for what the fixture lacks (features and the compat policy,
 * 'gen': false, builtin and array returns, alternates of every JSON type),
 * our example schema (schema/), and when ../shared exists QEMU 10.2's QMP
 * schema and its qapi-schema-test.json.
 *
 * QAPI_FC_RUNS multiplies the number of runs; QAPI_FC_SEED fixes the seed;
 * PRINT_PARITY=1 prints how many values were compared.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compile } from '../compiler/compile.js';
import { generate } from '../compiler/emitters/generate.js';
import { TsNames } from '../compiler/emitters/ts-names.js';
import type { ConditionDefines } from '../compiler/ir/evaluate-condition.js';
import type { IrSchema } from '../compiler/ir/types.js';
import { createIrDecoders, type IrDecoder, type IrDecoders } from '../compiler/analysis/ir-decoder.js';
import { qmpExamples } from '../compiler/analysis/qmp-examples.js';
import { DecodeError } from '../runtime/decode-error.js';
import type { DecodeOptions } from '../runtime/decode-options.js';
import { Path } from '../runtime/decode-path.js';
import { readJson } from '../runtime/json-reader.js';
import { writeJson } from '../runtime/json-writer.js';
import { IrArbitraries } from './support/ir-arbitraries.js';
import { mutations, sampleMutations, type Mutation } from './support/wire-mutations.js';
import { difference, show } from './support/value-difference.js';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '../shared');
const RUNS_FACTOR = Number(process.env.QAPI_FC_RUNS ?? '1');
const SEED = process.env.QAPI_FC_SEED === undefined ? undefined : Number(process.env.QAPI_FC_SEED);
const fcParams = (runs: number) => ({ numRuns: Math.max(1, Math.round(runs * RUNS_FACTOR)), ...(SEED === undefined ? {} : { seed: SEED }) });

// ---- Generated code -----------------------------------------------------------

type Decoder = (v: unknown, o?: DecodeOptions, p?: Path) => unknown;
interface Generated {
  commandCodecs: Record<string, { decodeArguments: Decoder; decodeReturns: Decoder }>;
  eventCodecs: Record<string, { decodeData: Decoder }>;
  [name: string]: unknown;
}

/** Generates the marshal target of `ir` under test/.generated/ir-decoder-NAME and imports it. */
async function generated(name: string, ir: IrSchema, int64: 'bigint' | 'number', defines?: ConditionDefines): Promise<Generated> {
  const out = join(root, 'test/.generated', `ir-decoder-${name}-${int64}`);
  rmSync(out, { recursive: true, force: true });
  for (const f of generate(ir, { targets: ['marshal'], int64, ...(defines ? { defines } : {}) })) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.content);
  }
  return (await import(join(out, 'index.ts'))) as Generated;
}

// ---- Comparing outcomes ---------------------------------------------------------

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function run(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}


function describeError(e: unknown): string {
  if (e instanceof DecodeError) return `DecodeError(${e.kind}, ${JSON.stringify(e.path)}): ${e.message}`;
  return e instanceof Error ? `${e.constructor.name}: ${e.message}` : `non-error ${String(e)}`;
}

/** How the IR decoder's outcome `a` differs from the generated decoder's `b`, or undefined when they agree. */
function disagreement(a: Outcome, b: Outcome): string | undefined {
  if (a.ok && b.ok) {
    const d = difference(a.value, b.value);
    return d === undefined ? undefined : `outputs differ at ${d}`;
  }
  if (!a.ok && !b.ok) {
    const ea = a.error as Record<string, unknown> | null;
    const eb = b.error as Record<string, unknown> | null;
    if (ea?.constructor !== eb?.constructor) return `IR threw ${describeError(ea)}, generated ${describeError(eb)}`;
    for (const field of ['message', 'path', 'kind', 'expected']) {
      if (ea?.[field] !== eb?.[field]) return `error ${field}: IR ${describeError(ea)}, generated ${describeError(eb)}`;
    }
    const d = difference(ea?.value, eb?.value);
    return d === undefined ? undefined : `error values differ at ${d}`;
  }
  return a.ok ? `IR accepted, generated threw ${describeError((b as { error: unknown }).error)}` : `IR threw ${describeError(a.error)}, generated accepted`;
}

// ---- Decode settings compared ---------------------------------------------------

const REJECT = { deprecatedInput: 'reject', unstableInput: 'reject' } as const;

interface Setting {
  readonly label: string;
  /** Which generated variant (`--int64`) it is compared with. */
  readonly int64: 'bigint' | 'number';
  readonly options: DecodeOptions;
  /** Root label of the path, if any (`arguments`...). */
  readonly root?: string;
}

/**
 * Every value is decoded in each of these. `wrapNegativeUint64` rides along
 * in one: both must honour it for uint64 and size alike.
 */
const SETTINGS: readonly Setting[] = [
  { label: 'strict', int64: 'bigint', options: {} },
  { label: 'lenient', int64: 'bigint', options: { lenient: true } },
  { label: 'strict, int64 number', int64: 'number', options: { int64: 'number' } },
  { label: 'lenient, int64 number', int64: 'number', options: { lenient: true, int64: 'number' } },
  { label: 'compat reject, labelled root', int64: 'bigint', options: { compat: REJECT, wrapNegativeUint64: true }, root: 'arguments' },
  { label: 'lenient, compat reject, int64 number, labelled root', int64: 'number', options: { lenient: true, compat: REJECT, int64: 'number' }, root: 'data' },
];

/** One thing decoded both ways: the IR decoder and the generated one of each int64 variant. */
interface Pair {
  readonly label: string;
  readonly ir: IrDecoder;
  readonly generated: Record<'bigint' | 'number', Decoder>;
}

/** Disagreements of `pair` on `input` over every setting. */
function compareAll(pair: Pair, input: unknown, what: string, settings: readonly Setting[] = SETTINGS): string[] {
  const problems: string[] = [];
  for (const s of settings) {
    const a = run(() => (s.root === undefined ? pair.ir(input, s.options) : pair.ir(input, s.options, Path.root(s.root))));
    const b = run(() => {
      const g = pair.generated[s.int64];
      return s.root === undefined ? g(input, s.options) : g(input, s.options, Path.root(s.root));
    });
    const d = disagreement(a, b);
    if (d) problems.push(`${pair.label} (${s.label}) on ${what} ${show(input)}: ${d}`);
  }
  return problems;
}


// ---- The schemas ------------------------------------------------------------------

/** What the fixture lacks: features (compat policy), 'gen': false, builtin/array/enum/alternate returns, alternates of every JSON type. */
const EXTRAS_SCHEMA = `
{ 'pragma': { 'command-returns-exceptions': [ 'ret-int', 'ret-list', 'ret-enum', 'ret-alt', 'ret-any' ] } }
{ 'enum': 'Mode', 'data': [ 'fast', { 'name': 'slow', 'features': [ 'deprecated' ] },
                            { 'name': 'constructor', 'features': [ 'unstable' ] }, 'to-string',
                            { 'name': 'both', 'features': [ 'deprecated', 'unstable', 'other' ] } ] }
{ 'struct': 'Info', 'data': { 'name': 'str', '*old': { 'type': 'str', 'features': [ 'deprecated' ] },
                              'req-old': { 'type': 'int', 'features': [ 'deprecated', 'unstable' ] },
                              '*x-new': { 'type': 'size', 'features': [ 'unstable', 'other' ] },
                              '*mode': 'Mode', '*qt': 'QType', '*any': 'any', '*modes': [ 'Mode' ],
                              '*toString': 'int8', '*valueOf': { 'type': 'uint8', 'features': [ 'deprecated' ] } } }
{ 'struct': 'Sub', 'base': 'Info', 'data': { 'extra': 'uint16', '*n': 'number', '*nul': 'null', '*b': 'bool' } }
{ 'enum': 'Kind', 'data': [ 'a', 'b', { 'name': 'c', 'features': [ 'deprecated' ] }, 'd' ] }
{ 'union': 'U', 'base': { 'kind': 'Kind', '*common': { 'type': 'int32', 'features': [ 'unstable' ] } },
  'discriminator': 'kind', 'data': { 'a': 'Info', 'b': 'Sub' } }
{ 'alternate': 'Alt', 'data': { 'i': 'int16', 'b': 'bool', 'n': 'null', 'l': [ 'Mode' ], 'o': 'Info' } }
{ 'alternate': 'Alt2', 'data': { 'e': 'Mode', 'f': 'number' } }
{ 'alternate': 'Alt3', 'data': { 's': 'str', 'u': 'U', 'w': 'uint64' } }
{ 'command': 'set-mode', 'data': { 'mode': 'Mode', '*legacy': { 'type': 'bool', 'features': [ 'deprecated' ] },
                                   '*alt': 'Alt', '*alt2': [ 'Alt2' ], '*alt3': 'Alt3' }, 'returns': 'Info' }
{ 'command': 'device-add', 'data': { 'driver': 'str', '*id': 'str' }, 'gen': false }
{ 'command': 'hand-written', 'gen': false }
{ 'command': 'ret-int', 'returns': 'int' }
{ 'command': 'ret-list', 'returns': [ 'uint64' ] }
{ 'command': 'ret-enum', 'returns': 'Mode' }
{ 'command': 'ret-alt', 'returns': 'Alt3' }
{ 'command': 'ret-any', 'data': { 'v': 'any' }, 'returns': 'any' }
{ 'command': 'boxed-u', 'data': 'U', 'boxed': true, 'returns': [ 'U' ] }
{ 'command': 'dep-cmd', 'data': { 'x': 'size', '*qts': [ 'QType' ] }, 'features': [ 'deprecated' ] }
{ 'event': 'EV_U', 'data': 'U', 'boxed': true }
{ 'event': 'EV', 'data': { 'qt': 'QType', '*u': 'U', '*modes': [ 'Mode' ] } }
{ 'event': 'EV_EMPTY' }
`;

interface SchemaCase {
  readonly name: string;
  readonly ir: () => IrSchema;
  readonly defines?: ConditionDefines;
  /** fast-check runs per target (command arguments, returns, event data) and per type. */
  readonly runs: number;
  readonly typeRuns: number;
  /** Mutations per value: at most this many at levels 0-1, and this many deeper. */
  readonly shallow: number;
  readonly deep: number;
  readonly maxDepth: number;
  /** Compare on the doc comments' QMP examples too. */
  readonly examples?: boolean;
}

function compileEntry(entry: string): IrSchema {
  const result = compile({ entry });
  if (!result.ir) throw new Error(`${entry}: ${result.diagnostics[0]?.message}`);
  return result.ir;
}

function compileInline(text: string): IrSchema {
  const result = compile({ entry: 'extras.json', readFile: () => text });
  if (!result.ir) throw new Error(`extras.json: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.ir;
}

const fixture = join(root, 'test/fixtures/marshal/qapi-schema.json');
const cases: SchemaCase[] = [
  { name: 'fixture', ir: () => compileEntry(fixture), runs: 20, typeRuns: 5, shallow: 40, deep: 6, maxDepth: 4 },
  { name: 'fixture-defines', ir: () => compileEntry(fixture), defines: new Set(['CONFIG_Y']), runs: 10, typeRuns: 3, shallow: 30, deep: 4, maxDepth: 4 },
  { name: 'extras', ir: () => compileInline(EXTRAS_SCHEMA), runs: 40, typeRuns: 10, shallow: 60, deep: 6, maxDepth: 4 },
  { name: 'example', ir: () => compileEntry(join(root, 'schema/qapi-schema.json')), runs: 8, typeRuns: 2, shallow: 20, deep: 3, maxDepth: 4, examples: true },
];
const qemuSchema = join(shared, 'corpus/qemu-10.2.0/qapi/qapi-schema.json');
const qemuTestSchema = join(shared, 'conformance/qemu-10.2-tests/qapi-schema-test.json');
if (existsSync(qemuSchema)) {
  cases.push({ name: 'qemu-10.2', ir: () => compileEntry(qemuSchema), runs: 2, typeRuns: 1, shallow: 8, deep: 2, maxDepth: 3, examples: true });
}
if (existsSync(qemuTestSchema)) {
  cases.push({ name: 'qemu-10.2-test', ir: () => compileEntry(qemuTestSchema), runs: 10, typeRuns: 3, shallow: 30, deep: 4, maxDepth: 4 });
}

/** Comparisons made, per schema, for the report (PRINT_PARITY=1). */
const figures: Record<string, Record<string, number>> = {};
function count(schema: string, what: string, n = 1): void {
  const f = (figures[schema] ??= {});
  f[what] = (f[what] ?? 0) + n;
}

afterAll(() => {
  if (process.env.PRINT_PARITY) console.log(JSON.stringify(figures, null, 2));
});

/** Whether the arbitraries can build values of `type`. */
function buildable(arbs: IrArbitraries, type: string): boolean {
  try {
    arbs.arbitrary(type);
    return true;
  } catch {
    return false;
  }
}

/** Command arguments and returns, event data: both sides' decoders. */
function targetPairs(ir: IrSchema, dec: IrDecoders, mods: Record<'bigint' | 'number', Generated>): { pair: Pair; type: string | undefined }[] {
  const out: { pair: Pair; type: string | undefined }[] = [];
  for (const d of ir.definitions) {
    if (d.kind === 'command') {
      const c = dec.command(d.name);
      if (!c) continue;
      const g = (k: 'bigint' | 'number') => mods[k].commandCodecs[d.name];
      out.push({ type: d.argType, pair: { label: `${d.name} arguments`, ir: c.decodeArguments, generated: { bigint: g('bigint').decodeArguments, number: g('number').decodeArguments } } });
      out.push({ type: d.retType, pair: { label: `${d.name} returns`, ir: c.decodeReturns, generated: { bigint: g('bigint').decodeReturns, number: g('number').decodeReturns } } });
    } else if (d.kind === 'event') {
      const e = dec.event(d.name);
      if (!e) continue;
      out.push({ type: d.argType, pair: { label: `${d.name} data`, ir: e.decodeData, generated: { bigint: mods.bigint.eventCodecs[d.name].decodeData, number: mods.number.eventCodecs[d.name].decodeData } } });
    }
  }
  return out;
}

/** Every named type the generated code exports a `decodeX` for, paired with the IR decoder of that type. */
function typePairs(ir: IrSchema, dec: IrDecoders, mods: Record<'bigint' | 'number', Generated>): { pair: Pair; type: string }[] {
  const names = new TsNames(ir);
  const out: { pair: Pair; type: string }[] = [];
  for (const d of ir.definitions) {
    if (d.kind !== 'struct' && d.kind !== 'union' && d.kind !== 'alternate' && d.kind !== 'enum') continue;
    const fn = `decode${names.of(d.name)}`;
    const b = mods.bigint[fn];
    const n = mods.number[fn];
    const own = dec.typeDecoder(d.name);
    if (typeof b !== 'function' || typeof n !== 'function' || !own) continue;
    out.push({ type: d.name, pair: { label: `type ${d.name}`, ir: own, generated: { bigint: b as Decoder, number: n as Decoder } } });
  }
  return out;
}

for (const c of cases) {
  describe(`${c.name}: the IR decoders agree with the generated ones`, () => {
    let ir: IrSchema;
    let dec: IrDecoders;
    let mods: Record<'bigint' | 'number', Generated>;
    let arbs: IrArbitraries;
    let numberArbs: IrArbitraries;

    beforeAll(async () => {
      ir = c.ir();
      dec = createIrDecoders(ir, c.defines ? { defines: c.defines } : {});
      mods = { bigint: await generated(c.name, ir, 'bigint', c.defines), number: await generated(c.name, ir, 'number', c.defines) };
      arbs = new IrArbitraries(ir, { maxDepth: c.maxDepth });
      numberArbs = new IrArbitraries(ir, { maxDepth: c.maxDepth, int64: 'number' });
    });

    test('the same commands and events', () => {
      const commands = ir.definitions.filter((d) => d.kind === 'command' && dec.command(d.name)).map((d) => d.name);
      const events = ir.definitions.filter((d) => d.kind === 'event' && dec.event(d.name)).map((d) => d.name);
      expect(commands).toEqual(Object.keys(mods.bigint.commandCodecs));
      expect(events).toEqual(Object.keys(mods.bigint.eventCodecs));
      expect(commands.length + events.length).toBeGreaterThan(c.name === 'qemu-10.2' ? 250 : 5);
    });

    /** Valid values (both int64 representations) and, from the bigint ones, sampled mutations. */
    function property(pair: Pair, type: string | undefined, runs: number): void {
      const valid = fc.oneof(arbs.arbitrary(type), numberArbs.arbitrary(type));
      fc.assert(
        fc.property(valid, fc.nat(), (value, seed) => {
          const wire = readJson(writeJson(value));
          const problems = compareAll(pair, wire, 'valid value');
          count(c.name, 'valid values', 1);
          for (const m of sampleMutations(mutations(arbs, type, wire), seed, c.shallow, c.deep)) {
            problems.push(...compareAll(pair, readJson(writeJson(m.apply(wire))), m.what));
            count(c.name, 'broken values', 1);
          }
          expect(problems).toEqual([]);
        }),
        fcParams(runs),
      );
    }

    test('command arguments and returns, event data: valid and broken values', () => {
      const targets = targetPairs(ir, dec, mods);
      for (const t of targets) property(t.pair, t.type, c.runs);
      count(c.name, 'targets', targets.length);
    });

    test('every generated decodeX: valid and broken values', () => {
      // Types no value can be built for (an empty enum, what needs one) are left to the odd values below.
      const types = typePairs(ir, dec, mods).filter((t) => buildable(arbs, t.type));
      for (const t of types) property(t.pair, t.type, c.typeRuns);
      count(c.name, 'types', types.length);
      expect(types.length).toBeGreaterThan(3);
    });

    test('values of no type in particular: every JSON type, at the top level', () => {
      // Strings named like Object.prototype members: lenient enums keep them and look their features up.
      const odd = ['x', 'toString', 'constructor', '__proto__', 1, -1, 1.5, 2n ** 64n, true, null, [], [1], {}, { zz: 1 },
        readJson('{"__proto__":{}}'), readJson('{"constructor":1}'), undefined];
      const problems: string[] = [];
      for (const { pair } of [...targetPairs(ir, dec, mods), ...typePairs(ir, dec, mods)]) {
        for (const v of odd) problems.push(...compareAll(pair, v, 'odd value'));
        count(c.name, 'odd values', odd.length);
      }
      expect(problems).toEqual([]);
    });

    if (c.examples) {
      test('every QMP example message in the doc comments: same verdict, same message', () => {
        const problems: string[] = [];
        let compared = 0;
        let rejected = 0;
        for (const doc of ir.docs) {
          for (const ex of qmpExamples(doc)) {
            let lastCommand: string | undefined;
            for (const m of ex.messages) {
              if (m.parseError !== undefined || m.value === undefined || typeof m.value !== 'object' || m.value === null || Array.isArray(m.value)) continue;
              const v = m.value as Record<string, unknown>;
              const where = `${doc.location.file.split('/').pop()}:${m.line} ${m.direction}`;
              let pair: Pair | undefined;
              let input: unknown;
              if (m.direction === '->') {
                const name = (v.execute ?? v['exec-oob']) as string;
                lastCommand = name;
                const known = dec.command(name) !== undefined;
                if (known !== Object.hasOwn(mods.bigint.commandCodecs, name)) problems.push(`${where}: command '${name}' known to one side only`);
                const ours = dec.command(name);
                if (!ours || !known) continue;
                pair = { label: `${where} ${name} arguments`, ir: ours.decodeArguments, generated: { bigint: mods.bigint.commandCodecs[name].decodeArguments, number: mods.number.commandCodecs[name].decodeArguments } };
                input = v.arguments ?? {};
              } else if ('return' in v) {
                const ours = lastCommand === undefined ? undefined : dec.command(lastCommand);
                if (!ours || !Object.hasOwn(mods.bigint.commandCodecs, lastCommand!)) continue;
                pair = { label: `${where} ${lastCommand} returns`, ir: ours.decodeReturns, generated: { bigint: mods.bigint.commandCodecs[lastCommand!].decodeReturns, number: mods.number.commandCodecs[lastCommand!].decodeReturns } };
                input = v.return;
              } else if ('event' in v) {
                const name = v.event as string;
                const ours = dec.event(name);
                if ((ours !== undefined) !== Object.hasOwn(mods.bigint.eventCodecs, name)) problems.push(`${where}: event '${name}' known to one side only`);
                if (!ours || !Object.hasOwn(mods.bigint.eventCodecs, name)) continue;
                pair = { label: `${where} ${name} data`, ir: ours.decodeData, generated: { bigint: mods.bigint.eventCodecs[name].decodeData, number: mods.number.eventCodecs[name].decodeData } };
                input = v.data ?? {};
              } else {
                continue;
              }
              problems.push(...compareAll(pair, input, 'example'));
              compared++;
              if (!run(() => pair!.ir(input)).ok) rejected++;
            }
          }
        }
        count(c.name, 'example messages', compared);
        count(c.name, 'example messages rejected (strict)', rejected);
        expect(problems).toEqual([]);
        expect(compared).toBeGreaterThan(c.name === 'example' ? 300 : 100);
      });
    }
  });
}

// ---- Explicit checks ----------------------------------------------------------------

describe('the IR decoder API', () => {
  const ir = compileInline(EXTRAS_SCHEMA);
  const dec = createIrDecoders(ir);

  test('throws the runtime DecodeError (the class generated code throws), with QEMU\'s message and the path', () => {
    let error: unknown;
    try {
      dec.commandArguments('set-mode', { mode: 'slow', alt3: { kind: 'b', name: 'n', 'req-old': 1, extra: 70000 } }, {}, Path.root('arguments'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).message).toBe("Parameter 'extra' expects uint16_t");
    expect((error as DecodeError).path).toBe('arguments.alt3.extra');
  });

  test('the int64 option picks the representation; the compat policy applies', () => {
    expect(dec.commandReturns('ret-int', 5)).toBe(5n);
    expect(dec.commandReturns('ret-int', 5, { int64: 'number' })).toBe(5);
    expect(() => dec.commandArguments('set-mode', { mode: 'slow' }, { compat: REJECT })).toThrow('Deprecated value slow disabled by policy');
    expect(() => dec.decodeType('Info', { name: '', 'req-old': 1 }, { compat: { unstableInput: 'reject' } })).toThrow('Unstable parameter req-old disabled by policy');
    // A lenient unknown value named like an Object.prototype member has no features.
    expect(dec.decodeType('Mode', 'toString', { lenient: true, compat: REJECT })).toBe('toString');
  });

  test('wrapNegativeUint64 wraps negative uint64 and size values (the parity test holds generated code to the same)', () => {
    const info = { name: '', 'req-old': 1, 'x-new': -1 };
    expect((dec.decodeType('Info', info, { wrapNegativeUint64: true }) as { 'x-new': bigint })['x-new']).toBe(18446744073709551615n);
    expect(() => dec.decodeType('Info', info)).toThrow("Parameter 'x-new' expects uint64");
    expect(dec.decodeType('size', -2, { wrapNegativeUint64: true }, Path.root(), 'x')).toBe(18446744073709551614n);
    // Wrapped values are above 2^53: int64 'number' cannot hold them.
    expect(() => dec.decodeType('size', -2, { wrapNegativeUint64: true, int64: 'number' }, Path.root(), 'x')).toThrow('cannot hold exactly');
  });

  test('builtins, arrays and commands without arguments; unknown names are plain errors', () => {
    expect(dec.decodeType('uint8List', [1, 2])).toEqual([1, 2]);
    expect(() => dec.decodeType('int8', 300, {}, Path.root(), 'x')).toThrow("Parameter 'x' expects int8_t");
    expect(dec.commandArguments('hand-written', {})).toEqual({});
    expect(() => dec.eventData('EV_EMPTY', { x: 1 })).toThrow("Parameter 'x' is unexpected");
    expect(() => dec.commandArguments('no-such-command', {})).toThrow("unknown command 'no-such-command'");
    expect(dec.command('no-such-command')).toBeUndefined();
    expect(() => dec.decodeType('NoSuchType', {})).toThrow("unknown type 'NoSuchType'");
  });

  test('is built once per IR, and fast', () => {
    expect(createIrDecoders(ir)).toBe(dec);
    if (!existsSync(qemuSchema)) return;
    const qemu = compileEntry(qemuSchema);
    // Fresh copies, as the decoders are cached per IR object.
    const copies = Array.from({ length: 7 }, () => JSON.parse(JSON.stringify(qemu)) as IrSchema);
    const times = copies.map((copy) => {
      const t0 = performance.now();
      createIrDecoders(copy);
      return performance.now() - t0;
    });
    const median = times.sort((a, b) => a - b)[3];
    if (process.env.PRINT_PARITY) console.log(`createIrDecoders(QEMU 10.2): median ${median.toFixed(2)} ms of ${times.map((t) => t.toFixed(2)).join(', ')}`);
    // A few ms on a 2-core machine; the bound leaves room for a loaded CI runner.
    expect(median).toBeLessThan(50);
  });
});

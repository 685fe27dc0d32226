/**
 * The importer on replies our own introspection emitter produces from small
 * schemas (and, when ../shared is present, from QEMU's): the round trip is
 * exact, masked or not, also when a configuration compiled things out (gaps
 * in the numbering, types nothing listed refers to, emptied feature lists);
 * readable names; unions, alternates, arrays and enums with features in the
 * IR; the reader's errors name JSON paths; QEMU's wire format.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { emitIntrospection, introspectionJson, type SchemaInfo } from '../../compiler/emitters/introspect.js';
import { qdictOrder, qobjectJson } from '../../compiler/emitters/qobject-json.js';
import { generateImported } from '../../compiler/import/generate-imported.js';
import { IMPORT_DEFINES, NOT_IN_REPLY, schemaInfoToIr } from '../../compiler/import/to-ir.js';
import { parseQmpSchemaText, QmpSchemaError, readSchemaInfo } from '../../compiler/import/schema-info-reader.js';
import { singular, synthesizeTypeNames } from '../../compiler/import/type-names.js';
import type { IrCondition, IrDefinition, IrSchema } from '../../compiler/ir/types.js';
import { canonical, cli, compileFiles, FIXTURE, shared, typeCheck, writeGenerated } from './helpers.js';

const MACROS = ['CONFIG_GREEN', 'CONFIG_LEGACY', 'CONFIG_FLAT', 'CONFIG_CIRCLE', 'CONFIG_LIST', 'CONFIG_X', 'CONFIG_SPICE', 'CONFIG_GONE'];

/** A reply as a QEMU built from `ir` with `defines` would send it (through JSON, like the wire). */
function replyOf(ir: IrSchema, defines: ReadonlySet<string> | 'all', unmask = false): SchemaInfo[] {
  return JSON.parse(JSON.stringify(emitIntrospection(ir, { defines, unmask }))) as SchemaInfo[];
}

/** Imports a reply and emits it again; expects the very same list, order included. */
function expectRoundTrip(reply: SchemaInfo[]) {
  const result = schemaInfoToIr(reply);
  expect(result.warnings).toEqual([]);
  expect(result.reproducible).toBe(true);
  const again = emitIntrospection(result.ir, { unmask: !result.masked, defines: IMPORT_DEFINES });
  expect(canonical(again)).toBe(canonical(reply));
  // Byte for byte in both formats, whatever the key order the reply came in.
  expect(introspectionJson(again)).toBe(introspectionJson(emitIntrospection(result.ir, { unmask: !result.masked, defines: new Set() })));
  expect(qobjectJson(again)).toBe(qobjectJson(reply));
  return result;
}

describe('round trip: import, then introspect again', () => {
  const ir = compileFiles({ 'fixture.json': FIXTURE });

  test('everything kept (every condition true)', () => {
    expectRoundTrip(replyOf(ir, 'all'));
  });

  test('nothing defined: gaps in the numbering and types nothing listed uses', () => {
    const reply = replyOf(ir, new Set());
    const names = reply.map((e) => e.name);
    // The conditional command's implicit argument type took a number and is gone...
    const numbers = names.filter((n) => /^\d+$/.test(n)).map(Number);
    expect(Math.max(...numbers) + 1).toBeGreaterThan(numbers.length);
    // ...and SpiceMode, only it used, is still listed, referred to by nothing.
    expect(reply.some((e) => e['meta-type'] === 'enum' && e.values.join() === 'on,off')).toBe(true);
    const result = expectRoundTrip(reply);
    const absent = result.ir.definitions.filter((d) => d.if !== undefined);
    expect(absent.length).toBeGreaterThan(0);
    expect(absent.every((d) => d.if === NOT_IN_REPLY)).toBe(true);
  });

  test('a feature list emptied by conditions stays an empty list', () => {
    const reply = replyOf(ir, new Set(['CONFIG_GREEN']));
    expect(reply.find((e) => e.name === 'ping')).toMatchObject({ features: [] });
    expectRoundTrip(reply);
  });

  test.each([
    [['CONFIG_SPICE']], [['CONFIG_GONE']], [['CONFIG_LIST', 'CONFIG_CIRCLE']], [['CONFIG_LEGACY', 'CONFIG_FLAT']],
    [MACROS], [MACROS.filter((_, i) => i % 2)], [MACROS.filter((_, i) => !(i % 3))],
  ])('defined: %j', (defined) => {
    expectRoundTrip(replyOf(ir, new Set(defined)));
  });

  test('unmasked replies keep their names', () => {
    const reply = replyOf(ir, new Set(['CONFIG_GREEN']), true);
    const result = expectRoundTrip(reply);
    expect(result.masked).toBe(false);
    expect(result.ir.definitions.map((d) => d.name)).toEqual(expect.arrayContaining(['Point', 'Shape', 'q_obj_draw-arg', 'q_empty']));
  });

  test('every subset of a few macros', () => {
    const few = ['CONFIG_SPICE', 'CONFIG_GONE', 'CONFIG_LIST', 'CONFIG_LEGACY', 'CONFIG_CIRCLE'];
    for (let mask = 0; mask < 1 << few.length; mask++) {
      const defined = new Set(few.filter((_, i) => mask & (1 << i)));
      const reply = replyOf(ir, defined);
      const result = schemaInfoToIr(reply);
      expect([mask, result.reproducible, result.warnings]).toEqual([mask, true, []]);
      expect(canonical(emitIntrospection(result.ir, { defines: IMPORT_DEFINES }))).toBe(canonical(reply));
    }
  });

  test('a reply no QEMU could send is imported, with a warning', () => {
    const reply = replyOf(ir, 'all');
    // Swap two type entries: the queue order no longer follows the uses.
    const i = reply.findIndex((e) => e['meta-type'] === 'enum');
    const j = reply.findIndex((e, k) => k > i && e['meta-type'] === 'object');
    [reply[i], reply[j]] = [reply[j], reply[i]];
    const result = schemaInfoToIr(reply);
    expect(result.reproducible).toBe(false);
    expect(result.warnings.join()).toMatch(/does not reproduce the reply exactly \(first difference at \$\[\d+\]/);
  });
});

const corpus10 = join(shared, 'corpus/qemu-10.2.0');
const corpus72 = join(shared, 'corpus/qemu-7.2.0');

/** Condition macros a schema uses. */
function macros(ir: IrSchema): string[] {
  const out = new Set<string>();
  const walk = (c: IrCondition | undefined) => {
    if (c === undefined) return;
    if (typeof c === 'string') out.add(c);
    else if ('not' in c) walk(c.not);
    else for (const x of 'all' in c ? c.all : c.any) walk(x);
  };
  const feats = (fs: readonly { if?: IrCondition }[]) => fs.forEach((f) => walk(f.if));
  for (const d of ir.definitions as IrDefinition[]) {
    walk(d.if);
    feats(d.features);
    if (d.kind === 'struct' || d.kind === 'union') d.members.forEach((m) => { walk(m.if); feats(m.features); });
    if (d.kind === 'union' || d.kind === 'alternate') d.branches.forEach((b) => walk(b.if));
    if (d.kind === 'enum') d.values.forEach((v) => { walk(v.if); feats(v.features); });
  }
  return [...out].sort();
}

describe('round trip of QEMU schemas under several configurations', () => {
  const cases: [string, string][] = [
    [corpus10, 'qapi/qapi-schema.json'],
    [corpus10, 'qga/qapi-schema.json'],
    [corpus10, 'storage-daemon/qapi/qapi-schema.json'],
    [corpus72, 'qapi/qapi-schema.json'],
  ];
  for (const [dir, entry] of cases) {
    const file = join(dir, entry);
    (existsSync(file) ? test : test.skip)(`${dir.split('/').pop()} ${entry}`, () => {
      const result = compile({ entry: file });
      if (!result.ir) {
        // An older release this frontend does not take (yet): nothing to check here.
        expect(dir).toBe(corpus72);
        return;
      }
      const ir = result.ir;
      const all = macros(ir);
      // Deterministic pseudo-random subsets, plus none and all.
      let seed = 12345;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const sets: (ReadonlySet<string> | 'all')[] = ['all', new Set(), new Set(all)];
      for (let i = 0; i < 4; i++) sets.push(new Set(all.filter(() => rnd() < 0.5)));
      for (const defines of sets) {
        const reply = replyOf(ir, defines);
        const imported = schemaInfoToIr(reply);
        expect(imported.warnings).toEqual([]);
        expect(qobjectJson(emitIntrospection(imported.ir, { defines: IMPORT_DEFINES }))).toBe(qobjectJson(reply));
      }
    });
  }
});

describe('readable names', () => {
  const ir = compileFiles({ 'fixture.json': FIXTURE });
  const reply = replyOf(ir, 'all');
  const imported = schemaInfoToIr(reply, { source: 'fixture-binary' });
  const byName = new Map(imported.ir.definitions.map((d) => [d.name, d]));
  const def = (name: string) => {
    const d = byName.get(name);
    if (!d) throw new Error(`no definition ${name}; have ${[...byName.keys()].join(', ')}`);
    return d;
  };
  const command = (name: string) => def(name) as Extract<IrDefinition, { kind: 'command' }>;

  test('from the return types of query-* commands', () => {
    expect(command('query-status').retType).toBe('StatusInfo');
    expect(command('query-widgets').retType).toBe('WidgetInfoList');
    expect(def('WidgetInfo')).toMatchObject({ kind: 'struct', features: [{ name: 'widget-v2' }] });
  });

  test('other commands: XResult / XResultItem', () => {
    expect(command('draw').retType).toBe('DrawResultItemList');
    expect(command('use-shared').retType).toBe('UseSharedResult');
  });

  test('arguments and event data used once are QEMU\'s implicit types', () => {
    expect(command('draw').argType).toBe('q_obj_draw-arg');
    expect(def('q_obj_draw-arg')).toMatchObject({ kind: 'struct', implicit: true });
    expect(def('DRAWN')).toMatchObject({ kind: 'event', argType: 'q_obj_DRAWN-arg', features: [{ name: 'deprecated' }] });
  });

  test('shared arguments get a name of their own', () => {
    expect(command('use-shared').argType).toBe('UseSharedArguments');
    expect(command('use-shared-too').argType).toBe('UseSharedArguments');
    expect(def('SHARED')).toMatchObject({ argType: 'UseSharedArguments' });
  });

  test('no arguments, no return: q_empty, so no argType / retType', () => {
    for (const c of ['query-status', 'nop', 'ping']) expect(command(c).argType).toBeUndefined();
    expect(command('nop').retType).toBeUndefined();
    expect(def('BEEP')).not.toHaveProperty('argType');
    expect(def('q_empty')).toMatchObject({ kind: 'struct', module: './builtin', members: [] });
  });

  test('members: owner + member; lists: the singular', () => {
    expect(def('StatusInfo')).toMatchObject({ members: [{ name: 'running', type: 'bool' }, { name: 'status', type: 'StatusInfoStatus' }] });
    expect(def('StatusInfoStatus')).toMatchObject({
      kind: 'enum',
      values: [{ name: 'running' }, { name: 'paused' }, { name: 'old', features: [{ name: 'deprecated' }] }],
    });
    // Point is first used as what draw returns, so its color is DrawResultItem's.
    expect(def('WidgetInfo')).toMatchObject({ members: [{ name: 'name' }, { name: 'flags', type: 'DrawResultItemColorList', optional: true }] });
    // An implicit owner lends its command's name: draw's `shape`.
    expect(def('DrawShape')).toMatchObject({ kind: 'union', tag: 'kind' });
    expect(def('SpiceOnlyMode')).toMatchObject({ kind: 'enum', values: [{ name: 'on' }, { name: 'off' }] });
  });

  test('unions: an implicit base, variants named after their case, q_empty branches', () => {
    const shape = def('DrawShape') as Extract<IrDefinition, { kind: 'union' }>;
    expect(shape.base).toBe('q_obj_DrawShape-base');
    expect(def(shape.base)).toMatchObject({ kind: 'struct', implicit: true, members: [{ name: 'kind' }, { name: 'id', type: 'str' }] });
    expect(shape.branches).toEqual([
      { name: 'red', type: 'DrawResultItem' },
      { name: 'blue', type: 'DrawShapeBlue' },
      { name: 'green', type: 'q_empty', implicit: true },
    ]);
    expect(def(shape.base)).toMatchObject({ members: [{ name: 'kind', type: 'DrawResultItemColor' }, { name: 'id' }] });
    expect(def('DrawResultItemColor')).toMatchObject({
      kind: 'enum', values: [{ name: 'red' }, { name: 'green' }, { name: 'blue', features: [{ name: 'unstable' }] }],
    });
  });

  test('alternates: branches named by JSON kind', () => {
    const at = (def('q_obj_draw-arg') as Extract<IrDefinition, { kind: 'struct' }>).members.find((m) => m.name === 'at')!;
    expect(at).toMatchObject({ type: 'DrawAt', optional: true });
    expect(def('DrawAt')).toMatchObject({
      kind: 'alternate',
      branches: [{ name: 'object', type: 'DrawResultItem' }, { name: 'str', type: 'str' }, { name: 'array', type: 'DrawAtItemList' }],
    });
  });

  test('integers are int; arrays are ElementList; builtins in ./builtin', () => {
    const point = def('DrawResultItem') as Extract<IrDefinition, { kind: 'struct' }>;
    expect(point.members.map((m) => [m.name, m.type])).toEqual([
      ['x', 'int'], ['y', 'int'], ['tags', 'strList'], ['sizes', 'intList'], ['color', 'DrawResultItemColor'],
      ['legacy', 'DrawResultItemLegacy'], ['z', 'int'],
    ]);
    expect(point.members.find((m) => m.name === 'z')!.features).toEqual([{ name: 'deprecated' }]);
    expect(def('intList')).toMatchObject({ kind: 'array', elementType: 'int', module: './builtin' });
    expect(imported.ir.modules.map((m) => m.name)).toEqual(['./builtin', 'qemu.json']);
    expect(imported.ir.mainFile).toBe('fixture-binary');
    expect(imported.ir.docs).toEqual([]);
  });

  test('commands keep allow-oob and features', () => {
    expect(command('ping')).toMatchObject({ allowOob: true, features: [{ name: 'unstable' }] });
    expect(command('draw')).toMatchObject({ allowOob: false, features: [{ name: 'unstable' }] });
  });

  test('deterministic and collision-free', () => {
    const again = schemaInfoToIr(replyOf(ir, 'all'), { source: 'fixture-binary' });
    expect(JSON.stringify(again.ir)).toBe(JSON.stringify(imported.ir));
    const names = imported.ir.definitions.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('a taken name gets a number', () => {
    const naming = synthesizeTypeNames([
      { 'arg-type': '0', 'ret-type': '1', name: 'query-foo', 'meta-type': 'command' },
      { 'arg-type': '0', 'ret-type': '2', name: 'query-foo-info', 'meta-type': 'command' },
      { 'arg-type': '0', 'ret-type': '3', name: 'x', 'meta-type': 'command' },
      { members: [], name: '0', 'meta-type': 'object' },
      { members: [{ name: 'a', type: 'int' }], name: '1', 'meta-type': 'object' },
      { members: [{ name: 'b', type: 'int' }], name: '2', 'meta-type': 'object' },
      { members: [{ name: 'ram-list', type: '4' }], name: '3', 'meta-type': 'object' },
      { members: [], values: [], name: '4', 'meta-type': 'enum' },
      { 'json-type': 'int', name: 'int', 'meta-type': 'builtin' },
    ]);
    expect([...naming.names]).toEqual([
      ['int', 'int'], ['0', 'q_empty'], ['1', 'FooInfo'], ['2', 'FooInfo2'], ['3', 'XResult'], ['4', 'XResultRamListType'],
    ]);
  });

  test.each([
    ['commands', 'command'], ['block-jobs', 'block-job'], ['capabilities', 'capability'], ['status', 'status'],
    ['addresses', 'address'], ['cpus-fast', 'cpus-fast'], ['patches', 'patch'], ['x', 'x'],
  ])('singular(%s) = %s', (word, want) => {
    expect(singular(word)).toBe(want);
  });
});

describe('generating from an imported reply', () => {
  test('all targets: readable names, nothing compiled out leaks, compiles under tsc --strict', async () => {
    const ir = compileFiles({ 'fixture.json': FIXTURE });
    const imported = schemaInfoToIr(replyOf(ir, new Set(['CONFIG_GREEN'])), { source: 'fixture-binary' });
    const files = generateImported(imported.ir);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['client.ts', 'dispatch.ts', 'index.ts', 'introspection.ts', 'json-schema.json', 'qemu.ts']));
    for (const f of files) expect(f.content).not.toMatch(/QAPI_TS_NOT_IN_REPLY|q_absent|Q_ABSENT|q-absent|QAbsent/);
    const qemu = files.find((f) => f.path === 'qemu.ts')!.content;
    expect(qemu).toContain('// Source: fixture-binary (QAPI module qemu.json)');
    expect(qemu).toContain('export interface StatusInfo {');
    expect(qemu).toContain("export type StatusInfoStatus = 'running' | 'paused' | 'old';");
    expect(qemu).toContain('export interface DrawArguments {');
    expect(qemu).toContain('export interface DrawnData {');
    const index = files.find((f) => f.path === 'index.ts')!.content;
    expect(index).toContain("'query-status': { arguments: Record<string, never>; returns: StatusInfo };");
    // The introspection target is the reply again.
    const introspection = files.find((f) => f.path === 'introspection.ts')!.content;
    expect(introspection).toContain(introspectionJson(replyOf(ir, new Set(['CONFIG_GREEN']))).trimEnd());

    const dir = writeGenerated('import-fixture', files);
    expect(typeCheck(dir)).toEqual([]);
    type Codec = (v: unknown, o?: { lenient?: boolean }) => unknown;
    const mod = (await import(join(dir, 'index.ts'))) as { commandCodecs: Record<string, { decodeReturns: Codec; decodeArguments: Codec }> };
    expect(mod.commandCodecs['query-status'].decodeReturns({ running: true, status: 'paused' })).toEqual({ running: true, status: 'paused' });
    expect(() => mod.commandCodecs['query-status'].decodeReturns({ running: true, status: 'weird' })).toThrow(/status/);
    expect(() => mod.commandCodecs['query-status'].decodeReturns({ running: true, status: 'paused', extra: 1 })).toThrow(/extra/);
    expect(mod.commandCodecs.draw.decodeArguments({ shape: { kind: 'red', id: 'a', x: 1, y: 2, color: 'green' }, at: 'here' }))
      .toMatchObject({ at: 'here', shape: { kind: 'red', x: 1n } });
  });
});

describe('reading replies', () => {
  const ok: SchemaInfo[] = [
    { 'arg-type': '0', 'ret-type': '0', name: 'nop', 'meta-type': 'command' },
    { members: [], name: '0', 'meta-type': 'object' },
  ];

  test('a bare list, a QMP response, a transcript', () => {
    const bare = JSON.stringify(ok);
    expect(parseQmpSchemaText(bare, 'r.json').entries).toEqual(ok);
    expect(parseQmpSchemaText(`{"return": ${bare}}\r\n`, 'r.json').entries).toEqual(ok);
    const transcript = ['{"QMP": {"version": {}, "capabilities": []}}', '{"return": {}}', `{"return": ${bare}}`, '{"return": {}}']
      .join('\r\n');
    expect(parseQmpSchemaText(transcript, 'r.json').entries).toEqual(ok);
  });

  test.each([
    ['{"a": 1}', "r.json: $: expected the SchemaInfo list (an array), the value of query-qmp-schema"],
    ['[1]', 'r.json: $[0]: expected an object, got number 1'],
    ['[{"meta-type": "enum"}]', "r.json: $[0]: missing 'name'"],
    ['[{"name": "x", "meta-type": "thing"}]', "r.json: $[0].meta-type: unknown meta-type 'thing'"],
    ['{"return": [{"name": "c", "meta-type": "command", "arg-type": "0", "ret-type": "0"}]}',
      "r.json: $.return[0].arg-type: type '0' is not listed in the reply"],
    ['[{"name": "0", "meta-type": "object", "members": [{"name": "a"}]}]', "r.json: $[0].members[0]: missing 'type'"],
    ['[{"name": "0", "meta-type": "object", "members": [], "tag": "k", "variants": []}]', "r.json: $[0].tag: tag 'k' is not a member"],
    ['[{"name": "0", "meta-type": "enum", "members": [{"name": "a"}], "values": ["b"]}]',
      "r.json: $[0].values: 'values' does not list the names of 'members' in order"],
    ['[{"name": "x", "meta-type": "builtin", "json-type": "string"}]', "r.json: $[0].name: unknown built-in type 'x'"],
    ['[{"name": "0", "meta-type": "array", "element-type": "int"}]', "r.json: $[0].name: an array of 'int' must be named '[int]'"],
    ['[{"name": "0", "meta-type": "object", "members": []}, {"name": "0", "meta-type": "object", "members": []}]',
      "r.json: $[1].name: '0' is listed twice (first at $[0])"],
    ['{"error": {"class": "GenericError", "desc": "nope"}}', 'r.json: $.error: QEMU answered with an error: nope'],
    ['[\n{1}]', "r.json: not valid JSON (line 2, column 2: Expected property name or '}')"],
  ])('%s', (text, message) => {
    expect(() => parseQmpSchemaText(text, 'r.json')).toThrow(QmpSchemaError);
    expect(() => parseQmpSchemaText(text, 'r.json')).toThrow(message);
  });

  test('unknown keys are warnings', () => {
    const r = readSchemaInfo([{ ...ok[0], 'x-new': 1 }, ok[1]], 'r.json');
    expect(r.warnings).toEqual(["r.json: $[0]: unknown key 'x-new' ignored"]);
    expect(r.entries).toEqual(ok);
  });
});

describe("QEMU's wire format", () => {
  test('keys in QDict order (as QEMU 7.2 sent them)', () => {
    expect(qdictOrder(['arg-type', 'meta-type', 'name', 'ret-type'])).toEqual(['name', 'ret-type', 'meta-type', 'arg-type']);
    expect(qdictOrder(['members', 'meta-type', 'name', 'tag', 'variants'])).toEqual(['name', 'tag', 'variants', 'members', 'meta-type']);
    expect(qobjectJson({ 'meta-type': 'enum', name: '704', members: [{ name: 'auto' }], values: ['auto'] }))
      .toBe('{"name": "704", "members": [{"name": "auto"}], "meta-type": "enum", "values": ["auto"]}');
  });

  test('escapes as qobject_to_json does', () => {
    expect(qobjectJson(['a"b\\c\n\t\u0001é\u{1F600}\u007f', null, true, [], {}])).toBe(
      '["a\\"b\\\\c\\n\\t\\u0001\\u00E9\\uD83D\\uDE00\\u007F", null, true, [], {}]');
  });
});

describe('qapi-ts generate / introspect --from-qmp-schema', () => {
  let dir = '';
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qapi-ts-from-'));
    writeFileSync(join(dir, 'fixture.json'), FIXTURE);
    const r = run('introspect', 'fixture.json', '--define', 'CONFIG_GREEN');
    expect(r.status).toBe(0);
    writeFileSync(join(dir, 'reply.json'), r.stdout);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('introspect gives the reply back, in either format', () => {
    const again = run('introspect', '--from-qmp-schema', 'reply.json');
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(readFileSync(join(dir, 'reply.json'), 'utf8'));
    const wire = run('introspect', '--from-qmp-schema', 'reply.json', '--format', 'qmp');
    expect(wire.stdout).toBe(`${qobjectJson(JSON.parse(again.stdout))}\n`);
    // A wire-format reply (a QMP response line) reads back too.
    writeFileSync(join(dir, 'reply.qmp'), `{"return": ${wire.stdout.trimEnd()}}\r\n`);
    expect(run('introspect', '--from-qmp-schema', 'reply.qmp').stdout).toBe(again.stdout);
    const named = JSON.parse(run('introspect', '--from-qmp-schema', 'reply.json', '--unmask').stdout) as SchemaInfo[];
    expect(named.map((e) => e.name)).toEqual(expect.arrayContaining(['StatusInfo', 'q_obj_draw-arg', 'DrawResultItem', 'q_empty']));
  });

  test('generate writes every target; --check is clean afterwards', () => {
    const r = run('generate', '--from-qmp-schema', 'reply.json', '-o', 'out');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(expect.arrayContaining(['qemu.ts', 'index.ts', 'client.ts', 'introspection.ts']));
    expect(readFileSync(join(dir, 'out/qemu.ts'), 'utf8')).toContain('// Source: reply.json (QAPI module qemu.json)');
    expect(run('generate', '--from-qmp-schema', 'reply.json', '-o', 'out', '--check').status).toBe(0);
  });

  test.each([
    [['introspect'], 2, 'qapi-ts introspect: give either a schema file or --from-qmp-schema / --from-qemu\n'],
    [['introspect', 'fixture.json', '--from-qmp-schema', 'reply.json'], 2, 'qapi-ts introspect: give either a schema file or --from-qmp-schema / --from-qemu\n'],
    [['introspect', 'fixture.json', '--format', 'xml'], 2, "qapi-ts introspect: unknown format 'xml' (expected json or qmp)\n"],
    [['introspect', '--from-qmp-schema', 'reply.json', '--from-qemu', 'qemu'], 2, 'qapi-ts introspect: --from-qmp-schema and --from-qemu exclude each other\n'],
    [['generate', 'fixture.json', '--from-qmp-schema', 'reply.json', '-o', 'x'], 2, 'qapi-ts generate: give either a schema file or --from-qmp-schema / --from-qemu\n'],
    [['generate', '--from-qmp-schema', 'missing.json', '-o', 'x'], 1, 'qapi-ts generate: error: missing.json: no such file\n'],
    [['generate', '--from-qmp-schema', 'fixture.json', '-o', 'x'], 1, /^qapi-ts generate: error: fixture.json: not valid JSON \(line 2, column 3: /],
    [['introspect', '--from-qmp-schema', '.'], 1, 'qapi-ts introspect: error: .: is a directory, not a query-qmp-schema reply\n'],
  ] as const)('%j', (args, status, stderr) => {
    const r = run(...args);
    expect(r.status).toBe(status);
    if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
    else expect(r.stderr).toMatch(stderr);
    expect(r.stdout).toBe('');
  });

  test('--help shows the new options with examples', () => {
    expect(run('generate', '--help').stdout).toContain('$ qapi-ts generate --from-qemu /usr/bin/qemu-system-x86_64 -o src/qmp');
    expect(run('introspect', '--help').stdout).toContain('$ qapi-ts introspect --from-qmp-schema qemu-7.2.json --format qmp');
  });
});

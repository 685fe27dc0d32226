/**
 * The introspection emitter: QEMU 10.2's own schemas against the reference
 * output (skipped when ../shared is absent), plus small hand-written schemas
 * pinning down each rule (queue and masking order, integer collapsing,
 * conditions, unmasking), and the condition helpers.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emitIntrospection, introspectionJson, type IntrospectionOptions } from '../compiler/emitters/introspect.js';
import { describeCondition, evaluateCondition } from '../compiler/ir/evaluate-condition.js';
import type { IrSchema } from '../compiler/ir/types.js';
import { compileFiles } from './support/in-memory-schema.js';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '../shared');
const cli = join(root, 'bin/qapi-ts.cjs');
const corpus = join(shared, 'corpus/qemu-10.2.0');
const expected = join(shared, 'corpus-expected/qemu-10.2.0');
const schemas: [string, string][] = [
  ['qapi', 'qapi/qapi-schema.json'],
  ['qga', 'qga/qapi-schema.json'],
  ['storage-daemon', 'storage-daemon/qapi/qapi-schema.json'],
];

describe('QEMU 10.2 schemas introspect exactly as QEMU does (every condition true)', () => {
  for (const [name, entry] of schemas) {
    const file = join(expected, `${name}.introspect-all-true.json`);
    (existsSync(corpus) && existsSync(file) ? test : test.skip)(name, () => {
      const r = spawnSync(process.execPath, [cli, 'introspect', entry], {
        cwd: corpus, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const want = readFileSync(file, 'utf8');
      // Deep equality including key order...
      expect(JSON.stringify(JSON.parse(r.stdout)) === JSON.stringify(JSON.parse(want))).toBe(true);
      // ...and the reference's exact formatting.
      expect(r.stdout === want).toBe(true);
    });
  }

});


const introspect = (ir: IrSchema, options: IntrospectionOptions = {}) =>
  JSON.parse(JSON.stringify(emitIntrospection(ir, options))) as Record<string, unknown>[];

/** Compares values including key order, and shows a readable diff on failure. */
function expectExactly(actual: unknown, want: unknown): void {
  expect(actual).toEqual(want);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(want));
}

const drawing = `
{ 'enum': 'Color',
  'data': [ 'red', { 'name': 'green', 'if': 'CONFIG_GREEN' },
            { 'name': 'blue', 'features': [ 'unstable' ] } ] }
{ 'struct': 'Unused', 'data': { 'x': 'int' } }
{ 'struct': 'Point',
  'data': { 'x': 'int8', 'y': 'uint64', '*tags': [ 'str' ], '*sizes': [ 'size' ],
            'color': 'Color',
            '*z': { 'type': 'int16', 'if': { 'not': 'CONFIG_FLAT' },
                    'features': [ 'deprecated' ] } } }
{ 'struct': 'Base', 'data': { 'kind': 'Color', 'id': 'str' } }
{ 'union': 'Shape', 'base': 'Base', 'discriminator': 'kind',
  'data': { 'red': 'Point' } }
{ 'alternate': 'PointOrName', 'data': { 'p': 'Point', 'n': 'str' } }
{ 'command': 'draw', 'data': { 'shape': 'Shape', '*at': 'PointOrName' },
  'returns': [ 'Point' ] }
{ 'command': 'ping', 'allow-oob': true,
  'features': [ { 'name': 'unstable', 'if': 'CONFIG_X' } ] }
{ 'event': 'DRAWN', 'data': { 'count': 'uint32' }, 'features': [ 'deprecated' ] }
{ 'command': 'spice-only', 'if': 'CONFIG_SPICE', 'data': { 'on': 'bool' } }
`;

// Worked out by hand from QEMU's algorithm: commands and events first, each
// type queued and numbered on first use (an array before its element).
const drawingAllTrue = [
  { 'arg-type': '0', 'ret-type': '[1]', name: 'draw', 'meta-type': 'command' },
  { 'arg-type': '2', 'ret-type': '2', 'allow-oob': true, name: 'ping', 'meta-type': 'command', features: ['unstable'] },
  { 'arg-type': '3', name: 'DRAWN', 'meta-type': 'event', features: ['deprecated'] },
  { 'arg-type': '4', 'ret-type': '2', name: 'spice-only', 'meta-type': 'command' },
  { members: [{ name: 'shape', type: '5' }, { name: 'at', type: '6', default: null }], name: '0', 'meta-type': 'object' },
  { 'element-type': '1', name: '[1]', 'meta-type': 'array' },
  {
    members: [
      { name: 'x', type: 'int' },
      { name: 'y', type: 'int' },
      { name: 'tags', type: '[str]', default: null },
      { name: 'sizes', type: '[int]', default: null },
      { name: 'color', type: '7' },
      { name: 'z', type: 'int', default: null, features: ['deprecated'] },
    ],
    name: '1',
    'meta-type': 'object',
  },
  { members: [], name: '2', 'meta-type': 'object' },
  { members: [{ name: 'count', type: 'int' }], name: '3', 'meta-type': 'object' },
  { members: [{ name: 'on', type: 'bool' }], name: '4', 'meta-type': 'object' },
  {
    members: [{ name: 'kind', type: '7' }, { name: 'id', type: 'str' }],
    tag: 'kind',
    variants: [{ case: 'red', type: '1' }, { case: 'green', type: '2' }, { case: 'blue', type: '2' }],
    name: '5',
    'meta-type': 'object',
  },
  { members: [{ type: '1' }, { type: 'str' }], name: '6', 'meta-type': 'alternate' },
  { 'json-type': 'int', name: 'int', 'meta-type': 'builtin' },
  { 'element-type': 'str', name: '[str]', 'meta-type': 'array' },
  { 'json-type': 'string', name: 'str', 'meta-type': 'builtin' },
  { 'element-type': 'int', name: '[int]', 'meta-type': 'array' },
  {
    members: [{ name: 'red' }, { name: 'green' }, { name: 'blue', features: ['unstable'] }],
    values: ['red', 'green', 'blue'],
    name: '7',
    'meta-type': 'enum',
  },
  { 'json-type': 'boolean', name: 'bool', 'meta-type': 'builtin' },
];

describe('introspection of a hand-written schema', () => {
  let ir: IrSchema;
  beforeAll(() => {
    ir = compileFiles({ 'drawing.json': drawing });
  });

  test('commands and events first, then used types in first-use order, masked in that order', () => {
    expectExactly(introspect(ir), drawingAllTrue);
  });

  test("'all' is the default and keeps everything", () => {
    expectExactly(introspect(ir, { defines: 'all' }), drawingAllTrue);
  });

  test('an unused type is omitted', () => {
    expect(introspect(ir, { unmask: true }).map((e) => e.name)).not.toContain('Unused');
  });

  test('integer builtins collapse to int and integer arrays to [int], each listed once', () => {
    const names = introspect(ir).map((e) => e.name);
    expect(names.filter((n) => n === 'int')).toHaveLength(1);
    expect(names.filter((n) => n === '[int]')).toHaveLength(1);
    for (const n of ['int8', 'int16', 'uint32', 'uint64', 'size', '[size]', '[uint64]']) expect(names).not.toContain(n);
  });

  test('unmask keeps real names, arrays as [Element]', () => {
    const list = introspect(ir, { unmask: true });
    expect(list.map((e) => e.name)).toEqual([
      'draw', 'ping', 'DRAWN', 'spice-only', 'q_obj_draw-arg', '[Point]', 'Point', 'q_empty',
      'q_obj_DRAWN-arg', 'q_obj_spice-only-arg', 'Shape', 'PointOrName', 'int', '[str]', 'str',
      '[int]', 'Color', 'bool',
    ]);
    expectExactly(list[0], { 'arg-type': 'q_obj_draw-arg', 'ret-type': '[Point]', name: 'draw', 'meta-type': 'command' });
    expect(list[10]).toMatchObject({
      members: [{ name: 'kind', type: 'Color' }, { name: 'id', type: 'str' }],
      variants: [{ case: 'red', type: 'Point' }, { case: 'green', type: 'q_empty' }, { case: 'blue', type: 'q_empty' }],
    });
  });

  test('with defines, false entries and list items are dropped and nothing is renumbered', () => {
    const list = introspect(ir, { defines: new Set(['CONFIG_FLAT']) });
    const byName = new Map(list.map((e) => [e.name, e]));
    // The conditional command and its implicit argument type are gone...
    expect(byName.has('spice-only')).toBe(false);
    expect(byName.has('4')).toBe(false);
    // ...but, as in QEMU, a type only it used stays: the queue is built once for every configuration.
    expect(byName.has('bool')).toBe(true);
    // A conditional enum value goes from members, values and the union's implicit branch.
    expectExactly(byName.get('7'), {
      members: [{ name: 'red' }, { name: 'blue', features: ['unstable'] }],
      values: ['red', 'blue'],
      name: '7',
      'meta-type': 'enum',
    });
    expect(byName.get('5')!.variants).toEqual([{ case: 'red', type: '1' }, { case: 'blue', type: '2' }]);
    // A member under { 'not': 'CONFIG_FLAT' } goes when CONFIG_FLAT is defined.
    expect((byName.get('1')!.members as { name: string }[]).map((m) => m.name))
      .toEqual(['x', 'y', 'tags', 'sizes', 'color']);
    // A feature whose condition is false is dropped; QEMU keeps the (now empty) list.
    expectExactly(byName.get('ping'), {
      'arg-type': '2', 'ret-type': '2', 'allow-oob': true, name: 'ping', 'meta-type': 'command', features: [],
    });
    // Everything else is the all-true output, minus the dropped entries.
    expect(list.map((e) => e.name)).toEqual(drawingAllTrue.map((e) => e.name).filter((n) => n !== 'spice-only' && n !== '4'));
  });

  test('with nothing defined, negated conditions hold', () => {
    const list = introspect(ir, { defines: new Set() });
    const point = list.find((e) => e.name === '1')!;
    expect((point.members as { name: string }[]).map((m) => m.name)).toContain('z');
    expect(list.map((e) => e.name)).not.toContain('spice-only');
  });

  test('defining the macros keeps the conditional entries', () => {
    const list = introspect(ir, { defines: new Set(['CONFIG_SPICE', 'CONFIG_GREEN', 'CONFIG_X']) });
    expectExactly(list, drawingAllTrue);
  });
});

describe('introspection ordering details', () => {
  test('commands and events come module by module, not in global definition order', () => {
    // sub.json's definitions come first globally (the include is expanded in
    // place), but QEMU visits the main module before the included one.
    const ir = compileFiles({
      'main.json': "{ 'command': 'first' }\n{ 'include': 'sub.json' }\n{ 'event': 'LAST' }\n",
      'sub.json': "{ 'command': 'middle', 'returns': 'Info' }\n{ 'struct': 'Info', 'data': { 'n': 'int' } }\n",
    });
    expect(introspect(ir, { unmask: true }).map((e) => e.name)).toEqual(['first', 'LAST', 'middle', 'q_empty', 'Info', 'int']);
  });

  test('types are numbered on first use, not in definition order', () => {
    const ir = compileFiles({
      'order.json': `
{ 'struct': 'Alpha', 'data': { 'b': 'Beta' } }
{ 'struct': 'Beta', 'data': { 'a': ['Alpha'] } }
{ 'event': 'E', 'data': 'Beta' }
{ 'command': 'c', 'data': 'Alpha', 'returns': 'Beta' }
`,
    });
    // E uses Beta ("0"), c uses Alpha ("1"); Beta's member then queues [Alpha] after Alpha.
    expectExactly(introspect(ir), [
      { 'arg-type': '0', name: 'E', 'meta-type': 'event' },
      { 'arg-type': '1', 'ret-type': '0', name: 'c', 'meta-type': 'command' },
      { members: [{ name: 'a', type: '[1]' }], name: '0', 'meta-type': 'object' },
      { members: [{ name: 'b', type: '0' }], name: '1', 'meta-type': 'object' },
      { 'element-type': '1', name: '[1]', 'meta-type': 'array' },
    ]);
  });

  test('a command without data or returns uses q_empty for both; allow-oob only when set', () => {
    const ir = compileFiles({ 'empty.json': "{ 'command': 'nop', 'data': {} }\n{ 'event': 'BEEP' }\n" });
    expectExactly(introspect(ir, { unmask: true }), [
      { 'arg-type': 'q_empty', 'ret-type': 'q_empty', name: 'nop', 'meta-type': 'command' },
      { 'arg-type': 'q_empty', name: 'BEEP', 'meta-type': 'event' },
      { members: [], name: 'q_empty', 'meta-type': 'object' },
    ]);
  });
});

describe('introspectionJson', () => {
  test("formats as Python's json.dumps(indent=1) with a final newline", () => {
    const text = introspectionJson([{ 'json-type': 'int', name: 'int', 'meta-type': 'builtin' },
      { members: [], values: [], name: '0', 'meta-type': 'enum' }]);
    expect(text).toBe('[\n {\n  "json-type": "int",\n  "name": "int",\n  "meta-type": "builtin"\n },\n'
      + ' {\n  "members": [],\n  "values": [],\n  "name": "0",\n  "meta-type": "enum"\n }\n]\n');
  });

  test('escapes non-ASCII as Python does', () => {
    expect(introspectionJson([{ 'json-type': 'x', name: 'é\u{1F600}\u007f', 'meta-type': 'builtin' }]))
      .toContain('"name": "\\u00e9\\ud83d\\ude00\\u007f"');
  });
});

describe('evaluateCondition', () => {
  const defined = new Set(['A', 'B']);
  test.each([
    [undefined, true],
    ['A', true],
    ['C', false],
    [{ not: 'C' }, true],
    [{ not: 'A' }, false],
    [{ all: ['A', 'B'] }, true],
    [{ all: ['A', 'C'] }, false],
    [{ any: ['C', 'B'] }, true],
    [{ any: ['C', 'D'] }, false],
    [{ not: { any: ['C', { all: ['A', { not: 'B' }] }] } }, true],
  ] as const)('%j', (cond, want) => {
    expect(evaluateCondition(cond, defined)).toBe(want);
  });

  test("'all' makes every condition hold, negations included", () => {
    expect(evaluateCondition({ not: 'A' }, 'all')).toBe(true);
    expect(evaluateCondition({ all: ['X', { not: 'X' }] }, 'all')).toBe(true);
  });

  test('nothing defined', () => {
    expect(evaluateCondition('A', new Set())).toBe(false);
    expect(evaluateCondition({ not: 'A' }, new Set())).toBe(true);
  });
});

describe('describeCondition', () => {
  test.each([
    [undefined, ''],
    ['CONFIG_SPICE', 'CONFIG_SPICE'],
    [{ all: ['CONFIG_SPICE', { not: 'CONFIG_WIN32' }] }, 'CONFIG_SPICE and not CONFIG_WIN32'],
    [{ not: { any: ['IFONE', 'IFTWO'] } }, 'not (IFONE or IFTWO)'],
    [{ any: ['A', { all: ['B', 'C'] }] }, 'A or (B and C)'],
    [{ all: [{ any: ['A', 'B'] }, { not: { not: 'C' } }] }, '(A or B) and not not C'],
  ] as const)('%j', (cond, want) => {
    expect(describeCondition(cond)).toBe(want);
  });
});

describe('qapi-ts introspect', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qapi-ts-introspect-'));
    writeFileSync(join(dir, 'drawing.json'), drawing);
    writeFileSync(join(dir, 'bad.json'), "{ 'command': 'x', 'data': 'Missing' }\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'introspect', ...args], { cwd: dir, encoding: 'utf8' });

  test('prints the list; no --define means every condition holds', () => {
    const r = run('drawing.json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(introspectionJson(drawingAllTrue as never));
  });

  test('--define and --unmask', () => {
    const r = run('--define', 'CONFIG_GREEN', '-D', 'CONFIG_X', '--unmask', 'drawing.json');
    expect(r.status).toBe(0);
    const names = (JSON.parse(r.stdout) as { name: string }[]).map((e) => e.name);
    expect(names).toContain('Point');
    expect(names).not.toContain('spice-only');
    const color = (JSON.parse(r.stdout) as { name: string; values?: string[] }[]).find((e) => e.name === 'Color');
    expect(color!.values).toEqual(['red', 'green', 'blue']);
  });

  test('schema errors: diagnostics on stderr, exit 1, nothing on stdout', () => {
    const r = run('bad.json');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.json:1: .*Missing/);
  });

  test('--help shows examples', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ qapi-ts introspect/);
  });
});

/**
 * Older QEMU releases' schema dialects. A lenient run (the default) accepts
 * each construct with a warning naming the modern form and reads it as the
 * release that wrote it did; a strict run (`strict: true`, `--strict`) is
 * QEMU 10.2 exactly. Small fixtures pin down each construct (warning, IR,
 * strict error); then every entry point of the release corpus in
 * ../shared/corpus (skipped when absent): `lint` exits 0, `generate` output
 * compiles under `tsc --strict`, and the IR's commands and events are
 * exactly the definitions in the release's files.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { strictDiagnostics } from './support/type-check.js';
import { compile, type CompileResult } from '../compiler/compile.js';
import { formatQemuError } from '../compiler/diagnostics/format-qemu.js';
import { generate } from '../compiler/emitters/generate.js';
import type { IrDefinition, IrSchema } from '../compiler/ir/types.js';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin/qapi-ts.cjs');
const corpus = resolve(root, '../shared/corpus');

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

function run(text: string, strict = false): CompileResult {
  const files = new Map([['x.json', text]]);
  return compile({
    entry: 'x.json',
    strict,
    readFile: (path) => {
      const t = files.get(posix.normalize(path));
      if (t === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return t;
    },
  });
}

/** The warnings as `CODE message` (QEMU's error text without the file prefix). */
function warnings(r: CompileResult): string[] {
  return r.diagnostics.map((d) => {
    expect(d.severity).toBe('warning');
    return `${d.code} ${d.message}`;
  });
}

/** The first error of a strict run, as QEMU prints it. */
function strictError(text: string): string {
  const r = run(text, true);
  expect(r.ir).toBeUndefined();
  return formatQemuError(r.diagnostics[0]).trimEnd();
}

function def(ir: IrSchema | undefined, name: string): IrDefinition {
  const d = ir?.definitions.find((x) => x.name === name);
  if (!d) throw new Error(`no definition ${name}`);
  return d;
}

/** Definitions after the builtins, as `kind name`. */
function defined(ir: IrSchema | undefined): string[] {
  return (ir?.definitions ?? []).filter((d) => d.module !== './builtin').map((d) => `${d.kind} ${d.name}`);
}

describe('syntax and directives', () => {
  test("trailing and missing commas (QEMU 1.x's parser)", () => {
    const text = lines("{ 'enum': 'Mode'", "  'data': [ 'on', 'off', ] }", "{ 'struct': 'Foo', 'data': { 'a': 'int', } }");
    const r = run(text);
    expect(r.ir).toBeDefined();
    expect(warnings(r)).toEqual([
      "QAPI6015 missing ',' (QEMU 1.x's parser did not need it); add the comma",
      "QAPI6001 trailing ',' before ']' (accepted by QEMU 1.x); remove the comma",
      "QAPI6001 trailing ',' before '}' (accepted by QEMU 1.x); remove the comma",
    ]);
    expect(r.diagnostics[1].location).toMatchObject({ line: 2, column: 26 });
    expect(defined(r.ir)).toEqual(['enum Mode', 'struct Foo']);
    expect(strictError(text)).toBe("x.json:2:3: expected ',' or '}'");
  });

  test("old pragma names: 'returns-whitelist', 'name-case-whitelist'", () => {
    const text = lines(
      "{ 'pragma': { 'doc-required': false, 'returns-whitelist': [ 'query-n' ], 'name-case-whitelist': [ 'Caps' ] } }",
      "{ 'command': 'query-n', 'returns': 'int' }", "{ 'enum': 'Caps', 'data': [ 'UPPER' ] }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI6002 pragma 'returns-whitelist' is the old name of 'command-returns-exceptions'; write 'command-returns-exceptions'",
      "QAPI6002 pragma 'name-case-whitelist' is the old name of 'member-name-exceptions'; write 'member-name-exceptions'",
    ]);
    expect(r.ir?.pragmas.commandReturnsExceptions).toEqual(['query-n']);
    expect(r.ir?.pragmas.memberNameExceptions).toEqual(['Caps']);
    expect(strictError(text)).toBe("x.json:1: unknown pragma 'returns-whitelist'");
  });
});

describe('definitions', () => {
  test("'type' is the old name of 'struct'; a struct may lack 'data'", () => {
    const text = lines("{ 'type': 'Foo', 'data': { 'a': 'int', '*b': 'str' } }", "{ 'type': 'Empty' }");
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI6003 'type' is the old name of 'struct'; write { 'struct': 'Foo', ... }",
      "QAPI6003 'type' is the old name of 'struct'; write { 'struct': 'Empty', ... }",
      "QAPI6011 struct without 'data'; write 'data': {}",
    ]);
    const foo = def(r.ir, 'Foo');
    expect(foo.kind).toBe('struct');
    expect(foo.kind === 'struct' && foo.members.map((m) => `${m.name}${m.optional ? '?' : ''}: ${m.type}`)).toEqual(['a: int', 'b?: str']);
    expect(def(r.ir, 'Empty')).toMatchObject({ kind: 'struct', members: [] });
    expect(strictError(text)).toBe(
      "x.json:1: expression must have exactly one key 'enum', 'struct', 'union', 'alternate', 'command', 'event'");
  });

  test('simple unions: implicit Kind enum, q_obj_T-wrapper branches, type/data wire form', () => {
    const text = lines(
      "{ 'struct': 'Foo', 'data': { 'a': 'int' } }",
      "{ 'union': 'Thing', 'data': { 'foo': 'Foo', 'n': 'int', 'list': ['str'], 'cond': { 'type': 'Foo', 'if': 'CONFIG_X' } } }",
      "{ 'union': 'Other', 'data': { 'foo': 'Foo' }, 'if': 'CONFIG_Y' }",
    );
    const r = run(text);
    const [thing, other, ...rest] = warnings(r);
    expect(thing).toBe("QAPI6004 simple union 'Thing' (a union without 'discriminator') is an old form; write a flat union: "
      + "'base': { 'type': 'ThingKind' }, 'discriminator': 'type', with an enum 'ThingKind' of the branch names and a struct "
      + 'with member \'data\' per branch (the wire form stays {"type": ..., "data": ...})');
    expect(other).toMatch(/^QAPI6004 simple union 'Other' /);
    expect(rest).toEqual([]);
    expect(defined(r.ir)).toEqual([
      'struct Foo', 'struct q_obj_Foo-wrapper', 'struct q_obj_int-wrapper', 'struct q_obj_strList-wrapper',
      'enum ThingKind', 'struct q_obj_Thing-base', 'union Thing',
      'enum OtherKind', 'struct q_obj_Other-base', 'union Other',
    ]);
    expect(def(r.ir, 'ThingKind')).toMatchObject({
      implicit: false, values: [{ name: 'foo' }, { name: 'n' }, { name: 'list' }, { name: 'cond', if: 'CONFIG_X' }],
    });
    expect(def(r.ir, 'q_obj_strList-wrapper')).toMatchObject({
      implicit: true, members: [{ name: 'data', type: 'strList', optional: false }],
    });
    expect(def(r.ir, 'Thing')).toMatchObject({
      kind: 'union', base: 'q_obj_Thing-base', tag: 'type', members: [{ name: 'type', type: 'ThingKind' }],
      branches: [
        { name: 'foo', type: 'q_obj_Foo-wrapper' }, { name: 'n', type: 'q_obj_int-wrapper' },
        { name: 'list', type: 'q_obj_strList-wrapper' }, { name: 'cond', type: 'q_obj_Foo-wrapper', if: 'CONFIG_X' },
      ],
    });
    expect(def(r.ir, 'OtherKind').if).toBe('CONFIG_Y');
    expect(strictError(text)).toBe("x.json: In union 'Thing':\nx.json:2: union misses keys 'base', 'discriminator'");
  });

  test('simple union with a base (QEMU 1.x/2.0) keeps the base members beside the tag', () => {
    const text = lines(
      "{ 'struct': 'Common', 'data': { 'id': 'str' } }", "{ 'struct': 'Foo', 'data': { 'a': 'int' } }",
      "{ 'union': 'Thing', 'base': 'Common', 'data': { 'foo': 'Foo' } }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI6012 union 'Thing' has 'base' but no 'discriminator' (QEMU 1.x/2.0); write a flat union with 'discriminator'",
    ]);
    expect(def(r.ir, 'Thing')).toMatchObject({
      base: 'q_obj_Thing-legacy-base', tag: 'type', members: [{ name: 'id' }, { name: 'type', type: 'ThingKind' }],
    });
    expect(strictError(text)).toBe("x.json: In union 'Thing':\nx.json:3: union misses key 'discriminator'");
  });

  test("'discriminator': {} is the old form of an alternate", () => {
    const text = lines(
      "{ 'struct': 'Foo', 'data': { 'a': 'int' } }",
      "{ 'union': 'FooOrName', 'discriminator': {}, 'data': { 'definition': 'Foo', 'reference': 'str' } }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI6005 a union with 'discriminator': {} is the old form of an alternate; write { 'alternate': 'FooOrName', 'data': ... }",
    ]);
    expect(def(r.ir, 'FooOrName')).toMatchObject({
      kind: 'alternate', branches: [{ name: 'definition', type: 'Foo' }, { name: 'reference', type: 'str' }],
    });
    expect(strictError(text)).toBe("x.json: In union 'FooOrName':\nx.json:2: union misses key 'base'");
  });

  test("a flat union on a 'str' member (QEMU 2.0) gets an implicit enum of its branches", () => {
    const text = lines(
      "{ 'struct': 'Base', 'data': { 'driver': 'str', '*id': 'str' } }", "{ 'struct': 'File', 'data': { 'filename': 'str' } }",
      "{ 'union': 'Opts', 'base': 'Base', 'discriminator': 'driver', 'data': { 'file': 'File', 'raw': 'File' } }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI6013 discriminator 'driver' is a string member (QEMU 2.0); make its type an enum of the branch names",
    ]);
    expect(def(r.ir, 'OptsKind')).toMatchObject({ kind: 'enum', values: [{ name: 'file' }, { name: 'raw' }] });
    expect(def(r.ir, 'Opts')).toMatchObject({
      base: 'q_obj_Opts-legacy-base', tag: 'driver', members: [{ name: 'driver', type: 'OptsKind' }, { name: 'id', optional: true }],
    });
    expect(def(r.ir, 'Base')).toMatchObject({ members: [{ name: 'driver', type: 'str' }, { name: 'id' }] });
    expect(strictError(text)).toBe(
      "x.json: In union 'Opts':\nx.json:3: discriminator member 'driver' of base type 'Base' must be of enum type");
  });

  test("'gen' and 'success-response' as 'no'; '**' and 'visitor' are 'any'", () => {
    const text = lines(
      "{ 'command': 'guest-shutdown', 'data': { '*mode': 'str' }, 'success-response': 'no' }",
      "{ 'command': 'qom-get', 'data': { 'path': 'str' }, 'returns': 'visitor', 'gen': 'no' }",
      "{ 'command': 'qom-set', 'data': { 'path': 'str', 'value': '**' }, 'gen': false }",
      "{ 'command': 'query-ok', 'gen': true }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI6006 'success-response': 'no' is an old spelling; write 'success-response': false",
      "QAPI6006 'gen': 'no' is an old spelling; write 'gen': false",
      "QAPI6008 type 'visitor' is the old name of 'any'; write 'any'",
      "QAPI6008 type '**' is the old name of 'any'; write 'any'",
      "QAPI6007 'gen': true is the default; remove it",
      "QAPI5019 command's 'returns' cannot take built-in type 'any'",
    ]);
    expect(def(r.ir, 'guest-shutdown')).toMatchObject({ successResponse: false, gen: true });
    expect(def(r.ir, 'qom-get')).toMatchObject({ gen: false, retType: 'any' });
    expect(def(r.ir, 'q_obj_qom-set-arg')).toMatchObject({ members: [{ name: 'path' }, { name: 'value', type: 'any' }] });
    expect(def(r.ir, 'query-ok')).toMatchObject({ gen: true });
    expect(strictError(text)).toBe(
      "x.json: In command 'guest-shutdown':\nx.json:1: flag 'success-response' may only use false value");
  });

  test('anonymous nested structs (QEMU 1.x) and anonymous return types', () => {
    const text = lines(
      "{ 'struct': 'VersionInfo', 'data': { 'qemu': { 'major': 'int', '*minor': 'int' }, 'package': 'str' } }",
      "{ 'command': 'query-fd', 'returns': { 'fd': 'int' } }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI6009 member 'qemu' has an anonymous nested struct type (QEMU 1.x); define a named struct and write its name",
      "QAPI6016 'returns' is an anonymous struct (QEMU 1.x/2.x); define a named struct and write its name",
    ]);
    expect(defined(r.ir)).toEqual([
      'struct q_obj_VersionInfo-qemu-nested', 'struct VersionInfo', 'struct q_obj_query-fd-ret', 'command query-fd',
    ]);
    expect(def(r.ir, 'q_obj_VersionInfo-qemu-nested')).toMatchObject({
      implicit: true, members: [{ name: 'major', optional: false }, { name: 'minor', optional: true }],
    });
    expect(def(r.ir, 'VersionInfo')).toMatchObject({ members: [{ name: 'qemu', type: 'q_obj_VersionInfo-qemu-nested' }, { name: 'package' }] });
    expect(def(r.ir, 'query-fd')).toMatchObject({ retType: 'q_obj_query-fd-ret' });
    expect(strictError(text)).toBe("x.json: In struct 'VersionInfo':\nx.json:1: 'data' member 'qemu' misses key 'type'");
  });

  test("C preprocessor 'if' conditions (QEMU 3.0 to 6.0)", () => {
    const text = lines(
      "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'if': 'defined(CONFIG_A)' } }, 'if': 'defined(TARGET_X86_64) || defined(TARGET_ARM)' }",
      "{ 'enum': 'Mode', 'data': [ 'on', { 'name': 'off', 'if': ['defined(CONFIG_A)', '!defined(CONFIG_B)'] } ] }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI6010 'if' condition 'defined(TARGET_X86_64) || defined(TARGET_ARM)' is in the old C preprocessor form; "
      + "write 'if': {'any': ['TARGET_X86_64', 'TARGET_ARM']}",
      "QAPI6010 'if' condition 'defined(CONFIG_A)' is in the old C preprocessor form; write 'if': 'CONFIG_A'",
      "QAPI6010 'if' condition ['defined(CONFIG_A)', '!defined(CONFIG_B)'] is in the old C preprocessor form; "
      + "write 'if': {'all': ['CONFIG_A', {'not': 'CONFIG_B'}]}",
    ]);
    expect(def(r.ir, 'Foo')).toMatchObject({ if: { any: ['TARGET_X86_64', 'TARGET_ARM'] }, members: [{ name: 'a', if: 'CONFIG_A' }] });
    expect(def(r.ir, 'Mode')).toMatchObject({ values: [{ name: 'on' }, { name: 'off', if: { all: ['CONFIG_A', { not: 'CONFIG_B' }] } }] });
    expect(strictError(text)).toBe(
      "x.json: In struct 'Foo':\nx.json:1: 'if' condition 'defined(CONFIG_A)' of 'data' member 'a' is not a valid identifier");
  });

  test('naming rules of QEMU 6.0 and later are warnings', () => {
    const text = lines(
      "{ 'command': 'set_password', 'data': { 'protocol': 'str' } }", "{ 'enum': 'ErrorClass', 'data': [ 'GenericError' ] }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI4005 name of command must not use uppercase or '_'",
      "QAPI4005 name of 'data' member 'GenericError' must not use uppercase or '_'",
    ]);
    expect(strictError(text)).toBe("x.json: In command 'set_password':\nx.json:1: name of command must not use uppercase or '_'");
  });

  test("alternates of 'str' and a number (before QEMU 2.10); the same JSON type stays an error", () => {
    const text = lines("{ 'alternate': 'StrOrNum', 'data': { 's': 'str', 'n': 'int' } }");
    const r = run(text);
    expect(warnings(r)).toEqual(["QAPI5009 branch 'n' can't be distinguished from 's'"]);
    expect(strictError(text)).toBe("x.json: In alternate 'StrOrNum':\nx.json:1: branch 'n' can't be distinguished from 's'");
    const same = run(lines("{ 'alternate': 'TwoNums', 'data': { 'a': 'int', 'b': 'number' } }"));
    expect(same.ir).toBeUndefined();
    expect(same.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual(["error branch 'b' can't be distinguished from 'a'"]);
  });

  test("union and conditional arguments without 'boxed' (before QEMU 2.7 and 6.2)", () => {
    const text = lines(
      "{ 'enum': 'Kind', 'data': [ 'a', 'b' ] }", "{ 'struct': 'Base', 'data': { 'kind': 'Kind' } }",
      "{ 'struct': 'Aa', 'data': { 'x': 'int' } }", "{ 'union': 'Uni', 'base': 'Base', 'discriminator': 'kind', 'data': { 'a': 'Aa' } }",
      "{ 'command': 'take-uni', 'data': 'Uni' }",
      "{ 'event': 'COND_EV', 'data': { 'a': 'int', 'b': { 'type': 'str', 'if': 'CONFIG_B' } } }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI5017 command's 'data' can take union type 'Uni' only with 'boxed': true",
      "QAPI5018 conditional event arguments require 'boxed': true",
    ]);
    expect(def(r.ir, 'take-uni')).toMatchObject({ argType: 'Uni', boxed: false });
    expect(strictError(text)).toBe(
      "x.json: In command 'take-uni':\nx.json:5: command's 'data' can take union type 'Uni' only with 'boxed': true");
  });

  test('events, with and without data, and a command using a simple union decode on the wire', async () => {
    const text = lines(
      "{ 'type': 'Foo', 'data': { 'a': 'int' } }",
      "{ 'union': 'Thing', 'data': { 'foo': 'Foo', 'names': ['str'] } }",
      "{ 'command': 'take-thing', 'data': { 'thing': 'Thing' } }",
      "{ 'event': 'STOP' }",
      "{ 'event': 'THING_CHANGED', 'data': { 'thing': 'Thing' } }",
    );
    const r = run(text);
    expect(r.ir).toBeDefined();
    expect(def(r.ir, 'STOP')).toMatchObject({ kind: 'event' });
    expect(def(r.ir, 'THING_CHANGED')).toMatchObject({ kind: 'event', argType: 'q_obj_THING_CHANGED-arg' });
    const out = join(root, 'test/.generated/dialects-simple-union');
    rmSync(out, { recursive: true, force: true });
    for (const f of generate(r.ir!, { targets: ['marshal'] })) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    type Codec = (v: unknown) => unknown;
    const mod = (await import(join(out, 'index.ts'))) as {
      commandCodecs: Record<string, { decodeArguments: Codec }>;
      eventCodecs: Record<string, { decodeData: Codec }>;
    };
    const decode = mod.commandCodecs['take-thing'].decodeArguments;
    expect(decode({ thing: { type: 'foo', data: { a: 1 } } })).toEqual({ thing: { type: 'foo', data: { a: 1n } } });
    expect(decode({ thing: { type: 'names', data: ['x', 'y'] } })).toEqual({ thing: { type: 'names', data: ['x', 'y'] } });
    expect(() => decode({ thing: { type: 'foo', a: 1 } })).toThrow();
    expect(() => decode({ thing: { type: 'bar', data: {} } })).toThrow();
    expect(mod.eventCodecs.THING_CHANGED.decodeData({ thing: { type: 'names', data: [] } })).toEqual({ thing: { type: 'names', data: [] } });
  });
});

describe('doc comments', () => {
  const docText = lines(
    "{ 'pragma': { 'command-returns-exceptions': [ 'query-name' ] } }",
    '##', '# @query-name:', '#', '# Return the name information of a guest.', '#',
    '# @verbose: #optional whether to be chatty', '#', '# Returns: @NameInfo of the guest', '#',
    '# Notes: This command is for', '#        testing only.', '#', '# Example:', '#',
    '# -> { "execute": "query-name" }', '# <- { "return": "qemu" }', '#', '# Since: 0.14.0', '##',
    "{ 'command': 'query-name', 'data': { '*verbose': 'bool' }, 'returns': 'str' }",
  );

  test("'#optional' markers; 'Notes:' and 'Example:' sections read as their directives", () => {
    const r = run(docText);
    expect(warnings(r)).toEqual([
      "QAPI6101 '#optional' in the description of '@verbose:' is obsolete: the '*' in the definition marks optional members; remove it",
      "QAPI3012 The 'Notes' section is no longer supported. Please use rST's '.. note::' or '.. admonition:: notes' directives, "
      + 'or another suitable admonition instead.',
      "QAPI3013 The 'Example' section is no longer supported. Please use the '.. qmp-example::' directive, or other suitable markup instead.",
    ]);
    const doc = r.ir!.docs[def(r.ir, 'query-name').doc!];
    expect(doc.args).toMatchObject([{ name: 'verbose', text: 'whether to be chatty' }]);
    expect(doc.sections.map((s) => [s.kind, s.text])).toEqual([
      ['Returns', '@NameInfo of the guest'],
      ['Plain', '.. note::\n\n   This command is for\n   testing only.'],
      ['Plain', '.. qmp-example::\n\n   -> { "execute": "query-name" }\n   <- { "return": "qemu" }'],
      ['Since', '0.14.0'],
    ]);
    expect(def(r.ir, 'q_obj_query-name-arg')).toMatchObject({ members: [{ name: 'verbose', doc: 'whether to be chatty' }] });
    expect(strictError(docText)).toBe("x.json:11:1: The 'Notes' section is no longer supported. Please use rST's '.. note::' or "
      + "'.. admonition:: notes' directives, or another suitable admonition instead.");
  });

  test('unindented continuation lines continue the description', () => {
    const text = lines(
      '##', '# @Foo:', '#', '# A thing.', '#', '# @a: the first member, with a description', '# that goes on unindented.', '#',
      '# @b: the second member', '#', '# Since: 1.0', '##', "{ 'struct': 'Foo', 'data': { 'a': 'int', 'b': 'int' } }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual(["QAPI6102 continuation line of '@a:' is not indented; indent it"]);
    expect(def(r.ir, 'Foo')).toMatchObject({
      members: [{ name: 'a', doc: 'the first member, with a description\nthat goes on unindented.' }, { name: 'b', doc: 'the second member' }],
    });
    expect(strictError(text)).toBe("x.json:9:1: description of '@b:' follows a section");
    // Accepted by QEMU 10.2's parser (as a new paragraph), but read as the older releases meant it.
    const last = lines('##', '# @Foo:', '#', '# @a: the member', '# continued here', '##', "{ 'struct': 'Foo', 'data': { 'a': 'int' } }");
    expect(warnings(run(last))).toEqual(["QAPI6102 continuation line of '@a:' is not indented; indent it"]);
    expect(def(run(last).ir, 'Foo')).toMatchObject({ members: [{ name: 'a', doc: 'the member\ncontinued here' }] });
  });

  test("QEMU 1.x layouts: '@Foo' without ':', blocks without their opening '##' or symbol line", () => {
    const text = lines(
      '##', '# @Foo', '#', '# A thing.', '#', '# Since: 1.0', '##', "{ 'struct': 'Foo', 'data': {} }", '',
      '# @bar:', '#', '# Does bar.', '#', '# Since: 1.0', '##', "{ 'command': 'bar' }", '',
      '##', '#', '# Does baz.', '#', '# @x: an argument', '#', '# Returns: nothing', '# ##', "{ 'command': 'baz', 'data': { 'x': 'int' } }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      "QAPI3007 line should end with ':'",
      "QAPI6106 documentation comment lacks its opening '##' (only its closing '##' is there); add a '##' line before it",
      "QAPI6105 documentation comment must end with '##'; add a '##' line",
      "QAPI6103 documentation comment lacks its first line '@baz:' (QEMU 1.x); add it",
      "QAPI3024 'Returns' section, but command doesn't return anything",
    ]);
    const ir = r.ir!;
    expect(ir.docs[def(ir, 'Foo').doc!]).toMatchObject({ symbol: 'Foo', body: 'A thing.' });
    expect(ir.docs[def(ir, 'bar').doc!]).toMatchObject({ symbol: 'bar', body: 'Does bar.', location: { line: 10 } });
    expect(ir.docs[def(ir, 'baz').doc!]).toMatchObject({ symbol: 'baz', body: 'Does baz.', sections: [{ kind: 'Returns', text: 'nothing' }] });
    expect(def(ir, 'q_obj_baz-arg')).toMatchObject({ members: [{ name: 'x', doc: 'an argument' }] });
    expect(strictError(text)).toBe("x.json:2:1: line should end with ':'");
  });

  test('doc coverage, doc placement and 10.2 style rules are warnings', () => {
    const text = lines(
      "{ 'pragma': { 'doc-required': true } }",
      '##', '# @Foo:', '#', '# A very long line of documentation that goes well past the seventy column limit.',
      '# One sentence. Another.', '#', '# @a: documented', '# @gone: not a member', '##',
      "{ 'struct': 'Foo', 'data': { 'a': 'int', 'b': 'int' } }", "{ 'command': 'undocumented' }",
    );
    const r = run(text);
    expect(warnings(r)).toEqual([
      'QAPI3005 documentation line longer than 70 characters',
      'QAPI3006 Use two spaces between sentences\nIf this not the end of a sentence, please report a bug.',
      'QAPI3023 documentation comment required',
      "QAPI3027 member 'b' lacks documentation",
      "QAPI3029 documented member 'gone' does not exist",
    ]);
    expect(r.diagnostics[1].location).toMatchObject({ line: 6, column: 16 });
    expect(strictError(text)).toBe('x.json:5:1: documentation line longer than 70 characters');
  });
});

describe('the command line', () => {
  let work = '';
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'qapi-ts-dialects-'));
    writeFileSync(join(work, 'old.json'), lines(
      '##', '# @NameInfo', '#', '# @name: #optional the name', '##', "{ 'type': 'NameInfo', 'data': { '*name': 'str' } }",
      "{ 'command': 'query-name', 'returns': 'NameInfo' }",
    ));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const qapiTs = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8' });

  test('lint exits 0 with warnings only, 1 with --strict', () => {
    const lenient = qapiTs('lint', 'old.json');
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toContain("warning QAPI6003 [legacy-syntax]: 'type' is the old name of 'struct'");
    // The three dialect findings, and our since-required.
    expect(lenient.stderr).toContain('0 errors, 4 warnings');
    const strict = qapiTs('lint', '--strict', 'old.json');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain("error QAPI3007: line should end with ':'");
  });

  test('generate prints the warnings and succeeds; ir --format qemu-test is QEMU 10.2 exactly', () => {
    const gen = qapiTs('generate', 'old.json', '-o', 'out', '--target', 'types');
    expect(gen.status).toBe(0);
    expect(gen.stderr).toContain('0 errors, 3 warnings');
    expect(readFileSync(join(work, 'out/old.ts'), 'utf8')).toContain('export interface NameInfo {');
    expect(qapiTs('ir', 'old.json').status).toBe(0);
    const dump = qapiTs('ir', '--format', 'qemu-test', 'old.json');
    expect(dump.status).toBe(1);
    expect(dump.stderr).toBe("old.json:2:1: line should end with ':'\n");
  });
});

/** The entry points of ../shared/corpus/README.md. */
const ENTRIES: readonly string[] = [
  'qemu-1.2.0/qapi-schema.json', 'qemu-1.2.0/qapi-schema-guest.json',
  'qemu-2.9.0/qapi-schema.json', 'qemu-2.9.0/qga/qapi-schema.json',
  'qemu-5.0.0/qapi/qapi-schema.json', 'qemu-5.0.0/qga/qapi-schema.json', 'qemu-5.0.0/storage-daemon/qapi/qapi-schema.json',
  'qemu-7.2.0/qapi/qapi-schema.json', 'qemu-7.2.0/qga/qapi-schema.json', 'qemu-7.2.0/storage-daemon/qapi/qapi-schema.json',
  'qemu-10.2.0/qapi/qapi-schema.json', 'qemu-10.2.0/qga/qapi-schema.json', 'qemu-10.2.0/storage-daemon/qapi/qapi-schema.json',
];

/**
 * The names of a schema's top-level `'command'`/`'event'` definitions in
 * every file reachable through includes, found by scanning the text (not
 * with our parser): comments and strings skipped, brackets counted.
 */
function definedNames(entry: string): { commands: string[]; events: string[] } {
  const commands: string[] = [];
  const events: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    const abs = resolve(file);
    if (seen.has(abs)) return;
    seen.add(abs);
    const text = readFileSync(abs, 'utf8');
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '#') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (ch === "'") {
        while (text[++i] !== "'") if (text[i] === '\\') i++;
      } else if (ch === '{' || ch === '[') {
        if (depth++ === 0 && ch === '{') {
          const m = /^\{\s*'(command|event|include)'\s*:\s*'([^']*)'/.exec(text.slice(i, i + 300));
          if (m?.[1] === 'command') commands.push(m[2]);
          else if (m?.[1] === 'event') events.push(m[2]);
          else if (m?.[1] === 'include') visit(join(dirname(abs), m[2]));
        }
      } else if (ch === '}' || ch === ']') {
        depth--;
      }
    }
  };
  visit(entry);
  return { commands: commands.sort(), events: events.sort() };
}

describe('QEMU releases 1.2 to 10.2 (../shared/corpus)', () => {
  const have = existsSync(join(corpus, 'README.md'));
  const maybe = have ? test : test.skip;
  const out = mkdtempSync(join(tmpdir(), 'qapi-ts-releases-'));
  const lint = new Map<string, { status: number | null; stderr: string }>();
  const gen = new Map<string, { status: number | null; stderr: string }>();
  const dirOf = (entry: string) => join(out, entry.replace(/\//g, '_'));

  /** Runs the CLI, two at a time. */
  beforeAll(async () => {
    if (!have) return;
    const jobs: (() => Promise<void>)[] = [];
    const spawnCli = (args: string[]) => new Promise<{ status: number | null; stderr: string }>((done) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: corpus, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      child.on('close', (status) => done({ status, stderr }));
    });
    for (const entry of ENTRIES) {
      jobs.push(async () => {
        lint.set(entry, await spawnCli(['lint', '--format', 'github', entry]));
      });
      jobs.push(async () => {
        gen.set(entry, await spawnCli(['generate', entry, '-o', dirOf(entry)]));
      });
    }
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) await job();
    };
    await Promise.all([worker(), worker()]);
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  for (const entry of ENTRIES) {
    maybe(`${entry}: lint exits 0 and generate succeeds`, () => {
      expect(lint.get(entry)).toEqual({ status: 0, stderr: '' });
      const g = gen.get(entry)!;
      expect(g.status).toBe(0);
      if (entry.startsWith('qemu-10.2.0/')) expect(g.stderr).toBe('');
      else expect(g.stderr).toMatch(/\n0 errors, \d+ warnings\n$/);
      expect(existsSync(join(dirOf(entry), 'index.ts'))).toBe(true);
    });

    maybe(`${entry}: the IR's commands and events are the files' definitions`, () => {
      const r = compile({ entry: join(corpus, entry), diagnosticsOnly: false });
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const names = (kind: string) => r.ir!.definitions.filter((d) => d.kind === kind).map((d) => d.name).sort();
      const want = definedNames(join(corpus, entry));
      expect(names('command')).toEqual(want.commands);
      expect(names('event')).toEqual(want.events);
      expect(want.commands.length).toBeGreaterThan(10);
    });
  }

  maybe('every generated tree compiles under tsc --strict', () => {
    const files: string[] = [];
    for (const entry of ENTRIES) {
      writeFileSync(join(dirOf(entry), 'package.json'), '{"type":"module"}\n');
      for (const f of readdirSync(dirOf(entry), { recursive: true })) if (String(f).endsWith('.ts')) files.push(join(dirOf(entry), String(f)));
    }
    // Only what is wrong in generated code counts here (the runtime has its own checks).
    const problems = strictDiagnostics(files, false)
      .filter((d) => d.file?.startsWith(out))
      .map((d) => `${d.file!.slice(out.length + 1)}: ${d.text}`);
    expect(problems).toEqual([]);
  }, 180_000);
});

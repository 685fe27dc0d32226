/**
 * The cross-check (`lint SCHEMA --against-qmp-schema FILE | --against-qemu
 * BINARY`): on a small schema against replies made from it (whole, with
 * things compiled out, and edited to differ in every way it reports), then
 * QEMU 7.2's schema against the real 7.2 binary (when both are here), and a
 * newer schema (10.2) against that binary.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { emitIntrospection, type SchemaInfo } from '../../compiler/emitters/introspect.js';
import { crossCheck } from '../../compiler/import/cross-check.js';
import { probeQemu } from '../../compiler/import/qemu-probe.js';
import { readSchemaInfo } from '../../compiler/import/schema-info-reader.js';
import type { IrSchema } from '../../compiler/ir/types.js';
import { cli, compileFiles, FIXTURE, QEMU, shared } from './helpers.js';

const summarize = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code} ${d.message}`);
const replyOf = (ir: IrSchema, defines: ReadonlySet<string> | 'all') =>
  JSON.parse(JSON.stringify(emitIntrospection(ir, { defines }))) as SchemaInfo[];

describe('cross-check of a small schema', () => {
  const ir = compileFiles({ 'fixture.json': FIXTURE });

  test('against its own reply: nothing to report', () => {
    const { diagnostics, summary } = crossCheck(ir, replyOf(ir, 'all'));
    expect(diagnostics).toEqual([]);
    expect(summary.commands).toEqual({ both: 8, schemaOnly: 0, binaryOnly: 0 });
    expect(summary.events).toEqual({ both: 3, schemaOnly: 0, binaryOnly: 0 });
  });

  test('against a build with nothing defined: what conditions drop, as info', () => {
    const { diagnostics } = crossCheck(ir, replyOf(ir, new Set()));
    expect(summarize(diagnostics).sort()).toEqual([
      "info QAPI7012 command 'ping': feature 'unstable' is not in the binary (the schema has it only if CONFIG_X)",
      "info QAPI7010 union 'Shape': branch 'blue' is not in the binary (the schema has it only if CONFIG_CIRCLE)",
      "info QAPI7010 union 'Shape': branch 'green' is not in the binary (the schema has it only if CONFIG_GREEN)",
      "info QAPI7008 enum 'Color': value 'green' is not in the binary (the schema has it only if CONFIG_GREEN)",
      "info QAPI7006 struct 'Point': member 'legacy' is not in the binary (the schema has it only if CONFIG_LEGACY)",
      "info QAPI7017 alternate 'PointOrName': the binary does not accept an array (the schema has it only if CONFIG_LIST)",
      "info QAPI7006 struct 'Holder': member 'gone' is not in the binary (the schema has it only if CONFIG_GONE)",
      "info QAPI7002 command 'spice-only' is not offered by the binary (the schema has it only if CONFIG_SPICE)",
    ].sort());
    expect(diagnostics.every((d) => d.severity === 'info')).toBe(true);
  });

  test('against a binary that differs: each difference, as a warning, where the schema says it', () => {
    const reply = replyOf(ir, 'all');
    const unmasked = emitIntrospection(ir, { defines: 'all', unmask: true });
    // The reply as plain JSON to edit.
    type Entry = { [k: string]: unknown; members: Entry[]; values: string[]; variants: Entry[] };
    const entry = (pick: (e: SchemaInfo, i: number) => boolean) => reply.find(pick) as unknown as Entry;
    const byRealName = (real: string) => entry((_e, i) => i === unmasked.findIndex((u) => u.name === real));
    const point = byRealName('Point');
    point.members.splice(0, 1); // no 'x'
    point.members.push({ name: 'w', type: 'int' } as unknown as Entry);
    point.members.find((m) => m.name === 'color')!.default = null;
    point.members.find((m) => m.name === 'y')!.type = 'str';
    const color = byRealName('Color');
    color.members.push({ name: 'pink' } as unknown as Entry);
    color.values.push('pink');
    byRealName('StatusInfo').features = ['deprecated'];
    delete entry((e) => e.name === 'ping')['allow-oob'];
    reply.splice(reply.findIndex((e) => e.name === 'nop'), 1);
    const beep = entry((e) => e.name === 'BEEP');
    reply.unshift({ 'arg-type': beep['arg-type'] as string, 'ret-type': 'int', name: 'x-new', 'meta-type': 'command' });
    byRealName('Shape').variants.find((v) => v.case === 'green')!.case = 'mauve';

    const { diagnostics, summary } = crossCheck(ir, reply);
    expect(summarize(diagnostics).sort()).toEqual([
      "warning QAPI7015 command 'ping': the schema allows out-of-band execution, the binary does not",
      "warning QAPI7011 struct 'StatusInfo': the binary has feature 'deprecated', which the schema lacks",
      "warning QAPI7005 struct 'Point': the binary has member 'w', which the schema lacks",
      "warning QAPI7006 struct 'Point': member 'x' is not in the binary",
      "warning QAPI7013 struct 'Point', member 'y': the schema has 'int', the binary 'str'",
      "warning QAPI7014 struct 'Point': member 'color' is required in the schema but optional in the binary",
      "warning QAPI7007 enum 'Color': the binary has value 'pink', which the schema lacks",
      "warning QAPI7009 union 'Shape': the binary has branch 'mauve', which the schema lacks",
      "info QAPI7010 union 'Shape': branch 'green' is not in the binary (the schema has it only if CONFIG_GREEN)",
      "warning QAPI7002 command 'nop' is not offered by the binary",
      "warning QAPI7001 the binary offers command 'x-new', which the schema lacks",
    ].sort());
    expect(summary.commands).toEqual({ both: 7, schemaOnly: 1, binaryOnly: 1 });
    // Locations: the member's line when the schema has it, else its type's.
    const x = diagnostics.find((d) => d.message.includes("member 'x'"))!;
    expect(x.location).toMatchObject({ file: 'fixture.json', line: FIXTURE.split('\n').findIndex((l) => l.includes("'x': 'int8'")) + 1 });
    expect(diagnostics.find((d) => d.code === 'QAPI7001')!.location).toBeUndefined();
  });
});

/** QEMU 7.2's schema (older dialect: compiled leniently; its doc comments blanked if this frontend still rejects them). */
function compile72(entry: string) {
  const direct = compile({ entry });
  if (direct.ir) return direct;
  return compile({
    entry,
    readFile: (path) => readFileSync(path, 'utf8').split('\n').map((l) => (/^\s*#/.test(l) ? '' : l)).join('\n')
      .replace(/'doc-required':\s*true/, "'doc-required': false"),
  });
}

const schema72 = join(shared, 'corpus/qemu-7.2.0/qapi/qapi-schema.json');
const schema10 = join(shared, 'corpus/qemu-10.2.0/qapi/qapi-schema.json');

describe('QEMU schemas against the QEMU 7.2 binary', () => {
  let reply: SchemaInfo[] = [];
  beforeAll(async () => {
    if (!existsSync(QEMU)) return;
    const probe = await probeQemu(QEMU);
    reply = readSchemaInfo((JSON.parse(probe.reply) as { return: unknown }).return, QEMU).entries;
  });

  (existsSync(QEMU) && existsSync(schema72) ? test : test.skip)('7.2 schema: the binary lacks only what conditions drop', () => {
    const { ir } = compile72(schema72);
    expect(ir).toBeDefined();
    const { diagnostics, summary } = crossCheck(ir!, reply);
    const byCode = diagnostics.reduce<Record<string, number>>((n, d) => ({ ...n, [`${d.code} ${d.severity}`]: (n[`${d.code} ${d.severity}`] ?? 0) + 1 }), {});
    console.log(`qemu-7.2.0 schema vs ${QEMU}: ${JSON.stringify(summary)}; ${JSON.stringify(byCode)}\n${summarize(diagnostics).join('\n')}`);
    // Everything the binary offers is in the schema: no command, event, member, value, branch or feature of its own.
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(summary.commands.binaryOnly).toBe(0);
    expect(summary.events.binaryOnly).toBe(0);
    // What the schema has and the binary lacks is conditional on other targets or on what Debian does not build.
    const conditions = new Set(diagnostics.map((d) => /only if (.*)\)$/.exec(d.message)?.[1]));
    expect([...conditions].sort()).toEqual(['CONFIG_BLKIO', 'CONFIG_COCOA', 'CONFIG_VMNET', 'TARGET_ARM', 'TARGET_S390X']);
    expect(summary.commands.both).toBe(reply.filter((e) => e['meta-type'] === 'command').length);
    expect(summary.commands.schemaOnly).toBe(4); // query-cpu-model-comparison, -baseline, dump-skeys (s390x); query-gic-capabilities (arm)
  });

  (existsSync(QEMU) && existsSync(schema10) ? test : test.skip)('10.2 schema: what changed since 7.2 shows, both ways', () => {
    const { ir } = compile({ entry: schema10 });
    const { diagnostics, summary } = crossCheck(ir!, reply);
    expect(summary.commands.binaryOnly).toBeGreaterThan(0); // commands 10.2 dropped
    expect(summary.commands.schemaOnly).toBeGreaterThan(0); // commands added since
    expect(summarize(diagnostics)).toContain(
      "warning QAPI7005 struct 'StatusInfo': the binary has member 'singlestep', which the schema lacks");
  });
});

describe('qapi-ts lint --against-*', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qapi-ts-against-'));
    writeFileSync(join(dir, 'fixture.json'), FIXTURE);
    const ir = compileFiles({ 'fixture.json': FIXTURE });
    writeFileSync(join(dir, 'reply.json'), JSON.stringify({ return: replyOf(ir, new Set(['CONFIG_X'])) }));
    writeFileSync(join(dir, 'bad.json'), '[{"name": "x"}]');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lint = (...args: string[]) => spawnSync(process.execPath, [cli, 'lint', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });

  test('human: a summary, then the differences; infos and warnings do not fail', () => {
    const r = lint('fixture.json', '--against-qmp-schema', 'reply.json');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cross-check against reply\.json: commands 7 in both, 1 only in the schema, 0 only in the binary; events 3 in both, 0 only in the schema, 0 only in the binary; \d+ types compared\n/);
    const line = FIXTURE.split('\n').findIndex((l) => l.includes("'command': 'spice-only'")) + 1;
    expect(r.stderr).toContain(`fixture.json:${line}:1: info QAPI7002: command 'spice-only' is not offered by the binary (the schema has it only if CONFIG_SPICE)`);
    // The fixture's three undocumented deprecations are findings of our lint rules; --level minimal leaves the cross-check's.
    expect(r.stderr).toMatch(/0 errors, 10 warnings\n$/);
    expect(lint('fixture.json', '--level', 'minimal', '--against-qmp-schema', 'reply.json').stderr).toMatch(/0 errors, 7 warnings\n$/);
  });

  test('json and sarif carry the QAPI7xxx diagnostics', () => {
    const json = JSON.parse(lint('fixture.json', '--against-qmp-schema', 'reply.json', '--format', 'json').stdout) as { diagnostics: Diagnostic[] };
    expect(json.diagnostics.map((d) => d.code)).toContain('QAPI7002');
    const sarif = lint('fixture.json', '--against-qmp-schema', 'reply.json', '--format', 'sarif').stdout;
    expect(sarif).toContain('"ruleId": "QAPI7006"');
  });

  test('errors: unreadable replies, both sources at once', () => {
    const missing = lint('fixture.json', '--against-qmp-schema', 'nope.json');
    expect([missing.status, missing.stderr]).toEqual([1, 'qapi-ts lint: error: nope.json: no such file\n']);
    const bad = lint('fixture.json', '--against-qmp-schema', 'bad.json');
    expect([bad.status, bad.stderr]).toEqual([1, "qapi-ts lint: error: bad.json: $[0]: missing 'meta-type'\n"]);
    const both = lint('fixture.json', '--against-qmp-schema', 'reply.json', '--against-qemu', QEMU);
    expect([both.status, both.stderr]).toEqual([2, 'qapi-ts lint: --against-qmp-schema and --against-qemu exclude each other\n']);
  });

  test('--help shows the options with examples', () => {
    const r = lint('--help');
    expect(r.stdout).toContain('--against-qemu <binary>');
    expect(r.stdout).toContain('$ qapi-ts lint qapi/qapi-schema.json --against-qemu /usr/bin/qemu-system-x86_64');
  });

  (existsSync(QEMU) && existsSync(schema72) ? test : test.skip)('--against-qemu with the real binary', () => {
    const r = spawnSync(process.execPath, [cli, 'lint', 'qapi/qapi-schema.json', '--against-qemu', QEMU, '--format', 'json'],
      { cwd: join(shared, 'corpus/qemu-7.2.0'), encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) {
      // This frontend does not take 7.2's doc comments yet: nothing cross-checked.
      expect(r.stdout).toContain('"severity": "error"');
      return;
    }
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: Diagnostic[] };
    const ours = diagnostics.filter((d) => d.code.startsWith('QAPI7'));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((d) => d.severity === 'info')).toBe(true);
  });
});

/**
 * `qapi-ts diff OLD NEW`: each compatibility rule on pairs of small schemas
 * (through the API), the CLI's formats, exit statuses and --fail-on (through
 * the real binary), and QEMU 7.2.0 -> 10.2.0 when ../shared is present.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compile } from '../compiler/compile.js';
import { type Change, diffSchemas } from '../compiler/diff/compare.js';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin/qapi-ts.cjs');
const shared = resolve(root, '../shared');
const oldCorpus = join(shared, 'corpus/qemu-7.2.0/qapi/qapi-schema.json');
const newCorpus = join(shared, 'corpus/qemu-10.2.0/qapi/qapi-schema.json');
const haveCorpus = existsSync(oldCorpus) && existsSync(newCorpus);
let dir = '';
let n = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qapi-ts-diff-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(text: string): string {
  const file = join(dir, `s${n++}.json`);
  writeFileSync(file, `${text}\n`);
  return file;
}

function diff(oldText: string, newText: string): Change[] {
  const o = compile({ entry: write(oldText) });
  const nn = compile({ entry: write(newText) });
  expect(o.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(nn.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return [...diffSchemas(o.ir!, nn.ir!).changes];
}

const brief = (cs: Change[]) => cs.map((c) => `${c.class} ${c.diagnostic.code} ${c.diagnostic.message}`);

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'diff', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('diff rules', () => {
  test('identical schemas: no changes', () => {
    const s = "{ 'struct': 'S', 'data': { 'a': 'int' } }\n{ 'command': 'c', 'data': { 'x': 'S' }, 'returns': 'S' }";
    expect(diff(s, s)).toEqual([]);
  });

  test('removed and added commands and events', () => {
    const cs = diff("{ 'command': 'gone' }\n{ 'event': 'OLD_EV' }", "{ 'command': 'fresh' }\n{ 'event': 'NEW_EV' }");
    expect(brief(cs)).toEqual([
      "breaking QAPI8001 command 'gone' removed",
      "compatible QAPI8002 command 'fresh' added",
      "breaking QAPI8003 event 'OLD_EV' removed",
      "compatible QAPI8004 event 'NEW_EV' added",
    ]);
    expect(cs[0].diagnostic.severity).toBe('error');
    expect(cs[0].diagnostic.location?.file).toMatch(/s\d+\.json$/);
    expect(cs[1].diagnostic.severity).toBe('info');
  });

  test('arguments: removed member, new required/optional argument, optional made required', () => {
    const cs = diff(
      "{ 'command': 'c', 'data': { 'a': 'int', '*b': 'str', 'gone': 'int' } }",
      "{ 'command': 'c', 'data': { 'a': 'int', 'b': 'str', 'req': 'int', '*opt': 'int' } }",
    );
    expect(brief(cs)).toEqual([
      "breaking QAPI8008 arguments of command 'c': member 'b' made required (sent by clients)",
      "breaking QAPI8005 arguments of command 'c': member 'gone' removed (sent by clients)",
      "breaking QAPI8006 arguments of command 'c': new required member 'req' (sent by clients)",
      "compatible QAPI8007 arguments of command 'c': new optional member 'opt' (sent by clients)",
    ]);
    expect(cs[1].diagnostic.location?.file).toBe(join(dir, `s${n - 2}.json`)); // removal: located in OLD
    expect(cs[0].diagnostic.location?.file).toBe(join(dir, `s${n - 1}.json`)); // else: in NEW
  });

  test('argument made optional is compatible', () => {
    expect(brief(diff("{ 'command': 'c', 'data': { 'a': 'int' } }", "{ 'command': 'c', 'data': { '*a': 'int' } }")))
      .toEqual(["compatible QAPI8009 arguments of command 'c': member 'a' made optional (sent by clients)"]);
  });

  test('replies: member made optional or removed breaks receivers; new member is compatible', () => {
    const cs = diff(
      "{ 'struct': 'R', 'data': { 'a': 'int', 'b': 'int' } }\n{ 'command': 'c', 'returns': 'R' }",
      "{ 'struct': 'R', 'data': { '*a': 'int', 'n': 'int' } }\n{ 'command': 'c', 'returns': 'R' }",
    );
    expect(brief(cs)).toEqual([
      "breaking QAPI8009 struct 'R': member 'a' made optional (received by clients)",
      "breaking QAPI8005 struct 'R': member 'b' removed (received by clients)",
      "compatible QAPI8007 struct 'R': new required member 'n' (received by clients)",
    ]);
  });

  test('event data is what clients receive', () => {
    const cs = diff("{ 'event': 'E', 'data': { 'a': 'int' } }", "{ 'event': 'E', 'data': { '*a': 'int' } }");
    expect(brief(cs)).toEqual(["breaking QAPI8009 data of event 'E': member 'a' made optional (received by clients)"]);
  });

  test('enum values: removed from input breaks, added to a reply is compatible with a note', () => {
    const cs = diff(
      "{ 'enum': 'In', 'data': [ 'a', 'b' ] }\n{ 'enum': 'Out', 'data': [ 'x' ] }\n"
      + "{ 'command': 'c', 'data': { 'v': 'In' }, 'returns': ['Out'] }",
      "{ 'enum': 'In', 'data': [ 'a', 'c' ] }\n{ 'enum': 'Out', 'data': [ 'x', 'y' ] }\n"
      + "{ 'command': 'c', 'data': { 'v': 'In' }, 'returns': ['Out'] }",
    );
    expect(brief(cs)).toEqual([
      "breaking QAPI8010 enum 'In': value 'b' removed (sent by clients)",
      "compatible QAPI8011 enum 'In': value 'c' added (sent by clients)",
      "compatible QAPI8011 enum 'Out': value 'y' added (received by clients); clients must tolerate values they do not know",
    ]);
  });

  test('enum value removed from a reply is compatible', () => {
    const cs = diff(
      "{ 'enum': 'Out', 'data': [ 'x', 'y' ] }\n{ 'struct': 'R', 'data': { 'e': 'Out' } }\n{ 'command': 'c', 'returns': 'R' }",
      "{ 'enum': 'Out', 'data': [ 'x' ] }\n{ 'struct': 'R', 'data': { 'e': 'Out' } }\n{ 'command': 'c', 'returns': 'R' }",
    );
    expect(brief(cs)).toEqual(["compatible QAPI8010 enum 'Out': value 'y' removed (received by clients)"]);
  });

  test('type changes: incompatible, widened by an alternate, enum -> str', () => {
    const cs = diff(
      "{ 'enum': 'E', 'data': [ 'a' ] }\n{ 'command': 'c', 'data': { 'n': 'int', 'w': 'int', 'e': 'E' } }",
      "{ 'alternate': 'A', 'data': { 'i': 'int', 's': 'str' } }\n"
      + "{ 'command': 'c', 'data': { 'n': 'str', 'w': 'A', 'e': 'str' } }",
    );
    expect(brief(cs)).toEqual([
      "breaking QAPI8012 arguments of command 'c', member 'n': type changed from 'int' to 'str' (sent by clients)",
      "compatible QAPI8013 arguments of command 'c', member 'w': type changed compatibly from 'int' to alternate 'A' (sent by clients)",
      "compatible QAPI8013 arguments of command 'c', member 'e': type changed compatibly from enum 'E' to 'str' (sent by clients)",
    ]);
  });

  test('integer widths: narrowing what clients send or widening what they receive breaks', () => {
    const cs = diff(
      "{ 'struct': 'R', 'data': { 'small': 'uint8', 'big': 'int64' } }\n"
      + "{ 'command': 'c', 'data': { 'a': 'int64', 'b': 'uint8' }, 'returns': 'R' }",
      "{ 'struct': 'R', 'data': { 'small': 'uint16', 'big': 'int32' } }\n"
      + "{ 'command': 'c', 'data': { 'a': 'int32', 'b': 'size' }, 'returns': 'R' }",
    );
    expect(brief(cs).sort()).toEqual([
      "breaking QAPI8012 arguments of command 'c', member 'a': type changed from 'int64' to 'int32' (sent by clients)",
      "breaking QAPI8012 struct 'R', member 'small': type changed from 'uint8' to 'uint16' (received by clients)",
      "compatible QAPI8013 arguments of command 'c', member 'b': type changed compatibly from 'uint8' to 'size' (sent by clients)",
      "compatible QAPI8013 struct 'R', member 'big': type changed compatibly from 'int64' to 'int32' (received by clients)",
    ]);
  });

  test('a reply widened to an alternate breaks receivers', () => {
    const cs = diff(
      "{ 'struct': 'R', 'data': { 'v': 'int' } }\n{ 'command': 'c', 'returns': 'R' }",
      "{ 'alternate': 'A', 'data': { 'i': 'int', 's': 'str' } }\n{ 'struct': 'R', 'data': { 'v': 'A' } }\n{ 'command': 'c', 'returns': 'R' }",
    );
    expect(cs.map((c) => `${c.class} ${c.diagnostic.code}`)).toEqual(['breaking QAPI8012']);
  });

  test('a type renamed alone is a source-level change', () => {
    const cs = diff(
      "{ 'struct': 'OldName', 'data': { 'a': 'int' } }\n{ 'command': 'c', 'data': { 'x': 'OldName' } }",
      "{ 'struct': 'NewName', 'data': { 'a': 'int' } }\n{ 'command': 'c', 'data': { 'x': 'NewName' } }",
    );
    expect(brief(cs)).toEqual([
      "source QAPI8014 type 'OldName' renamed to 'NewName' (same on the wire; generated TypeScript names change)",
    ]);
    expect(cs[0].diagnostic.severity).toBe('warning');
  });

  test('features gained and lost', () => {
    const cs = diff(
      "{ 'command': 'c', 'data': { 'a': { 'type': 'int', 'features': [ 'unstable' ] } } }",
      "{ 'command': 'c', 'data': { 'a': 'int' }, 'features': [ 'deprecated' ] }",
    );
    expect(brief(cs)).toEqual([
      "feature QAPI8015 command 'c': gained feature 'deprecated'",
      "feature QAPI8016 arguments of command 'c', member 'a': lost feature 'unstable'",
    ]);
  });

  test('unions: branches compared by tag value; recursion terminates', () => {
    const cs = diff(
      "{ 'enum': 'K', 'data': [ 'a', 'b' ] }\n{ 'struct': 'A', 'data': { 'x': 'int', '*next': 'U' } }\n"
      + "{ 'union': 'U', 'base': { 'kind': 'K' }, 'discriminator': 'kind', 'data': { 'a': 'A' } }\n"
      + "{ 'command': 'c', 'data': { 'u': 'U' } }",
      "{ 'enum': 'K', 'data': [ 'a', 'b' ] }\n{ 'struct': 'A', 'data': { 'x': 'int', 'y': 'int', '*next': 'U' } }\n"
      + "{ 'union': 'U', 'base': { 'kind': 'K' }, 'discriminator': 'kind', 'data': { 'a': 'A' } }\n"
      + "{ 'command': 'c', 'data': { 'u': 'U' } }",
    );
    expect(brief(cs)).toEqual(["breaking QAPI8006 struct 'A': new required member 'y' (sent by clients)"]);
  });
});

describe('qapi-ts diff (CLI)', () => {
  let a = '';
  let b = '';
  beforeAll(() => {
    a = write("{ 'command': 'gone' }\n{ 'struct': 'T', 'data': {} }\n{ 'command': 'c', 'data': { 'x': 'T' } }");
    b = write("{ 'struct': 'T2', 'data': {} }\n{ 'command': 'c', 'data': { 'x': 'T2' } }");
  });

  test('human: summary, grouped list, exit 1 on breaking', () => {
    const r = run(a, b);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('2 changes: 1 breaking, 1 source-level, 0 feature, 0 compatible');
    expect(r.stdout).toContain('removed: 1 commands, 0 events, 0 members, 0 enum values');
    expect(r.stdout).toContain("QAPI8001 command 'gone' removed");
    expect(r.stdout).toContain('Source-level');
  });

  test('--fail-on never / source', () => {
    expect(run('--fail-on', 'never', a, b).status).toBe(0);
    expect(run('--fail-on', 'source', b, b).status).toBe(0);
    const renameOnly = write("{ 'struct': 'T', 'data': {} }\n{ 'command': 'c', 'data': { 'x': 'T' } }");
    expect(run(renameOnly, b).status).toBe(0);
    expect(run('--fail-on', 'source', renameOnly, b).status).toBe(1);
  });

  test('json, sarif, github', () => {
    const j = JSON.parse(run('--format', 'json', a, b).stdout) as {
      summary: { classes: Record<string, number> }; changes: { class: string; code: string }[]; diagnostics: unknown[];
    };
    expect(j.summary.classes.breaking).toBe(1);
    expect(j.changes.map((c) => `${c.class} ${c.code}`)).toEqual(['breaking QAPI8001', 'source QAPI8014']);
    expect(j.diagnostics).toHaveLength(2);
    const sarif = JSON.parse(run('--format', 'sarif', a, b).stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0].results.map((x) => x.ruleId)).toEqual(['QAPI8001', 'QAPI8014']);
    const gh = run('--format', 'github', a, b).stdout;
    expect(gh).toMatch(/^::error .*QAPI8001/m);
    expect(gh).toMatch(/^::warning .*QAPI8014/m);
  });

  test('usage errors exit 2; --help has examples', () => {
    expect(run('--format', 'xml', a, b).status).toBe(2);
    expect(run('--fail-on', 'sometimes', a, b).status).toBe(2);
    expect(run(a).status).toBe(2);
    const h = run('--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('Examples:');
  });

  test('a schema with errors: exit 1 with its diagnostics', () => {
    const bad = write("{ 'command': }");
    const r = run(bad, b);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error QAPI');
  });
});

(haveCorpus ? describe : describe.skip)('QEMU 7.2.0 -> 10.2.0', () => {
  test('lists the removed commands, events, members and enum values, classified', () => {
    const r = run('--format', 'json', oldCorpus, newCorpus);
    expect(r.status).toBe(1);
    const { summary, changes } = JSON.parse(r.stdout) as {
      summary: { total: number; classes: Record<string, number>; removed: Record<string, number>; added: Record<string, number> };
      changes: { class: string; kind: string; action: string; name: string; where?: string; direction?: string }[];
    };
    const removed = (kind: string) => changes.filter((c) => c.kind === kind && c.action === 'removed');
    // Commands and events QEMU removed between 7.2 and 10.2, each breaking.
    const cmds = removed('command');
    expect(cmds.map((c) => c.name).sort()).toEqual(['x-query-opcount', 'x-query-profile', 'x-query-rdma']);
    expect(removed('event').map((c) => c.name).sort()).toEqual(['MEM_UNPLUG_ERROR', 'RDMA_GID_STATUS_CHANGED']);
    for (const c of [...cmds, ...removed('event'), ...removed('member')]) expect(c.class).toBe('breaking');
    // Members: the block migration and compression parameters, trace's vcpu.
    const members = removed('member').map((c) => `${c.where}.${c.name}`);
    expect(members).toContain("arguments of command 'migrate'.blk");
    expect(members).toContain("arguments of command 'migrate'.inc");
    expect(members).toContain("struct 'MigrateSetParameters'.compress-level");
    expect(members).toContain("arguments of command 'trace-event-set-state'.vcpu");
    // Enum values: MigrationCapability 'block' and 'compress', sent by clients: breaking.
    const values = removed('enum-value');
    const sent = values.filter((c) => c.direction === 'send').map((c) => `${c.where}.${c.name}`);
    expect(sent).toEqual(expect.arrayContaining(["enum 'MigrationCapability'.block", "enum 'MigrationCapability'.compress"]));
    for (const c of values) expect(c.class).toBe(c.direction === 'send' ? 'breaking' : 'compatible');
    // Renames invisible on the wire, e.g. the QCrypto*Algorithm -> *Algo enums.
    expect(changes).toContainEqual(expect.objectContaining({ class: 'source', kind: 'type', name: 'QCryptoHashAlgorithm' }));
    expect(summary.removed.commands).toBe(3);
    expect(summary.removed.events).toBe(2);
    process.stdout.write(`qapi-ts diff 7.2.0 -> 10.2.0: ${JSON.stringify(summary)}\n`);
  });
});

/**
 * `qapi-ts lint --format ...` through the real binary on a fixture with
 * independent errors in three files: every format reports all of them;
 * SARIF validates against the SARIF 2.1.0 JSON Schema.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);
const cli = resolve(import.meta.dirname, '../bin/qapi-ts.cjs');
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qapi-ts-formats-'));
  writeFileSync(join(dir, 'main.json'), [
    "{ 'include': 'a.json' }",
    "{ 'include': 'b.json' }",
    "{ 'struct': 'lower', 'data': {} }",
    "{ 'enum': 'E', 'data': [ 'x' ] }",
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'a.json'), "{ 'command': 'Bad', 'data': {} }\n{ 'struct': 'Ok', 'data': { 'a': 'int' } }\n");
  writeFileSync(join(dir, 'b.json'), "{ 'event': 'lower-case' }\n{ 'struct': 'Fine', 'data': { 'b': 'int' }, 'bogus': true }\n");
  writeFileSync(join(dir, 'clean.json'), "{ 'struct': 'Fine', 'data': { 'b': 'int' } }\n{ 'command': 'get-fine', 'returns': 'Fine' }\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// --strict: these are QEMU 10.2's errors (without it, the naming rules older releases lacked are warnings).
const lint = (...args: string[]) =>
  spawnSync(process.execPath, [cli, 'lint', '--strict', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

const expected = [
  ['a.json', 1, 'QAPI4005'],
  ['b.json', 1, 'QAPI4004'],
  ['b.json', 2, 'QAPI4009'],
  ['main.json', 3, 'QAPI4006'],
  ['main.json', 4, 'QAPI4006'],
] as const;

describe('lint output formats', () => {
  test('human: five independent errors in three files in one run, with excerpts', () => {
    const r = lint('main.json');
    expect(r.status).toBe(1);
    for (const [file, line, code] of expected) expect(r.stderr).toContain(`${file}:${line}: error ${code}:`);
    expect(r.stderr).toContain('In file included from main.json:2:');
    expect(r.stderr).toContain("1 | { 'command': 'Bad', 'data': {} }");
    expect(r.stderr).toMatch(/5 errors, 0 warnings\n$/);
    expect(r.stderr).not.toContain('\x1b[');
  });

  test('json', () => {
    const r = lint('--format', 'json', 'main.json');
    expect(r.status).toBe(1);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: { code: string; location: { file: string; line: number } }[] };
    expect(diagnostics.map((d) => [d.location.file, d.location.line, d.code])).toEqual(expected);
  });

  test('github annotations', () => {
    const r = lint('--format', 'github', 'main.json');
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe("::error file=a.json,line=1,title=qapi-ts QAPI4005::name of command must not use uppercase or '_'");
    expect(lines[2]).toContain("struct has unknown key 'bogus'%0AValid keys are");
  });

  test('sarif validates against the SARIF 2.1.0 schema', () => {
    const r = lint('--format', 'sarif', 'main.json');
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string }[] }[] };
    // The published schema is draft-04; its only draft-04-specific keyword
    // is `id` (now `$id`), so it is adapted for Ajv 8 here.
    const { $schema: _draft, id, ...schema } = JSON.parse(
      readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as Record<string, unknown>;
    Object.assign(schema, { $id: id });
    const ajv = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate.errors ?? null).toBeNull();
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results.map((x) => x.ruleId)).toEqual(expected.map((e) => e[2]));
  });

  test('a clean schema exits 0 and prints nothing', () => {
    for (const format of ['human', 'json', 'github']) {
      const r = lint('--format', format, 'clean.json');
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
    }
  });
});

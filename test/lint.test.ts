/**
 * `qapi-ts lint` as a CI gate, through the real binary on fixture repos in
 * temporary folders: levels, rule settings from the configuration and the
 * command line, ignored paths and definitions, suppression comments,
 * --print-config-ignores round trips, --max-warnings, --list-rules, SARIF
 * with rule metadata. On QEMU's schemas (skipped without ../shared): strict
 * lint rejects exactly what QEMU 10.2 rejects, and the example findings on
 * 10.2 are the hand-checked list.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, basename } from 'node:path';
import { Ajv } from 'ajv';
import { compile } from '../compiler/compile.js';
import { lintSchema } from '../compiler/lint/lint.js';
import { defaultLintSettings } from '../compiler/lint/lint-settings.js';
import { LINT_RULES } from '../compiler/lint/registry.js';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin/qapi-ts.cjs');
const shared = resolve(root, '../shared');
const corpus = join(shared, 'corpus');
const conformance = join(shared, 'conformance/qemu-10.2-tests');
let dir = '';

// A repo with a main schema and an included legacy file; each has findings of several rules.
const MAIN = `{ 'include': 'legacy/old.json' }

##
# @Point:
#
# A point on the screen, in pixels from the top left corner of the screen.
#
# @x: abscissa
#
# @y: ordinate
##
{ 'struct': 'Point', 'data': { 'x': 'int', 'y': 'int' } }

##
# @get-point:
#
# Returns the point. Nothing else.
#
# Since: 1.0
#
# .. qmp-example::
#
#     -> { "execute": "get-point" }
#     <- { "return": { "x": 1 } }
##
{ 'command': 'get-point', 'returns': 'Point' }
`;
const OLD = `{ 'type': 'Old', 'data': { 'a': 'int' } }
{ 'command': 'get-old', 'returns': 'Old' }
`;

function run(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [cli, 'lint', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function repo(name: string, config?: object): string {
  const d = join(dir, name);
  mkdirSync(join(d, 'legacy'), { recursive: true });
  writeFileSync(join(d, 'main.json'), MAIN);
  writeFileSync(join(d, 'legacy/old.json'), OLD);
  if (config) writeFileSync(join(d, 'qapi.config.json'), JSON.stringify({ schema: 'main.json', ...config }));
  return d;
}

const codes = (stderr: string) => [...stderr.matchAll(/: (?:warning|error|info) (QAPI\d+)/g)].map((m) => m[1]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qapi-ts-lint-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('levels', () => {
  test('default: QEMU doc style and our rules as warnings, exit 0', () => {
    const r = run(repo('levels-default'), 'main.json');
    expect(r.status).toBe(0);
    expect(codes(r.stderr)).toEqual(['QAPI3005', 'QAPI3006', 'QAPI6003', 'QAPI9010', 'QAPI9005']);
    expect(r.stderr).toContain('main.json:24: warning QAPI9005 [example-valid]: example reply of \'get-point\' does not match the schema');
    expect(r.stderr).toMatch(/0 errors, 5 warnings\n$/);
  });

  test('minimal: only what keeps generated code right', () => {
    const r = run(repo('levels-minimal'), '--level', 'minimal', 'main.json');
    expect(r.status).toBe(0);
    expect(codes(r.stderr)).toEqual(['QAPI6003']);
  });

  test('strict: QEMU 10.2 exactly (its first error in the unit), exit 1', () => {
    const r = run(repo('levels-strict'), '--strict', 'main.json');
    expect(r.status).toBe(1);
    expect(codes(r.stderr)).toEqual(['QAPI3005']);
    expect(run(repo('levels-strict2'), '--level', 'strict', 'main.json').status).toBe(1);
  });

  test('--strict with another --level is a usage error', () => {
    const r = run(repo('levels-both'), '--strict', '--level', 'minimal', 'main.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--strict contradicts --level minimal');
  });
});

describe('rule settings', () => {
  test('configuration raises a rule to error; a code setting wins over its rule', () => {
    const d = repo('settings', { lint: { rules: { 'example-valid': 'error', 'doc-line-length': 'off', QAPI3006: 'info', 'since-required': false } } });
    const r = run(d);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error QAPI9005 [example-valid]');
    expect(r.stderr).toContain('info QAPI3006 [doc-sentence-spacing]');
    expect(codes(r.stderr)).toEqual(['QAPI3006', 'QAPI6003', 'QAPI9005']);
  });

  test('--rule overrides the configuration', () => {
    const d = repo('settings-flag', { lint: { rules: { 'example-valid': 'error' } } });
    const r = run(d, '--rule', 'example-valid=warning', '--rule', 'QAPI3005=off');
    expect(r.status).toBe(0);
    expect(codes(r.stderr)).toEqual(['QAPI3006', 'QAPI6003', 'QAPI9010', 'QAPI9005']);
  });

  test('--max-warnings 0 fails on warnings', () => {
    const r = run(repo('max-warnings'), '--max-warnings', '0', 'main.json');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('more than 0 warnings (--max-warnings)');
    expect(run(repo('max-warnings-ok'), '--max-warnings', '5', 'main.json').status).toBe(0);
  });

  test.each([
    [{ rules: { 'since-requird': 'error' } }, "'lint.rules.since-requird': no lint rule or code 'since-requird'"],
    [{ rules: { 'since-required': 'loud' } }, "'lint.rules.since-required' must be one of 'off', 'on', 'info', 'warning', 'error', true or false"],
    [{ level: 'pedantic' }, "'lint.level' must be one of 'minimal', 'default', 'strict'"],
    [{ ignore: 'legacy' }, "'lint.ignore' must be a list of strings"],
    [{ ignoreOnly: { nope: ['x'] } }, "'lint.ignoreOnly.nope': no lint rule or code 'nope'"],
    [{ colour: true }, "unknown key 'lint.colour'"],
  ])('bad configuration %j is a usage error naming the key', (lint, message) => {
    const r = run(repo(`bad-config-${Math.random().toString(36).slice(2)}`, { lint }));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('--rule with an unknown rule is a usage error', () => {
    const r = run(repo('bad-flag'), '--rule', 'nope=off', 'main.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'--rule nope': no lint rule or code 'nope'");
  });
});

describe('ignores', () => {
  test('ignore: a directory of legacy files', () => {
    const r = run(repo('ignore-dir', { lint: { ignore: ['legacy'] } }));
    expect(codes(r.stderr)).toEqual(['QAPI3005', 'QAPI3006', 'QAPI9010', 'QAPI9005']);
    expect(r.stderr).toContain('1 finding suppressed by comments or configuration');
  });

  test('ignoreOnly: a rule in files matching a glob, and a rule on one definition', () => {
    const r = run(repo('ignore-only', { lint: { ignoreOnly: { 'legacy-syntax': ['**/*.json'], QAPI3005: ['main.json#Point'], 'example-valid': ['main.json#Point'] } } }));
    expect(codes(r.stderr)).toEqual(['QAPI3006', 'QAPI9010', 'QAPI9005']);
  });

  test('--print-config-ignores prints the configuration that makes the schema pass', () => {
    const d = repo('adopt', { lint: { level: 'strict', rules: {} } });
    // At strict the schema is invalid for QEMU: those errors cannot be ignored.
    const strict = run(d, '--print-config-ignores');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('error QAPI3005');
    writeFileSync(join(d, 'qapi.config.json'), JSON.stringify({ schema: 'main.json' }));
    const r = run(d, '--print-config-ignores');
    expect(r.status).toBe(0);
    const snippet = JSON.parse(r.stdout) as { lint: { ignoreOnly: Record<string, string[]> } };
    expect(snippet.lint.ignoreOnly).toEqual({
      'doc-line-length': ['main.json#Point'],
      'doc-sentence-spacing': ['main.json#get-point'],
      'example-valid': ['main.json#get-point'],
      'legacy-syntax': ['legacy/old.json#Old'],
      'since-required': ['main.json#Point'],
    });
    writeFileSync(join(d, 'qapi.config.json'), JSON.stringify({ schema: 'main.json', ...snippet }));
    const after = run(d, '--max-warnings', '0');
    expect(after.status).toBe(0);
    expect(after.stderr).toBe('5 findings suppressed by comments or configuration\n');
  });
});

describe('suppression comments', () => {
  test('a comment before the doc comment or the definition suppresses the named rules there only', () => {
    const d = repo('comments');
    writeFileSync(join(d, 'main.json'), MAIN
      .replace('##\n# @Point:', '# qapi-ts-lint-disable doc-line-length, since-required: long lines kept from 1.0\n##\n# @Point:')
      .replace("{ 'command': 'get-point'", "# qapi-ts-lint-disable QAPI9005: the reply is abbreviated on purpose\n{ 'command': 'get-point'"));
    const r = run(d, 'main.json');
    expect(codes(r.stderr)).toEqual(['QAPI3006', 'QAPI6003']);
    expect(r.stderr).toContain('3 findings suppressed');
  });
});

describe('suppression comments at the minimal level (linted without our rules)', () => {
  test('still scope to their definition', () => {
    const d = repo('comments-minimal');
    writeFileSync(join(d, 'legacy/old.json'), `# qapi-ts-lint-disable legacy-syntax: kept as 1.x wrote it\n${OLD}{ 'type': 'Old2', 'data': {} }\n`);
    const r = run(d, '--level', 'minimal', 'main.json');
    expect(codes(r.stderr)).toEqual(['QAPI6003']);
    expect(r.stderr).toContain("'type' is the old name of 'struct'; write { 'struct': 'Old2', ... }");
    expect(r.stderr).toContain('1 finding suppressed');
  });
});

describe('--list-rules', () => {
  test('text lists every rule with its level; json adds descriptions', () => {
    const text = run(dir, '--list-rules');
    expect(text.status).toBe(0);
    for (const rule of LINT_RULES) expect(text.stdout).toMatch(new RegExp(`^${rule.id} +${rule.level} `, 'm'));
    const json = JSON.parse(run(dir, '--list-rules', '--format', 'json').stdout) as { rules: { id: string; description: string }[] };
    expect(json.rules.map((r) => r.id)).toEqual(LINT_RULES.map((r) => r.id));
    expect(json.rules.every((r) => r.description.length > 80)).toBe(true);
  });
});

describe('output formats carry the rule', () => {
  test('sarif: valid SARIF 2.1.0, with the rule ID and descriptions in the driver', () => {
    const r = run(repo('sarif'), '--format', 'sarif', 'main.json');
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; name?: string; fullDescription?: { text: string } }[] } } }[] };
    const { $schema: _draft, id, ...schema } = JSON.parse(
      readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as Record<string, unknown>;
    Object.assign(schema, { $id: id });
    const validate = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    expect(validate(log)).toBe(true);
    const rule = log.runs[0].tool.driver.rules.find((x) => x.id === 'QAPI9005');
    expect(rule?.name).toBe('example-valid');
    expect(rule?.fullDescription?.text).toContain('decoded');
  });

  test('github: the rule in the annotation title', () => {
    const r = run(repo('github'), '--format', 'github', 'main.json');
    expect(r.stdout).toContain('title=qapi-ts QAPI9005 (example-valid)::example reply of \'get-point\'');
  });
});

const haveShared = existsSync(conformance) && existsSync(corpus);

/** The entry points of ../shared/corpus/README.md. */
const CORPUS_ENTRIES = [
  'qemu-1.2.0/qapi-schema.json', 'qemu-1.2.0/qapi-schema-guest.json',
  'qemu-2.9.0/qapi-schema.json', 'qemu-2.9.0/qga/qapi-schema.json',
  'qemu-5.0.0/qapi/qapi-schema.json', 'qemu-5.0.0/qga/qapi-schema.json', 'qemu-5.0.0/storage-daemon/qapi/qapi-schema.json',
  'qemu-7.2.0/qapi/qapi-schema.json', 'qemu-7.2.0/qga/qapi-schema.json', 'qemu-7.2.0/storage-daemon/qapi/qapi-schema.json',
  'qemu-10.2.0/qapi/qapi-schema.json', 'qemu-10.2.0/qga/qapi-schema.json', 'qemu-10.2.0/storage-daemon/qapi/qapi-schema.json',
];

describe('against QEMU (skipped without ../shared)', () => {
  (haveShared ? test : test.skip)('strict lint rejects exactly the cases QEMU 10.2 rejects, with its errors', () => {
    const cases = readdirSync(conformance).filter((f) => f.endsWith('.json') && existsSync(join(conformance, f.replace(/\.json$/, '.err')))).sort();
    expect(cases.length).toBeGreaterThan(100);
    for (const c of cases) {
      const entry = join(conformance, c);
      const result = compile({ entry, strict: true });
      const linted = lintSchema(result, defaultLintSettings(conformance, 'strict'));
      const errors = linted.diagnostics.filter((d) => d.severity === 'error');
      expect([c, errors]).toEqual([c, result.diagnostics.filter((d) => d.severity === 'error')]);
      const qemuRejects = readFileSync(join(conformance, c.replace(/\.json$/, '.err')), 'utf8') !== '';
      expect([c, errors.length > 0]).toEqual([c, qemuRejects]);
    }
  });

  // Every example-valid finding on QEMU 10.2's schema, checked by hand (see the closing note of the lint issue).
  const EXAMPLE_FINDINGS_10_2 = [
    'block-core.json:866 QAPI9005', 'block-core.json:1270 QAPI9001', 'block-core.json:2052 QAPI9005',
    'migration.json:351 QAPI9005', 'migration.json:378 QAPI9005', 'migration.json:400 QAPI9005',
    'migration.json:1813 QAPI9004', 'migration.json:2306 QAPI9008', 'migration.json:2313 QAPI9008',
    'migration.json:2356 QAPI9004', 'migration.json:2380 QAPI9001', 'trace.json:60 QAPI9005',
    'machine.json:114 QAPI9005', 'machine.json:1817 QAPI9004', 'misc.json:117 QAPI9005', 'misc.json:565 QAPI9007',
    'misc-i386.json:139 QAPI9005', 'misc-i386.json:361 QAPI9005', 'pci.json:190 QAPI9005', 'virtio.json:278 QAPI9005',
  ];

  (haveShared ? test : test.skip)('example-valid on QEMU 10.2 finds exactly the hand-checked doc bugs', () => {
    const dirOf = join(corpus, 'qemu-10.2.0/qapi');
    const result = compile({ entry: join(dirOf, 'qapi-schema.json') });
    const settings = { ...defaultLintSettings(dirOf), rules: { 'example-valid': 'on' as const } };
    const found = lintSchema(result, settings).diagnostics
      .filter((d) => d.rule === 'example-valid')
      .map((d) => `${basename(d.location!.file)}:${d.location!.line} ${d.code}`);
    expect(found).toEqual(EXAMPLE_FINDINGS_10_2);
  });

  (haveShared ? test : test.skip)('every QEMU release\'s schema lints at the default level without errors', () => {
    for (const entry of CORPUS_ENTRIES) {
      const result = compile({ entry: join(corpus, entry) });
      const linted = lintSchema(result, defaultLintSettings(corpus));
      expect([entry, linted.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)]).toEqual([entry, []]);
    }
  });
});

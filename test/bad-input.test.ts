/**
 * Hostile input through the real binary: every case must end quickly with a
 * clear error naming the file (and line and column where there is one),
 * exit status 1, and no stack trace.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(import.meta.dirname, '../bin/qapi-ts.cjs');
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qapi-ts-bad-'));
  writeFileSync(join(dir, 'utf8.json'), Buffer.concat([Buffer.from("{ 'enum': 'Foo',\n  'data': [ 'a"), Buffer.from([0xc3, 0x28]), Buffer.from("' ] }\n")]));
  // Deterministic "binary": every byte value, NUL included.
  writeFileSync(join(dir, 'binary.json'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)));
  mkdirSync(join(dir, 'adir'));
  writeFileSync(join(dir, 'includes-dir.json'), "{ 'include': 'adir' }\n");
  writeFileSync(join(dir, 'big.json'), Buffer.alloc(50 * 1024 * 1024, '# filler\n'));
  writeFileSync(join(dir, 'deep.json'), `{ 'struct': 'Foo', 'data': ${'['.repeat(100000)}\n`);
  writeFileSync(join(dir, 'nul.json'), "{ 'struct': 'Foo',\n  'data': { 'a': 'int' } }\u0000\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases: [string, string, RegExp][] = [
  ['invalid UTF-8', 'utf8.json', /utf8\.json:2:15: error QAPI2003: invalid UTF-8 byte sequence \(starting with byte 0xc3\)/],
  ['a binary file', 'binary.json', /binary\.json:1:\d+: error QAPI\d{4}: /],
  ['a directory', 'adir', /can't read schema file '.*adir': Is a directory/],
  ['a directory as include', 'includes-dir.json', /includes-dir\.json:1: error QAPI2002: can't read include file '.*adir': Is a directory/],
  ['a missing file', 'missing.json', /can't read schema file '.*missing\.json': No such file or directory/],
  ['a 50 MB file', 'big.json', /can't read schema file '.*big\.json': File too large/],
  ['deeply nested brackets', 'deep.json', /deep\.json:1:\d+: error QAPI1018: nesting deeper than 1000 levels/],
  ['a NUL byte', 'nul.json', /nul\.json:2:27: error QAPI1004: stray '\\x00'/],
];

describe('bad input gets a clear error, never a stack trace or a hang', () => {
  test.each(cases)('%s', (_what, file, message) => {
    const r = spawnSync(process.execPath, [cli, 'lint', join(dir, file)], { encoding: 'utf8', timeout: 20000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(r.stdout).toBe('');
  });
});

describe('usage errors', () => {
  test('unknown command exits 2', () => {
    const r = spawnSync(process.execPath, [cli, 'frobnicate'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
  });
  test('unknown format exits 2', () => {
    const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'xml', 'x.json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
  });
});

/**
 * bin/qapi-ts.cjs loads the bundle through a V8 code cache in the user's
 * cache directory: created on the first run of a command (private to the
 * user), used by the next, and a damaged or foreign cache never changes
 * what the CLI does.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin/qapi-ts.cjs');
let cacheHome = '';

beforeAll(() => {
  cacheHome = mkdtempSync(join(tmpdir(), 'qapi-ts-cache-'));
});
afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

const run = (env: Record<string, string>) => spawnSync(process.execPath, [cli, 'ir', '--format', 'qemu-test', 'schema/qapi-schema.json'],
  { cwd: root, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env }, maxBuffer: 1 << 26 });

test('the first run writes a private cache, later runs use it, and output never depends on it', () => {
  const plain = run({ QAPI_TS_NO_CODE_CACHE: '1' });
  expect(plain.status).toBe(0);
  expect(readdirSync(cacheHome)).toEqual([]);

  const first = run({});
  const dir = join(cacheHome, 'qapi-ts');
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  expect(statSync(join(dir, files[0])).mode & 0o777).toBe(0o600);
  const second = run({});
  expect([first.stdout, second.stdout, first.stderr, second.stderr]).toEqual([plain.stdout, plain.stdout, '', '']);

  // A damaged cache is rejected by V8 and replaced; the run is unaffected.
  writeFileSync(join(dir, files[0]), 'not a code cache');
  const damaged = run({});
  expect([damaged.status, damaged.stdout, damaged.stderr]).toEqual([0, plain.stdout, '']);
  expect(statSync(join(dir, files[0])).size).toBeGreaterThan(1000);
});

test('an unwritable cache directory is no error', () => {
  writeFileSync(join(cacheHome, 'file'), '');
  const r = run({ XDG_CACHE_HOME: join(cacheHome, 'file') });
  expect([r.status, r.stderr]).toEqual([0, '']);
});

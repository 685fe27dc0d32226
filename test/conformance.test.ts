/**
 * QEMU's own frontend regression cases and QEMU 10.2's schemas, run through
 * the real CLI. Skips cleanly when ../shared (QEMU's test data) is absent.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '../shared');
const cli = join(root, 'bin/qapi-ts.cjs');
const cases = join(shared, 'conformance/qemu-10.2-tests');
const haveShared = existsSync(cases);

describe('QEMU 10.2 frontend conformance', () => {
  (haveShared ? test : test.skip)('every case matches QEMU byte for byte', () => {
    const r = spawnSync(process.execPath, [
      join(shared, 'tools/qemu-conformance.mjs'), '--dir', cases, '--json', '--',
      process.execPath, cli, 'ir', '--format', 'qemu-test', '{}',
    ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const results = JSON.parse(r.stdout) as { name: string; exact: boolean }[];
    expect(results.filter((c) => !c.exact).map((c) => c.name)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(117);
  });
});

const corpus = join(shared, 'corpus/qemu-10.2.0');
const expected = join(shared, 'corpus-expected/qemu-10.2.0');
const schemas: [string, string][] = [
  ['qapi', 'qapi/qapi-schema.json'],
  ['qga', 'qga/qapi-schema.json'],
  ['storage-daemon', 'storage-daemon/qapi/qapi-schema.json'],
];

describe('QEMU 10.2 schemas dump exactly as QEMU does', () => {
  for (const [name, entry] of schemas) {
    (haveShared && existsSync(join(expected, `${name}.out`)) ? test : test.skip)(name, () => {
      const r = spawnSync(process.execPath, [cli, 'ir', '--format', 'qemu-test', entry], {
        cwd: corpus, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout === readFileSync(join(expected, `${name}.out`), 'utf8')).toBe(true);
    });
  }
});

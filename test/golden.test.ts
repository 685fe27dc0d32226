/**
 * Golden files for emitters run on the project's own schema (schema/).
 * Regenerate after an intended change with: UPDATE_GOLDEN=1 npm test
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin/qapi-ts.cjs');
const update = process.env.UPDATE_GOLDEN === '1';

const goldens: [string, string[]][] = [
  ['schema.ir.json', ['ir', '--format', 'json', 'schema/qapi-schema.json']],
  ['schema.qemu-test.out', ['ir', '--format', 'qemu-test', 'schema/qapi-schema.json']],
];

describe('golden files', () => {
  test.each(goldens)('%s', (file, args) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const path = join(root, 'test/golden', file);
    if (update || !existsSync(path)) writeFileSync(path, r.stdout);
    expect(r.stdout).toBe(readFileSync(path, 'utf8'));
  });

  test('the IR is versioned', () => {
    const ir = JSON.parse(readFileSync(join(root, 'test/golden/schema.ir.json'), 'utf8')) as { version: number };
    expect(ir.version).toBe(1);
  });
});

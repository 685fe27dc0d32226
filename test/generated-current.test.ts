/**
 * generated/ holds everything qapi-ts makes of schema/ (qapi.config.json
 * says so). CI fails here when it is stale: regenerate with
 * `node bin/qapi-ts.cjs generate` (and `docs schema/qapi-schema.json -o
 * generated/docs`) and commit. It must also compile.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { typeCheck } from './support/type-check.js';

const root = resolve(import.meta.dirname, '..');
const generated = join(root, 'generated');

describe('generated/', () => {
  test('is current (qapi-ts generate --check)', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/qapi-ts.cjs'), 'generate', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('docs are current (qapi-ts docs --check)', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/qapi-ts.cjs'), 'docs', 'schema/qapi-schema.json', '-o', 'generated/docs', '--check'],
      { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('compiles under tsc --strict', () => {
    expect(typeCheck(generated)).toEqual([]);
  }, 60000);
});

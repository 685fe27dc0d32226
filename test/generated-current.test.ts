/**
 * generated/ holds everything qapi-ts makes of schema/ (qapi.config.json
 * says so). CI fails here when it is stale: regenerate with
 * `node bin/qapi-ts.cjs generate` and commit. It must also compile.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const generated = join(root, 'generated');

describe('generated/', () => {
  test('is current (qapi-ts generate --check)', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/qapi-ts.cjs'), 'generate', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('compiles under tsc --strict', () => {
    const files = readdirSync(generated).filter((f) => f.endsWith('.ts')).map((f) => join(generated, f));
    const program = ts.createProgram(files, {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true,
      types: ['node'], typeRoots: [join(root, 'node_modules/@types')],
      paths: { 'qapi-ts/runtime': [join(root, 'runtime/index.ts')] },
    });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  }, 60000);
});

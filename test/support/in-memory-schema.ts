/** Compiling schemas held in memory (fixtures written inline in tests). */
import { expect } from '@jest/globals';
import { basename } from 'node:path';
import { compile } from '../../compiler/compile.js';
import type { IrSchema } from '../../compiler/ir/types.js';

/** Compiles in-memory files; the first one is the entry point. Expects no diagnostics. */
export function compileFiles(files: Record<string, string>): IrSchema {
  const entry = Object.keys(files)[0];
  const result = compile({
    entry,
    readFile: (path) => {
      const text = files[basename(path)];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  });
  expect(result.diagnostics).toEqual([]);
  return result.ir!;
}

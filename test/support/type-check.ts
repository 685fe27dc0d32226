/**
 * Type-checking generated code as a fresh strict consumer project would:
 * the runtime by source (`qapi-ts/runtime`), with Node's types (the QMP
 * client and server use Node's APIs).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');

/** Every `.ts` file under `dir`. */
export function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

/** The diagnostics of a strict program over `files`, each `file: message`. */
export function strictDiagnostics(files: readonly string[], nodeTypes = true): { file?: string; text: string }[] {
  const program = ts.createProgram([...files], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: nodeTypes ? ['node'] : [],
    typeRoots: [join(root, 'node_modules/@types')],
    paths: { 'qapi-ts/runtime': [join(root, 'runtime/index.ts')] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    ...(d.file ? { file: d.file.fileName } : {}),
    text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

/** Type-checks a generated directory; returns its problems as `file: message` lines. */
export function typeCheck(dir: string): string[] {
  return strictDiagnostics(tsFilesUnder(dir)).map((d) => `${d.file ? `${d.file}: ` : ''}${d.text}`);
}

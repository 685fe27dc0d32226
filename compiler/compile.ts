/**
 * The front end's pipeline: parse (with includes) -> expression checks ->
 * schema build and semantic checks -> IR. Each phase hands plain data to the
 * next; diagnostics are collected, never printed.
 */
import { parseSchema } from './parser/schema-parser.js';
import { checkExprs } from './checker/expr-check.js';
import { buildSchema } from './checker/build-schema.js';
import { lowerToIr } from './ir/lower.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { IrSchema } from './ir/types.js';
import type { FileReader } from './source/source-file.js';
import type { SourceText } from './source/source-file.js';

export interface CompileOptions {
  /** Path of the main schema file. */
  readonly entry: string;
  /** Reads a file; defaults to the file system. Return a string or UTF-8 bytes; throw a Node.js system error when unreadable. */
  readonly readFile?: FileReader;
  /** Skip building the IR when only diagnostics are wanted (linting). */
  readonly diagnosticsOnly?: boolean;
}

export interface CompileResult {
  /** Absent when the schema has errors. */
  readonly ir?: IrSchema;
  /** In QEMU's order: the first is the one QEMU reports. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read, for watchers and excerpt printing. */
  readonly files: readonly SourceText[];
}

export function compile(options: CompileOptions): CompileResult {
  const parsed = parseSchema(options.entry, options.readFile);
  const { schema } = parsed;
  if (parsed.diagnostics.length) return { diagnostics: parsed.diagnostics, files: schema.files };
  const checked = checkExprs(schema.exprs, schema.pragmas);
  if (checked.diagnostics.length) return { diagnostics: checked.diagnostics, files: schema.files };
  const built = buildSchema(schema.mainFile, checked.exprs, schema.docs, schema.pragmas);
  if (built.diagnostics.length) return { diagnostics: built.diagnostics, files: schema.files };
  if (options.diagnosticsOnly) return { diagnostics: [], files: schema.files };
  return { ir: lowerToIr(built.schema, schema.files), diagnostics: [], files: schema.files };
}

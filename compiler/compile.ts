/**
 * The front end's pipeline: parse (with includes) -> expression checks ->
 * schema build and semantic checks -> IR. Each phase hands plain data to the
 * next; diagnostics are collected, never printed.
 */
import { ParseCache, parseSchema } from './parser/schema-parser.js';
import { checkExprs } from './checker/expr-check.js';
import { buildSchema } from './checker/build-schema.js';
import { lowerToIr } from './ir/lower.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { Leniency } from './diagnostics/leniency.js';
import { normalizeLegacyDialects } from './checker/legacy-dialects.js';
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
  /**
   * Exactly QEMU 10.2's frontend: its errors, messages and first-error order.
   * Without it (the default), the dialects of older QEMU releases are
   * accepted, each departure from 10.2 reported as a warning.
   */
  readonly strict?: boolean;
  /**
   * For `--watch`: keep one cache across compiles of the same schema; a
   * file's parse is reused while its bytes (and the include that brought it
   * in) are unchanged. The result is the same as without it.
   */
  readonly cache?: CompileCache;
}

/** What a compile keeps for the next one (see `CompileOptions.cache`); opaque. */
export class CompileCache {
  constructor() {
    parseCaches.set(this, new ParseCache());
  }
}

/** Kept out of CompileCache's declared shape, which the published typings show. */
const parseCaches = new WeakMap<CompileCache, ParseCache>();

export interface CompileResult {
  /** Absent when the schema has errors. */
  readonly ir?: IrSchema;
  /**
   * Errors in QEMU's order (the first is the one QEMU reports), after the
   * warnings of a lenient run; with only warnings, `ir` is present.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read, for watchers and excerpt printing. */
  readonly files: readonly SourceText[];
  /** Files the schema includes that could not be read (for watchers: they may appear). */
  readonly unreadable?: readonly string[];
  /** Milliseconds spent in each phase (as `tsc --extendedDiagnostics` reports). */
  readonly timings: Readonly<Record<string, number>>;
}

export function compile(options: CompileOptions): CompileResult {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    timings[phase] = now - t;
    t = now;
  };
  const leniency = new Leniency(options.strict === true);
  const parsed = parseSchema(options.entry, options.readFile, leniency, options.cache && parseCaches.get(options.cache));
  lap('parse');
  const { schema } = parsed;
  const done = (errors: readonly Diagnostic[], ir?: IrSchema): CompileResult => ({
    ...(ir ? { ir } : {}),
    diagnostics: leniency.warnings.length ? [...leniency.warnings, ...errors] : errors,
    files: schema.files,
    ...(parsed.unreadable.length ? { unreadable: parsed.unreadable } : {}),
    timings,
  });
  if (parsed.diagnostics.length) return done(parsed.diagnostics);
  const exprs = leniency.strict ? schema.exprs : normalizeLegacyDialects(schema.exprs, leniency);
  const checked = checkExprs(exprs, schema.pragmas, leniency);
  lap('check expressions');
  if (checked.diagnostics.length) return done(checked.diagnostics);
  const built = buildSchema(schema.mainFile, checked.exprs, schema.docs, schema.pragmas, leniency);
  lap('check schema');
  if (built.diagnostics.length) return done(built.diagnostics);
  if (options.diagnosticsOnly) return done([]);
  const ir = lowerToIr(built.schema, schema.files);
  lap('lower to IR');
  return done([], ir);
}

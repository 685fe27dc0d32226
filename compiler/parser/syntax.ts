/**
 * The syntax tree: JSON-like values as QAPI writes them (strings, booleans,
 * arrays, objects; no numbers and no null). Objects keep key order and the
 * offset of every key, so later phases can point at a member, not only at
 * its definition.
 */
import type { SourceInfo } from '../source/source-info.js';
import type { SourceText } from '../source/source-file.js';
import type { QapiDoc } from './doc-comment.js';

export type SyntaxValue = string | boolean | SyntaxValue[] | SyntaxObject;

/**
 * Every node can be located: objects know their own offset and those of
 * their keys and values; arrays' element offsets are kept in `elementOffsets`
 * (a side table, so arrays stay plain arrays). Offsets index the file's
 * normalised text; `lineOf()` turns them into lines and columns.
 */
export class SyntaxObject extends Map<string, SyntaxValue> {
  /** Offset of each key's opening quote, in key order (-1 when synthesised). */
  readonly keyOffsets: number[] = [];
  /** Offset of each value's first token, in key order. */
  readonly valueOffsets: number[] = [];
  constructor(readonly offset: number) {
    super();
  }
}

/** Offsets of each array element's first token. */
export const elementOffsets = new WeakMap<readonly SyntaxValue[], number[]>();

export function isObject(v: unknown): v is SyntaxObject {
  return v instanceof Map;
}

/** One top-level expression, as QEMU's parser records it. */
export interface ParsedExpression {
  readonly expr: SyntaxObject;
  readonly info: SourceInfo;
  readonly source: SourceText;
  readonly doc: QapiDoc | undefined;
  /** Offset of the expression's opening brace. */
  readonly offset: number;
  /** For `include`: the path joined with the including file's directory. */
  readonly includePath?: string;
  /**
   * Set by a lenient run on definitions it makes for an older dialect's
   * implicit types (a simple union's `…Kind` enum and `q_obj_…-wrapper`
   * structs, nested anonymous structs): they skip name and doc checks.
   */
  readonly implicit?: boolean;
  /** Set by a lenient run on a simple union rewritten as a flat one: its tag member needs no doc. */
  readonly simpleUnion?: boolean;
}

/** Schema-wide pragma state; one object, last assignment wins (QEMU semantics). */
export interface Pragmas {
  docRequired: boolean;
  commandNameExceptions: string[];
  commandReturnsExceptions: string[];
  documentationExceptions: string[];
  memberNameExceptions: string[];
}

export function emptyPragmas(): Pragmas {
  return {
    docRequired: false,
    commandNameExceptions: [],
    commandReturnsExceptions: [],
    documentationExceptions: [],
    memberNameExceptions: [],
  };
}

export interface ParsedSchema {
  readonly mainFile: string;
  readonly exprs: readonly ParsedExpression[];
  readonly docs: readonly QapiDoc[];
  readonly pragmas: Pragmas;
  /** Every file read, in the order first read (for watch mode and tooling). */
  readonly files: readonly SourceText[];
}

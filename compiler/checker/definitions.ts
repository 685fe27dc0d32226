/**
 * Definitions after the expression checks (QEMU's expr.py): the syntax tree's
 * loose shapes normalised into typed records (shorthand members expanded,
 * `*` optional markers split off, features as objects). The schema builder
 * reads only these.
 */
import type { SourceInfo } from '../source/source-info.js';
import type { SourceText } from '../source/source-file.js';
import type { QapiDoc } from '../parser/doc-comment.js';

/** An `'if'` condition exactly as written (QEMU prints it with Python's repr). */
export type CondExpr = string | { readonly all: readonly CondExpr[] } | { readonly any: readonly CondExpr[] } | { readonly not: CondExpr };

/** A type reference: a name, or a one-element array `[name]`. */
export type TypeRefExpr = string | readonly [string];

export interface FeatureExpr {
  readonly name: string;
  readonly if?: CondExpr;
}

export interface MemberExpr {
  readonly name: string;
  readonly optional: boolean;
  readonly type: TypeRefExpr;
  readonly if?: CondExpr;
  readonly features: readonly FeatureExpr[];
  /** Offset of the member's key in its file; -1 when unknown. */
  readonly offset?: number;
}

export interface EnumValueExpr {
  readonly name: string;
  readonly if?: CondExpr;
  readonly features: readonly FeatureExpr[];
  /** Offset of the value in its file; -1 when unknown. */
  readonly offset?: number;
}

export interface BranchExpr {
  readonly name: string;
  readonly type: TypeRefExpr;
  readonly if?: CondExpr;
  readonly offset?: number;
}

interface DefinitionBase {
  readonly name: string;
  readonly info: SourceInfo;
  readonly source: SourceText;
  readonly offset: number;
  readonly doc: QapiDoc | undefined;
  readonly if?: CondExpr;
  readonly features: readonly FeatureExpr[];
  /** An older dialect's implicit type, made by a lenient run (legacy-dialects.ts). */
  readonly implicit?: boolean;
}

export interface EnumExpr extends DefinitionBase {
  readonly meta: 'enum';
  readonly values: readonly EnumValueExpr[];
  readonly prefix?: string;
}

export interface StructExpr extends DefinitionBase {
  readonly meta: 'struct';
  readonly base?: string;
  readonly members: readonly MemberExpr[];
}

export interface UnionExpr extends DefinitionBase {
  readonly meta: 'union';
  /** A simple union rewritten as a flat one by a lenient run: its 'type' tag needs no doc. */
  readonly simpleUnion?: boolean;
  readonly base: string | readonly MemberExpr[];
  readonly discriminator: string;
  readonly branches: readonly BranchExpr[];
}

export interface AlternateExpr extends DefinitionBase {
  readonly meta: 'alternate';
  readonly branches: readonly BranchExpr[];
}

export interface CommandExpr extends DefinitionBase {
  readonly meta: 'command';
  readonly data?: string | readonly MemberExpr[];
  readonly returns?: TypeRefExpr;
  readonly boxed: boolean;
  readonly gen: boolean;
  readonly successResponse: boolean;
  readonly allowOob: boolean;
  readonly allowPreconfig: boolean;
  readonly coroutine: boolean;
}

export interface EventExpr extends DefinitionBase {
  readonly meta: 'event';
  readonly data?: string | readonly MemberExpr[];
  readonly boxed: boolean;
}

export interface IncludeExpr {
  readonly meta: 'include';
  /** The path as QEMU joins it: the including file's directory plus the string. */
  readonly path: string;
  readonly info: SourceInfo;
}

export type DefinitionExpr = EnumExpr | StructExpr | UnionExpr | AlternateExpr | CommandExpr | EventExpr;
export type CheckedExpr = DefinitionExpr | IncludeExpr;
export type DefinitionMeta = DefinitionExpr['meta'];

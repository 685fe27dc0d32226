/**
 * What a lint rule is. Rules come in two kinds:
 *
 * - `qemu`: a rule of QEMU 10.2's frontend that qapi-ts relaxes outside
 *   strict mode (doc style, doc coverage, naming, older dialects). The
 *   compiler reports those findings as warnings; the rule names them, puts
 *   them in a level and lets the configuration change or suppress them.
 * - `own`: a rule of qapi-ts's own, checked on the IR after compilation.
 *
 * Levels are cumulative, as buf's categories: `minimal` is in `default`,
 * which is in `strict`. At `strict`, QEMU's rules are exactly QEMU's (errors
 * that cannot be configured away).
 */
import type { IrDefinition, IrLocation, IrSchema } from '../ir/types.js';
import type { MessageDef } from '../diagnostics/messages.js';

export const LINT_LEVELS = ['minimal', 'default', 'strict'] as const;
export type LintLevel = (typeof LINT_LEVELS)[number];

export function isLintLevel(s: unknown): s is LintLevel {
  return typeof s === 'string' && (LINT_LEVELS as readonly string[]).includes(s);
}

/** Whether a rule of level `rule` is on at level `chosen`. */
export function levelIncludes(chosen: LintLevel, rule: LintLevel): boolean {
  return LINT_LEVELS.indexOf(rule) <= LINT_LEVELS.indexOf(chosen);
}

/** Where a finding is, and which definition it belongs to (for suppressions and messages). */
export interface FindingSite {
  readonly location: IrLocation;
  /** Name of the definition the finding is about. */
  readonly definition?: string;
}

export interface RuleContext {
  readonly ir: IrSchema;
  /** Definitions by name. */
  readonly definitions: ReadonlyMap<string, IrDefinition>;
  report<A extends unknown[]>(def: MessageDef<A>, site: FindingSite, ...args: A): void;
}

interface RuleBase {
  /** Stable ID, kebab-case; configuration and suppression comments use it (or one of `codes`). */
  readonly id: string;
  readonly level: LintLevel;
  /** The diagnostic codes the rule reports. */
  readonly codes: readonly string[];
  /** One line, for `--list-rules` and SARIF's short description. */
  readonly summary: string;
  /** One paragraph: what the rule checks and why, and how to satisfy it. */
  readonly description: string;
}

export interface QemuRule extends RuleBase {
  readonly kind: 'qemu';
}

export interface OwnRule extends RuleBase {
  readonly kind: 'own';
  check(ctx: RuleContext): void;
}

export type LintRule = QemuRule | OwnRule;

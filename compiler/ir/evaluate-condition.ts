/**
 * `'if'` conditions: evaluating them against a set of defined macros, and
 * describing them in words the way QEMU's generated documentation does.
 * Pure functions over IrCondition; emitters use them to decide what a build
 * configuration keeps.
 */
import type { IrCondition } from './types.js';

/**
 * Which condition macros are defined: a set of names, or `'all'` for "every
 * condition holds" (what a schema looks like with nothing compiled out).
 */
export type ConditionDefines = ReadonlySet<string> | 'all';

/**
 * Whether `cond` holds. No condition always holds. With `'all'` every
 * condition holds, `not X` included: `'all'` means "keep everything", not
 * "define every macro" (which would make `not X` false).
 */
export function evaluateCondition(cond: IrCondition | undefined, defined: ConditionDefines): boolean {
  if (cond === undefined || defined === 'all') return true;
  return holds(cond, defined);
}

function holds(cond: IrCondition, defined: ReadonlySet<string>): boolean {
  if (typeof cond === 'string') return defined.has(cond);
  if ('all' in cond) return cond.all.every((c) => holds(c, defined));
  if ('any' in cond) return cond.any.some((c) => holds(c, defined));
  return !holds(cond.not, defined);
}

/**
 * A condition in words, as QEMU's docgen_ifcond writes it: `X`, `not X`,
 * operands joined by ` and ` / ` or `, and nested all/any parenthesised (the
 * top level is not): `{'not': {'any': ['A', 'B']}}` is "not (A or B)".
 * No condition gives the empty string, as in QEMU.
 */
export function describeCondition(cond: IrCondition | undefined): string {
  return cond === undefined ? '' : describe(cond, false);
}

function describe(cond: IrCondition, nested: boolean): string {
  if (typeof cond === 'string') return cond;
  if ('not' in cond) return `not ${describe(cond.not, true)}`;
  const [operands, operator] = 'all' in cond ? [cond.all, ' and '] : [cond.any, ' or '];
  const text = operands.map((c) => describe(c, true)).join(operator);
  return nested ? `(${text})` : text;
}

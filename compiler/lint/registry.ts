/**
 * Every lint rule, in the order `--list-rules` prints them: QEMU's relaxed
 * rules, then ours. IDs and codes are stable; configuration and suppression
 * comments may name a rule by either.
 */
import type { LintRule, OwnRule } from './rule.js';
import { QEMU_RULES } from './qemu-rules.js';
import { exampleValid } from './rules/example-valid.js';
import { sinceRequired } from './rules/since-required.js';
import { deprecatedReplacement } from './rules/deprecated-replacement.js';
import { unstableXPrefix } from './rules/unstable-x-prefix.js';
import { memberDocOrder } from './rules/member-doc-order.js';
import { namingConsistency } from './rules/naming-consistency.js';
import { unusedType } from './rules/unused-type.js';
import { stalePragmaException } from './rules/stale-pragma-exception.js';
import { lintDirective, unusedSuppression } from './rules/directive-rules.js';

export const OWN_RULES: readonly OwnRule[] = [
  exampleValid,
  sinceRequired,
  deprecatedReplacement,
  unstableXPrefix,
  memberDocOrder,
  namingConsistency,
  unusedType,
  stalePragmaException,
  lintDirective,
  unusedSuppression,
];

export const LINT_RULES: readonly LintRule[] = [...QEMU_RULES, ...OWN_RULES];

const byKey = new Map<string, LintRule>();
for (const rule of LINT_RULES) {
  byKey.set(rule.id, rule);
  for (const code of rule.codes) byKey.set(code, rule);
}

/** The rule with this ID, or the rule reporting this code. */
export function ruleFor(idOrCode: string): LintRule | undefined {
  return byKey.get(idOrCode);
}

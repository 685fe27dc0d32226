/**
 * Rules about suppression comments themselves. The lint runner checks them
 * (it is what reads the directives); these entries give them IDs, levels
 * and descriptions like any other rule.
 */
import type { OwnRule } from '../rule.js';

const checkedByRunner = () => {};

export const lintDirective: OwnRule = {
  kind: 'own',
  id: 'lint-directive',
  level: 'minimal',
  codes: ['QAPI9090', 'QAPI9091', 'QAPI9092'],
  summary: 'malformed qapi-ts-lint-disable comments',
  description: 'A suppression comment must name known rules (IDs or codes), give a reason after a colon, and sit on '
    + 'the line before a definition or before its doc comment: "# qapi-ts-lint-disable since-required: predates '
    + 'versioning". A comment anywhere else would silently suppress nothing, and one without a reason leaves the next '
    + 'reader guessing.',
  check: checkedByRunner,
};

export const unusedSuppression: OwnRule = {
  kind: 'own',
  id: 'unused-suppression',
  level: 'strict',
  codes: ['QAPI9093'],
  summary: 'qapi-ts-lint-disable comments that suppress nothing',
  description: 'A suppression whose rule no longer fires on its definition (the finding was fixed) should go, or it '
    + 'will hide the next real finding there. Reported only for rules that are on; remove the rule from the comment.',
  check: checkedByRunner,
};

/**
 * member-doc-order: a doc comment describes members, values and branches in
 * the order the definition declares them.
 */
import { Messages } from '../../diagnostics/messages.js';
import type { OwnRule, RuleContext } from '../rule.js';
import { type DefinitionMembers, definitionMembers, ROLE_PLURALS } from './definition-members.js';

export const memberDocOrder: OwnRule = {
  kind: 'own',
  id: 'member-doc-order',
  level: 'default',
  codes: [Messages.memberDocOrder.code],
  summary: 'member descriptions out of declaration order',
  description:
    "A doc comment's '@name:' descriptions must follow the declaration order of what they describe: a struct's "
    + "own members, an enum's values, an alternate's branches, a union's inline base members, a command's or "
    + "event's inline arguments. Readers compare the two side by side, and the generated reference lists members "
    + 'in declaration order, so a description out of place reads as belonging to a neighbour. Undocumented '
    + "members and descriptions of members that do not exist (QEMU's own checks report those) are left out of the "
    + 'comparison. The rule reports the fewest descriptions that must move to restore the order (those outside '
    + 'a longest run already in order), each at its \'@name:\' line with the member it is out of order with and '
    + 'where it belongs, so a single misplaced description gives a single finding rather than one for every member '
    + "it shifted. Fix: move each reported '@name:' paragraph where the message says.",
  check(ctx: RuleContext): void {
    for (const owner of definitionMembers(ctx.ir, ctx.definitions)) checkOrder(ctx, owner);
  },
};

interface Documented {
  readonly name: string;
  /** Position among the declared members. */
  readonly declared: number;
  /** Line of its `@name:` description. */
  readonly line: number;
}

function checkOrder(ctx: RuleContext, owner: DefinitionMembers): void {
  const { doc, members, definition } = owner;
  if (!doc || members.length < 2) return;
  const declaredAt = new Map(members.map((m, i) => [m.name, i]));
  const documented: Documented[] = [];
  for (const section of doc.args) {
    const declared = section.stub ? undefined : declaredAt.get(section.name ?? '');
    if (declared !== undefined) documented.push({ name: section.name!, declared, line: section.line });
  }
  const inOrder = longestIncreasingRun(documented.map((d) => d.declared));
  if (inOrder.size === documented.length) return;
  const kept = documented.filter((_, i) => inOrder.has(i));
  const role = members[0].role;
  documented.forEach((d, i) => {
    if (inOrder.has(i)) return;
    // Some member kept in place must be out of order with it, or it would have been kept too.
    const other = kept.find((k) => documented.indexOf(k) < i ? k.declared > d.declared : k.declared < d.declared)!;
    const documentedBefore = documented.indexOf(other) > i;
    const predecessor = kept.filter((k) => k.declared < d.declared).pop();
    ctx.report(Messages.memberDocOrder,
      { location: { file: doc.location.file, line: d.line }, definition: definition.name },
      role, d.name, documentedBefore, other.name, ROLE_PLURALS[role],
      predecessor === undefined, (predecessor ?? kept[0]).name);
  });
}

/**
 * Indices of one longest strictly increasing subsequence of `values`
 * (patience sorting, O(n log n)). Deterministic: among runs of equal length it
 * keeps the one with the smallest values, so of two swapped descriptions the
 * one of the member declared first stays.
 */
function longestIncreasingRun(values: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[k]: index of the smallest last value of a run of length k + 1
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const run = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) run.add(i);
  return run;
}

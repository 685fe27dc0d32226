/**
 * unstable-x-prefix: a name with the `x-` prefix (QEMU's old mark of an
 * experimental interface) carries feature `unstable`, the mark that replaced
 * it, so introspection and the compat policy see what the name says.
 */
import { Messages } from '../../diagnostics/messages.js';
import type { IrFeature } from '../../ir/types.js';
import type { OwnRule, RuleContext } from '../rule.js';
import { definitionMembers, describeDefinition, describeMember, memberLocation } from './definition-members.js';
import { nameParts } from './name-parts.js';

const UNSTABLE = 'unstable';

export const unstableXPrefix: OwnRule = {
  kind: 'own',
  id: 'unstable-x-prefix',
  level: 'default',
  codes: [Messages.unstableXPrefix.code],
  summary: "'x-' names without feature 'unstable'",
  description:
    "QEMU's code-generator guide says names beginning with 'x-' used to signify \"experimental\" and that "
    + "special feature 'unstable' replaced that convention; clients, introspection and the compat policy "
    + "(-compat unstable-input=reject) go by the feature, not the name, so an 'x-' name without it is an unstable "
    + "interface nothing marks as one. Checked are the things that can carry the feature: commands, events, "
    + "struct members, union base members and command or event arguments written inline, and enum values (a "
    + "union branch is covered by its tag enum's value). Type names and alternate branches are not checked, "
    + "since QEMU allows no features on types and none on branches. An argument of a command or event that "
    + "itself has feature 'unstable' counts as covered, as in QEMU, which marks such commands and not their "
    + "arguments: the whole command is rejected under the compat policy, arguments included. Members of a named "
    + "type are not covered by an unstable user, since the type may have others. Fix: add 'features': "
    + "[ 'unstable' ] and describe '@unstable:' under 'Features:'.",
  check(ctx: RuleContext): void {
    for (const owner of definitionMembers(ctx.ir, ctx.definitions)) {
      const { definition } = owner;
      const definitionUnstable = isUnstable(definition.features);
      if ((definition.kind === 'command' || definition.kind === 'event')
        && nameParts(definition.name).hasXPrefix && !definitionUnstable) {
        ctx.report(Messages.unstableXPrefix, { location: owner.location, definition: definition.name },
          describeDefinition(definition));
      }
      for (const member of owner.members) {
        if (member.role === 'branch' || !nameParts(member.name).hasXPrefix || isUnstable(member.features)) continue;
        if (member.role === 'argument' && definitionUnstable) continue;
        ctx.report(Messages.unstableXPrefix, { location: memberLocation(owner, member), definition: definition.name },
          `${describeMember(member)} of ${describeDefinition(definition)}`);
      }
    }
  },
};

function isUnstable(features: readonly IrFeature[]): boolean {
  return features.some((f) => f.name === UNSTABLE);
}

/**
 * naming-consistency: the members (values, branches) of one definition
 * separate words the same way, all with '-' or all with '_'.
 */
import { Messages } from '../../diagnostics/messages.js';
import type { OwnRule, RuleContext } from '../rule.js';
import {
  type DefinitionMembers, definitionMembers, describeDefinition, memberLocation, ROLE_PLURALS,
} from './definition-members.js';
import { nameParts } from './name-parts.js';

type Separator = '-' | '_';

export const namingConsistency: OwnRule = {
  kind: 'own',
  id: 'naming-consistency',
  level: 'default',
  codes: [Messages.namingMixedSeparators.code],
  summary: "definitions whose members separate words with both '-' and '_'",
  description:
    "Within one definition, the names of the members (a struct's own members, a union's inline base members, a "
    + "command's or event's inline arguments, an enum's values, an alternate's branches) must all separate "
    + "words with '-' or all with '_'; a client author typing 'foo-bar' beside 'baz_qux' guesses wrong half the "
    + "time. Names with no separator do not count, nor do the 'x-' and downstream '__RFQDN_' prefixes. The "
    + "minority's names are reported, each with the majority's separator; on a tie '-' wins, QEMU's convention. "
    + "Types listed in QEMU's member-name-exceptions pragma are checked like any other, deliberately: QEMU 10.2 "
    + "admits '_' in no other member names, so they are where mixing happens, and QEMU's naming rules ask that "
    + "such a type be extended in its own style (\"consistency is preferred over blindly avoiding underscore\"). "
    + 'Released wire names cannot be renamed, so for those the finding is a reminder for the next member, to be '
    + 'suppressed with that reason; name a new member as the message says. An enum value is reported at its '
    + "'@name:' line, or at the enum when it has none (the IR records no location for values).",
  check(ctx: RuleContext): void {
    for (const owner of definitionMembers(ctx.ir, ctx.definitions)) checkSeparators(ctx, owner);
  },
};

function checkSeparators(ctx: RuleContext, owner: DefinitionMembers): void {
  const names = owner.members.map((m) => nameParts(m.name));
  const dashes = names.filter((n) => n.stem.includes('-')).length;
  const underscores = names.filter((n) => n.stem.includes('_')).length;
  if (!dashes || !underscores) return;
  const majority: Separator = underscores > dashes ? '_' : '-';
  const minority: Separator = majority === '-' ? '_' : '-';
  owner.members.forEach((member, i) => {
    const { prefix, stem } = names[i];
    if (!stem.includes(minority)) return;
    ctx.report(Messages.namingMixedSeparators,
      { location: memberLocation(owner, member), definition: owner.definition.name },
      member.role, member.name, minority, ROLE_PLURALS[member.role], describeDefinition(owner.definition),
      majority, prefix + stem.split(minority).join(majority));
  });
}

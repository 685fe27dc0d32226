/**
 * unused-type: every type written in the schema is part of some command's or
 * event's wire interface.
 */
import { Messages } from '../../diagnostics/messages.js';
import type { IrDefinition } from '../../ir/types.js';
import type { OwnRule, RuleContext } from '../rule.js';
import { definitionMembers, describeDefinition } from './definition-members.js';

export const unusedType: OwnRule = {
  kind: 'own',
  id: 'unused-type',
  level: 'strict',
  codes: [Messages.unusedType.code],
  summary: 'types no command or event uses',
  description:
    'A struct, enum, union or alternate written in the schema must be reachable from some command\'s arguments '
    + "or return value or some event's data, following bases, members, union branches (and so tag enums), "
    + 'alternate branches and array elements; conditions are ignored. A type nothing reaches is not part of the '
    + 'protocol: introspection (query-qmp-schema) leaves it out and clients never see it, so it is usually left '
    + "over from a removed command. QEMU permits such types for the C code generated from them (its 'Dummy...' "
    + 'types that force array types into existence, properties types used by the C side alone), which is why '
    + "this rule is only in the 'strict' level. Each unused type is reported once, at its definition. Fix: "
    + 'remove the type, or suppress the finding for it with the reason it exists.',
  check(ctx: RuleContext): void {
    const used = reachableTypes(ctx.ir.definitions, ctx.definitions);
    for (const { definition, location } of definitionMembers(ctx.ir, ctx.definitions)) {
      if (definition.kind === 'command' || definition.kind === 'event' || used.has(definition.name)) continue;
      ctx.report(Messages.unusedType, { location, definition: definition.name }, describeDefinition(definition));
    }
  },
};

/** Names of every type reachable from a command's arguments or return value or an event's data. */
function reachableTypes(
  all: readonly IrDefinition[], definitions: ReadonlyMap<string, IrDefinition>,
): Set<string> {
  const seen = new Set<string>();
  const pending: string[] = [];
  for (const def of all) {
    if (def.kind === 'command' || def.kind === 'event') {
      if (def.argType !== undefined) pending.push(def.argType);
      if (def.kind === 'command' && def.retType !== undefined) pending.push(def.retType);
    }
  }
  // A work list rather than recursion: type graphs may be deep, and cyclic (a struct may hold a list of itself).
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const def = definitions.get(name);
    if (def) pending.push(...referencedTypes(def));
  }
  return seen;
}

/** The types a definition's values are made of. */
function referencedTypes(def: IrDefinition): string[] {
  switch (def.kind) {
    case 'struct':
      return [...(def.base !== undefined ? [def.base] : []), ...def.members.map((m) => m.type)];
    case 'union':
      return [def.base, ...def.members.map((m) => m.type), ...def.branches.map((b) => b.type)];
    case 'alternate':
      return def.branches.map((b) => b.type);
    case 'array':
      return [def.elementType];
    default:
      return [];
  }
}

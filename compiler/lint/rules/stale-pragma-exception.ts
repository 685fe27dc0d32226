/**
 * stale-pragma-exception: every name in QEMU's exception pragmas still needs
 * its exception. The lists only grow by accident otherwise: an entry
 * outliving its reason silently admits the next violation.
 */
import { Messages } from '../../diagnostics/messages.js';
import type { IrDefinition, IrLocation } from '../../ir/types.js';
import type { OwnRule, RuleContext } from '../rule.js';
import {
  type DefinitionMembers, definitionMembers, describeDefinition, ROLE_PLURALS,
} from './definition-members.js';
import { nameParts } from './name-parts.js';

export const stalePragmaException: OwnRule = {
  kind: 'own',
  id: 'stale-pragma-exception',
  level: 'strict',
  codes: [
    Messages.pragmaNamesNothing.code,
    Messages.pragmaCommandNameUnneeded.code,
    Messages.pragmaCommandReturnsUnneeded.code,
    Messages.pragmaMemberNameUnneeded.code,
    Messages.pragmaDocumentationUnneeded.code,
  ],
  summary: 'exception pragma entries that are no longer needed or name nothing',
  description:
    "Each name listed in pragmas 'command-name-exceptions', 'command-returns-exceptions', 'member-name-exceptions' "
    + "and 'documentation-exceptions' must still need it: the command's name still has a '_'; the command still "
    + 'returns something other than an object type or an array of one; the type (struct, union with inline base, '
    + "enum) still declares a member or value with uppercase letters or '_'; the definition still has an "
    + 'undocumented member, value or branch. A name that needs it no more, or names no definition the pragma '
    + 'applies to (a removed command, a typo, a command in member-name-exceptions, which never applies to '
    + 'arguments), is reported: QEMU documents the pragmas as exceptions for old interfaces, and a stale entry '
    + 'would quietly admit the next violation under that name. Fix: remove the name from the list. A pragma '
    + "file shared by several schemas (QEMU's storage daemon includes the system emulator's pragma.json) "
    + 'names things only the larger schema has; lint the schema that owns the pragma. The IR keeps the merged '
    + "lists but not where the pragma is written, so findings are at the main schema file's first line, in "
    + 'pragma order, then list order.',
  check(ctx: RuleContext): void {
    const at: IrLocation = { file: ctx.ir.mainFile, line: 1 };
    const owners = new Map(definitionMembers(ctx.ir, ctx.definitions).map((o) => [o.definition.name, o]));
    const { pragmas } = ctx.ir;
    // The finding is about the named definition, when there is one.
    const site = (name: string) => ({ location: at, ...(owners.has(name) ? { definition: name } : {}) });

    for (const name of pragmas.commandNameExceptions) {
      const command = owners.get(name)?.definition;
      if (command?.kind !== 'command') {
        ctx.report(Messages.pragmaNamesNothing, site(name), 'command-name-exceptions', name, 'command');
      } else if (!nameParts(name).stem.includes('_')) {
        ctx.report(Messages.pragmaCommandNameUnneeded, site(name), name);
      }
    }

    for (const name of pragmas.commandReturnsExceptions) {
      const command = owners.get(name)?.definition;
      if (command?.kind !== 'command') {
        ctx.report(Messages.pragmaNamesNothing, site(name), 'command-returns-exceptions', name, 'command');
      } else if (command.retType === undefined || returnsObjects(command.retType, ctx.definitions)) {
        ctx.report(Messages.pragmaCommandReturnsUnneeded, site(name), name, command.retType);
      }
    }

    for (const name of pragmas.memberNameExceptions) {
      const owner = memberNameOwner(name, owners, ctx.definitions);
      if (!owner) {
        ctx.report(Messages.pragmaNamesNothing, site(name), 'member-name-exceptions', name, 'struct, union or enum');
      } else if (!owner.members.some((m) => /[A-Z_]/.test(nameParts(m.name).stem))) {
        ctx.report(Messages.pragmaMemberNameUnneeded, site(owner.definition.name), describeDefinition(owner.definition),
          rolesOf(owner));
      }
    }

    for (const name of pragmas.documentationExceptions) {
      const owner = owners.get(name);
      if (!owner) {
        ctx.report(Messages.pragmaNamesNothing, site(name), 'documentation-exceptions', name, 'definition');
      } else if (!owner.doc?.args.some((s) => s.stub)) {
        ctx.report(Messages.pragmaDocumentationUnneeded, site(name), describeDefinition(owner.definition),
          rolesOf(owner), owner.doc !== undefined);
      }
    }
  },
};

/**
 * What a member-name-exceptions entry names: a struct, union or enum (QEMU
 * applies the pragma to their own members, a union's inline base members and
 * enum values, never to command or event arguments). Before QEMU 6.0 the
 * pragma (then 'name-case-whitelist') named an inline base by its implicit
 * type, as QEMU 2.9 does with 'q_obj_CpuInfo-base'; that means the union.
 */
function memberNameOwner(
  name: string, owners: ReadonlyMap<string, DefinitionMembers>, definitions: ReadonlyMap<string, IrDefinition>,
): DefinitionMembers | undefined {
  const owner = owners.get(name);
  if (owner) return ['struct', 'union', 'enum'].includes(owner.definition.kind) ? owner : undefined;
  if (!definitions.get(name)?.implicit) return undefined;
  for (const candidate of owners.values()) {
    if (candidate.definition.kind === 'union' && candidate.definition.base === name) return candidate;
  }
  return undefined;
}

/** What QEMU's check of 'returns' accepts without the exception: an object type, or an array of one. */
function returnsObjects(retType: string, definitions: ReadonlyMap<string, IrDefinition>): boolean {
  let type = definitions.get(retType);
  if (type?.kind === 'array') type = definitions.get(type.elementType);
  return type?.kind === 'struct' || type?.kind === 'union';
}

function rolesOf(owner: DefinitionMembers): string {
  const role = owner.members[0]?.role ?? (owner.definition.kind === 'enum' ? 'value' : 'member');
  return ROLE_PLURALS[role];
}

/**
 * The members each definition declares, in declaration order, as the schema
 * writes them: struct members, enum values, alternate branches, and the
 * members of a union's inline base and of a command's or event's inline
 * arguments. The IR keeps the last two in implicit types (`q_obj_X-base`,
 * `q_obj_X-arg`); they are folded into the union, command or event here,
 * because that is where they are written, documented (in its doc comment)
 * and where a suppression for them goes.
 *
 * Left out: a named base's or argument type's members (they belong to that
 * type), union branches (each is a value of the tag enum, declared there),
 * and the members of other implicit types, which only older dialects create
 * (simple-union wrappers with their one member `data`, QEMU 1.x's anonymous
 * nested structs and returns) and no doc comment describes.
 */
import type {
  IrDefinition, IrDoc, IrFeature, IrLocation, IrSchema,
} from '../../ir/types.js';

/** What QEMU calls the thing in its messages (`member 'a' lacks documentation`), arguments aside. */
export type MemberRole = 'member' | 'argument' | 'value' | 'branch';

export const ROLE_PLURALS: Readonly<Record<MemberRole, string>> = {
  member: 'members', argument: 'arguments', value: 'values', branch: 'branches',
};

export interface DeclaredMember {
  readonly role: MemberRole;
  readonly name: string;
  /** Always empty for alternate branches, which cannot have features. */
  readonly features: readonly IrFeature[];
  /** Where the name is written (absent only in IRs made without source, such as imported ones). */
  readonly location?: IrLocation;
}

export interface DefinitionMembers {
  /** A definition written in the schema (never an implicit type). */
  readonly definition: IrDefinition;
  /** Where it is written (the IR knows for every written definition; else the main file's first line). */
  readonly location: IrLocation;
  /** Its doc comment, which also describes the folded inline members. */
  readonly doc?: IrDoc;
  readonly members: readonly DeclaredMember[];
}

type WrittenDefinition = Exclude<IrDefinition, { kind: 'builtin' | 'array' }>;

function isWritten(def: IrDefinition): def is WrittenDefinition {
  return !def.implicit && def.kind !== 'builtin' && def.kind !== 'array';
}

/** `struct 'Foo'`, `command 'bar'`: how messages name a definition. */
export function describeDefinition(def: IrDefinition): string {
  return `${def.kind} '${def.name}'`;
}

/** `value 'gluster'`, `argument 'detach'`: how messages name a member. */
export function describeMember(member: DeclaredMember): string {
  return `${member.role} '${member.name}'`;
}

/** Every definition written in the schema, in definition order, with the members it declares. */
export function definitionMembers(
  ir: IrSchema, definitions: ReadonlyMap<string, IrDefinition>,
): DefinitionMembers[] {
  const out: DefinitionMembers[] = [];
  for (const def of ir.definitions) {
    if (!isWritten(def)) continue;
    out.push({
      definition: def,
      location: def.location ?? { file: ir.mainFile, line: 1 },
      ...(def.doc !== undefined ? { doc: ir.docs[def.doc] } : {}),
      members: declaredBy(def, definitions),
    });
  }
  return out;
}

function declaredBy(def: WrittenDefinition, definitions: ReadonlyMap<string, IrDefinition>): DeclaredMember[] {
  switch (def.kind) {
    case 'struct':
      return objectMembers(def.localMembers, 'member');
    case 'enum':
      return def.values.map((v) => ({ role: 'value', name: v.name, features: v.features, ...(v.location ? { location: v.location } : {}) }));
    case 'alternate':
      return def.branches.map((b) => ({ role: 'branch', name: b.name, features: [], ...(b.location ? { location: b.location } : {}) }));
    case 'union':
      return inlineMembers(def.base, definitions, 'member');
    case 'command':
    case 'event':
      return def.argType === undefined ? [] : inlineMembers(def.argType, definitions, 'argument');
  }
}

/** The members of an implicit struct written inline (base or arguments); none for a named type. */
function inlineMembers(
  typeName: string, definitions: ReadonlyMap<string, IrDefinition>, role: MemberRole,
): DeclaredMember[] {
  const type = definitions.get(typeName);
  if (!type || !type.implicit || type.kind !== 'struct') return [];
  return objectMembers(type.localMembers, role);
}

function objectMembers(
  members: readonly { name: string; features: readonly IrFeature[]; location?: IrLocation }[], role: MemberRole,
): DeclaredMember[] {
  return members.map((m) => ({
    role, name: m.name, features: m.features, ...(m.location ? { location: m.location } : {}),
  }));
}

/**
 * Where a finding about a member goes: where its name is written if the IR
 * knows, else its `@name:` line in the doc comment, else the definition.
 */
export function memberLocation(owner: DefinitionMembers, member: DeclaredMember): IrLocation {
  if (member.location) return member.location;
  const section = owner.doc?.args.find((s) => s.name === member.name && !s.stub);
  if (section && owner.doc) return { file: owner.doc.location.file, line: section.line };
  return owner.location;
}

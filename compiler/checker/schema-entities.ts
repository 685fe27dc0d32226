/**
 * The schema's entities and their semantic checks, as QEMU's schema.py
 * defines them: definitions resolve their type references, check member
 * clashes and union/alternate rules, and link doc comments. The checks are
 * methods because, as in QEMU, checking an object type recurses into its base
 * and branch types, and the order of that recursion decides which error wins.
 */
import type { SourceInfo } from '../source/source-info.js';
import { locationOf } from '../source/source-info.js';
import { compileError } from '../diagnostics/compile-error.js';
import { Messages, type MessageDef } from '../diagnostics/messages.js';
import type { Leniency } from '../diagnostics/leniency.js';
import type { DocSection, QapiDoc } from '../parser/doc-comment.js';
import type { CondExpr } from './definitions.js';
import { cName } from './names.js';

export interface SchemaLookup {
  lookupType(name: string): SchemaType | undefined;
  resolveType(name: string, info: SourceInfo | null, what: string | ((info: SourceInfo) => string)): SchemaType;
  readonly commandReturnsExceptions: readonly string[];
  readonly documentationExceptions: readonly string[];
  /** Rules older releases did not enforce are warnings in a lenient run. */
  readonly leniency: Leniency;
}

export function fail<A extends unknown[]>(info: SourceInfo, def: MessageDef<A>, ...args: A): never {
  throw compileError(def, locationOf(info), ...args);
}

export type MemberRole = 'member' | 'value' | 'feature' | 'branch';

export class SchemaMember {
  definedIn: string | undefined;
  constructor(
    readonly role: MemberRole,
    readonly name: string,
    readonly info: SourceInfo | null,
    readonly ifcond: CondExpr | undefined,
    readonly offset?: number,
  ) {}

  setDefinedIn(name: string): void {
    this.definedIn = name;
  }

  checkClash(info: SourceInfo, seen: Map<string, SchemaMember>): void {
    const c = cName(this.name);
    const other = seen.get(c);
    if (other) fail(info, Messages.collides, this.describe(info), other.describe(info));
    seen.set(c, this);
  }

  describe(info: SourceInfo): string {
    let role: string = this.role;
    let meta = 'type';
    let definedIn = this.definedIn!;
    if (definedIn.startsWith('q_obj_')) {
      definedIn = definedIn.slice(6);
      if (definedIn.endsWith('-arg')) {
        role = 'parameter';
        meta = 'command';
        definedIn = definedIn.slice(0, -4);
      } else if (definedIn.endsWith('-base')) {
        role = `base ${role}`;
        definedIn = definedIn.slice(0, -5);
      }
    }
    if (definedIn !== info.defn?.name) return `${role} '${this.name}' of ${meta} '${definedIn}'`;
    return `${role} '${this.name}'`;
  }

  connectDoc(doc: QapiDoc | undefined, lookup: SchemaLookup): void {
    if (doc) connectMember(doc, this, lookup);
  }
}

export class SchemaFeature extends SchemaMember {
  constructor(name: string, info: SourceInfo | null, ifcond?: CondExpr) {
    super('feature', name, info, ifcond);
  }
  isSpecial(): boolean {
    return this.name === 'deprecated' || this.name === 'unstable';
  }
}

export class SchemaEnumMember extends SchemaMember {
  constructor(name: string, info: SourceInfo | null, ifcond: CondExpr | undefined, readonly features: SchemaFeature[], offset?: number) {
    super('value', name, info, ifcond, offset);
    for (const f of features) f.setDefinedIn(name);
  }
  override connectDoc(doc: QapiDoc | undefined, lookup: SchemaLookup): void {
    super.connectDoc(doc, lookup);
    if (doc) for (const f of this.features) connectFeature(doc, f, lookup);
  }
}

export class SchemaObjectMember extends SchemaMember {
  type: SchemaType | undefined;
  /** A union branch QEMU adds for an enum value the schema leaves out. */
  implicitBranch = false;
  /** A member an older dialect's implicit type has (a simple union's tag, a wrapper's 'data'): needs no doc. */
  docOptional = false;
  constructor(
    role: 'member' | 'branch',
    name: string,
    info: SourceInfo | null,
    readonly typeName: string,
    readonly optional: boolean,
    ifcond: CondExpr | undefined,
    readonly features: SchemaFeature[],
    offset?: number,
  ) {
    super(role, name, info, ifcond, offset);
    for (const f of features) f.setDefinedIn(name);
  }

  check(schema: SchemaLookup): void {
    this.type = schema.resolveType(this.typeName, this.info, (info) => this.describe(info));
    const seen = new Map<string, SchemaMember>();
    for (const f of this.features) f.checkClash(this.info!, seen);
  }

  override connectDoc(doc: QapiDoc | undefined, lookup: SchemaLookup): void {
    super.connectDoc(doc, lookup);
    if (doc) for (const f of this.features) connectFeature(doc, f, lookup);
  }
}

export abstract class SchemaDefinition {
  abstract readonly meta: string;
  checked = false;
  constructor(
    readonly name: string,
    readonly info: SourceInfo | null,
    readonly doc: QapiDoc | undefined,
    readonly ifcond: CondExpr | undefined,
    readonly features: SchemaFeature[],
    /** Offset of the definition's `{` in its file, when it has one. */
    readonly offset?: number,
  ) {
    for (const f of features) f.setDefinedIn(name);
  }

  check(_schema: SchemaLookup): void {
    this.checked = true;
    const seen = new Map<string, SchemaMember>();
    for (const f of this.features) f.checkClash(this.info!, seen);
  }

  connectDoc(doc: QapiDoc | undefined, lookup: SchemaLookup): void {
    const d = doc ?? this.doc;
    if (d) for (const f of this.features) connectFeature(d, f, lookup);
  }

  isImplicit(): boolean {
    return false;
  }

  describe(): string {
    return `${this.meta} '${this.name}'`;
  }
}

export abstract class SchemaType extends SchemaDefinition {
  override check(schema: SchemaLookup): void {
    super.check(schema);
    for (const feat of this.features) {
      if (feat.isSpecial()) schema.leniency.relax(Messages.featureNotForTypes, locationOf(this.info!), feat.name);
    }
  }
  abstract jsonType(): string;
  /** The QType an alternate dispatches this type on, or undefined when it can't be an alternate branch. */
  alternateQtype(): string | undefined {
    const map: Record<string, string> = {
      null: 'QTYPE_QNULL', string: 'QTYPE_QSTRING', number: 'QTYPE_QNUM', int: 'QTYPE_QNUM',
      boolean: 'QTYPE_QBOOL', array: 'QTYPE_QLIST', object: 'QTYPE_QDICT',
    };
    return map[this.jsonType()];
  }
  override describe(): string {
    return `${this.meta} type '${this.name}'`;
  }
}

export class SchemaBuiltinType extends SchemaType {
  readonly meta = 'built-in';
  constructor(name: string, private readonly json: string) {
    super(name, null, undefined, undefined, []);
  }
  jsonType(): string {
    return this.json;
  }
}

export class SchemaEnumType extends SchemaType {
  readonly meta = 'enum';
  constructor(
    name: string, info: SourceInfo | null, doc: QapiDoc | undefined, ifcond: CondExpr | undefined,
    features: SchemaFeature[], readonly members: SchemaEnumMember[], readonly prefix: string | undefined, offset?: number,
  ) {
    super(name, info, doc, ifcond, features, offset);
    for (const m of members) m.setDefinedIn(name);
  }
  override check(schema: SchemaLookup): void {
    super.check(schema);
    const seen = new Map<string, SchemaMember>();
    for (const m of this.members) m.checkClash(this.info!, seen);
  }
  override connectDoc(doc: QapiDoc | undefined, lookup: SchemaLookup): void {
    super.connectDoc(doc, lookup);
    const d = doc ?? this.doc;
    for (const m of this.members) m.connectDoc(d, lookup);
  }
  override isImplicit(): boolean {
    return this.name === 'QType';
  }
  jsonType(): string {
    return 'string';
  }
  memberNames(): string[] {
    return this.members.map((m) => m.name);
  }
}

export class SchemaArrayType extends SchemaType {
  readonly meta = 'array';
  elementType: SchemaType | undefined;
  constructor(name: string, info: SourceInfo | null, readonly elementTypeName: string) {
    super(name, info, undefined, undefined, []);
  }
  override check(schema: SchemaLookup): void {
    super.check(schema);
    this.elementType = schema.resolveType(this.elementTypeName, this.info, this.info?.defn?.meta ?? '');
  }
  override isImplicit(): boolean {
    return true;
  }
  jsonType(): string {
    return 'array';
  }
  override describe(): string {
    return `${this.meta} type ['${this.elementTypeName}']`;
  }
  /** Arrays take their element type's condition. */
  get effectiveIf(): CondExpr | undefined {
    return this.elementType?.ifcond;
  }
}

export class SchemaBranches {
  tagMember: SchemaObjectMember | undefined;
  constructor(
    readonly info: SourceInfo,
    readonly variants: SchemaObjectMember[],
    readonly tagName: string,
  ) {}

  setDefinedIn(name: string): void {
    for (const v of this.variants) v.setDefinedIn(name);
  }

  check(schema: SchemaLookup, seen: Map<string, SchemaMember>): void {
    const info = this.info;
    const found = seen.get(cName(this.tagName)) as SchemaObjectMember | undefined;
    let base = "'base'";
    if (!found || this.tagName !== found.name) fail(info, Messages.discriminatorNotMember, this.tagName, base);
    this.tagMember = found;
    const baseType = schema.lookupType(found.definedIn!);
    if (baseType && !baseType.isImplicit()) base = `base type '${found.definedIn}'`;
    const tagType = found.type;
    if (!(tagType instanceof SchemaEnumType)) fail(info, Messages.discriminatorNotEnum, this.tagName, base);
    if (found.optional) fail(info, Messages.discriminatorOptional, this.tagName, base);
    if (found.ifcond !== undefined) fail(info, Messages.discriminatorConditional, this.tagName, base);
    // Enum values without a branch get the empty object type.
    const cases = new Set(this.variants.map((v) => v.name));
    for (const m of tagType.members) {
      if (!cases.has(m.name)) {
        const v = new SchemaObjectMember('branch', m.name, info, 'q_empty', false, m.ifcond, []);
        v.setDefinedIn(found.definedIn!);
        v.implicitBranch = true;
        this.variants.push(v);
      }
    }
    if (!this.variants.length) fail(info, Messages.unionNoBranches);
    const names = new Set(tagType.memberNames());
    for (const v of this.variants) {
      v.check(schema);
      if (!names.has(v.name)) fail(info, Messages.branchNotEnumValue, v.name, tagType.describe());
      if (!(v.type instanceof SchemaObjectType)) fail(info, Messages.cannotUse, v.describe(info), v.type!.describe());
      v.type.check(schema);
    }
  }

  checkClash(info: SourceInfo, seen: Map<string, SchemaMember>): void {
    for (const v of this.variants) (v.type as SchemaObjectType).checkClash(info, new Map(seen));
  }
}

export class SchemaObjectType extends SchemaType {
  readonly meta: 'struct' | 'union';
  base: SchemaObjectType | undefined;
  members: SchemaObjectMember[] = [];
  private checkComplete = false;
  constructor(
    name: string, info: SourceInfo | null, doc: QapiDoc | undefined, ifcond: CondExpr | undefined,
    features: SchemaFeature[], readonly baseName: string | undefined, readonly localMembers: SchemaObjectMember[],
    readonly branches: SchemaBranches | undefined, offset?: number,
  ) {
    super(name, info, doc, ifcond, features, offset);
    this.meta = branches ? 'union' : 'struct';
    for (const m of localMembers) m.setDefinedIn(name);
    branches?.setDefinedIn(name);
  }

  override check(schema: SchemaLookup): void {
    if (this.checkComplete) return;
    if (this.checked) fail(this.info!, Messages.containsItself, this.name);
    super.check(schema);
    const seen = new Map<string, SchemaMember>();
    if (this.baseName !== undefined) {
      const base = schema.resolveType(this.baseName, this.info, "'base'");
      if (!(base instanceof SchemaObjectType) || base.branches) {
        fail(this.info!, Messages.baseRequiresStruct, base.describe());
      }
      this.base = base;
      base.check(schema);
      base.checkClash(this.info!, seen);
    }
    for (const m of this.localMembers) {
      m.check(schema);
      m.checkClash(this.info!, seen);
    }
    const members = [...seen.values()] as SchemaObjectMember[];
    if (this.branches) {
      this.branches.check(schema, seen);
      this.branches.checkClash(this.info!, seen);
    }
    this.members = members;
    this.checkComplete = true;
  }

  checkClash(info: SourceInfo, seen: Map<string, SchemaMember>): void {
    for (const m of this.members) m.checkClash(info, seen);
    this.branches?.checkClash(info, seen);
  }

  override connectDoc(doc: QapiDoc | undefined, lookup: SchemaLookup): void {
    super.connectDoc(doc, lookup);
    const d = doc ?? this.doc;
    if (this.base?.isImplicit()) this.base.connectDoc(d, lookup);
    for (const m of this.localMembers) m.connectDoc(d, lookup);
  }

  override isImplicit(): boolean {
    return this.name.startsWith('q_');
  }

  jsonType(): string {
    return 'object';
  }

  hasConditionalMembers(): boolean {
    return this.members.some((m) => m.ifcond !== undefined);
  }
}

export class SchemaAlternateType extends SchemaType {
  readonly meta = 'alternate';
  readonly tagMember: SchemaObjectMember;
  constructor(
    name: string, info: SourceInfo, doc: QapiDoc | undefined, ifcond: CondExpr | undefined,
    features: SchemaFeature[], readonly variants: SchemaObjectMember[], offset?: number,
  ) {
    super(name, info, doc, ifcond, features, offset);
    this.tagMember = new SchemaObjectMember('member', 'type', info, 'QType', false, undefined, []);
    this.tagMember.setDefinedIn(name);
    for (const v of variants) v.setDefinedIn(name);
  }

  override check(schema: SchemaLookup): void {
    super.check(schema);
    this.tagMember.check(schema);
    for (const v of this.variants) v.check(schema);
    const info = this.info!;
    const seen = new Map<string, SchemaMember>();
    const typesSeen = new Map<string, string>();
    const jsonTypesSeen = new Set<string>();
    const order = new Map<string, number>();
    this.variants.forEach((v, i) => order.set(v.name, i));
    for (const v of this.variants) {
      v.checkClash(info, seen);
      const type = v.type!;
      const qtype = type.alternateQtype();
      if (!qtype) fail(info, Messages.cannotUse, v.describe(info), type.describe());
      const conflicting = new Set([qtype]);
      if (qtype === 'QTYPE_QSTRING') {
        if (type instanceof SchemaEnumType) {
          for (const m of type.members) {
            if (m.name === 'on' || m.name === 'off') conflicting.add('QTYPE_QBOOL');
            if (/^[-+0-9.]/.test(m.name)) conflicting.add('QTYPE_QNUM');
          }
        } else {
          conflicting.add('QTYPE_QNUM');
          conflicting.add('QTYPE_QBOOL');
        }
      }
      // QEMU walks a Python set here, so with several conflicts the branch it
      // names depends on the hash seed; name the earliest branch instead.
      const clashes = [...conflicting].filter((qt) => typesSeen.has(qt)).map((qt) => typesSeen.get(qt)!);
      if (clashes.length) {
        clashes.sort((a, b) => order.get(a)! - order.get(b)!);
        // Before QEMU 2.10 only the JSON type had to differ ('str' and 'int'
        // could share an alternate); the rest is for keyval input (-blockdev).
        if (jsonTypesSeen.has(qtype)) fail(info, Messages.indistinguishable, v.describe(info), clashes[0]);
        schema.leniency.relax(Messages.indistinguishable, locationOf(info), v.describe(info), clashes[0]);
      }
      for (const qt of conflicting) typesSeen.set(qt, v.name);
      jsonTypesSeen.add(qtype);
    }
  }

  override connectDoc(doc: QapiDoc | undefined, lookup: SchemaLookup): void {
    super.connectDoc(doc, lookup);
    const d = doc ?? this.doc;
    for (const v of this.variants) v.connectDoc(d, lookup);
  }

  jsonType(): string {
    return 'value';
  }
}

export class SchemaCommand extends SchemaDefinition {
  readonly meta = 'command';
  argType: SchemaObjectType | undefined;
  retType: SchemaType | undefined;
  constructor(
    name: string, info: SourceInfo, doc: QapiDoc | undefined, ifcond: CondExpr | undefined, features: SchemaFeature[],
    readonly argTypeName: string | undefined, readonly retTypeName: string | undefined,
    readonly flags: {
      readonly gen: boolean; readonly successResponse: boolean; readonly boxed: boolean;
      readonly allowOob: boolean; readonly allowPreconfig: boolean; readonly coroutine: boolean;
    },
    offset?: number,
  ) {
    super(name, info, doc, ifcond, features, offset);
  }

  override check(schema: SchemaLookup): void {
    super.check(schema);
    const info = this.info!;
    if (this.argTypeName !== undefined) {
      this.argType = checkArgType(schema, this.argTypeName, info, 'command', this.flags.boxed);
    }
    if (this.retTypeName !== undefined) {
      const ret = schema.resolveType(this.retTypeName, info, "command's 'returns'");
      this.retType = ret;
      if (!schema.commandReturnsExceptions.includes(this.name)) {
        const t = ret instanceof SchemaArrayType ? ret.elementType! : ret;
        if (!(t instanceof SchemaObjectType)) schema.leniency.relax(Messages.returnsCannotTake, locationOf(info), ret.describe());
      }
    }
  }

  override connectDoc(doc: QapiDoc | undefined, lookup: SchemaLookup): void {
    super.connectDoc(doc, lookup);
    const d = doc ?? this.doc;
    if (d && this.argType?.isImplicit()) this.argType.connectDoc(d, lookup);
  }
}

export class SchemaEvent extends SchemaDefinition {
  readonly meta = 'event';
  argType: SchemaObjectType | undefined;
  constructor(
    name: string, info: SourceInfo, doc: QapiDoc | undefined, ifcond: CondExpr | undefined, features: SchemaFeature[],
    readonly argTypeName: string | undefined, readonly boxed: boolean, offset?: number,
  ) {
    super(name, info, doc, ifcond, features, offset);
  }

  override check(schema: SchemaLookup): void {
    super.check(schema);
    if (this.argTypeName !== undefined) {
      this.argType = checkArgType(schema, this.argTypeName, this.info!, 'event', this.boxed);
    }
  }

  override connectDoc(doc: QapiDoc | undefined, lookup: SchemaLookup): void {
    super.connectDoc(doc, lookup);
    const d = doc ?? this.doc;
    if (d && this.argType?.isImplicit()) this.argType.connectDoc(d, lookup);
  }
}

function checkArgType(schema: SchemaLookup, name: string, info: SourceInfo, meta: 'command' | 'event', boxed: boolean): SchemaObjectType {
  const t = schema.resolveType(name, info, `${meta}'s 'data'`);
  if (!(t instanceof SchemaObjectType)) fail(info, Messages.dataCannotTake, meta, t.describe());
  // 'boxed' (QEMU 2.7) matters to C code only; older releases passed unions and conditional members without it.
  if (t.branches && !boxed) schema.leniency.relax(Messages.dataOnlyBoxed, locationOf(info), meta, t.describe());
  t.check(schema);
  if (t.hasConditionalMembers() && !boxed) schema.leniency.relax(Messages.conditionalArgsNeedBoxed, locationOf(info), meta);
  return t;
}

export class SchemaInclude {
  readonly meta = 'include';
  constructor(
    readonly moduleName: string,
    readonly info: SourceInfo,
  ) {}
}

export type SchemaEntity = SchemaDefinition | SchemaInclude;

/** QEMU's QAPIDoc.connect_member(), with its crash on a stub at the end fixed. */
function connectMember(doc: QapiDoc, member: SchemaMember, lookup: SchemaLookup): void {
  let section = doc.args.get(member.name);
  if (!section) {
    const exempt = member instanceof SchemaObjectMember && member.docOptional;
    if (!exempt && (!doc.symbol || !lookup.documentationExceptions.includes(doc.symbol))) {
      lookup.leniency.relax(Messages.docLacksDocumentation, locationOf(member.info!), member.role, member.name);
    }
    section = { kind: 'Member', info: doc.info, text: '', name: member.name, stub: true };
    doc.args.set(member.name, section);
    let index = 1;
    while (index < doc.allSections.length && doc.allSections[index].kind === 'Member') index++;
    doc.allSections.splice(index, 0, section);
  }
  section.connected = true;
}

function connectFeature(doc: QapiDoc, feature: SchemaFeature, lookup: SchemaLookup): void {
  let section: DocSection | undefined = doc.features.get(feature.name);
  if (!section) {
    lookup.leniency.relax(Messages.docFeatureLacksDocumentation, locationOf(feature.info!), feature.name);
    // A lenient run goes on with an empty description.
    section = { kind: 'Feature', info: doc.info, text: '', name: feature.name, stub: true };
    doc.features.set(feature.name, section);
  }
  section.connected = true;
}

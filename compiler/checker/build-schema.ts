/**
 * Builds and checks the schema from checked expressions, as QEMU's QAPISchema
 * does: predefined types, one entity per definition with implicit types
 * (arrays, `q_obj_*-arg`, `q_obj_*-base`) created just before their first
 * user, duplicate detection, then the semantic checks and doc linking in
 * entity order, module assignment, doc checks and the feature limit.
 */
import { relative, resolve } from 'node:path';
import type { SourceInfo } from '../source/source-info.js';
import { locationOf } from '../source/source-info.js';
import { CompileError, compileError, makeDiagnostic } from '../diagnostics/compile-error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Messages } from '../diagnostics/messages.js';
import { type Leniency, STRICT } from '../diagnostics/leniency.js';
import type { QapiDoc } from '../parser/doc-comment.js';
import { pyDirname } from '../source/python-text.js';
import type { Pragmas } from '../parser/syntax.js';
import type { CheckedExpr, CondExpr, FeatureExpr, MemberExpr, TypeRefExpr } from './definitions.js';
import {
  fail, SchemaAlternateType, SchemaArrayType, SchemaBranches, SchemaBuiltinType, SchemaCommand, SchemaDefinition,
  SchemaEnumMember, SchemaEnumType, SchemaEvent, SchemaFeature, SchemaInclude, type SchemaLookup,
  SchemaObjectMember, SchemaObjectType, SchemaType, type SchemaEntity,
} from './schema-entities.js';

export const BUILTIN_MODULE = './builtin';

export const BUILTIN_TYPES: readonly (readonly [string, string])[] = [
  ['str', 'string'], ['number', 'number'], ['int', 'int'], ['int8', 'int'], ['int16', 'int'], ['int32', 'int'],
  ['int64', 'int'], ['uint8', 'int'], ['uint16', 'int'], ['uint32', 'int'], ['uint64', 'int'], ['size', 'int'],
  ['bool', 'boolean'], ['any', 'value'], ['null', 'null'],
];

export const QTYPE_VALUES = ['none', 'qnull', 'qnum', 'qstring', 'qdict', 'qlist', 'qbool'] as const;

export interface SchemaModule {
  readonly name: string;
  readonly entities: SchemaEntity[];
}

export class CheckedSchema implements SchemaLookup {
  readonly entities: SchemaEntity[] = [];
  private readonly byName = new Map<string, SchemaDefinition>();
  readonly modules = new Map<string, SchemaModule>();
  /** Every distinct feature name, specials first, in first-use order. */
  readonly featureTable = new Map<string, SchemaFeature>();
  private readonly schemaDir: string;
  private predefining = true;
  private readonly moduleNames = new Map<string, string>();

  constructor(
    readonly mainFile: string,
    readonly docs: readonly QapiDoc[],
    readonly pragmas: Pragmas,
    readonly leniency: Leniency = STRICT,
  ) {
    this.schemaDir = pyDirname(mainFile);
    for (const f of ['deprecated', 'unstable']) this.featureTable.set(f, new SchemaFeature(f, null));
    this.makeModule(BUILTIN_MODULE);
    this.makeModule(mainFile);
  }

  get commandReturnsExceptions(): readonly string[] {
    return this.pragmas.commandReturnsExceptions;
  }

  get documentationExceptions(): readonly string[] {
    return this.pragmas.documentationExceptions;
  }

  moduleName(file: string): string {
    if (file === BUILTIN_MODULE) return file;
    let name = this.moduleNames.get(file);
    if (name === undefined) {
      name = relative(resolve(this.schemaDir), resolve(file)) || '.';
      this.moduleNames.set(file, name);
    }
    return name;
  }

  makeModule(file: string): SchemaModule {
    const name = this.moduleName(file);
    let mod = this.modules.get(name);
    if (!mod) {
      mod = { name, entities: [] };
      this.modules.set(name, mod);
    }
    return mod;
  }

  lookupEntity(name: string): SchemaDefinition | undefined {
    return this.byName.get(name);
  }

  lookupType(name: string): SchemaType | undefined {
    const ent = this.byName.get(name);
    return ent instanceof SchemaType ? ent : undefined;
  }

  resolveType(name: string, info: SourceInfo | null, what: string | ((info: SourceInfo) => string)): SchemaType {
    const t = this.lookupType(name);
    if (t) return t;
    const w = typeof what === 'function' ? what(info!) : what;
    return fail(info!, Messages.unknownType, w, name);
  }

  defineEntity(ent: SchemaEntity): void {
    this.entities.push(ent);
    if (ent instanceof SchemaInclude) return;
    const other = this.byName.get(ent.name);
    if (other) {
      if (other.info) {
        const where = makeDiagnostic(Messages.previousDefinition, locationOf(other.info), []);
        throw new CompileError({
          ...makeDiagnostic(Messages.alreadyDefined, locationOf(ent.info!), [ent.name]),
          related: [{ message: where.message, location: where.location! }],
        });
      }
      throw compileError(Messages.predefinedAlreadyDefined, locationOf(ent.info!), other.describe());
    }
    if (!ent.info && !this.predefining) throw new Error(`definition ${ent.name} lacks a source position`);
    this.byName.set(ent.name, ent);
  }
}

function makeFeatures(schema: CheckedSchema, features: readonly FeatureExpr[], info: SourceInfo | null): SchemaFeature[] {
  for (const f of features) {
    if (!schema.featureTable.has(f.name)) schema.featureTable.set(f.name, new SchemaFeature(f.name, info));
  }
  return features.map((f) => new SchemaFeature(f.name, info, f.if));
}

function makeArrayType(schema: CheckedSchema, element: string, info: SourceInfo | null): string {
  const name = `${element}List`;
  if (!schema.lookupType(name)) schema.defineEntity(new SchemaArrayType(name, info, element));
  return name;
}

function typeName(schema: CheckedSchema, ref: TypeRefExpr, info: SourceInfo): string {
  return typeof ref === 'string' ? ref : makeArrayType(schema, ref[0], info);
}

function makeMembers(
  schema: CheckedSchema, members: readonly MemberExpr[], info: SourceInfo, docOptional?: (name: string) => boolean,
): SchemaObjectMember[] {
  return members.map((m) => {
    const member = new SchemaObjectMember('member', m.name, info, typeName(schema, m.type, info), m.optional, m.if,
      makeFeatures(schema, m.features, info), m.offset);
    if (docOptional?.(m.name)) member.docOptional = true;
    return member;
  });
}

function makeImplicitObjectType(
  schema: CheckedSchema, owner: string, info: SourceInfo, ifcond: CondExpr | undefined, role: 'arg' | 'base',
  members: SchemaObjectMember[],
): string | undefined {
  if (!members.length) return undefined;
  const name = `q_obj_${owner}-${role}`;
  // An existing one can only come from a duplicate definition, flagged next.
  if (!schema.lookupEntity(name)) {
    schema.defineEntity(new SchemaObjectType(name, info, undefined, ifcond, [], undefined, members, undefined));
  }
  return name;
}

function defineExpr(schema: CheckedSchema, expr: CheckedExpr): void {
  if (expr.meta === 'include') {
    schema.defineEntity(new SchemaInclude(schema.makeModule(expr.path).name, expr.info));
    return;
  }
  const { name, info, doc, offset } = expr;
  // QEMU tests these names for truth: an empty string means "none".
  const orNone = (s: string | undefined) => (s ? s : undefined);
  const ifcond = expr.if;
  const features = makeFeatures(schema, expr.features, info);
  switch (expr.meta) {
    case 'enum': {
      const members = expr.values.map(
        (v) => new SchemaEnumMember(v.name, info, v.if, makeFeatures(schema, v.features, info), v.offset),
      );
      // (A simple union's `…Kind` enum is a named type, as QEMU's generated code named it.)
      schema.defineEntity(new SchemaEnumType(name, info, doc, ifcond, features, members, expr.prefix, offset));
      return;
    }
    case 'struct': {
      // An older dialect's implicit struct (lenient runs) has members no doc describes.
      const members = makeMembers(schema, expr.members, info, expr.implicit ? () => true : undefined);
      schema.defineEntity(new SchemaObjectType(name, info, doc, ifcond, features, orNone(expr.base), members, undefined, offset));
      return;
    }
    case 'union': {
      const base = typeof expr.base === 'string'
        ? orNone(expr.base)
        : makeImplicitObjectType(schema, name, info, ifcond, 'base',
          makeMembers(schema, expr.base, info, expr.simpleUnion ? (m) => m === 'type' : undefined));
      const variants = expr.branches.map(
        (b) => new SchemaObjectMember('branch', b.name, info, typeName(schema, b.type, info), false, b.if, [], b.offset),
      );
      schema.defineEntity(new SchemaObjectType(
        name, info, doc, ifcond, features, base, [], new SchemaBranches(info, variants, expr.discriminator), offset,
      ));
      return;
    }
    case 'alternate': {
      const variants = expr.branches.map(
        (b) => new SchemaObjectMember('branch', b.name, info, typeName(schema, b.type, info), false, b.if, [], b.offset),
      );
      schema.defineEntity(new SchemaAlternateType(name, info, doc, ifcond, features, variants, offset));
      return;
    }
    case 'command': {
      const data = typeof expr.data === 'object'
        ? makeImplicitObjectType(schema, name, info, ifcond, 'arg', makeMembers(schema, expr.data, info))
        : orNone(expr.data);
      const rets = expr.returns === undefined || expr.returns === '' ? undefined : typeName(schema, expr.returns, info);
      schema.defineEntity(new SchemaCommand(name, info, doc, ifcond, features, data, rets, {
        gen: expr.gen, successResponse: expr.successResponse, boxed: expr.boxed,
        allowOob: expr.allowOob, allowPreconfig: expr.allowPreconfig, coroutine: expr.coroutine,
      }, offset));
      return;
    }
    case 'event': {
      const data = typeof expr.data === 'object'
        ? makeImplicitObjectType(schema, name, info, ifcond, 'arg', makeMembers(schema, expr.data, info))
        : orNone(expr.data);
      schema.defineEntity(new SchemaEvent(name, info, doc, ifcond, features, data, expr.boxed, offset));
      return;
    }
  }
}

function definePredefineds(schema: CheckedSchema): void {
  for (const [name, json] of BUILTIN_TYPES) {
    schema.defineEntity(new SchemaBuiltinType(name, json));
    makeArrayType(schema, name, null);
  }
  schema.defineEntity(new SchemaObjectType('q_empty', null, undefined, undefined, [], undefined, [], undefined));
  const qtypes = QTYPE_VALUES.map((v) => new SchemaEnumMember(v, null, undefined, []));
  schema.defineEntity(new SchemaEnumType('QType', null, undefined, undefined, [], qtypes, undefined));
}

function moduleFileOf(ent: SchemaEntity): string {
  if (ent instanceof SchemaArrayType) return ent.elementType?.info?.file ?? BUILTIN_MODULE;
  return ent.info?.file ?? BUILTIN_MODULE;
}

/** QEMU's QAPIDoc.check(): doc entries that matched nothing. */
function checkDoc(doc: QapiDoc, leniency: Leniency): void {
  const check = (entries: Map<string, { connected?: boolean; info: SourceInfo }>, what: string) => {
    const bogus = [...entries].filter(([, s]) => !s.connected).map(([n]) => n);
    if (bogus.length) {
      leniency.relax(Messages.docDocumentedDoesNotExist, locationOf(entries.get(bogus[0])!.info), what, bogus);
    }
  };
  check(doc.args, 'member');
  check(doc.features, 'feature');
}

export interface BuildResult {
  readonly schema: CheckedSchema;
  readonly diagnostics: readonly Diagnostic[];
}

export function buildSchema(
  mainFile: string, exprs: readonly CheckedExpr[], docs: readonly QapiDoc[], pragmas: Pragmas, leniency: Leniency = STRICT,
): BuildResult {
  const schema = new CheckedSchema(mainFile, docs, pragmas, leniency);
  try {
    definePredefineds(schema);
    (schema as unknown as { predefining: boolean }).predefining = false;
    for (const expr of exprs) defineExpr(schema, expr);
    for (const ent of schema.entities) {
      if (ent instanceof SchemaInclude) continue;
      ent.check(schema);
      ent.connectDoc(undefined, schema);
    }
    for (const ent of schema.entities) schema.makeModule(moduleFileOf(ent)).entities.push(ent);
    // A symbol's doc that a lenient run left unattached (misplaced or
    // misnamed, already warned about) documents nothing to check against.
    const attached = new Set(exprs.map((e) => (e.meta === 'include' ? undefined : e.doc)));
    for (const doc of docs) if (!doc.symbol || attached.has(doc)) checkDoc(doc, leniency);
    const features = [...schema.featureTable.values()];
    if (features.length > 64) throw compileError(Messages.tooManyFeatures, locationOf(features[64].info!));
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    return { schema, diagnostics: [err.diagnostic] };
  }
  return { schema, diagnostics: [] };
}

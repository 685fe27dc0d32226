/**
 * Lowers the checked schema (the checker's working objects) to the IR, plain
 * data that nothing can mutate and any emitter can read.
 */
import type { SourceText } from '../source/source-file.js';
import { lineOf } from '../source/source-file.js';
import type { SourceInfo } from '../source/source-info.js';
import type { DocSection, QapiDoc } from '../parser/doc-comment.js';
import { BUILTIN_MODULE, type CheckedSchema } from '../checker/build-schema.js';
import {
  SchemaAlternateType, SchemaArrayType, SchemaBuiltinType, SchemaCommand, type SchemaDefinition, SchemaEnumType, SchemaEvent,
  type SchemaFeature, SchemaInclude, type SchemaMember, type SchemaObjectMember, SchemaObjectType,
} from '../checker/schema-entities.js';
import {
  IR_VERSION, type IrDefinition, type IrDoc, type IrDocSection, type IrFeature, type IrLocation, type IrMember,
  type IrModule, type IrSchema,
} from './types.js';

const EMPTY: IrFeature[] = [];

class Lowerer {
  private readonly docIndex = new Map<QapiDoc, number>();
  /** Doc comment of the definition that owns each implicit object type. */
  private readonly ownerDoc = new Map<string, QapiDoc>();
  private readonly sources = new Map<string, SourceText>();

  constructor(
    private readonly schema: CheckedSchema,
    files: readonly SourceText[],
  ) {
    schema.docs.forEach((d, i) => this.docIndex.set(d, i));
    for (const f of files) this.sources.set(f.path, f);
    for (const ent of schema.entities) {
      if ((ent instanceof SchemaCommand || ent instanceof SchemaEvent) && ent.doc && ent.argType?.isImplicit()) {
        this.ownerDoc.set(ent.argType.name, ent.doc);
      }
      if (ent instanceof SchemaObjectType && ent.branches && ent.doc && ent.base?.isImplicit()) {
        this.ownerDoc.set(ent.base.name, ent.doc);
      }
    }
  }

  location(info: SourceInfo | null, offset?: number): IrLocation | undefined {
    if (!info) return undefined;
    const src = this.sources.get(info.file);
    if (offset === undefined || offset < 0 || !src) return { file: info.file, line: info.line };
    const line = lineOf(src, offset);
    return { file: info.file, line, column: offset - src.lineStarts[line - 1] + 1 };
  }

  /** `{ location }` of a branch or value written in the schema, or nothing. */
  locationOf(m: SchemaMember): { location?: IrLocation } {
    const location = m.offset !== undefined && m.offset >= 0 ? this.location(m.info, m.offset) : undefined;
    return location ? { location } : {};
  }

  // Objects are built by assignment, not conditional spreads: lowering runs
  // on every compile (and every --watch rebuild), and spreads allocate.
  features(features: readonly SchemaFeature[], doc: QapiDoc | undefined): IrFeature[] {
    if (!features.length) return EMPTY;
    return features.map((f) => {
      const out: { name: string; if?: IrFeature['if']; doc?: string } = { name: f.name };
      if (f.ifcond !== undefined) out.if = f.ifcond;
      const text = doc?.features.get(f.name)?.text;
      if (text) out.doc = text;
      return out;
    });
  }

  member(m: SchemaObjectMember, doc: QapiDoc | undefined): IrMember {
    const out: { -readonly [K in keyof IrMember]: IrMember[K] } = {
      name: m.name, type: m.type!.name, optional: m.optional, features: this.features(m.features, doc), definedIn: m.definedIn!,
    };
    if (m.ifcond !== undefined) out.if = m.ifcond;
    const location = this.location(m.info, m.offset);
    if (location) out.location = location;
    const text = doc?.args.get(m.name)?.text;
    if (text) out.doc = text;
    return out;
  }

  definition(ent: SchemaDefinition): IrDefinition {
    const doc = ent.doc ?? this.ownerDoc.get(ent.name);
    const module = this.schema.moduleName(
      ent instanceof SchemaArrayType ? (ent.elementType?.info?.file ?? BUILTIN_MODULE) : (ent.info?.file ?? BUILTIN_MODULE),
    );
    const location = this.location(ent.info, ent.offset);
    const ifcond = ent instanceof SchemaArrayType ? ent.effectiveIf : ent.ifcond;
    const common = {
      name: ent.name,
      module,
      ...(location ? { location } : {}),
      ...(ifcond !== undefined ? { if: ifcond } : {}),
      features: this.features(ent.features, doc),
      ...(ent.doc ? { doc: this.docIndex.get(ent.doc)! } : {}),
      implicit: ent.info === null || ent.isImplicit(),
    };
    if (ent instanceof SchemaBuiltinType) return { kind: 'builtin', ...common, jsonType: ent.jsonType() };
    if (ent instanceof SchemaEnumType) {
      return {
        kind: 'enum', ...common,
        values: ent.members.map((v) => {
          const text = doc?.args.get(v.name)?.text;
          const location = this.location(v.info, v.offset);
          return {
            name: v.name, ...(v.ifcond !== undefined ? { if: v.ifcond } : {}),
            features: this.features(v.features, doc), ...(location ? { location } : {}), ...(text ? { doc: text } : {}),
          };
        }),
        ...(ent.prefix !== undefined ? { prefix: ent.prefix } : {}),
      };
    }
    if (ent instanceof SchemaArrayType) return { kind: 'array', ...common, elementType: ent.elementType!.name };
    if (ent instanceof SchemaObjectType) {
      const members = ent.members.map((m) => this.member(m, m.definedIn === ent.name ? doc : this.docOfType(m.definedIn!)));
      if (ent.branches) {
        return {
          kind: 'union', ...common, base: ent.base!.name, members, tag: ent.branches.tagMember!.name,
          branches: ent.branches.variants.map((v) => ({
            name: v.name, type: v.type!.name, ...(v.ifcond !== undefined ? { if: v.ifcond } : {}),
            ...(v.implicitBranch ? { implicit: true } : { ...this.locationOf(v) }),
          })),
        };
      }
      return {
        kind: 'struct', ...common, ...(ent.base ? { base: ent.base.name } : {}),
        localMembers: ent.localMembers.map((m) => this.member(m, doc)), members,
      };
    }
    if (ent instanceof SchemaAlternateType) {
      return {
        kind: 'alternate', ...common,
        branches: ent.variants.map((v) => {
          const text = doc?.args.get(v.name)?.text;
          return {
            name: v.name, type: v.type!.name, ...(v.ifcond !== undefined ? { if: v.ifcond } : {}), ...this.locationOf(v),
            ...(text ? { doc: text } : {}),
          };
        }),
      };
    }
    if (ent instanceof SchemaCommand) {
      return {
        kind: 'command', ...common,
        ...(ent.argType ? { argType: ent.argType.name } : {}),
        ...(ent.retType ? { retType: ent.retType.name } : {}),
        ...ent.flags,
      };
    }
    if (ent instanceof SchemaEvent) {
      return { kind: 'event', ...common, ...(ent.argType ? { argType: ent.argType.name } : {}), boxed: ent.boxed };
    }
    throw new Error(`cannot lower ${ent.name}`);
  }

  private docOfType(name: string): QapiDoc | undefined {
    const t = this.schema.lookupEntity(name);
    return t?.doc ?? this.ownerDoc.get(name);
  }

  section(s: DocSection, lowered: Map<DocSection, IrDocSection>): IrDocSection {
    let out = lowered.get(s);
    if (!out) {
      const o: { -readonly [K in keyof IrDocSection]: IrDocSection[K] } = { kind: s.kind, text: s.text, line: s.info.line };
      if (s.name !== undefined) o.name = s.name;
      if (s.stub) o.stub = true;
      lowered.set(s, (out = o));
    }
    return out;
  }

  doc(d: QapiDoc): IrDoc {
    // Each section is lowered once; args, features and sections share them with allSections.
    const lowered = new Map<DocSection, IrDocSection>();
    const sections = (list: Iterable<DocSection>) => Array.from(list, (s) => this.section(s, lowered));
    const out: { -readonly [K in keyof IrDoc]: IrDoc[K] } = {
      location: { file: d.info.file, line: d.info.line },
      endLine: d.endLine,
      body: d.body.text,
      args: sections(d.args.values()),
      features: sections(d.features.values()),
      sections: sections(d.sections),
      allSections: sections(d.allSections),
    };
    if (d.symbol !== undefined) return { symbol: d.symbol, ...out };
    return out;
  }

  lower(): IrSchema {
    const definitions: IrDefinition[] = [];
    for (const ent of this.schema.entities) if (!(ent instanceof SchemaInclude)) definitions.push(this.definition(ent));
    const modules: IrModule[] = [...this.schema.modules.values()].map((mod) => ({
      name: mod.name,
      items: mod.entities.map((ent) =>
        ent instanceof SchemaInclude
          ? { kind: 'include' as const, module: ent.moduleName, location: { file: ent.info.file, line: ent.info.line } }
          : { kind: 'definition' as const, name: ent.name }),
    }));
    const p = this.schema.pragmas;
    return {
      version: IR_VERSION,
      mainFile: this.schema.mainFile,
      modules,
      definitions,
      docs: this.schema.docs.map((d) => this.doc(d)),
      pragmas: {
        docRequired: p.docRequired,
        commandNameExceptions: [...p.commandNameExceptions],
        commandReturnsExceptions: [...p.commandReturnsExceptions],
        documentationExceptions: [...p.documentationExceptions],
        memberNameExceptions: [...p.memberNameExceptions],
      },
      featureNames: [...this.schema.featureTable.keys()],
    };
  }
}

export function lowerToIr(schema: CheckedSchema, files: readonly SourceText[]): IrSchema {
  return new Lowerer(schema, files).lower();
}

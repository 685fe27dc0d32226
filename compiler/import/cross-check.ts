/**
 * Cross-check: a schema against what a QEMU binary offers (its
 * query-qmp-schema reply), as diagnostics (QAPI7xxx). Both sides are compared
 * in introspection's own terms: the schema is introspected unmasked with every
 * condition kept, then walked in parallel with the reply from each command and
 * event both have, pairing the types they reach (the reply's masked names
 * need no decoding: a pair is matched by where it is used). Reported:
 * commands, events, members, enum values, union branches, alternatives and
 * features present on one side only, and differing types, optionality,
 * discriminators and allow-oob.
 *
 * Severity: what the binary has and the schema lacks is a warning; what the
 * schema has and the binary lacks is a warning, or `info` when the schema
 * makes it conditional (a build configuration is expected to drop some).
 */
import type { Diagnostic, DiagnosticLocation, Severity } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/compile-error.js';
import { type MessageDef, Messages } from '../diagnostics/messages.js';
import { emitIntrospection, type SchemaInfo } from '../emitters/introspect.js';
import { describeCondition } from '../ir/evaluate-condition.js';
import type { IrCondition, IrDefinition, IrFeature, IrLocation, IrMember, IrSchema } from '../ir/types.js';
import { elementOf } from './type-names.js';

export interface CrossCheckSummary {
  readonly commands: { readonly both: number; readonly schemaOnly: number; readonly binaryOnly: number };
  readonly events: { readonly both: number; readonly schemaOnly: number; readonly binaryOnly: number };
  /** Distinct (schema type, binary type) pairs compared. */
  readonly typePairs: number;
}

export interface CrossCheckResult {
  readonly diagnostics: Diagnostic[];
  readonly summary: CrossCheckSummary;
}

type Info = SchemaInfo;
type ObjectInfo = Extract<SchemaInfo, { 'meta-type': 'object' }>;

export function crossCheck(schema: IrSchema, reply: readonly SchemaInfo[]): CrossCheckResult {
  const ours = emitIntrospection(schema, { unmask: true });
  const sBy = new Map<string, Info>(ours.map((e) => [e.name, e]));
  const bBy = new Map<string, Info>(reply.map((e) => [e.name, e]));
  const defs = new Map<string, IrDefinition>(schema.definitions.map((d) => [d.name, d]));
  const diagnostics: Diagnostic[] = [];

  const location = (def: IrDefinition | undefined, at?: IrLocation): DiagnosticLocation | undefined => {
    // Messages say where (`arguments of command 'x'`), so no definition context.
    const loc = at ?? def?.location;
    if (!loc) return undefined;
    return { file: loc.file, line: loc.line, ...(loc.column !== undefined ? { column: loc.column } : {}), includedFrom: [] };
  };
  const report = <A extends unknown[]>(
    def: MessageDef<A>, severity: Severity, loc: DiagnosticLocation | undefined, ...args: A
  ) => {
    diagnostics.push({ ...makeDiagnostic(def, loc, args), severity });
  };
  const condText = (cond: IrCondition | undefined) => (cond === undefined ? '' : ` (the schema has it only if ${describeCondition(cond)})`);
  const absentSeverity = (cond: IrCondition | undefined): Severity => (cond === undefined ? 'warning' : 'info');

  /** How a schema type is named in messages. */
  const describeType = (name: string): string => {
    const m = /^q_obj_(.*)-(arg|base)$/.exec(name);
    if (m) {
      const owner = defs.get(m[1]);
      if (m[2] === 'base') return `base of union '${m[1]}'`;
      return owner?.kind === 'event' ? `data of event '${m[1]}'` : `arguments of command '${m[1]}'`;
    }
    const d = defs.get(name);
    return d ? `${d.kind} '${name}'` : `type '${name}'`;
  };
  /** A type reference in words, for mismatches. */
  const refText = (ref: string, by: Map<string, Info>, masked: boolean): string => {
    const e = by.get(ref);
    if (!e) return `'${ref}'`;
    switch (e['meta-type']) {
      case 'builtin': return `'${ref}'`;
      case 'array': return `an array of ${refText(e['element-type'], by, masked)}`;
      case 'object': return masked ? (e.variants ? 'a union' : 'an object') : `${e.variants ? 'union' : 'struct'} '${ref}'`;
      default: return masked ? `an ${e['meta-type']}` : `${e['meta-type']} '${ref}'`;
    }
  };

  const features = (
    where: string, sList: readonly string[] | undefined, bList: readonly string[] | undefined,
    irFeatures: readonly IrFeature[], loc: DiagnosticLocation | undefined,
  ) => {
    const s = new Set(sList ?? []);
    const b = new Set(bList ?? []);
    for (const f of b) if (!s.has(f)) report(Messages.featureOnlyInBinary, 'warning', loc, where, f);
    for (const f of s) {
      if (b.has(f)) continue;
      const cond = irFeatures.find((x) => x.name === f)?.if;
      report(Messages.featureNotInBinary, absentSeverity(cond), loc, where, f, condText(cond));
    }
  };

  /** How introspection refers to IR type `name`: integers as `int`, arrays as `[ELEMENT]`. */
  const introspectionName = (name: string): string => {
    const d = defs.get(name);
    if (d?.kind === 'array') return `[${introspectionName(d.elementType)}]`;
    if (d?.kind === 'builtin' && d.jsonType === 'int') return 'int';
    return name;
  };

  const compared = new Set<string>();
  const irMembers = (name: string): readonly IrMember[] => {
    const d = defs.get(name);
    return d && (d.kind === 'struct' || d.kind === 'union') ? d.members : [];
  };

  /** Compares what schema type reference `s` and binary reference `b` describe, used as `where`. */
  const compareRef = (s: string, b: string, where: string, loc: DiagnosticLocation | undefined) => {
    const se = sBy.get(s);
    const be = bBy.get(b);
    if (!se || !be) return;
    const sm = se['meta-type'];
    const bm = be['meta-type'];
    if (sm === 'array' && bm === 'array') {
      compareRef(elementOf(s), elementOf(b), where, loc);
      return;
    }
    if (sm !== bm || (sm === 'builtin' && s !== b)
      || (sm === 'object' && bm === 'object' && (se.variants === undefined) !== (be.variants === undefined))) {
      report(Messages.typeMismatch, 'warning', loc, where, refText(s, sBy, false), refText(b, bBy, true));
      return;
    }
    if (sm === 'builtin') return;
    const key = `${s}\u0000${b}`;
    if (compared.has(key)) return;
    compared.add(key);
    compareType(se, be);
  };

  const compareType = (se: Info, be: Info) => {
    const name = se.name;
    const def = defs.get(name);
    const where = describeType(name);
    const loc = location(def);
    switch (se['meta-type']) {
      case 'enum': {
        if (be['meta-type'] !== 'enum') return;
        const irValues = def?.kind === 'enum' ? def.values : [];
        const bValues = new Map(be.members.map((m) => [m.name, m]));
        const sValues = new Set(se.members.map((m) => m.name));
        for (const v of be.members) if (!sValues.has(v.name)) report(Messages.enumValueOnlyInBinary, 'warning', loc, where, v.name);
        for (const v of se.members) {
          const bv = bValues.get(v.name);
          const irv = irValues.find((x) => x.name === v.name);
          if (!bv) {
            report(Messages.enumValueNotInBinary, absentSeverity(irv?.if), loc, where, v.name, condText(irv?.if));
            continue;
          }
          features(`${where}, value '${v.name}'`, v.features, bv.features, irv?.features ?? [], loc);
        }
        features(where, se.features, be.features, def?.features ?? [], loc);
        return;
      }
      case 'object': {
        if (be['meta-type'] !== 'object') return;
        compareObject(se, be, def, where, loc);
        return;
      }
      case 'alternate': {
        if (be['meta-type'] !== 'alternate') return;
        const kindOf = (ref: string, by: Map<string, Info>) => {
          const e = by.get(ref);
          if (!e) return ref;
          if (e['meta-type'] === 'builtin') return `'${ref}'`;
          if (e['meta-type'] === 'array') return 'an array';
          if (e['meta-type'] === 'enum') return 'an enum (a string)';
          return 'an object';
        };
        const sKinds = new Map(se.members.map((m) => [kindOf(m.type, sBy), m.type]));
        const bKinds = new Map(be.members.map((m) => [kindOf(m.type, bBy), m.type]));
        const irBranches = def?.kind === 'alternate' ? def.branches : [];
        for (const [k, t] of bKinds) {
          if (!sKinds.has(k)) report(Messages.alternativeOnlyInBinary, 'warning', loc, where, k);
          else compareRef(sKinds.get(k)!, t, `${where}, alternative ${k}`, loc);
        }
        for (const [k, t] of sKinds) {
          if (bKinds.has(k)) continue;
          const cond = irBranches.find((x) => introspectionName(x.type) === t)?.if;
          report(Messages.alternativeNotInBinary, absentSeverity(cond), loc, where, k, condText(cond));
        }
        features(where, se.features, be.features, def?.features ?? [], loc);
        return;
      }
      default:
        return;
    }
  };

  const compareObject = (se: ObjectInfo, be: ObjectInfo, def: IrDefinition | undefined, where: string, loc: DiagnosticLocation | undefined) => {
    const ir = irMembers(se.name);
    const bMembers = new Map(be.members.map((m) => [m.name, m]));
    const sNames = new Set(se.members.map((m) => m.name));
    for (const m of be.members) if (!sNames.has(m.name)) report(Messages.memberOnlyInBinary, 'warning', loc, where, m.name);
    for (const m of se.members) {
      const irm = ir.find((x) => x.name === m.name);
      const mloc = location(def, irm?.location) ?? loc;
      const bm = bMembers.get(m.name);
      if (!bm) {
        report(Messages.memberNotInBinary, absentSeverity(irm?.if), mloc, where, m.name, condText(irm?.if));
        continue;
      }
      const sOpt = 'default' in m;
      if (sOpt !== 'default' in bm) report(Messages.optionalMismatch, 'warning', mloc, where, m.name, sOpt);
      features(`${where}, member '${m.name}'`, m.features, bm.features, irm?.features ?? [], mloc);
      compareRef(m.type, bm.type, `${where}, member '${m.name}'`, mloc);
    }
    if (se.tag !== undefined && be.tag !== undefined && se.tag !== be.tag) {
      report(Messages.tagMismatch, 'warning', loc, where, se.tag, be.tag);
    }
    if (se.variants && be.variants) {
      const irBranches = def?.kind === 'union' ? def.branches : [];
      const bVariants = new Map(be.variants.map((v) => [v.case, v]));
      const sCases = new Set(se.variants.map((v) => v.case));
      for (const v of be.variants) if (!sCases.has(v.case)) report(Messages.branchOnlyInBinary, 'warning', loc, where, v.case);
      for (const v of se.variants) {
        const bv = bVariants.get(v.case);
        const irb = irBranches.find((x) => x.name === v.case);
        if (!bv) {
          // An implicit branch exists for every enum value: its condition is the value's.
          const tagType = ir.find((x) => x.name === se.tag)?.type;
          const tagDef = tagType ? defs.get(tagType) : undefined;
          const cond = irb?.if ?? (tagDef?.kind === 'enum' ? tagDef.values.find((x) => x.name === v.case)?.if : undefined);
          report(Messages.branchNotInBinary, absentSeverity(cond), loc, where, v.case, condText(cond));
          continue;
        }
        compareRef(v.type, bv.type, `${where}, branch '${v.case}'`, loc);
      }
    }
    features(where, se.features, be.features, def?.features ?? [], loc);
  };

  const counts = () => ({ both: 0, schemaOnly: 0, binaryOnly: 0 });
  const commands = counts();
  const events = counts();
  for (const se of ours) {
    if (se['meta-type'] !== 'command' && se['meta-type'] !== 'event') continue;
    const def = defs.get(se.name);
    const loc = location(def);
    const be = bBy.get(se.name);
    if (se['meta-type'] === 'command') {
      if (be?.['meta-type'] !== 'command') {
        commands.schemaOnly++;
        report(Messages.commandNotInBinary, absentSeverity(def?.if), loc, se.name, condText(def?.if));
        continue;
      }
      commands.both++;
      const where = `command '${se.name}'`;
      if ((se['allow-oob'] === true) !== (be['allow-oob'] === true)) {
        report(Messages.allowOobMismatch, 'warning', loc, se.name, se['allow-oob'] === true);
      }
      features(where, se.features, be.features, def?.features ?? [], loc);
      compareRef(se['arg-type'], be['arg-type'], `arguments of ${where}`, loc);
      compareRef(se['ret-type'], be['ret-type'], `return value of ${where}`, loc);
    } else {
      if (be?.['meta-type'] !== 'event') {
        events.schemaOnly++;
        report(Messages.eventNotInBinary, absentSeverity(def?.if), loc, se.name, condText(def?.if));
        continue;
      }
      events.both++;
      features(`event '${se.name}'`, se.features, be.features, def?.features ?? [], loc);
      if (be['meta-type'] === 'event') compareRef(se['arg-type'], be['arg-type'], `data of event '${se.name}'`, loc);
    }
  }
  for (const e of reply) {
    if (e['meta-type'] !== 'command' && e['meta-type'] !== 'event') continue;
    if (sBy.get(e.name)?.['meta-type'] === e['meta-type']) continue;
    if (e['meta-type'] === 'command') {
      commands.binaryOnly++;
      report(Messages.commandOnlyInBinary, 'warning', undefined, e.name);
    } else {
      events.binaryOnly++;
      report(Messages.eventOnlyInBinary, 'warning', undefined, e.name);
    }
  }
  return { diagnostics, summary: { commands, events, typePairs: compared.size } };
}

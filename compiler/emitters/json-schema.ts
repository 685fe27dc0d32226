/**
 * The `json-schema` target: JSON Schema (draft 2020-12) for every command's
 * arguments and return value and every event's data, with every type they
 * use under `$defs`. For users in other languages, and the yardstick our own
 * decoders are measured against.
 *
 * Layout: `$defs` holds one schema per named type (by schema name) and one
 * per command/event: `command:NAME:arguments`, `command:NAME:returns`,
 * `event:NAME:data`.
 */
import type { IrDefinition, IrMember, IrSchema } from '../ir/types.js';
import { type ConditionDefines, evaluateCondition } from '../ir/evaluate-condition.js';
import { GENERATED_MARKER } from './generated-file.js';

type Schema = Record<string, unknown> | boolean;

const INT_RANGES: Record<string, [string, string]> = {
  int: ['-9223372036854775808', '9223372036854775807'],
  int64: ['-9223372036854775808', '9223372036854775807'],
  int8: ['-128', '127'],
  int16: ['-32768', '32767'],
  int32: ['-2147483648', '2147483647'],
  uint8: ['0', '255'],
  uint16: ['0', '65535'],
  uint32: ['0', '4294967295'],
  uint64: ['0', '18446744073709551615'],
  size: ['0', '18446744073709551615'],
};

/** Placeholder for a number literal JSON.stringify cannot write exactly. */
const rawNumber = (digits: string) => `@@raw:${digits}@@`;

export interface JsonSchemaOptions {
  readonly defines: ConditionDefines;
}

export function emitJsonSchema(ir: IrSchema, opts: JsonSchemaOptions): string {
  const byName = new Map(ir.definitions.map((d) => [d.name, d]));
  const keep = (cond: IrDefinition['if']) => evaluateCondition(cond, opts.defines);
  const defs: Record<string, Schema> = {};
  const wanted: string[] = [];

  const ref = (name: string): Schema => {
    const d = byName.get(name)!;
    if (d.kind === 'builtin') return builtin(name);
    if (d.kind === 'array') return { type: 'array', items: ref(d.elementType) };
    // Implicit types (command arguments, event data, union bases) have no
    // name a user would know: inline them.
    if (d.implicit && d.kind === 'struct') return typeSchema(d);
    if (!(name in defs)) {
      defs[name] = true;
      wanted.push(name);
    }
    return { $ref: `#/$defs/${encodeURIComponent(name)}` };
  };

  const objectOf = (members: readonly IrMember[], extra: Record<string, Schema> = {}): Record<string, unknown> => {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const m of members) {
      if (!keep(m.if)) continue;
      properties[m.name] = Object.hasOwn(extra, m.name) ? extra[m.name] : withDoc(ref(m.type), m.doc);
      if (!m.optional && (m.if === undefined || opts.defines !== 'all')) required.push(m.name);
    }
    return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
  };

  const typeSchema = (d: IrDefinition): Schema => {
    switch (d.kind) {
      case 'enum':
        return { enum: d.values.filter((v) => keep(v.if)).map((v) => v.name) };
      case 'struct':
        return objectOf(d.members);
      case 'union': {
        const branches = d.branches.filter((b) => keep(b.if)).flatMap((b) =>
          variantsOf(b.type).map((v) => objectOf([...d.members, ...v.members], { [d.tag]: { const: b.name }, ...v.consts })));
        return { oneOf: branches };
      }
      case 'alternate':
        return { anyOf: d.branches.filter((b) => keep(b.if)).map((b) => ref(b.type)) };
      default:
        throw new Error(`not a type: ${d.name}`);
    }
  };

  /**
   * The member lists a branch type contributes: one for a struct, one per
   * (flattened) branch for a union used as a branch, with its tag fixed.
   */
  const variantsOf = (name: string): { members: IrMember[]; consts: Record<string, Schema> }[] => {
    const t = byName.get(name)!;
    if (t.kind === 'struct') return [{ members: [...t.members], consts: {} }];
    if (t.kind !== 'union') return [{ members: [], consts: {} }];
    return t.branches.filter((b) => keep(b.if)).flatMap((b) =>
      variantsOf(b.type).map((v) => ({ members: [...t.members, ...v.members], consts: { [t.tag]: { const: b.name }, ...v.consts } })));
  };

  const top: Record<string, Schema> = {};
  const empty = { type: 'object', additionalProperties: false };
  for (const d of ir.definitions) {
    if (!keep(d.if)) continue;
    if (d.kind === 'command') {
      top[`command:${d.name}:arguments`] = d.argType ? ref(d.argType) : empty;
      top[`command:${d.name}:returns`] = d.retType ? ref(d.retType) : empty;
    } else if (d.kind === 'event') {
      top[`event:${d.name}:data`] = d.argType ? ref(d.argType) : empty;
    }
  }
  for (let i = 0; i < wanted.length; i++) {
    const d = byName.get(wanted[i])!;
    defs[wanted[i]] = withDoc(typeSchema(d), d.doc === undefined ? undefined : ir.docs[d.doc].body);
  }
  const sortedDefs = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]));
  const document = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $comment: `${GENERATED_MARKER} Source: ${ir.mainFile.split('/').pop()}`,
    $defs: { ...top, ...sortedDefs },
  };
  return `${JSON.stringify(document, null, 2).replace(/"@@raw:(-?\d+)@@"/g, '$1')}\n`;
}

function builtin(name: string): Schema {
  switch (name) {
    case 'str':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'bool':
      return { type: 'boolean' };
    case 'null':
      return { type: 'null' };
    case 'any':
      return true;
    default: {
      const [min, max] = INT_RANGES[name];
      return { type: 'integer', minimum: rawNumber(min), maximum: rawNumber(max) };
    }
  }
}

function withDoc(schema: Schema, doc: string | undefined): Schema {
  if (!doc || typeof schema === 'boolean' || '$ref' in schema) return schema;
  return { description: doc.replace(/\s+/g, ' ').trim(), ...schema };
}

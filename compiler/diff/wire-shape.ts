/**
 * Wire shapes: how a type looks on the wire, independent of its name. Used by
 * `qapi-ts diff` to compare two schemas structurally: a type reference
 * resolves to a JSON family (string, int, number, boolean, null, value,
 * array, object), alternates to the set of families their branches accept.
 */
import type { IrBranch, IrDefinition, IrMember, IrSchema, IrType } from '../ir/types.js';

export type JsonFamily = 'string' | 'int' | 'number' | 'boolean' | 'null' | 'value' | 'array' | 'object';

export class WireSchema {
  readonly defs: Map<string, IrDefinition>;

  constructor(readonly ir: IrSchema) {
    this.defs = new Map(ir.definitions.map((d) => [d.name, d]));
  }

  type(name: string): IrType | undefined {
    const d = this.defs.get(name);
    return d && d.kind !== 'command' && d.kind !== 'event' ? d : undefined;
  }

  /** The JSON family of a non-alternate type. */
  family(name: string): JsonFamily {
    const t = this.type(name);
    if (!t) return 'value';
    switch (t.kind) {
      case 'builtin':
        return (['string', 'int', 'number', 'boolean', 'null'] as const).find((f) => f === t.jsonType) ?? 'value';
      case 'enum': return 'string';
      case 'array': return 'array';
      case 'struct':
      case 'union': return 'object';
      case 'alternate': return 'value';
    }
  }

  /** The families a type accepts, each with the type that accepts it. */
  alternatives(name: string): Map<JsonFamily, string> {
    const t = this.type(name);
    if (t?.kind === 'alternate') {
      return new Map(t.branches.map((b: IrBranch) => [this.family(b.type), b.type] as const));
    }
    return new Map([[this.family(name), name]]);
  }

  /** Members of a struct or union, base members first (empty for anything else). */
  members(name: string | undefined): readonly IrMember[] {
    if (name === undefined) return [];
    const t = this.type(name);
    return t && (t.kind === 'struct' || t.kind === 'union') ? t.members : [];
  }

  /** A union's branches by tag value. */
  branches(name: string): Map<string, IrBranch> {
    const t = this.type(name);
    return new Map(t?.kind === 'union' ? t.branches.map((b) => [b.name, b]) : []);
  }

  /** True for types the schema does not name (implicit object types, arrays, builtins). */
  anonymous(name: string): boolean {
    const t = this.type(name);
    return !t || t.implicit || t.kind === 'builtin' || t.kind === 'array';
  }

  /** A type in words, for messages. */
  describe(name: string): string {
    const t = this.type(name);
    if (!t) return `'${name}'`;
    if (t.kind === 'array') return `an array of ${this.describe(t.elementType)}`;
    if (t.kind === 'builtin') return `'${name}'`;
    return `${t.kind} '${name}'`;
  }

  /** Where a type is, in words: `arguments of command 'x'`, `struct 'Foo'`. */
  where(name: string): string {
    const m = /^q_obj_(.*)-(arg|base)$/.exec(name);
    if (m) {
      if (m[2] === 'base') return `base of union '${m[1]}'`;
      return this.defs.get(m[1])?.kind === 'event' ? `data of event '${m[1]}'` : `arguments of command '${m[1]}'`;
    }
    const t = this.type(name);
    return t ? `${t.kind} '${name}'` : `type '${name}'`;
  }
}

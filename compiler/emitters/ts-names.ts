/**
 * TypeScript names for schema definitions and the file each schema module is
 * emitted to. Computed once from the IR so every emitter agrees, collisions
 * resolved deterministically (in definition order).
 */
import type { IrDefinition, IrSchema } from '../ir/types.js';

/** `query-status` -> `QueryStatus`, `BLOCK_JOB_READY` -> `BlockJobReady`. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => (w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
}

/** `query-status` -> `queryStatus`. */
export function camelCase(name: string): string {
  const p = pascalCase(name);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** A property key as written in an object type or literal: bare when possible, quoted otherwise. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : `'${name}'`;
}

export class TsNames {
  private readonly names = new Map<string, string>();
  private readonly files = new Map<string, string>();
  readonly byName: ReadonlyMap<string, IrDefinition>;

  constructor(readonly ir: IrSchema) {
    this.byName = new Map(ir.definitions.map((d) => [d.name, d]));
    const used = new Set<string>();
    const claim = (base: string) => {
      let n = base;
      while (used.has(n)) n += '_';
      used.add(n);
      return n;
    };
    // Named types first so that they keep their schema names.
    for (const d of ir.definitions) {
      if (isNamedType(d)) this.names.set(d.name, claim(identifierOf(d.name)));
    }
    for (const d of ir.definitions) {
      if (this.names.has(d.name)) continue;
      this.names.set(d.name, claim(this.implicitName(d)));
    }
    // Names of files the generate targets write next to the module files.
    const takenFiles = new Set<string>(['index', 'introspection', 'json-schema', 'docs', 'dispatch', 'client']);
    for (const m of ir.modules) {
      let f = m.name === './builtin' ? 'qapi-builtin' : m.name.replace(/^(\.\.\/)+/, '').replace(/\.json$/, '');
      f = f.replace(/[^A-Za-z0-9_./-]/g, '_');
      while (takenFiles.has(f)) f += '_';
      takenFiles.add(f);
      this.files.set(m.name, f);
    }
  }

  private implicitName(d: IrDefinition): string {
    const m = /^q_obj_(.*)-(arg|base)$/.exec(d.name);
    if (m) {
      const owner = this.byName.get(m[1]);
      if (m[2] === 'base') return `${identifierOf(m[1])}Base`;
      return `${pascalCase(m[1])}${owner?.kind === 'event' ? 'Data' : 'Arguments'}`;
    }
    if (d.kind === 'command') return `${pascalCase(d.name)}Command`;
    if (d.kind === 'event') return `${pascalCase(d.name)}Event`;
    return identifierOf(pascalCase(d.name));
  }

  /** The TypeScript name of a definition. */
  of(name: string): string {
    const n = this.names.get(name);
    if (n === undefined) throw new Error(`no TypeScript name for ${name}`);
    return n;
  }

  /** The file (without extension) a module is emitted to. */
  fileOf(module: string): string {
    return this.files.get(module)!;
  }
}

function isNamedType(d: IrDefinition): boolean {
  return !d.implicit && (d.kind === 'enum' || d.kind === 'struct' || d.kind === 'union' || d.kind === 'alternate');
}

function identifierOf(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

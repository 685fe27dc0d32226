/**
 * The `types` target: TypeScript declarations that describe the wire
 * exactly. Structs become interfaces (a named base via `extends`), enums
 * string-literal unions plus a readonly array of their values, unions
 * discriminated unions over the tag, alternates plain unions; property keys
 * are wire names. JSDoc carries the doc comments, `@since`, `@deprecated`,
 * unstable notes and conditions.
 */
import type {
  IrAlternate, IrCondition, IrDefinition, IrDoc, IrEnum, IrFeature, IrMember, IrSchema, IrStruct, IrUnion,
} from '../ir/types.js';
import { type ConditionDefines, describeCondition, evaluateCondition } from '../ir/evaluate-condition.js';
import { docTextInline, docTextToJsdoc } from './doc-text.js';
import { propertyKey, type TsNames } from './ts-names.js';
import type { TsModuleFile } from './ts-module-file.js';

export type Int64Mode = 'bigint' | 'number';

export interface TypesOptions {
  readonly defines: ConditionDefines;
  readonly int64: Int64Mode;
}

const NUMBER_INTS = new Set(['int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32']);
const WIDE_INTS = new Set(['int', 'int64', 'uint64', 'size']);

/** The runtime module's name for JSON values (`any`). */
export const JSON_VALUE_TYPE = 'JsonValue';

export class TypeContext {
  readonly byName: ReadonlyMap<string, IrDefinition>;
  constructor(
    readonly ir: IrSchema,
    readonly names: TsNames,
    readonly opts: TypesOptions,
    readonly runtimeImport: string,
  ) {
    this.byName = names.byName;
  }

  keep(cond: IrCondition | undefined): boolean {
    return evaluateCondition(cond, this.opts.defines);
  }

  /** Conditions are stated in docs only when they were not evaluated. */
  conditionNote(cond: IrCondition | undefined, what = 'Available'): string | undefined {
    if (cond === undefined || this.opts.defines !== 'all') return undefined;
    return `${what} only if ${describeCondition(cond)}.`;
  }

  /** The TS type of a type reference, importing what it needs into `file`. */
  typeRef(name: string, file: TsModuleFile, fromFile: string): string {
    const d = this.byName.get(name);
    if (!d) throw new Error(`unknown type ${name}`);
    switch (d.kind) {
      case 'builtin':
        return this.builtin(d.name, file);
      case 'array': {
        const el = this.typeRef(d.elementType, file, fromFile);
        return /^[\w$.]+$/.test(el) ? `${el}[]` : `(${el})[]`;
      }
      default: {
        const ts = this.names.of(d.name);
        const target = this.names.fileOf(d.module);
        if (target !== fromFile) file.importType(relativeImport(fromFile, target), ts);
        return ts;
      }
    }
  }

  builtin(name: string, file: TsModuleFile): string {
    if (name === 'str') return 'string';
    if (name === 'number') return 'number';
    if (name === 'bool') return 'boolean';
    if (name === 'null') return 'null';
    if (name === 'any') {
      file.importType(this.runtimeImport, JSON_VALUE_TYPE);
      return JSON_VALUE_TYPE;
    }
    if (NUMBER_INTS.has(name)) return 'number';
    if (WIDE_INTS.has(name)) return this.opts.int64;
    throw new Error(`unknown built-in type ${name}`);
  }

  docOf(d: IrDefinition): IrDoc | undefined {
    return d.doc === undefined ? undefined : this.ir.docs[d.doc];
  }
}

/** `./a/b` relative import of file `to` from file `from` (both extension-less, root-relative). */
export function relativeImport(from: string, to: string): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let i = 0;
  while (i < fromParts.length && i < toParts.length - 1 && fromParts[i] === toParts[i]) i++;
  const up = fromParts.length - i;
  const rest = toParts.slice(i).join('/');
  return `${up ? '../'.repeat(up) : './'}${rest}.js`;
}

function featureNotes(features: readonly IrFeature[], ctx: TypeContext): string[] {
  const lines: string[] = [];
  for (const f of features) {
    if (!ctx.keep(f.if)) continue;
    if (f.name === 'deprecated') lines.push(`@deprecated ${f.doc ? docTextInline(f.doc) : ''}`.trimEnd());
    else if (f.name === 'unstable') lines.push(`**Unstable**${f.doc ? `: ${docTextInline(f.doc)}` : ': this interface may change or go away without notice.'}`);
    else if (f.doc) lines.push(`Feature \`${f.name}\`: ${docTextInline(f.doc)}`);
  }
  return lines;
}

/** JSDoc lines for a definition: body, plain sections, conditions, features, since. */
export function definitionJsdoc(d: IrDefinition, ctx: TypeContext, extra: readonly string[] = []): string[] {
  const doc = ctx.docOf(d);
  const lines: string[] = [];
  if (doc?.body) lines.push(...docTextToJsdoc(doc.body));
  for (const s of doc?.sections ?? []) {
    if (s.kind === 'Plain' || s.kind === 'Returns' || s.kind === 'Errors') {
      if (lines.length) lines.push('');
      const text = docTextToJsdoc(s.text, s.kind !== 'Plain');
      if (s.kind !== 'Plain') text[0] = `${s.kind}: ${text[0]}`;
      lines.push(...text);
    }
  }
  lines.push(...extra);
  const notes = [ctx.conditionNote(d.if), ...featureNotes(d.features, ctx)].filter((x): x is string => !!x);
  if (notes.length && lines.length) lines.push('');
  lines.push(...notes);
  const since = doc?.sections.find((s) => s.kind === 'Since');
  if (since) {
    if (lines.length) lines.push('');
    lines.push(`@since ${docTextInline(since.text)}`);
  }
  return lines;
}

function memberJsdoc(m: IrMember, ctx: TypeContext): string[] {
  const lines = m.doc ? docTextToJsdoc(m.doc, true) : [];
  const cond = ctx.conditionNote(m.if, 'Present');
  if (cond) lines.push(cond);
  lines.push(...featureNotes(m.features, ctx));
  return lines;
}

/** Whether a member may be absent on the wire: optional, or conditional and not evaluated. */
export function mayBeAbsent(m: IrMember, ctx: TypeContext): boolean {
  return m.optional || (m.if !== undefined && ctx.opts.defines === 'all');
}

function writeMembers(members: readonly IrMember[], ctx: TypeContext, file: TsModuleFile, fromFile: string): void {
  for (const m of members) {
    if (!ctx.keep(m.if)) continue;
    file.body.jsdoc(memberJsdoc(m, ctx));
    file.body.line(`${propertyKey(m.name)}${mayBeAbsent(m, ctx) ? '?' : ''}: ${ctx.typeRef(m.type, file, fromFile)};`);
  }
}

function emitEnum(d: IrEnum, ctx: TypeContext, file: TsModuleFile): void {
  const name = ctx.names.of(d.name);
  const values = d.values.filter((v) => ctx.keep(v.if));
  const valueDocs = values
    .filter((v) => v.doc || v.if !== undefined || v.features.length)
    .map((v) => {
      const parts = [v.doc ? docTextInline(v.doc) : '', ctx.conditionNote(v.if) ?? '',
        ...featureNotes(v.features, ctx).map((n) => n.replace(/^@deprecated/, 'Deprecated.'))].filter(Boolean);
      return `- \`${v.name}\`${parts.length ? `: ${parts.join(' ')}` : ''}`;
    });
  file.body.jsdoc(definitionJsdoc(d, ctx, valueDocs.length ? ['', 'Values:', ...valueDocs] : []));
  file.body.line(`export type ${name} = ${values.length ? values.map((v) => `'${v.name}'`).join(' | ') : 'never'};`);
  file.body.line();
  file.body.jsdoc([`Every value of {@link ${name}}, in schema order.`]);
  file.body.line(`export const ${name}Values: readonly ${name}[] = [${values.map((v) => `'${v.name}'`).join(', ')}];`);
  file.body.line();
}

function emitStruct(d: IrStruct, ctx: TypeContext, file: TsModuleFile, fromFile: string): void {
  const name = ctx.names.of(d.name);
  file.body.jsdoc(definitionJsdoc(d, ctx));
  const base = d.base && ctx.keep(ctx.byName.get(d.base)?.if) ? ` extends ${ctx.typeRef(d.base, file, fromFile)}` : '';
  const local = d.localMembers.filter((m) => ctx.keep(m.if));
  if (!local.length) {
    file.body.line(`export interface ${name}${base} {}`);
  } else {
    file.body.block(`export interface ${name}${base} {`, () => writeMembers(local, ctx, file, fromFile));
  }
  file.body.line();
}

function emitUnion(d: IrUnion, ctx: TypeContext, file: TsModuleFile, fromFile: string): void {
  const name = ctx.names.of(d.name);
  const base = ctx.typeRef(d.base, file, fromFile);
  const tagKey = propertyKey(d.tag);
  file.body.jsdoc(definitionJsdoc(d, ctx, ['', `Discriminated by \`${d.tag}\`.`]));
  const branches = d.branches.filter((b) => ctx.keep(b.if));
  if (!branches.length) {
    file.body.line(`export type ${name} = never;`);
  } else {
    file.body.line(`export type ${name} =`);
    file.body.indent(() => {
      branches.forEach((b, i) => {
        const variant = b.type === 'q_empty' ? '' : ` & ${ctx.typeRef(b.type, file, fromFile)}`;
        const end = i === branches.length - 1 ? ';' : '';
        file.body.line(`| (${base} & { ${tagKey}: '${b.name}' }${variant})${end}`);
      });
    });
  }
  file.body.line();
}

function emitAlternate(d: IrAlternate, ctx: TypeContext, file: TsModuleFile, fromFile: string): void {
  const name = ctx.names.of(d.name);
  const branches = d.branches.filter((b) => ctx.keep(b.if));
  const docs = branches.filter((b) => b.doc).map((b) => `- \`${b.name}\`: ${docTextInline(b.doc!)}`);
  file.body.jsdoc(definitionJsdoc(d, ctx, docs.length ? ['', 'Alternatives:', ...docs] : []));
  const types = branches.map((b) => ctx.typeRef(b.type, file, fromFile));
  file.body.line(`export type ${name} = ${types.length ? [...new Set(types)].join(' | ') : 'never'};`);
  file.body.line();
}

/** An implicit object type (command arguments, event data, union base) as an interface. */
function emitImplicitObject(d: IrStruct, ctx: TypeContext, file: TsModuleFile, fromFile: string): void {
  const name = ctx.names.of(d.name);
  const owner = /^q_obj_(.*)-(arg|base)$/.exec(d.name)?.[1];
  const ownerDef = owner ? ctx.byName.get(owner) : undefined;
  const what = ownerDef?.kind === 'command' ? `Arguments of command \`${owner}\`.`
    : ownerDef?.kind === 'event' ? `Data of event \`${owner}\`.`
      : `Common members of union \`${owner}\`.`;
  file.body.jsdoc([what]);
  const members = d.localMembers.filter((m) => ctx.keep(m.if));
  file.body.block(`export interface ${name} {`, () => writeMembers(members, ctx, file, fromFile));
  file.body.line();
}

/** Writes the types of every definition of one module into `file`. */
export function emitModuleTypes(module: string, ctx: TypeContext, file: TsModuleFile): void {
  const fromFile = ctx.names.fileOf(module);
  const mod = ctx.ir.modules.find((m) => m.name === module)!;
  for (const item of mod.items) {
    if (item.kind !== 'definition') continue;
    const d = ctx.byName.get(item.name)!;
    if (!ctx.keep(d.if)) continue;
    switch (d.kind) {
      case 'enum':
        if (d.name === 'QType' || !d.implicit) emitEnum(d, ctx, file);
        break;
      case 'struct':
        if (d.name === 'q_empty') break;
        if (d.implicit) emitImplicitObject(d, ctx, file, fromFile);
        else emitStruct(d, ctx, file, fromFile);
        break;
      case 'union':
        emitUnion(d, ctx, file, fromFile);
        break;
      case 'alternate':
        emitAlternate(d, ctx, file, fromFile);
        break;
      default:
        break;
    }
  }
}

/** The `QapiCommands` / `QapiEvents` maps: name -> arguments/returns, name -> data. */
export function emitSchemaMaps(ctx: TypeContext, file: TsModuleFile, fromFile: string): void {
  const commands = ctx.ir.definitions.filter((d) => d.kind === 'command' && ctx.keep(d.if));
  const events = ctx.ir.definitions.filter((d) => d.kind === 'event' && ctx.keep(d.if));
  const obj = (name: string | undefined) => (name ? ctx.typeRef(name, file, fromFile) : 'Record<string, never>');
  file.body.jsdoc(['Every command: its arguments (`{}` when it takes none) and what it returns.']);
  file.body.block('export interface QapiCommands {', () => {
    for (const c of commands) {
      if (c.kind !== 'command') continue;
      file.body.jsdoc(definitionJsdoc(c, ctx));
      file.body.line(`${propertyKey(c.name)}: { arguments: ${obj(c.argType)}; returns: ${obj(c.retType)} };`);
    }
  });
  file.body.line();
  file.body.jsdoc(['Every event and its data (`{}` when it has none).']);
  file.body.block('export interface QapiEvents {', () => {
    for (const e of events) {
      if (e.kind !== 'event') continue;
      file.body.jsdoc(definitionJsdoc(e, ctx));
      file.body.line(`${propertyKey(e.name)}: ${obj(e.argType)};`);
    }
  });
  file.body.line();
  file.body.line('export type QapiCommandName = keyof QapiCommands;');
  file.body.line('export type QapiEventName = keyof QapiEvents;');
  file.body.line();
}

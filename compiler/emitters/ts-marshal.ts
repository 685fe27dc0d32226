/**
 * The `marshal` target: per type, a decoder (QEMU's input visitor: untrusted
 * JSON in, the typed value out, strict by default) and an encoder (its output
 * visitor: known members only, absent optionals omitted).
 *
 * Decoders visit members in QEMU's order (base first, then the branch a
 * union's tag selects) with one function per struct or union: every member
 * is read and checked inline, and a runtime checker is called only when an
 * inline test fails, to throw QEMU's error (or, for a lenient enum or a number
 * given as a bigint, to return the decoded value). Paths are built only then
 * (`$sub(p, k)`: the object's path from its parent's and its key), or once
 * per object that has nested objects or lists to hand them. Unexpected
 * members are found by counting: the decoded members against `for...in`'s
 * count, and the input searched only when they differ. Nothing is copied
 * that does not change: an object or list whose members decode to
 * themselves (strings, booleans, enum values, numbers in range, unchanged
 * nested values) is returned as it is, and one that changes (a 64-bit
 * integer to bigint, a nested change) is rebuilt once, from its decoded
 * members. Unions switch on the tag, alternates on the JSON type.
 */
import type { IrAlternate, IrBranch, IrDefinition, IrEnum, IrMember, IrStruct, IrUnion } from '../ir/types.js';
import { branchQType } from '../ir/alternate-dispatch.js';
import type { CodeWriter } from './code-writer.js';
import type { TsModuleFile } from './ts-module-file.js';
import { mayBeAbsent, relativeImport, type TypeContext } from './ts-types.js';

const SCALARS: Record<string, string> = {
  str: 'decodeStr', number: 'decodeNumber', bool: 'decodeBool', null: 'decodeNull', any: 'decodeAny',
  int8: 'decodeInt8', int16: 'decodeInt16', int32: 'decodeInt32', uint8: 'decodeUint8', uint16: 'decodeUint16', uint32: 'decodeUint32',
};
const WIDE_INTS: Record<string, string> = { int: 'decodeInt64', int64: 'decodeInt64', uint64: 'decodeUint64', size: 'decodeUint64' };
/** The integer types that always decode to numbers, and their ranges. */
const NARROW_INTS: Record<string, readonly [number, number]> = {
  int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647], uint8: [0, 255], uint16: [0, 65535], uint32: [0, 4294967295],
};

/**
 * A value being decoded: the local holding it (`v`), where it sits (its key
 * in its container, the expression of the container's path for errors,
 * `path`, and for nested decoders, `nested`), and how its decoded form is
 * recorded when that is not the input itself.
 */
interface ValueSite {
  readonly v: string;
  readonly path: string;
  readonly nested: string;
  readonly key: string;
  /** The statements recording `expr` as the decoded value (which differs from `v`). */
  readonly changed: (expr: string) => string[];
  /** The statements recording `expr` as the decoded value if it is not `v` itself. */
  readonly changedIf: (expr: string) => string[];
  /** Whether the value may be undefined (a required member: then `missing`). */
  readonly mayBeUndefined: boolean;
}

/** Per object decoder: a counter for locals, the type's name, the member-name lists it declares. */
interface MembersState {
  i: number;
  readonly name: string;
  readonly type: string;
  readonly lists: string[];
}

/** A member an object decoder has read: its local (`m3`), its decoded form's (`d3`, when it may differ). */
interface DecodedMember {
  readonly member: IrMember;
  readonly v: string;
  readonly d: string | undefined;
  readonly optional: boolean;
}

export class MarshalEmitter {
  /** List decoders this file needs (name -> element type), and those already written. */
  private readonly lists = new Map<string, string>();
  private readonly emittedLists = new Set<string>();

  constructor(
    private readonly ctx: TypeContext,
    private readonly file: TsModuleFile,
    private readonly fromFile: string,
  ) {}

  private rt(name: string): string {
    this.file.importValue(this.ctx.runtimeImport, name);
    return name;
  }

  private rtType(name: string): string {
    this.file.importType(this.ctx.runtimeImport, name);
    return name;
  }

  /** The function that decodes a named type (or another per-type symbol), importing it when defined elsewhere. */
  private fn(prefix: 'decode' | 'encode' | '', typeName: string, suffix = ''): string {
    const d = this.ctx.byName.get(typeName)!;
    const name = `${prefix}${this.ctx.names.of(d.name)}${suffix}`;
    const target = this.ctx.names.fileOf(d.module);
    if (target !== this.fromFile) this.file.importValue(relativeImport(this.fromFile, target), name);
    return name;
  }

  private tsType(typeName: string): string {
    return this.ctx.typeRef(typeName, this.file, this.fromFile);
  }

  /**
   * An expression decoding `v` as type `typeName`, where `v` sits at key `k`
   * of path `p` (QEMU's messages and the error path are built from these
   * only when decoding fails).
   */
  decodeExpr(typeName: string, v: string, p = 'p', k = 'k'): string {
    const d = this.ctx.byName.get(typeName)!;
    if (d.kind === 'builtin') {
      if (SCALARS[d.name]) return `${this.rt(SCALARS[d.name])}(${v}, ${p}, ${k})`;
      return `${this.rt(WIDE_INTS[d.name])}(${v}, ${p}, ${k}, ${this.wideOptions(d.name)})`;
    }
    if (d.kind === 'array') return `${this.listDecoder(d.elementType)}(${v}, o, ${p}, ${k})`;
    return `${this.fn('decode', d.name)}(${v}, o, ${p}, ${k})`;
  }

  private int64Options(): string {
    return this.ctx.opts.int64 === 'number' ? 'INT64_AS_NUMBER' : 'INT64_AS_BIGINT';
  }

  /** The options argument of a 64-bit check: unsigned ones also honour the caller's `wrapNegativeUint64`. */
  private wideOptions(builtin: string): string {
    const mode = this.rt(this.int64Options());
    return builtin === 'uint64' || builtin === 'size' ? `${this.rt('$uint64Options')}(o, ${mode})` : mode;
  }

  /**
   * The statements that check the value in local `s.v` as type `typeName`
   * and, when its decoded form differs from the input (a bigint for a
   * number, a JsonDouble unwrapped, a changed nested object), hand that to
   * `s.changed` (`s.changedIf` when it may also be the input itself). Valid
   * input takes the inline tests only; a failing test calls the runtime
   * checker, which builds the path (`s.path`) and throws, or (lenient enums,
   * numbers given as bigints...) returns the decoded value.
   */
  private checkValue(typeName: string, s: ValueSite): string[] {
    const d = this.ctx.byName.get(typeName)!;
    const { v, path, key } = s;
    switch (d.kind) {
      case 'builtin': {
        const name = d.name;
        switch (name) {
          case 'str': return [`if (typeof ${v} !== 'string') ${this.rt('decodeStr')}(${v}, ${path}, ${key});`];
          case 'bool': return [`if (typeof ${v} !== 'boolean') ${this.rt('decodeBool')}(${v}, ${path}, ${key});`];
          case 'null': return [`if (${v} !== null) ${this.rt('decodeNull')}(${v}, ${path}, ${key});`];
          case 'number':
            return ifBlock(`typeof ${v} !== 'number' || ${v} - ${v} !== 0`, s.changed(`${this.rt('decodeNumber')}(${v}, ${path}, ${key})`));
          case 'any':
            return [
              ...(s.mayBeUndefined ? [`if (${v} === undefined) ${this.rt('decodeAny')}(${v}, ${path}, ${key});`] : []),
              ...s.changedIf(`${this.rt('decodeAny')}(${v}, p)`),
            ];
          default:
            break;
        }
        const narrow = NARROW_INTS[name];
        if (narrow) {
          const [min, max] = narrow;
          // -0 is decoded to 0, hence the last test.
          const bad = min < 0
            ? `typeof ${v} !== 'number' || (${v} | 0) !== ${v}${min > -2147483648 ? ` || ${v} < ${min} || ${v} > ${max}` : ''}`
            : `typeof ${v} !== 'number' || (${v} >>> 0) !== ${v}${max < 4294967295 ? ` || ${v} > ${max}` : ''}`;
          return ifBlock(`${bad} || (${v} === 0 && 1 / ${v} < 0)`, s.changed(`${this.rt(SCALARS[name])}(${v}, ${path}, ${key})`));
        }
        const unsigned = name === 'uint64' || name === 'size';
        const slow = `${this.rt(WIDE_INTS[name])}(${v}, ${path}, ${key}, ${this.wideOptions(name)})`;
        if (this.ctx.opts.int64 === 'number') {
          return ifBlock(`typeof ${v} !== 'number' || !Number.isSafeInteger(${v})${unsigned ? ` || ${v} < 0` : ''} || (${v} === 0 && 1 / ${v} < 0)`, s.changed(slow));
        }
        return s.changed(`typeof ${v} === 'number' && Number.isSafeInteger(${v})${unsigned ? ` && ${v} >= 0` : ''} ? ${this.rt('$bigint')}(${v}) : ${slow}`);
      }
      case 'enum': {
        const policy = this.enumHasPolicy(d) ? ' || o.compat !== undefined' : '';
        return [`if (typeof ${v} !== 'string' || !${this.fn('', d.name, '$values')}.has(${v})${policy}) ${this.fn('decode', d.name)}(${v}, o, ${path}, ${key});`];
      }
      case 'array':
        return s.changedIf(`${this.listDecoder(d.elementType)}(${v}, o, ${s.nested}, ${key})`);
      default:
        return s.changedIf(`${this.fn('decode', d.name)}(${v}, o, ${s.nested}, ${key})`);
    }
  }

  /** Whether a type's decoded form may differ from its input (else it is only checked). */
  private mayChange(typeName: string): boolean {
    const d = this.ctx.byName.get(typeName)!;
    if (d.kind === 'builtin') return d.name !== 'str' && d.name !== 'bool' && d.name !== 'null';
    return d.kind !== 'enum';
  }

  /** Whether decoding a value of this type needs the path of its container (for nested decoders). */
  private needsNestedPath(typeName: string): boolean {
    const d = this.ctx.byName.get(typeName)!;
    return d.kind !== 'builtin' && d.kind !== 'enum';
  }

  private enumHasPolicy(d: IrEnum): boolean {
    return d.values.some((x) => this.ctx.keep(x.if) && specialFeatures(x.features, this.ctx));
  }

  /** The (file-local) function decoding a list of `elementType`, emitted at the end of the file. */
  private listDecoder(elementType: string): string {
    const name = `$list_${this.listKey(elementType)}`;
    if (!this.lists.has(name)) this.lists.set(name, elementType);
    return name;
  }

  private listKey(typeName: string): string {
    const d = this.ctx.byName.get(typeName)!;
    if (d.kind === 'builtin') return d.name;
    if (d.kind === 'array') return `list_${this.listKey(d.elementType)}`;
    return this.ctx.names.of(d.name);
  }

  /** Emits the list decoders used so far (and those they use). */
  private emitListDecoders(): void {
    const w = this.file.body;
    for (const [name, elementType] of this.lists) {
      if (this.emittedLists.has(name)) continue;
      this.emittedLists.add(name);
      const type = this.tsType(elementType);
      const list = /^[\w$.]+$/.test(type) ? `${type}[]` : `(${type})[]`;
      w.line(`/** Decodes a list of ${this.ctx.byName.get(elementType)!.kind === 'builtin' ? elementType : type} (the input array itself when no element changes). */`);
      w.block(`function ${name}(v: unknown, o: ${this.rtType('DecodeOptions')}, p: ${this.rtType('Path')}, k: ${this.rtType('PathKey')} | undefined): ${list} {`, () => {
        w.line(`const a = ${this.rt('$array')}(v, p, k);`);
        if (this.mayChange(elementType)) w.line('let out: unknown[] | undefined;');
        if (this.needsNestedPath(elementType)) w.line(`const ap = ${this.rt('$sub')}(p, k);`);
        w.block('for (let i = 0; i < a.length; i++) {', () => {
          w.line('const e = a[i];');
          const site: ValueSite = {
            v: 'e', path: `${this.rt('$sub')}(p, k)`, key: 'i', nested: 'ap', mayBeUndefined: true,
            changed: (x) => [`(out ??= a.slice())[i] = ${x};`],
            changedIf: (x) => [`const d = ${x};`, 'if (d !== e) (out ??= a.slice())[i] = d;'],
          };
          for (const l of this.checkValue(elementType, site)) w.line(l);
        });
        w.line(this.mayChange(elementType) ? `return (out ?? a) as ${list};` : `return a as ${list};`);
      });
      w.line();
    }
    // Emitting may have asked for more.
    if ([...this.lists.keys()].some((n) => !this.emittedLists.has(n))) this.emitListDecoders();
  }

  encodeExpr(typeName: string, v: string): string {
    const d = this.ctx.byName.get(typeName)!;
    if (d.kind === 'builtin') return d.name === 'any' ? `${this.rt('$encodeAny')}(${v})` : v;
    if (d.kind === 'enum') return v;
    if (d.kind === 'array') {
      const el = this.ctx.byName.get(d.elementType)!;
      if (el.kind === 'builtin' && el.name !== 'any') return v;
      if (el.kind === 'enum') return v;
      return `${v}.map((e) => ${this.encodeExpr(d.elementType, 'e')})`;
    }
    return `${this.fn('encode', d.name)}(${v}, o)`;
  }

  /** The members of a struct, base members first (as QEMU visits them). */
  private structMembers(d: IrStruct): IrMember[] {
    const base = d.base && this.ctx.keep(this.ctx.byName.get(d.base)?.if) ? this.structMembers(this.ctx.byName.get(d.base) as IrStruct) : [];
    return [...base, ...d.localMembers.filter((m) => this.ctx.keep(m.if))];
  }

  /** A union's branches that have members (the others decode as the base alone). */
  private unionBranches(d: IrUnion): IrBranch[] {
    return d.branches.filter((b) => this.ctx.keep(b.if) && b.type !== 'q_empty' && this.objectHasMembers(b.type));
  }

  private objectHasMembers(typeName: string): boolean {
    const d = this.ctx.byName.get(typeName)!;
    return d.kind === 'union' || (d.kind === 'struct' && this.structMembers(d).length > 0);
  }

  /** Every member an object type may have, for any tag (what its decoder may read). */
  private allMembers(d: IrStruct | IrUnion): IrMember[] {
    if (d.kind === 'struct') return this.structMembers(d);
    const base = this.structMembers(this.ctx.byName.get(d.base) as IrStruct);
    return [...base, ...this.unionBranches(d).flatMap((b) => this.allMembers(this.ctx.byName.get(b.type) as IrStruct | IrUnion))];
  }

  /**
   * `decodeX(v, o, p, k)` of a struct or union, in one function: each member
   * (base first, then the branch the tag selects, recursively) is read and
   * checked inline; the count of members decoded is then compared with the
   * count the input has, and only when they differ is the input searched for
   * the unknown one (QEMU's order: any member's error beats unexpected).
   * The result is the input object itself unless a member's decoded form
   * differs (a 64-bit integer as bigint, a changed nested object), and then
   * a new object of the decoded members. The object's own path (`$sub(p, k)`)
   * is built when an error needs it, or once when a nested object or list is
   * decoded.
   */
  private objectDecoder(d: IrStruct | IrUnion): void {
    const name = this.ctx.names.of(d.name);
    const type = this.tsType(d.name);
    const w = this.file.body;
    const all = this.allMembers(d);
    const state: MembersState = { i: 0, name, type, lists: [] };
    w.line(`/** Decodes a {@link ${name}} (strict unless \`o.lenient\`): \`v\` itself if no member changes. Throws DecodeError. */`);
    w.block(`export function decode${name}(${this.decoderParams()}): ${type} {`, () => {
      w.line(`const r = ${this.rt('decodeObject')}(v, p, k);`);
      if (all.some((m) => this.mayChange(m.type))) w.line('let c = false;');
      if (all.some((m) => this.needsNestedPath(m.type))) w.line(`let q: ${this.rtType('Path')} | undefined;`);
      if (all.some((m) => mayBeAbsent(m, this.ctx))) w.line('let n = 0;');
      this.objectMembers(w, d, state, []);
    });
    for (const l of state.lists) w.line(l);
    w.line();
  }

  /**
   * Writes the checks of an object type's members: a struct's (base first),
   * or a union's base and then a switch over its tag, each branch ending in
   * its own return. `outer` are the members decoded at enclosing levels (a
   * union's branch may be a union).
   */
  private objectMembers(w: CodeWriter, d: IrStruct | IrUnion, state: MembersState, outer: readonly DecodedMember[]): void {
    const members = this.structMembers(d.kind === 'struct' ? d : this.ctx.byName.get(d.base) as IrStruct);
    const here = [...outer];
    for (const m of members) {
      const i = state.i++;
      const v = `m${i}`;
      const dv = this.mayChange(m.type) ? `d${i}` : undefined;
      const optional = mayBeAbsent(m, this.ctx);
      here.push({ member: m, v, d: dv, optional });
      const key = `'${m.name}'`;
      // JSON objects have no inherited members but Object.prototype's:
      // only names that collide with those need an own-property read.
      const read = m.name in Object.prototype ? `${this.rt('memberOf')}(r, ${key})` : `r[${key}]`;
      const special = specialFeatures(m.features, this.ctx);
      const path = `${this.rt('$sub')}(p, k)`;
      const policy = special ? [`if (o.compat !== undefined) ${this.rt('$policy')}(o, ${path}, ${key}, ${special}, 'parameter', ${key});`] : [];
      const site: ValueSite = {
        v, key, path, nested: `(q ??= ${path})`, mayBeUndefined: !optional,
        changed: (x) => [`${dv} = ${x};`, 'c = true;'],
        changedIf: (x) => [`${dv} = ${x};`, `if (${dv} !== ${v}) c = true;`],
      };
      w.line(`const ${v} = ${read};`);
      if (dv) w.line(`let ${dv}: unknown = ${v};`);
      if (optional) {
        w.block(`if (${v} !== undefined) {`, () => {
          w.line('n++;');
          for (const l of [...policy, ...this.checkValue(m.type, site)]) w.line(l);
        });
      } else {
        for (const l of [...policy, ...this.checkValue(m.type, site)]) w.line(l);
      }
    }
    if (d.kind === 'union') {
      const branches = this.unionBranches(d);
      const tag = here.find((x) => x.member.name === d.tag)!;
      if (branches.length) {
        w.block(`switch (${tag.v}) {`, () => {
          for (const b of branches) {
            w.block(`case '${b.name}': {`, () => this.objectMembers(w, this.ctx.byName.get(b.type) as IrStruct | IrUnion, state, here));
          }
          // Branches without members, and (lenient) tag values this schema does not know.
          w.line('default:');
          w.line('  break;');
        });
      }
    }
    this.objectResult(w, here, state);
  }

  /**
   * The end of an object decoder, once every member is decoded: the
   * unexpected-member check (a count compared, the search only when it
   * differs), and the result: the input itself, or when a member's decoded
   * form differs, a new object (required members in one literal, then the
   * optional ones present).
   */
  private objectResult(w: CodeWriter, here: readonly DecodedMember[], state: MembersState): void {
    const required = here.filter((x) => !x.optional);
    const optional = here.filter((x) => x.optional);
    const count = optional.length ? (required.length ? `${required.length} + n` : 'n') : `${required.length}`;
    const known = this.knownList(state, here.map((x) => x.member));
    const unknown = (out: string) => `${this.rt('$unknown')}(r, ${out}, o, p, k, ${known}) as unknown as ${state.type}`;
    if (here.some((x) => x.d)) {
      w.block('if (c) {', () => {
        const props = required.map((x) => `${literalKey(x.member.name)}: ${x.d ?? x.v}`);
        w.line(`const out: Record<string, unknown> = {${props.length ? ` ${props.join(', ')} ` : ''}};`);
        for (const x of optional) w.line(`if (${x.v} !== undefined) out['${x.member.name}'] = ${x.d ?? x.v};`);
        w.line(`return ${this.rt('$count')}(r) !== ${count} ? ${unknown('out')} : out as unknown as ${state.type};`);
      });
    }
    w.line(`if (${this.rt('$count')}(r) !== ${count}) return ${unknown('undefined')};`);
    w.line(`return r as unknown as ${state.type};`);
  }

  /** A module-level list of member names (for the unexpected-member search), declared after the decoder. */
  private knownList(state: MembersState, members: readonly IrMember[]): string {
    const name = `${state.name}$known${state.lists.length}`;
    state.lists.push(`const ${name}: readonly string[] = ${nameList(members)};`);
    return name;
  }

  /** `(v, o = {}, p = Path.root(), k?)`: the value, options, and where the value sits. */
  private decoderParams(): string {
    return `v: unknown, o: ${this.rtType('DecodeOptions')} = ${this.rt('NO_OPTIONS')}, p: ${this.rtType('Path')} = ${this.rt('ROOT_PATH')}, `
      + `k?: ${this.rtType('PathKey')}`;
  }

  private structCodec(d: IrStruct): void {
    this.objectDecoder(d);
    this.membersEncoder(d);
    this.objectEncoder(d);
  }

  /** `encodeX` of an object type, on top of its members encoder. */
  private objectEncoder(d: IrStruct | IrUnion): void {
    const name = this.ctx.names.of(d.name);
    const type = this.tsType(d.name);
    const w = this.file.body;
    w.line(`/** Encodes a {@link ${name}}: known members only, absent optional members omitted. */`);
    w.block(`export function encode${name}(v: ${type}, o: ${this.rtType('EncodeOptions')} = ${this.rt('NO_OPTIONS')}): ${this.rtType('JsonRecord')} {`, () => {
      w.line(`const out: ${this.rtType('JsonRecord')} = {};`);
      w.line(`encode${name}Members(v as unknown as Record<string, unknown>, out, o);`);
      w.line('return out;');
    });
    w.line();
  }

  private membersEncoder(d: IrStruct): void {
    const name = this.ctx.names.of(d.name);
    const w = this.file.body;
    w.block(`export function encode${name}Members(v: Record<string, unknown>, out: ${this.rtType('JsonRecord')}, o: ${this.rtType('EncodeOptions')}): void {`, () => {
      if (d.base && this.ctx.keep(this.ctx.byName.get(d.base)?.if)) w.line(`${this.fn('encode', d.base, 'Members')}(v, out, o);`);
      for (const m of d.localMembers.filter((x) => this.ctx.keep(x.if))) {
        const key = `'${m.name}'`;
        // Names Object.prototype also has (`constructor`) must be read as own properties.
        const read = m.name in Object.prototype ? `${this.rt('memberOf')}(v, ${key})` : `v[${key}]`;
        const cast = `${read} as ${this.tsType(m.type)}`;
        // QEMU's output policy hides deprecated/unstable members when asked to.
        const special = specialFeatures(m.features, this.ctx);
        const shown = special ? ` && !${this.rt('$hidden')}(o, ${special})` : '';
        if (mayBeAbsent(m, this.ctx) || shown) {
          w.line(`if (${read} !== undefined${shown}) out[${key}] = ${this.encodeExpr(m.type, `(${cast})`)};`);
        } else {
          w.line(`out[${key}] = ${this.encodeExpr(m.type, `(${cast})`)};`);
        }
      }
    });
    w.line();
  }

  private unionCodec(d: IrUnion): void {
    const name = this.ctx.names.of(d.name);
    const w = this.file.body;
    const branches = d.branches.filter((b) => this.ctx.keep(b.if) && b.type !== 'q_empty');
    const tag = `'${d.tag}'`;
    this.objectDecoder(d);
    w.block(`export function encode${name}Members(v: Record<string, unknown>, out: ${this.rtType('JsonRecord')}, o: ${this.rtType('EncodeOptions')}): void {`, () => {
      w.line(`${this.fn('encode', d.base, 'Members')}(v, out, o);`);
      if (branches.length) {
        w.block(`switch (v[${tag}]) {`, () => {
          for (const b of branches) w.line(`case '${b.name}': ${this.fn('encode', b.type, 'Members')}(v, out, o); break;`);
          w.line('default: break;');
        });
      }
    });
    w.line();
    this.objectEncoder(d);
  }

  private alternateCodec(d: IrAlternate): void {
    const name = this.ctx.names.of(d.name);
    const type = this.tsType(d.name);
    const w = this.file.body;
    const branches = d.branches.filter((b) => this.ctx.keep(b.if));
    w.line(`/** Decodes a {@link ${name}}: the branch is chosen by the JSON type of the value. */`);
    w.block(`export function decode${name}(${this.decoderParams()}): ${type} {`, () => {
      w.block(`switch (${this.rt('qtypeOf')}(v)) {`, () => {
        for (const b of branches) {
          const bt = this.ctx.byName.get(b.type)!;
          w.line(`case '${(branchQType(bt) ?? 'none')}': return ${this.decodeExpr(b.type, 'v')};`);
        }
        w.line(`default: throw ${this.rt('$alternateMismatch')}(p, k, '${d.name}', v);`);
      });
    });
    w.line();
    w.line(`/** Encodes a {@link ${name}} through the encoder of the branch its JS type selects. */`);
    w.block(`export function encode${name}(v: ${type}, o: ${this.rtType('EncodeOptions')} = ${this.rt('NO_OPTIONS')}): ${this.rtType('JsonValue')} {`, () => {
      for (const b of branches) {
        const bt = this.ctx.byName.get(b.type)!;
        const test = jsTypeTest((branchQType(bt) ?? 'none'));
        w.line(`if (${test}) return ${this.encodeExpr(b.type, `(v as ${this.tsType(b.type)})`)};`);
      }
      w.line(`return v as unknown as ${this.rtType('JsonValue')};`);
    });
    w.line();
  }

  private enumCodec(d: IrEnum): void {
    const name = this.ctx.names.of(d.name);
    const values = d.values.filter((x) => this.ctx.keep(x.if)).map((x) => `'${x.name}'`);
    const w = this.file.body;
    w.line(`/** The values of {@link ${name}}, for decoders' membership tests. */`);
    w.line(`export const ${name}$values: ReadonlySet<string> = new Set<${name}>([${values.join(', ')}]);`);
    const special = d.values.filter((x) => this.ctx.keep(x.if) && specialFeatures(x.features, this.ctx));
    if (special.length) {
      // A Map: a lenient unknown value such as 'toString' must find nothing, not Object.prototype's member.
      w.line(`const ${name}$features: ReadonlyMap<string, readonly string[]> = new Map([${special.map((x) => `['${x.name}', ${specialFeatures(x.features, this.ctx)}]`).join(', ')}]);`);
    }
    w.line(`/** Decodes a {@link ${name}}; unknown values are an error unless \`o.lenient\`. */`);
    w.block(`export function decode${name}(${this.decoderParams()}): ${name} {`, () => {
      if (!special.length) {
        w.line(`return ${this.rt('decodeEnum')}(v, p, k, ${name}$values as ReadonlySet<${name}>, o, '${d.name}');`);
        return;
      }
      w.line(`const e = ${this.rt('decodeEnum')}(v, p, k, ${name}$values as ReadonlySet<${name}>, o, '${d.name}');`);
      w.line(`${this.rt('$policy')}(o, p, k, ${name}$features.get(e), 'value', e);`);
      w.line('return e;');
    });
    w.line();
    w.line(`export function encode${name}(v: ${name}, _o?: ${this.rtType('EncodeOptions')}): string {`);
    w.line('  return v;');
    w.line('}');
    w.line();
  }

  /** A decoder function expression for a type reference (commands' returns may be arrays or builtins). */
  decoderFn(typeName: string | undefined): string {
    if (typeName === undefined) return this.rt('$decodeEmpty');
    const d = this.ctx.byName.get(typeName)!;
    if (d.kind !== 'builtin' && d.kind !== 'array') return this.fn('decode', d.name);
    return `(${this.decoderParams()}) => ${this.decodeExpr(typeName, 'v')}`;
  }

  encoderFn(typeName: string | undefined): string {
    if (typeName === undefined) return this.rt('$encodeEmpty');
    const d = this.ctx.byName.get(typeName)!;
    if (d.kind !== 'builtin' && d.kind !== 'array') return this.fn('encode', d.name);
    return `(v: ${this.tsType(typeName)}, o: ${this.rtType('EncodeOptions')} = ${this.rt('NO_OPTIONS')}): ${this.rtType('JsonValue')} => ${this.encodeExpr(typeName, 'v')}`;
  }

  /** The command and event codec tables (in the index file). */
  emitTables(): void {
    const w = this.file.body;
    const commands = this.ctx.ir.definitions.filter((d) => d.kind === 'command' && this.ctx.keep(d.if));
    const events = this.ctx.ir.definitions.filter((d) => d.kind === 'event' && this.ctx.keep(d.if));
    w.jsdoc(['Decoders and encoders of every command\'s arguments and return value.']);
    w.block(`export const commandCodecs = {`, () => {
      for (const c of commands) {
        if (c.kind !== 'command') continue;
        w.block(`'${c.name}': {`, () => {
          w.line(`decodeArguments: ${this.decoderFn(c.argType)},`);
          w.line(`encodeArguments: ${this.encoderFn(c.argType)},`);
          w.line(`decodeReturns: ${this.decoderFn(c.retType)},`);
          w.line(`encodeReturns: ${this.encoderFn(c.retType)},`);
        }, '},');
      }
    }, '} as const;');
    w.line();
    w.jsdoc(['Decoders and encoders of every event\'s data.']);
    w.block(`export const eventCodecs = {`, () => {
      for (const e of events) {
        if (e.kind !== 'event') continue;
        w.block(`'${e.name}': {`, () => {
          w.line(`decodeData: ${this.decoderFn(e.argType)},`);
          w.line(`encodeData: ${this.encoderFn(e.argType)},`);
        }, '},');
      }
    }, '} as const;');
    w.line();
    this.emitListDecoders();
  }

  /** Emits the codecs of every type of one module. */
  emitModule(module: string): void {
    const mod = this.ctx.ir.modules.find((m) => m.name === module)!;
    for (const item of mod.items) {
      if (item.kind !== 'definition') continue;
      const d = this.ctx.byName.get(item.name)!;
      if (!this.ctx.keep(d.if)) continue;
      switch (d.kind) {
        case 'enum':
          if (d.name === 'QType' || !d.implicit) this.enumCodec(d);
          break;
        case 'struct':
          if (d.name !== 'q_empty') this.structCodec(d);
          break;
        case 'union':
          this.unionCodec(d);
          break;
        case 'alternate':
          this.alternateCodec(d);
          break;
        default:
          break;
      }
    }
    this.emitListDecoders();
  }
}

/** `if (test) {`, the statements indented, `}`. */
function ifBlock(test: string, body: readonly string[]): string[] {
  return [`if (${test}) {`, ...body.map((l) => `  ${l}`), '}'];
}

/** An object literal's key for member `name` (a computed one for `__proto__`, which would set the prototype). */
function literalKey(name: string): string {
  return name === '__proto__' ? `['${name}']` : `'${name}'`;
}

/** `['a', 'b']`: the names of `members`. */
function nameList(members: readonly IrMember[]): string {
  return `[${members.map((m) => `'${m.name}'`).join(', ')}]`;
}

/** `['deprecated']`-style literal of a member's special features (those the compat policy acts on), or undefined. */
function specialFeatures(features: readonly { name: string; if?: unknown }[], ctx: TypeContext): string | undefined {
  const names = features.filter((f) => (f.name === 'deprecated' || f.name === 'unstable') && ctx.keep(f.if as never)).map((f) => `'${f.name}'`);
  return names.length ? `[${names.join(', ')}]` : undefined;
}

function jsTypeTest(qtype: string): string {
  switch (qtype) {
    case 'qstring': return "typeof v === 'string'";
    case 'qnum': return "(typeof v === 'number' || typeof v === 'bigint')";
    case 'qbool': return "typeof v === 'boolean'";
    case 'qnull': return 'v === null';
    case 'qlist': return 'Array.isArray(v)';
    default: return "(typeof v === 'object' && v !== null && !Array.isArray(v))";
  }
}


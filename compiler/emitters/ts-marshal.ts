/**
 * The `marshal` target: per type, a decoder (QEMU's input visitor: untrusted
 * JSON in, the typed value out, strict by default) and an encoder (its output
 * visitor: known members only, absent optionals omitted). Decoders follow
 * QEMU's structure: `decodeXMembers` visits a type's members into an object
 * and returns how many it consumed (base first), `decodeX` adds the type check
 * and the unexpected-member check, unions switch on the tag, alternates on the
 * JSON type. Errors carry the path of the offending member, added as they
 * unwind, so the fast path builds no path strings.
 */
import type { IrAlternate, IrDefinition, IrEnum, IrStruct, IrUnion } from '../ir/types.js';
import type { TsModuleFile } from './ts-module-file.js';
import { mayBeAbsent, relativeImport, type TypeContext } from './ts-types.js';

const SCALARS: Record<string, string> = {
  str: 'decodeStr', number: 'decodeNumber', bool: 'decodeBool', null: 'decodeNull', any: 'decodeAny',
  int8: 'decodeInt8', int16: 'decodeInt16', int32: 'decodeInt32', uint8: 'decodeUint8', uint16: 'decodeUint16', uint32: 'decodeUint32',
};
const WIDE_INTS: Record<string, string> = { int: 'decodeInt64', int64: 'decodeInt64', uint64: 'decodeUint64', size: 'decodeUint64' };

/** The JSON types an alternate branch of each builtin is chosen for (QEMU's QType). */
function qtypeOf(d: IrDefinition, ctx: TypeContext): string {
  switch (d.kind) {
    case 'builtin':
      return { string: 'qstring', number: 'qnum', int: 'qnum', boolean: 'qbool', null: 'qnull' }[d.jsonType] ?? 'none';
    case 'enum':
      return 'qstring';
    case 'array':
      return 'qlist';
    case 'struct':
    case 'union':
      return 'qdict';
    default:
      void ctx;
      return 'none';
  }
}

export class MarshalEmitter {
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

  /** The function that decodes a named type, importing it when defined elsewhere. */
  private fn(prefix: 'decode' | 'encode', typeName: string, suffix = ''): string {
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
      const mode = this.ctx.opts.int64 === 'number' ? 'INT64_AS_NUMBER' : 'INT64_AS_BIGINT';
      return `${this.rt(WIDE_INTS[d.name])}(${v}, ${p}, ${k}, ${this.rt(mode)})`;
    }
    if (d.kind === 'array') {
      return `${this.rt('decodeArray')}(${v}, ${p}, ${k}, (e, ep, i) => ${this.decodeExpr(d.elementType, 'e', 'ep', 'i')})`;
    }
    return `${this.fn('decode', d.name)}(${v}, o, ${p}, ${k})`;
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

  private membersSignature(name: string): string {
    return `export function decode${name}Members(r: ${this.rtType('JsonMembers')}, out: Record<string, unknown>, `
      + `o: ${this.rtType('DecodeOptions')}, p: ${this.rtType('Path')}): number {`;
  }

  /** `decodeXMembers(r, out, o, p)`: decodes a type's members (base first) into `out`; returns how many. */
  private membersDecoder(d: IrStruct): void {
    const name = this.ctx.names.of(d.name);
    const local = d.localMembers.filter((m) => this.ctx.keep(m.if));
    const w = this.file.body;
    w.line(`/** Decodes the members of {@link ${name}} from \`r\` (at path \`p\`) into \`out\`; returns how many were present. */`);
    w.block(this.membersSignature(name), () => {
      const base = d.base && this.ctx.keep(this.ctx.byName.get(d.base)?.if)
        ? `${this.fn('decode', d.base, 'Members')}(r, out, o, p)` : '0';
      w.line(`${local.length ? 'let' : 'const'} n = ${base};`);
      local.forEach((m, i) => {
        const key = `'${m.name}'`;
        // JSON objects have no inherited members but Object.prototype's:
        // only names that collide with those need an own-property read.
        const read = m.name in Object.prototype ? `${this.rt('memberOf')}(r, ${key})` : `r[${key}]`;
        const special = specialFeatures(m.features, this.ctx);
        const policy = special ? `${this.rt('$policy')}(o, p, ${key}, ${special}, 'parameter', ${key});` : undefined;
        if (mayBeAbsent(m, this.ctx)) {
          w.line(`const v${i} = ${read};`);
          w.block(`if (v${i} !== undefined) {`, () => {
            if (policy) w.line(policy);
            w.line(`out[${key}] = ${this.decodeExpr(m.type, `v${i}`, 'p', key)};`);
            w.line('n++;');
          });
        } else {
          if (policy) w.line(policy);
          w.line(`out[${key}] = ${this.decodeExpr(m.type, read, 'p', key)};`);
          w.line('n++;');
        }
      });
      w.line('return n;');
    });
    w.line();
  }

  /** `decodeX` and `encodeX` of an object type, on top of its members codecs. */
  private objectCodec(d: IrStruct | IrUnion): void {
    const name = this.ctx.names.of(d.name);
    const type = this.tsType(d.name);
    const w = this.file.body;
    w.line(`/** Decodes a {@link ${name}} (strict unless \`o.lenient\`). Throws DecodeError. */`);
    w.block(`export function decode${name}(${this.decoderParams()}): ${type} {`, () => {
      w.line(`const r = ${this.rt('decodeObject')}(v, p, k);`);
      w.line(`const q = ${this.rt('$sub')}(p, k);`);
      w.line('const out: Record<string, unknown> = {};');
      w.line(`${this.rt('$exact')}(r, decode${name}Members(r, out, o, q), out, o, q);`);
      w.line(`return out as unknown as ${type};`);
    });
    w.line();
    w.line(`/** Encodes a {@link ${name}}: known members only, absent optional members omitted. */`);
    w.block(`export function encode${name}(v: ${type}, o: ${this.rtType('EncodeOptions')} = ${this.rt('NO_OPTIONS')}): ${this.rtType('JsonRecord')} {`, () => {
      w.line(`const out: ${this.rtType('JsonRecord')} = {};`);
      w.line(`encode${name}Members(v as unknown as Record<string, unknown>, out, o);`);
      w.line('return out;');
    });
    w.line();
  }

  /** `(v, o = {}, p = Path.root(), k?)`: the value, options, and where the value sits. */
  private decoderParams(): string {
    return `v: unknown, o: ${this.rtType('DecodeOptions')} = ${this.rt('NO_OPTIONS')}, p: ${this.rtType('Path')} = ${this.rt('ROOT_PATH')}, `
      + `k?: ${this.rtType('PathKey')}`;
  }

  private structCodec(d: IrStruct): void {
    this.membersDecoder(d);
    this.membersEncoder(d);
    this.objectCodec(d);
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
    w.line(`/** Decodes the members of {@link ${name}}: its base, then the branch its \`${d.tag}\` selects. */`);
    w.block(this.membersSignature(name), () => {
      w.line(`${branches.length ? 'let' : 'const'} n = ${this.fn('decode', d.base, 'Members')}(r, out, o, p);`);
      if (branches.length) {
        w.block(`switch (out[${tag}]) {`, () => {
          for (const b of branches) w.line(`case '${b.name}': n += ${this.fn('decode', b.type, 'Members')}(r, out, o, p); break;`);
          // Branches without members, and (lenient) tag values this schema does not know.
          w.line('default: break;');
        });
      }
      w.line('return n;');
    });
    w.line();
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
    this.objectCodec(d);
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
          w.line(`case '${qtypeOf(bt, this.ctx)}': return ${this.decodeExpr(b.type, 'v')};`);
        }
        w.line(`default: throw ${this.rt('$alternateMismatch')}(p, k, '${d.name}', v);`);
      });
    });
    w.line();
    w.line(`/** Encodes a {@link ${name}} through the encoder of the branch its JS type selects. */`);
    w.block(`export function encode${name}(v: ${type}, o: ${this.rtType('EncodeOptions')} = ${this.rt('NO_OPTIONS')}): ${this.rtType('JsonValue')} {`, () => {
      for (const b of branches) {
        const bt = this.ctx.byName.get(b.type)!;
        const test = jsTypeTest(qtypeOf(bt, this.ctx));
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
    w.line(`const ${name}$values = new Set<${name}>([${values.join(', ')}]);`);
    const special = d.values.filter((x) => this.ctx.keep(x.if) && specialFeatures(x.features, this.ctx));
    if (special.length) {
      w.line(`const ${name}$features: Record<string, readonly string[]> = { ${special.map((x) => `'${x.name}': ${specialFeatures(x.features, this.ctx)}`).join(', ')} };`);
    }
    w.line(`/** Decodes a {@link ${name}}; unknown values are an error unless \`o.lenient\`. */`);
    w.block(`export function decode${name}(${this.decoderParams()}): ${name} {`, () => {
      if (!special.length) {
        w.line(`return ${this.rt('decodeEnum')}(v, p, k, ${name}$values, o, '${d.name}');`);
        return;
      }
      w.line(`const e = ${this.rt('decodeEnum')}(v, p, k, ${name}$values, o, '${d.name}');`);
      w.line(`${this.rt('$policy')}(o, p, k, ${name}$features[e], 'value', e);`);
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
  }
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


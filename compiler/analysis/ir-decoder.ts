/**
 * Decoders built from the IR at run time that behave exactly as the
 * generated ones (the `marshal` target, compiler/emitters/ts-marshal.ts):
 * same acceptance, same DecodeError (message, path, kind), same output. Lint
 * checks values (doc examples) "by the generated decoders" but cannot compile
 * and import generated TypeScript, so this walks the same structure with
 * closures and calls the same runtime checkers, which makes QEMU's messages
 * match by construction. test/ir-decoder.test.ts holds the two side by side;
 * when the emitter changes shape, this follows it.
 *
 * Where generated code fixes something at generation time, an option stands
 * in for it: `int64` in the decode options picks the `--int64` variant
 * (bigint by default), `defines` when building picks `--define` (default
 * 'all': everything kept, conditional members optional).
 */
import type {
  IrAlternate, IrCondition, IrDefinition, IrEnum, IrFeature, IrSchema, IrStruct, IrUnion,
} from '../ir/types.js';
import { type ConditionDefines, evaluateCondition } from '../ir/evaluate-condition.js';
import { branchQType } from '../ir/alternate-dispatch.js';
import { decodeArray, decodeEnum, decodeObject, memberOf, type JsonMembers } from '../../runtime/decode-containers.js';
import {
  decodeInt16, decodeInt32, decodeInt64, decodeInt8, decodeUint16, decodeUint32, decodeUint64, decodeUint8,
} from '../../runtime/decode-integers.js';
import type { DecodeOptions } from '../../runtime/decode-options.js';
import type { Path, PathKey } from '../../runtime/decode-path.js';
import { decodeAny, decodeBool, decodeNull, decodeNumber, decodeStr } from '../../runtime/decode-scalars.js';
import {
  $alternateMismatch, $decodeEmpty, $exact, $policy, $sub, $uint64Options, INT64_AS_BIGINT, INT64_AS_NUMBER, NO_OPTIONS, ROOT_PATH,
} from '../../runtime/marshal.js';
import { qtypeOf, type QType } from '../../runtime/qtype.js';

/** A decoder as generated code declares them: `(v, o?, p?, k?)`, throwing DecodeError. */
export type IrDecoder = (value: unknown, options?: DecodeOptions, path?: Path, key?: PathKey) => unknown;

/** A command's entry of the generated `commandCodecs` table (decoding half). */
export interface IrCommandDecoders {
  readonly decodeArguments: IrDecoder;
  readonly decodeReturns: IrDecoder;
}

/** An event's entry of the generated `eventCodecs` table (decoding half). */
export interface IrEventDecoders {
  readonly decodeData: IrDecoder;
}

export interface IrDecoderOptions {
  /** As `generate`'s `defines`: 'all' (default) keeps every conditional definition, member, value and branch. */
  readonly defines?: ConditionDefines;
}

export interface IrDecoders {
  /**
   * Decodes `value` as type `typeName` (a struct, union, alternate, enum,
   * builtin or array), as the generated `decodeX` (or, for builtins and
   * arrays, the generated inline decoder) does. Throws a plain Error for a
   * type the schema (with these defines) does not have.
   */
  decodeType(typeName: string, value: unknown, options?: DecodeOptions, path?: Path, key?: PathKey): unknown;
  /** `commandCodecs[name].decodeArguments(value, ...)`; a plain Error for an unknown command. */
  commandArguments(name: string, value: unknown, options?: DecodeOptions, path?: Path, key?: PathKey): unknown;
  /** `commandCodecs[name].decodeReturns(value, ...)`; a plain Error for an unknown command. */
  commandReturns(name: string, value: unknown, options?: DecodeOptions, path?: Path, key?: PathKey): unknown;
  /** `eventCodecs[name].decodeData(value, ...)`; a plain Error for an unknown event. */
  eventData(name: string, value: unknown, options?: DecodeOptions, path?: Path, key?: PathKey): unknown;
  /** The decoder of a type, or undefined when there is no such type. */
  typeDecoder(typeName: string): IrDecoder | undefined;
  /** A command's decoders (also `'gen': false` ones, which the generated table has too), or undefined. */
  command(name: string): IrCommandDecoders | undefined;
  /** An event's decoder, or undefined. */
  event(name: string): IrEventDecoders | undefined;
}

/** Generated decoders' inner signature: every argument given. */
type Dec = (v: unknown, o: DecodeOptions, p: Path, k: PathKey | undefined) => unknown;
/** `decodeXMembers(r, out, o, p)`: members into `out`, returns how many were present. */
type MembersDec = (r: JsonMembers, out: Record<string, unknown>, o: DecodeOptions, p: Path) => number;

/**
 * One type's decoders. Closures hold cells, not functions, so recursive
 * references work and each type is built when first decoded.
 */
interface Cell {
  decode: Dec;
  members: MembersDec;
}

/** The 64-bit builtins: their options are fixed per call from `o.int64`, as generated code fixes them per build. */
const int64Options = (o: DecodeOptions) => (o.int64 === 'number' ? INT64_AS_NUMBER : INT64_AS_BIGINT);

const BUILTINS: Readonly<Record<string, Dec>> = {
  str: (v, _o, p, k) => decodeStr(v, p, k),
  number: (v, _o, p, k) => decodeNumber(v, p, k),
  bool: (v, _o, p, k) => decodeBool(v, p, k),
  null: (v, _o, p, k) => decodeNull(v, p, k),
  any: (v, _o, p, k) => decodeAny(v, p, k),
  int8: (v, _o, p, k) => decodeInt8(v, p, k),
  int16: (v, _o, p, k) => decodeInt16(v, p, k),
  int32: (v, _o, p, k) => decodeInt32(v, p, k),
  uint8: (v, _o, p, k) => decodeUint8(v, p, k),
  uint16: (v, _o, p, k) => decodeUint16(v, p, k),
  uint32: (v, _o, p, k) => decodeUint32(v, p, k),
  int: (v, o, p, k) => decodeInt64(v, p, k, int64Options(o)),
  int64: (v, o, p, k) => decodeInt64(v, p, k, int64Options(o)),
  uint64: (v, o, p, k) => decodeUint64(v, p, k, $uint64Options(o, int64Options(o))),
  size: (v, o, p, k) => decodeUint64(v, p, k, $uint64Options(o, int64Options(o))),
};

const noMembers: MembersDec = () => 0;

function unknownType(name: string): Dec {
  return () => {
    throw new Error(`no decoder for type '${name}'`);
  };
}

class Builder {
  readonly defs = new Map<string, IrDefinition>();
  readonly cells = new Map<string, Cell>();

  constructor(
    readonly ir: IrSchema,
    readonly defines: ConditionDefines,
  ) {
    for (const d of ir.definitions) this.defs.set(d.name, d);
  }

  keep(cond: IrCondition | undefined): boolean {
    return evaluateCondition(cond, this.defines);
  }

  /** The kept type `name`, or undefined (commands, events, unknown or compiled-out names). */
  type(name: string): Exclude<IrDefinition, { kind: 'command' | 'event' }> | undefined {
    const d = this.defs.get(name);
    return d === undefined || d.kind === 'command' || d.kind === 'event' || !this.keep(d.if) ? undefined : d;
  }

  /**
   * The cell of a type name. Its functions are built on first call and then
   * replace themselves: a schema has thousands of types and a lint run uses
   * a few hundred, so building only those keeps a cold start in a few ms.
   */
  cell(name: string): Cell {
    let c = this.cells.get(name);
    if (!c) {
      const cell: Cell = {
        decode: (v, o, p, k) => {
          this.fill(cell, name);
          return cell.decode(v, o, p, k);
        },
        members: (r, out, o, p) => {
          this.fill(cell, name);
          return cell.members(r, out, o, p);
        },
      };
      this.cells.set(name, cell);
      c = cell;
    }
    return c;
  }

  /** Sets the real functions of `c`, the cell of `name` (references to other types are cells, filled when called). */
  fill(c: Cell, name: string): void {
    const d = this.type(name);
    c.members = noMembers;
    c.decode = unknownType(name);
    switch (d?.kind) {
      case undefined:
        break;
      case 'builtin':
        c.decode = BUILTINS[d.name] ?? unknownType(d.name);
        break;
      case 'enum':
        c.decode = this.enumDecoder(d);
        break;
      case 'array':
        c.decode = this.arrayDecoder(d.elementType);
        break;
      case 'struct':
        c.members = this.structMembers(d);
        c.decode = objectDecoder(c);
        break;
      case 'union':
        c.members = this.unionMembers(d);
        c.decode = objectDecoder(c);
        break;
      case 'alternate':
        c.decode = this.alternateDecoder(d);
        break;
    }
  }

  /** `['deprecated', 'unstable']`: the features the compat policy acts on, or undefined. */
  special(features: readonly IrFeature[]): readonly string[] | undefined {
    const names = features.filter((f) => (f.name === 'deprecated' || f.name === 'unstable') && this.keep(f.if)).map((f) => f.name);
    return names.length ? names : undefined;
  }

  enumDecoder(d: IrEnum): Dec {
    const kept = d.values.filter((x) => this.keep(x.if));
    const values = new Set(kept.map((x) => x.name));
    const name = d.name;
    const special = kept.filter((x) => this.special(x.features));
    if (!special.length) return (v, o, p, k) => decodeEnum(v, p, k, values, o, name);
    const features = new Map<string, readonly string[]>();
    for (const x of special) features.set(x.name, this.special(x.features)!);
    return (v, o, p, k) => {
      const e = decodeEnum(v, p, k, values, o, name);
      $policy(o, p, k, features.get(e), 'value', e);
      return e;
    };
  }

  arrayDecoder(elementType: string): Dec {
    const el = this.cell(elementType);
    return (v, o, p, k) => decodeArray(v, p, k, (e, ep, i) => el.decode(e, o, ep, i));
  }

  structMembers(d: IrStruct): MembersDec {
    const base = d.base !== undefined && this.keep(this.defs.get(d.base)?.if) ? this.cell(d.base) : undefined;
    const all = this.defines === 'all';
    const local = d.localMembers.filter((m) => this.keep(m.if)).map((m) => ({
      name: m.name,
      // Names Object.prototype has are read as own properties (memberOf), others directly, as generated code does.
      own: m.name in Object.prototype,
      mayBeAbsent: m.optional || (m.if !== undefined && all),
      special: this.special(m.features),
      type: this.cell(m.type),
    }));
    return (r, out, o, p) => {
      let n = base ? base.members(r, out, o, p) : 0;
      for (let i = 0; i < local.length; i++) {
        const m = local[i];
        const v = m.own ? memberOf(r, m.name) : r[m.name];
        if (m.mayBeAbsent && v === undefined) continue;
        // Before decoding, even a missing required member (the policy error wins then).
        if (m.special) $policy(o, p, m.name, m.special, 'parameter', m.name);
        out[m.name] = m.type.decode(v, o, p, m.name);
        n++;
      }
      return n;
    };
  }

  unionMembers(d: IrUnion): MembersDec {
    const base = this.cell(d.base);
    const tag = d.tag;
    const branches = new Map<unknown, Cell>();
    for (const b of d.branches) {
      // The first case of a `switch` wins; q_empty branches have no members.
      if (!this.keep(b.if) || b.type === 'q_empty' || branches.has(b.name)) continue;
      branches.set(b.name, this.cell(b.type));
    }
    return (r, out, o, p) => {
      let n = base.members(r, out, o, p);
      // Unknown tags (lenient) and member-less branches: nothing more.
      const b = branches.size ? branches.get(out[tag]) : undefined;
      if (b) n += b.members(r, out, o, p);
      return n;
    };
  }

  alternateDecoder(d: IrAlternate): Dec {
    const byQType = new Map<QType, Cell>();
    for (const b of d.branches) {
      if (!this.keep(b.if)) continue;
      const bt = this.defs.get(b.type);
      const q = bt && branchQType(bt);
      if (q !== undefined && !byQType.has(q)) byQType.set(q, this.cell(b.type));
    }
    const name = d.name;
    return (v, o, p, k) => {
      const q = qtypeOf(v);
      const b = q === undefined ? undefined : byQType.get(q);
      if (b === undefined) throw $alternateMismatch(p, k, name, v);
      return b.decode(v, o, p, k);
    };
  }

  /** The decoder of an optional type reference: `$decodeEmpty` for none (commands and events without data). */
  decoderOf(typeName: string | undefined): IrDecoder {
    if (typeName === undefined) return $decodeEmpty;
    return publicDecoder(this.cell(typeName));
  }
}

function objectDecoder(c: Cell): Dec {
  return (v, o, p, k) => {
    const r = decodeObject(v, p, k);
    const q = $sub(p, k);
    const out: Record<string, unknown> = {};
    $exact(r, c.members(r, out, o, q), out, o, q);
    return out;
  };
}

function publicDecoder(c: Cell): IrDecoder {
  return (v, o = NO_OPTIONS, p = ROOT_PATH, k) => c.decode(v, o, p, k);
}

const cache = new WeakMap<IrSchema, IrDecoders>();

/**
 * The decoders of every type, command and event of `ir`, made once (and,
 * with the default defines, cached per IR object); each type's closures are
 * built the first time it is decoded.
 */
export function createIrDecoders(ir: IrSchema, options: IrDecoderOptions = {}): IrDecoders {
  const defines = options.defines ?? 'all';
  if (defines === 'all') {
    const cached = cache.get(ir);
    if (cached) return cached;
  }
  const b = new Builder(ir, defines);
  const types = new Map<string, IrDecoder>();
  const typeDecoder = (name: string): IrDecoder | undefined => {
    let t = types.get(name);
    if (t === undefined && b.type(name) !== undefined) {
      t = publicDecoder(b.cell(name));
      types.set(name, t);
    }
    return t;
  };
  const commands = new Map<string, IrCommandDecoders>();
  const events = new Map<string, IrEventDecoders>();
  for (const d of ir.definitions) {
    if (!b.keep(d.if)) continue;
    if (d.kind === 'command') commands.set(d.name, { decodeArguments: b.decoderOf(d.argType), decodeReturns: b.decoderOf(d.retType) });
    else if (d.kind === 'event') events.set(d.name, { decodeData: b.decoderOf(d.argType) });
  }
  const need = <T>(x: T | undefined, name: string, what: string): T => {
    if (x === undefined) throw new Error(`unknown ${what} '${name}'`);
    return x;
  };
  const decoders: IrDecoders = {
    decodeType: (name, value, o, p, k) => need(typeDecoder(name), name, 'type')(value, o, p, k),
    commandArguments: (name, value, o, p, k) => need(commands.get(name), name, 'command').decodeArguments(value, o, p, k),
    commandReturns: (name, value, o, p, k) => need(commands.get(name), name, 'command').decodeReturns(value, o, p, k),
    eventData: (name, value, o, p, k) => need(events.get(name), name, 'event').decodeData(value, o, p, k),
    typeDecoder,
    command: (name) => commands.get(name),
    event: (name) => events.get(name),
  };
  if (defines === 'all') cache.set(ir, decoders);
  return decoders;
}

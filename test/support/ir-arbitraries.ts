/**
 * fast-check arbitraries driven by the IR: for any type name, valid wire
 * values in the representation generated TypeScript uses (structs as plain
 * objects keyed by wire names, 64-bit integers as bigint or number, union
 * tags set to the chosen branch, alternates as the chosen branch's value),
 * plus a walker that lists where such a value can be broken (object sites,
 * members, values) for the rejection properties.
 *
 * Everything is taken as compiled with defines 'all': conditional members
 * may be absent (the generated types and the JSON Schema make them
 * optional), conditional enum values and branches exist.
 *
 * Recursion is bounded: every type gets the least depth a value of it needs
 * (a fixed point over the schema), and a value built with depth budget `d`
 * only takes optional members, array elements and alternate branches that
 * fit in what is left.
 */
import fc from 'fast-check';
import type { IrAlternate, IrDefinition, IrEnum, IrMember, IrSchema, IrUnion } from '../../compiler/ir/types.js';

export type Int64Repr = 'bigint' | 'number';

export interface IrArbitraryOptions {
  /** How int, int64, uint64 and size are represented (the generator's `--int64`). Default bigint. */
  readonly int64?: Int64Repr;
  /** Depth budget of a top-level value (objects and arrays each take one level). Default 4. */
  readonly maxDepth?: number;
  /** Longest array. Default 3. */
  readonly maxArray?: number;
}

/** Integer builtins: range, and whether they are 64-bit (bigint or number per the option). */
export const INTEGER_RANGES: Readonly<Record<string, { min: bigint; max: bigint; wide: boolean; cType: string }>> = {
  int: { min: -(2n ** 63n), max: 2n ** 63n - 1n, wide: true, cType: 'integer' },
  int64: { min: -(2n ** 63n), max: 2n ** 63n - 1n, wide: true, cType: 'integer' },
  int8: { min: -128n, max: 127n, wide: false, cType: 'int8_t' },
  int16: { min: -32768n, max: 32767n, wide: false, cType: 'int16_t' },
  int32: { min: -2147483648n, max: 2147483647n, wide: false, cType: 'int32_t' },
  uint8: { min: 0n, max: 255n, wide: false, cType: 'uint8_t' },
  uint16: { min: 0n, max: 65535n, wide: false, cType: 'uint16_t' },
  uint32: { min: 0n, max: 4294967295n, wide: false, cType: 'uint32_t' },
  uint64: { min: 0n, max: 2n ** 64n - 1n, wide: true, cType: 'uint64' },
  size: { min: 0n, max: 2n ** 64n - 1n, wide: true, cType: 'uint64' },
};

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export type QType = 'qstring' | 'qnum' | 'qbool' | 'qnull' | 'qdict' | 'qlist';

/** The QType of a generated (TS-side) or wire value. */
export function qtypeOfValue(v: unknown): QType | undefined {
  switch (typeof v) {
    case 'string': return 'qstring';
    case 'number':
    case 'bigint': return 'qnum';
    case 'boolean': return 'qbool';
    case 'object':
      if (v === null) return 'qnull';
      return Array.isArray(v) ? 'qlist' : 'qdict';
    default: return undefined;
  }
}

/** Sets own property `key` (also for `__proto__`). */
export function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** Strings: ASCII, full Unicode, any UTF-16 unit (lone surrogates), and names that trip up objects. */
export const stringArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('', 'constructor', '__proto__', 'toString', '"\\\n\t', '\u2028\u2029', '\ud800', '\udfff\ud800', '😀', '\u0000', 'null', '1') },
);

/** Finite doubles, never -0 (JSON text cannot keep the sign of zero through readJson). */
export const doubleArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, 1.5, -1.5, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, 2 ** 53 + 2, 1e21, -1e21, 0.1, 9007199254740993),
).map((x) => (x === 0 ? 0 : x));

/** An integer of a builtin integer type, boundaries weighted in. */
export function integerArbitrary(typeName: string, int64: Int64Repr): fc.Arbitrary<number | bigint> {
  const r = INTEGER_RANGES[typeName];
  if (!r) throw new Error(`not an integer type: ${typeName}`);
  if (!r.wide || int64 === 'number') {
    const lo = r.min < -MAX_SAFE ? -MAX_SAFE : r.min;
    const hi = r.max > MAX_SAFE ? MAX_SAFE : r.max;
    const min = Number(lo);
    const max = Number(hi);
    const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) });
    return fc.oneof(
      fc.constantFrom(min, max, Math.max(min, 0), Math.min(max, 1)),
      small,
      fc.integer({ min, max }),
      fc.bigInt({ min: lo, max: hi }).map(Number),
    );
  }
  const edges = [r.min, r.max, 0n, 1n, r.min + 1n, r.max - 1n, MAX_SAFE, MAX_SAFE + 1n, 2n ** 63n - 1n, 2n ** 63n]
    .filter((x) => x >= r.min && x <= r.max);
  if (r.min < 0n) edges.push(-MAX_SAFE, -MAX_SAFE - 1n, -1n);
  return fc.oneof(
    fc.constantFrom(...edges),
    fc.bigInt({ min: r.min < -1000n ? -1000n : r.min, max: 1000n }),
    fc.bigInt({ min: r.min, max: r.max }),
  );
}

/** JSON values as `any` decodes them: numbers are safe integers or non-integral doubles, bigger integers bigints. */
export function anyJsonArbitrary(depth = 2): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    stringArbitrary,
    fc.integer(),
    fc.maxSafeInteger(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
    fc.oneof(fc.bigInt({ min: -(2n ** 64n), max: -MAX_SAFE - 1n }), fc.bigInt({ min: MAX_SAFE + 1n, max: 2n ** 64n })),
  );
  if (depth <= 0) return scalar;
  const inner = anyJsonArbitrary(depth - 1);
  const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('constructor', '__proto__', 'toString', ''));
  return fc.oneof(
    { weight: 3, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(key, inner), { maxLength: 3 }).map((entries) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of entries) setOwn(o, k, v);
        return o;
      }),
    },
  );
}

const ABSENT = Symbol('absent');

/** A member of an object type as values see it: required unless optional or conditional. */
export interface EffectiveMember {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
}

export class IrArbitraries {
  readonly byName: ReadonlyMap<string, IrDefinition>;
  readonly int64: Int64Repr;
  readonly maxDepth: number;
  readonly maxArray: number;
  private readonly minDepths = new Map<string, number>();
  private readonly cache = new Map<string, fc.Arbitrary<unknown>>();
  private readonly any = anyJsonArbitrary(2);

  constructor(readonly ir: IrSchema, options: IrArbitraryOptions = {}) {
    this.byName = new Map(ir.definitions.map((d) => [d.name, d]));
    this.int64 = options.int64 ?? 'bigint';
    this.maxDepth = options.maxDepth ?? 4;
    this.maxArray = options.maxArray ?? 3;
    this.computeMinDepths();
  }

  def(name: string): IrDefinition {
    const d = this.byName.get(name);
    if (!d) throw new Error(`unknown type ${name}`);
    return d;
  }

  /** Whether values must have member `m`: not optional, and not conditional (with defines 'all' those may be absent). */
  static isRequired(m: IrMember): boolean {
    return !m.optional && m.if === undefined;
  }

  /** The least depth budget a value of `type` needs (0 for scalars and arrays, which may be empty). */
  minDepth(type: string | undefined): number {
    if (type === undefined) return 1;
    const m = this.minDepths.get(type);
    if (m === undefined) throw new Error(`unknown type ${type}`);
    return m;
  }

  private computeMinDepths(): void {
    const types = this.ir.definitions.filter((d) => d.kind !== 'command' && d.kind !== 'event');
    for (const d of types) this.minDepths.set(d.name, Infinity);
    const md = (n: string) => this.minDepths.get(n) ?? Infinity;
    // Depth an object needs for its own (flattened) members, ignoring the union tag choice.
    const membersNeed = (d: IrDefinition): number => {
      if (d.kind === 'struct') {
        let need = 0;
        for (const m of d.members) if (IrArbitraries.isRequired(m)) need = Math.max(need, md(m.type) + 1);
        return need;
      }
      if (d.kind === 'union') {
        let need = 0;
        for (const m of d.members) if (m.name !== d.tag && IrArbitraries.isRequired(m)) need = Math.max(need, md(m.type) + 1);
        let best = Infinity;
        for (const b of d.branches) best = Math.min(best, membersNeed(this.def(b.type)));
        return Math.max(need, best);
      }
      return Infinity;
    };
    let changed = true;
    while (changed) {
      changed = false;
      for (const d of types) {
        let v: number;
        switch (d.kind) {
          case 'builtin':
          case 'enum':
          case 'array':
            v = 0;
            break;
          case 'struct':
          case 'union':
            v = Math.max(1, membersNeed(d));
            break;
          case 'alternate':
            v = Math.min(...d.branches.map((b) => md(b.type)));
            break;
        }
        if (v < md(d.name)) {
          this.minDepths.set(d.name, v);
          changed = true;
        }
      }
    }
  }

  /**
   * Valid values of `type` (undefined: a command or event without data, `{}`).
   * `depth` defaults to the larger of maxDepth and what the type needs.
   */
  arbitrary(type: string | undefined, depth?: number): fc.Arbitrary<unknown> {
    if (type === undefined) return fc.constant({});
    const need = this.minDepth(type);
    if (need === Infinity) throw new Error(`type ${type} has no finite value`);
    return this.at(type, Math.max(depth ?? this.maxDepth, need));
  }

  private at(type: string, depth: number): fc.Arbitrary<unknown> {
    const key = `${type}@${depth}`;
    let a = this.cache.get(key);
    if (!a) {
      a = this.build(this.def(type), depth);
      this.cache.set(key, a);
    }
    return a;
  }

  private build(d: IrDefinition, depth: number): fc.Arbitrary<unknown> {
    switch (d.kind) {
      case 'builtin':
        switch (d.name) {
          case 'str': return stringArbitrary;
          case 'number': return doubleArbitrary;
          case 'bool': return fc.boolean();
          case 'null': return fc.constant(null);
          case 'any': return this.any;
          default: return integerArbitrary(d.name, this.int64);
        }
      case 'enum':
        return this.enumArbitrary(d);
      case 'array': {
        if (depth - 1 < this.minDepth(d.elementType)) return fc.constant([]);
        return fc.array(this.at(d.elementType, depth - 1), { maxLength: this.maxArray });
      }
      case 'struct':
        return this.membersArbitrary(d.members, depth).map((parts) => assemble([parts]));
      case 'union':
        return this.unionMembers(d, depth).map((parts) => assemble(parts));
      case 'alternate':
        return this.alternateArbitrary(d, depth);
      default:
        throw new Error(`${d.name} is not a type`);
    }
  }

  private enumArbitrary(d: IrEnum): fc.Arbitrary<unknown> {
    if (!d.values.length) throw new Error(`enum ${d.name} has no values`);
    return fc.constantFrom(...d.values.map((v) => v.name));
  }

  /** [name, value | ABSENT] pairs of `members`, values at depth-1. */
  private membersArbitrary(members: readonly IrMember[], depth: number, skip?: string): fc.Arbitrary<[string, unknown][]> {
    const arbs: fc.Arbitrary<[string, unknown]>[] = [];
    for (const m of members) {
      if (m.name === skip) continue;
      const fits = depth - 1 >= this.minDepth(m.type);
      if (IrArbitraries.isRequired(m)) {
        if (!fits) throw new Error(`internal: required member ${m.name} does not fit`);
        arbs.push(this.at(m.type, depth - 1).map((v) => [m.name, v] as [string, unknown]));
      } else if (fits) {
        arbs.push(fc.option(this.at(m.type, depth - 1), { nil: ABSENT, freq: 2 }).map((v) => [m.name, v] as [string, unknown]));
      }
    }
    return fc.tuple(...arbs);
  }

  /** The flattened members of a union value: base members, tag, the chosen branch's members (recursively). */
  private unionMembers(d: IrUnion, depth: number): fc.Arbitrary<[string, unknown][][]> {
    const branches = d.branches.filter((b) => this.objectMembersNeed(b.type) <= depth);
    if (!branches.length) throw new Error(`internal: no branch of ${d.name} fits depth ${depth}`);
    const base = this.membersArbitrary(d.members, depth, d.tag);
    const choice = fc.oneof(
      ...branches.map((b) => {
        const bt = this.def(b.type);
        const rest: fc.Arbitrary<[string, unknown][][]> =
          bt.kind === 'union' ? this.unionMembers(bt, depth) : bt.kind === 'struct' ? this.membersArbitrary(bt.members, depth).map((p) => [p]) : fc.constant([]);
        return rest.map((parts) => [[[d.tag, b.name] as [string, unknown]], ...parts]);
      }),
    );
    return fc.tuple(base, choice).map(([b, parts]) => [b, ...parts]);
  }

  /** Depth a value needs to hold the members of object type `name` (flattened, as a union branch). */
  private objectMembersNeed(name: string): number {
    const d = this.def(name);
    if (d.kind === 'struct') {
      let need = 0;
      for (const m of d.members) if (IrArbitraries.isRequired(m)) need = Math.max(need, this.minDepth(m.type) + 1);
      return need;
    }
    if (d.kind === 'union') {
      let need = 0;
      for (const m of d.members) if (m.name !== d.tag && IrArbitraries.isRequired(m)) need = Math.max(need, this.minDepth(m.type) + 1);
      return Math.max(need, Math.min(...d.branches.map((b) => this.objectMembersNeed(b.type))));
    }
    throw new Error(`${name} is not an object type`);
  }

  private alternateArbitrary(d: IrAlternate, depth: number): fc.Arbitrary<unknown> {
    const fitting = d.branches.filter((b) => this.minDepth(b.type) <= depth);
    return fc.oneof(...fitting.map((b) => this.at(b.type, depth)));
  }

  /**
   * The smallest valid value of `type` (undefined: `{}`): required members
   * only, the first enum value, the first union branch and alternate branch
   * that can be built, empty arrays, 0, '', false, null.
   */
  minimal(type: string | undefined): unknown {
    if (type === undefined) return {};
    const d = this.def(type);
    const fill = (members: readonly IrMember[], o: Record<string, unknown>, skip?: string) => {
      for (const m of members) if (m.name !== skip && IrArbitraries.isRequired(m)) setOwn(o, m.name, this.minimal(m.type));
      return o;
    };
    const unionFill = (u: IrUnion, o: Record<string, unknown>): Record<string, unknown> => {
      fill(u.members, o, u.tag);
      const best = [...u.branches].sort((a, b) => this.objectMembersNeed(a.type) - this.objectMembersNeed(b.type))[0];
      setOwn(o, u.tag, best.name);
      const bt = this.def(best.type);
      return bt.kind === 'union' ? unionFill(bt, o) : bt.kind === 'struct' ? fill(bt.members, o) : o;
    };
    switch (d.kind) {
      case 'builtin':
        switch (d.name) {
          case 'str': return '';
          case 'number': return 0;
          case 'bool': return false;
          case 'null':
          case 'any': return null;
          default: return INTEGER_RANGES[d.name].wide && this.int64 === 'bigint' ? 0n : 0;
        }
      case 'enum': return d.values[0].name;
      case 'array': return [];
      case 'struct': return fill(d.members, {});
      case 'union': return unionFill(d, {});
      case 'alternate': {
        const best = [...d.branches].sort((a, b) => this.minDepth(a.type) - this.minDepth(b.type))[0];
        return this.minimal(best.type);
      }
      default:
        throw new Error(`${d.name} is not a type`);
    }
  }

  // ---- Taking values apart -------------------------------------------------

  /** The members a value of object type `type` has, union branches resolved by the value's tags. */
  effectiveMembers(type: string, value: Record<string, unknown>): EffectiveMember[] {
    const d = this.def(type);
    const out: EffectiveMember[] = [];
    const add = (members: readonly IrMember[]) => {
      for (const m of members) out.push({ name: m.name, type: m.type, required: IrArbitraries.isRequired(m) });
    };
    if (d.kind === 'struct') {
      add(d.members);
    } else if (d.kind === 'union') {
      add(d.members);
      const tag = value[d.tag];
      const branch = d.branches.find((b) => b.name === tag);
      if (branch) out.push(...this.effectiveMembers(branch.type, value).filter((m) => !out.some((x) => x.name === m.name)));
    } else {
      throw new Error(`${type} is not an object type`);
    }
    return out;
  }

  /** The branch of alternate `d` a value goes to (by its JSON type). */
  alternateBranch(d: IrAlternate, value: unknown): string | undefined {
    const q = qtypeOfValue(value);
    return d.branches.find((b) => this.qtypeOfType(b.type) === q)?.type;
  }

  /** The QType values of `type` have (alternate branches are chosen by it). */
  qtypeOfType(type: string): QType | undefined {
    const d = this.def(type);
    switch (d.kind) {
      case 'builtin':
        return ({ str: 'qstring', number: 'qnum', bool: 'qbool', null: 'qnull', any: undefined } as Record<string, QType | undefined>)[d.name] ?? (INTEGER_RANGES[d.name] ? 'qnum' : undefined);
      case 'enum': return 'qstring';
      case 'array': return 'qlist';
      case 'struct':
      case 'union': return 'qdict';
      default: return undefined;
    }
  }

  /**
   * Every place in `value` (of `type`) where it can be broken: objects (for
   * an unknown member), members (to delete), values (to replace). Paths are
   * from the root: member names and array indices.
   */
  sites(type: string | undefined, value: unknown): Sites {
    const sites: Sites = { objects: [], members: [], values: [] };
    if (type === undefined) {
      sites.objects.push({ path: [], type: undefined });
      return sites;
    }
    this.walk(type, value, [], sites);
    return sites;
  }

  private walk(type: string, value: unknown, path: PathKey[], sites: Sites): void {
    const d = this.def(type);
    switch (d.kind) {
      case 'array': {
        const arr = value as unknown[];
        arr.forEach((e, i) => {
          sites.values.push({ path: [...path, i], type: d.elementType });
          this.walk(d.elementType, e, [...path, i], sites);
        });
        return;
      }
      case 'struct':
      case 'union': {
        const obj = value as Record<string, unknown>;
        sites.objects.push({ path, type });
        for (const m of this.effectiveMembers(type, obj)) {
          if (!Object.hasOwn(obj, m.name)) continue;
          sites.members.push({ path: [...path, m.name], type: m.type, required: m.required, owner: type });
          sites.values.push({ path: [...path, m.name], type: m.type, owner: type });
          this.walk(m.type, obj[m.name], [...path, m.name], sites);
        }
        return;
      }
      case 'alternate': {
        const b = this.alternateBranch(d, value);
        if (b === undefined) throw new Error(`value of ${d.name} matches no branch`);
        this.walk(b, value, path, sites);
        return;
      }
      default:
        return;
    }
  }
}

export type PathKey = string | number;

export interface Sites {
  /** Object values: an unknown member may be added. `type` undefined for a command/event without data. */
  objects: { path: PathKey[]; type: string | undefined }[];
  /** Present members: required ones may be deleted. */
  members: { path: PathKey[]; type: string; required: boolean; owner: string }[];
  /** Values (members and array elements): may be replaced by a value of the wrong type. */
  values: { path: PathKey[]; type: string; owner?: string }[];
}

/** A plain object from [name, value | ABSENT] parts, absent members left out. */
function assemble(parts: [string, unknown][][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const list of parts) for (const [k, v] of list) if (v !== ABSENT) setOwn(o, k, v);
  return o;
}

/**
 * Ways to break a valid wire value, each with the error QEMU's input visitor
 * gives for it: (i) an unknown member, (ii) a required member deleted,
 * (iii) a value replaced by one of the wrong JSON type, out of range, or not
 * in its enum. Built from IrArbitraries.sites() of the value.
 */
import { INTEGER_RANGES, type IrArbitraries, type PathKey, qtypeOfValue, setOwn } from './ir-arbitraries.js';

export type ExpectedKind = 'missing' | 'unexpected' | 'type' | 'range' | 'enum';

export interface Mutation {
  /** For failure messages: `unexpected member 'x' at 'a.b'`. */
  readonly what: string;
  /** How deep the object it changes is: 0 for the top-level object, 1 for its members' objects... */
  readonly level: number;
  /** The mutated copy of `wire` (which is not modified). */
  apply(wire: unknown): unknown;
  /** Acceptable DecodeError kinds. */
  readonly kinds: readonly ExpectedKind[];
  /** Path of the offending value from the decoded root. */
  readonly path: readonly PathKey[];
  /** QEMU's message for it. */
  readonly message: string;
  /** An unknown member: lenient decoding accepts it (and drops it). */
  readonly lenientDrops: boolean;
  /** Whether a JSON Schema validator working on doubles (Ajv after JSON.parse) can tell. */
  readonly schemaCanTell: boolean;
}

/** QEMU's full_name(): `a.b[1].c`, relative to the decoded value. */
export function qemuName(path: readonly PathKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s;
}

/** The bare name QEMU's range and enum messages (and alternates') quote: the member, or `null` for an array element. */
export function bareName(path: readonly PathKey[]): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? last : 'null';
}

/** Root labels a DecodeError's full path may start with. */
const ROOT_LABELS = ['arguments', 'return', 'returns', 'data'];

/** Whether `actual` (DecodeError.path) names `path`, with or without a root label. */
export function pathMatches(actual: string, path: readonly PathKey[]): boolean {
  const p = qemuName(path);
  if (actual === p) return true;
  return ROOT_LABELS.some((l) => actual === (p === '' ? l : p.startsWith('[') ? l + p : `${l}.${p}`));
}

const UNKNOWN_NAMES = ['zz-unexpected', 'constructor', '__proto__', 'toString', ''];

function clone(wire: unknown): unknown {
  return cloneValue(wire);
}

function cloneValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneValue);
  if (typeof v === 'object' && v !== null) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(o, k, cloneValue((v as Record<string, unknown>)[k]));
    return o;
  }
  return v;
}

/** The container holding `path`'s last key, in `root`. */
function parentOf(root: unknown, path: readonly PathKey[]): Record<string | number, unknown> {
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) cur = cur[path[i]] as Record<string | number, unknown>;
  return cur;
}

function setAt(root: unknown, path: readonly PathKey[], value: unknown): unknown {
  if (!path.length) return value;
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (typeof key === 'number') (parent as unknown as unknown[])[key] = value;
  else setOwn(parent as Record<string, unknown>, key, value);
  return root;
}

function deleteAt(root: unknown, path: readonly PathKey[]): unknown {
  delete parentOf(root, path)[path[path.length - 1]];
  return root;
}

interface Wrong {
  value: unknown;
  kinds: ExpectedKind[];
  message: (path: readonly PathKey[]) => string;
  schemaCanTell?: boolean;
  what: string;
}

/** A value as JSON text (bigints as digits). */
function show(v: unknown): string {
  return typeof v === 'bigint' ? v.toString() : JSON.stringify(v);
}

const typeMsg = (expected: string) => (p: readonly PathKey[]) => `Invalid parameter type for '${qemuName(p)}', expected: ${expected}`;
const wrongType = (value: unknown, expected: string): Wrong => ({ value, kinds: ['type'], message: typeMsg(expected), what: `${show(value)} (wrong type)` });

/** Values of the wrong type (or range, or enum) for `type`, with QEMU's error. */
export function wrongValues(arbs: IrArbitraries, type: string): Wrong[] {
  const d = arbs.def(type);
  switch (d.kind) {
    case 'builtin': {
      switch (d.name) {
        case 'str': return [wrongType(1, 'string'), wrongType(['x'], 'string')];
        case 'number': return [wrongType('1', 'number'), wrongType(true, 'number')];
        case 'bool': return [wrongType('true', 'boolean'), wrongType(0, 'boolean')];
        case 'null': return [wrongType(0, 'null'), wrongType('null', 'null')];
        case 'any': return [];
      }
      const r = INTEGER_RANGES[d.name];
      const out: Wrong[] = [];
      const range = (value: bigint, schemaCanTell = true): Wrong => ({
        value,
        kinds: ['range'],
        // uint64 and size name the full path, narrower types the bare member (QEMU).
        message: (p) => `Parameter '${r.cType === 'uint64' ? qemuName(p) : bareName(p)}' expects ${r.cType}`,
        schemaCanTell,
        what: `${value} (out of range)`,
      });
      if (r.cType === 'uint64') {
        // QEMU words every uint64 failure `Parameter '<path>' expects uint64`, even a string.
        out.push({ value: 'x', kinds: ['type'], message: (p) => `Parameter '${qemuName(p)}' expects uint64`, what: '"x" (wrong type)' });
        out.push(range(-1n), range(r.max + 1n, false));
      } else if (r.min < 0n) {
        out.push(wrongType('1', 'integer'), wrongType(1.5, 'integer'));
        if (r.wide) {
          // Beyond int64, QEMU's parser makes a double: not an integer.
          out.push({ ...wrongType(r.max + 1n, 'integer'), schemaCanTell: false, what: `${r.max + 1n} (beyond int64)` });
          out.push({ ...wrongType(r.min - 1n, 'integer'), schemaCanTell: false, what: `${r.min - 1n} (beyond int64)` });
        } else {
          out.push(range(r.max + 1n), range(r.min - 1n));
        }
      } else {
        // uint8..uint32 are visited as uint64 first: a string is "expects uint64".
        out.push({ value: true, kinds: ['type'], message: (p) => `Parameter '${qemuName(p)}' expects uint64`, what: 'true (wrong type)' });
        out.push(range(r.max + 1n), range(-1n));
      }
      return out;
    }
    case 'enum':
      return [
        wrongType(7, 'string'),
        { value: 'no-such-value', kinds: ['enum'], message: (p) => `Parameter '${bareName(p)}' does not accept value 'no-such-value'`, what: "'no-such-value' (not in enum)" },
      ];
    case 'array':
      return [wrongType({}, 'array'), wrongType('x', 'array')];
    case 'struct':
    case 'union':
      return [wrongType([], 'object'), wrongType('x', 'object')];
    case 'alternate': {
      const taken = new Set(d.branches.map((b) => arbs.qtypeOfType(b.type)));
      const candidates: unknown[] = ['x', 1, true, null, {}, []];
      return candidates
        .filter((c) => !taken.has(qtypeOfValue(c)))
        .map((value) => ({
          value,
          kinds: ['type'] as ExpectedKind[],
          // QEMU's generated alternate visitor quotes the bare name and the type's name.
          message: (p: readonly PathKey[]) => `Invalid parameter type for '${bareName(p)}', expected: ${d.name}`,
          what: `${show(value)} (no alternate branch)`,
        }));
    }
    default:
      return [];
  }
}

function levelOf(objectPath: readonly PathKey[]): number {
  return objectPath.length;
}

/**
 * Every mutation of `wire` (a valid value of `type`; undefined for
 * commands/events without data). `wire` must be what readJson returns.
 */
export function mutations(arbs: IrArbitraries, type: string | undefined, wire: unknown): Mutation[] {
  const sites = arbs.sites(type, wire);
  const out: Mutation[] = [];
  for (const site of sites.objects) {
    const obj = site.path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], wire) as Record<string, unknown>;
    const known = new Set(site.type === undefined ? [] : arbs.effectiveMembers(site.type, obj).map((m) => m.name));
    for (const name of UNKNOWN_NAMES) {
      if (known.has(name)) continue;
      const path = [...site.path, name];
      out.push({
        what: `unexpected member '${name}' in ${JSON.stringify(qemuName(site.path))}`,
        level: levelOf(site.path),
        apply: (w) => {
          const c = clone(w);
          const target = site.path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], c) as Record<string, unknown>;
          setOwn(target, name, 1);
          return c;
        },
        kinds: ['unexpected'],
        path,
        message: `Parameter '${qemuName(path)}' is unexpected`,
        lenientDrops: true,
        schemaCanTell: true,
      });
    }
  }
  for (const m of sites.members) {
    if (!m.required) continue;
    out.push({
      what: `required member ${JSON.stringify(qemuName(m.path))} deleted`,
      level: levelOf(m.path.slice(0, -1)),
      apply: (w) => deleteAt(clone(w), m.path),
      kinds: ['missing'],
      path: m.path,
      message: `Parameter '${qemuName(m.path)}' is missing`,
      lenientDrops: false,
      schemaCanTell: true,
    });
  }
  for (const v of sites.values) {
    for (const wrong of wrongValues(arbs, v.type)) {
      out.push({
        what: `${JSON.stringify(qemuName(v.path))} (${v.type}) set to ${wrong.what}`,
        level: levelOf(v.path.slice(0, -1)),
        apply: (w) => setAt(clone(w), v.path, wrong.value),
        kinds: wrong.kinds,
        path: v.path,
        message: wrong.message(v.path),
        lenientDrops: false,
        schemaCanTell: wrong.schemaCanTell ?? true,
      });
    }
  }
  return out;
}

/** A deterministic pseudo-random sequence (mulberry32) from a fast-check-chosen seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The mutations checked for one value: up to `shallow` at levels 0 and 1,
 * plus `deep` chosen at random among the deeper ones, all chosen by `seed`.
 */
export function sampleMutations(all: readonly Mutation[], seed: number, shallow: number, deep: number): Mutation[] {
  const r = rng(seed);
  const pick = (list: Mutation[], n: number) => {
    const copy = [...list];
    const out: Mutation[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]);
    return out;
  };
  return [...pick(all.filter((m) => m.level <= 1), shallow), ...pick(all.filter((m) => m.level > 1), deep)];
}

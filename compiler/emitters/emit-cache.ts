/**
 * Incremental emission, for `--watch`: a unit of output (one module's
 * TypeScript file, one documentation page, ...) is reused by the next build
 * when everything it read of the IR is unchanged.
 *
 * A unit is emitted from the IR itself, at full speed. When the process is
 * idle (`recordPending()`), it is emitted once more, from a recording view
 * of the same IR that notes what it reads; the two texts must agree, or the
 * unit is never reused. Until recorded, a unit is emitted afresh by every
 * build.
 *
 * The view's definitions and doc comments are proxies. A read of property
 * `p` of definition `D` records the dependency (D, p); values below it
 * (members, features, doc sections, ...) come back as proxies too, which add
 * the keys read at any depth to that dependency's key set. A dependency
 * holds when the old and the new value agree on those keys (arrays: on their
 * length and every element), so a unit that only looks up a type's members'
 * names and types is not re-emitted when a member's description or line
 * changes. Enumerating an object (`Object.keys`, spreads, `JSON.stringify`)
 * makes the whole value a dependency. `ir.docs` records the indices read
 * (and its length when that is read).
 *
 * What units learn outside the view (the list of definitions and modules,
 * names derived from them, emitter options, the documentation's site-wide
 * structure) is the key of their scope: the caller sets it each build
 * (`scope()`), and a changed key makes the scope's units emitted afresh.
 *
 * This is sound as long as units are functions of what they read: emitters
 * may share work between units only by value (a string key), never keyed by
 * an IR object. The tests compare incremental builds with fresh ones, byte
 * for byte.
 */
import type { IrDefinition, IrDoc, IrSchema } from '../ir/types.js';

type Keys = Set<string>;
/** In a key set: compare the whole value. */
const ALL = '*';

/** What one unit read of the IR. */
class Reads {
  /** Definition name -> property -> keys read below it (property `*`: the whole definition). */
  readonly defs = new Map<string, Map<string, Keys>>();
  /** Index into ir.docs -> keys read below it. */
  readonly docs = new Map<number, Keys>();
  docsLength = false;
  private readonly proxies = new Map<Keys, WeakMap<object, object>>();

  defKeys(name: string, prop: string): Keys {
    let props = this.defs.get(name);
    if (!props) this.defs.set(name, (props = new Map()));
    let keys = props.get(prop);
    if (!keys) props.set(prop, (keys = new Set()));
    return keys;
  }

  docKeys(index: number): Keys {
    let keys = this.docs.get(index);
    if (!keys) this.docs.set(index, (keys = new Set()));
    return keys;
  }

  /** `value` (below a dependency with key set `keys`) as a recording proxy; one per object and key set, so identity holds. */
  wrap(value: object, keys: Keys): object {
    let byTarget = this.proxies.get(keys);
    if (!byTarget) this.proxies.set(keys, (byTarget = new WeakMap()));
    let p = byTarget.get(value);
    if (!p) byTarget.set(value, (p = new Proxy(value, nestedHandler(this, keys))));
    return p;
  }
}

function nestedHandler(reads: Reads, keys: Keys): ProxyHandler<object> {
  return {
    get(t, p) {
      const v = (t as Record<string | symbol, unknown>)[p];
      if (typeof p !== 'string') return v;
      // Arrays are compared by length and every element; their keys are not recorded.
      if (!Array.isArray(t)) keys.add(p);
      if (v === null || typeof v !== 'object') return v;
      // A proxy may not stand in for a frozen object's property: compare everything instead.
      if (!Object.isExtensible(t)) {
        keys.add(ALL);
        return v;
      }
      return reads.wrap(v, keys);
    },
    has(t, p) {
      if (typeof p === 'string' && !Array.isArray(t)) keys.add(p);
      return Reflect.has(t, p);
    },
    ownKeys(t) {
      keys.add(ALL);
      return Reflect.ownKeys(t);
    },
    getOwnPropertyDescriptor(t, p) {
      keys.add(ALL);
      return Reflect.getOwnPropertyDescriptor(t, p);
    },
  };
}

/** A definition that is in one build and not the other. */
const GONE: ReadonlySet<string> = new Set([ALL]);

const CANONICAL_INDEX = /^(?:0|[1-9][0-9]*)$/;

/** Whether `a` and `b` (JSON-like data) are equal. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x: unknown = a[i];
      const y: unknown = b[i];
      if (x !== y && !deepEqual(x, y)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    n++;
    const x = ra[k];
    const y = rb[k];
    if (x !== y ? y === undefined || !deepEqual(x, y) : x === undefined && !(k in rb)) return false;
  }
  for (const k in rb) n--;
  return n === 0;
}

/** The top-level properties in which two definitions differ; null when they are equal. */
function differingProps(a: IrDefinition, b: IrDefinition): Set<string> | null {
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  let diff: Set<string> | null = null;
  for (const k in ra) {
    const x = ra[k];
    const y = rb[k];
    if (x !== y ? y === undefined || !deepEqual(x, y) : x === undefined && !(k in rb)) (diff ??= new Set()).add(k);
  }
  for (const k in rb) if (!(k in ra)) (diff ??= new Set()).add(k);
  return diff;
}

/** Whether `a` and `b` agree on the keys in `keys`, at any depth (arrays: length and every element). */
function equalOn(a: unknown, b: unknown, keys: Keys): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalOn(a[i], b[i], keys)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (keys.has(ALL)) return deepEqual(a, b);
  for (const k of keys) {
    const inA = k in a;
    if (inA !== k in b) return false;
    if (inA && !equalOn((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], keys)) return false;
  }
  return true;
}

/**
 * What a unit read, frozen once recorded: per definition, the properties
 * read and the keys read below each. Equal key sets and equal
 * per-definition lists are shared across units (fewer objects for the
 * garbage collector to trace in a long-running watch).
 */
type PropReads = readonly (readonly [prop: string, keys: Keys])[];

interface FrozenReads {
  readonly defNames: readonly string[];
  readonly defReads: readonly PropReads[];
  readonly docIndices: readonly number[];
  readonly docKeys: readonly Keys[];
  readonly docsLength: boolean;
}

/** Emits a unit's value from `ir`: the IR itself, or the recording view of it. */
export type UnitEmitter<T> = (ir: IrSchema) => T;

interface Unit {
  readonly scopeVersion: number;
  readonly value: unknown;
  /** Absent until recorded: then the unit is emitted afresh. */
  reads?: FrozenReads;
  /** Until recorded: how to emit it again, and docs it depends on as a whole. */
  pending?: { readonly emit: UnitEmitter<unknown>; readonly docs: readonly number[] };
  /** The build that last asked for it. */
  seen: number;
}

/** Counts of the last build (and the recordings since), for tests and timings. */
export interface EmitCacheStats {
  /** Units emitted afresh. */
  emitted: number;
  reused: number;
  recorded: number;
  /** Recordings whose text differed from the unit's: a unit that is not a function of what it reads (a bug). */
  mismatched: number;
}

interface Build {
  readonly ir: IrSchema;
  readonly byName: ReadonlyMap<string, IrDefinition>;
  view?: IrSchema;
}

/**
 * One cache per watched output, kept across builds. Per build: `begin(ir)`,
 * `scope()` for each scope's key, `unit()` for each unit (emitted or
 * reused), `end()`; then `recordPending()` while idle.
 */
export class EmitCache {
  private prev: Build | undefined;
  private next: Build | undefined;
  private readonly scopes = new Map<string, { key: string; version: number }>();
  private readonly units = new Map<string, Unit>();
  /** Keys of units emitted by the last build and not yet recorded. */
  private pending: string[] = [];
  /** Number of the current (or last) build. */
  private generation = 0;
  /** The unit being recorded. */
  private recording: Reads | undefined;
  /** Per definition: the properties that differ from the last build's (null: none), found once per build. */
  private defDiff = new Map<string, ReadonlySet<string> | null>();
  private docEqual = new Map<number, boolean>();
  private shape: string | undefined;
  /** Interned key sets and per-definition read lists, by their text. */
  private readonly interned = new Map<string, Keys>();
  private readonly internedProps = new Map<string, PropReads>();
  stats: EmitCacheStats = { emitted: 0, reused: 0, recorded: 0, mismatched: 0 };

  /** Starts a build of `ir`. Units of the last build not recorded by now are emitted afresh. */
  begin(ir: IrSchema): void {
    if (this.next) throw new Error('EmitCache: a build is under way');
    this.generation++;
    this.next = { ir, byName: new Map(ir.definitions.map((d) => [d.name, d])) };
    this.defDiff = new Map();
    this.docEqual = new Map();
    this.shape = undefined;
    this.pending = [];
    this.stats = { emitted: 0, reused: 0, recorded: 0, mismatched: 0 };
  }

  /** `begin(ir)`, `f()`, `end()`; forgets everything if `f` throws. */
  build<T>(ir: IrSchema, f: () => T): T {
    this.begin(ir);
    try {
      const result = f();
      this.end();
      return result;
    } catch (err) {
      this.reset();
      throw err;
    }
  }

  /** `irShapeKey()` of this build's IR. */
  shapeKey(): string {
    if (!this.next) throw new Error('EmitCache: no build under way');
    return (this.shape ??= irShapeKey(this.next.ir));
  }

  /** Forgets everything (after a build that failed half-way). */
  reset(): void {
    this.units.clear();
    this.scopes.clear();
    this.pending = [];
    this.prev = this.next = undefined;
    this.recording = undefined;
  }

  /** Sets the key of a scope for this build: everything its units depend on that the view does not show. */
  scope(name: string, key: string): void {
    const s = this.scopes.get(name);
    if (!s) this.scopes.set(name, { key, version: 0 });
    else if (s.key !== key) this.scopes.set(name, { key, version: s.version + 1 });
  }

  /**
   * The unit `id` of scope `scope`: reused when its scope's key and all it
   * read are unchanged since it was last emitted, else `emit(ir)`. `emit`
   * must read the IR only through its argument. `docs` are indices into
   * ir.docs the unit depends on without reading them there.
   */
  unit<T>(scope: string, id: string, emit: UnitEmitter<T>, docs: readonly number[] = []): T {
    const next = this.next;
    const s = this.scopes.get(scope);
    if (!next) throw new Error('EmitCache: no build under way');
    if (!s) throw new Error(`EmitCache: scope ${scope} has no key`);
    const key = `${scope}\0${id}`;
    const old = this.units.get(key);
    if (old?.reads && old.scopeVersion === s.version && this.holds(old.reads)) {
      old.seen = this.generation;
      this.stats.reused++;
      return old.value as T;
    }
    const value = emit(next.ir);
    this.units.set(key, { scopeVersion: s.version, value, pending: { emit, docs }, seen: this.generation });
    this.pending.push(key);
    this.stats.emitted++;
    return value;
  }

  /** Ends a build: its IR is what the next build compares with; units not asked for are dropped. */
  end(): void {
    for (const [k, u] of this.units) if (u.seen !== this.generation) this.units.delete(k);
    this.prev = this.next;
    this.next = undefined;
  }

  /**
   * Runs `f` without recording: for what units share, derived from the IR
   * as a whole (names, site structure), which their scope's key covers.
   */
  untracked<T>(f: () => T): T {
    const r = this.recording;
    this.recording = undefined;
    try {
      return f();
    } finally {
      this.recording = r;
    }
  }

  /**
   * Records units of the last build (until `deadline`, a `performance.now()`
   * time, if given; at least one): emits each again from the recording view
   * and keeps what it read. Returns whether some remain.
   */
  recordPending(deadline = Infinity): boolean {
    const built = this.prev;
    if (this.next || !built) return false;
    let first = true;
    while (this.pending.length && (first || performance.now() < deadline)) {
      first = false;
      const key = this.pending.shift()!;
      const u = this.units.get(key);
      if (!u?.pending) continue;
      const { emit, docs } = u.pending;
      u.pending = undefined;
      const reads = new Reads();
      for (const k of docs) reads.docKeys(k).add(ALL);
      this.recording = reads;
      let value: unknown;
      try {
        value = emit((built.view ??= this.view(built.ir)));
      } finally {
        this.recording = undefined;
      }
      if (value !== u.value) {
        // Not a function of the IR alone: never reuse it.
        this.stats.mismatched++;
        continue;
      }
      u.reads = this.freeze(reads);
      this.stats.recorded++;
    }
    return this.pending.length > 0;
  }

  /** The recording view of `ir`: its definitions and docs as proxies that note reads while a unit is recorded. */
  private view(ir: IrSchema): IrSchema {
    const self = this;
    const defHandler: ProxyHandler<IrDefinition> = {
      get(t, p) {
        const v = (t as unknown as Record<string | symbol, unknown>)[p];
        const r = self.recording;
        if (!r || typeof p !== 'string') return v;
        if (v === null || typeof v !== 'object') {
          r.defKeys(t.name, p);
          return v;
        }
        // A proxy may not stand in for a frozen object's property: the whole definition is read.
        if (!Object.isExtensible(t)) {
          r.defKeys(t.name, ALL);
          return v;
        }
        return r.wrap(v, r.defKeys(t.name, p));
      },
      has(t, p) {
        if (self.recording && typeof p === 'string') self.recording.defKeys(t.name, p);
        return Reflect.has(t, p);
      },
      ownKeys(t) {
        self.recording?.defKeys(t.name, ALL);
        return Reflect.ownKeys(t);
      },
      getOwnPropertyDescriptor(t, p) {
        self.recording?.defKeys(t.name, ALL);
        return Reflect.getOwnPropertyDescriptor(t, p);
      },
    };
    const docsHandler: ProxyHandler<IrDoc[]> = {
      get(t, p) {
        const v = (t as unknown as Record<string | symbol, unknown>)[p];
        const r = self.recording;
        if (!r || typeof p !== 'string') return v;
        if (p === 'length') r.docsLength = true;
        else if (CANONICAL_INDEX.test(p)) {
          if (v === undefined) r.docsLength = true;
          else if (!Object.isExtensible(t)) r.docKeys(Number(p)).add(ALL);
          else return r.wrap(v as object, r.docKeys(Number(p)));
        }
        return v;
      },
      has(t, p) {
        if (self.recording && typeof p === 'string' && CANONICAL_INDEX.test(p)) self.recording.docsLength = true;
        return Reflect.has(t, p);
      },
      ownKeys(t) {
        if (self.recording) self.recording.docsLength = true;
        return Reflect.ownKeys(t);
      },
    };
    return {
      ...ir,
      definitions: ir.definitions.map((d) => new Proxy(d, defHandler)),
      docs: new Proxy(ir.docs as IrDoc[], docsHandler),
    };
  }

  private internKeys(keys: Keys): Keys {
    // Bounded, for a watch that runs for days: units keep what they hold.
    if (this.interned.size > 50000) this.interned.clear();
    const text = [...keys].sort().join(',');
    let k = this.interned.get(text);
    if (!k) this.interned.set(text, (k = new Set(keys)));
    return k;
  }

  private freeze(reads: Reads): FrozenReads {
    const defNames: string[] = [];
    const defReads: PropReads[] = [];
    for (const [name, props] of reads.defs) {
      const list = [...props].map(([prop, keys]) => [prop, this.internKeys(keys)] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const text = list.map(([prop, keys]) => `${prop}:${[...keys].join(',')}`).join(';');
      if (this.internedProps.size > 50000) this.internedProps.clear();
      let shared = this.internedProps.get(text);
      if (!shared) this.internedProps.set(text, (shared = list));
      defNames.push(name);
      defReads.push(shared);
    }
    const docIndices = [...reads.docs.keys()];
    const docKeys = [...reads.docs.values()].map((k) => this.internKeys(k));
    return { defNames, defReads, docIndices, docKeys, docsLength: reads.docsLength };
  }

  /** Whether everything `u` read is the same in this build's IR as in the last one. */
  private holds(u: FrozenReads): boolean {
    const prev = this.prev;
    const next = this.next;
    if (!prev || !next) return false;
    if (u.docsLength && prev.ir.docs.length !== next.ir.docs.length) return false;
    for (let i = 0; i < u.docIndices.length; i++) {
      const k = u.docIndices[i];
      const a = prev.ir.docs[k];
      const b = next.ir.docs[k];
      if (a === undefined || b === undefined) {
        if (a !== b) return false;
        continue;
      }
      let same = this.docEqual.get(k);
      if (same === undefined) this.docEqual.set(k, (same = deepEqual(a, b)));
      if (!same && (u.docKeys[i].has(ALL) || !equalOn(a, b, u.docKeys[i]))) return false;
    }
    for (let i = 0; i < u.defNames.length; i++) {
      const name = u.defNames[i];
      let diff = this.defDiff.get(name);
      if (diff === undefined) {
        const a = prev.byName.get(name);
        const b = next.byName.get(name);
        diff = a && b ? differingProps(a, b) : a === b ? null : GONE;
        this.defDiff.set(name, diff);
      }
      if (diff === null) continue;
      if (diff === GONE) return false;
      const a = prev.byName.get(name) as unknown as Record<string, unknown>;
      const b = next.byName.get(name) as unknown as Record<string, unknown>;
      // A property that differs matters only where the unit read it.
      for (const [prop, keys] of u.defReads[i]) {
        if (prop === ALL) return false;
        if (!diff.has(prop)) continue;
        if (keys.has(ALL) || (prop in a) !== (prop in b) || !equalOn(a[prop], b[prop], keys)) return false;
      }
    }
    return true;
  }
}

/**
 * A key for what emitters learn from the IR outside the view: every field
 * but the definitions and docs, and each definition's name, kind, module
 * and implicitness (from which TypeScript names, files and pages follow).
 */
export function irShapeKey(ir: IrSchema): string {
  const { definitions, docs, ...rest } = ir;
  void docs;
  const defs: string[] = [];
  for (const d of definitions) defs.push(`${d.name} ${d.kind} ${d.module} ${d.implicit ? 1 : 0}`);
  return `${JSON.stringify(rest)}\n${defs.join('\n')}`;
}

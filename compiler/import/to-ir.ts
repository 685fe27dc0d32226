/**
 * A `query-qmp-schema` reply (checked SchemaInfo values) as IR, so that every
 * emitter runs on what a QEMU binary offers: one module (`qemu.json`) next to
 * `./builtin`, types named by type-names.ts, no docs, no locations.
 *
 * - object types without variants become structs; with `tag` and `variants`,
 *   unions whose members live in an implicit base `q_obj_UNION-base`;
 * - the empty object commands without arguments use is `q_empty`, and a
 *   command or event using it has no `argType` / `retType`, as in the schema;
 * - integers are all `int`: introspection collapses int8 ... uint64 and size
 *   into it, so decoders check the int64 range (a uint64 above 2^63-1 needs
 *   `lenient`);
 * - alternates' branches are named after their JSON kind (`str`, `object`, ...).
 *
 * Round trip. Emitting the IR's introspection must give the reply back,
 * order included. Commands and events keep their order; types are listed and
 * numbered by first use, which the emitter reproduces from the same uses...
 * except for uses QEMU made and then compiled out: a build drops entries and
 * members whose `if` is false after numbering, leaving gaps in the numbers and
 * types nothing listed refers to. The importer replays QEMU's walk, and where
 * the reply shows such an invisible use it adds one, under the condition
 * `QAPI_TS_NOT_IN_REPLY` (never defined): an event, a member, a variant or an
 * alternate branch at a place of the walk where the type can have entered
 * QEMU's queue (the reply fixes the queue order, not the user), and for each
 * gap an empty struct `q_absent_N`, numbered just before the next number. An empty
 * `features` list (every feature compiled out) becomes one such feature.
 * Emitters must therefore run with defines given as a set (IMPORT_DEFINES or
 * the user's -D names), which drops all of these; with `'all'` they would
 * show. The result is then checked by emitting it again.
 */
import type {
  IrAlternate, IrBranch, IrBuiltin, IrCommand, IrCondition, IrDefinition, IrEnum, IrEvent, IrFeature, IrMember,
  IrModuleItem, IrSchema, IrStruct, IrUnion,
} from '../ir/types.js';
import { IR_VERSION } from '../ir/types.js';
import { emitIntrospection, type SchemaInfo } from '../emitters/introspect.js';
import { elementOf, isMaskedName, synthesizeTypeNames } from './type-names.js';

/** The condition of everything the importer adds to reproduce compiled-out uses. Never define it. */
export const NOT_IN_REPLY = 'QAPI_TS_NOT_IN_REPLY';

/** Defines to emit an imported IR with: nothing defined, so NOT_IN_REPLY is false. */
export const IMPORT_DEFINES: ReadonlySet<string> = new Set();

/** The module every imported definition (but builtins) belongs to. */
export const IMPORT_MODULE = 'qemu.json';

export interface ImportOptions {
  /** What the reply came from (a file or binary path); becomes IrSchema.mainFile. */
  readonly source?: string;
  /** Module name of the imported definitions (default `qemu.json`, so files are `qemu.ts`). */
  readonly module?: string;
}

export interface ImportResult {
  readonly ir: IrSchema;
  /** Whether the reply's type names were masked ("0", "1", ...), as a QEMU binary's are. */
  readonly masked: boolean;
  /** IR name of each listed type (not builtins or arrays), by its name in the reply. */
  readonly typeNames: ReadonlyMap<string, string>;
  /** Whether emitting the IR's introspection gives the reply back exactly (checked). */
  readonly reproducible: boolean;
  readonly warnings: readonly string[];
}

type Site = string;
const topSite = (i: number): Site => `top:${i}`;
const memberSite = (type: string, j: number): Site => `member:${type}:${j}`;
const variantSite = (type: string, j: number): Site => `variant:${type}:${j}`;
const branchSite = (type: string, j: number): Site => `branch:${type}:${j}`;

export function schemaInfoToIr(entries: readonly SchemaInfo[], options: ImportOptions = {}): ImportResult {
  const module = options.module ?? IMPORT_MODULE;
  const warnings: string[] = [];
  const byName = new Map(entries.map((e) => [e.name, e]));
  const top = entries.filter((e) => e['meta-type'] === 'command' || e['meta-type'] === 'event');
  const typeEntries = entries.filter((e) => e['meta-type'] !== 'command' && e['meta-type'] !== 'event');
  const naming = synthesizeTypeNames(entries);
  const named = (e: SchemaInfo) => e['meta-type'] !== 'builtin' && e['meta-type'] !== 'array';
  const masked = typeEntries.some((e) => named(e) && isMaskedName(e.name));
  if (masked && typeEntries.some((e) => named(e) && !isMaskedName(e.name))) {
    warnings.push('the reply masks some type names but not others; it cannot be reproduced exactly');
  }

  const allNames = new Set<string>([...entries.map((e) => e.name), ...naming.names.values()]);
  const fresh = (base: string): string => {
    let n = base;
    for (let i = 2; allNames.has(n); i++) n = `${base}_${i}`;
    allNames.add(n);
    return n;
  };

  // Gaps in the numbering: types QEMU numbered, then dropped.
  const gapNames = new Map<string, string>();
  if (masked) {
    const numbers = new Set(typeEntries.filter((e) => named(e) && isMaskedName(e.name)).map((e) => Number(e.name)));
    const max = Math.max(-1, ...numbers);
    for (let n = 0; n < max; n++) if (!numbers.has(n)) gapNames.set(String(n), fresh(`q_absent_${n}`));
  }

  const irName = (ref: string): string => {
    const el = /^\[(.*)\]$/.exec(ref);
    if (el) return `${irName(el[1])}List`;
    const e = byName.get(ref);
    if (e?.['meta-type'] === 'builtin') return ref;
    return gapNames.get(ref) ?? naming.names.get(ref)!;
  };

  // Replay QEMU's walk over what the reply shows. The reply's type entries
  // are QEMU's queue (minus dropped types): where the walk would queue
  // something else first, QEMU had used what comes first invisibly, right
  // here, so a use is recorded at this place. A dropped type takes its
  // number just before the next number is taken (as late as possible: only
  // numbers order them, as they are invisible).
  const visible = typeEntries.map((e) => e.name);
  const phantoms = new Map<Site, string[]>();
  const queue: string[] = [];
  const queued = new Set<string>();
  let pos = 0;
  let nextNumber = 0;
  let consistent = true;
  const numberOf = (ref: string): number | undefined => (masked && isMaskedName(ref) ? Number(ref) : undefined);
  const addPhantom = (site: Site, ref: string) => {
    const list = phantoms.get(site);
    if (list) list.push(ref);
    else phantoms.set(site, [ref]);
  };
  const enqueue = (ref: string, site: Site) => {
    queue.push(ref);
    queued.add(ref);
    const n = numberOf(ref);
    if (n !== undefined) nextNumber = Math.max(nextNumber, n + 1);
    const el = /^\[(.*)\]$/.exec(ref);
    if (el) use(el[1], site);
  };
  /** Queues the reply's next type entry (dropped types numbered before it first); false when none is left. */
  const step = (site: Site, wanted?: string): boolean => {
    const next = visible[pos];
    if (next === undefined) return false;
    // The number it brings: its own, or for an array of a new element, the element's.
    const el = /^\[(.*)\]$/.exec(next)?.[1];
    const n = numberOf(el !== undefined && !queued.has(el) ? el : next);
    if (n !== undefined) {
      for (; nextNumber < n; nextNumber++) {
        const gap = String(nextNumber);
        if (!gapNames.has(gap) || queued.has(gap)) continue;
        addPhantom(site, gap);
        queue.push(gap);
        queued.add(gap);
      }
    }
    pos++;
    if (next !== wanted) addPhantom(site, next);
    enqueue(next, site);
    return true;
  };
  const use = (ref: string, site: Site) => {
    while (!queued.has(ref)) {
      if (!step(site, ref)) {
        consistent = false;
        return;
      }
    }
  };
  top.forEach((e, i) => {
    if (e['meta-type'] === 'command') {
      use(e['arg-type'], topSite(i));
      use(e['ret-type'], topSite(i));
    } else if (e['meta-type'] === 'event') {
      use(e['arg-type'], topSite(i));
    }
  });
  let lastSite = topSite(top.length);
  for (let i = 0; ; i++) {
    // Types nothing before reached: used invisibly at the walk's last place that can use types.
    while (i === queue.length && step(lastSite));
    if (i >= queue.length) break;
    const ref = queue[i];
    const e = byName.get(ref);
    if (!e) {
      lastSite = memberSite(ref, 0); // a dropped type: an empty struct
      continue;
    }
    if (e['meta-type'] === 'object') {
      e.members.forEach((m, j) => use(m.type, memberSite(ref, j)));
      e.variants?.forEach((v, j) => use(v.type, variantSite(ref, j)));
      lastSite = e.variants ? variantSite(ref, e.variants.length) : memberSite(ref, e.members.length);
    } else if (e['meta-type'] === 'alternate') {
      e.members.forEach((m, j) => use(m.type, branchSite(ref, j)));
      lastSite = branchSite(ref, e.members.length);
    }
  }
  // Dropped types after the last number taken cannot be seen; any left over
  // here (a reply QEMU could not send) still get their definition.
  const typeOrder = [...queue, ...visible.filter((v) => !queued.has(v)), ...[...gapNames.keys()].filter((g) => !queued.has(g))];

  // Definitions.
  let phantomCount = 0;
  const absent: IrCondition = NOT_IN_REPLY;
  const features = (list: readonly string[] | undefined): IrFeature[] => {
    if (list === undefined) return [];
    if (!list.length) return [{ name: 'q-absent', if: absent }];
    return list.map((name) => ({ name }));
  };
  const phantomMembers = (site: Site, owner: string, taken: Set<string>): IrMember[] =>
    (phantoms.get(site) ?? []).map((ref) => {
      let name = `q-absent-${phantomCount++}`;
      while (taken.has(name)) name = `q-absent-${phantomCount++}`;
      return { name, type: irName(ref), optional: true, if: absent, features: [], definedIn: owner };
    });
  const phantomBranches = (site: Site, taken: Set<string>): IrBranch[] =>
    (phantoms.get(site) ?? []).map((ref) => {
      let name = `q-absent-${phantomCount++}`;
      while (taken.has(name)) name = `q-absent-${phantomCount++}`;
      return { name, type: irName(ref), if: absent };
    });

  const builtinItems: IrDefinition[] = [];
  const mainItems: IrDefinition[] = [];
  const base = { features: [] as IrFeature[], implicit: false };

  const objectMembers = (e: Extract<SchemaInfo, { 'meta-type': 'object' }>, owner: string): IrMember[] => {
    const taken = new Set(e.members.map((m) => m.name));
    const out: IrMember[] = [];
    e.members.forEach((m, j) => {
      out.push(...phantomMembers(memberSite(e.name, j), owner, taken));
      out.push({
        name: m.name,
        type: irName(m.type),
        optional: 'default' in m,
        features: features(m.features),
        definedIn: owner,
      });
    });
    out.push(...phantomMembers(memberSite(e.name, e.members.length), owner, taken));
    return out;
  };

  top.forEach((e, i) => {
    for (const ref of phantoms.get(topSite(i)) ?? []) mainItems.push(phantomEvent(ref));
    if (e['meta-type'] === 'command') {
      const arg = byName.get(e['arg-type']);
      const cmd: IrCommand = {
        kind: 'command', name: e.name, module, ...base, features: features(e.features),
        ...(e['arg-type'] !== naming.emptyObject ? { argType: irName(e['arg-type']) } : {}),
        ...(e['ret-type'] !== naming.emptyObject ? { retType: irName(e['ret-type']) } : {}),
        gen: true,
        successResponse: true,
        boxed: arg?.['meta-type'] === 'object' && arg.variants !== undefined,
        allowOob: e['allow-oob'] === true,
        allowPreconfig: false,
        coroutine: false,
      };
      mainItems.push(cmd);
    } else if (e['meta-type'] === 'event') {
      const arg = byName.get(e['arg-type']);
      const ev: IrEvent = {
        kind: 'event', name: e.name, module, ...base, features: features(e.features),
        ...(e['arg-type'] !== naming.emptyObject ? { argType: irName(e['arg-type']) } : {}),
        boxed: arg?.['meta-type'] === 'object' && arg.variants !== undefined,
      };
      mainItems.push(ev);
    }
  });
  for (const ref of phantoms.get(topSite(top.length)) ?? []) mainItems.push(phantomEvent(ref));

  function phantomEvent(ref: string): IrEvent {
    return {
      kind: 'event', name: fresh(`Q_ABSENT_${phantomCount++}`), module, if: absent, features: [], implicit: true,
      argType: irName(ref), boxed: false,
    };
  }

  let emptyDefined = false;
  for (const ref of typeOrder) {
    const e = byName.get(ref);
    const name = irName(ref);
    if (!e) {
      const members = phantomMembers(memberSite(ref, 0), name, new Set());
      const gap: IrStruct = {
        kind: 'struct', name, module, if: absent, features: [], implicit: true, localMembers: members, members,
      };
      mainItems.push(gap);
      continue;
    }
    switch (e['meta-type']) {
      case 'builtin': {
        const b: IrBuiltin = { kind: 'builtin', name, module: './builtin', features: [], implicit: true, jsonType: e['json-type'] };
        builtinItems.push(b);
        break;
      }
      case 'array': {
        const element = elementOf(ref);
        const builtinElement = byName.get(element)?.['meta-type'] === 'builtin';
        const a: IrDefinition = {
          kind: 'array', name, module: builtinElement ? './builtin' : module, features: [], implicit: true,
          elementType: irName(element),
        };
        (builtinElement ? builtinItems : mainItems).push(a);
        break;
      }
      case 'enum': {
        const en: IrEnum = {
          kind: 'enum', name, module, ...base, features: features(e.features),
          values: e.members.map((m) => ({ name: m.name, features: features(m.features) })),
        };
        mainItems.push(en);
        break;
      }
      case 'object': {
        if (ref === naming.emptyObject) {
          const members = phantomMembers(memberSite(ref, 0), 'q_empty', new Set());
          const empty: IrStruct = {
            kind: 'struct', name: 'q_empty', module: './builtin', features: [], implicit: true, localMembers: members, members,
          };
          builtinItems.push(empty);
          emptyDefined = true;
          break;
        }
        if (!e.variants) {
          const members = objectMembers(e, name);
          const s: IrStruct = {
            kind: 'struct', name, module, features: features(e.features), implicit: naming.implicit.has(ref),
            localMembers: members, members,
          };
          mainItems.push(s);
          break;
        }
        const baseName = fresh(`q_obj_${name}-base`);
        const members = objectMembers(e, baseName);
        const baseStruct: IrStruct = {
          kind: 'struct', name: baseName, module, features: [], implicit: true, localMembers: members, members,
        };
        const cases = new Set(e.variants.map((v) => v.case));
        const branches: IrBranch[] = [];
        e.variants.forEach((v, j) => {
          branches.push(...phantomBranches(variantSite(ref, j), cases));
          branches.push({
            name: v.case,
            type: irName(v.type),
            ...(v.type === naming.emptyObject ? { implicit: true } : {}),
          });
        });
        branches.push(...phantomBranches(variantSite(ref, e.variants.length), cases));
        const u: IrUnion = {
          kind: 'union', name, module, ...base, features: features(e.features),
          base: baseName, members, tag: e.tag!, branches,
        };
        mainItems.push(baseStruct, u);
        break;
      }
      case 'alternate': {
        const used = new Set<string>();
        const branchName = (t: string): string => {
          const target = byName.get(elementOf(t));
          let n = t.startsWith('[') ? 'array'
            : target?.['meta-type'] === 'builtin' ? t
              : target?.['meta-type'] === 'enum' ? 'enum' : 'object';
          for (let i = 2; used.has(n); i++) n = `${n.replace(/\d+$/, '')}${i}`;
          used.add(n);
          return n;
        };
        const branches: IrBranch[] = [];
        e.members.forEach((m, j) => {
          branches.push(...phantomBranches(branchSite(ref, j), used));
          branches.push({ name: branchName(m.type), type: irName(m.type) });
        });
        branches.push(...phantomBranches(branchSite(ref, e.members.length), used));
        const alt: IrAlternate = { kind: 'alternate', name, module, ...base, features: features(e.features), branches };
        mainItems.push(alt);
        break;
      }
      default:
        break;
    }
  }
  if (!emptyDefined) {
    builtinItems.push({ kind: 'struct', name: 'q_empty', module: './builtin', features: [], implicit: true, localMembers: [], members: [] });
  }

  // Builtins first (in the reply's order), arrays of builtins, q_empty.
  const builtinOrder = (d: IrDefinition) => (d.kind === 'builtin' ? 0 : d.kind === 'array' ? 1 : 2);
  builtinItems.sort((a, b) => builtinOrder(a) - builtinOrder(b));

  const featureNames = ['deprecated', 'unstable'];
  const note = (fs: readonly IrFeature[]) => {
    for (const f of fs) if (f.if === undefined && !featureNames.includes(f.name)) featureNames.push(f.name);
  };
  for (const d of [...builtinItems, ...mainItems]) {
    note(d.features);
    if (d.kind === 'struct') for (const m of d.localMembers) note(m.features);
    if (d.kind === 'enum') for (const v of d.values) note(v.features);
  }

  const items = (defs: readonly IrDefinition[]): IrModuleItem[] => defs.map((d) => ({ kind: 'definition', name: d.name }));
  const ir: IrSchema = {
    version: IR_VERSION,
    mainFile: options.source ?? 'query-qmp-schema',
    modules: [{ name: './builtin', items: items(builtinItems) }, { name: module, items: items(mainItems) }],
    definitions: [...builtinItems, ...mainItems],
    docs: [],
    pragmas: {
      docRequired: false,
      commandNameExceptions: [],
      commandReturnsExceptions: [],
      documentationExceptions: [],
      memberNameExceptions: [],
    },
    featureNames,
  };

  // Check the round trip.
  let reproducible = consistent;
  const again = emitIntrospection(ir, { unmask: !masked, defines: IMPORT_DEFINES });
  const diff = firstDifference(again, entries);
  if (diff !== undefined) {
    reproducible = false;
    warnings.push(`emitting the imported schema does not reproduce the reply exactly (first difference at ${diff}); `
      + 'the reply is not one QEMU could have produced');
  }

  const typeNames = new Map([...naming.names].filter(([k]) => byName.has(k)));
  return { ir, masked, typeNames, reproducible, warnings };
}

/** The JSON path of the first place two values differ (object key order aside), or undefined. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (a === b) return undefined;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return path;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${path}[${i}]`;
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return path;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    if (!(k in ao) || !(k in bo)) return `${path}.${k}`;
    const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

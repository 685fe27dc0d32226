/**
 * `qapi-ts diff`: every change between two schemas, classified by QEMU's
 * compatibility rules (docs/devel/qapi-code-gen.rst, "Compatibility
 * considerations"), separately for what clients send (command arguments) and
 * what they receive (return values, event data).
 *
 * Both schemas are compared by wire structure, not by type names: the walk
 * starts at each command and event both have and pairs the types reached at
 * the same place, resolving them structurally (members flattened with bases,
 * union branches by tag value, alternates by the JSON type of their branches,
 * arrays by element, enums by value, builtins by JSON type family). A visited
 * set per direction stops recursion.
 *
 * Classes: `breaking` (a client that worked with OLD can fail with NEW),
 * `source` (same on the wire, but generated TypeScript names change),
 * `feature` (deprecated/unstable gained or lost), `compatible` (the rest).
 */
import type { Diagnostic, DiagnosticLocation, Severity } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/compile-error.js';
import { type MessageDef, Messages } from '../diagnostics/messages.js';
import type { IrCommand, IrEvent, IrFeature, IrLocation, IrMember, IrSchema } from '../ir/types.js';
import { type JsonFamily, WireSchema } from './wire-shape.js';

/** Ranges of QAPI's integer types (all travel as JSON integers). */
const INT_RANGES: Record<string, readonly [bigint, bigint]> = {
  int: [-(2n ** 63n), 2n ** 63n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n],
  int8: [-128n, 127n], int16: [-32768n, 32767n], int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint8: [0n, 255n], uint16: [0n, 65535n], uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n], size: [0n, 2n ** 64n - 1n],
};

export type ChangeClass = 'breaking' | 'source' | 'feature' | 'compatible';
export const CHANGE_CLASSES: readonly ChangeClass[] = ['breaking', 'source', 'feature', 'compatible'];
export type ChangeKind = 'command' | 'event' | 'member' | 'enum-value' | 'branch' | 'type' | 'feature';
export type ChangeAction = 'removed' | 'added' | 'made-required' | 'made-optional' | 'changed' | 'renamed' | 'gained' | 'lost';
/** What clients send (command arguments) or receive (return values, event data). */
export type Direction = 'send' | 'receive';

export interface Change {
  readonly class: ChangeClass;
  readonly kind: ChangeKind;
  readonly action: ChangeAction;
  readonly direction?: Direction;
  /** The command, event, member, value, branch, type or feature changed. */
  readonly name: string;
  /** Where it is, in words (`arguments of command 'x'`); absent for commands and events. */
  readonly where?: string;
  readonly diagnostic: Diagnostic;
}

export interface DiffSummary {
  readonly total: number;
  readonly classes: Record<ChangeClass, number>;
  /** Distinct removed/added commands, events, members and enum values. */
  readonly removed: { commands: number; events: number; members: number; enumValues: number };
  readonly added: { commands: number; events: number; members: number; enumValues: number };
}

export interface DiffResult {
  readonly changes: readonly Change[];
  readonly summary: DiffSummary;
}

const SEVERITY: Record<ChangeClass, Severity> = { breaking: 'error', source: 'warning', feature: 'warning', compatible: 'info' };
const DIR_TEXT: Record<Direction, string> = { send: 'sent by clients', receive: 'received by clients' };
const SPECIAL_FEATURES = new Set(['deprecated', 'unstable']);

function toLocation(loc: IrLocation | undefined): DiagnosticLocation | undefined {
  if (!loc) return undefined;
  return { file: loc.file, line: loc.line, ...(loc.column !== undefined ? { column: loc.column } : {}), includedFrom: [] };
}

/** Does a set of accepted JSON families accept `fam`? */
function accepts(set: ReadonlyMap<JsonFamily, string>, fam: JsonFamily): boolean {
  return set.has(fam) || set.has('value') || (fam === 'int' && set.has('number'));
}

export function diffSchemas(oldIr: IrSchema, newIr: IrSchema): DiffResult {
  const O = new WireSchema(oldIr);
  const N = new WireSchema(newIr);
  const changes: Change[] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();

  const add = <A extends unknown[]>(
    cls: ChangeClass, kind: ChangeKind, action: ChangeAction, name: string, where: string | undefined,
    direction: Direction | undefined, loc: IrLocation | undefined, def: MessageDef<A>, ...args: A
  ) => {
    const diagnostic = { ...makeDiagnostic(def, toLocation(loc), args), severity: SEVERITY[cls] };
    const key = `${diagnostic.code}|${diagnostic.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    changes.push({
      class: cls, kind, action, name, ...(where !== undefined ? { where } : {}),
      ...(direction ? { direction } : {}), diagnostic,
    });
  };

  /** Location of a type's definition, falling back to its owner's (implicit `q_obj_X-arg` types). */
  const typeLoc = (w: WireSchema, name: string): IrLocation | undefined => {
    const d = w.defs.get(name);
    if (d?.location) return d.location;
    const m = /^q_obj_(.*)-(arg|base|wrapper)$/.exec(name);
    return m ? w.defs.get(m[1])?.location : undefined;
  };

  const compareFeatures = (
    where: string, oldF: readonly IrFeature[], newF: readonly IrFeature[],
    oldLoc: IrLocation | undefined, newLoc: IrLocation | undefined,
  ) => {
    const o = new Set(oldF.map((f) => f.name));
    const n = new Set(newF.map((f) => f.name));
    for (const f of n) {
      if (!o.has(f)) add(SPECIAL_FEATURES.has(f) ? 'feature' : 'compatible', 'feature', 'gained', f, where, undefined, newLoc, Messages.diffFeatureGained, where, f);
    }
    for (const f of o) {
      if (!n.has(f)) add(SPECIAL_FEATURES.has(f) ? 'feature' : 'compatible', 'feature', 'lost', f, where, undefined, newLoc ?? oldLoc, Messages.diffFeatureLost, where, f);
    }
  };

  const checkRename = (oldRef: string, newRef: string) => {
    if (oldRef === newRef || O.anonymous(oldRef) || N.anonymous(newRef)) return;
    const oldT = O.type(oldRef);
    const newT = N.type(newRef);
    if (!oldT || !newT || oldT.kind !== newT.kind) return;
    if (N.defs.has(oldRef)) return; // the old type still exists: a different type, not a rename
    if (!similar(shapeNames(O, oldRef), shapeNames(N, newRef))) return; // replaced, not renamed
    add('source', 'type', 'renamed', oldRef, undefined, undefined, newT.location, Messages.diffTypeRenamed, oldRef, newRef);
  };

  /** Compares the types at one place of the wire. */
  const compareRef = (oldRef: string, newRef: string, dir: Direction, where: string, loc: IrLocation | undefined) => {
    checkRename(oldRef, newRef);
    const key = `${dir}|${oldRef}|${newRef}`;
    if (visited.has(key)) return;
    visited.add(key);
    const oldAlts = O.alternatives(oldRef);
    const newAlts = N.alternatives(newRef);
    // Sending: NEW must accept all OLD accepted. Receiving: OLD's clients must understand all NEW sends.
    const [from, to] = dir === 'send' ? [oldAlts, newAlts] : [newAlts, oldAlts];
    const broken = [...from.keys()].some((fam) => !accepts(to, fam));
    const same = oldAlts.size === newAlts.size && [...oldAlts.keys()].every((f) => newAlts.has(f));
    if (broken) {
      add('breaking', 'type', 'changed', where, where, dir, loc, Messages.diffTypeChanged, where, O.describe(oldRef), N.describe(newRef), DIR_TEXT[dir]);
      return;
    }
    if (!same) {
      add('compatible', 'type', 'changed', where, where, dir, loc, Messages.diffTypeWidened, where, O.describe(oldRef), N.describe(newRef), DIR_TEXT[dir]);
    }
    for (const [fam, oldT] of oldAlts) {
      const newT = newAlts.get(fam);
      if (newT === undefined) continue;
      if (oldAlts.size > 1 || newAlts.size > 1) checkRename(oldT, newT);
      compareSame(fam, oldT, newT, dir, where, loc);
    }
  };

  const compareSame = (fam: JsonFamily, oldT: string, newT: string, dir: Direction, where: string, loc: IrLocation | undefined) => {
    if (fam === 'array') {
      const o = O.type(oldT);
      const n = N.type(newT);
      if (o?.kind === 'array' && n?.kind === 'array') compareRef(o.elementType, n.elementType, dir, `${where} (elements)`, loc);
      return;
    }
    if (fam === 'object') {
      compareObject(oldT, newT, dir);
      return;
    }
    if (fam === 'int' && oldT !== newT) {
      // Integer widths: what a sender may send must still fit; what a receiver
      // gets must still fit what it knew.
      const o = INT_RANGES[oldT];
      const n = INT_RANGES[newT];
      if (o && n) {
        const [inner, outer] = dir === 'send' ? [o, n] : [n, o];
        const fits = outer[0] <= inner[0] && inner[1] <= outer[1];
        const def = fits ? Messages.diffTypeWidened : Messages.diffTypeChanged;
        add(fits ? 'compatible' : 'breaking', 'type', 'changed', where, where, dir, loc, def, where, O.describe(oldT), N.describe(newT), DIR_TEXT[dir]);
      }
      return;
    }
    if (fam === 'string') {
      const o = O.type(oldT);
      const n = N.type(newT);
      if (o?.kind === 'enum' && n?.kind === 'enum') {
        compareEnum(oldT, newT, dir);
      } else if (o?.kind === 'enum' || n?.kind === 'enum') {
        // enum -> str widens what is accepted; str -> enum narrows it.
        const widened = (o?.kind === 'enum') === (dir === 'send');
        const def = widened ? Messages.diffTypeWidened : Messages.diffTypeChanged;
        add(widened ? 'compatible' : 'breaking', 'type', 'changed', where, where, dir, loc, def, where, O.describe(oldT), N.describe(newT), DIR_TEXT[dir]);
      }
    }
  };

  const compareEnum = (oldT: string, newT: string, dir: Direction) => {
    const key = `enum|${dir}|${oldT}|${newT}`;
    if (visited.has(key)) return;
    visited.add(key);
    const o = O.type(oldT);
    const n = N.type(newT);
    if (o?.kind !== 'enum' || n?.kind !== 'enum') return;
    const where = N.where(newT);
    const oldVals = new Map(o.values.map((v) => [v.name, v]));
    const newVals = new Map(n.values.map((v) => [v.name, v]));
    compareFeatures(where, o.features, n.features, o.location, n.location);
    for (const [name, v] of oldVals) {
      const nv = newVals.get(name);
      if (!nv) {
        add(dir === 'send' ? 'breaking' : 'compatible', 'enum-value', 'removed', name, O.where(oldT), dir, o.location,
          Messages.diffEnumValueRemoved, O.where(oldT), name, DIR_TEXT[dir]);
      } else {
        compareFeatures(`${where}, value '${name}'`, v.features, nv.features, o.location, n.location);
      }
    }
    for (const name of newVals.keys()) {
      if (oldVals.has(name)) continue;
      const note = dir === 'receive' ? '; clients must tolerate values they do not know' : '';
      add('compatible', 'enum-value', 'added', name, where, dir, n.location, Messages.diffEnumValueAdded, where, name, DIR_TEXT[dir], note);
    }
  };

  const compareMembers = (
    oldMembers: readonly IrMember[], newMembers: readonly IrMember[], dir: Direction,
    oldLoc: IrLocation | undefined, newLoc: IrLocation | undefined, via = '',
  ) => {
    const oldBy = new Map(oldMembers.map((m) => [m.name, m]));
    const newBy = new Map(newMembers.map((m) => [m.name, m]));
    const text = DIR_TEXT[dir];
    for (const [name, om] of oldBy) {
      const nm = newBy.get(name);
      const ow = O.where(om.definedIn) + via;
      if (!nm) {
        add('breaking', 'member', 'removed', name, ow, dir, om.location ?? oldLoc, Messages.diffMemberRemoved, ow, name, text);
        continue;
      }
      const nw = N.where(nm.definedIn) + via;
      const at = nm.location ?? newLoc;
      if (om.optional && !nm.optional) {
        add(dir === 'send' ? 'breaking' : 'compatible', 'member', 'made-required', name, nw, dir, at, Messages.diffMemberMadeRequired, nw, name, text);
      } else if (!om.optional && nm.optional) {
        add(dir === 'receive' ? 'breaking' : 'compatible', 'member', 'made-optional', name, nw, dir, at, Messages.diffMemberMadeOptional, nw, name, text);
      }
      compareFeatures(`${nw}, member '${name}'`, om.features, nm.features, om.location, at);
      compareRef(om.type, nm.type, dir, `${nw}, member '${name}'`, at);
    }
    for (const [name, nm] of newBy) {
      if (oldBy.has(name)) continue;
      const nw = N.where(nm.definedIn) + via;
      const at = nm.location ?? newLoc;
      if (dir === 'send' && !nm.optional) {
        add('breaking', 'member', 'added', name, nw, dir, at, Messages.diffRequiredMemberAdded, nw, name, text);
      } else {
        add('compatible', 'member', 'added', name, nw, dir, at, Messages.diffMemberAdded, nw, name, nm.optional, text);
      }
    }
  };

  /** Compares two object types (either may be absent: no arguments, no data). */
  const compareObject = (oldT: string | undefined, newT: string | undefined, dir: Direction) => {
    const key = `obj|${dir}|${oldT}|${newT}`;
    if (visited.has(key)) return;
    visited.add(key);
    const oldLoc = oldT ? typeLoc(O, oldT) : undefined;
    const newLoc = newT ? typeLoc(N, newT) : undefined;
    const o = oldT ? O.type(oldT) : undefined;
    const n = newT ? N.type(newT) : undefined;
    if (o && n && !o.implicit && !n.implicit) compareFeatures(N.where(n.name), o.features, n.features, o.location, n.location);
    // The same place holds differently named types (not a rename): say which.
    const via = o && n && !o.implicit && !n.implicit && oldT !== newT && !(N.type(oldT!) === undefined
      && similar(shapeNames(O, oldT!), shapeNames(N, newT!))) ? ` (at its place in NEW: ${N.describe(newT!)})` : '';
    const oldBranches = oldT ? O.branches(oldT) : new Map();
    const newBranches = newT ? N.branches(newT) : new Map();
    const bothUnions = o?.kind === 'union' && n?.kind === 'union';
    if (!bothUnions && (oldBranches.size || newBranches.size)) {
      // A struct became a union (or back): members may have moved into branches;
      // compare the flat side with each branch's full member list.
      const oldSide = (tag: string) => [...O.members(oldT), ...(oldBranches.get(tag) ? O.members(oldBranches.get(tag).type) : [])];
      const newSide = (tag: string) => [...N.members(newT), ...(newBranches.get(tag) ? N.members(newBranches.get(tag).type) : [])];
      for (const tag of new Set([...oldBranches.keys(), ...newBranches.keys()])) {
        compareMembers(oldSide(tag), newSide(tag), dir, oldLoc, newLoc, via);
      }
    } else {
      compareMembers(O.members(oldT), N.members(newT), dir, oldLoc, newLoc, via);
    }
    for (const [tag, ob] of oldBranches) {
      const nb = newBranches.get(tag);
      if (nb) {
        checkRename(ob.type, nb.type);
        compareObject(ob.type, nb.type, dir);
      } else if (!bothUnions) {
        // (between two unions, the tag's enum reports the value removed)
        const w = O.where(oldT!);
        add('breaking', 'branch', 'removed', tag, w, dir, oldLoc, Messages.diffBranchRemoved, w, tag, DIR_TEXT[dir]);
      }
    }
    if (!bothUnions) {
      for (const tag of newBranches.keys()) {
        if (oldBranches.has(tag)) continue;
        const w = N.where(newT!);
        add('compatible', 'branch', 'added', tag, w, dir, newLoc, Messages.diffBranchAdded, w, tag, DIR_TEXT[dir]);
      }
    }
  };

  const commands = (w: WireSchema) => new Map(w.ir.definitions.filter((d): d is IrCommand => d.kind === 'command').map((d) => [d.name, d]));
  const events = (w: WireSchema) => new Map(w.ir.definitions.filter((d): d is IrEvent => d.kind === 'event').map((d) => [d.name, d]));

  const oldCommands = commands(O);
  const newCommands = commands(N);
  for (const [name, oc] of oldCommands) {
    const nc = newCommands.get(name);
    if (!nc) {
      add('breaking', 'command', 'removed', name, undefined, undefined, oc.location, Messages.diffCommandRemoved, name);
      continue;
    }
    compareFeatures(`command '${name}'`, oc.features, nc.features, oc.location, nc.location);
    if (oc.argType && nc.argType) checkRename(oc.argType, nc.argType);
    compareObject(oc.argType, nc.argType, 'send');
    const where = `return value of command '${name}'`;
    if (oc.retType && nc.retType) {
      compareRef(oc.retType, nc.retType, 'receive', where, nc.location);
    } else if (oc.retType || nc.retType) {
      // A missing 'returns' means an empty object.
      const oldObj = oc.retType === undefined || O.family(oc.retType) === 'object';
      const newObj = nc.retType === undefined || N.family(nc.retType) === 'object';
      if (oldObj && newObj) compareObject(oc.retType, nc.retType, 'receive');
      else add('breaking', 'type', 'changed', where, where, 'receive', nc.location, Messages.diffTypeChanged, where,
        oc.retType ? O.describe(oc.retType) : 'an empty object', nc.retType ? N.describe(nc.retType) : 'an empty object', DIR_TEXT.receive);
    }
  }
  for (const [name, nc] of newCommands) {
    if (!oldCommands.has(name)) add('compatible', 'command', 'added', name, undefined, undefined, nc.location, Messages.diffCommandAdded, name);
  }

  const oldEvents = events(O);
  const newEvents = events(N);
  for (const [name, oe] of oldEvents) {
    const ne = newEvents.get(name);
    if (!ne) {
      add('breaking', 'event', 'removed', name, undefined, undefined, oe.location, Messages.diffEventRemoved, name);
      continue;
    }
    compareFeatures(`event '${name}'`, oe.features, ne.features, oe.location, ne.location);
    if (oe.argType && ne.argType) checkRename(oe.argType, ne.argType);
    compareObject(oe.argType, ne.argType, 'receive');
  }
  for (const [name, ne] of newEvents) {
    if (!oldEvents.has(name)) add('compatible', 'event', 'added', name, undefined, undefined, ne.location, Messages.diffEventAdded, name);
  }

  return { changes, summary: summarize(changes) };
}

/** The member names of a struct or union, or the values of an enum. */
function shapeNames(w: WireSchema, name: string): Set<string> {
  const t = w.type(name);
  if (t?.kind === 'enum') return new Set(t.values.map((v) => v.name));
  if (t?.kind === 'alternate') return new Set(t.branches.map((b) => w.family(b.type)));
  return new Set(w.members(name).map((m) => m.name));
}

/** At least half the names in common (both empty counts as similar). */
function similar(a: Set<string>, b: Set<string>): boolean {
  const union = new Set([...a, ...b]);
  if (!union.size) return true;
  return [...a].filter((x) => b.has(x)).length * 2 >= union.size;
}

export function summarize(changes: readonly Change[]): DiffSummary {
  const classes = { breaking: 0, source: 0, feature: 0, compatible: 0 };
  for (const c of changes) classes[c.class]++;
  const count = (action: ChangeAction, kind: ChangeKind) =>
    new Set(changes.filter((c) => c.action === action && c.kind === kind).map((c) => `${c.where ?? ''}|${c.name}`)).size;
  const tally = (action: ChangeAction) => ({
    commands: count(action, 'command'),
    events: count(action, 'event'),
    members: count(action, 'member'),
    enumValues: count(action, 'enum-value'),
  });
  return { total: changes.length, classes, removed: tally('removed'), added: tally('added') };
}

/** Is a change at or above the `--fail-on` level? */
export function failsAt(change: Change, level: 'breaking' | 'source' | 'never'): boolean {
  if (level === 'never') return false;
  if (level === 'breaking') return change.class === 'breaking';
  return change.class === 'breaking' || change.class === 'source';
}

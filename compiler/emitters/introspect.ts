/**
 * Introspection: the SchemaInfo list QMP's `query-qmp-schema` returns, as
 * QEMU 10.2's scripts/qapi/introspect.py builds it (facts from that file and
 * from qapi/introspect.json; the code is our own).
 *
 * What QEMU does, and so what this does:
 * - Commands and events come first, in module order and within a module in
 *   definition order (QEMU visits module by module, which differs from the
 *   global definition order when a file defines things after an include).
 * - Types are not visited directly. Every type a command, event or already
 *   listed type refers to joins a work queue on first use; the queue is then
 *   emitted in order, growing as it goes. Unreachable types never appear.
 * - Integer builtins all stand for `int`, integer arrays for `intList`.
 * - Type names other than builtins are masked as "0", "1", ... in the order
 *   they are first used; arrays are named `[ELEMENT]` with the element name
 *   masked.
 * - QEMU generates one C literal for every configuration and wraps entries
 *   and list items in `#if`. So masking and the work queue never depend on
 *   the configuration; a build only drops the entries and list items whose
 *   condition is false. We do exactly that: walk everything, then drop.
 *   (Consequently a type only a compiled-out command uses is still listed,
 *   as in QEMU, and a `features` list whose every feature is compiled out
 *   stays as `[]`, since QEMU decides to emit the key before `#if`s apply.)
 * - Keys appear in the order introspect.py inserts them into each dict, as
 *   the reference files have them (the generated C literal lists them
 *   sorted, and a QDict has no order of its own, so this is the one order
 *   worth reproducing).
 */
import { type ConditionDefines, evaluateCondition } from '../ir/evaluate-condition.js';
import type {
  IrBuiltin, IrCondition, IrDefinition, IrFeature, IrMember, IrSchema, IrType,
} from '../ir/types.js';

/** `features` is present iff the definition (or member) has any features. */
interface WithFeatures {
  readonly features?: readonly string[];
}

export interface SchemaInfoBuiltin {
  readonly 'json-type': string;
  readonly name: string;
  readonly 'meta-type': 'builtin';
}

export interface SchemaInfoEnumMember extends WithFeatures {
  readonly name: string;
}

export interface SchemaInfoEnum extends WithFeatures {
  readonly members: readonly SchemaInfoEnumMember[];
  /** Deprecated in QEMU in favour of `members`, still emitted. */
  readonly values: readonly string[];
  readonly name: string;
  readonly 'meta-type': 'enum';
}

export interface SchemaInfoArray {
  readonly 'element-type': string;
  readonly name: string;
  readonly 'meta-type': 'array';
}

export interface SchemaInfoObjectMember extends WithFeatures {
  readonly name: string;
  readonly type: string;
  /** Present (always null) iff the member is optional. */
  readonly default?: null;
}

export interface SchemaInfoObjectVariant {
  readonly case: string;
  readonly type: string;
}

export interface SchemaInfoObject extends WithFeatures {
  readonly members: readonly SchemaInfoObjectMember[];
  /** Unions only, with `variants`. */
  readonly tag?: string;
  readonly variants?: readonly SchemaInfoObjectVariant[];
  readonly name: string;
  readonly 'meta-type': 'object';
}

export interface SchemaInfoAlternateMember {
  readonly type: string;
}

export interface SchemaInfoAlternate extends WithFeatures {
  readonly members: readonly SchemaInfoAlternateMember[];
  readonly name: string;
  readonly 'meta-type': 'alternate';
}

export interface SchemaInfoCommand extends WithFeatures {
  readonly 'arg-type': string;
  readonly 'ret-type': string;
  /** Present (always true) iff the command allows out-of-band execution. */
  readonly 'allow-oob'?: true;
  readonly name: string;
  readonly 'meta-type': 'command';
}

export interface SchemaInfoEvent extends WithFeatures {
  readonly 'arg-type': string;
  readonly name: string;
  readonly 'meta-type': 'event';
}

export type SchemaInfo =
  | SchemaInfoBuiltin | SchemaInfoEnum | SchemaInfoArray | SchemaInfoObject
  | SchemaInfoAlternate | SchemaInfoCommand | SchemaInfoEvent;

export interface IntrospectionOptions {
  /** Keep real type names instead of "0", "1", ... (QEMU's `-u`). */
  readonly unmask?: boolean;
  /** Defined condition macros; `'all'` (the default) keeps everything. */
  readonly defines?: ConditionDefines;
}

/** QEMU's command/event default when there are no arguments or no return value. */
const EMPTY_OBJECT = 'q_empty';

export function emitIntrospection(ir: IrSchema, options: IntrospectionOptions = {}): SchemaInfo[] {
  const defined = options.defines ?? 'all';
  const unmask = options.unmask ?? false;
  const keep = (cond: IrCondition | undefined) => evaluateCondition(cond, defined);

  const defs = new Map<string, IrDefinition>();
  for (const d of ir.definitions) defs.set(d.name, d);
  const lookup = (name: string): IrDefinition => {
    const d = defs.get(name);
    if (d === undefined) throw new Error(`introspection: IR refers to undefined type '${name}'`);
    return d;
  };
  const isIntBuiltin = (d: IrDefinition): d is IrBuiltin => d.kind === 'builtin' && d.jsonType === 'int';

  const masked = new Map<string, string>();
  const mask = (name: string): string => {
    if (unmask) return name;
    let m = masked.get(name);
    if (m === undefined) {
      m = String(masked.size);
      masked.set(name, m);
    }
    return m;
  };

  // The work queue; `queued` makes the membership test O(1).
  const queue: IrType[] = [];
  const queued = new Set<string>();

  /** Records a use of type `name` (queueing it if new) and returns how to refer to it. */
  const useType = (name: string): string => {
    let t = lookup(name);
    if (isIntBuiltin(t)) t = lookup('int');
    else if (t.kind === 'array' && isIntBuiltin(lookup(t.elementType))) t = lookup('intList');
    if (t.kind === 'command' || t.kind === 'event') {
      throw new Error(`introspection: IR uses ${t.kind} '${t.name}' as a type`);
    }
    if (!queued.has(t.name)) {
      queued.add(t.name);
      queue.push(t);
    }
    if (t.kind === 'builtin') return t.name;
    // The array is queued before its element, as in QEMU: this decides both
    // the queue order and the masking order.
    if (t.kind === 'array') return `[${useType(t.elementType)}]`;
    return mask(t.name);
  };

  // Conditional feature names are dropped, but an all-dropped list stays (see top).
  const features = (list: readonly IrFeature[]): WithFeatures =>
    list.length ? { features: list.filter((f) => keep(f.if)).map((f) => f.name) } : {};

  const member = (m: IrMember): SchemaInfoObjectMember => ({
    name: m.name,
    type: useType(m.type),
    ...(m.optional ? { default: null } : {}),
    ...features(m.features),
  });

  const out: SchemaInfo[] = [];
  // Everything is built first, so every type use counts, then kept or dropped.
  const emit = (info: SchemaInfo, cond: IrCondition | undefined) => {
    if (keep(cond)) out.push(info);
  };

  for (const mod of ir.modules) {
    for (const item of mod.items) {
      if (item.kind !== 'definition') continue;
      const d = lookup(item.name);
      if (d.kind === 'command') {
        const info: SchemaInfoCommand = {
          'arg-type': useType(d.argType ?? EMPTY_OBJECT),
          'ret-type': useType(d.retType ?? EMPTY_OBJECT),
          ...(d.allowOob ? { 'allow-oob': true } as const : {}),
          name: d.name,
          'meta-type': 'command',
          ...features(d.features),
        };
        emit(info, d.if);
      } else if (d.kind === 'event') {
        const info: SchemaInfoEvent = {
          'arg-type': useType(d.argType ?? EMPTY_OBJECT),
          name: d.name,
          'meta-type': 'event',
          ...features(d.features),
        };
        emit(info, d.if);
      }
    }
  }

  // The queue grows while we walk it.
  for (let i = 0; i < queue.length; i++) {
    const t = queue[i];
    switch (t.kind) {
      case 'builtin':
        emit({ 'json-type': t.jsonType, name: t.name, 'meta-type': 'builtin' }, undefined);
        break;
      case 'enum': {
        const values = t.values.filter((v) => keep(v.if));
        emit({
          members: values.map((v) => ({ name: v.name, ...features(v.features) })),
          values: values.map((v) => v.name),
          name: mask(t.name),
          'meta-type': 'enum',
          ...features(t.features),
        }, t.if);
        break;
      }
      case 'array': {
        const element = useType(t.elementType);
        emit({ 'element-type': element, name: `[${element}]`, 'meta-type': 'array' }, t.if);
        break;
      }
      case 'struct':
      case 'union': {
        // Members' types are used even when the member is dropped.
        const members = t.members.map((m) => [member(m), m.if] as const);
        const variants = t.kind === 'union'
          ? t.branches.map((b) => [{ case: b.name, type: useType(b.type) }, b.if] as const)
          : undefined;
        emit({
          members: members.filter(([, c]) => keep(c)).map(([m]) => m),
          ...(t.kind === 'union' ? { tag: t.tag } : {}),
          ...(variants ? { variants: variants.filter(([, c]) => keep(c)).map(([v]) => v) } : {}),
          name: mask(t.name),
          'meta-type': 'object',
          ...features(t.features),
        }, t.if);
        break;
      }
      case 'alternate': {
        const members = t.branches.map((b) => [{ type: useType(b.type) }, b.if] as const);
        emit({
          members: members.filter(([, c]) => keep(c)).map(([m]) => m),
          name: mask(t.name),
          'meta-type': 'alternate',
          ...features(t.features),
        }, t.if);
        break;
      }
    }
  }
  return out;
}

/**
 * The list as JSON text, formatted as Python's `json.dumps(value, indent=1)`
 * plus a newline (the reference files' format): one-space indentation,
 * non-ASCII characters escaped as lowercase `\uXXXX`.
 */
export function introspectionJson(list: readonly SchemaInfo[]): string {
  // JSON.stringify's layout at indent 1 is Python's; only ensure_ascii
  // differs. Characters outside printable ASCII can only occur inside strings
  // here (the layout itself uses just spaces and newlines, and JSON.stringify
  // already escapes control characters), so a global replace is safe.
  const text = JSON.stringify(list, null, 1).replace(
    /[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${text}\n`;
}

/**
 * Readable names for the types of a `query-qmp-schema` reply. QEMU masks
 * every type name except builtins as "0", "1", ... (arrays as `[ELEMENT]`);
 * the importer names each masked type after where it is first used, walking
 * the reply in QEMU's own order (commands and events, then types in the
 * order listed):
 *
 * | first use                                   | name                                |
 * |---------------------------------------------|-------------------------------------|
 * | arguments of command `x` (its only use)     | `q_obj_x-arg` (implicit, as QEMU's) |
 * | data of event `X` (its only use)            | `q_obj_X-arg` (implicit)            |
 * | arguments of `x` / data of `X`, shared      | `XArguments` / `XData`              |
 * | return of `query-foo-bar`                   | `FooBarInfo` (a list: `FooBarInfo` of the singular) |
 * | return of another command `x`               | `XResult` (a list: `XResultItem`)   |
 * | member `foo` of type `T`                    | `TFoo` (a list: `T` + singular `Foo`) |
 * | variant `foo` of union `U`                  | `UFoo`                              |
 * | branch of alternate `A`                     | `AObject`, `AEnum`, `AItem` (list)  |
 * | nothing listed uses it                      | `UnreferencedN`                     |
 * | the empty object commands without arguments use | `q_empty`                      |
 *
 * `T` is the owner's readable name (for implicit argument types, the
 * command's or event's name in PascalCase, so `SHUTDOWN`'s `reason` is
 * `ShutdownReason`). Names never end in `List` (arrays are `ElementList`) and
 * never collide with each other, with commands, events or builtins, or with
 * the TypeScript names of the implicit types: a taken name gets `2`, `3`, ...
 * Unmasked names (a reply from `qapi-ts introspect --unmask`) are kept.
 */
import type { SchemaInfo } from '../emitters/introspect.js';
import { pascalCase } from '../emitters/ts-names.js';

export interface TypeNaming {
  /** IR name of every listed type that is neither builtin nor array, by its name in the reply. */
  readonly names: ReadonlyMap<string, string>;
  /** Reply names that became QEMU-style implicit types (`q_obj_NAME-arg`). */
  readonly implicit: ReadonlySet<string>;
  /** The reply's name of the empty object type (`q_empty`), if it has one. */
  readonly emptyObject?: string;
}

/** Whether a reply type name is masked ("0", "1", ...). */
export function isMaskedName(name: string): boolean {
  return /^\d+$/.test(name);
}

/** `[X]` -> `X`; other names unchanged. */
export function elementOf(ref: string): string {
  const m = /^\[(.*)\]$/.exec(ref);
  return m ? m[1] : ref;
}

type Use =
  | { readonly kind: 'command-arg'; readonly owner: string }
  | { readonly kind: 'event-arg'; readonly owner: string }
  | { readonly kind: 'command-ret'; readonly owner: string }
  | { readonly kind: 'member'; readonly owner: string; readonly member: string }
  | { readonly kind: 'variant'; readonly owner: string; readonly member: string }
  | { readonly kind: 'branch'; readonly owner: string; readonly meta: string };

/** English singular of a schema word list's last word, as far as QEMU's names need it. */
export function singular(name: string): string {
  const m = /^(.*?)([A-Za-z]+)$/.exec(name);
  if (!m) return name;
  const [, head, word] = m;
  const lower = word.toLowerCase();
  let s = word;
  if (/[^aeiou]ies$/.test(lower)) s = `${word.slice(0, -3)}${word.endsWith('IES') ? 'Y' : 'y'}`;
  else if (/(ss|sh|ch|x)es$/.test(lower)) s = word.slice(0, -2);
  else if (/[^su]s$/.test(lower) && !/(is|us|ss)$/.test(lower)) s = word.slice(0, -1);
  return head + s;
}

export function synthesizeTypeNames(entries: readonly SchemaInfo[]): TypeNaming {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const top = entries.filter((e) => e['meta-type'] === 'command' || e['meta-type'] === 'event');
  const types = entries.filter((e) => e['meta-type'] !== 'command' && e['meta-type'] !== 'event');

  // How often each type is referred to (through arrays too), and how.
  const uses = new Map<string, number>();
  const emptyUses = new Map<string, number>();
  const count = (ref: string, argOrVariant = false) => {
    const base = elementOf(ref);
    uses.set(base, (uses.get(base) ?? 0) + 1);
    if (argOrVariant && base === ref) emptyUses.set(base, (emptyUses.get(base) ?? 0) + 1);
  };
  for (const e of entries) {
    switch (e['meta-type']) {
      case 'command': count(e['arg-type'], true); count(e['ret-type'], true); break;
      case 'event': count(e['arg-type'], true); break;
      case 'object':
        for (const m of e.members) count(m.type);
        for (const v of e.variants ?? []) count(v.type, true);
        break;
      case 'alternate':
        for (const m of e.members) count(m.type);
        break;
      default:
        break;
    }
  }

  // The empty object: no members, variants or features, used most as arguments, return or variant.
  let emptyObject: string | undefined;
  let best = 0;
  for (const t of types) {
    if (t['meta-type'] !== 'object' || t.members.length || t.variants || t.features || !isMaskedName(t.name)) continue;
    const n = emptyUses.get(t.name) ?? 0;
    if (n > best) {
      best = n;
      emptyObject = t.name;
    }
  }

  const names = new Map<string, string>();
  const implicit = new Set<string>();
  const taken = new Set<string>(['q_empty']);
  for (const e of entries) {
    if (e['meta-type'] === 'array') continue;
    if (e['meta-type'] === 'command' || e['meta-type'] === 'event') {
      taken.add(e.name);
    } else if (!isMaskedName(e.name)) {
      names.set(e.name, e.name);
      taken.add(e.name);
      if (e['meta-type'] !== 'builtin') taken.add(`${e.name}List`);
    }
  }
  if (emptyObject !== undefined) names.set(emptyObject, 'q_empty');

  // Argument and data types used nowhere else become QEMU's implicit types.
  for (const e of top) {
    const ref = e['arg-type'];
    const t = byName.get(ref);
    if (!t || t['meta-type'] !== 'object' || t.variants || names.has(ref) || uses.get(ref) !== 1) continue;
    const name = `q_obj_${e.name}-arg`;
    if (taken.has(name)) continue;
    names.set(ref, name);
    implicit.add(ref);
    taken.add(name);
    taken.add(`${pascalCase(e.name)}${e['meta-type'] === 'event' ? 'Data' : 'Arguments'}`);
  }

  const claim = (candidate: string): string => {
    let base = candidate.replace(/[^A-Za-z0-9_]/g, '') || 'Type';
    if (/^[0-9]/.test(base)) base = `T${base}`;
    if (base.endsWith('List')) base += 'Type';
    let name = base;
    for (let i = 2; taken.has(name) || taken.has(`${name}List`); i++) name = `${base}${i}`;
    taken.add(name);
    taken.add(`${name}List`);
    return name;
  };

  /** The readable stem of an owner for its members' names. */
  const stem = (owner: string): string => {
    const n = names.get(owner)!;
    const m = /^q_obj_(.*)-arg$/.exec(n);
    if (m) return pascalCase(m[1]);
    return /^[A-Z][A-Za-z0-9]*$/.test(n) ? n : pascalCase(n);
  };

  const candidate = (use: Use, array: boolean): string => {
    switch (use.kind) {
      case 'command-arg': return `${pascalCase(use.owner)}Arguments`;
      case 'event-arg': return `${pascalCase(use.owner)}Data`;
      case 'command-ret': {
        const q = /^query-(.+)$/.exec(use.owner);
        if (q) {
          const s = pascalCase(array ? singular(q[1]) : q[1]);
          return s.endsWith('Info') ? s : `${s}Info`;
        }
        return `${pascalCase(use.owner)}Result${array ? 'Item' : ''}`;
      }
      case 'member': return `${stem(use.owner)}${pascalCase(array ? singular(use.member) : use.member)}`;
      case 'variant': return `${stem(use.owner)}${pascalCase(use.member)}`;
      case 'branch':
        if (array) return `${stem(use.owner)}Item`;
        return `${stem(use.owner)}${use.meta === 'enum' ? 'Enum' : use.meta === 'alternate' ? 'Alternate' : 'Object'}`;
    }
  };

  let named = 0;
  const visit = (ref: string, use: Use) => {
    const base = elementOf(ref);
    if (names.has(base)) return;
    const t = byName.get(base);
    if (!t || t['meta-type'] === 'builtin') return;
    names.set(base, claim(candidate(use, base !== ref)));
    named++;
  };

  for (const e of top) {
    if (e['meta-type'] === 'command') {
      visit(e['arg-type'], { kind: 'command-arg', owner: e.name });
      visit(e['ret-type'], { kind: 'command-ret', owner: e.name });
    } else if (e['meta-type'] === 'event') {
      visit(e['arg-type'], { kind: 'event-arg', owner: e.name });
    }
  }

  // Types in the order listed, until every use has been seen; then whatever
  // nothing listed reaches.
  const done = new Set<string>();
  for (;;) {
    let progress = true;
    while (progress) {
      named = 0;
      for (const t of types) {
        if (done.has(t.name) || !names.has(t.name)) continue;
        done.add(t.name);
        if (t['meta-type'] === 'object') {
          for (const m of t.members) visit(m.type, { kind: 'member', owner: t.name, member: m.name });
          for (const v of t.variants ?? []) visit(v.type, { kind: 'variant', owner: t.name, member: v.case });
        } else if (t['meta-type'] === 'alternate') {
          for (const m of t.members) {
            visit(m.type, { kind: 'branch', owner: t.name, meta: byName.get(elementOf(m.type))?.['meta-type'] ?? 'object' });
          }
        }
      }
      progress = named > 0;
    }
    const rest = types.filter((t) => t['meta-type'] !== 'builtin' && t['meta-type'] !== 'array' && !names.has(t.name));
    if (!rest.length) break;
    const orphan = rest.find((t) => !uses.get(t.name)) ?? rest[0];
    names.set(orphan.name, claim(`Unreferenced${orphan.name}`));
  }
  return { names, implicit, ...(emptyObject !== undefined ? { emptyObject } : {}) };
}

/**
 * Deep comparison for decoded values, saying where they differ: same JS
 * types (bigint is not number), arrays as arrays, same prototypes, same own
 * keys in any order (decoders may hand back the input object itself, in its
 * order). Jest's toStrictEqual cannot compare objects with an own member
 * named `constructor`, which property tests generate.
 */
import { writeJson } from '../../runtime/json-writer.js';

/** Where `a` and `b` differ (`.x[1]: ...`), or undefined when equal. */
export function difference(a: unknown, b: unknown, at = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b) return `${at || '.'}: ${typeof a} vs ${typeof b}`;
  if (typeof a !== 'object' || a === null || b === null) return Object.is(a, b) ? undefined : `${at || '.'}: ${show(a)} vs ${show(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${at || '.'}: array vs object`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at || '.'}: different prototypes`;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return `${at || '.'}: length ${a.length} vs ${bb.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], bb[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b as object).sort();
  if (ka.join('\0') !== kb.join('\0')) return `${at || '.'}: keys ${JSON.stringify(ka)} vs ${JSON.stringify(kb)}`;
  for (const k of ka) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

/** A value for a message: its JSON, or its string form when it has none. */
export function show(v: unknown): string {
  try {
    return writeJson(v);
  } catch {
    return String(v);
  }
}

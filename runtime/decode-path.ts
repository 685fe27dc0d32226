/**
 * Where a decoder is in the input, as an immutable linked list of keys, so
 * descending costs one small object and no string work; the text is built
 * only when an error needs it. Two spellings exist because QEMU uses two:
 * the full path (`arguments.devices[2].node-name`, kept in
 * `DecodeError.path`), and QEMU's `full_name()`, which is relative to the
 * visit's root (`devices[2].node-name`) and is what its messages quote.
 * Checkers take `(path, key)`: the key of the value inside `path`, or
 * `undefined` when `path` already is the value's own path — so decoding a
 * scalar member allocates nothing.
 */

/** A member name or an array index. */
export type PathKey = string | number;

export class Path {
  private constructor(
    /** The enclosing path; undefined at the root. */
    readonly parent: Path | undefined,
    /** This step; undefined at the root. */
    readonly key: PathKey | undefined,
    /** The root's name (`arguments`, `return`, `data`); undefined elsewhere or when unnamed. */
    readonly label: string | undefined,
  ) {}

  /**
   * The root of a decode. `label` names the decoded value in full paths
   * (`arguments.x`) but not in QEMU-style messages, which, like QEMU's,
   * start below the root (`x`).
   */
  static root(label?: string): Path {
    return new Path(undefined, undefined, label);
  }

  /** The path of member `name` of the object at this path. */
  member(name: string): Path {
    return new Path(this, name, undefined);
  }

  /** The path of element `index` of the array at this path. */
  element(index: number): Path {
    return new Path(this, index, undefined);
  }

  /** `member` for a string key, `element` for a number. */
  child(key: PathKey): Path {
    return new Path(this, key, undefined);
  }

  /** The full path, root label included: `arguments.devices[2].node-name`. */
  toString(): string {
    return fullPath(this);
  }
}

/** The keys from the root down to `path` (+ `key`), root label not included. */
function keysOf(path: Path, key: PathKey | undefined): PathKey[] {
  const keys: PathKey[] = key === undefined ? [] : [key];
  for (let p: Path | undefined = path; p !== undefined; p = p.parent) {
    if (p.key !== undefined) keys.push(p.key);
  }
  return keys.reverse();
}

function rootOf(path: Path): Path {
  let p = path;
  while (p.parent !== undefined) p = p.parent;
  return p;
}

function join(keys: PathKey[], start: string): string {
  let s = start;
  for (const k of keys) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s;
}

/** The full path of `key` in `path` (or of `path`): `arguments.devices[2].node-name`; '' for an unnamed root. */
export function fullPath(path: Path, key?: PathKey): string {
  return join(keysOf(path, key), rootOf(path).label ?? '');
}

/**
 * QEMU's `full_name()`: the path below the root, `devices[2].node-name`.
 * For the root itself: its label, else QEMU's `<anonymous>`.
 */
export function qemuName(path: Path, key?: PathKey): string {
  const s = join(keysOf(path, key), '');
  return s !== '' ? s : (rootOf(path).label ?? '<anonymous>');
}

/**
 * The bare name QEMU's integer range and enum messages quote: the member
 * name, `null` for an array element (QEMU passes a NULL name), the label
 * (else `null`) for the root.
 */
export function bareName(path: Path, key?: PathKey): string {
  const last = key !== undefined ? key : path.key;
  if (typeof last === 'string') return last;
  if (typeof last === 'number') return 'null';
  return path.label ?? 'null';
}

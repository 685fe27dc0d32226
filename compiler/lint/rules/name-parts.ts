/**
 * A QAPI name split as QEMU's name grammar splits it (expr.py:
 * `(__RFQDN_)?(x-)?stem`, case-insensitive): the downstream prefix and the
 * `x-` prefix are not part of the name proper, so neither counts as a word
 * separator, an uppercase letter or a `_` of the name.
 */
const PREFIXES = /^(__[a-z0-9.-]+_)?(x-)?/i;

export interface NameParts {
  /** Both prefixes as written (`__com.redhat_x-`), possibly empty. */
  readonly prefix: string;
  readonly hasXPrefix: boolean;
  readonly stem: string;
}

export function nameParts(name: string): NameParts {
  const match = PREFIXES.exec(name)!;
  return { prefix: match[0], hasXPrefix: match[2] !== undefined, stem: name.slice(match[0].length) };
}

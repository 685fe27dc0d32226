/**
 * QAPI's naming rules (QEMU's expr.py) and `c_name()`, whose mapping decides
 * which member names clash.
 */

/** `(__RFQDN_)?(x-)?stem`, case-insensitive. */
const VALID_NAME = /^(__[a-z0-9.-]+_)?(x-)?([a-z][a-z0-9_-]*)$/i;

/** QEMU's `c_name(name, protect=False)`. */
const NON_C_GLOBAL = /[^A-Za-z0-9_]/g;

export function cName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
    if (!ok) return name.replace(NON_C_GLOBAL, '_');
  }
  return name;
}

/** The name's stem, or undefined when the name is invalid (including the reserved `q_` space). */
export function nameStem(name: string): string | undefined {
  const match = VALID_NAME.exec(name);
  if (!match || cName(name).startsWith('q_')) return undefined;
  return match[3];
}

export function isCamelStem(stem: string): boolean {
  return /^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(stem);
}

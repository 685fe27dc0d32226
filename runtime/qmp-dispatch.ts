/**
 * The request checks of QEMU's qmp-dispatch.c (qmp_dispatch_check_obj and
 * what precedes the command lookup), with QEMU's exact messages. Members are
 * checked in the order QEMU's QDict iterates them (its hash table's), so
 * when several are wrong the same one is reported.
 */
import { QmpError } from './qmp-error.js';

/** A well-formed request: the command, how it was sent, and its `arguments` if present. */
export interface QmpRequest {
  readonly command: string;
  /** Sent with `exec-oob`. */
  readonly oob: boolean;
  readonly arguments: Record<string, unknown> | undefined;
}

/** Whether `v` is a JSON object as read from the wire (not an array, not a JsonDouble). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The request's `id` member: echoed on every reply to an object that has one. */
export function requestId(v: unknown): { readonly has: boolean; readonly id: unknown } {
  if (isJsonObject(v) && Object.hasOwn(v, 'id')) return { has: true, id: v.id };
  return { has: false, id: undefined };
}

/** QEMU's qmp_is_oob: the monitor runs such a request at once, before queued in-band ones (even if OOB is off, to reject it). */
export function isOobRequest(v: unknown): boolean {
  return isJsonObject(v) && Object.hasOwn(v, 'exec-oob') && !Object.hasOwn(v, 'execute');
}

/**
 * Checks a request's shape. `allowOob`: OOB was negotiated, so `exec-oob`
 * is a member like `execute`; otherwise it is an unexpected one. Throws the
 * `QmpError` QEMU would reply with.
 */
export function checkRequest(v: unknown, allowOob: boolean): QmpRequest {
  if (!isJsonObject(v)) throw QmpError.generic('QMP input must be a JSON object');
  // Which of several problems QEMU names depends on its hash order; a
  // request without problems is the same in any order (the common case).
  const keys = Object.keys(v);
  try {
    return check(v, keys, allowOob);
  } catch (e) {
    if (keys.length < 2) throw e;
    return check(v, qdictOrder(keys), allowOob);
  }
}

function check(v: Record<string, unknown>, keys: readonly string[], allowOob: boolean): QmpRequest {
  let execKey: string | undefined;
  for (const key of keys) {
    const member = v[key];
    if (key === 'execute' || (key === 'exec-oob' && allowOob)) {
      if (typeof member !== 'string') throw QmpError.generic(`QMP input member '${key}' must be a string`);
      if (execKey !== undefined) throw QmpError.generic(`QMP input member '${key}' clashes with '${execKey}'`);
      execKey = key;
    } else if (key === 'arguments') {
      if (!isJsonObject(member)) throw QmpError.generic("QMP input member 'arguments' must be an object");
    } else if (key !== 'id') {
      throw QmpError.generic(`QMP input member '${key}' is unexpected`);
    }
  }
  if (execKey === undefined) throw QmpError.generic("QMP input lacks member 'execute'");
  return {
    command: v[execKey] as string,
    oob: execKey === 'exec-oob',
    arguments: Object.hasOwn(v, 'arguments') ? (v.arguments as Record<string, unknown>) : undefined,
  };
}

/** QEMU's QDICT_BUCKET_MAX. */
const QDICT_BUCKETS = 512;
const utf8 = new TextEncoder();

/** QEMU's tdb_hash (qobject/qdict.c) of a key's UTF-8 bytes, unsigned 32-bit. */
function tdbHash(key: string): number {
  const bytes = utf8.encode(key);
  let value = Math.imul(0x238f13af, bytes.length) >>> 0;
  for (let i = 0; i < bytes.length; i++) value = (value + (bytes[i] << ((i * 5) % 24))) >>> 0;
  return (Math.imul(1103515243, value) + 12345) >>> 0;
}

/**
 * Keys in the order qdict_first/qdict_next visit them when inserted in
 * `keys` order: by bucket, and within a bucket the latest inserted first.
 */
export function qdictOrder(keys: readonly string[]): string[] {
  if (keys.length < 2) return [...keys];
  return keys
    .map((key, index) => ({ key, index, bucket: tdbHash(key) % QDICT_BUCKETS }))
    .sort((a, b) => a.bucket - b.bucket || b.index - a.index)
    .map((e) => e.key);
}

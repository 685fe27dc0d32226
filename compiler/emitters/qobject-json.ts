/**
 * JSON text exactly as a running QEMU writes a QObject on a QMP connection
 * (qobject/qjson.c `to_json` without pretty-printing, facts from QEMU 7.2 and
 * 10.2, which agree): `", "` between items, `": "` after keys, non-ASCII and
 * control characters as uppercase `\uXXXX` (surrogate pairs beyond the BMP).
 *
 * Key order is a QDict's: QEMU's query-qmp-schema builds each object from a
 * C literal whose keys are sorted, inserting them into a hash table of 512
 * buckets (tdb_hash), each bucket a list with the newest entry first; the
 * writer walks the buckets in order. So the order is a pure function of the
 * key set, reproduced here. With it, the introspection of an imported reply
 * prints byte for byte as QEMU sent it.
 */

/** QEMU's QDICT_BUCKET_MAX. */
const BUCKETS = 512;

/** qobject/qdict.c `tdb_hash` (from Samba's tdb), on the key's UTF-8 bytes. */
export function qdictHash(key: string): number {
  const bytes = new TextEncoder().encode(key);
  let value = Math.imul(0x238f13af, bytes.length) >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    value = (value + ((bytes[i] << ((i * 5) % 24)) >>> 0)) >>> 0;
  }
  return (Math.imul(1103515243, value) + 12345) >>> 0;
}

/** The order QEMU iterates a QDict whose keys were inserted in `inserted` order. */
export function qdictOrder(inserted: readonly string[]): string[] {
  const buckets = new Map<number, string[]>();
  for (const key of inserted) {
    const b = qdictHash(key) % BUCKETS;
    const list = buckets.get(b);
    if (list) list.unshift(key);
    else buckets.set(b, [key]);
  }
  return [...buckets.keys()].sort((a, b) => a - b).flatMap((b) => buckets.get(b)!);
}

const hex4 = (n: number) => `\\u${n.toString(16).toUpperCase().padStart(4, '0')}`;

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default:
        if (cp > 0xffff) out += hex4(ch.charCodeAt(0)) + hex4(ch.charCodeAt(1));
        else if (cp < 0x20 || cp >= 0x7f) out += hex4(cp);
        else out += ch;
    }
  }
  return `${out}"`;
}

/**
 * `value` as QEMU writes it. Object keys are taken as inserted in sorted
 * order (as from QEMU's generated C literals); integers print as JS does,
 * which matches QEMU for the values introspection holds.
 */
export function qobjectJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean': return value ? 'true' : 'false';
    case 'number': return String(value);
    case 'bigint': return value.toString();
    case 'string': return quote(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map(qobjectJson).join(', ')}]`;
      break;
    default:
      throw new Error(`qobjectJson: cannot write a ${typeof value}`);
  }
  const obj = value as Record<string, unknown>;
  const keys = qdictOrder(Object.keys(obj).filter((k) => obj[k] !== undefined).sort(codePointCompare));
  return `{${keys.map((k) => `${quote(k)}: ${qobjectJson(obj[k])}`).join(', ')}}`;
}

/** strcmp order (the C literal's), which for these keys is code point order. */
function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

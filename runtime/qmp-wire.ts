/**
 * QMP framing on top of the splitter: bytes in, JSON values (or QEMU's parse
 * error text) out; values in, one line of JSON text out. Server output is
 * ASCII, one JSON text per line ending in CRLF, as QEMU writes it; clients
 * end theirs with LF. Values are read losslessly (64-bit integers as
 * bigint); a server also keeps integral float literals (`1.0`) apart from
 * integers, as QEMU's strict input visitor must, and rejects what QEMU's
 * parser rejects beyond RFC 8259's grammar: duplicate keys, and `\u`
 * escapes that are no Unicode character (lone surrogates).
 */
import { readJson } from './json-reader.js';
import { writeJson } from './json-writer.js';
import { QmpJsonSplitter, type QmpSplitLimits } from './qmp-stream.js';

/** One input message: its value, or the error QEMU would report for it (`JSON parse error, ...`). */
export type QmpInput = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

export interface QmpReadOptions {
  /** Keep integral float literals as `JsonDouble` (servers: `1.0` is not an integer to QEMU). Default false. */
  readonly doubles?: boolean;
  /** Per-message limits (default QEMU's: 64 MiB, 2^21 tokens, 1024 levels). */
  readonly limits?: QmpSplitLimits;
  /** QEMU's parser checks (servers): `duplicate key`, `\uD800 is not a valid Unicode character`. Default false. */
  readonly qemuChecks?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses one delimited message as QEMU's JSON parser would, with its error
 * texts. `colons` (from the splitter) enables the duplicate-key check.
 */
export function parseQmpMessage(bytes: Uint8Array, options: QmpReadOptions = {}, colons = -1): QmpInput {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    // The lexer lets only bytes 0x80..0xFD through, and only inside strings.
    return { ok: false, error: 'JSON parse error, invalid UTF-8 sequence in string' };
  }
  let value: unknown;
  try {
    value = readJson(text, { qemuSyntax: true, doubles: options.doubles === true });
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const reason = (e as { reason?: unknown }).reason;
    if (reason === 'invalid hex escape sequence in string' && options.qemuChecks === true) {
      const offset = (e as { offset?: number }).offset ?? 0;
      return { ok: false, error: `JSON parse error, ${text.slice(offset, offset + 6)} is not a valid Unicode character` };
    }
    // QEMU's word for running out of tokens mid-value.
    if (reason === 'premature end of input' || reason === 'unterminated string') {
      return { ok: false, error: 'JSON parse error, premature EOI' };
    }
    return { ok: false, error: e.message };
  }
  if (options.qemuChecks === true) {
    const bad = invalidUnicodeEscape(text);
    if (bad !== undefined) return { ok: false, error: `JSON parse error, ${bad} is not a valid Unicode character` };
    if (colons >= 0 && countMembers(value) < colons) return { ok: false, error: 'JSON parse error, duplicate key' };
  }
  return { ok: true, value };
}

/** Members of all objects in `v`: fewer than the `:` tokens read means a key was repeated. */
function countMembers(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const e of v) n += countMembers(e);
    return n;
  }
  for (const k in v) n += 1 + countMembers((v as Record<string, unknown>)[k]);
  return n;
}

const SURROGATE_ESCAPE = /(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})/g;
const LOW_SURROGATE_ESCAPE = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}$/;

/** The first `\uXXXX` escape (as written) that is half a surrogate pair alone, which QEMU's parser rejects. */
function invalidUnicodeEscape(text: string): string | undefined {
  if (!text.includes('\\u')) return undefined;
  SURROGATE_ESCAPE.lastIndex = 0;
  let pairedUntil = -1;
  for (let m = SURROGATE_ESCAPE.exec(text); m !== null; m = SURROGATE_ESCAPE.exec(text)) {
    if (m[1].length % 2 === 0) continue; // an escaped backslash, then a plain "u"
    const at = m.index + m[1].length - 1;
    if (at < pairedUntil) continue; // the low half of a pair
    if (parseInt(m[2], 16) <= 0xdbff && LOW_SURROGATE_ESCAPE.test(text.slice(at + 6, at + 12))) {
      pairedUntil = at + 12;
      continue;
    }
    return text.slice(at, at + 6);
  }
  return undefined;
}

/**
 * Incremental reader: `push` bytes (or text) as they arrive, get one
 * `QmpInput` per message, in order. A parse error is reported once, and the
 * stream carries on with the next message (QEMU's resynchronisation).
 */
export class QmpMessageReader {
  private readonly splitter: QmpJsonSplitter;
  private static readonly encoder = new TextEncoder();

  constructor(onInput: (input: QmpInput) => void, options: QmpReadOptions = {}) {
    this.splitter = new QmpJsonSplitter(
      (item) => onInput(item.kind === 'message' ? parseQmpMessage(item.bytes, options, item.colons) : { ok: false, error: item.message }),
      options.limits,
    );
  }

  /** Whether part of a message has been received. */
  get pending(): boolean {
    return this.splitter.pending;
  }

  push(chunk: Uint8Array | string): void {
    this.splitter.push(typeof chunk === 'string' ? QmpMessageReader.encoder.encode(chunk) : chunk);
  }

  /** End of input: flushes a trailing scalar or unfinished message. */
  end(): void {
    this.splitter.end();
  }
}

/** Which end writes: servers end lines with CRLF and write ASCII only; clients end them with LF. */
export type QmpRole = 'server' | 'client';

/** One message as wire text: compact JSON plus the line ending. Throws `JsonWriteError` for what JSON cannot hold. */
export function formatQmpMessage(value: unknown, role: QmpRole): string {
  return role === 'server' ? writeJson(value, { ascii: true }) + '\r\n' : writeJson(value) + '\n';
}

/**
 * Reading schema files the way QEMU's parser does: UTF-8 text with universal
 * newlines, and a final newline appended when missing. Reading never throws:
 * failures come back as values for the caller to turn into diagnostics.
 */
import { readFileSync } from 'node:fs';

export interface SourceText {
  /** Path exactly as opened (QEMU prints it unnormalised). */
  readonly path: string;
  /** Normalised text: `\r\n` and lone `\r` are `\n`; ends with `\n`. */
  readonly text: string;
  /** Offsets at which each line starts; `lineStarts[0] === 0`. */
  readonly lineStarts: readonly number[];
}

export type ReadFailure =
  | { kind: 'io'; strerror: string }
  | { kind: 'encoding'; line: number; column: number; byte: number };

export type FileReader = (path: string) => Uint8Array | string;

const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EMFILE: 'Too many open files',
  ENFILE: 'Too many open files in system',
  EIO: 'Input/output error',
  ENXIO: 'No such device or address',
  EINVAL: 'Invalid argument',
};

/** C's `strerror()` text for a Node.js system error, as Python reports it. */
export function strerrorOf(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  if (code && STRERROR[code]) return STRERROR[code];
  const message = (err as { message?: string } | null)?.message;
  return message ?? String(err);
}

export const defaultFileReader: FileReader = (path) => readFileSync(path);

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Finds where strict UTF-8 decoding fails, for an error message with a location. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number; byte: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let min = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return { line, column, byte: b };
    let cp = need === 0 ? b : b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { line, column, byte: b };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (need > 0 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) {
      return { line, column, byte: b };
    }
    if (b === 0x0a) { line++; column = 1; } else column++;
    i += need + 1;
  }
  return { line, column, byte: 0 };
}

export function normaliseNewlines(text: string): string {
  let t = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
  if (t === '' || !t.endsWith('\n')) t += '\n';
  return t;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

export function makeSourceText(path: string, rawText: string): SourceText {
  const text = normaliseNewlines(rawText);
  return { path, text, lineStarts: computeLineStarts(text) };
}

export function readSource(path: string, reader: FileReader = defaultFileReader): SourceText | ReadFailure {
  let data: Uint8Array | string;
  try {
    data = reader(path);
  } catch (err) {
    return { kind: 'io', strerror: strerrorOf(err) };
  }
  return decodeSource(path, data);
}

/** A file's text from what the reader returned: strict UTF-8, universal newlines. */
export function decodeSource(path: string, data: Uint8Array | string): SourceText | ReadFailure {
  let raw: string;
  if (typeof data === 'string') {
    raw = data;
  } else {
    try {
      raw = decoder.decode(data);
    } catch {
      return { kind: 'encoding', ...firstInvalidUtf8(data) };
    }
  }
  return makeSourceText(path, raw);
}

/** 1-based line number of an offset. */
export function lineOf(src: SourceText, offset: number): number {
  const starts = src.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

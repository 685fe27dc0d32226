/**
 * Where a query-qmp-schema reply comes from: a saved file, or a QEMU binary
 * asked on the spot. Both give checked SchemaInfo values and a label for
 * messages and generated files' headers; `importQmpSchema` then builds the IR.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { SchemaInfo } from '../emitters/introspect.js';
import { parseQmpSchemaText, readSchemaInfo } from './schema-info-reader.js';
import { probeQemuSync, type ProbeOptions } from './qemu-probe.js';
import { schemaInfoToIr, type ImportResult } from './to-ir.js';

export interface LoadedReply {
  readonly entries: SchemaInfo[];
  readonly warnings: readonly string[];
  /** Short label of the origin (the file's or binary's base name). */
  readonly label: string;
  /** The QMP response line as QEMU sent it (binaries only). */
  readonly rawReply?: string;
  /** QEMU's version from its greeting (binaries only). */
  readonly qemuVersion?: string;
}

/** A reply file could not be read (missing, a directory, ...). */
export class ReplyFileError extends Error {}

const MAX_REPLY_BYTES = 256 * 1024 * 1024;

/** Reads and checks a saved reply. Throws ReplyFileError or QmpSchemaError. */
export function loadReplyFile(path: string, cwd = process.cwd()): LoadedReply {
  const full = resolve(cwd, path);
  let text: string;
  try {
    const st = statSync(full);
    if (st.isDirectory()) throw new ReplyFileError(`${path}: is a directory, not a query-qmp-schema reply`);
    if (st.size > MAX_REPLY_BYTES) throw new ReplyFileError(`${path}: larger than ${MAX_REPLY_BYTES >> 20} MiB`);
    text = readFileSync(full, 'utf8');
  } catch (err) {
    if (err instanceof ReplyFileError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new ReplyFileError(`${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  const { entries, warnings } = parseQmpSchemaText(text, path);
  return { entries, warnings, label: basename(path) };
}

/** Asks a QEMU binary for its schema. Throws QemuProbeError or QmpSchemaError. */
export function loadReplyFromQemu(binary: string, options: ProbeOptions = {}): LoadedReply {
  const probe = probeQemuSync(binary, options);
  const response = JSON.parse(probe.reply) as { return?: unknown };
  const { entries, warnings } = readSchemaInfo(response.return, binary, '$.return');
  return {
    entries, warnings, label: basename(binary), rawReply: probe.reply,
    ...(probe.version ? { qemuVersion: probe.version } : {}),
  };
}

/** The IR of a loaded reply; the reply's warnings come first in `warnings`. */
export function importQmpSchema(reply: LoadedReply): ImportResult {
  const result = schemaInfoToIr(reply.entries, { source: reply.label });
  return { ...result, warnings: [...reply.warnings, ...result.warnings] };
}

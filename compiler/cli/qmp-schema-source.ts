/**
 * What `generate`, `introspect` and `lint` share for QEMU binaries' schemas:
 * `--from-qmp-schema FILE` / `--from-qemu BINARY` (build the IR from a
 * query-qmp-schema reply instead of a schema file) and `--against-*` (the
 * cross-check). Problems are printed here, naming the command; callers get
 * undefined and the exit code is set.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrSchema } from '../ir/types.js';
import { crossCheck } from '../import/cross-check.js';
import { importQmpSchema, loadReplyFile, loadReplyFromQemu, type LoadedReply, ReplyFileError } from '../import/load.js';
import { QemuProbeError } from '../import/qemu-probe.js';
import { QmpSchemaError } from '../import/schema-info-reader.js';
import type { ImportResult } from '../import/to-ir.js';
import { type CliIo, ExitCode } from './io.js';

export interface ReplySource {
  /** A saved reply. */
  readonly file?: string;
  /** A QEMU binary to ask. */
  readonly binary?: string;
}

/** Milliseconds a QEMU binary gets to answer (QAPI_TS_QEMU_TIMEOUT overrides, in seconds). */
function probeTimeout(io: CliIo): number {
  const s = Number(io.env.QAPI_TS_QEMU_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 30_000;
}

/** Checks that at most one source is given; prints a usage error otherwise. */
export function replySourceOk(io: CliIo, command: string, source: ReplySource, fileFlag: string, binaryFlag: string,
  setExit: (code: number) => void): boolean {
  if (source.file !== undefined && source.binary !== undefined) {
    io.stderr(`qapi-ts ${command}: ${fileFlag} and ${binaryFlag} exclude each other\n`);
    setExit(ExitCode.usage);
    return false;
  }
  return true;
}

export function loadReplyForCli(io: CliIo, command: string, source: ReplySource, setExit: (code: number) => void): LoadedReply | undefined {
  try {
    const reply = source.file !== undefined
      ? loadReplyFile(source.file, io.cwd)
      : loadReplyFromQemu(source.binary!, { timeoutMs: probeTimeout(io) });
    for (const w of reply.warnings) io.stderr(`qapi-ts ${command}: warning: ${w}\n`);
    return reply;
  } catch (err) {
    if (!(err instanceof ReplyFileError || err instanceof QmpSchemaError || err instanceof QemuProbeError)) throw err;
    io.stderr(`qapi-ts ${command}: error: ${err.message}\n`);
    setExit(ExitCode.findings);
    return undefined;
  }
}

/** The IR of a reply, for generate and introspect. */
export function importForCli(io: CliIo, command: string, source: ReplySource, setExit: (code: number) => void): ImportResult | undefined {
  const reply = loadReplyForCli(io, command, source, setExit);
  if (!reply) return undefined;
  const result = importQmpSchema(reply);
  for (const w of result.warnings.slice(reply.warnings.length)) io.stderr(`qapi-ts ${command}: warning: ${w}\n`);
  return result;
}

/** The cross-check's diagnostics for `lint --against-*` (a summary on stderr in the human format). */
export function crossCheckForCli(io: CliIo, ir: IrSchema, source: ReplySource, format: string,
  setExit: (code: number) => void): Diagnostic[] | undefined {
  const reply = loadReplyForCli(io, 'lint', source, setExit);
  if (!reply) return undefined;
  const { diagnostics, summary } = crossCheck(ir, reply.entries);
  if (format === 'human') {
    const { commands: c, events: e } = summary;
    const what = `${reply.label}${reply.qemuVersion ? ` (QEMU ${reply.qemuVersion})` : ''}`;
    io.stderr(`cross-check against ${what}: commands ${c.both} in both, ${c.schemaOnly} only in the schema, `
      + `${c.binaryOnly} only in the binary; events ${e.both} in both, ${e.schemaOnly} only in the schema, `
      + `${e.binaryOnly} only in the binary; ${summary.typePairs} types compared\n`);
  }
  return diagnostics;
}

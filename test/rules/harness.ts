/**
 * Shared runner for the rule tables under test/rules/.
 *
 * Every case is an in-memory file map compiled through the in-process API.
 * A case either expects an error (the exact text QEMU 10.2's `str(err)`
 * would print, i.e. include chain, "In struct 'Foo':" context and
 * `file:line[:col]: message`, without the final newline) or is accepted and
 * expects the exact test-qapi.py dump of everything after the `./builtin`
 * module (which is always the same and is prepended here).
 *
 * Expected outputs are derived from the QEMU reference
 * (../shared/reference/qemu-qapi-reference.md), never from our own output.
 */
import { expect } from '@jest/globals';
import { posix } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { formatQemuError } from '../../compiler/diagnostics/format-qemu.js';
import { emitQemuTestDump } from '../../compiler/emitters/qemu-test-dump.js';

export interface RuleCase {
  /** What the case shows. */
  readonly name: string;
  /** Path -> file text. `null` stands for a directory (reading it fails with EISDIR). */
  readonly files: Readonly<Record<string, string | null>>;
  /** Main schema path; defaults to `x.json`. */
  readonly entry?: string;
  /** The error QEMU reports, exactly, without the trailing newline. */
  readonly error?: string;
  /** For accepted schemas: the dump after the `./builtin` module, exactly. */
  readonly out?: string;
}


/** The fixed `./builtin` module every dump starts with. */
export const BUILTIN_DUMP = [
  'module ./builtin',
  'object q_empty',
  'enum QType',
  '    member none',
  '    member qnull',
  '    member qnum',
  '    member qstring',
  '    member qdict',
  '    member qlist',
  '    member qbool',
  '',
].join('\n');

/** Joins lines into file text with a final newline. */
export const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

function ioError(code: string, path: string): Error {
  const err = new Error(`${code}: ${path}`) as Error & { code: string };
  err.code = code;
  return err;
}

export interface RunResult {
  readonly error?: string;
  readonly out?: string;
}

/** Compiles a case; returns the QEMU-format error (without final newline) or the full dump. */
export function runCase(c: RuleCase): RunResult {
  const files = new Map<string, string | null>();
  for (const [path, text] of Object.entries(c.files)) files.set(posix.normalize(path), text);
  const result = compile({
    entry: c.entry ?? 'x.json',
    // These tables are QEMU 10.2's rules exactly; older dialects are test/dialects.test.ts's.
    strict: true,
    readFile: (path: string) => {
      const key = posix.normalize(path);
      if (!files.has(key)) throw ioError('ENOENT', path);
      const text = files.get(key);
      if (text === null || text === undefined) throw ioError('EISDIR', path);
      return text;
    },
  });
  if (result.diagnostics.length) {
    const text = formatQemuError(result.diagnostics[0]);
    return { error: text.endsWith('\n') ? text.slice(0, -1) : text };
  }
  return { out: emitQemuTestDump(result.ir!) };
}

/** Asserts a case against its expectation. */
export function checkCase(c: RuleCase): void {
  const r = runCase(c);
  if (c.error !== undefined) {
    expect(r.out).toBeUndefined();
    expect(r.error).toBe(c.error);
  } else {
    expect(r.error).toBeUndefined();
    expect(r.out).toBe(BUILTIN_DUMP + (c.out ?? ''));
  }
}

/** Same-named cases would make failures ambiguous. */
export function assertUniqueNames(cases: readonly RuleCase[]): void {
  const seen = new Set<string>();
  const dups = cases.filter((c) => (seen.has(c.name) ? true : (seen.add(c.name), false))).map((c) => c.name);
  expect(dups).toEqual([]);
}

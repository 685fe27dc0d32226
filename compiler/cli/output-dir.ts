/**
 * Writing generated files into an output directory safely: a file that does
 * not carry the generated marker is never overwritten, generated files that
 * are no longer produced are removed, unchanged files are not touched, and
 * `--check` reports what would change without writing anything.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type GeneratedFile, isGeneratedText } from '../emitters/generated-file.js';

export interface OutputPlan {
  readonly write: GeneratedFile[];
  readonly unchanged: string[];
  /** Generated files present in the directory that the run no longer produces. */
  readonly orphans: string[];
  /** Existing files in the way that are not marked generated. */
  readonly conflicts: string[];
  readonly missing: string[];
  readonly stale: string[];
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  if (existsSync(dir) && statSync(dir).isDirectory()) walk(dir);
  return out.sort();
}

export function planOutput(dir: string, files: readonly GeneratedFile[]): OutputPlan {
  const plan: OutputPlan = { write: [], unchanged: [], orphans: [], conflicts: [], missing: [], stale: [] };
  const produced = new Set(files.map((f) => f.path));
  for (const f of files) {
    const target = join(dir, f.path);
    if (!existsSync(target)) {
      plan.missing.push(f.path);
      plan.write.push(f);
      continue;
    }
    const current = statSync(target).isFile() ? readFileSync(target, 'utf8') : undefined;
    if (current === undefined || !isGeneratedText(current)) {
      plan.conflicts.push(f.path);
    } else if (current === f.content) {
      plan.unchanged.push(f.path);
    } else {
      plan.stale.push(f.path);
      plan.write.push(f);
    }
  }
  for (const existing of listFiles(dir)) {
    if (produced.has(existing)) continue;
    const text = readFileSync(join(dir, existing), 'utf8');
    if (isGeneratedText(text)) plan.orphans.push(existing);
  }
  return plan;
}

export function applyOutput(dir: string, plan: OutputPlan): void {
  for (const f of plan.write) {
    const target = join(dir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  for (const o of plan.orphans) rmSync(join(dir, o));
}

/**
 * Writes `files` into `dir` (shown as `shownDir`), or with `check` only
 * reports what would change. Returns whether the run found problems:
 * conflicts, or with `check` anything stale, missing or orphaned.
 */
export function writeOrCheck(
  dir: string, shownDir: string, files: readonly GeneratedFile[], check: boolean, report: (line: string) => void,
): boolean {
  const plan = planOutput(dir, files);
  for (const c of plan.conflicts) report(`${shownDir}/${c}: error: exists and is not marked generated; not overwriting it\n`);
  if (check) {
    for (const p of plan.missing) report(`${shownDir}/${p}: missing\n`);
    for (const p of plan.stale) report(`${shownDir}/${p}: stale\n`);
    for (const p of plan.orphans) report(`${shownDir}/${p}: orphaned (generated, no longer produced)\n`);
    return plan.missing.length + plan.stale.length + plan.orphans.length + plan.conflicts.length > 0;
  }
  if (plan.conflicts.length) return true;
  applyOutput(dir, plan);
  return false;
}

/** The start of a file, as much as `isGeneratedText()` looks at (1024 characters are at most 4096 bytes). */
function readHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * For --watch: the files of the last run kept in memory, so a rebuild
 * compares against them instead of reading the output directory again.
 * Only files this process wrote are touched.
 */
export class OutputMemory {
  private last: Map<string, string> | undefined;

  /** Writes what changed since the last run (the first run goes through writeOrCheck). */
  write(dir: string, shownDir: string, files: readonly GeneratedFile[], report: (line: string) => void): boolean {
    if (!this.last) {
      const failed = writeOrCheck(dir, shownDir, files, false, report);
      if (!failed) this.last = new Map(files.map((f) => [f.path, f.content]));
      return failed;
    }
    const next = new Map(files.map((f) => [f.path, f.content]));
    for (const f of files) {
      if (this.last.get(f.path) === f.content) continue;
      const target = join(dir, f.path);
      if (existsSync(target) && !isGeneratedText(readHead(target))) {
        report(`${shownDir}/${f.path}: error: exists and is not marked generated; not overwriting it\n`);
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.content);
    }
    for (const old of this.last.keys()) if (!next.has(old)) rmSync(join(dir, old), { force: true });
    this.last = next;
    return false;
  }
}

/**
 * One build's output: remembered and written when watching, else written
 * (or, with `check`, compared). Returns whether anything failed.
 */
export function writeBuild(
  memory: OutputMemory | undefined, dir: string, shownDir: string, files: readonly GeneratedFile[], check: boolean, stderr: (line: string) => void,
): boolean {
  return memory ? memory.write(dir, shownDir, files, stderr) : writeOrCheck(dir, shownDir, files, check, stderr);
}

/**
 * `--watch`: rebuild whenever a file the last build read changes. Watches
 * the directories of those files (editors often replace a file rather than
 * write it in place, which a watch on the file itself would miss), batches
 * bursts of changes, and re-reads the set of files after every build, since
 * includes may come and go. Between builds, the caller's idle work (what
 * makes the next build incremental) runs in short slices, so that a change
 * is noticed while it runs.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface WatchBuild {
  /** Runs one build; returns the files it read (for the next watch). */
  (): readonly string[];
}

export interface WatchOptions {
  /**
   * Quiet time after a change before rebuilding, so that one save (often
   * several writes, or a write and a rename) makes one build. Part of the
   * latency from save to output.
   */
  readonly debounceMs?: number;
  /**
   * Work for idle time after a build: does a slice of it (until the
   * `performance.now()` deadline) and returns whether more remains.
   */
  readonly idle?: (deadline: number) => boolean;
}

/** What a watcher of a compile's inputs watches: the files read, and those it could not read (they may appear). */
export function inputsOf(result: { readonly files: readonly { readonly path: string }[]; readonly unreadable?: readonly string[] }): string[] {
  return [...result.files.map((f) => f.path), ...(result.unreadable ?? [])];
}

/** Milliseconds of idle work between checks for changes. */
const IDLE_SLICE_MS = 8;

export function watchAndRebuild(
  files: readonly string[], build: WatchBuild, log: (line: string) => void, options: WatchOptions = {},
): () => void {
  const debounceMs = options.debounceMs ?? 10;
  let timer: NodeJS.Timeout | undefined;
  let idle: NodeJS.Immediate | undefined;
  let closed = false;

  const rebuild = () => {
    timer = undefined;
    const t = performance.now();
    let read: readonly string[];
    try {
      read = build();
    } catch (err) {
      // Keep watching: the next change may well build.
      log(`internal error: ${(err as Error)?.message ?? String(err)}\n`);
      return;
    }
    log(`rebuilt in ${Math.round(performance.now() - t)} ms; watching ${read.length} files\n`);
    arm(read);
    startIdle();
  };

  const startIdle = () => {
    const work = options.idle;
    if (!work || idle || closed) return;
    const step = () => {
      idle = undefined;
      // A change is pending: it comes first; the build after it starts the idle work again.
      if (timer || closed) return;
      if (work(performance.now() + IDLE_SLICE_MS)) idle = setImmediate(step);
    };
    idle = setImmediate(step);
  };

  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(rebuild, debounceMs);
  };

  /** Watchers by directory, with the names watched there (updated in place, so no event is lost on a change of the set). */
  const dirs = new Map<string, { watcher: FSWatcher; names: Set<string> }>();
  const arm = (paths: readonly string[]) => {
    const byDir = new Map<string, Set<string>>();
    for (const p of paths) {
      const abs = resolve(p);
      const names = byDir.get(dirname(abs)) ?? new Set<string>();
      names.add(basename(abs));
      byDir.set(dirname(abs), names);
    }
    for (const [dir, w] of dirs) {
      if (byDir.has(dir)) continue;
      w.watcher.close();
      dirs.delete(dir);
    }
    for (const [dir, names] of byDir) {
      const known = dirs.get(dir);
      if (known) {
        known.names.clear();
        for (const n of names) known.names.add(n);
        continue;
      }
      // A directory that is not there (a missing include's) cannot be watched; its siblings are.
      if (!existsSync(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name !== null && !names.has(name.toString())) return;
          changed();
        });
        dirs.set(dir, { watcher, names });
      } catch {
        // Unwatchable (permissions, a file in the way): as if missing.
      }
    }
  };

  arm(files);
  startIdle();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    if (idle) clearImmediate(idle);
    for (const w of dirs.values()) w.watcher.close();
  };
}

/** Watches after the first build: rebuilds on change, and records for the emit cache while idle. */
export function watchBuilds(read: readonly string[], build: WatchBuild, log: (line: string) => void, cache: { recordPending(deadline: number): boolean }): void {
  watchAndRebuild(read, build, log, { idle: (deadline) => cache.recordPending(deadline) });
  // Only now: a change made after this line is seen.
  log(`watching ${read.length} files for changes (Ctrl-C to stop)\n`);
}

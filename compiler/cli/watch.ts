/**
 * `--watch`: rebuild whenever a file the last build read changes. Watches
 * the directories of those files (editors often replace a file rather than
 * write it in place, which a watch on the file itself would miss), batches
 * bursts of changes, and re-reads the set of files after every build, since
 * includes may come and go.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface WatchBuild {
  /** Runs one build; returns the files it read (for the next watch). */
  (): readonly string[];
}

export function watchAndRebuild(files: readonly string[], build: WatchBuild, log: (line: string) => void, debounceMs = 20): () => void {
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let watched = new Set<string>();

  const rebuild = () => {
    timer = undefined;
    const t = performance.now();
    const read = build();
    log(`rebuilt in ${Math.round(performance.now() - t)} ms; watching ${read.length} files\n`);
    arm(read);
  };

  const arm = (paths: readonly string[]) => {
    const next = new Set(paths.map((p) => resolve(p)));
    if (next.size && [...next].every((p) => watched.has(p)) && next.size === watched.size) return;
    for (const w of watchers) w.close();
    watched = next;
    const byDir = new Map<string, Set<string>>();
    for (const p of next) {
      const names = byDir.get(dirname(p)) ?? new Set<string>();
      names.add(basename(p));
      byDir.set(dirname(p), names);
    }
    watchers = [...byDir].map(([dir, names]) =>
      watch(dir, (_event, name) => {
        if (name !== null && !names.has(name.toString())) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(rebuild, debounceMs);
      }));
  };

  arm(files);
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}

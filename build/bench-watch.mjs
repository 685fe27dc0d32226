// `--watch` latency: from the moment an included file is saved to the
// moment all regenerated output is on disk (the watcher logs "rebuilt in"
// after its last write). Runs `qapi-ts generate --watch` (all targets) and
// `qapi-ts docs --watch` on a scratch copy of QEMU 10.2's schema (or, without
// ../shared, of schema/), makes edits of different included files in turn
// (a member description reworded; an optional member added, with its doc
// line), and reports the median and 90th percentile. Warm-up edits first:
// the watch process lives long, so V8's optimizing compiler is on there.
// Never fails on timing; fails if an edit does not show in the output.
//
//   node build/bench-watch.mjs [--edits N] [--warmup N] [--pause MS] [--only generate|docs]
//   QAPI_BENCH_SCHEMA=...: another schema; QAPI_BENCH_CLI=...: another build's bin/qapi-ts.cjs
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const EDITS = Number(arg('edits', 30));
const WARMUP = Number(arg('warmup', 10));
/** Milliseconds between an edit's output and the next edit (someone typing is slower). */
const PAUSE = Number(arg('pause', 150));
const ONLY = arg('only', undefined);
const TARGET_MS = 200;

const shared = resolve(root, '../shared/corpus/qemu-10.2.0/qapi/qapi-schema.json');
const schema = process.env.QAPI_BENCH_SCHEMA ?? (existsSync(shared) ? shared : join(root, 'schema/qapi-schema.json'));
const cli = process.env.QAPI_BENCH_CLI ?? join(root, 'bin/qapi-ts.cjs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

/** Every file under `dir`, as `rel -> text`. */
function readTree(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(p, readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

// Edits. Each returns the new text and a marker that must show in the output, or undefined.
/** Rewords a member description: "# @name: text" gets " (rev N)". */
function editDoc(text, n) {
  const re = /^# @[A-Za-z][\w-]*: [A-Za-z(`'].*$/gm;
  for (let m; (m = re.exec(text));) {
    const line = m[0].replace(/ +\(rev \d+\)$/, '');
    if (line.length > 56) continue;
    const marker = `(rev ${n})`;
    return { text: text.slice(0, m.index) + `${line}${line.endsWith('.') ? '  ' : ' '}${marker}` + text.slice(m.index + m[0].length), marker };
  }
  return undefined;
}

/** Adds an optional member (first, documented first) to a documented struct with members. */
function editMember(text, n) {
  const re = /^##\n# @([A-Za-z][\w-]*):\n((?:#.*\n)*?)##\n\{ 'struct': '\1',\n? *'data': \{ '/gm;
  for (let m; (m = re.exec(text));) {
    const body = m[2];
    const at = body.search(/^# @[a-z]/m);
    if (at < 0) continue;
    const name = `bench-member-${n}`;
    const docStart = m.index + `##\n# @${m[1]}:\n`.length;
    const withDoc = text.slice(0, docStart + at) + `# @${name}: added by the benchmark\n` + text.slice(docStart + at);
    const dataAt = m.index + m[0].length + `# @${name}: added by the benchmark\n`.length - 1;
    return { text: withDoc.slice(0, dataAt) + `'*${name}': 'str', ` + withDoc.slice(dataAt), marker: name };
  }
  return undefined;
}

/** Resident memory of a process, where /proc tells. */
function rssMiB(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function measure(command) {
  const scratch = mkdtempSync(join(tmpdir(), 'qapi-ts-bench-watch-'));
  const src = join(scratch, 'qapi');
  cpSync(dirname(schema), src, { recursive: true });
  const entry = join(src, basename(schema));
  const out = join(scratch, 'out');
  const child = spawn(process.execPath, [cli, command, entry, '-o', out, '--watch'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  /** Each rebuild: when its line arrived, and the log since the previous one. */
  const rebuilds = [];
  let since = 0;
  child.stderr.on('data', (d) => {
    const now = performance.now();
    stderr += d.toString();
    for (let i; (i = stderr.indexOf('\n', since)) >= 0;) {
      const line = stderr.slice(since, i);
      if (/^rebuilt in /.test(line)) rebuilds.push({ at: now, log: stderr.slice(rebuilds.length ? rebuilds.at(-1).end : 0, i), end: i + 1 });
      since = i + 1;
    }
  });
  const until = async (what, ok, ms = 20000) => {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`${command} --watch: timed out waiting for ${what}; stderr:\n${stderr.slice(-4000)}`);
      await sleep(2);
    }
  };
  try {
    await until('the first build', () => /watching \d+ files/.test(stderr));
    const files = readdirSync(src).filter((f) => f.endsWith('.json') && f !== basename(schema)).sort();
    const latencies = [];
    const builds = [];
    const kinds = new Map();
    let n = 0;
    for (let i = 0; i < WARMUP + EDITS; i++) {
      // Different files in turn; doc edits and member additions alternate.
      let edit;
      let file;
      for (let k = 0; k < files.length * 2 && !edit; k++) {
        file = files[(i + k) % files.length];
        const text = readFileSync(join(src, file), 'utf8');
        const kind = (i + k) % 2 ? 'member' : 'doc';
        n++;
        edit = (kind === 'member' ? editMember : editDoc)(text, n) ?? (kind === 'member' ? editDoc : editMember)(text, n);
      }
      if (!edit) throw new Error('no editable file');
      const seen = rebuilds.length;
      await sleep(PAUSE);
      writeFileSync(join(src, file), edit.text);
      const saved = performance.now();
      let done;
      await until(`the rebuild after editing ${file}`, () => {
        for (let r = seen; r < rebuilds.length; r++) {
          if (rebuilds[r].checked) continue;
          rebuilds[r].checked = true;
          const tree = readTree(out);
          if ([...tree.values()].some((t) => t.includes(edit.marker))) {
            done = rebuilds[r];
            return true;
          }
        }
        return false;
      });
      if (/error|warning/.test(done.log)) throw new Error(`${command} --watch: the edit of ${file} gave diagnostics:\n${done.log}`);
      if (i >= WARMUP) {
        latencies.push(done.at - saved);
        builds.push(Number(/rebuilt in (\d+) ms/.exec(done.log)[1]));
        kinds.set(file, (kinds.get(file) ?? 0) + 1);
      }
    }
    return { latencies, builds, files: kinds.size, rssMiB: rssMiB(child.pid) };
  } finally {
    child.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}

console.log(`--watch latency, from saving an included file to all output on disk: ${schema}`);
console.log(`  ${EDITS} edits after ${WARMUP} warm-up ones, a different file each, alternately a member description reworded `
  + `and an optional member added (with its doc line), ${PAUSE} ms apart`);
for (const command of ['generate', 'docs']) {
  if (ONLY && ONLY !== command) continue;
  const { latencies, builds, files, rssMiB: rss } = await measure(command);
  console.log(`qapi-ts ${command} --watch${command === 'generate' ? ' (all targets)' : ''}: median ${median(latencies).toFixed(0)} ms, `
    + `p90 ${quantile(latencies, 0.9).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms over ${latencies.length} edits of ${files} files `
    + `(target: median < ${TARGET_MS} ms); the build itself: median ${median(builds)} ms`
    + `${rss !== undefined ? `; RSS after: ${rss.toFixed(0)} MiB` : ''}`);
}

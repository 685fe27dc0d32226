// `npm run bench`: the front end's speed targets (see README, "Performance").
// Reports medians and ratios; never fails on timing (machines are noisy).
//  1. in-process parse+check of the QEMU 10.2 schema, median of many runs
//  2. whole-process `qapi-ts lint --level minimal` (QEMU's checks) wall time
//     (median) and peak memory, against a bare `node -e 0` and QEMU's Python
//     frontend (0.69 s measured on this kind of machine; its source is not
//     available here to re-run); and `qapi-ts lint` at the default level
//     (our own rules too, every doc example decoded), target < 0.5 s.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { compile } = require(join(root, 'dist/api.cjs'));

const shared = resolve(root, '../shared/corpus/qemu-10.2.0/qapi/qapi-schema.json');
const schema = process.env.QAPI_BENCH_SCHEMA ?? (existsSync(shared) ? shared : join(root, 'schema/qapi-schema.json'));
const QEMU_PYTHON_FRONTEND_S = 0.69;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

console.log(`schema: ${schema}`);

// 1. In-process.
for (let i = 0; i < 5; i++) compile({ entry: schema, diagnosticsOnly: true });
const runs = [];
for (let i = 0; i < 40; i++) {
  const t = performance.now();
  const r = compile({ entry: schema, diagnosticsOnly: true });
  runs.push(performance.now() - t);
  if (r.diagnostics.length) throw new Error(`schema has errors: ${r.diagnostics[0].message}`);
}
const inproc = median(runs);
console.log(`in-process parse+check: median ${inproc.toFixed(1)} ms over ${runs.length} runs (target <= 40 ms)`);

// 2. Whole process.
const wall = (args) => {
  const times = [];
  let rss = 0;
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.push(performance.now() - t);
    const m = /@@maxrss (\d+)/.exec(r.stderr ?? '');
    if (m) rss = Math.max(rss, Number(m[1]));
  }
  return { ms: median(times), rssMiB: rss / 1024 };
};
const bare = wall(['-e', '0']);
// QEMU's frontend only parses and checks: the minimal level is the like-for-like run.
const frontend = wall(['-r', join(root, 'build/bench-rss.cjs'), join(root, 'bin/qapi-ts.cjs'), 'lint', '--level', 'minimal', schema]);
const lint = wall(['-r', join(root, 'build/bench-rss.cjs'), join(root, 'bin/qapi-ts.cjs'), 'lint', schema]);
console.log(`node -e 0: median ${bare.ms.toFixed(0)} ms`);
console.log(`qapi-ts lint --level minimal, QEMU's checks (whole process): median ${frontend.ms.toFixed(0)} ms, `
  + `peak RSS ${frontend.rssMiB.toFixed(0)} MiB (target <= 150 MiB)`);
console.log(`ratio to QEMU's Python frontend (${QEMU_PYTHON_FRONTEND_S} s): ${(frontend.ms / 1000 / QEMU_PYTHON_FRONTEND_S).toFixed(2)} (target <= 0.33)`);
console.log(`qapi-ts lint, default level: QEMU's rules and ours, examples decoded (whole process): median ${lint.ms.toFixed(0)} ms `
  + `(target < 500 ms), peak RSS ${lint.rssMiB.toFixed(0)} MiB`);

// 3. Whole-process emitters on the same schema (written to a scratch directory).
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const scratch = mkdtempSync(join(tmpdir(), 'qapi-ts-bench-'));
const QEMU_GENERATOR_S = 1.9;
const cli = join(root, 'bin/qapi-ts.cjs');
const gen = wall([cli, 'generate', schema, '-o', join(scratch, 'gen')]);
console.log(`qapi-ts generate, all targets (whole process): median ${gen.ms.toFixed(0)} ms; `
  + `ratio to QEMU's qapi-gen.py (${QEMU_GENERATOR_S} s): ${(gen.ms / 1000 / QEMU_GENERATOR_S).toFixed(2)} (target <= 0.25)`);
const docs = wall([cli, 'docs', schema, '-o', join(scratch, 'docs')]);
console.log(`qapi-ts docs (whole process): median ${docs.ms.toFixed(0)} ms (target <= 1000 ms)`);
const intro = wall([cli, 'introspect', schema]);
console.log(`qapi-ts introspect (whole process): median ${intro.ms.toFixed(0)} ms`);
rmSync(scratch, { recursive: true, force: true });

await import('./bench-decode.mjs');
await import('./bench-watch.mjs');

// Micro benchmark: the runtime's lossless JSON reader (and writer) against
// JSON.parse (JSON.stringify) on a synthetic ~300 KB array of objects shaped
// like a query-qmp-schema reply, plus QEMU 10.2's real reply when ../shared
// holds it. Prints median throughput and the ratio. Usage:
//   node build/bench-json.mjs [--runs N]
// The runtime is bundled with esbuild into a temp dir first (as bundle.mjs
// bundles the CLI), so this measures what consumers ship.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 60;

const dir = mkdtempSync(join(tmpdir(), 'qapi-ts-bench-json-'));
let runtime;
try {
  await build({
    entryPoints: [join(root, 'runtime/index.ts')],
    outfile: join(dir, 'runtime.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  runtime = await import(pathToFileURL(join(dir, 'runtime.mjs')).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const { readJson, writeJson } = runtime;

/** A deterministic pseudo-random generator, so every run sees the same data. */
function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** ~300 KB of query-qmp-schema-like entries: names, meta-types, members, enum values, features. */
function synthetic(targetBytes) {
  const rnd = prng(42);
  const words = ['block', 'node', 'name', 'device', 'size', 'id', 'job', 'drive', 'backing', 'format', 'cache', 'iops', 'read-only', 'detect-zeroes', 'bps', 'filename'];
  const word = () => words[Math.floor(rnd() * words.length)];
  const metaTypes = ['object', 'enum', 'command', 'event', 'array', 'builtin', 'alternate'];
  const entries = [];
  let bytes = 2;
  for (let i = 0; bytes < targetBytes; i++) {
    const meta = metaTypes[i % metaTypes.length];
    const e = { name: `${word()}-${word()}-${i}`, 'meta-type': meta };
    if (meta === 'object') {
      e.members = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, j) => {
        const m = { name: `${word()}-${j}`, type: String(Math.floor(rnd() * 900)) };
        if (rnd() < 0.3) m.default = null;
        if (rnd() < 0.1) m.features = ['deprecated'];
        return m;
      });
      if (rnd() < 0.2) e.tag = 'type';
    } else if (meta === 'enum') {
      e.values = Array.from({ length: 2 + Math.floor(rnd() * 8) }, () => word());
      e.members = e.values.map((name) => ({ name }));
    } else if (meta === 'command') {
      e['arg-type'] = String(Math.floor(rnd() * 900));
      e['ret-type'] = String(Math.floor(rnd() * 900));
      if (rnd() < 0.1) e['allow-oob'] = true;
    } else if (meta === 'event') {
      e['arg-type'] = String(Math.floor(rnd() * 900));
    } else if (meta === 'array') {
      e['element-type'] = String(Math.floor(rnd() * 900));
    } else if (meta === 'builtin') {
      e['json-type'] = ['int', 'string', 'number', 'boolean', 'value'][i % 5];
    } else {
      e.members = [{ type: 'str' }, { type: String(i % 900) }];
    }
    // a few numbers as in other replies (sizes, timestamps, fractions)
    if (i % 11 === 0) e.size = Math.floor(rnd() * 2 ** 40);
    if (i % 13 === 0) e.ratio = Math.round(rnd() * 1e6) / 1e3;
    bytes += JSON.stringify(e).length + 1;
    entries.push(e);
  }
  return JSON.stringify({ return: entries, id: 'bench-1' });
}

/** ~300 KB of PCI-BAR-like records whose 64-bit values mostly exceed 2^53 (bigint territory). */
function wide(targetBytes) {
  const rnd = prng(7);
  const u64 = () => (BigInt(Math.floor(rnd() * 2 ** 32)) << 32n) | BigInt(Math.floor(rnd() * 2 ** 32));
  const parts = [];
  let bytes = 2;
  for (let i = 0; bytes < targetBytes; i++) {
    const rec = `{"bus":${i % 256},"slot":${i % 32},"bar":${i % 6},"address":${i % 5 === 0 ? '18446744073709551615' : u64()},` +
      `"size":${u64()},"type":"memory","prefetch":${i % 2 === 0},"ns":${1700000000000000000n + BigInt(i) * 1000003n}}`;
    bytes += rec.length + 1;
    parts.push(rec);
  }
  return `{"return":[${parts.join(',')}]}`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs each candidate `runs` times, interleaved, after warm-up; returns median ms per call. */
function race(candidates) {
  for (let w = 0; w < 15; w++) for (const c of candidates) c.fn();
  const times = candidates.map(() => []);
  for (let r = 0; r < runs; r++) {
    candidates.forEach((c, i) => {
      const t0 = process.hrtime.bigint();
      c.fn();
      times[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return times.map(median);
}

function report(label, bytes, pairs) {
  console.log(`\n${label}: ${(bytes / 1024).toFixed(0)} KB, median of ${runs} runs`);
  for (const [name, ms, base] of pairs) {
    const mbps = bytes / 1e6 / (ms / 1e3);
    const ratio = base === undefined ? '' : `  ${(ms / base).toFixed(2)}x ${base === ms ? '' : 'the time of the native call'}`;
    console.log(`  ${name.padEnd(34)} ${ms.toFixed(3).padStart(8)} ms  ${mbps.toFixed(0).padStart(5)} MB/s${ratio}`);
  }
}

function benchText(label, text, { lossless = false } = {}) {
  const native = JSON.parse(text);
  const ours = readJson(text);
  if (lossless) {
    if (writeJson(ours) !== text) throw new Error(`${label}: readJson/writeJson do not round-trip`);
  } else if (!isDeepStrictEqual(ours, native)) {
    throw new Error(`${label}: readJson and JSON.parse disagree`);
  }
  const [tParse, tRead, tReadStrict] = race([
    { fn: () => JSON.parse(text) },
    { fn: () => readJson(text) },
    { fn: () => readJson(text, { doubles: true, qemuSyntax: true }) },
  ]);
  // (the writer gets what readJson gave: with bigints when there are any)
  const [tStringify, tWrite, tWriteAscii] = race([
    { fn: () => JSON.stringify(native) },
    { fn: () => writeJson(ours) },
    { fn: () => writeJson(ours, { ascii: true }) },
  ]);
  report(label, text.length, [
    ['JSON.parse', tParse],
    ['readJson', tRead, tParse],
    ['readJson {doubles, qemuSyntax}', tReadStrict, tParse],
    ['JSON.stringify', tStringify],
    ['writeJson', tWrite, tStringify],
    ['writeJson {ascii}', tWriteAscii, tStringify],
  ]);
  return tRead / tParse;
}

console.log(`node ${process.version}`);
const ratios = [benchText('synthetic query-qmp-schema-like reply', synthetic(300 * 1024))];
const real = resolve(root, '../shared/corpus-expected/qemu-10.2.0/qapi.introspect-all-true.json');
if (existsSync(real)) {
  const reply = JSON.stringify({ return: JSON.parse(readFileSync(real, 'utf8')), id: 1 });
  ratios.push(benchText('QEMU 10.2 query-qmp-schema reply (compact)', reply));
}
ratios.push(benchText('64-bit-heavy records (JSON.parse loses precision here)', wide(300 * 1024), { lossless: true }));
console.log(`\nreadJson / JSON.parse time ratio: ${ratios.map((r) => r.toFixed(2) + 'x').join(', ')}`);

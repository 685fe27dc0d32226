// Decode throughput: the generated decoders (`generate --target marshal`)
// against Ajv validators compiled from our own JSON Schema (`--target
// json-schema`, draft 2020-12), on the same messages. Reports medians and
// the ratio ours/ajv; never fails on timing.
//
// Schema: QEMU 10.2's qapi/qapi-schema.json from ../shared, else our
// schema/ (messages whose command it lacks are skipped). The generated code
// is bundled with esbuild (runtime included) into a temporary directory.
//
//   node build/bench-decode.mjs          (after `node build/bundle.mjs`)
//   QAPI_BENCH_SCHEMA=path/to/schema.json node build/bench-decode.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js');

const qemuSchema = resolve(root, '../shared/corpus/qemu-10.2.0/qapi/qapi-schema.json');
const schema = process.env.QAPI_BENCH_SCHEMA ?? (existsSync(qemuSchema) ? qemuSchema : join(root, 'schema/qapi-schema.json'));
const cli = join(root, 'bin/qapi-ts.cjs');
const tmp = mkdtempSync(join(tmpdir(), 'qapi-bench-decode-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

console.log('');
console.log('decode throughput: generated decoders vs Ajv (draft 2020-12) on our JSON Schema');
console.log(`schema: ${schema}`);

try {
  // 1. Generate, bundle, load.
  const qapi = (...args) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  qapi('generate', schema, '-o', join(tmp, 'gen'), '-t', 'marshal', '-t', 'json-schema', '--int64', process.env.QAPI_BENCH_INT64 ?? 'bigint');
  const introspection = qapi('introspect', schema);
  const entry = join(tmp, 'entry.ts');
  writeFileSync(entry, "export { commandCodecs, eventCodecs } from './gen/index.ts';\nexport { readJson } from 'qapi-ts/runtime';\n");
  const outfile = join(tmp, 'decoders.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    alias: { 'qapi-ts/runtime': join(root, 'runtime/index.ts') },
    logLevel: 'warning',
  });
  const { commandCodecs, readJson } = await import(pathToFileURL(outfile).href);
  const jsonSchema = JSON.parse(readFileSync(join(tmp, 'gen/json-schema.json'), 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema(jsonSchema, 'qapi.json');
  const validator = (key) => ajv.compile({ $ref: `qapi.json#/$defs/${encodeURIComponent(key)}` });

  // 2. The messages.
  const queryBlock = [
    {
      'io-status': 'ok', device: 'ide0-hd0', locked: false, removable: false,
      inserted: {
        ro: false, drv: 'qcow2', encrypted: false, file: 'disks/test.qcow2', 'node-name': '#block143',
        backing_file_depth: 1, children: [{ child: 'file', 'node-name': '#block011' }], active: true,
        bps: 1000000, bps_rd: 0, bps_wr: 0, iops: 1000000, iops_rd: 0, iops_wr: 0,
        bps_max: 8000000, bps_rd_max: 0, bps_wr_max: 0, iops_max: 0, iops_rd_max: 0, iops_wr_max: 0, iops_size: 0,
        detect_zeroes: 'on', write_threshold: 0, cache: { writeback: true, direct: false, 'no-flush': false },
        image: {
          filename: 'disks/test.qcow2', format: 'qcow2', 'virtual-size': 2048000, 'actual-size': 1310720,
          'dirty-flag': false, 'cluster-size': 65536,
          'backing-filename': 'base.qcow2', 'full-backing-filename': 'disks/base.qcow2', 'backing-filename-format': 'qcow2',
          snapshots: [{ id: '1', name: 'snapshot1', 'vm-state-size': 0, 'date-sec': 10000200, 'date-nsec': 12, 'vm-clock-sec': 206, 'vm-clock-nsec': 30 }],
          'format-specific': { type: 'qcow2', data: { compat: '1.1', 'lazy-refcounts': false, corrupt: false, 'refcount-bits': 16, 'compression-type': 'zlib' } },
          'backing-image': { filename: 'disks/base.qcow2', format: 'qcow2', 'virtual-size': 2048000 },
        },
      },
      qdev: 'ide_disk', type: 'unknown',
    },
    { 'io-status': 'ok', device: 'ide1-cd0', locked: false, removable: true, qdev: '/machine/unattached/device[23]', tray_open: false, type: 'unknown' },
    { device: 'floppy0', locked: false, removable: true, qdev: '/machine/unattached/device[20]', type: 'unknown' },
    { device: 'sd0', locked: false, removable: true, type: 'unknown' },
  ];
  const blockdevAdd = {
    driver: 'qcow2', 'node-name': 'disk0', 'read-only': false, discard: 'unmap', 'detect-zeroes': 'unmap',
    cache: { direct: true, 'no-flush': false },
    'lazy-refcounts': true, 'cache-size': 33554432, 'l2-cache-size': 8388608, 'refcount-cache-size': 262144,
    'overlap-check': { template: 'cached', 'inactive-l2': false },
    encrypt: { format: 'luks', 'key-secret': 'sec0' },
    file: { driver: 'file', filename: '/var/lib/images/disk0.qcow2', aio: 'native', locking: 'auto', 'node-name': 'disk0-file' },
    backing: { driver: 'raw', file: { driver: 'host_device', filename: '/dev/vg0/base' } },
  };
  const messages = [
    { label: 'query-qmp-schema reply (large)', command: 'query-qmp-schema', part: 'returns', text: introspection.trim() },
    { label: 'query-status reply', command: 'query-status', part: 'returns', value: { running: true, status: 'running' } },
    { label: 'query-version reply', command: 'query-version', part: 'returns', value: { qemu: { major: 10, minor: 2, micro: 0 }, package: 'v10.2.0' } },
    { label: 'query-block reply (4 devices)', command: 'query-block', part: 'returns', value: queryBlock },
    { label: 'blockdev-add arguments (qcow2)', command: 'blockdev-add', part: 'arguments', value: blockdevAdd },
  ];

  // The messages are QEMU 10.2's; for another schema (say ours, of the 2.x
  // era), members it does not know are dropped and a few it requires that
  // 10.2 lacks are added, until it decodes.
  const DEFAULTS = { singlestep: false, encryption_key_missing: false };
  const adapt = (decode, text) => {
    const value = readJson(text);
    for (let tries = 0; ; tries++) {
      try {
        decode(value);
        return tries ? JSON.stringify(value) : text;
      } catch (e) {
        if (tries > 5000 || !e.path) throw e;
        const keys = [...e.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((x) => (x[2] !== undefined ? Number(x[2]) : x[1]));
        const last = keys.pop();
        const parent = keys.reduce((o, k) => o[k], value);
        if (e.kind === 'unexpected') delete parent[last];
        else if (e.kind === 'missing' && last in DEFAULTS) parent[last] = DEFAULTS[last];
        else throw e;
      }
    }
  };

  // 3. Measure. Machines are noisy (and shared), so the two contenders run
  // in alternating batches, each calibrated to ~10 ms: both see the same
  // load, and the ratio is the median of the per-pair ratios. Each first
  // runs alone for WARMUP_MS: V8 optimizes a function once it has run hot
  // for a while, on a background thread, and Ajv's validators for the large
  // messages are large functions; on a busy machine a few batches were not
  // always enough, and Ajv was then measured unoptimized (10x slower).
  let sink = 0;
  const BATCHES = 31;
  const WARMUP_MS = 300;
  const calibrate = (fn, input) => {
    let n = 1;
    for (;;) {
      const t = performance.now();
      for (let i = 0; i < n; i++) if (fn(input)) sink++;
      if (performance.now() - t > 10) return n;
      n *= 2;
    }
  };
  const batch = (fn, input, n) => {
    const t = performance.now();
    for (let i = 0; i < n; i++) if (fn(input)) sink++;
    return n / ((performance.now() - t) / 1000);
  };
  const race = (a, aInput, b, bInput) => {
    const na = calibrate(a, aInput);
    const nb = calibrate(b, bInput);
    for (const [fn, input, n] of [[a, aInput, na], [b, bInput, nb]]) {
      const start = performance.now();
      while (performance.now() - start < WARMUP_MS) batch(fn, input, n);
    }
    for (let i = 0; i < 5; i++) batch(a, aInput, na) + batch(b, bInput, nb); // let both settle together
    gc();
    const ra = [];
    const rb = [];
    const ratios = [];
    for (let i = 0; i < BATCHES; i++) {
      ra.push(batch(a, aInput, na));
      rb.push(batch(b, bInput, nb));
      ratios.push(ra[i] / rb[i]);
    }
    return { a: median(ra), b: median(rb), ratio: median(ratios) };
  };

  const rows = [];
  for (const m of messages) {
    const codec = commandCodecs[m.command];
    if (!codec) {
      console.log(`  ${m.label}: skipped (no command ${m.command} in this schema)`);
      continue;
    }
    const ours = m.part === 'returns' ? codec.decodeReturns : codec.decodeArguments;
    const validate = validator(`command:${m.command}:${m.part}`);
    let text = m.text ?? JSON.stringify(m.value);
    try {
      text = adapt(ours, text);
    } catch (e) {
      console.log(`  ${m.label}: skipped, our decoder rejects it: ${e.message}`);
      continue;
    }
    const bytes = Buffer.byteLength(text);
    const input = readJson(text); // what our decoders get: bigints beyond 2^53
    const parsed = JSON.parse(text); // what Ajv gets
    const ajvOk = validate(parsed);
    if (!ajvOk) console.log(`  ${m.label}: note: Ajv rejects it: ${JSON.stringify(validate.errors?.[0])}`);
    const decodeOnly = race((v) => ours(v), input, (v) => validate(v), parsed);
    const withParse = race((t) => ours(readJson(t)), text, (t) => validate(JSON.parse(t)), text);
    rows.push({ label: m.label, bytes, decodeOnly, withParse });
  }

  const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
  const mb = (ops, bytes) => ((ops * bytes) / 1e6).toFixed(1);
  const pad = (s, n) => String(s).padStart(n);
  const table = (title, pick) => {
    console.log('');
    console.log(title);
    console.log(`  ${'message'.padEnd(32)}${pad('bytes', 9)}${pad('ours ops/s', 14)}${pad('MB/s', 8)}${pad('ajv ops/s', 14)}${pad('MB/s', 8)}${pad('ours/ajv', 10)}`);
    for (const r of rows) {
      const x = pick(r);
      console.log(`  ${r.label.padEnd(32)}${pad(r.bytes, 9)}${pad(fmt(x.a), 14)}${pad(mb(x.a, r.bytes), 8)}${pad(fmt(x.b), 14)}${pad(mb(x.b, r.bytes), 8)}${pad(x.ratio.toFixed(2), 10)}`);
    }
  };
  table(`decode only, input already parsed (medians of ${BATCHES} alternating batches):`, (r) => r.decodeOnly);
  table('parse + decode from JSON text (ours: readJson, lossless; Ajv: JSON.parse):', (r) => r.withParse);
  console.log('');
  console.log('Not like for like: our decoders also build the output value (the input itself where nothing changes,');
  console.log('new objects where something does: 64-bit integers as bigint), reject unknown members, and say where');
  console.log('and why input is wrong in QEMU\'s words; Ajv only validates its input (allErrors off).');
  if (sink < 0) console.log(sink);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

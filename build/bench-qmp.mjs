// QMP runtime benchmark: N concurrent clients x M commands each over Unix
// sockets, against our QmpServer (in its own process, codecs generated from
// schema/qapi-schema.json) and against a real QEMU answering query-version
// (one -qmp socket per client: a QEMU monitor serves one client at a time).
// Every reply is checked: the right value, and per connection the reply ids
// in exactly the order the requests were sent (in-band commands run in
// order), none lost. Prints throughput, latency percentiles and the ratio.
//
//   node build/bench-qmp.mjs [--clients 50] [--commands 1000] [--window 8]
//                            [--qemu-commands N] [--no-qemu]
//
// Needs `node build/bundle.mjs` (dist/api.cjs); QEMU is skipped when
// /usr/bin/qemu-system-x86_64 (or $QEMU_SYSTEM_X86_64) is absent.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};

// ---- child mode: serve the mock VM on a socket --------------------------------
if (argv[0] === '--serve') {
  const [, lib, path] = argv;
  const { QmpServer, commandCodecs } = await import(pathToFileURL(lib).href);
  const version = { qemu: { major: 7, minor: 2, micro: 22 }, package: 'qapi-ts bench' };
  const status = { running: true, singlestep: false, status: 'running' };
  const def = (name, handler) => ({
    name,
    decodeArguments: commandCodecs[name].decodeArguments,
    encodeReturns: commandCodecs[name].encodeReturns,
    allowPreconfig: true,
    handler,
  });
  const server = new QmpServer({ version, commands: [def('query-version', () => version), def('query-status', () => status)] });
  await server.listen({ path });
  process.send?.('ready');
  process.on('message', async (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (m === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
  await new Promise(() => undefined);
}

// ---- build: generated codecs + runtime as one ES module ----------------------
const require = createRequire(import.meta.url);
const { compile, generate } = require(join(root, 'dist/api.cjs'));
const { build } = await import('esbuild');

const work = mkdtempSync(join(tmpdir(), 'bench-qmp-'));
const gen = join(work, 'gen');
const ir = compile({ entry: join(root, 'schema/qapi-schema.json') }).ir;
for (const f of generate(ir, { targets: ['marshal'] })) {
  mkdirSync(dirname(join(gen, f.path)), { recursive: true });
  writeFileSync(join(gen, f.path), f.content);
}
writeFileSync(join(work, 'entry.ts'), `export * from ${JSON.stringify(join(root, 'runtime/index.ts'))};\nexport { commandCodecs, eventCodecs } from ${JSON.stringify(join(gen, 'index.ts'))};\n`);
const lib = join(work, 'lib.mjs');
await build({
  entryPoints: [join(work, 'entry.ts')],
  outfile: lib,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  alias: { 'qapi-ts/runtime': join(root, 'runtime/index.ts') },
  logLevel: 'warning',
});
const { QmpClient, commandCodecs } = await import(pathToFileURL(lib).href);

// ---- the load generator -------------------------------------------------------
const CLIENTS = opt('clients', 50);
const COMMANDS = opt('commands', 1000);
const WINDOW = opt('window', 8);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One client: `commands` query-version calls, at most `window` in flight; checks every reply. */
async function runClient(path, commands, window) {
  const sent = [];
  const received = [];
  const client = await QmpClient.connect({ path }, {
    commandCodecs,
    timeoutMs: 120_000,
    trace: (dir, m) => {
      if (dir === 'send') sent.push(m.id);
      else if ('return' in m || 'error' in m) received.push(m.id);
    },
  });
  const expected = commandCodecs['query-version'].decodeReturns(client.greeting.version);
  const latencies = new Float64Array(commands);
  let next = 0;
  let wrong = 0;
  const worker = async () => {
    while (next < commands) {
      const i = next++;
      const t = performance.now();
      const r = await client.execute('query-version');
      latencies[i] = performance.now() - t;
      if (!isDeepStrictEqual(r, expected)) wrong++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, commands) }, worker));
  await client.close();
  const inOrder = sent.length === received.length && sent.every((id, i) => id === received[i]);
  return { latencies, wrong, sent: sent.length - 1, received: received.length - 1, inOrder };
}

async function load(name, paths, commands, cpuOf) {
  const serverCpu0 = await cpuOf?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await Promise.all(paths.map((p) => runClient(p, commands, WINDOW)));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const serverCpu1 = await cpuOf?.();
  const all = Float64Array.from(results.flatMap((r) => [...r.latencies])).sort();
  const total = results.reduce((n, r) => n + r.received, 0);
  const lost = results.reduce((n, r) => n + (r.sent - r.received), 0);
  const wrong = results.reduce((n, r) => n + r.wrong, 0);
  const disorder = results.filter((r) => !r.inOrder).length;
  const res = {
    name,
    clients: paths.length,
    commands,
    total,
    wall,
    throughput: (total / wall) * 1000,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all[all.length - 1],
    lost,
    wrong,
    disorder,
  };
  console.log(
    `${name.padEnd(10)} ${res.clients} clients x ${commands} commands (<= ${WINDOW} in flight each): ` +
      `${total} replies in ${(wall / 1000).toFixed(2)} s = ${Math.round(res.throughput)} commands/s; ` +
      `latency p50 ${res.p50.toFixed(2)} ms, p99 ${res.p99.toFixed(2)} ms, max ${res.max.toFixed(2)} ms; ` +
      `lost ${lost}, wrong ${wrong}, out of order ${disorder}`,
  );
  const ms = (u) => (u.user + u.system) / 1000;
  console.log(
    `${''.padEnd(10)} CPU: load generator ${Math.round(ms(cpu))} ms` +
      (serverCpu0 ? `, server ${Math.round(ms(serverCpu1) - ms(serverCpu0))} ms` : '') +
      ` over ${Math.round(wall)} ms wall`,
  );
  if (lost || wrong || disorder || total !== paths.length * commands) {
    console.error(`${name}: FAILED: replies lost, wrong or out of order`);
    process.exitCode = 1;
  }
  return res;
}

console.log(`node ${process.version}, ${CLIENTS} clients, ${COMMANDS} commands each, window ${WINDOW}`);

// Our server, in a child process.
const sock = join(work, 'ours.sock');
const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SERVER_PROF] : []), fileURLToPath(import.meta.url), '--serve', lib, sock], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
await new Promise((r, j) => {
  child.once('message', r);
  child.once('exit', (c) => j(new Error(`server exited: ${c}`)));
});
const serverCpu = () =>
  new Promise((r) => {
    child.once('message', (m) => r(m.cpu));
    child.send('cpu');
  });
await load('warm-up', Array.from({ length: 4 }, () => sock), 200);
const ours = await load('qapi-ts', Array.from({ length: CLIENTS }, () => sock), COMMANDS, serverCpu);
child.send('stop');

// Real QEMU, one monitor per client.
const qemuBin = process.env.QEMU_SYSTEM_X86_64 ?? '/usr/bin/qemu-system-x86_64';
if (!argv.includes('--no-qemu') && existsSync(qemuBin)) {
  const paths = Array.from({ length: CLIENTS }, (_, i) => join(work, `qemu${i}.sock`));
  const args = ['-machine', 'none', '-nodefaults', '-display', 'none'];
  for (const p of paths) args.push('-qmp', `unix:${p},server=on,wait=off`);
  const qemu = spawn(qemuBin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 20000;
  while (!paths.every((p) => existsSync(p)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const qemuCommands = opt('qemu-commands', COMMANDS);
  try {
    const q = await load('QEMU 7.2', paths, qemuCommands);
    console.log(
      `ratio qapi-ts / QEMU: throughput x${(ours.throughput / q.throughput).toFixed(2)}, ` +
        `p99 latency x${(ours.p99 / q.p99).toFixed(2)}` +
        (qemuCommands !== COMMANDS ? ` (QEMU ran ${qemuCommands} commands per client, not ${COMMANDS})` : ''),
    );
  } finally {
    qemu.kill('SIGKILL');
  }
} else {
  console.log('QEMU: skipped (no binary, or --no-qemu)');
}
rmSync(work, { recursive: true, force: true });

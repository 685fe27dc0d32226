/**
 * Against the real QEMU binary (Debian 12's qemu-system-x86, QEMU 7.2;
 * skipped when /usr/bin/qemu-system-x86_64 is absent):
 * - its query-qmp-schema reply, imported and introspected again, is the
 *   reply byte for byte (in QEMU's own wire form), in-process and through
 *   `qapi-ts introspect --from-qemu` / `--from-qmp-schema`;
 * - `qapi-ts generate --from-qemu` writes every target, and the code
 *   compiles under tsc --strict;
 * - that code talks to a live QEMU (`-qmp unix:...`): query-status,
 *   query-version and query-commands decoded strictly, over a plain socket
 *   exchange and, when the runtime has it, the generated typed client.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJson } from 'qapi-ts/runtime';
import { emitIntrospection, introspectionJson, type SchemaInfo } from '../../compiler/emitters/introspect.js';
import { qobjectJson } from '../../compiler/emitters/qobject-json.js';
import { probeQemu, probeQemuSync, QemuProbeError, type ProbeResult } from '../../compiler/import/qemu-probe.js';
import { readSchemaInfo } from '../../compiler/import/schema-info-reader.js';
import { IMPORT_DEFINES, schemaInfoToIr } from '../../compiler/import/to-ir.js';
import { canonical, cli, QEMU, root, runtimeHasQmpClient, typeCheck } from './helpers.js';

const haveQemu = existsSync(QEMU);
const run = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });

let probe: ProbeResult;

/** `a === b` without printing megabytes when they differ: the first differing offset instead. */
function expectSameText(a: string, b: string) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  expect(i === a.length && a.length === b.length ? 'same' : `differ at ${i}: ${JSON.stringify(a.slice(i, i + 80))} vs ${JSON.stringify(b.slice(i, i + 80))}`)
    .toBe('same');
}
let reply: SchemaInfo[];
let work = '';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'qapi-ts-qemu-'));
  if (!haveQemu) return;
  probe = await probeQemu(QEMU);
  reply = readSchemaInfo((JSON.parse(probe.reply) as { return: unknown }).return, QEMU, '$.return').entries;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

(haveQemu ? describe : describe.skip)('QEMU binary: round trip', () => {
  test('the reply, imported and introspected again, is byte for byte what QEMU sent', () => {
    expect(probe.version).toMatch(/^\d+\.\d+\.\d+$/);
    const imported = schemaInfoToIr(reply, { source: 'qemu-system-x86_64' });
    expect(imported.warnings).toEqual([]);
    expect(imported.masked).toBe(true);
    expect(imported.reproducible).toBe(true);
    const again = emitIntrospection(imported.ir, { defines: IMPORT_DEFINES });
    // The whole response line: the probe asked with "id": "schema".
    expectSameText(qobjectJson({ return: again, id: 'schema' }), probe.reply);
    // And deep-equal, order of entries included (object keys aside).
    expect(canonical(again)).toBe(canonical(reply));
    const counts = (list: SchemaInfo[]) => list.reduce<Record<string, number>>((n, e) => ({ ...n, [e['meta-type']]: (n[e['meta-type']] ?? 0) + 1 }), {});
    console.log(`QEMU ${probe.version}: ${reply.length} entries ${JSON.stringify(counts(reply))}; `
      + `${imported.ir.definitions.filter((d) => d.if !== undefined).length} definitions added for compiled-out uses`);
  });

  test('through the CLI: --from-qemu, --from-qmp-schema, --format qmp', () => {
    const wire = run(['introspect', '--from-qemu', QEMU, '--format', 'qmp']);
    expect(wire.stderr).toBe('');
    expect(wire.status).toBe(0);
    expectSameText(wire.stdout, `${qobjectJson(reply)}\n`);
    const saved = run(['introspect', '--from-qemu', QEMU]);
    expect(saved.status).toBe(0);
    writeFileSync(join(work, 'qemu.json'), saved.stdout);
    writeFileSync(join(work, 'transcript.txt'), `${probe.greeting}\r\n{"return": {}, "id": 1}\r\n${probe.reply}\r\n`);
    for (const file of ['qemu.json', 'transcript.txt']) {
      const again = run(['introspect', '--from-qmp-schema', file], work);
      expect(again.stderr).toBe('');
      expectSameText(again.stdout, saved.stdout);
    }
    expectSameText(saved.stdout, introspectionJson(reply));
    // With --unmask: the readable names.
    const named = JSON.parse(run(['introspect', '--from-qmp-schema', 'qemu.json', '--unmask'], work).stdout) as SchemaInfo[];
    expect(named.find((e) => e.name === 'query-status')).toMatchObject({ 'arg-type': 'q_empty', 'ret-type': 'StatusInfo' });
    expect(named.find((e) => e.name === 'query-commands')).toMatchObject({ 'ret-type': '[CommandInfo]' });
  });

  test('the synchronous probe (what the CLI runs) gives the same reply', () => {
    expectSameText(probeQemuSync(QEMU).reply, probe.reply);
  });
});

describe('probing failures are messages, not hangs', () => {
  test.each([
    ['/nonexistent/qemu-system-x86_64', {}, /no such file/],
    ['/bin/false', {}, /exited with status 1 before its QMP greeting/],
    ['/bin/sleep', { args: ['30'], timeoutMs: 500 }, /no answer within 0\.5 s before its QMP greeting; stopped it/],
    ['/bin/echo', { args: ['hello'] }, /does not speak QMP on stdio/],
  ] as const)('%s', async (binary, options, message) => {
    await expect(probeQemu(binary, options)).rejects.toThrow(QemuProbeError);
    await expect(probeQemu(binary, options)).rejects.toThrow(message);
  });

  test('the CLI says so and exits 1', () => {
    const r = run(['generate', '--from-qemu', '/nonexistent/qemu', '-o', join(work, 'none')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('qapi-ts generate: error: /nonexistent/qemu: cannot start it: no such file (is QEMU installed?)\n');
  });
});

/** A minimal QMP exchange over a socket: the greeting, then commands by id. */
class Exchange {
  private buffer = '';
  private readonly waiting = new Map<string, (msg: Record<string, unknown>) => void>();
  greeting: Promise<Record<string, unknown>>;
  private counter = 0;

  constructor(private readonly socket: net.Socket) {
    let gotGreeting: (msg: Record<string, unknown>) => void = () => {};
    this.greeting = new Promise((resolve) => {
      gotGreeting = resolve;
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (!line) continue;
        // Lossless: 64-bit integers stay exact.
        const msg = readJson(line) as Record<string, unknown>;
        if ('QMP' in msg) gotGreeting(msg);
        else if (typeof msg.id === 'string') this.waiting.get(msg.id)?.(msg);
      }
    });
  }

  async execute(command: string): Promise<unknown> {
    const id = `t${++this.counter}`;
    const answer = new Promise<Record<string, unknown>>((resolve) => this.waiting.set(id, resolve));
    this.socket.write(`${JSON.stringify({ execute: command, id })}\n`);
    const msg = await answer;
    if ('error' in msg) throw new Error(`${command}: ${JSON.stringify(msg.error)}`);
    return msg.return;
  }
}

type Codec = (v: unknown, o?: { lenient?: boolean }) => unknown;
interface GeneratedIndex {
  commandCodecs: Record<string, { decodeReturns: Codec; decodeArguments: Codec }>;
}

(haveQemu ? describe : describe.skip)('QEMU binary: generated client', () => {
  let out = '';
  let qemu: ChildProcess | undefined;
  let socketPath = '';

  beforeAll(() => {
    out = join(root, 'test/.generated/qemu-live');
    rmSync(out, { recursive: true, force: true });
  });
  afterAll(async () => {
    if (qemu && qemu.exitCode === null && qemu.signalCode === null) {
      const gone = new Promise((resolve) => qemu!.once('exit', resolve));
      qemu.kill('SIGKILL');
      await gone;
    }
  });

  test('generate --from-qemu: every target, compiles under tsc --strict', () => {
    const r = run(['generate', '--from-qemu', QEMU, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
    const qemuTs = readFileSync(join(out, 'qemu.ts'), 'utf8');
    expect(qemuTs).toContain('// Source: qemu-system-x86_64 (QAPI module qemu.json)');
    expect(qemuTs).toMatch(/export interface StatusInfo \{\n {2}running: boolean;\n {2}singlestep: boolean;\n {2}status: StatusInfoStatus;\n\}/);
    expect(qemuTs).toContain('export interface VersionInfo {');
    expect(qemuTs).toContain('export interface CommandInfo {');
    // What only reproduces QEMU's numbering of compiled-out types appears in no generated file.
    for (const f of readdirSync(out, { recursive: true }).map(String).filter((f) => /\.(ts|md|json)$/.test(f))) {
      expect([f, /QAPI_TS_NOT_IN_REPLY|q_absent|Q_ABSENT|q-absent|QAbsent/.test(readFileSync(join(out, f), 'utf8'))]).toEqual([f, false]);
    }
    const introspection = readFileSync(join(out, 'introspection.ts'), 'utf8');
    expect(introspection.includes(introspectionJson(reply).trimEnd())).toBe(true);
    expect(typeCheck(out)).toEqual([]);
  }, 120_000);

  test('query-status, query-version, query-commands against a live QEMU, decoded strictly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qapi-ts-qmp-'));
    socketPath = join(dir, 'qmp.sock');
    qemu = spawn(QEMU, ['-machine', 'none', '-nodefaults', '-display', 'none', '-qmp', `unix:${socketPath},server=on,wait=off`],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    for (let i = 0; i < 200 && !existsSync(socketPath); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(socketPath)).toBe(true);

    const mod = (await import(join(out, 'index.ts'))) as GeneratedIndex;
    const socket = net.connect(socketPath);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const qmp = new Exchange(socket);
    const greeting = await qmp.greeting;
    await qmp.execute('qmp_capabilities');
    const decode = async (command: string) => mod.commandCodecs[command].decodeReturns(await qmp.execute(command));

    const status = (await decode('query-status')) as { running: boolean; singlestep: boolean; status: string };
    expect(status).toEqual({ running: true, singlestep: false, status: 'running' });
    const version = (await decode('query-version')) as { qemu: { major: bigint; minor: bigint; micro: bigint }; package: string };
    const greeted = (greeting.QMP as { version: { qemu: Record<string, bigint | number> } }).version.qemu;
    expect(version.qemu).toEqual({ major: BigInt(greeted.major), minor: BigInt(greeted.minor), micro: BigInt(greeted.micro) });
    expect(`${version.qemu.major}.${version.qemu.minor}.${version.qemu.micro}`).toBe(probe.version);
    expect(typeof version.package).toBe('string');
    const commands = (await decode('query-commands')) as { name: string }[];
    // The binary runs exactly the commands its schema lists.
    expect(commands.map((c) => c.name).sort()).toEqual(reply.filter((e) => e['meta-type'] === 'command').map((e) => e.name).sort());

    // Strict: members and values this schema does not know are errors.
    const codec = mod.commandCodecs['query-status'];
    expect(() => codec.decodeReturns({ ...status, extra: 1 })).toThrow(/extra/);
    expect(() => codec.decodeReturns({ ...status, status: 'dancing' })).toThrow(/status/);
    expect(codec.decodeReturns({ ...status, extra: 1 }, { lenient: true })).toEqual(status);

    // QEMU serves one QMP connection at a time on this socket.
    socket.destroy();
    if (runtimeHasQmpClient()) {
      // The generated typed client on the runtime's QmpClient.
      const client = (await import(join(out, 'client.ts'))) as {
        connect(target: { path: string }, options: { strict: boolean }): Promise<{
          execute(name: string): Promise<unknown>;
          close(): Promise<void>;
        }>;
      };
      const typed = await client.connect({ path: socketPath }, { strict: true });
      try {
        expect(await typed.execute('query-status')).toEqual(status);
        expect(await typed.execute('query-version')).toEqual(version);
        expect(await typed.execute('query-commands')).toEqual(commands);
      } finally {
        await typed.close();
      }
    } else {
      console.log('runtime/index.ts does not export QmpClient yet: the typed client was not exercised');
    }

    const gone = new Promise((resolve) => qemu!.once('exit', resolve));
    qemu.kill('SIGKILL');
    await gone;
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

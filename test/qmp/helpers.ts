/**
 * Shared by the QMP tests: generating codecs from a schema in-process, a
 * mock VM served by QmpServer with definitions built from the IR, a raw
 * wire client for transcripts, and starting/stopping a real QEMU.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { generate } from '../../compiler/emitters/generate.js';
import type { IrCommand, IrSchema } from '../../compiler/ir/types.js';
import {
  QmpError,
  QmpMessageReader,
  QmpServer,
  UNLIMITED_SPLIT_LIMITS,
  type CommandCodec,
  type EventCodec,
  type JsonValue,
  type QmpCommandDefinition,
  type QmpRequestContext,
  type QmpServerOptions,
} from '../../runtime/index.js';

export const root = resolve(import.meta.dirname, '../..');
export const exampleSchema = join(root, 'schema/qapi-schema.json');
export const qemu72Schema = resolve(root, '../shared/corpus/qemu-7.2.0/qapi/qapi-schema.json');
export const qemuBinary = process.env.QEMU_SYSTEM_X86_64 ?? '/usr/bin/qemu-system-x86_64';
export const haveQemu = existsSync(qemuBinary);

export interface Generated {
  readonly commandCodecs: Record<string, CommandCodec & { decodeArguments: (v: unknown, o?: { lenient?: boolean }) => unknown }>;
  readonly eventCodecs: Record<string, EventCodec>;
  readonly qmpSchema?: readonly unknown[];
  readonly ir: IrSchema;
}

/** Compiles `entry`, generates the marshal and introspection targets into test/.generated/NAME and imports them. */
export async function generateCodecs(name: string, entry: string): Promise<Generated> {
  const result = compile({ entry });
  if (!result.ir) throw new Error(`${entry}: ${result.diagnostics[0]?.message}`);
  const out = join(root, 'test/.generated', name);
  rmSync(out, { recursive: true, force: true });
  for (const f of generate(result.ir, { targets: ['marshal', 'introspection'] })) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.content);
  }
  const index = (await import(join(out, 'index.ts'))) as Omit<Generated, 'ir'>;
  const introspection = (await import(join(out, 'introspection.ts'))) as { qmpSchema: readonly unknown[] };
  return { commandCodecs: index.commandCodecs, eventCodecs: index.eventCodecs, qmpSchema: introspection.qmpSchema, ir: result.ir };
}

export type Handler = (args: any, ctx: QmpRequestContext) => unknown;

/** One definition per schema command, flags and features from the IR, codecs generated; commands without a handler fail with GenericError. */
export function definitionsFromSchema(gen: Generated, handlers: Record<string, Handler>): QmpCommandDefinition[] {
  const defs: QmpCommandDefinition[] = [];
  for (const d of gen.ir.definitions) {
    if (d.kind !== 'command' || !(d as IrCommand).gen) continue;
    const c = d as IrCommand;
    const codec = gen.commandCodecs[c.name];
    defs.push({
      name: c.name,
      decodeArguments: codec.decodeArguments,
      encodeReturns: codec.encodeReturns as (v: unknown) => JsonValue,
      allowOob: c.allowOob,
      allowPreconfig: c.allowPreconfig,
      successResponse: c.successResponse,
      coroutine: c.coroutine,
      boxed: c.boxed,
      features: c.features.map((f) => f.name),
      handler:
        handlers[c.name] ??
        (() => {
          throw QmpError.generic(`Command ${c.name} is not implemented by the mock`);
        }),
    });
  }
  return defs;
}

export const MOCK_VERSION = { qemu: { major: 7, minor: 2, micro: 22 }, package: 'qapi-ts mock' } as const;

export interface MockVm {
  readonly server: QmpServer;
  readonly state: { running: boolean; delays: Record<string, number> };
}

/**
 * A mock VM: query-status, stop/cont (emitting STOP/RESUME, like QEMU before
 * the reply), query-version, system_reset (RESET), quit (SHUTDOWN, then the
 * server goes away, as QEMU exits). `state.delays[command]` slows a command
 * down (ms). Extra definitions (say an OOB command) can be added.
 */
export function mockVm(gen: Generated, options: Partial<QmpServerOptions> = {}, extra: QmpCommandDefinition[] = []): MockVm {
  const state = { running: true, delays: {} as Record<string, number> };
  let server: QmpServer;
  const delayed =
    (name: string, fn: Handler): Handler =>
    async (args, ctx) => {
      const ms = state.delays[name];
      if (ms) await new Promise((r) => setTimeout(r, ms));
      return fn(args, ctx);
    };
  const handlers: Record<string, Handler> = {
    'query-version': () => MOCK_VERSION,
    'query-status': delayed('query-status', () => ({ running: state.running, singlestep: false, status: state.running ? 'running' : 'paused' })),
    stop: () => {
      if (state.running) {
        state.running = false;
        server.emit('STOP');
      }
    },
    cont: () => {
      if (!state.running) {
        state.running = true;
        server.emit('RESUME');
      }
    },
    system_reset: () => server.emit('RESET'),
    quit: (_args, ctx) =>
      ctx.afterReply(() => {
        server.emit('SHUTDOWN');
        void server.close();
      }),
    'query-events': () => gen.ir.definitions.filter((d) => d.kind === 'event').map((d) => ({ name: d.name })),
  };
  server = new QmpServer({
    version: MOCK_VERSION,
    commands: [...definitionsFromSchema(gen, handlers), ...extra],
    schema: gen.qmpSchema,
    ...options,
  });
  return { server, state };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'qmp-'));
}

/**
 * A raw QMP connection for transcripts: sends bytes as they are, reads
 * whatever comes back as JSON values (our framing, no limits).
 */
export class RawQmp {
  readonly received: unknown[] = [];
  private waiters: (() => void)[] = [];
  private syncCount = 0;
  closed = false;

  private constructor(private readonly socket: net.Socket) {
    const reader = new QmpMessageReader(
      (input) => {
        this.received.push(input.ok ? input.value : { unparseable: input.error });
        for (const w of this.waiters.splice(0)) w();
      },
      { limits: UNLIMITED_SPLIT_LIMITS },
    );
    socket.on('data', (chunk) => reader.push(chunk));
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
  }

  static connect(target: { path: string } | { host: string; port: number }): Promise<RawQmp> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection(target as net.NetConnectOpts);
      socket.once('error', reject);
      socket.once('connect', () => resolve(new RawQmp(socket)));
    });
  }

  send(data: string | Uint8Array): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Waits until `n` messages have arrived in all (or the connection closed, or timeout). */
  async waitFor(n: number, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < n && !this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${n} messages, have ${JSON.stringify(this.received).slice(0, 2000)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** The greeting. */
  async greeting(): Promise<unknown> {
    await this.waitFor(1);
    return this.received.shift();
  }

  /**
   * Sends `input`, then a sentinel request, and returns everything that came
   * back before the sentinel's reply (timestamps replaced by "T").
   */
  async exchange(input: string | Uint8Array, timeoutMs = 20000): Promise<unknown[]> {
    const id = `__sync${++this.syncCount}`;
    this.send(input);
    this.send(`\n{"execute":"__sync__","id":"${id}"}\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.received.findIndex((m) => (m as { id?: unknown } | null)?.id === id);
      if (at >= 0) {
        const out = this.received.splice(0, at + 1).slice(0, at);
        return out.map(stripTimestamp);
      }
      if (this.closed) throw new Error(`connection closed; received ${JSON.stringify(this.received).slice(0, 2000)}`);
      await this.waitFor(this.received.length + 1, deadline - Date.now());
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

function stripTimestamp(m: unknown): unknown {
  if (m !== null && typeof m === 'object' && 'timestamp' in m) return { ...(m as object), timestamp: 'T' };
  return m;
}

export interface RunningQemu {
  readonly process: ChildProcess;
  /** One Unix socket path per `-qmp` monitor. */
  readonly paths: string[];
  readonly dir: string;
  stop(): Promise<void>;
}

/** Starts `qemu-system-x86_64 -machine MACHINE` with `monitors` QMP Unix sockets (server=on,wait=off), waiting for them. */
export async function startQemu(monitors = 1, extra: string[] = [], machine = 'none'): Promise<RunningQemu> {
  const dir = tempDir();
  const paths = Array.from({ length: monitors }, (_, i) => join(dir, `qmp${i}.sock`));
  const args = ['-machine', machine, '-nodefaults', '-display', 'none', ...extra];
  for (const p of paths) args.push('-qmp', `unix:${p},server=on,wait=off`);
  const proc = spawn(qemuBinary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const deadline = Date.now() + 20000;
  while (!paths.every((p) => existsSync(p))) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`QEMU did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    process: proc,
    paths,
    dir,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

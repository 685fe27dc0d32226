/**
 * A QMP server (docs/interop/qmp-spec.rst, monitor/qmp.c, qapi/qmp-dispatch.c)
 * over Unix sockets, TCP or a stdio pair, dispatching to command definitions
 * (typically a generated dispatch table) with QEMU's behaviour and messages:
 * greeting, capabilities negotiation, `execute`/`exec-oob`, ids echoed,
 * errors, the compat policy, events with timestamps. In-band commands run in
 * order per connection; OOB ones at once. Any bad input gets QEMU's error
 * reply and the connection stays usable.
 */
import type { JsonValue } from './json-value.js';
import { checkRequest, isOobRequest, requestId } from './qmp-dispatch.js';
import { QmpError, QmpErrorClass } from './qmp-error.js';
import {
  compatHidesOutput,
  compatInputError,
  qmpEventMessage,
  type QmpCompatPolicy,
  type QmpDecodeOptions,
} from './qmp-protocol.js';
import { formatQmpMessage, QmpMessageReader, type QmpInput } from './qmp-wire.js';
import type { QmpSplitLimits } from './qmp-stream.js';
import { loadNet, removeStaleSocket, type NetAddressInfo, type NetServer, type NetSocket } from './qmp-node.js';

export interface QmpCommandDefinition {
  readonly name: string;
  /** Decodes `arguments` (throws DecodeError); absent arguments are passed as {}. */
  readonly decodeArguments: (v: unknown, o?: QmpDecodeOptions) => unknown;
  /** Encodes what the handler returned (`undefined` for commands without `returns`). */
  readonly encodeReturns: (v: any, o?: { compat?: QmpCompatPolicy }) => JsonValue;
  readonly allowOob?: boolean;
  readonly allowPreconfig?: boolean;
  /** `false`: no reply on success (errors are still replied), like QEMU's success-response. */
  readonly successResponse?: boolean;
  readonly coroutine?: boolean;
  readonly boxed?: boolean;
  /** Special features of the command itself and of its argument members/enum values are handled by the compat policy: */
  readonly features?: readonly string[];
  readonly handler: (args: any, ctx: QmpRequestContext) => unknown | Promise<unknown>;
}

/** What a handler learns about the request it serves. */
export interface QmpRequestContext {
  readonly command: string;
  /** The request's `id` (undefined when it had none). */
  readonly id: unknown;
  /** Sent with `exec-oob`. */
  readonly oob: boolean;
  /** The connection. */
  readonly session: QmpSession;
  readonly server: QmpServer;
  /** Aborted when the connection closes (the reply would go nowhere). */
  readonly signal: AbortSignal;
  /** Runs `fn` once the reply is written (at once after the handler if there is none), e.g. to quit after replying. */
  afterReply(fn: () => void): void;
}

export type QmpListenTarget = { readonly path: string } | { readonly host: string; readonly port: number };
export type QmpServerAddress = { readonly path: string } | { readonly host: string; readonly port: number };

export interface QmpServerOptions {
  readonly version: { qemu: { major: number; minor: number; micro: number }; package: string };
  readonly commands: readonly QmpCommandDefinition[];
  /** Offered in the greeting. */
  readonly capabilities?: readonly 'oob'[];
  readonly compat?: QmpCompatPolicy;
  /** query-qmp-schema's value, when the generated introspection data is given. */
  readonly schema?: readonly unknown[];
  /** Start in the preconfig phase: only `allowPreconfig` commands run until `exitPreconfig()`. */
  readonly preconfig?: boolean;
  /** Per-message input limits (default QEMU's). */
  readonly limits?: QmpSplitLimits;
}

/** QEMU's QMP_REQ_QUEUE_LEN_MAX: a connection stops being read while this many in-band requests wait. */
const QUEUE_MAX = 8;

const BUILTIN = { allowPreconfig: true, encodeReturns: (v: unknown) => v as JsonValue } as const;

/** The greeting's and replies' view of a transport. */
interface Transport {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly peer: string;
  /** Stops reading, flushes and closes what is ours to close. */
  close(): void;
}

let nextSessionId = 1;

/** One client connection: its negotiation state, request queue and replies. */
export class QmpSession {
  readonly id = nextSessionId++;
  private commandMode = false;
  private oob = false;
  private closed = false;
  private readonly queue: QmpInput[] = [];
  private running = false;
  private paused = false;
  private readonly abort = new AbortController();
  private readonly reader: QmpMessageReader;
  private readonly onData = (chunk: Buffer | string) => this.reader.push(chunk);
  private inputEnded = false;
  /** End of input: requests already received still get their replies, then the connection closes. */
  private readonly onEnd = () => {
    this.inputEnded = true;
    this.reader.end();
    if (!this.running) this.close();
  };

  /** @internal created by QmpServer */
  constructor(
    private readonly server: QmpServer,
    private readonly transport: Transport,
    limits: QmpSplitLimits | undefined,
  ) {
    this.reader = new QmpMessageReader((input) => this.receive(input), { doubles: true, qemuChecks: true, limits });
    transport.input.on('data', this.onData);
    transport.input.on('end', this.onEnd);
    transport.input.on('error', () => this.close());
    transport.output.on('error', () => this.close());
  }

  /** Where the client is (socket path, address:port, or `stdio`). */
  get peer(): string {
    return this.transport.peer;
  }

  /** Capabilities negotiation is complete (`qmp_capabilities` succeeded). */
  get negotiated(): boolean {
    return this.commandMode;
  }

  /** OOB was enabled by `qmp_capabilities`. */
  get oobEnabled(): boolean {
    return this.oob;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes the connection; requests still running get no reply. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.transport.input.off('data', this.onData);
    this.transport.input.off('end', this.onEnd);
    this.abort.abort();
    this.transport.close();
    this.server._forget(this);
  }

  private corked = false;
  private readonly uncork = () => {
    this.corked = false;
    (this.transport.output as { uncork?: () => void }).uncork?.();
  };

  /** @internal writes one message; false once the output wants draining. Writes within one tick go out together. */
  _send(text: string): boolean {
    if (this.closed) return true;
    const out = this.transport.output as NodeJS.WritableStream & { cork?: () => void };
    if (!this.corked && out.cork !== undefined) {
      this.corked = true;
      out.cork();
      process.nextTick(this.uncork);
    }
    return out.write(text);
  }

  /** @internal */
  _setCommandMode(oob: boolean): void {
    this.commandMode = true;
    this.oob = oob;
  }

  private receive(input: QmpInput): void {
    if (this.closed) return;
    if (input.ok && isOobRequest(input.value)) {
      // OOB (or a rejected attempt at it) jumps the queue, as in QEMU.
      void this.execute(input);
      return;
    }
    this.queue.push(input);
    if (this.queue.length >= QUEUE_MAX && !this.paused) {
      this.paused = true;
      this.transport.input.pause();
    }
    if (!this.running) void this.pump();
  }

  /** Runs queued in-band requests one at a time, in order. */
  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const input = this.queue.shift() as QmpInput;
        if (this.paused && this.queue.length < QUEUE_MAX) {
          this.paused = false;
          this.transport.input.resume();
        }
        const drained = await this.execute(input);
        if (!drained && !this.closed) await this.drain();
      }
    } finally {
      this.running = false;
    }
    if (this.inputEnded) this.close();
  }

  private drain(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.transport.output.off('drain', done);
        this.transport.output.off('close', done);
        resolve();
      };
      this.transport.output.on('drain', done);
      this.transport.output.on('close', done);
    });
  }

  /** Dispatches one input and writes its reply; resolves false if the output needs draining. */
  private async execute(input: QmpInput): Promise<boolean> {
    if (!input.ok) return this._send(formatQmpMessage({ error: QmpError.generic(input.error).toJSON() }, 'server'));
    const { has, id } = requestId(input.value);
    const after: (() => void)[] = [];
    let response: Record<string, JsonValue> | undefined;
    try {
      const ret = await this.server._dispatch(this, input.value, id, this.abort.signal, after);
      if (ret !== undefined) response = { return: ret };
    } catch (e) {
      response = { error: errorMember(e) };
    }
    let ok = true;
    if (response !== undefined && !this.closed) {
      if (has) response.id = id as JsonValue;
      let text: string;
      try {
        text = formatQmpMessage(response, 'server');
      } catch (e) {
        // A return value JSON cannot carry (a handler bug): say so instead.
        const err: Record<string, JsonValue> = { error: errorMember(e) };
        if (has) err.id = id as JsonValue;
        text = formatQmpMessage(err, 'server');
      }
      ok = this._send(text);
    }
    for (const fn of after) {
      try {
        fn();
      } catch {
        // afterReply callbacks must not break the connection
      }
    }
    return ok;
  }
}

function errorMember(e: unknown): { class: string; desc: string } {
  if (e instanceof QmpError) return e.toJSON();
  if (e instanceof Error) return { class: QmpErrorClass.GenericError, desc: e.message };
  return { class: QmpErrorClass.GenericError, desc: String(e) };
}

/** Marks a dispatch result as "send no reply" (success-response: false). */
const NO_REPLY = undefined;

export class QmpServer {
  private readonly commands = new Map<string, QmpCommandDefinition>();
  private readonly capabilitiesDecoder: QmpCommandDefinition['decodeArguments'];
  private readonly disabled = new Map<string, string | undefined>();
  private readonly sessions = new Set<QmpSession>();
  private readonly servers: { server: NetServer; path?: string }[] = [];
  private readonly compat: QmpCompatPolicy;
  private inPreconfig: boolean;
  private lastAddress: QmpServerAddress | undefined;

  constructor(private readonly options: QmpServerOptions) {
    this.compat = options.compat ?? {};
    this.inPreconfig = options.preconfig === true;
    // The built-ins are the server's own, whatever the definitions say (they
    // are connection state and server knowledge): a definition named
    // qmp_capabilities or query-commands (or query-qmp-schema, when `schema`
    // is given) only lends its argument decoder, and its handler is not called.
    for (const def of options.commands) this.commands.set(def.name, def);
    const decoderOf = (name: string, fallback: QmpCommandDefinition['decodeArguments']) => this.commands.get(name)?.decodeArguments ?? fallback;
    const capabilitiesDecoder = decoderOf('qmp_capabilities', decodeCapabilitiesArguments);
    this.commands.set('qmp_capabilities', {
      ...BUILTIN,
      name: 'qmp_capabilities',
      decodeArguments: capabilitiesDecoder,
      handler: () => undefined,
    });
    this.commands.set('query-commands', {
      ...BUILTIN,
      name: 'query-commands',
      decodeArguments: decoderOf('query-commands', decodeNoArguments),
      handler: () => this.commandNames().map((name) => ({ name })),
    });
    if (options.schema !== undefined) {
      const schema = options.schema as JsonValue;
      this.commands.set('query-qmp-schema', {
        ...BUILTIN,
        name: 'query-qmp-schema',
        decodeArguments: decoderOf('query-qmp-schema', decodeNoArguments),
        handler: () => schema,
      });
    }
    this.capabilitiesDecoder = capabilitiesDecoder;
  }

  /** Names of the enabled commands, as query-commands lists them. */
  commandNames(): string[] {
    return [...this.commands.keys()].filter((n) => !this.disabled.has(n));
  }

  /** Where the last `listen` listens (the actual port when listening on port 0). */
  get address(): QmpServerAddress | undefined {
    return this.lastAddress;
  }

  /** Connected clients. */
  get connections(): readonly QmpSession[] {
    return [...this.sessions];
  }

  /** Listens on a Unix socket (a stale socket file is replaced, as QEMU does) or TCP. Can be called more than once. */
  async listen(target: QmpListenTarget): Promise<void> {
    const net = await loadNet();
    const server = net.createServer((socket) => this.acceptSocket(socket));
    const path = 'path' in target ? target.path : undefined;
    if (path !== undefined) await removeStaleSocket(path);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const done = () => {
        server.off('error', reject);
        resolve();
      };
      if (path !== undefined) server.listen(path, done);
      else server.listen((target as { port: number }).port, (target as { host: string }).host, done);
    });
    this.servers.push({ server, path });
    if (path !== undefined) {
      this.lastAddress = { path };
    } else {
      const a = server.address() as NetAddressInfo;
      this.lastAddress = { host: a.address, port: a.port };
    }
  }

  /** Serves one client over a stream pair (default: this process's stdin and stdout). */
  serveStdio(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): QmpSession {
    const ownOutput = output !== process.stdout && output !== process.stderr;
    return this.accept({
      input,
      output,
      peer: 'stdio',
      close: () => {
        input.pause();
        if (ownOutput) output.end();
      },
    });
  }

  /** Sends an event to every client in command mode, with a timestamp; events whose special features the output policy hides are dropped. */
  emit(event: string, data?: JsonValue, features?: readonly string[]): void {
    if (compatHidesOutput(features, this.compat)) return;
    const text = formatQmpMessage(qmpEventMessage(event, data), 'server');
    for (const s of this.sessions) if (s.negotiated) s._send(text);
  }

  /** Leaves the preconfig phase (QEMU's x-exit-preconfig): every command becomes available. */
  exitPreconfig(): void {
    this.inPreconfig = false;
  }

  /** Disables a command (`Command X has been disabled[: reason]`, CommandNotFound), as QEMU's qmp_disable_command. */
  disableCommand(name: string, reason?: string): void {
    this.disabled.set(name, reason);
  }

  enableCommand(name: string): void {
    this.disabled.delete(name);
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    const servers = this.servers.splice(0);
    const closing = servers.map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve())));
    for (const s of [...this.sessions]) s.close();
    await Promise.all(closing);
    for (const { path } of servers) if (path !== undefined) await removeStaleSocket(path);
  }

  private acceptSocket(socket: NetSocket): void {
    if (socket.remoteAddress !== undefined) socket.setNoDelay(true);
    const peer = socket.remoteAddress !== undefined ? `${socket.remoteAddress}:${socket.remotePort}` : 'unix';
    const session = this.accept({
      input: socket,
      output: socket,
      peer,
      close: () => {
        socket.end();
        socket.destroySoon();
      },
    });
    socket.on('error', () => undefined);
    socket.on('close', () => session.close());
  }

  private accept(transport: Transport): QmpSession {
    const session = new QmpSession(this, transport, this.options.limits);
    this.sessions.add(session);
    const greeting = {
      QMP: { version: this.options.version as unknown as JsonValue, capabilities: [...(this.options.capabilities ?? [])] },
    };
    session._send(formatQmpMessage(greeting, 'server'));
    return session;
  }

  /** @internal */
  _forget(session: QmpSession): void {
    this.sessions.delete(session);
  }

  /**
   * @internal QEMU's qmp_dispatch for one request: the value to return
   * (`undefined`: no reply), or throws the error to reply with.
   */
  async _dispatch(session: QmpSession, value: unknown, id: unknown, signal: AbortSignal, after: (() => void)[]): Promise<JsonValue | undefined> {
    const req = checkRequest(value, session.oobEnabled);
    const name = req.command;
    if (!session.negotiated) {
      // Negotiation mode: qmp_capabilities is the only command (monitor_qmp_dispatch's message).
      if (name !== 'qmp_capabilities') {
        throw new QmpError(QmpErrorClass.CommandNotFound, "Expecting capabilities negotiation with 'qmp_capabilities'");
      }
    }
    const def = this.commands.get(name);
    if (def === undefined) throw new QmpError(QmpErrorClass.CommandNotFound, `The command ${name} has not been found`);
    const rejected = compatInputError(def.features, this.compat, 'command', name);
    if (rejected !== undefined) throw rejected;
    if (this.disabled.has(name)) {
      const reason = this.disabled.get(name);
      throw new QmpError(QmpErrorClass.CommandNotFound, `Command ${name} has been disabled${reason ? `: ${reason}` : ''}`);
    }
    if (req.oob && def.allowOob !== true) throw QmpError.generic(`The command ${name} does not support OOB`);
    if (this.inPreconfig && def.allowPreconfig !== true) {
      throw QmpError.generic(`The command '${name}' is permitted only after machine initialization has completed`);
    }
    const decodeOptions: QmpDecodeOptions & { compat: QmpCompatPolicy } = { lenient: false, compat: this.compat };
    const decode = name === 'qmp_capabilities' ? this.capabilitiesDecoder : def.decodeArguments;
    let args: unknown;
    try {
      args = decode(req.arguments ?? {}, decodeOptions);
    } catch (e) {
      throw e instanceof QmpError ? e : QmpError.generic(e instanceof Error ? e.message : String(e));
    }
    if (name === 'qmp_capabilities') return this.negotiate(session, args);
    const ctx: QmpRequestContext = {
      command: name,
      id,
      oob: req.oob,
      session,
      server: this,
      signal,
      afterReply: (fn) => void after.push(fn),
    };
    let result = def.handler(args, ctx);
    if (result instanceof Promise) result = await result;
    if (def.successResponse === false) return NO_REPLY;
    // Members the output policy hides are left out, as QEMU's output visitor does.
    const ret = def.encodeReturns(result, { compat: this.compat });
    return ret === undefined ? {} : ret;
  }

  /** qmp_capabilities (monitor/qmp-cmds-control.c). */
  private negotiate(session: QmpSession, args: unknown): JsonValue {
    if (session.negotiated) {
      throw new QmpError(QmpErrorClass.CommandNotFound, 'Capabilities negotiation is already complete, command ignored');
    }
    const enable = (args as { enable?: unknown } | undefined)?.enable;
    const wanted = Array.isArray(enable) ? (enable as string[]) : [];
    const offered = this.options.capabilities ?? [];
    const unavailable = wanted.filter((c) => !offered.includes(c as 'oob'));
    if (unavailable.length > 0) throw QmpError.generic(`Capability ${unavailable.join(', ')} not available`);
    session._setCommandMode(wanted.includes('oob'));
    return {};
  }
}

/** `{}` or absent: what commands without arguments accept (QEMU's empty check_struct). */
function decodeNoArguments(v: unknown): Record<string, never> {
  const r = v as Record<string, unknown>;
  for (const k in r) throw QmpError.generic(`Parameter '${k}' is unexpected`);
  return {};
}

/** qmp_capabilities' arguments when no schema-generated decoder is given: `{ enable?: ['oob'] }`. */
function decodeCapabilitiesArguments(v: unknown): { enable?: string[] } {
  const r = v as Record<string, unknown>;
  for (const k in r) if (k !== 'enable') throw QmpError.generic(`Parameter '${k}' is unexpected`);
  if (!Object.hasOwn(r, 'enable')) return {};
  const enable = r.enable;
  if (!Array.isArray(enable)) throw QmpError.generic("Invalid parameter type for 'enable', expected: array");
  enable.forEach((c, i) => {
    if (typeof c !== 'string') throw QmpError.generic(`Invalid parameter type for 'enable[${i}]', expected: string`);
    if (c !== 'oob') throw QmpError.generic(`Parameter 'null' does not accept value '${c}'`);
  });
  return { enable: enable as string[] };
}

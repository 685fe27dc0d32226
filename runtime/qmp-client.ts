/**
 * A typed QMP client (docs/interop/qmp-spec.rst; modelled on QEMU's
 * python/qemu/qmp): connects over a Unix socket, TCP or a child's stdio,
 * reads the greeting, negotiates capabilities (OOB when asked and offered),
 * then runs commands concurrently, matched to replies by ids of its own
 * (`__qmp#00001`, ...). Arguments are encoded, and replies and events
 * decoded, by the schema's generated codecs: leniently by default (a newer
 * QEMU's extra members and enum values pass), strictly on request. Replies
 * with an unknown id are dropped; a timeout rejects only its command; a
 * disconnect rejects every pending one, and the client can reconnect.
 */
import type { JsonValue } from './json-value.js';
import { QmpConnectionError, QmpDecodeError, QmpError, QmpErrorClass, QmpTimeoutError } from './qmp-error.js';
import type { QmpDecodeOptions, QmpGreeting, QmpTimestamp } from './qmp-protocol.js';
import { isJsonObject } from './qmp-dispatch.js';
import { formatQmpMessage, QmpMessageReader } from './qmp-wire.js';
import { UNLIMITED_SPLIT_LIMITS } from './qmp-stream.js';
import { loadNet } from './qmp-node.js';

/** A command's generated codec (`commandCodecs[name]`). */
export interface CommandCodec {
  readonly decodeArguments?: (v: unknown, o?: QmpDecodeOptions) => unknown;
  readonly encodeArguments: (v: any) => JsonValue;
  readonly decodeReturns: (v: unknown, o?: QmpDecodeOptions) => unknown;
  readonly encodeReturns?: (v: any) => JsonValue;
  /** `false` for success-response: false commands: the call resolves once sent. */
  readonly successResponse?: boolean;
}

/** An event's generated codec (`eventCodecs[name]`). */
export interface EventCodec {
  readonly decodeData: (v: unknown, o?: QmpDecodeOptions) => unknown;
}

/** Command name -> arguments and return type (the generated `QapiCommands`). */
export type QmpCommandMap<C> = { [K in keyof C]: { arguments: unknown; returns: unknown } };
/** Untyped use: any command, any arguments, any result. */
export type QmpAnyCommands = Record<string, { arguments: any; returns: any }>;

export type QmpConnectTarget =
  | { readonly path: string }
  | { readonly host: string; readonly port: number }
  /** A child process's pipes: we write its stdin and read its stdout. */
  | { readonly stdio: { readonly stdin: NodeJS.WritableStream; readonly stdout: NodeJS.ReadableStream } };

export interface QmpClientOptions<C, E> {
  readonly commandCodecs?: { readonly [K in keyof C]?: CommandCodec };
  readonly eventCodecs?: { readonly [K in keyof E]?: EventCodec };
  /** Decode replies/events strictly (tests) — default lenient. */
  readonly strict?: boolean;
  /** Ask for OOB when offered. */
  readonly oob?: boolean;
  /** Default per-command timeout (none by default). */
  readonly timeoutMs?: number;
  /** Time limit for connecting, the greeting and negotiation (default: timeoutMs, else none). */
  readonly connectTimeoutMs?: number;
  /** Retry the first connection, and reconnect after a disconnect (sockets only). */
  readonly reconnect?: { readonly retries: number; readonly delayMs: number };
  /** Sees every message sent and received (after parsing), for logging and tests. */
  readonly trace?: (direction: 'send' | 'receive', message: unknown) => void;
}

export interface QmpExecuteOptions {
  readonly timeoutMs?: number;
  /** Send with `exec-oob` (the server must have OOB enabled and the command allow it). */
  readonly oob?: boolean;
}

export interface QmpEvent<E> {
  readonly event: keyof E & string;
  readonly data: unknown;
  readonly timestamp: QmpTimestamp;
}

export type QmpConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'closed';

interface Pending {
  readonly name: string;
  readonly codec: CommandCodec | undefined;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/** One established byte stream to the server. */
interface Link {
  write(text: string): void;
  close(): Promise<void>;
}

interface EventSink {
  push(ev: QmpEvent<any>): void;
  end(): void;
}

export class QmpClient<C extends QmpCommandMap<C> = QmpAnyCommands, E extends object = Record<string, unknown>> {
  private state: QmpConnectionState = 'connecting';
  private link: Link | undefined;
  private currentGreeting: QmpGreeting | undefined;
  private greetingWaiter: { resolve: (g: QmpGreeting) => void; reject: (e: Error) => void } | undefined;
  private readonly pending = new Map<string, Pending>();
  private counter = 0;
  private reconnecting: Promise<void> | undefined;
  private readonly listeners = new Map<string, Set<(data: any, timestamp: QmpTimestamp) => void>>();
  private readonly sinks = new Set<EventSink>();
  private readonly errorListeners = new Set<(error: Error) => void>();
  private readonly stateListeners = new Set<(state: QmpConnectionState) => void>();
  /**
   * Events received before `connect`'s caller could subscribe, and a pending
   * end of the event stream: released (in order) once the caller has run,
   * which is before any later reply settles or disconnect is handled.
   */
  private held: (QmpEvent<E> | 'end')[] | undefined = [];
  private readonly decodeOptions: QmpDecodeOptions;
  private oobNegotiated = false;

  private constructor(
    private readonly target: QmpConnectTarget,
    private readonly options: QmpClientOptions<C, E>,
  ) {
    this.decodeOptions = { lenient: options.strict !== true };
  }

  /** Connects, reads the greeting and negotiates; rejects if that fails (after `reconnect.retries` retries). */
  static async connect<C extends QmpCommandMap<C> = QmpAnyCommands, E extends object = Record<string, unknown>>(
    target: QmpConnectTarget,
    options: QmpClientOptions<C, E> = {},
  ): Promise<QmpClient<C, E>> {
    const client = new QmpClient<C, E>(target, options);
    const retries = 'stdio' in target ? 0 : Math.max(0, options.reconnect?.retries ?? 0);
    for (let attempt = 0; ; attempt++) {
      try {
        await client.establish();
        break;
      } catch (e) {
        if (attempt >= retries) {
          client.state = 'closed';
          throw e;
        }
        await sleep(options.reconnect?.delayMs ?? 0);
      }
    }
    client.setState('ready');
    setImmediate(() => client.releaseHeld());
    return client;
  }

  /** The server's greeting (`version`, offered `capabilities`). */
  get greeting(): QmpGreeting {
    return this.currentGreeting as QmpGreeting;
  }

  /** Whether OOB was negotiated on the current connection. */
  get oobEnabled(): boolean {
    return this.oobNegotiated;
  }

  get connectionState(): QmpConnectionState {
    return this.state;
  }

  /** Runs a command: resolves with its decoded return value, rejects with QmpError, QmpTimeoutError, QmpConnectionError or QmpDecodeError. */
  execute<K extends keyof C & string>(name: K, args?: C[K]['arguments'], options?: QmpExecuteOptions): Promise<C[K]['returns']> {
    if (this.state === 'reconnecting' && this.reconnecting !== undefined) {
      return this.reconnecting.then(() => this.execute(name, args, options));
    }
    if (this.state !== 'ready' || this.link === undefined) {
      return Promise.reject(new QmpConnectionError('QMP connection is closed'));
    }
    const codec = this.options.commandCodecs?.[name] as CommandCodec | undefined;
    return this.request(this.link, name, args, codec, options?.timeoutMs ?? this.options.timeoutMs, options?.oob === true) as Promise<
      C[K]['returns']
    >;
  }

  /** Calls `listener` for each `event` (data decoded by the schema). */
  on<K extends keyof E & string>(event: K, listener: (data: E[K], timestamp: QmpTimestamp) => void): this {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off<K extends keyof E & string>(event: K, listener: (data: E[K], timestamp: QmpTimestamp) => void): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  /** The next `event` (optionally one `predicate` accepts); subscribe before running the command that causes it. */
  waitForEvent<K extends keyof E & string>(
    event: K,
    options: { timeoutMs?: number; predicate?: (data: E[K]) => boolean } = {},
  ): Promise<{ data: E[K]; timestamp: QmpTimestamp }> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const sink: EventSink = {
        push: () => undefined,
        end: () => {
          cleanup();
          reject(new QmpConnectionError(`QMP connection closed while waiting for event ${event}`));
        },
      };
      const listener = (data: E[K], timestamp: QmpTimestamp) => {
        if (options.predicate !== undefined && !options.predicate(data)) return;
        cleanup();
        resolve({ data, timestamp });
      };
      const cleanup = () => {
        if (timer !== undefined) clearTimeout(timer);
        this.off(event, listener);
        this.sinks.delete(sink);
      };
      this.on(event, listener);
      this.sinks.add(sink);
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no event ${event} within ${options.timeoutMs} ms`));
        }, options.timeoutMs);
      }
    });
  }

  /** Every event from now on, in order; ends when the client closes. */
  events(): AsyncIterableIterator<QmpEvent<E>> {
    const queue: QmpEvent<E>[] = [];
    let wake: ((r: IteratorResult<QmpEvent<E>>) => void) | undefined;
    let done = this.state === 'closed';
    const sink: EventSink = {
      push: (ev) => {
        if (wake !== undefined) {
          const w = wake;
          wake = undefined;
          w({ value: ev, done: false });
        } else queue.push(ev);
      },
      end: () => {
        done = true;
        this.sinks.delete(sink);
        if (wake !== undefined) {
          const w = wake;
          wake = undefined;
          w({ value: undefined, done: true });
        }
      },
    };
    if (!done) this.sinks.add(sink);
    const iterator: AsyncIterableIterator<QmpEvent<E>> = {
      next: () => {
        const ev = queue.shift();
        if (ev !== undefined) return Promise.resolve({ value: ev, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (wake = resolve));
      },
      return: () => {
        sink.end();
        queue.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Protocol trouble that belongs to no call: events that do not decode, id-less errors, unparseable input. */
  onError(listener: (error: Error) => void): this {
    this.errorListeners.add(listener);
    return this;
  }

  /** Connection state changes: `reconnecting` after a disconnect, `ready` when back, `closed` at the end. */
  onConnectionState(listener: (state: QmpConnectionState) => void): this {
    this.stateListeners.add(listener);
    return this;
  }

  /** Closes the connection; pending commands reject with QmpConnectionError. */
  async close(): Promise<void> {
    if (this.state === 'closed' && this.link === undefined) return;
    this.setState('closed');
    const link = this.link;
    this.link = undefined;
    this.failAll(new QmpConnectionError('QMP client closed'));
    this.endSinks();
    if (link !== undefined) await link.close();
  }

  // ---- connection ----

  /** Opens a link, reads the greeting and negotiates capabilities. */
  private async establish(): Promise<void> {
    const limit = this.options.connectTimeoutMs ?? this.options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    let link: Link | undefined;
    let aborted = false;
    const work = (async () => {
      link = await this.openLink();
      if (aborted) throw new QmpConnectionError('QMP connection attempt abandoned');
      const greeting = await new Promise<QmpGreeting>((resolve, reject) => {
        if (this.link !== link) reject(new QmpConnectionError('QMP connection closed before the greeting'));
        else if (this.currentGreeting !== undefined && this.greetingWaiter === undefined) resolve(this.currentGreeting);
        else this.greetingWaiter = { resolve, reject };
      });
      this.greetingWaiter = undefined;
      const wantOob = this.options.oob === true && greeting.capabilities.includes('oob');
      await this.request(link, 'qmp_capabilities', wantOob ? { enable: ['oob'] } : undefined, undefined, undefined, false);
      this.oobNegotiated = wantOob;
    })();
    try {
      if (limit === undefined) await work;
      else {
        await Promise.race([
          work,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new QmpConnectionError(`QMP connection not established within ${limit} ms`)), limit);
          }),
        ]);
      }
    } catch (e) {
      aborted = true;
      work.catch(() => {
        const late = link as Link | undefined;
        if (late !== undefined && this.link === late) {
          this.link = undefined;
          void late.close();
        }
      });
      const l = link as Link | undefined;
      if (l !== undefined && this.link === l) {
        this.link = undefined;
        void l.close();
      }
      throw e;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  private async openLink(): Promise<Link> {
    this.currentGreeting = undefined;
    this.greetingWaiter = undefined;
    const reader = new QmpMessageReader(
      (input) => {
        if (input.ok) this.receive(input.value);
        else this.report(new Error(`unparseable QMP input: ${input.error}`));
      },
      { limits: UNLIMITED_SPLIT_LIMITS },
    );
    const target = this.target;
    if ('stdio' in target) {
      const { stdin, stdout } = target.stdio;
      let link: Link;
      const onData = (chunk: Buffer | string) => reader.push(chunk);
      const onEnd = () => {
        detach();
        this.linkClosed(link, undefined);
      };
      const onError = (e: Error) => {
        detach();
        this.linkClosed(link, e);
      };
      const detach = () => {
        stdout.off('data', onData);
        stdout.off('end', onEnd);
        stdout.off('error', onError);
        stdin.off('error', onError);
      };
      link = {
        write: corkedWriter(stdin),
        close: async () => {
          detach();
          stdin.end();
        },
      };
      stdout.on('data', onData);
      stdout.on('end', onEnd);
      stdout.on('error', onError);
      stdin.on('error', onError);
      this.link = link;
      return link;
    }
    const net = await loadNet();
    return new Promise((resolve, reject) => {
      const socket = 'path' in target ? net.createConnection({ path: target.path }) : net.createConnection({ host: target.host, port: target.port });
      const link: Link = {
        write: corkedWriter(socket),
        close: () =>
          new Promise<void>((done) => {
            if (socket.destroyed) return done();
            const timer = setTimeout(() => socket.destroy(), 1000);
            socket.once('close', () => {
              clearTimeout(timer);
              done();
            });
            socket.end();
          }),
      };
      let connected = false;
      let lastError: Error | undefined;
      socket.on('data', (chunk) => reader.push(chunk));
      socket.on('error', (e) => {
        lastError = e;
        if (!connected) reject(new QmpConnectionError(`cannot connect to QMP server: ${e.message}`, { cause: e }));
      });
      socket.on('close', () => {
        if (connected) this.linkClosed(link, lastError);
      });
      socket.once('connect', () => {
        connected = true;
        if (socket.remoteAddress !== undefined) socket.setNoDelay(true);
        this.link = link;
        resolve(link);
      });
    });
  }

  private linkClosed(link: Link, cause: Error | undefined): void {
    if (link !== this.link) return;
    if (this.held !== undefined && this.state === 'ready') this.releaseHeld();
    this.link = undefined;
    const error = new QmpConnectionError(`QMP connection closed${cause ? `: ${cause.message}` : ''}`, { cause });
    this.greetingWaiter?.reject(error);
    this.greetingWaiter = undefined;
    this.failAll(error);
    if (this.state !== 'ready') return; // connecting (establish sees the failure), reconnecting, or closed
    const reconnect = this.options.reconnect;
    if (reconnect !== undefined && reconnect.retries > 0 && !('stdio' in this.target)) {
      this.setState('reconnecting');
      this.reconnecting = this.reconnectLoop(reconnect.retries, reconnect.delayMs);
    } else {
      this.setState('closed');
      this.endSinks();
    }
  }

  private async reconnectLoop(retries: number, delayMs: number): Promise<void> {
    for (let attempt = 0; attempt < retries; attempt++) {
      await sleep(delayMs);
      if (this.state !== 'reconnecting') return;
      try {
        await this.establish();
        if (this.state !== 'reconnecting') {
          // closed meanwhile
          await this.link?.close();
          return;
        }
        this.reconnecting = undefined;
        this.setState('ready');
        return;
      } catch {
        // next attempt
      }
    }
    this.reconnecting = undefined;
    if (this.state === 'reconnecting') {
      this.setState('closed');
      this.endSinks();
    }
  }

  // ---- commands ----

  private request(link: Link, name: string, args: unknown, codec: CommandCodec | undefined, timeoutMs: number | undefined, oob: boolean): Promise<unknown> {
    let encoded: JsonValue | undefined;
    let text: string;
    const id = `__qmp#${String(++this.counter).padStart(5, '0')}`;
    const msg: Record<string, JsonValue> = oob ? { 'exec-oob': name } : { execute: name };
    try {
      if (args !== undefined) encoded = codec !== undefined ? codec.encodeArguments(args) : (args as JsonValue);
      if (encoded !== undefined && !(isJsonObject(encoded) && Object.keys(encoded).length === 0)) msg.arguments = encoded;
      msg.id = id;
      text = formatQmpMessage(msg, 'client');
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      if (codec?.successResponse === false) {
        this.options.trace?.('send', msg);
        link.write(text);
        resolve(undefined);
        return;
      }
      const entry: Pending = { name, codec, resolve, reject, timer: undefined };
      if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
        entry.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new QmpTimeoutError(name, timeoutMs));
        }, timeoutMs);
      }
      this.pending.set(id, entry);
      this.options.trace?.('send', msg);
      link.write(text);
    });
  }

  private receive(msg: unknown): void {
    this.options.trace?.('receive', msg);
    if (!isJsonObject(msg)) {
      this.report(new Error('QMP server sent a message that is not a JSON object'));
      return;
    }
    if (Object.hasOwn(msg, 'return') || Object.hasOwn(msg, 'error')) this.reply(msg);
    else if (Object.hasOwn(msg, 'event')) this.event(msg);
    else if (Object.hasOwn(msg, 'QMP')) this.greet(msg.QMP);
    // anything else: unknown message kinds are ignored, as the spec asks
  }

  private greet(qmp: unknown): void {
    const g = isJsonObject(qmp) ? qmp : {};
    const caps = Array.isArray(g.capabilities) ? g.capabilities.filter((c): c is string => typeof c === 'string') : [];
    const greeting: QmpGreeting = { version: g.version, capabilities: caps };
    if (this.currentGreeting === undefined) this.currentGreeting = greeting;
    if (this.greetingWaiter !== undefined) {
      const w = this.greetingWaiter;
      this.greetingWaiter = undefined;
      w.resolve(greeting);
    }
  }

  private reply(msg: Record<string, unknown>): void {
    if (this.held !== undefined && this.state === 'ready') this.releaseHeld();
    const id = msg.id;
    const entry = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (entry === undefined) {
      // Not ours (or timed out): dropped. An id-less error is the server's parse error.
      if (!Object.hasOwn(msg, 'id') && Object.hasOwn(msg, 'error')) {
        const err = toQmpError(msg.error, undefined);
        this.report(new QmpError(err.errorClass, `QMP server reported an error for no request: ${err.desc}`));
      }
      return;
    }
    this.pending.delete(id as string);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    if (Object.hasOwn(msg, 'error')) {
      entry.reject(toQmpError(msg.error, id));
      return;
    }
    const raw = msg.return;
    if (entry.codec === undefined) {
      entry.resolve(raw);
      return;
    }
    let value: unknown;
    try {
      value = entry.codec.decodeReturns(raw, this.decodeOptions);
    } catch (e) {
      entry.reject(new QmpDecodeError(`return of ${entry.name}`, raw, e));
      return;
    }
    entry.resolve(value);
  }

  // ---- events ----

  private event(msg: Record<string, unknown>): void {
    const name = msg.event;
    if (typeof name !== 'string') {
      this.report(new Error("QMP event member 'event' is not a string"));
      return;
    }
    const raw = msg.data ?? {};
    const codec = this.options.eventCodecs?.[name as keyof E] as EventCodec | undefined;
    let data: unknown = raw;
    if (codec !== undefined) {
      try {
        data = codec.decodeData(raw, this.decodeOptions);
      } catch (e) {
        this.report(new QmpDecodeError(`event ${name}`, raw, e));
        return;
      }
    }
    const ev: QmpEvent<E> = { event: name as keyof E & string, data, timestamp: toTimestamp(msg.timestamp) };
    if (this.held !== undefined) this.held.push(ev);
    else this.deliver(ev);
  }

  private releaseHeld(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const ev of held) {
      if (ev === 'end') this.endSinks();
      else this.deliver(ev);
    }
  }

  private deliver(ev: QmpEvent<E>): void {
    const set = this.listeners.get(ev.event);
    if (set !== undefined) {
      for (const listener of [...set]) {
        try {
          listener(ev.data, ev.timestamp);
        } catch (e) {
          this.report(e instanceof Error ? e : new Error(String(e)), true);
        }
      }
    }
    for (const sink of this.sinks) sink.push(ev);
  }

  // ---- helpers ----

  private failAll(error: Error): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const p of entries) {
      if (p.timer !== undefined) clearTimeout(p.timer);
      p.reject(error);
    }
  }

  private endSinks(): void {
    if (this.held !== undefined && this.state !== 'connecting') {
      this.held.push('end');
      return;
    }
    for (const sink of [...this.sinks]) sink.end();
  }

  private setState(state: QmpConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of [...this.stateListeners]) l(state);
  }

  /** Hands protocol trouble to onError listeners; a listener's own exception with none is rethrown (like EventEmitter), the rest become warnings. */
  private report(error: Error, thrownByListener = false): void {
    if (this.errorListeners.size > 0) {
      for (const l of [...this.errorListeners]) l(error);
    } else if (thrownByListener) {
      queueMicrotask(() => {
        throw error;
      });
    } else {
      process.emitWarning(error.message, { type: 'QmpWarning' });
    }
  }
}

function toQmpError(error: unknown, id: unknown): QmpError {
  const e = isJsonObject(error) ? error : {};
  const cls = typeof e.class === 'string' ? e.class : QmpErrorClass.GenericError;
  const desc = typeof e.desc === 'string' ? e.desc : 'malformed error response';
  return new QmpError(cls, desc, id);
}

function toTimestamp(v: unknown): QmpTimestamp {
  const t = isJsonObject(v) ? v : {};
  return { seconds: Number(t.seconds ?? -1), microseconds: Number(t.microseconds ?? -1) };
}

/** Writes to `out`, sending everything written within one tick together (one system call, not one per command). */
function corkedWriter(out: NodeJS.WritableStream & { cork?: () => void; uncork?: () => void }): (text: string) => void {
  if (out.cork === undefined || out.uncork === undefined) return (text) => void out.write(text);
  let corked = false;
  const uncork = () => {
    corked = false;
    out.uncork?.();
  };
  return (text) => {
    if (!corked) {
      corked = true;
      out.cork?.();
      process.nextTick(uncork);
    }
    out.write(text);
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

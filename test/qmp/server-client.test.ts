/**
 * Our QMP server against our QMP client, over a Unix socket, TCP on
 * 127.0.0.1 and a stdio pair, with codecs generated from
 * schema/qapi-schema.json and a mock VM: negotiation, ids, concurrency,
 * ordering, OOB, typed events, errors, strict and lenient decoding, the
 * compat policy, timeouts, disconnects and reconnection.
 */
import { afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  QmpClient,
  QmpConnectionError,
  QmpDecodeError,
  QmpError,
  QmpTimeoutError,
  type JsonValue,
  type QmpClientOptions,
  type QmpCommandDefinition,
  type QmpConnectTarget,
  type QmpServerOptions,
} from '../../runtime/index.js';
import { exampleSchema, generateCodecs, MOCK_VERSION, mockVm, RawQmp, tempDir, type Generated, type MockVm } from './helpers.js';

// The typed view of the few commands and events these tests use (what the generated QapiCommands/QapiEvents give).
interface StatusInfo {
  running: boolean;
  singlestep: boolean;
  status: string;
}
interface Commands {
  'query-version': { arguments: Record<string, never>; returns: { qemu: { major: bigint; minor: bigint; micro: bigint }; package: string } };
  'query-status': { arguments: Record<string, never>; returns: StatusInfo };
  'query-commands': { arguments: Record<string, never>; returns: { name: string }[] };
  'query-qmp-schema': { arguments: Record<string, never>; returns: { name: string; 'meta-type': string }[] };
  stop: { arguments: Record<string, never>; returns: Record<string, never> };
  cont: { arguments: Record<string, never>; returns: Record<string, never> };
  quit: { arguments: Record<string, never>; returns: Record<string, never> };
  system_reset: { arguments: Record<string, never>; returns: Record<string, never> };
  block_resize: { arguments: { device?: string; 'node-name'?: string; size: bigint }; returns: Record<string, never> };
  'x-colo-lost-heartbeat': { arguments: Record<string, never>; returns: Record<string, never> };
}
interface Events {
  STOP: Record<string, never>;
  RESUME: Record<string, never>;
  RESET: Record<string, never>;
  SHUTDOWN: Record<string, never>;
  WATCHDOG: { action: string };
}
type Client = QmpClient<Commands, Events>;

let gen: Generated;
beforeAll(async () => {
  gen = await generateCodecs('qmp-server-client', exampleSchema);
});

type Kind = 'unix' | 'tcp' | 'stdio';

interface Setup {
  readonly vm: MockVm;
  readonly connect: (options?: QmpClientOptions<Commands, Events>) => Promise<Client>;
  readonly target: () => QmpConnectTarget;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A mock VM served over `kind`; `connect` makes a typed client with the generated codecs. */
async function setup(kind: Kind, options: Partial<QmpServerOptions> = {}, extra: QmpCommandDefinition[] = []): Promise<Setup> {
  const vm = mockVm(gen, options, extra);
  cleanups.push(() => vm.server.close());
  let target: () => QmpConnectTarget;
  if (kind === 'stdio') {
    target = () => {
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      vm.server.serveStdio(toServer, toClient);
      return { stdio: { stdin: toServer, stdout: toClient } };
    };
  } else {
    if (kind === 'unix') await vm.server.listen({ path: join(tempDir(), 'qmp.sock') });
    else await vm.server.listen({ host: '127.0.0.1', port: 0 });
    const address = vm.server.address as { path: string } | { host: string; port: number };
    target = () => address;
  }
  const connect = async (opts: QmpClientOptions<Commands, Events> = {}) => {
    const client = await QmpClient.connect<Commands, Events>(target(), {
      commandCodecs: gen.commandCodecs,
      eventCodecs: gen.eventCodecs,
      ...opts,
    });
    cleanups.push(() => client.close());
    return client;
  };
  return { vm, connect, target };
}

/** An OOB-capable command for the OOB tests (no such command in the example schema). */
const oobPing: QmpCommandDefinition = {
  name: 'x-oob-ping',
  decodeArguments: (v) => v,
  encodeReturns: (v: JsonValue) => v,
  allowOob: true,
  handler: (args: { n?: number }, ctx) => ({ pong: args.n ?? 0, oob: ctx.oob }),
};

describe.each<Kind>(['unix', 'tcp', 'stdio'])('over %s', (kind) => {
  test('greeting, negotiation, typed commands', async () => {
    const { connect } = await setup(kind);
    const client = await connect();
    expect(client.greeting).toEqual({ version: MOCK_VERSION, capabilities: [] });
    expect(client.oobEnabled).toBe(false);
    const version = await client.execute('query-version');
    expect(version).toEqual({ qemu: { major: 7n, minor: 2n, micro: 22n }, package: 'qapi-ts mock' });
    expect(await client.execute('query-status')).toEqual({ running: true, singlestep: false, status: 'running' });
    const names = (await client.execute('query-commands')).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['qmp_capabilities', 'query-commands', 'query-qmp-schema', 'query-status', 'stop', 'cont', 'quit']));
  });

  test('ids of our own, concurrent requests matched by id', async () => {
    const { connect } = await setup(kind);
    const sent: unknown[] = [];
    const client = await connect({ trace: (dir, m) => dir === 'send' && sent.push(m) });
    const calls = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? client.execute('query-version') : client.execute('query-status')));
    const results = await Promise.all(calls);
    results.forEach((r, i) => expect(r).toHaveProperty(i % 3 === 0 ? 'package' : 'status'));
    expect(sent[0]).toEqual({ execute: 'qmp_capabilities', id: '__qmp#00001' });
    expect(sent[1]).toEqual({ execute: 'query-version', id: '__qmp#00002' });
    expect(new Set(sent.map((m) => (m as { id: string }).id)).size).toBe(301);
  });

  test('in-band commands run in order, stop/cont emit typed events', async () => {
    const { connect } = await setup(kind);
    const client = await connect();
    const seen: string[] = [];
    client.on('STOP', (data, ts) => {
      expect(data).toEqual({});
      expect(ts.seconds).toBeGreaterThan(1_600_000_000);
      expect(ts.microseconds).toBeGreaterThanOrEqual(0);
      seen.push('STOP');
    });
    client.on('RESUME', () => seen.push('RESUME'));
    const iterator = client.events();
    const resumed = client.waitForEvent('RESUME');
    // fired together; the server must run them one by one, in order
    const [, paused, , running] = await Promise.all([
      client.execute('stop'),
      client.execute('query-status'),
      client.execute('cont'),
      client.execute('query-status'),
    ]);
    expect(paused.status).toBe('paused');
    expect(running.status).toBe('running');
    await resumed;
    expect(seen).toEqual(['STOP', 'RESUME']);
    expect((await iterator.next()).value).toMatchObject({ event: 'STOP', data: {} });
    expect((await iterator.next()).value).toMatchObject({ event: 'RESUME', data: {} });
    await iterator.return?.();
  });

  test('events go to every client in command mode', async () => {
    const { connect, vm, target } = await setup(kind === 'stdio' ? 'unix' : kind);
    const clients = await Promise.all(Array.from({ length: 5 }, () => connect()));
    const waits = clients.map((c) => c.waitForEvent('RESET', { timeoutMs: 5000 }));
    const t = target();
    const raw = 'path' in t || 'host' in t ? await RawQmp.connect(t as { path: string }) : undefined;
    await raw?.greeting();
    await clients[0].execute('system_reset');
    await Promise.all(waits);
    // a connection still negotiating gets no events
    expect(await raw?.exchange('')).toEqual([]);
    raw?.close();
    expect(vm.server.connections.length).toBeGreaterThanOrEqual(5);
  });

  test('typed event data, decode failures reported', async () => {
    const { connect, vm } = await setup(kind);
    const client = await connect({ strict: true });
    const errors: Error[] = [];
    client.onError((e) => errors.push(e));
    const watchdog = client.waitForEvent('WATCHDOG');
    vm.server.emit('WATCHDOG', { action: 'bogus' });
    vm.server.emit('WATCHDOG', { action: 'pause' });
    expect((await watchdog).data).toEqual({ action: 'pause' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(QmpDecodeError);
    expect(errors[0].message).toBe("event WATCHDOG does not match the schema: Parameter 'action' does not accept value 'bogus'");
  });

  test('errors: QmpError with class, desc and id', async () => {
    const { connect } = await setup(kind);
    const client = await connect();
    const untyped = client as unknown as QmpClient;
    await expect(untyped.execute('no-such-command')).rejects.toMatchObject({
      name: 'QmpError',
      errorClass: 'CommandNotFound',
      desc: 'The command no-such-command has not been found',
      message: 'The command no-such-command has not been found',
      id: expect.stringMatching(/^__qmp#\d{5}$/),
    });
    // a handler that throws something else: GenericError with its message
    await expect(client.execute('block_resize', { size: 1n })).rejects.toMatchObject({
      errorClass: 'GenericError',
      desc: 'Command block_resize is not implemented by the mock',
    });
    // bad arguments (sent without a codec): the decoder's message
    const raw = await QmpClient.connect(
      (await setup(kind)).target(),
      {},
    );
    cleanups.push(() => raw.close());
    await expect(raw.execute('block_resize', { size: 'big' })).rejects.toEqual(
      new QmpError('GenericError', "Invalid parameter type for 'size', expected: integer"),
    );
    await expect(raw.execute('query-status', { x: 1 })).rejects.toMatchObject({ desc: "Parameter 'x' is unexpected" });
    expect(await raw.execute('query-status')).toEqual({ running: true, singlestep: false, status: 'running' });
  });

  test('strict and lenient decoding of replies', async () => {
    const newer: QmpCommandDefinition = {
      name: 'query-status',
      decodeArguments: gen.commandCodecs['query-status'].decodeArguments,
      encodeReturns: (v: JsonValue) => v,
      handler: () => ({ running: false, singlestep: false, status: 'frozen-in-time', 'new-member': 1 }),
    };
    const { connect } = await setup(kind, {}, [newer]);
    const lenient = await connect();
    expect(await lenient.execute('query-status')).toEqual({ running: false, singlestep: false, status: 'frozen-in-time' });
    const strict = await connect({ strict: true });
    const failure = await strict.execute('query-status').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QmpDecodeError);
    expect((failure as QmpDecodeError).value).toEqual({ running: false, singlestep: false, status: 'frozen-in-time', 'new-member': 1 });
    expect((failure as Error).message).toMatch(/^return of query-status does not match the schema: Parameter '(status' does not accept value 'frozen-in-time|new-member' is unexpected)'$/);
  });

  test('query-qmp-schema: our introspection data, decoded by the schema', async () => {
    const { connect } = await setup(kind);
    const client = await connect();
    const schema = await client.execute('query-qmp-schema');
    expect(schema).toHaveLength((gen.qmpSchema ?? []).length);
    expect(schema.find((e) => e.name === 'query-status')).toMatchObject({ 'meta-type': 'command' });
    // The schema's SchemaInfo (control.json) describes today's introspection
    // format, features included, so the reply also decodes strictly.
    const strict = await connect({ strict: true });
    expect(await strict.execute('query-qmp-schema')).toHaveLength((gen.qmpSchema ?? []).length);
  });

  test('a timeout rejects that call only; its late reply is dropped', async () => {
    const { connect, vm } = await setup(kind);
    const client = await connect();
    vm.state.delays['query-status'] = 300;
    const slow = client.execute('query-status', {}, { timeoutMs: 50 });
    const next = client.execute('query-version');
    await expect(slow).rejects.toBeInstanceOf(QmpTimeoutError);
    await expect(slow).rejects.toThrow("QMP command 'query-status' got no reply within 50 ms");
    expect(await next).toHaveProperty('package');
    vm.state.delays['query-status'] = 0;
    expect(await client.execute('query-status')).toHaveProperty('status', 'running');
  });

  test('the default timeout comes from the options', async () => {
    const { connect, vm } = await setup(kind);
    const client = await connect({ timeoutMs: 40, connectTimeoutMs: 10_000 });
    vm.state.delays['query-status'] = 200;
    await expect(client.execute('query-status')).rejects.toBeInstanceOf(QmpTimeoutError);
  });

  test('a disconnect rejects pending calls; quit closes', async () => {
    const { connect, vm } = await setup(kind);
    const client = await connect();
    vm.state.delays['query-status'] = 2000;
    const pending = [client.execute('query-status'), client.execute('query-version')];
    await new Promise((r) => setTimeout(r, 30));
    for (const s of vm.server.connections) s.close();
    for (const p of pending) await expect(p).rejects.toBeInstanceOf(QmpConnectionError);
    await expect(client.execute('query-version')).rejects.toBeInstanceOf(QmpConnectionError);
    expect(client.connectionState).toBe('closed');

    vm.state.delays['query-status'] = 0;
    const other = await connect();
    const shutdown = other.waitForEvent('SHUTDOWN');
    const closed = new Promise<void>((r) => other.onConnectionState((s) => s === 'closed' && r()));
    expect(await other.execute('quit')).toEqual({});
    await shutdown;
    await closed;
    await expect(other.execute('query-status')).rejects.toThrow('QMP connection is closed');
  });

  test('events() ends when the client closes', async () => {
    const { connect } = await setup(kind);
    const client = await connect();
    const it = client.events();
    const next = it.next();
    await client.close();
    expect(await next).toEqual({ value: undefined, done: true });
  });

  test('a 10 MB reply, and a 10 MB argument', async () => {
    const big: QmpCommandDefinition = {
      name: 'x-big',
      decodeArguments: (v) => v,
      encodeReturns: (v: JsonValue) => v,
      handler: (args: { echo?: string; size?: number }) => ({ data: args.echo ?? 'z'.repeat(args.size ?? 0) }),
    };
    const { connect } = await setup(kind, {}, [big]);
    const client = (await connect()) as unknown as QmpClient;
    const size = 10 * 1024 * 1024;
    const reply = (await client.execute('x-big', { size })) as { data: string };
    expect(reply.data.length).toBe(size);
    const echo = 'é'.repeat(size / 2);
    expect(((await client.execute('x-big', { echo })) as { data: string }).data).toBe(echo);
  });

  test('OOB: negotiated when asked and offered, jumps the in-band queue', async () => {
    const { connect, vm } = await setup(kind, { capabilities: ['oob'] }, [oobPing]);
    const plain = (await connect()) as unknown as QmpClient;
    expect(plain.oobEnabled).toBe(false);
    await expect(plain.execute('x-oob-ping', {}, { oob: true })).rejects.toMatchObject({ desc: "QMP input member 'exec-oob' is unexpected" });

    const client = (await connect({ oob: true })) as unknown as QmpClient;
    expect(client.greeting.capabilities).toEqual(['oob']);
    expect(client.oobEnabled).toBe(true);
    vm.state.delays['query-status'] = 300;
    const order: string[] = [];
    const slow = client.execute('query-status').then(() => order.push('in-band'));
    const fast = client.execute('x-oob-ping', { n: 5 }, { oob: true }).then((r) => {
      order.push('oob');
      return r;
    });
    expect(await fast).toEqual({ pong: 5, oob: true });
    await slow;
    expect(order).toEqual(['oob', 'in-band']);
    await expect(client.execute('query-version', {}, { oob: true })).rejects.toMatchObject({ desc: 'The command query-version does not support OOB' });
  });

  test('compat policy: unstable/deprecated input rejected, output hidden', async () => {
    const { connect, vm } = await setup(kind, {
      compat: { unstableInput: 'reject', deprecatedInput: 'reject', deprecatedOutput: 'hide', unstableOutput: 'hide' },
    });
    const client = await connect();
    await expect(client.execute('x-colo-lost-heartbeat')).rejects.toEqual(
      new QmpError('CommandNotFound', 'Unstable command x-colo-lost-heartbeat disabled by policy'),
    );
    const resets: string[] = [];
    client.on('RESET', () => resets.push('RESET'));
    vm.server.emit('RESET', undefined, ['deprecated']);
    vm.server.emit('RESET', undefined, ['unstable']);
    vm.server.emit('RESET', undefined, ['some-feature']);
    await client.execute('query-status');
    expect(resets).toEqual(['RESET']);
  });
});

describe('reconnection (sockets)', () => {
  test.each<Kind>(['unix', 'tcp'])('%s: reconnects after the server drops the connection', async (kind) => {
    const { connect, vm } = await setup(kind);
    const client = await connect({ reconnect: { retries: 20, delayMs: 20 } });
    const states: string[] = [];
    client.onConnectionState((s) => states.push(s));
    for (const s of vm.server.connections) s.close();
    // a call made while reconnecting waits for the new connection
    await new Promise((r) => setTimeout(r, 5));
    expect(await client.execute('query-status')).toHaveProperty('running', true);
    expect(states).toEqual(['reconnecting', 'ready']);
    expect(client.connectionState).toBe('ready');
  });

  test('the first connection is retried until the server is up', async () => {
    const path = join(tempDir(), 'late.sock');
    const vm = mockVm(gen);
    cleanups.push(() => vm.server.close());
    setTimeout(() => void vm.server.listen({ path }), 150);
    const client = await QmpClient.connect<Commands, Events>({ path }, { reconnect: { retries: 50, delayMs: 20 }, commandCodecs: gen.commandCodecs });
    cleanups.push(() => client.close());
    expect(await client.execute('query-status')).toHaveProperty('status', 'running');
  });

  test('without retries, connecting to nothing fails', async () => {
    await expect(QmpClient.connect({ path: join(tempDir(), 'none.sock') })).rejects.toBeInstanceOf(QmpConnectionError);
  });

  test('gives up after the retries and closes', async () => {
    const { connect, vm } = await setup('unix');
    const client = await connect({ reconnect: { retries: 3, delayMs: 10 } });
    const closed = new Promise<void>((r) => client.onConnectionState((s) => s === 'closed' && r()));
    await vm.server.close();
    await closed;
    await expect(client.execute('query-status')).rejects.toBeInstanceOf(QmpConnectionError);
  });
});

describe('server details', () => {
  test('events that arrive before the greeting or before the negotiation reply reach the client', async () => {
    // A server that is not QEMU: an event before the greeting, and one between qmp_capabilities and its reply.
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    toServer.on('data', (d: Buffer) => {
      const req = JSON.parse(String(d)) as { execute: string; id: string };
      if (req.execute === 'qmp_capabilities') {
        toClient.write('{"event":"RESET","timestamp":{"seconds":2,"microseconds":0}}\r\n');
        toClient.write(`{"return":{},"id":"${req.id}"}\r\n`);
      }
    });
    toClient.write('{"event":"STOP","timestamp":{"seconds":1,"microseconds":0}}\r\n');
    toClient.write('{"QMP":{"version":{},"capabilities":[]}}\r\n');
    const client = await QmpClient.connect<Commands, Events>({ stdio: { stdin: toServer, stdout: toClient } }, { eventCodecs: gen.eventCodecs, strict: true });
    cleanups.push(() => client.close());
    const got: string[] = [];
    client.on('STOP', () => got.push('STOP')).on('RESET', () => got.push('RESET'));
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(['STOP', 'RESET']);
  });

  test('replies with an unknown id are dropped; an id-less error goes to onError', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    toServer.on('data', (d: Buffer) => {
      const req = JSON.parse(String(d)) as { id: string };
      toClient.write('{"return":{"wrong":true},"id":"__qmp#99999"}\r\n{"error":{"class":"GenericError","desc":"JSON parse error, x"}}\r\n');
      toClient.write(`{"return":{"right":true},"id":"${req.id}"}\r\n`);
    });
    toClient.write('{"QMP":{"version":{},"capabilities":[]}}\r\n');
    const client = await QmpClient.connect({ stdio: { stdin: toServer, stdout: toClient } });
    cleanups.push(() => client.close());
    const errors: Error[] = [];
    client.onError((e) => errors.push(e));
    expect(await client.execute('anything')).toEqual({ right: true });
    // (the first one, during connect, came before there was a listener: a process warning)
    expect(errors.map((e) => e.message)).toEqual(['QMP server reported an error for no request: JSON parse error, x']);
  });

  test('preconfig: only allow-preconfig commands until exitPreconfig()', async () => {
    const { connect, vm } = await setup('unix', { preconfig: true });
    const client = await connect();
    expect(await client.execute('query-status')).toHaveProperty('running'); // allow-preconfig
    await expect(client.execute('stop')).rejects.toEqual(
      new QmpError('GenericError', "The command 'stop' is permitted only after machine initialization has completed"),
    );
    vm.server.exitPreconfig();
    expect(await client.execute('stop')).toEqual({});
  });

  test('a disabled command', async () => {
    const { connect, vm } = await setup('unix');
    const client = await connect();
    vm.server.disableCommand('stop', 'not now');
    vm.server.disableCommand('cont');
    await expect(client.execute('stop')).rejects.toEqual(new QmpError('CommandNotFound', 'Command stop has been disabled: not now'));
    await expect(client.execute('cont')).rejects.toEqual(new QmpError('CommandNotFound', 'Command cont has been disabled'));
    expect((await client.execute('query-commands')).map((c) => c.name)).not.toContain('stop');
    vm.server.enableCommand('stop');
    expect(await client.execute('stop')).toEqual({});
  });

  test('success-response false: no reply on success, errors still replied', async () => {
    let ran = 0;
    const silent: QmpCommandDefinition = {
      name: 'x-silent',
      decodeArguments: (v) => v,
      encodeReturns: () => ({}),
      successResponse: false,
      handler: (args: { fail?: boolean }) => {
        ran++;
        if (args.fail) throw new QmpError('DeviceNotFound', 'no such device');
      },
    };
    const { vm } = await setup('unix', {}, [silent]);
    const raw = await RawQmp.connect(vm.server.address as { path: string });
    await raw.greeting();
    await raw.exchange('{"execute":"qmp_capabilities"}');
    expect(await raw.exchange('{"execute":"x-silent","id":1}')).toEqual([]);
    expect(await raw.exchange('{"execute":"x-silent","arguments":{"fail":true},"id":2}')).toEqual([
      { error: { class: 'DeviceNotFound', desc: 'no such device' }, id: 2 },
    ]);
    expect(ran).toBe(2);
    raw.close();
  });

  test('stdio: requests already sent are answered after the input ends', async () => {
    const vm = mockVm(gen);
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += String(d)));
    const ended = new Promise((r) => output.on('end', r));
    vm.server.serveStdio(input, output);
    input.end('{"execute":"qmp_capabilities"}\n{"execute":"query-status","id":1}\n{"execute":"query-version","id":2}');
    await ended;
    const lines = text.split('\r\n');
    expect(lines.slice(1)).toEqual([
      '{"return":{}}',
      '{"return":{"running":true,"singlestep":false,"status":"running"},"id":1}',
      '{"return":{"qemu":{"major":7,"minor":2,"micro":22},"package":"qapi-ts mock"},"id":2}',
      '',
    ]);
  });

  test('server output is ASCII with CRLF; client output is LF', async () => {
    const echo: QmpCommandDefinition = { name: 'x-echo', decodeArguments: (v) => v, encodeReturns: (v: JsonValue) => v, handler: (a: unknown) => a };
    const vm = mockVm(gen, {}, [echo]);
    // taps between the two ends record what each writes
    const [serverIn, serverOut, clientIn, clientOut] = [new PassThrough(), new PassThrough(), new PassThrough(), new PassThrough()];
    let serverText = '';
    let clientText = '';
    serverOut.on('data', (d: Buffer) => {
      serverText += d.toString('latin1');
      clientIn.write(d);
    });
    clientOut.on('data', (d: Buffer) => {
      clientText += String(d);
      serverIn.write(d);
    });
    vm.server.serveStdio(serverIn, serverOut);
    const client = await QmpClient.connect({ stdio: { stdin: clientOut, stdout: clientIn } });
    cleanups.push(() => client.close());
    expect(await client.execute('x-echo', { s: 'é😀' })).toEqual({ s: 'é😀' });
    expect(serverText).toMatch(/^\{"QMP":.*\}\r\n\{"return":\{\},"id":"__qmp#00001"\}\r\n\{"return":\{"s":"\\u00e9\\ud83d\\ude00"\},"id":"__qmp#00002"\}\r\n$/);
    expect(clientText).toBe('{"execute":"qmp_capabilities","id":"__qmp#00001"}\n{"execute":"x-echo","arguments":{"s":"é😀"},"id":"__qmp#00002"}\n');
  });

  test('many connections at once', async () => {
    const { connect } = await setup('unix');
    const clients = await Promise.all(Array.from({ length: 30 }, () => connect()));
    const results = await Promise.all(clients.flatMap((c) => Array.from({ length: 20 }, () => c.execute('query-status'))));
    expect(results).toHaveLength(600);
  });
});

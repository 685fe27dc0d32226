/**
 * End to end against a real QEMU (Debian's qemu-system-x86_64 7.2, started
 * with -machine none): our client with codecs generated from
 * (a) schema/qapi-schema.json: version, status, stop/cont with typed
 *     STOP/RESUME events, CommandNotFound, OOB, stdio, quit;
 * (b) QEMU 7.2's own schema (../shared/corpus): every read-only query
 *     command QEMU lists that needs no arguments, each reply decoded
 *     STRICTLY, with no decode failure allowed (a failure names the
 *     command, the path and the message, to be taken to the generator).
 * Skipped when the binary is absent (CI installs it).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { QmpClient, QmpConnectionError, QmpDecodeError, QmpError, type QmpClientOptions } from '../../runtime/index.js';
import { exampleSchema, generateCodecs, haveQemu, qemu72Schema, qemuBinary, startQemu, type Generated, type RunningQemu } from './helpers.js';

interface Commands {
  'query-version': { arguments: Record<string, never>; returns: { qemu: { major: bigint; minor: bigint; micro: bigint }; package: string } };
  'query-status': { arguments: Record<string, never>; returns: { running: boolean; singlestep: boolean; status: string } };
  'query-commands': { arguments: Record<string, never>; returns: { name: string }[] };
  stop: { arguments: Record<string, never>; returns: Record<string, never> };
  cont: { arguments: Record<string, never>; returns: Record<string, never> };
  quit: { arguments: Record<string, never>; returns: Record<string, never> };
}
interface Events {
  STOP: Record<string, never>;
  RESUME: Record<string, never>;
  SHUTDOWN: { guest?: boolean; reason?: string };
}
type Client = QmpClient<Commands, Events>;

const describeQemu = haveQemu ? describe : describe.skip;
const TIMEOUT = 120_000;

function connect(gen: Generated, path: string, options: QmpClientOptions<Commands, Events> = {}): Promise<Client> {
  return QmpClient.connect<Commands, Events>({ path }, { commandCodecs: gen.commandCodecs, eventCodecs: gen.eventCodecs, timeoutMs: 30_000, ...options });
}

describeQemu('QEMU 7.2 with codecs from schema/qapi-schema.json', () => {
  let gen: Generated;
  let qemu: RunningQemu;
  let client: Client;

  beforeAll(async () => {
    gen = await generateCodecs('qmp-real-qemu-example', exampleSchema);
    qemu = await startQemu(2);
    client = await connect(gen, qemu.paths[0]);
  }, TIMEOUT);
  afterAll(async () => {
    await client?.close();
    await qemu?.stop();
  });

  test('greeting and query-version', async () => {
    expect(client.greeting.capabilities).toEqual(['oob']);
    const version = await client.execute('query-version');
    expect(version.qemu).toMatchObject({ major: 7n, minor: 2n });
    expect(typeof version.package).toBe('string');
    expect(client.greeting.version).toEqual({ qemu: { major: 7, minor: 2, micro: Number(version.qemu.micro) }, package: version.package });
  });

  test('query-status, decoded strictly', async () => {
    const strict = await connect(gen, qemu.paths[1], { strict: true });
    try {
      expect(await strict.execute('query-status')).toEqual({ running: true, singlestep: false, status: 'running' });
      expect(await strict.execute('query-version')).toHaveProperty('qemu');
    } finally {
      await strict.close();
    }
  });

  test('stop and cont, with typed STOP and RESUME events', async () => {
    const stopped = client.waitForEvent('STOP', { timeoutMs: 10_000 });
    expect(await client.execute('stop')).toEqual({});
    const stop = await stopped;
    expect(stop.data).toEqual({});
    expect(stop.timestamp.seconds).toBeGreaterThan(1_600_000_000);
    expect(await client.execute('query-status')).toMatchObject({ running: false, status: 'paused' });
    const resumed = client.waitForEvent('RESUME', { timeoutMs: 10_000 });
    expect(await client.execute('cont')).toEqual({});
    expect((await resumed).data).toEqual({});
    expect(await client.execute('query-status')).toMatchObject({ running: true, status: 'running' });
  });

  test('an unknown command gives CommandNotFound', async () => {
    await expect((client as unknown as QmpClient).execute('no-such-command')).rejects.toEqual(
      new QmpError('CommandNotFound', 'The command no-such-command has not been found'),
    );
  });

  test('concurrent commands are matched by id', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? client.execute('query-status') : client.execute('query-version'))));
    results.forEach((r, i) => expect(r).toHaveProperty(i % 2 ? 'status' : 'package'));
  });

  test('OOB negotiated; exec-oob reaches QEMU', async () => {
    const oob = (await QmpClient.connect({ path: qemu.paths[1] }, { oob: true })) as QmpClient;
    try {
      expect(oob.oobEnabled).toBe(true);
      // migrate-pause allows OOB; with no migration running QEMU refuses it (from the OOB path)
      await expect(oob.execute('migrate-pause', undefined, { oob: true })).rejects.toMatchObject({ errorClass: 'GenericError' });
      await expect(oob.execute('query-status', undefined, { oob: true })).rejects.toEqual(
        new QmpError('GenericError', 'The command query-status does not support OOB'),
      );
    } finally {
      await oob.close();
    }
  });

  test('quit: {} then SHUTDOWN, then the connection closes', async () => {
    const shutdown = client.waitForEvent('SHUTDOWN', { timeoutMs: 10_000 });
    const closed = new Promise<void>((r) => client.onConnectionState((s) => s === 'closed' && r()));
    expect(await client.execute('quit')).toEqual({});
    await shutdown; // leniently decoded: the example schema's SHUTDOWN has no data, 7.2's has guest and reason
    await closed;
    await expect(client.execute('query-status')).rejects.toBeInstanceOf(QmpConnectionError);
  }, TIMEOUT);
});

describeQemu('QEMU 7.2 over stdio (-qmp stdio)', () => {
  test('connect through the child\'s pipes, query, quit', async () => {
    const gen = await generateCodecs('qmp-real-qemu-stdio', exampleSchema);
    const proc = spawn(qemuBinary, ['-machine', 'none', '-nodefaults', '-display', 'none', '-qmp', 'stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    try {
      const client = await QmpClient.connect<Commands, Events>({ stdio: { stdin: proc.stdin, stdout: proc.stdout } }, {
        commandCodecs: gen.commandCodecs,
        strict: true,
        timeoutMs: 30_000,
      });
      expect((await client.execute('query-version')).qemu.major).toBe(7n);
      expect(await client.execute('query-status')).toHaveProperty('status', 'running');
      expect(await client.execute('quit')).toEqual({});
      expect(await exited).toBe(0);
      await client.close();
    } finally {
      proc.kill('SIGKILL');
    }
  }, TIMEOUT);
});

/** Query commands QEMU lists that take no arguments (or only optional ones): run each, decode strictly. */
async function runQueries(gen: Generated, client: QmpClient) {
  const listed = ((await client.execute('query-commands')) as { name: string }[]).map((c) => c.name).sort();
  const queries = listed.filter((n) => n.startsWith('query-') || n.startsWith('x-query-'));
  const needArgs: string[] = [];
  const unknown: string[] = [];
  const decoded: string[] = [];
  const errors: Record<string, string> = {};
  const failures: Record<string, { message: string; path?: string; value: string }> = {};
  for (const name of queries) {
    const codec = gen.commandCodecs[name];
    if (codec === undefined) {
      unknown.push(name);
      continue;
    }
    try {
      codec.decodeArguments({}, { lenient: false });
    } catch {
      needArgs.push(name);
      continue;
    }
    try {
      await client.execute(name);
      decoded.push(name);
    } catch (e) {
      if (e instanceof QmpDecodeError) {
        const cause = e.cause as { message: string; path?: string };
        failures[name] = { message: cause.message, path: cause.path, value: JSON.stringify(e.value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)).slice(0, 500) };
      } else if (e instanceof QmpError) {
        errors[name] = `${e.errorClass}: ${e.desc}`;
      } else throw e;
    }
  }
  return { listed, queries, needArgs, unknown, decoded, errors, failures };
}

const have72 = haveQemu && existsSync(qemu72Schema);

(have72 ? describe : describe.skip)('QEMU 7.2 with codecs from its own schema, decoded strictly', () => {
  let gen: Generated;
  beforeAll(async () => {
    gen = await generateCodecs('qmp-real-qemu-7.2', qemu72Schema);
  }, TIMEOUT);

  test.each([
    ['none', [] as string[]],
    // more devices, more to report; stopped (prelaunch), so no STOP event
    ['pc', ['-S', '-accel', 'tcg', '-usb', '-device', 'virtio-balloon-pci', '-device', 'vmgenid', '-device', 'usb-tablet', '-smp', '2,maxcpus=4']],
  ])('every argument-less query command, -machine %s', async (machine, extra) => {
    const qemu = await startQemu(1, extra, machine);
    const client = (await QmpClient.connect({ path: qemu.paths[0] }, {
      commandCodecs: gen.commandCodecs,
      eventCodecs: gen.eventCodecs,
      strict: true,
      timeoutMs: 60_000,
    })) as QmpClient;
    const typed = client as unknown as Client;
    try {
      const r = await runQueries(gen, client);
      if (process.env.PRINT_QEMU_QUERIES) console.log(machine, JSON.stringify(r, null, 1));
      expect(r.unknown).toEqual([]);
      expect(r.failures).toEqual({});
      expect(r.decoded.length).toBeGreaterThan(40);
      expect(r.decoded).toEqual(
        expect.arrayContaining(['query-qmp-schema', 'query-version', 'query-status', 'query-commands', 'query-machines', 'query-cpu-definitions']),
      );
      // typed events from the 7.2 schema, strictly
      if (machine === 'none') {
        const stop = typed.waitForEvent('STOP', { timeoutMs: 10_000 });
        await client.execute('stop');
        expect((await stop).data).toEqual({});
      }
      const shutdown = typed.waitForEvent('SHUTDOWN', { timeoutMs: 10_000 });
      await client.execute('quit');
      expect((await shutdown).data).toEqual({ guest: false, reason: 'host-qmp-quit' });
    } finally {
      await client.close();
      await qemu.stop();
    }
  }, TIMEOUT);
});

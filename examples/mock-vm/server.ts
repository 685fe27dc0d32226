/**
 * A mock VM behind a real QMP server, built on the dispatch table generated
 * from schema/ (generated/dispatch.ts). It implements a handful of commands;
 * every other command of the schema answers CommandNotFound, as a QEMU built
 * without it would.
 *
 *   npm run example:server -- /tmp/mock-vm.sock
 */
import { QmpError, QmpServer } from 'qapi-ts/runtime';
import { eventEmitters, someCommandDefinitions, type QapiHandlers } from '../../generated/dispatch.js';
import { qmpSchema } from '../../generated/introspection.js';
import type { RunState } from '../../generated/run-state.js';

export function createMockVm(): QmpServer {
  let status: RunState = 'running';
  // eslint-disable-next-line prefer-const
  let server: QmpServer;
  const events = eventEmitters((event, data) => server.emit(event, data));

  const handlers: Partial<QapiHandlers> = {
    queryVersion: () => ({ qemu: { major: 2n, minor: 9n, micro: 0n }, package: 'qapi-ts mock VM' }),
    queryStatus: () => ({ running: status === 'running', singlestep: false, status }),
    stop: (_args, ctx) => {
      if (status !== 'running') return;
      status = 'paused';
      ctx.afterReply(() => events.stop());
    },
    cont: (_args, ctx) => {
      if (status === 'running') return;
      status = 'running';
      ctx.afterReply(() => events.resume());
    },
    queryName: () => ({ name: 'mock-vm' }),
    humanMonitorCommand: ({ 'command-line': line }) => {
      throw new QmpError('GenericError', `The mock VM has no human monitor ('${line}')`);
    },
    quit: (_args, ctx) => {
      ctx.afterReply(() => void server.close());
    },
  };

  server = new QmpServer({
    version: { qemu: { major: 2, minor: 9, micro: 0 }, package: 'qapi-ts mock VM' },
    commands: someCommandDefinitions(handlers),
    capabilities: ['oob'],
    schema: qmpSchema,
  });
  return server;
}

const path = process.argv[2];
if (path) {
  const server = createMockVm();
  await server.listen({ path });
  console.log(`mock VM listening on ${path}`);
}

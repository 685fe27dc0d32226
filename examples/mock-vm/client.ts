/**
 * Talks to a QMP server (the mock VM, or a real QEMU started with
 * `-qmp unix:PATH,server=on,wait=off`) with the client generated from
 * schema/ (generated/client.ts), and prints what it sees.
 *
 *   npm run example:client -- /tmp/mock-vm.sock
 */
import { connect } from '../../generated/client.js';

const path = process.argv[2] ?? '/tmp/mock-vm.sock';
const client = await connect({ path }, { strict: true, timeoutMs: 5000 });
client.on('STOP', (_data, t) => console.log(`event STOP at ${t.seconds}.${t.microseconds}`));
client.on('RESUME', (_data, t) => console.log(`event RESUME at ${t.seconds}.${t.microseconds}`));

const version = await client.execute('query-version');
console.log(`connected to QEMU ${version.qemu.major}.${version.qemu.minor}.${version.qemu.micro} (${version.package})`);
console.log('status:', (await client.execute('query-status')).status);
await client.execute('stop');
console.log('status:', (await client.execute('query-status')).status);
await client.execute('cont');
console.log('status:', (await client.execute('query-status')).status);
try {
  await client.execute('query-kvm');
} catch (e) {
  console.log(`query-kvm: ${(e as Error).message}`);
}
await client.close();

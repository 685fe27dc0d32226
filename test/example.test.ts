/**
 * The README's example: the mock VM server built on generated/dispatch.ts
 * and the script that talks to it with generated/client.ts, as real
 * processes over a Unix socket.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'qapi-ts-example-'));
const socket = join(dir, 'vm.sock');
let server: ChildProcess | undefined;

afterAll(() => {
  // The server runs in its own process group (run-ts and the example): stop both.
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the mock VM example', () => {
  test('the client sees version, status changes and STOP/RESUME events', async () => {
    server = spawn(process.execPath, ['build/run-ts.mjs', 'examples/mock-vm/server.ts', socket], { cwd: root, detached: true });
    await new Promise<void>((ready, fail) => {
      server!.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('listening')) ready(); });
      server!.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
    });
    const r = spawnSync(process.execPath, ['build/run-ts.mjs', 'examples/mock-vm/client.ts', socket], { cwd: root, encoding: 'utf8', timeout: 30000 });
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('connected to QEMU 2.9.0 (qapi-ts mock VM)');
    expect(lines).toEqual(expect.arrayContaining([
      'status: running', 'status: paused', 'query-kvm: The command query-kvm has not been found',
    ]));
    expect(lines.some((l) => l.startsWith('event STOP at '))).toBe(true);
    expect(lines.some((l) => l.startsWith('event RESUME at '))).toBe(true);
  }, 60000);
});

// Runs a TypeScript file of this repository (an example) without a build
// step of its own: esbuild bundles it to a temporary file, resolving
// `qapi-ts/runtime` to the runtime sources, and Node runs that. Signals are
// passed on, so stopping this process stops the example.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'qapi-ts-run-'));
const outfile = join(dir, 'main.mjs');
await build({
  entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
  alias: { 'qapi-ts/runtime': resolve('runtime/index.ts') }, logLevel: 'warning',
});
const child = spawn(process.execPath, [outfile, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = code ?? (signal ? 1 : 0);
});

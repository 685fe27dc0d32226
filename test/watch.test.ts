/**
 * `qapi-ts generate --watch` through the real binary: a change to an
 * included file regenerates; a schema error is reported and the last good
 * output stays; fixing it regenerates again.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(import.meta.dirname, '../bin/qapi-ts.cjs');
const dir = mkdtempSync(join(tmpdir(), 'qapi-ts-watch-'));
let child: ChildProcess | undefined;
let stderr = '';

afterAll(() => {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, ok: () => boolean, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; stderr so far:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const out = (f: string) => (existsSync(join(dir, 'out', f)) ? readFileSync(join(dir, 'out', f), 'utf8') : '');

describe('generate --watch', () => {
  test('regenerates on change of an included file and keeps the last good output on errors', async () => {
    writeFileSync(join(dir, 'main.json'), "{ 'include': 'colours.json' }\n{ 'struct': 'Paint', 'data': { 'colour': 'Colour' } }\n");
    writeFileSync(join(dir, 'colours.json'), "{ 'enum': 'Colour', 'data': [ 'red' ] }\n");
    child = spawn(process.execPath, [cli, 'generate', 'main.json', '-o', 'out', '--target', 'types', '--watch'], { cwd: dir });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    await until('the first build', () => stderr.includes('watching 2 files'));
    expect(out('colours.ts')).toContain("export type Colour = 'red';");

    writeFileSync(join(dir, 'colours.json'), "{ 'enum': 'Colour', 'data': [ 'red', 'blue' ] }\n");
    await until('the rebuild', () => out('colours.ts').includes("'red' | 'blue'"));

    const before = stderr.length;
    writeFileSync(join(dir, 'colours.json'), "{ 'enum': 'Colour', 'data': [ 'red', 'blue' }\n");
    await until('the error', () => stderr.slice(before).includes('keeping the last good output'));
    expect(stderr.slice(before)).toMatch(/colours\.json:1:\d+: error QAPI\d{4}: /);
    expect(out('colours.ts')).toContain("'red' | 'blue'");

    writeFileSync(join(dir, 'colours.json'), "{ 'enum': 'Colour', 'data': [ 'green' ] }\n");
    await until('the rebuild after the fix', () => out('colours.ts').includes("export type Colour = 'green';"));
  }, 30000);
});

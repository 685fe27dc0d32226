/**
 * The packed package in an empty project: `npm pack`, install the tarball
 * (it has no runtime dependencies, so this works offline), run the CLI with
 * npx, type-check a consumer against the published typings, and run it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
let work = '';
let project = '';

const run = (cmd: string, args: string[], cwd: string) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  // npm's own warnings about the machine's configuration are not ours.
  return { ...r, stderr: r.stderr.split('\n').filter((l) => !l.startsWith('npm warn')).join('\n') };
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'qapi-ts-pack-'));
  // The package is already built by `npm test`; pack without re-running it.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], { cwd: root, encoding: 'utf8' });
  const tarball = join(work, out.trim().split('\n').pop()!);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }));
  const install = run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], project);
  if (install.status !== 0) throw new Error(`npm install failed: ${install.stderr}`);
  copyFileSync(join(root, 'test/consumer/schema.json'), join(project, 'schema.json'));
}, 120000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  test('ships the bundled CLI, the API, the runtime and typings, and no dev files', () => {
    const files = readdirSync(join(project, 'node_modules/qapi-ts'), { recursive: true }).map(String);
    expect(files).toEqual(expect.arrayContaining(['bin/qapi-ts.cjs', 'dist/cli.cjs', 'dist/api.cjs', 'dist/runtime/index.js',
      'dist/types/compiler/api.d.ts', 'dist/types/runtime/index.d.ts']));
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('compiler/'))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/qapi-ts/package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  test('npx qapi-ts lint and generate work in an empty project', () => {
    const lint = run('npx', ['--offline', 'qapi-ts', 'lint', 'schema.json'], project);
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    const gen = run('npx', ['--offline', 'qapi-ts', 'generate', 'schema.json', '-o', 'gen', '--target', 'marshal'], project);
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    expect(readdirSync(join(project, 'gen')).sort()).toEqual(['index.ts', 'schema.ts']);
  });

  test('a consumer compiles against the published typings and runs', async () => {
    copyFileSync(join(root, 'test/consumer/consumer.ts'), join(project, 'consumer.ts'));
    const program = ts.createProgram([join(project, 'consumer.ts')], {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'], typeRoots: [join(root, 'node_modules/@types')],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    await build({
      entryPoints: [join(project, 'consumer.ts')], outfile: join(project, 'consumer.mjs'), bundle: true,
      platform: 'node', format: 'esm', logLevel: 'silent', packages: 'external',
    });
    const r = run(process.execPath, ['consumer.mjs'], project);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { files: string[]; status: string; error: { path: string; message: string } };
    expect(out.files).toContain('schema.ts');
    expect(out.status).toBe('{"running":true,"status":"running"}');
    expect(out.error).toEqual({ path: 'return.status', message: "Parameter 'status' does not accept value 'flying'" });
  }, 60000);
});

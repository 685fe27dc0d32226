/** Shared by the import tests: in-memory schemas, generated code on disk, strict type-checking. */
import { expect } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { compile } from '../../compiler/compile.js';
import type { GeneratedFile } from '../../compiler/emitters/generated-file.js';
import type { IrSchema } from '../../compiler/ir/types.js';

export const root = resolve(import.meta.dirname, '../..');
export const cli = join(root, 'bin/qapi-ts.cjs');
export const shared = resolve(root, '../shared');
export const QEMU = '/usr/bin/qemu-system-x86_64';

/** Compiles in-memory files; the first one is the entry point. */
export function compileFiles(files: Record<string, string>): IrSchema {
  const entry = Object.keys(files)[0];
  const result = compile({
    entry,
    readFile: (path) => {
      const text = files[basename(path)];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  });
  expect(result.diagnostics).toEqual([]);
  return result.ir!;
}

/** Writes generated files under test/.generated/NAME (fresh) and returns the directory. */
export function writeGenerated(name: string, files: readonly GeneratedFile[]): string {
  const out = join(root, 'test/.generated', name);
  rmSync(out, { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.content);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  return out;
}

/** Type-checks a generated directory as a strict consumer project would (the runtime by source, with Node's types). */
export function typeCheck(dir: string): string[] {
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules/@types')],
    paths: { 'qapi-ts/runtime': [join(root, 'runtime/index.ts')] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) =>
    `${d.file ? `${d.file.fileName}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Whether the runtime (as it is now) exports the QMP client generated `client.ts` builds on. */
export function runtimeHasQmpClient(): boolean {
  return /\bQmpClient\b/.test(readFileSync(join(root, 'runtime/index.ts'), 'utf8'));
}

/** A value as JSON with object keys sorted, to compare values whatever their key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]]))
    : x));
}

/** Every QAPI construct the reply can show, and every way a build can compile things out. */
export const FIXTURE = `
{ 'enum': 'RunState', 'data': [ 'running', 'paused', { 'name': 'old', 'features': [ 'deprecated' ] } ] }
{ 'struct': 'StatusInfo', 'data': { 'running': 'bool', 'status': 'RunState' } }
{ 'command': 'query-status', 'returns': 'StatusInfo', 'allow-preconfig': true }

{ 'enum': 'Color',
  'data': [ 'red', { 'name': 'green', 'if': 'CONFIG_GREEN' },
            { 'name': 'blue', 'features': [ 'unstable' ] } ] }
{ 'struct': 'LegacyInfo', 'data': { 'id': 'str' } }
{ 'struct': 'Point',
  'data': { 'x': 'int8', 'y': 'uint64', '*tags': [ 'str' ], '*sizes': [ 'size' ],
            'color': 'Color',
            '*legacy': { 'type': 'LegacyInfo', 'if': 'CONFIG_LEGACY' },
            '*z': { 'type': 'int16', 'if': { 'not': 'CONFIG_FLAT' },
                    'features': [ 'deprecated' ] } } }
{ 'struct': 'Circle', 'data': { 'radius': 'number' } }
{ 'struct': 'Base', 'data': { 'kind': 'Color', 'id': 'str' } }
{ 'union': 'Shape', 'base': 'Base', 'discriminator': 'kind',
  'data': { 'red': 'Point', 'blue': { 'type': 'Circle', 'if': 'CONFIG_CIRCLE' } } }
{ 'struct': 'Tag', 'data': { 'label': 'str' } }
{ 'alternate': 'PointOrName',
  'data': { 'p': 'Point', 'n': 'str', 'l': { 'type': [ 'Tag' ], 'if': 'CONFIG_LIST' } } }
{ 'command': 'draw', 'data': { 'shape': 'Shape', '*at': 'PointOrName' },
  'returns': [ 'Point' ], 'features': [ 'unstable' ] }
{ 'struct': 'WidgetInfo', 'data': { 'name': 'str', '*flags': [ 'Color' ] },
  'features': [ 'widget-v2' ] }
{ 'command': 'query-widgets', 'returns': [ 'WidgetInfo' ] }
{ 'command': 'ping', 'allow-oob': true,
  'features': [ { 'name': 'unstable', 'if': 'CONFIG_X' } ] }
{ 'event': 'DRAWN', 'data': { 'count': 'uint32' }, 'features': [ 'deprecated' ] }
{ 'enum': 'SpiceMode', 'data': [ 'on', 'off' ] }
{ 'command': 'spice-only', 'if': 'CONFIG_SPICE', 'data': { 'on': 'bool', 'mode': 'SpiceMode' } }
{ 'struct': 'Gone', 'if': 'CONFIG_GONE', 'data': { 'tag': 'Tag' } }
{ 'struct': 'Holder', 'data': { '*gone': { 'type': 'Gone', 'if': 'CONFIG_GONE' }, 'n': 'int' } }
{ 'struct': 'Shared', 'data': { 'a': 'int' } }
{ 'command': 'use-shared', 'data': 'Shared', 'returns': 'Holder' }
{ 'command': 'use-shared-too', 'data': 'Shared', 'returns': 'StatusInfo' }
{ 'event': 'SHARED', 'data': 'Shared' }
{ 'event': 'BEEP' }
{ 'command': 'nop', 'data': {} }
`;

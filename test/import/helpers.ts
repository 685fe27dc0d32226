/** Shared by the import tests: in-memory schemas, generated code on disk, strict type-checking. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GeneratedFile } from '../../compiler/emitters/generated-file.js';
export { compileFiles } from '../support/in-memory-schema.js';
export { typeCheck } from '../support/type-check.js';

export const root = resolve(import.meta.dirname, '../..');
export const cli = join(root, 'bin/qapi-ts.cjs');
export const shared = resolve(root, '../shared');
export const QEMU = '/usr/bin/qemu-system-x86_64';


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

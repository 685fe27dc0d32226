/**
 * QEMU's -compat policy in the generated codecs: deprecated/unstable input
 * (members and enum values) rejected on request, such output hidden.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compile } from '../compiler/compile.js';
import { generate } from '../compiler/emitters/generate.js';

const root = resolve(import.meta.dirname, '..');
const schema = [
  "{ 'enum': 'Mode', 'data': [ 'fast', { 'name': 'slow', 'features': [ 'deprecated' ] } ] }",
  "{ 'struct': 'Info', 'data': { 'name': 'str', '*old': { 'type': 'str', 'features': [ 'deprecated' ] },",
  "  '*x-new': { 'type': 'int', 'features': [ 'unstable' ] } } }",
  "{ 'command': 'set-mode', 'data': { 'mode': 'Mode', '*legacy': { 'type': 'bool', 'features': [ 'deprecated' ] } },",
  "  'returns': 'Info' }",
  '',
].join('\n');

type Codec = { decodeArguments: (v: unknown, o?: object) => unknown; encodeReturns: (v: unknown, o?: object) => unknown };
let codecs: Record<string, Codec>;

beforeAll(async () => {
  const result = compile({ entry: 'policy.json', readFile: () => schema });
  const out = join(root, 'test/.generated/compat-policy');
  rmSync(out, { recursive: true, force: true });
  for (const f of generate(result.ir!, { targets: ['marshal'] })) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.content);
  }
  codecs = ((await import(join(out, 'index.ts'))) as { commandCodecs: Record<string, Codec> }).commandCodecs;
});

describe('compat policy', () => {
  const reject = { compat: { deprecatedInput: 'reject', unstableInput: 'reject' } };

  test('input: accepted by default, rejected with QEMU\'s message when asked', () => {
    const c = codecs['set-mode'];
    expect(c.decodeArguments({ mode: 'slow', legacy: true })).toEqual({ mode: 'slow', legacy: true });
    expect(() => c.decodeArguments({ mode: 'fast', legacy: true }, reject)).toThrow('Deprecated parameter legacy disabled by policy');
    expect(() => c.decodeArguments({ mode: 'slow' }, reject)).toThrow('Deprecated value slow disabled by policy');
    expect(c.decodeArguments({ mode: 'fast' }, reject)).toEqual({ mode: 'fast' });
  });

  test('output: deprecated and unstable members hidden when asked', () => {
    const c = codecs['set-mode'];
    const info = { name: 'n', old: 'o', 'x-new': 5n };
    expect(c.encodeReturns(info)).toEqual({ name: 'n', old: 'o', 'x-new': 5n });
    expect(c.encodeReturns(info, { compat: { deprecatedOutput: 'hide' } })).toEqual({ name: 'n', 'x-new': 5n });
    expect(c.encodeReturns(info, { compat: { deprecatedOutput: 'hide', unstableOutput: 'hide' } })).toEqual({ name: 'n' });
  });
});

/**
 * Every QMP example in the QEMU 10.2 schemas' doc comments, decoded strictly
 * by the generated decoders of its command or event. Examples QEMU's docs get
 * wrong are listed in test/qemu-doc-example-findings.json with the reason,
 * checked by hand; the test fails on any other failure, and on a listed
 * finding that no longer fails.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compile } from '../compiler/compile.js';
import { generate } from '../compiler/emitters/generate.js';
import { qmpExamples } from '../compiler/analysis/qmp-examples.js';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, '../shared/corpus/qemu-10.2.0');
const findings = JSON.parse(readFileSync(join(root, 'test/qemu-doc-example-findings.json'), 'utf8')) as Record<string, Record<string, string>>;

type Codec = (v: unknown, o?: { lenient?: boolean }) => unknown;
interface Generated {
  commandCodecs: Record<string, { decodeArguments: Codec; decodeReturns: Codec }>;
  eventCodecs: Record<string, { decodeData: Codec }>;
}

async function generated(name: string, entry: string): Promise<{ mod: Generated; ir: NonNullable<ReturnType<typeof compile>['ir']> }> {
  const result = compile({ entry: entry.startsWith('/') ? entry : join(corpus, entry) });
  if (!result.ir) throw new Error(result.diagnostics[0].message);
  const out = join(root, 'test/.generated', name);
  rmSync(out, { recursive: true, force: true });
  for (const f of generate(result.ir, { targets: ['marshal'] })) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.content);
  }
  return { mod: (await import(join(out, 'index.ts'))) as Generated, ir: result.ir };
}

/** `file:line -> message` for every example message that does not decode. */
function check(mod: Generated, ir: Parameters<typeof qmpExamples>[0] extends infer _ ? NonNullable<ReturnType<typeof compile>['ir']> : never) {
  const failures: Record<string, string> = {};
  let checked = 0;
  for (const doc of ir.docs) {
    for (const ex of qmpExamples(doc)) {
      let lastCommand: string | undefined;
      for (const m of ex.messages) {
        const where = `${doc.location.file.split('/').pop()}:${m.line} ${m.direction}`;
        if (m.parseError || m.value === undefined) {
          failures[where] = `not JSON: ${m.parseError}`;
          continue;
        }
        const v = m.value as Record<string, unknown>;
        try {
          if (m.direction === '->') {
            const name = (v.execute ?? v['exec-oob']) as string;
            lastCommand = name;
            const codec = mod.commandCodecs[name];
            if (!codec) throw new Error(`no command '${name}'`);
            codec.decodeArguments(v.arguments ?? {});
          } else if ('return' in v) {
            if (!lastCommand) throw new Error('response without request');
            mod.commandCodecs[lastCommand]?.decodeReturns(v.return);
          } else if ('event' in v) {
            const codec = mod.eventCodecs[v.event as string];
            if (!codec) throw new Error(`no event '${String(v.event)}'`);
            codec.decodeData(v.data ?? {});
          } else if (!('error' in v)) {
            throw new Error('neither return, error nor event');
          }
          checked++;
        } catch (e) {
          failures[where] = (e as Error).message;
        }
      }
    }
  }
  return { failures, checked };
}

const schemas: [string, string][] = [
  ['qapi', 'qapi/qapi-schema.json'],
  ['qga', 'qga/qapi-schema.json'],
  ['storage-daemon', 'storage-daemon/qapi/qapi-schema.json'],
];

describe('the examples of our own schema (schema/) all decode', () => {
  test('schema/', async () => {
    const { mod, ir } = await generated('ours', join(root, 'schema/qapi-schema.json'));
    const { failures, checked } = check(mod, ir);
    expect(failures).toEqual({});
    expect(checked).toBeGreaterThan(300);
  });
});

describe('QEMU 10.2 doc examples decode with the generated decoders', () => {
  for (const [name, entry] of schemas) {
    (existsSync(corpus) ? test : test.skip)(name, async () => {
      const { mod, ir } = await generated(name, entry);
      const { failures, checked } = check(mod, ir);
      if (name !== 'qga') expect(checked).toBeGreaterThan(100);
      const known = findings[name] ?? {};
      const unexpected = Object.fromEntries(Object.entries(failures).filter(([k]) => !(k in known)));
      const fixed = Object.keys(known).filter((k) => !(k in failures));
      if (process.env.PRINT_FINDINGS) console.log(name, checked, JSON.stringify(failures, null, 2));
      expect(unexpected).toEqual({});
      expect(fixed).toEqual([]);
    });
  }
});

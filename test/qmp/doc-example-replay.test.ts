/**
 * The request/response examples of our schema's doc comments, replayed over
 * the wire against our QmpServer whose handlers answer with the documented
 * response: each documented request must get exactly the documented reply
 * (return value or error), as a real peer would see it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { qmpExamples } from '../../compiler/analysis/qmp-examples.js';
import type { IrCommand } from '../../compiler/ir/types.js';
import { QmpError, QmpServer, type JsonValue } from '../../runtime/index.js';
import { definitionsFromSchema, exampleSchema, generateCodecs, MOCK_VERSION, RawQmp, tempDir, type Generated, type Handler } from './helpers.js';

interface Pair {
  readonly where: string;
  readonly command: string;
  readonly request: Record<string, JsonValue>;
  readonly reply: Record<string, JsonValue>;
}

let gen: Generated;
let server: QmpServer;
let socket = '';
/** What the handler of the command being replayed answers. */
let answer: { command: string; reply: Record<string, JsonValue> } | undefined;

/** Requests followed by their `return`/`error` reply, from every example of the schema. */
function pairs(): Pair[] {
  const out: Pair[] = [];
  const commands = new Map(gen.ir.definitions.filter((d): d is IrCommand => d.kind === 'command').map((c) => [c.name, c]));
  for (const doc of gen.ir.docs) {
    for (const ex of qmpExamples(doc)) {
      for (let i = 0; i < ex.messages.length; i++) {
        const m = ex.messages[i];
        const request = m.value as Record<string, JsonValue> | undefined;
        if (m.direction !== '->' || !request || typeof request.execute !== 'string') continue;
        const reply = ex.messages.slice(i + 1).find((r) => r.direction === '<-' && r.value !== undefined
          && ('return' in (r.value as object) || 'error' in (r.value as object)));
        const command = commands.get(request.execute);
        // Built-in commands answer for themselves; 'gen': false ones are registered by hand.
        if (!reply || !command?.gen || ['qmp_capabilities', 'query-commands', 'query-qmp-schema'].includes(command.name)) continue;
        out.push({ where: `${doc.location.file.split('/').pop()}:${m.line}`, command: command.name, request, reply: reply.value as Record<string, JsonValue> });
      }
    }
  }
  return out;
}

beforeAll(async () => {
  gen = await generateCodecs('replay', exampleSchema);
  const handlers: Record<string, Handler> = {};
  for (const d of gen.ir.definitions) {
    if (d.kind !== 'command') continue;
    handlers[d.name] = () => {
      if (!answer || answer.command !== d.name) throw QmpError.generic(`unexpected ${d.name}`);
      const { reply } = answer;
      if ('error' in reply) {
        const e = reply.error as { class: string; desc: string };
        throw new QmpError(e.class, e.desc);
      }
      return gen.commandCodecs[d.name].decodeReturns(reply.return);
    };
  }
  server = new QmpServer({ version: MOCK_VERSION, commands: definitionsFromSchema(gen, handlers), capabilities: ['oob'] });
  socket = join(tempDir(), 'replay.sock');
  await server.listen({ path: socket });
});

afterAll(async () => {
  await server.close();
});

describe('doc examples of schema/ replayed against QmpServer', () => {
  test('every documented request gets the documented reply', async () => {
    const all = pairs();
    expect(all.length).toBeGreaterThan(100);
    const client = await RawQmp.connect({ path: socket });
    await client.greeting();
    await client.exchange('{"execute": "qmp_capabilities"}');
    const mismatches: string[] = [];
    for (const p of all) {
      answer = { command: p.command, reply: p.reply };
      const [got] = (await client.exchange(JSON.stringify({ ...p.request, id: p.where }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)))) as Record<string, unknown>[];
      const want = 'error' in p.reply ? { error: p.reply.error, id: p.where } : { return: p.reply.return, id: p.where };
      try {
        expect(normalise(got)).toEqual(normalise(want));
      } catch {
        mismatches.push(`${p.where} ${p.command}: got ${JSON.stringify(got, big)} want ${JSON.stringify(want, big)}`);
      }
    }
    client.close();
    expect(mismatches).toEqual([]);
  }, 60000);
});

const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/** Numbers and bigints compared by value; key order ignored (toEqual does that). */
function normalise(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

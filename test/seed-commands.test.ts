/**
 * The project's schema (schema/) covers the QMP command set documented in
 * the seeds (../shared/seeds: QEMU's qmp-commands.hx and qmp-commands.txt of
 * the 0.14 to 2.x era, and the QAPI schema of that era). The seed files have
 * hashed names, so each is recognised by its contents. Every command the
 * seeds name must be a command of the schema, and every event they name an
 * event. Skips cleanly when ../shared is absent; the extractors themselves
 * are tested on small samples either way.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compile } from '../compiler/compile.js';

const root = resolve(import.meta.dirname, '..');
const seedsDir = resolve(root, '../shared/seeds');

/** What a seed file is: QEMU's qmp-commands.hx, docs/qmp-commands.txt, a QAPI schema (or a diff of one), or something else. */
type SeedKind = 'hx' | 'txt' | 'qapi' | 'other';

interface Seed {
  readonly file: string;
  readonly kind: SeedKind;
  readonly text: string;
}

/** A QMP command name as the seeds spell them (historic ones use '_'). */
const commandName = /^[a-z][a-z0-9_-]*$/;

export function classifySeed(text: string): SeedKind {
  if (/^\s*(\d+\s+)?HXCOMM\b/m.test(text) || /\bSQMP\b[\s\S]*\bEQMP\b/.test(text)) return 'hx';
  if (/['"]command['"]\s*:\s*'/.test(text)) return 'qapi';
  if (/qmp-commands\.txt/.test(text) || /QMP Supported Commands/.test(text)) return 'txt';
  return 'other';
}

/**
 * Section headings: a line holding just a name (QEMU wrote some as "@name")
 * underlined by a line of dashes, as in the SQMP blocks of
 * qmp-commands.hx and in qmp-commands.txt.
 */
function headings(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim());
  const names: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const name = lines[i].replace(/^@/, '');
    if (commandName.test(name) && /^-{3,}$/.test(lines[i + 1])) names.push(name);
  }
  return names;
}

/** Commands run in the examples: `-> { "execute": "name", ... }`. */
function executed(text: string): string[] {
  return [...text.matchAll(/"execute"\s*:\s*"([^"]+)"/g)].map((m) => m[1]);
}

const sorted = (names: Iterable<string>): string[] =>
  [...new Set(names)].filter((n) => commandName.test(n)).sort();

/**
 * The commands a qmp-commands.hx names: its dispatch table entries
 * (`.name = "..."`, also when a damaged copy breaks the line between the
 * key and the value), its SQMP section headings, and the commands its
 * examples run.
 */
export function commandsInHx(text: string): string[] {
  const table = [...text.matchAll(/\.name\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
  return sorted([...table, ...headings(text), ...executed(text)]);
}

/** The commands a qmp-commands.txt names: its section headings and the commands its examples run. */
export function commandsInTxt(text: string): string[] {
  return sorted([...headings(text), ...executed(text)]);
}

/** The commands a QAPI schema (or a diff of one) defines: `{ 'command': 'name' ... }`. */
export function commandsInQapi(text: string): string[] {
  return sorted([...text.matchAll(/['"]command['"]\s*:\s*'([^']+)'/g)].map((m) => m[1]));
}

/** Events the seeds name: in examples (`"event": "NAME"`) and in prose ("a NAME event"). */
export function eventsIn(text: string): string[] {
  const inExamples = [...text.matchAll(/"event"\s*:\s*"([A-Z0-9_]+)"/g)].map((m) => m[1]);
  const inProse = [...text.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+) event\b/g)].map((m) => m[1]);
  return [...new Set([...inExamples, ...inProse])].sort();
}

function readSeeds(): Seed[] {
  if (!existsSync(seedsDir)) return [];
  return readdirSync(seedsDir)
    .sort()
    .map((f) => join(seedsDir, f))
    .filter((path) => statSync(path).isFile())
    .map((path) => {
      const text = readFileSync(path, 'utf8');
      return { file: path, kind: classifySeed(text), text };
    });
}

const seeds = readSeeds();
const haveSeeds = seeds.length > 0;
const ofKind = (kind: SeedKind) => seeds.filter((s) => s.kind === kind);
const union = (lists: string[][]) => sorted(lists.flat());

const hxCommands = union(ofKind('hx').map((s) => commandsInHx(s.text)));
const txtCommands = union(ofKind('txt').map((s) => commandsInTxt(s.text)));
const qapiCommands = union(ofKind('qapi').map((s) => commandsInQapi(s.text)));
const seedEvents = [...new Set(seeds.flatMap((s) => eventsIn(s.text)))].sort();

function schemaDefinitions(kind: 'command' | 'event'): Set<string> {
  const { ir, diagnostics } = compile({ entry: join(root, 'schema/qapi-schema.json') });
  if (!ir) throw new Error(`schema/qapi-schema.json does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
  return new Set(ir.definitions.filter((d) => d.kind === kind).map((d) => d.name));
}

const schemaCommands = haveSeeds ? schemaDefinitions('command') : new Set<string>();
const schemaEvents = haveSeeds ? schemaDefinitions('event') : new Set<string>();

describe('seed extraction', () => {
  test('recognises each kind of seed by its contents', () => {
    expect(classifySeed('HXCOMM QMP dispatch table\nSQMP\nquit\n----\nEQMP\n')).toBe('hx');
    expect(classifySeed('1 HXCOMM QMP dispatch table and documentation\n')).toBe('hx');
    expect(classifySeed("{ 'command': 'quit' }\n")).toBe('qapi');
    expect(classifySeed('path: root/docs/qmp-commands.txt\n')).toBe('txt');
    expect(classifySeed('                        QMP Supported Commands\n')).toBe('txt');
    expect(classifySeed('nothing to see\n')).toBe('other');
  });

  test('qmp-commands.hx: dispatch table, SQMP headings, examples', () => {
    const hx = [
      '{',
      '    .name       = "quit",',
      '    .args_type  = "",',
      '},',
      'SQMP',
      'quit',
      '----',
      '-> { "execute": "quit" }',
      'EQMP',
      '156 .name',
      '= "screendump",',
      'SQMP',
      '@query-named-block-nodes',
      '------------------------',
      'Example:',
      '-------',
      '-> { "execute": "query-events" }',
      'EQMP',
    ].join('\n');
    expect(commandsInHx(hx)).toEqual(['query-events', 'query-named-block-nodes', 'quit', 'screendump']);
  });

  test('qmp-commands.txt: headings and examples, not prose headings', () => {
    const txt = [
      '2. Regular Commands',
      '===================',
      '',
      'block_set_io_throttle',
      '------------',
      '',
      'Show rocker switch',
      '------------------',
      '-> { "execute": "query-rocker", "arguments": { "name": "sw1" } }',
    ].join('\n');
    expect(commandsInTxt(txt)).toEqual(['block_set_io_throttle', 'query-rocker']);
  });

  test('QAPI schemas and events', () => {
    expect(commandsInQapi("{ 'command': 'add-fd', 'data': {} }\n+{ 'command': 'x-colo-lost-heartbeat' }")).toEqual([
      'add-fd', 'x-colo-lost-heartbeat',
    ]);
    expect(eventsIn('a DEVICE_TRAY_MOVED event is emitted\n<- { "event": "STOP" }')).toEqual(['DEVICE_TRAY_MOVED', 'STOP']);
  });
});

describe('the seeds document what the schema defines', () => {
  (haveSeeds ? test : test.skip)('the seeds hold a qmp-commands.hx and a qmp-commands.txt', () => {
    expect(ofKind('hx').length).toBeGreaterThanOrEqual(1);
    expect(ofKind('txt').length).toBeGreaterThanOrEqual(1);
    // Guards against an extraction that silently finds nothing.
    expect(hxCommands.length).toBeGreaterThanOrEqual(100);
    expect(txtCommands.length).toBeGreaterThanOrEqual(20);
  });

  const sources: [string, string[]][] = [
    ['qmp-commands.hx', hxCommands],
    ['qmp-commands.txt', txtCommands],
    ['the QAPI schema seeds', qapiCommands],
  ];
  for (const [source, names] of sources) {
    (haveSeeds ? test : test.skip)(`every command named in ${source} is a command of schema/`, () => {
      const missing = names.filter((n) => !schemaCommands.has(n));
      expect({ source, missing }).toEqual({ source, missing: [] });
    });
  }

  (haveSeeds ? test : test.skip)('every event named in the seeds is an event of schema/', () => {
    const missing = seedEvents.filter((n) => !schemaEvents.has(n));
    expect(missing).toEqual([]);
    expect(seedEvents.length).toBeGreaterThanOrEqual(1);
  });
});

// One test per command, so that the run lists every command the seeds name.
const allCommands = sorted([...hxCommands, ...txtCommands, ...qapiCommands]);
if (allCommands.length) {
  describe('seed command', () => {
    test.each(allCommands)('%s', (name) => {
      const where = [
        hxCommands.includes(name) ? 'qmp-commands.hx' : '',
        txtCommands.includes(name) ? 'qmp-commands.txt' : '',
        qapiCommands.includes(name) ? 'QAPI schema' : '',
      ].filter(Boolean);
      expect({ name, where, inSchema: schemaCommands.has(name) }).toEqual({ name, where, inSchema: true });
    });
  });
}

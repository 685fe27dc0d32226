/**
 * `--watch`: rebuilds reuse what earlier builds did (parsed files, each
 * module's TypeScript file and documentation page, ...) and must give
 * exactly what a fresh build gives, byte for byte, whatever the edit: doc
 * text, members, types across modules, definitions added and removed,
 * includes added and removed, errors and their fixes, older dialects.
 * In process (compile + generate + docs with their caches against fresh
 * runs), and through the real binary (`generate --watch`, `docs --watch`
 * against fresh `generate` / `docs` runs). No timings are asserted.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { CompileCache, compile } from '../compiler/compile.js';
import { generate } from '../compiler/emitters/generate.js';
import { emitDocs } from '../compiler/emitters/docs/emit-docs.js';
import { EmitCache } from '../compiler/emitters/emit-cache.js';
import type { GeneratedFile } from '../compiler/emitters/generated-file.js';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin/qapi-ts.cjs');
const corpus = resolve(root, '../shared/corpus/qemu-10.2.0/qapi');
let work = '';
const children: ChildProcess[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'qapi-ts-watch-'));
});
afterAll(() => {
  for (const c of children) c.kill();
  rmSync(work, { recursive: true, force: true });
});

// --- In process ------------------------------------------------------------

type Files = Map<string, string>;
type Edit = readonly [what: string, change: (files: Files) => void];

/**
 * Builds `files` after each edit twice, with caches kept across the edits
 * and fresh, and expects the same diagnostics, IR and output. Units are
 * recorded (as in the watcher's idle time) after every other build, so both
 * recorded and not-yet-recorded units are exercised. Returns the cache
 * statistics of each build.
 */
function expectIncrementalSameAsFresh(files: Files, edits: readonly Edit[], strict = false): { reused: number; emitted: number }[] {
  const entry = [...files.keys()][0];
  const readFile = (path: string) => {
    const text = files.get(basename(path));
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
  const compileCache = new CompileCache();
  const generateCache = new EmitCache();
  const docsCache = new EmitCache();
  const stats: { reused: number; emitted: number }[] = [];
  const same = (a: readonly GeneratedFile[], b: readonly GeneratedFile[], what: string) => {
    expect({ what, paths: a.map((f) => f.path) }).toEqual({ what, paths: b.map((f) => f.path) });
    for (let i = 0; i < a.length; i++) {
      if (a[i].content !== b[i].content) expect({ what, path: a[i].path, content: a[i].content }).toEqual({ what, path: b[i].path, content: b[i].content });
    }
  };
  [['initial build', () => {}] as const, ...edits].forEach(([what, change], step) => {
    change(files);
    const fresh = compile({ entry, readFile, strict });
    const cached = compile({ entry, readFile, strict, cache: compileCache });
    expect({ what, diagnostics: cached.diagnostics }).toEqual({ what, diagnostics: fresh.diagnostics });
    expect({ what, files: cached.files.map((f) => f.path), unreadable: cached.unreadable })
      .toEqual({ what, files: fresh.files.map((f) => f.path), unreadable: fresh.unreadable });
    expect(JSON.stringify(cached.ir)).toBe(JSON.stringify(fresh.ir));
    if (!fresh.ir || !cached.ir) return; // the watcher keeps the last good output
    const ir = cached.ir;
    same(generate(ir, { cache: generateCache }), generate(fresh.ir), `generate after ${what}`);
    stats.push({ reused: generateCache.stats.reused, emitted: generateCache.stats.emitted });
    same(docsCache.build(ir, () => emitDocs(ir, { title: 'T', cache: docsCache })), emitDocs(fresh.ir, { title: 'T' }), `docs after ${what}`);
    if (step % 2 === 0) {
      generateCache.recordPending();
      docsCache.recordPending();
      expect({ what, mismatched: generateCache.stats.mismatched + docsCache.stats.mismatched }).toEqual({ what, mismatched: 0 });
    }
  });
  return stats;
}

const edit = (file: string, from: string | RegExp, to: string): ((files: Files) => void) => (files) => {
  const text = files.get(file)!;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit of ${file}: ${String(from)} not found`);
  files.set(file, next);
};

/** A small schema whose modules use each other's types, members and doc text. */
function crossModuleSchema(): Files {
  return new Map(Object.entries({
    'main.json': `##
# = Example
#
# Reference of the example protocol.
##

{ 'include': 'common.json' }
{ 'include': 'net.json' }
{ 'include': 'block.json' }
`,
    'common.json': `##
# == Common types
##

##
# @OnOff:
#
# A switch.
#
# @on: switched on
#
# @off: switched off
#
# Since: 1.0
##
{ 'enum': 'OnOff', 'data': [ 'on', 'off' ] }

##
# @Base:
#
# What every device has.
#
# @id: the device's name
#
# Since: 1.0
##
{ 'struct': 'Base', 'data': { 'id': 'str' } }
`,
    'net.json': `##
# == Networking
#
# Devices inherit \`Base.id\`; see also \`OnOff\`.
##

##
# @NetKind:
#
# Kinds of network device.
#
# @user: user mode
#
# @tap: a tap device
##
{ 'enum': 'NetKind', 'data': [ 'user', 'tap' ] }

##
# @NetOpts:
#
# A network device.  Its @id is in \`Base\`.
#
# @kind: what it is
#
# @up: whether it is up
#
# Since: 1.0
##
{ 'struct': 'NetOpts', 'base': 'Base',
  'data': { 'kind': 'NetKind', '*up': 'OnOff' } }

##
# @TapOpts:
#
# Tap options.
#
# @fd: file descriptor
##
{ 'struct': 'TapOpts', 'data': { 'fd': 'int' } }

##
# @NetDev:
#
# A device by kind.
#
# @kind: the kind
##
{ 'union': 'NetDev',
  'base': { 'kind': 'NetKind' },
  'discriminator': 'kind',
  'data': { 'tap': 'TapOpts' } }

##
# @net-add:
#
# Adds a network device.
#
# @dev: the device
#
# Returns: its options
#
# Since: 1.0
##
{ 'command': 'net-add', 'data': { 'dev': 'NetDev' }, 'returns': 'NetOpts' }

##
# @NET_UP:
#
# Emitted when a device comes up.
#
# @opts: the device
##
{ 'event': 'NET_UP', 'data': { 'opts': 'NetOpts' } }
`,
    'block.json': `##
# == Block devices
##

##
# @BlockInfo:
#
# A block device and the network devices it uses.
#
# @name: its name
#
# @nets: network devices (see \`NetOpts.kind\`)
#
# @size: its size
#
# Since: 1.0
##
{ 'struct': 'BlockInfo', 'data': { 'name': 'str', 'nets': [ 'NetOpts' ], 'size': 'uint64' } }

##
# @query-block:
#
# Lists the block devices.
#
# Returns: the devices
##
{ 'command': 'query-block', 'returns': [ 'BlockInfo' ] }
`,
  }));
}

describe('incremental builds are the same as fresh ones', () => {
  test('edits across modules, includes added and removed, errors and fixes', () => {
    const stats = expectIncrementalSameAsFresh(crossModuleSchema(), [
      ['a member description in a base', edit('common.json', '@id: the device\'s name', '@id: the device\'s unique name')],
      ['a definition\'s description', edit('net.json', 'A network device.', 'A network device (virtual).')],
      ['a member added to a base in another module', (f) => {
        edit('common.json', "'data': { 'id': 'str' }", "'data': { 'id': 'str', '*tag': 'str' }")(f);
        edit('common.json', "# @id: the device's unique name\n", "# @id: the device's unique name\n#\n# @tag: a label\n")(f);
      }],
      ['an enum value added', (f) => {
        edit('net.json', "'data': [ 'user', 'tap' ]", "'data': [ 'user', 'tap', 'vde' ]")(f);
        edit('net.json', '# @tap: a tap device\n', '# @tap: a tap device\n#\n# @vde: a VDE switch\n')(f);
      }],
      ['a doc cross-reference changed', edit('block.json', '`NetOpts.kind`', '`NetOpts.up` and `OnOff`')],
      ['a member\'s type changed to another module\'s', edit('block.json', "'size': 'uint64'", "'size': 'OnOff'")],
      ['a syntax error', edit('net.json', "'data': { 'fd': 'int' } }", "'data': { 'fd': 'int' }")],
      ['its fix, with a new type', edit('net.json', "'data': { 'fd': 'int' }\n", "'data': { 'fd': 'int', '*vnet-hdr': 'bool' } }\n")],
      ['a semantic error', edit('block.json', "[ 'NetOpts' ]", "[ 'NoSuchType' ]")],
      ['its fix', edit('block.json', "[ 'NoSuchType' ]", "[ 'NetOpts' ]")],
      ['an include added', (f) => {
        f.set('extra.json', "##\n# == Extras\n##\n\n##\n# @Extra:\n#\n# More.\n#\n# @on: see `OnOff`\n##\n{ 'struct': 'Extra', 'data': { 'on': 'OnOff' } }\n");
        edit('main.json', "{ 'include': 'block.json' }", "{ 'include': 'block.json' }\n{ 'include': 'extra.json' }")(f);
      }],
      ['a definition added to it', edit('extra.json', /$/, "\n##\n# @extra-query:\n#\n# Queries.\n##\n{ 'command': 'extra-query', 'returns': 'Extra' }\n")],
      ['a free-form heading changed', edit('main.json', '= Example', '= Example protocol')],
      ['the include removed', edit('main.json', "\n{ 'include': 'extra.json' }", '')],
      ['a missing include', edit('main.json', "{ 'include': 'block.json' }", "{ 'include': 'block.json' }\n{ 'include': 'later.json' }")],
      ['the missing file created', (f) => f.set('later.json', "##\n# @Later:\n#\n# Late.\n#\n# @x: an x\n##\n{ 'struct': 'Later', 'data': { 'x': 'int' } }\n")],
      ['a definition moved to another module', (f) => {
        edit('net.json', /##\n# @TapOpts:[^]*?\{ 'struct': 'TapOpts'.*\n/, '')(f);
        edit('common.json', /$/, "\n##\n# @TapOpts:\n#\n# Tap options.\n#\n# @fd: file descriptor\n#\n# @vnet-hdr: header\n##\n{ 'struct': 'TapOpts', 'data': { 'fd': 'int', '*vnet-hdr': 'bool' } }\n")(f);
      }],
      ['a definition removed', (f) => {
        edit('block.json', /##\n# @query-block:[^]*$/, '')(f);
      }],
      ['a pragma added', edit('main.json', '##\n# = Example', "{ 'pragma': { 'doc-required': true } }\n\n##\n# = Example")],
      ['only a comment changed', edit('block.json', '# == Block devices', '# == Block devices and disks')],
    ]);
    // Edits that leave most modules alone reuse their output.
    expect(stats[1].reused).toBeGreaterThan(0);
  });

  test('older dialects (warnings, rewritten expressions) and strict mode', () => {
    const legacy = (): Files => new Map(Object.entries({
      'main.json': "{ 'include': 'types.json' }\n{ 'command': 'do-it', 'data': { 'a': 'Old' }, 'gen': 'no' }\n"
        + "{ 'command': 'do-more', 'success-response': 'no' }\n",
      'types.json': "{ 'type': 'Old', 'data': { 'x': 'int', '*y': 'str' } }\n"
        + "{ 'union': 'Simple', 'data': { 'a': 'Old', 'b': 'str' } }\n",
    }));
    const edits: Edit[] = [
      ['a member added to an old-style type', edit('types.json', "'*y': 'str'", "'*y': 'str', 'z': 'bool'")],
      // main.json, with its old-style flags, is now replayed a second time.
      ['a branch added to a simple union', edit('types.json', "'b': 'str' }", "'b': 'str', 'c': 'Old' }")],
      ['an unrelated command', edit('main.json', /$/, "{ 'command': 'third', 'gen': 'no' }\n")],
      ['the old-style type made modern', edit('types.json', "{ 'type': 'Old'", "{ 'struct': 'Old'")],
    ];
    expectIncrementalSameAsFresh(legacy(), edits);
    expectIncrementalSameAsFresh(legacy(), edits, true);
  });

  test('our schema, edited', () => {
    const files: Files = new Map();
    const dir = join(root, 'schema');
    files.set('qapi-schema.json', readFileSync(join(dir, 'qapi-schema.json'), 'utf8'));
    for (const f of readdirSync(dir).sort()) if (f !== 'qapi-schema.json') files.set(f, readFileSync(join(dir, f), 'utf8'));
    expectIncrementalSameAsFresh(files, [
      ['a doc comment', edit('common.json', 'The kind of I/O request', 'The kind of input/output request')],
      ['a member', edit('common.json', "'data': { 'str': 'str' } }", "'data': { 'str': 'str', '*len': 'int' } }")],
      ['its doc', edit('common.json', '# @str: the string itself.\n', '# @str: the string itself.\n#\n# @len: its length.\n')],
      ['an error', edit('control.json', /\{ 'command'/, "{ 'command' 'oops'")],
      ['its fix', edit('control.json', "{ 'command' 'oops'", "{ 'command'")],
    ]);
  });

  (existsSync(corpus) ? test : test.skip)('QEMU 10.2\'s schema, edited', () => {
    const files: Files = new Map();
    files.set('qapi-schema.json', readFileSync(join(corpus, 'qapi-schema.json'), 'utf8'));
    for (const f of readdirSync(corpus).sort()) if (f !== 'qapi-schema.json' && f.endsWith('.json')) files.set(f, readFileSync(join(corpus, f), 'utf8'));
    const stats = expectIncrementalSameAsFresh(files, [
      ['a member description', edit('block-core.json', /^(# @node-name: The name of the child's block driver node\.)$/m, '$1  (edited)')],
      ['a member added to a common type', (f) => {
        edit('sockets.json', /(\{ 'struct': 'InetSocketAddressBase',\n\s*'data': \{)/, "$1 '*label': 'str',")(f);
        edit('sockets.json', /(# @InetSocketAddressBase:\n#\n)(# @host:)/, '$1# @label: a label\n#\n$2')(f);
      }],
      ['a command\'s description', edit('control.json', '# Return the current version of QEMU.', '# Return the version of QEMU.')],
      ['an enum value added', (f) => {
        edit('run-state.json', "'data': [ 'debug', 'inmigrate',", "'data': [ 'debug', 'edited', 'inmigrate',")(f);
        edit('run-state.json', /(# @debug: QEMU is running on a debugger\n)/, '$1#\n# @edited: edited\n')(f);
      }],
    ]);
    expect(stats[1].reused).toBeGreaterThan(stats[1].emitted);
  }, 120000);
});

// --- Through the binary ------------------------------------------------------

/** Every file under `dir`, path -> text. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out[p.slice(dir.length + 1)] = readFileSync(p, 'utf8');
  }
  return out;
}

/** A `--watch` process and its stderr. */
class Watcher {
  readonly child: ChildProcess;
  stderr = '';

  constructor(cwd: string, args: readonly string[]) {
    this.child = spawn(process.execPath, [cli, ...args, '--watch'], { cwd });
    children.push(this.child);
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
  }

  count(what: RegExp): number {
    return this.stderr.match(new RegExp(what.source, 'g'))?.length ?? 0;
  }

  async until(what: string, ok: () => boolean, ms = 20000): Promise<void> {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end || this.child.exitCode !== null) {
        throw new Error(`timed out waiting for ${what}; stderr so far:\n${this.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Makes a change and waits for the build it causes (every build, good or not, ends with "rebuilt in"). */
  async change(what: string, f: () => void): Promise<string> {
    const before = this.stderr.length;
    const builds = () => this.count(/rebuilt in \d+ ms/);
    const n = builds();
    f();
    await this.until(what, () => builds() > n);
    // Let a second event of the same save (if any) come and go.
    await new Promise((r) => setTimeout(r, 100));
    await this.until(`${what} (settled)`, () => this.stderr.endsWith(' files\n'));
    return this.stderr.slice(before);
  }
}

describe('--watch', () => {
  test('generate: regenerates on change of an included file and keeps the last good output on errors', async () => {
    const dir = join(work, 'small');
    mkdirSync(dir);
    writeFileSync(join(dir, 'main.json'), "{ 'include': 'colours.json' }\n{ 'struct': 'Paint', 'data': { 'colour': 'Colour' } }\n");
    writeFileSync(join(dir, 'colours.json'), "{ 'enum': 'Colour', 'data': [ 'red' ] }\n");
    const w = new Watcher(dir, ['generate', 'main.json', '-o', 'out', '--target', 'types']);
    await w.until('the first build', () => w.stderr.includes('watching 2 files'));
    const out = (f: string) => (existsSync(join(dir, 'out', f)) ? readFileSync(join(dir, 'out', f), 'utf8') : '');
    expect(out('colours.ts')).toContain("export type Colour = 'red';");

    await w.change('the rebuild', () => writeFileSync(join(dir, 'colours.json'), "{ 'enum': 'Colour', 'data': [ 'red', 'blue' ] }\n"));
    expect(out('colours.ts')).toContain("'red' | 'blue'");

    const log = await w.change('the error', () => writeFileSync(join(dir, 'colours.json'), "{ 'enum': 'Colour', 'data': [ 'red', 'blue' }\n"));
    expect(log).toMatch(/colours\.json:1:\d+: error QAPI\d{4}: /);
    expect(log).toContain('keeping the last good output');
    expect(out('colours.ts')).toContain("'red' | 'blue'");

    await w.change('the rebuild after the fix', () => writeFileSync(join(dir, 'colours.json'), "{ 'enum': 'Colour', 'data': [ 'green' ] }\n"));
    expect(out('colours.ts')).toContain("export type Colour = 'green';");
  }, 60000);

  test.each([
    ['generate', []],
    ['docs', ['--title', 'Example']],
  ])('%s: the output after each edit is what a fresh run writes', async (command, extra) => {
    const dir = join(work, `fresh-${command}`);
    mkdirSync(dir);
    for (const [name, text] of crossModuleSchema()) writeFileSync(join(dir, name), text);
    const w = new Watcher(dir, [command, 'main.json', '-o', 'out', ...extra]);
    await w.until('the first build', () => /watching \d+ files/.test(w.stderr));
    const expectFresh = (what: string) => {
      rmSync(join(dir, 'fresh'), { recursive: true, force: true });
      const r = spawnSync(process.execPath, [cli, command, 'main.json', '-o', 'fresh', ...extra], { cwd: dir, encoding: 'utf8' });
      expect({ what, status: r.status, stderr: r.stderr }).toEqual({ what, status: 0, stderr: '' });
      expect({ what, output: tree(join(dir, 'out')) }).toEqual({ what, output: tree(join(dir, 'fresh')) });
    };
    expectFresh('the first build');
    const files = crossModuleSchema();
    const write = (name: string) => writeFileSync(join(dir, name), files.get(name)!);
    const steps: [string, () => void][] = [
      ['a doc comment', () => {
        edit('net.json', 'A network device.', 'A network device (virtual).')(files);
        write('net.json');
      }],
      ['a member added to a base in another module', () => {
        edit('common.json', "'data': { 'id': 'str' }", "'data': { 'id': 'str', '*tag': 'str' }")(files);
        edit('common.json', "# @id: the device's name\n", "# @id: the device's name\n#\n# @tag: a label\n")(files);
        write('common.json');
      }],
      ['an include added', () => {
        files.set('extra.json', "##\n# == Extras\n##\n\n##\n# @Extra:\n#\n# More.\n#\n# @on: see `OnOff`\n##\n{ 'struct': 'Extra', 'data': { 'on': 'OnOff' } }\n");
        write('extra.json');
        edit('main.json', "{ 'include': 'block.json' }", "{ 'include': 'block.json' }\n{ 'include': 'extra.json' }")(files);
        write('main.json');
      }],
      ['a change in the new file', () => {
        edit('extra.json', "'data': { 'on': 'OnOff' }", "'data': { 'on': 'OnOff', '*more': 'Extra' }")(files);
        edit('extra.json', '# @on: see `OnOff`\n', '# @on: see `OnOff`\n#\n# @more: more\n')(files);
        write('extra.json');
      }],
      ['the include removed', () => {
        edit('main.json', "\n{ 'include': 'extra.json' }", '')(files);
        write('main.json');
        unlinkSync(join(dir, 'extra.json'));
      }],
    ];
    for (const [what, step] of steps) {
      await w.change(what, step);
      expectFresh(`after ${what}`);
    }
    // An error keeps the last good output and says why; the fix builds again.
    const good = tree(join(dir, 'out'));
    const log = await w.change('an error', () => writeFileSync(join(dir, 'block.json'), files.get('block.json')!.replace("[ 'NetOpts' ]", "[ 'NoSuchType' ]")));
    expect(log).toMatch(/block\.json:\d+(:\d+)?: error QAPI\d{4}: .*NoSuchType/);
    expect(log).toContain('schema has errors; keeping the last good output');
    expect(tree(join(dir, 'out'))).toEqual(good);
    await w.change('its fix', () => {
      edit('block.json', "'size': 'uint64'", "'size': 'int'")(files);
      write('block.json');
    });
    expectFresh('after the fix');
    // A missing include is reported, and watched for: creating it builds.
    const missing = await w.change('a missing include', () => {
      edit('main.json', "{ 'include': 'block.json' }", "{ 'include': 'block.json' }\n{ 'include': 'later.json' }")(files);
      write('main.json');
    });
    expect(missing).toContain('later.json');
    expect(missing).toContain('keeping the last good output');
    await w.change('the missing file created', () => {
      files.set('later.json', "##\n# @Later:\n#\n# Late.\n#\n# @x: an x\n##\n{ 'struct': 'Later', 'data': { 'x': 'int' } }\n");
      write('later.json');
    });
    expectFresh('after the missing file was created');
  }, 120000);
});

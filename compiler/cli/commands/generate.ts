/** `qapi-ts generate`: write the selected targets' files for a schema. */
import type { Command } from 'commander';
import { CompileCache, compile } from '../../compile.js';
import { ALL_TARGETS, generate, isTarget, type Target } from '../../emitters/generate.js';
import { type CliIo, ExitCode } from '../io.js';
import { OutputMemory, writeBuild } from '../output-dir.js';
import { reportDiagnostics } from '../report.js';
import { resolve } from 'node:path';
import { ConfigError, configuredDir, loadConfig, schemaPath } from '../config.js';
import { importForCli, replySourceOk } from '../qmp-schema-source.js';
import { generateImported } from '../../import/generate-imported.js';
import { inputsOf, watchBuilds } from '../watch.js';
import { EmitCache } from '../../emitters/emit-cache.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface GenerateFlags {
  outDir?: string;
  target: string[];
  define: string[];
  int64?: string;
  runtime?: string;
  check?: boolean;
  config?: string;
  fromQmpSchema?: string;
  fromQemu?: string;
  watch?: boolean;
}

export function registerGenerate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('generate')
    .description('generate TypeScript (types, introspection data, ...) from a schema')
    .argument('[schema]', 'main schema file (default: from qapi.config.json or package.json "qapi")')
    .option('-o, --out-dir <dir>', 'output directory (default: generate.outDir from the configuration)')
    .option('-t, --target <name>', `target to generate (repeatable; default all): ${ALL_TARGETS.join(', ')}`, collect, [])
    .option('-D, --define <name>', 'treat condition macro NAME as defined (repeatable); without any, '
      + 'everything is kept and conditions are stated in the docs', collect, [])
    .option('--int64 <mode>', 'bigint (exact, default) or number for int, int64, uint64 and size')
    .option('--runtime <specifier>', 'module the generated code imports its runtime from (default qapi-ts/runtime)')
    .option('--check', 'write nothing; exit 1 listing stale, missing and orphaned files')
    .option('-w, --watch', 'regenerate whenever the schema or a file it includes changes; '
      + 'on errors, print them and keep the last good output')
    .option('-c, --config <file>', 'configuration file (default: ./qapi.config.json, else package.json "qapi")')
    .option('--from-qmp-schema <file>', 'instead of a schema: a saved query-qmp-schema reply (types get readable names)')
    .option('--from-qemu <binary>', 'instead of a schema: ask this QEMU binary for its schema (query-qmp-schema)')
    .addHelpText('after', `
Examples:
  $ qapi-ts generate                      # schema and options from qapi.config.json
  $ qapi-ts generate qapi/qapi-schema.json -o src/qmp
  $ qapi-ts generate qapi/qapi-schema.json -o src/qmp --target types --int64 number
  $ qapi-ts generate qapi/qapi-schema.json -o src/qmp --define CONFIG_SPICE --define CONFIG_LINUX
  $ qapi-ts generate qapi/qapi-schema.json -o src/qmp --check     # in CI
  $ qapi-ts generate --watch                                      # while editing the schema
  $ qapi-ts generate --from-qemu /usr/bin/qemu-system-x86_64 -o src/qmp   # what that binary offers
  $ qapi-ts generate --from-qmp-schema qemu-7.2.json -o src/qmp           # a saved reply

Files are written only when their content changes. A file in the output
directory that is not marked generated is never overwritten; generated files
that are no longer produced are removed.

Exit status: 0 success (or up to date with --check), 1 schema errors or stale
output, 2 usage error.`)
    .action((schemaArg: string | undefined, flags: GenerateFlags) => {
      let config;
      try {
        config = loadConfig(io.cwd, flags.config);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        io.stderr(`qapi-ts generate: ${err.message}\n`);
        setExit(ExitCode.usage);
        return;
      }
      const cfg = config?.generate ?? {};
      const source = { file: flags.fromQmpSchema, binary: flags.fromQemu };
      if (!replySourceOk(io, 'generate', source, '--from-qmp-schema', '--from-qemu', setExit)) return;
      const importing = source.file ?? source.binary;
      if (importing !== undefined && schemaArg !== undefined) {
        io.stderr('qapi-ts generate: give either a schema file or --from-qmp-schema / --from-qemu\n');
        setExit(ExitCode.usage);
        return;
      }
      const schema = importing ?? schemaPath(schemaArg, config, io.cwd);
      const outDir = flags.outDir ?? configuredDir(cfg.outDir, config, io.cwd);
      if (!schema || !outDir) {
        io.stderr(`qapi-ts generate: ${!schema ? 'no schema given' : 'no output directory given (-o)'} `
          + 'and none configured in qapi.config.json or package.json "qapi"\n');
        setExit(ExitCode.usage);
        return;
      }
      const targetList = flags.target.length ? flags.target : [...(cfg.targets ?? [])];
      const defineList = flags.define.length ? flags.define : [...(cfg.defines ?? [])];
      const int64 = flags.int64 ?? cfg.int64 ?? 'bigint';
      const targets = targetList.flatMap((t) => t.split(',')).filter(Boolean);
      const bad = targets.filter((t) => !isTarget(t));
      if (bad.length) {
        io.stderr(`qapi-ts generate: unknown target '${bad[0]}' (expected ${ALL_TARGETS.join(', ')})\n`);
        setExit(ExitCode.usage);
        return;
      }
      if (int64 !== 'bigint' && int64 !== 'number') {
        io.stderr(`qapi-ts generate: --int64 must be bigint or number, not '${int64}'\n`);
        setExit(ExitCode.usage);
        return;
      }
      // A QEMU binary's schema: nothing is defined, which drops what it compiled out.
      const imported = importing !== undefined ? importForCli(io, 'generate', source, setExit) : undefined;
      if (importing !== undefined && !imported) return;
      const dir = resolve(io.cwd, outDir);
      const watching = flags.watch && !imported && !flags.check;
      // While watching, each build reuses what the last one emitted where its inputs are unchanged.
      const memory = watching ? new OutputMemory() : undefined;
      const cache = watching ? new EmitCache() : undefined;
      const compileCache = watching ? new CompileCache() : undefined;
      /** One build; returns the source files it read. A failed build leaves the output as it was. */
      const build = (): readonly string[] => {
        const result = imported
          ? { ir: imported.ir, diagnostics: [], files: [] }
          : compile({ entry: schema, ...(compileCache ? { cache: compileCache } : {}) });
        const read = inputsOf(result);
        if (!result.ir) {
          reportDiagnostics(io, result.diagnostics, result.files, 'human');
          if (watching) io.stderr('schema has errors; keeping the last good output\n');
          setExit(ExitCode.findings);
          return read.length ? read : [schema];
        }
        // Warnings (an older release's dialect) are shown; generation goes on.
        if (result.diagnostics.length) reportDiagnostics(io, result.diagnostics, result.files, 'human');
        const files = (imported ? generateImported : generate)(result.ir, {
          targets: targets.length ? (targets as Target[]) : undefined,
          defines: defineList.length || imported ? new Set(defineList) : 'all',
          int64,
          runtimeImport: flags.runtime ?? cfg.runtime ?? 'qapi-ts/runtime',
          ...(cache ? { cache } : {}),
        });
        if (writeBuild(memory, dir, outDir, files, flags.check ?? false, io.stderr)) setExit(ExitCode.findings);
        return read;
      };
      const read = build();
      if (watching) watchBuilds(read, build, io.stderr, cache!);
    });
}

/** `qapi-ts lint`: check a schema; exit 0 when clean or with warnings only, 1 with errors. */
import type { Command } from 'commander';
import { compile } from '../../compile.js';
import { type CliIo, ExitCode } from '../io.js';
import { isReportFormat, reportDiagnostics } from '../report.js';
import { ConfigError, loadConfig, schemaPath } from '../config.js';
import { crossCheckForCli, replySourceOk } from '../qmp-schema-source.js';

export function registerLint(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('lint')
    .description('check a schema by every rule of QEMU 10.2\'s QAPI frontend')
    .argument('[schema]', 'main schema file (default: from qapi.config.json or package.json "qapi")')
    .option('-f, --format <format>', 'human | json | sarif | github', 'human')
    .option('--strict', 'exactly QEMU 10.2\'s rules: older releases\' dialects are errors, not warnings')
    .option('--timings', 'print the time spent in each phase on stderr')
    .option('-c, --config <file>', 'configuration file (default: ./qapi.config.json, else package.json "qapi")')
    .option('--against-qemu <binary>', 'also report how the schema differs from what this QEMU binary offers')
    .option('--against-qmp-schema <file>', 'the same against a saved query-qmp-schema reply')
    .addHelpText('after', `
Examples:
  $ qapi-ts lint qapi/qapi-schema.json
  $ qapi-ts lint --format json qapi/qapi-schema.json | jq '.diagnostics[].message'
  $ qapi-ts lint --format sarif qapi/qapi-schema.json > qapi.sarif    # code scanning upload
  $ qapi-ts lint --format github qapi/qapi-schema.json               # GitHub Actions annotations
  $ qapi-ts lint qapi/qapi-schema.json --against-qemu /usr/bin/qemu-system-x86_64
  $ qapi-ts lint qapi/qapi-schema.json --against-qmp-schema qemu-7.2.json --format json
  $ qapi-ts lint --strict qapi/qapi-schema.json                      # QEMU 10.2's frontend, exactly

Schemas of older QEMU releases (1.x to 9.x) are accepted: each construct of
their dialects ('type' for 'struct', simple unions, #optional, Notes:
sections, ...) and each of QEMU 10.2's doc-style rules they break is a
warning naming the modern form. With --strict they are errors, as in QEMU 10.2.

Exit status: 0 clean or warnings only, 1 errors, 2 usage error, 3 internal error.`)
    .action((schemaArg: string | undefined, opts: { format: string; strict?: boolean; timings?: boolean; config?: string }
      & { againstQemu?: string; againstQmpSchema?: string }) => {
      if (!isReportFormat(opts.format)) {
        io.stderr(`qapi-ts lint: unknown format '${opts.format}' (expected human, json, sarif or github)\n`);
        setExit(ExitCode.usage);
        return;
      }
      let schema: string | undefined;
      try {
        schema = schemaPath(schemaArg, schemaArg ? undefined : loadConfig(io.cwd, opts.config), io.cwd);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        io.stderr(`qapi-ts lint: ${err.message}\n`);
        setExit(ExitCode.usage);
        return;
      }
      if (!schema) {
        io.stderr('qapi-ts lint: no schema given and none configured in qapi.config.json or package.json "qapi"\n');
        setExit(ExitCode.usage);
        return;
      }
      // --against-*: the cross-check's differences (QAPI7xxx, warnings) follow the schema's own diagnostics.
      const against = { file: opts.againstQmpSchema, binary: opts.againstQemu };
      if (!replySourceOk(io, 'lint', against, '--against-qmp-schema', '--against-qemu', setExit)) return;
      const crossChecking = against.file !== undefined || against.binary !== undefined;
      const result = compile({ entry: schema, diagnosticsOnly: !crossChecking, strict: opts.strict === true });
      const differences = crossChecking && result.ir ? crossCheckForCli(io, result.ir, against, opts.format, setExit) : [];
      if (!differences) return;
      reportDiagnostics(io, [...result.diagnostics, ...differences], result.files, opts.format);
      if (opts.timings) {
        for (const [phase, ms] of Object.entries(result.timings)) io.stderr(`${phase}: ${ms.toFixed(1)} ms\n`);
      }
      if (result.diagnostics.some((d) => d.severity === 'error')) setExit(ExitCode.findings);
    });
}

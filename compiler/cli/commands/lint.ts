/** `qapi-ts lint`: check a schema; exit 0 when clean, 1 with findings. */
import type { Command } from 'commander';
import { compile } from '../../compile.js';
import { type CliIo, ExitCode } from '../io.js';
import { isReportFormat, reportDiagnostics } from '../report.js';
import { ConfigError, loadConfig, schemaPath } from '../config.js';

export function registerLint(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('lint')
    .description('check a schema by every rule of QEMU 10.2\'s QAPI frontend')
    .argument('[schema]', 'main schema file (default: from qapi.config.json or package.json "qapi")')
    .option('-f, --format <format>', 'human | json | sarif | github', 'human')
    .option('--timings', 'print the time spent in each phase on stderr')
    .option('-c, --config <file>', 'configuration file (default: ./qapi.config.json, else package.json "qapi")')
    .addHelpText('after', `
Examples:
  $ qapi-ts lint qapi/qapi-schema.json
  $ qapi-ts lint --format json qapi/qapi-schema.json | jq '.diagnostics[].message'
  $ qapi-ts lint --format sarif qapi/qapi-schema.json > qapi.sarif    # code scanning upload
  $ qapi-ts lint --format github qapi/qapi-schema.json               # GitHub Actions annotations

Exit status: 0 clean, 1 findings, 2 usage error, 3 internal error.`)
    .action((schemaArg: string | undefined, opts: { format: string; timings?: boolean; config?: string }) => {
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
      const result = compile({ entry: schema, diagnosticsOnly: true });
      reportDiagnostics(io, result.diagnostics, result.files, opts.format);
      if (opts.timings) {
        for (const [phase, ms] of Object.entries(result.timings)) io.stderr(`${phase}: ${ms.toFixed(1)} ms\n`);
      }
      if (result.diagnostics.some((d) => d.severity === 'error')) setExit(ExitCode.findings);
    });
}

/** `qapi-ts ir`: the compiled IR as JSON, or QEMU's regression-test dump. */
import type { Command } from 'commander';
import { compile } from '../../compile.js';
import { emitQemuTestDump } from '../../emitters/qemu-test-dump.js';
import { formatQemuError } from '../../diagnostics/format-qemu.js';
import { type CliIo, ExitCode } from '../io.js';
import { reportDiagnostics } from '../report.js';

export function registerIr(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('ir')
    .description('print the checked schema as IR (versioned JSON) or in QEMU\'s test-qapi dump format')
    .argument('<schema>', 'main schema file')
    .option('-f, --format <format>', 'json | qemu-test', 'json')
    .addHelpText('after', `
Examples:
  $ qapi-ts ir qapi/qapi-schema.json > schema.ir.json
  $ qapi-ts ir --format qemu-test tests/qapi-schema/doc-good.json

With --format qemu-test, output matches QEMU's tests/qapi-schema/test-qapi.py:
the dump on stdout, or QEMU's error text on stderr (first error only) and exit 1.`)
    .action((schema: string, opts: { format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'qemu-test') {
        io.stderr(`qapi-ts ir: unknown format '${opts.format}' (expected json or qemu-test)\n`);
        setExit(ExitCode.usage);
        return;
      }
      // QEMU's test dump is QEMU 10.2's behaviour exactly; the IR takes older dialects too.
      const result = compile({ entry: schema, strict: opts.format === 'qemu-test' });
      if (opts.format === 'qemu-test') {
        if (!result.ir) {
          io.stderr(formatQemuError(result.diagnostics[0]));
          setExit(ExitCode.findings);
          return;
        }
        io.stdout(emitQemuTestDump(result.ir));
        return;
      }
      if (!result.ir) {
        reportDiagnostics(io, result.diagnostics, result.files, 'human');
        setExit(ExitCode.findings);
        return;
      }
      io.stdout(`${JSON.stringify(result.ir, null, 2)}\n`);
    });
}

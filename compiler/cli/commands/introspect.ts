/** `qapi-ts introspect`: the `query-qmp-schema` value QEMU would build, as JSON. */
import type { Command } from 'commander';
import { compile } from '../../compile.js';
import { emitIntrospection, introspectionJson } from '../../emitters/introspect.js';
import { type CliIo, ExitCode } from '../io.js';
import { reportDiagnostics } from '../report.js';

/** Commander's way to make an option repeatable. */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerIntrospect(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('introspect')
    .description('print the schema introspection data (the value of query-qmp-schema) as JSON')
    .argument('<schema>', 'main schema file')
    .option('-D, --define <name>', 'treat condition macro NAME as defined (repeatable); '
      + 'without any, every condition holds', collect, [])
    .option('-u, --unmask', 'keep type names instead of masking them as "0", "1", ...')
    .addHelpText('after', `
Examples:
  $ qapi-ts introspect qapi/qapi-schema.json > qmp-schema.json
  $ qapi-ts introspect --define CONFIG_SPICE --define CONFIG_LINUX qapi/qapi-schema.json
  $ qapi-ts introspect --unmask qga/qapi-schema.json | jq '.[] | select(.name == "GuestInfo")'

Output matches QEMU 10.2's scripts/qapi/introspect.py: commands and events
first, then the types they use; entries and list items whose 'if' condition
is false for the given defines are left out.

Exit status: 0 success, 1 schema errors (printed on stderr), 2 usage error.`)
    .action((schema: string, opts: { define: string[]; unmask?: boolean }) => {
      const result = compile({ entry: schema });
      if (!result.ir) {
        reportDiagnostics(io, result.diagnostics, result.files, 'human');
        setExit(ExitCode.findings);
        return;
      }
      const list = emitIntrospection(result.ir, {
        unmask: opts.unmask ?? false,
        defines: opts.define.length ? new Set(opts.define) : 'all',
      });
      io.stdout(introspectionJson(list));
    });
}

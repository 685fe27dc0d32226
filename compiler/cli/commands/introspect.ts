/** `qapi-ts introspect`: the `query-qmp-schema` value QEMU would build, as JSON. */
import type { Command } from 'commander';
import { compile } from '../../compile.js';
import { emitIntrospection, introspectionJson } from '../../emitters/introspect.js';
import { type CliIo, ExitCode } from '../io.js';
import { reportDiagnostics } from '../report.js';
import { qobjectJson } from '../../emitters/qobject-json.js';
import { importForCli, replySourceOk } from '../qmp-schema-source.js';

/** Commander's way to make an option repeatable. */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerIntrospect(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('introspect')
    .description('print the schema introspection data (the value of query-qmp-schema) as JSON')
    .argument('[schema]', 'main schema file (or --from-qmp-schema / --from-qemu)')
    .option('-D, --define <name>', 'treat condition macro NAME as defined (repeatable); '
      + 'without any, every condition holds', collect, [])
    .option('-u, --unmask', 'keep type names instead of masking them as "0", "1", ...')
    .option('--from-qmp-schema <file>', 'instead of a schema: a saved query-qmp-schema reply (re-emitted exactly; '
      + 'with --unmask, with the readable names the import gives its types)')
    .option('--from-qemu <binary>', 'instead of a schema: ask this QEMU binary (query-qmp-schema)')
    .option('-f, --format <format>', 'json (Python\'s json.dumps, indent 1) | qmp (one line, as QEMU sends it)', 'json')
    .addHelpText('after', `
Examples:
  $ qapi-ts introspect qapi/qapi-schema.json > qmp-schema.json
  $ qapi-ts introspect --define CONFIG_SPICE --define CONFIG_LINUX qapi/qapi-schema.json
  $ qapi-ts introspect --unmask qga/qapi-schema.json | jq '.[] | select(.name == "GuestInfo")'
  $ qapi-ts introspect --from-qemu /usr/bin/qemu-system-x86_64 > qemu-7.2.json    # save a binary's schema
  $ qapi-ts introspect --from-qmp-schema qemu-7.2.json --format qmp   # byte for byte as QEMU sent it
  $ qapi-ts introspect --from-qmp-schema qemu-7.2.json --unmask      # with readable type names

Output matches QEMU 10.2's scripts/qapi/introspect.py: commands and events
first, then the types they use; entries and list items whose 'if' condition
is false for the given defines are left out.

With --from-qmp-schema or --from-qemu, the output is the reply itself again
(the import reproduces it exactly), masked as QEMU masks it unless --unmask.

Exit status: 0 success, 1 schema errors or an unusable reply or binary
(printed on stderr), 2 usage error.`)
    .action((schema: string | undefined, opts: {
      define: string[]; unmask?: boolean; fromQmpSchema?: string; fromQemu?: string; format: string;
    }) => {
      const source = { file: opts.fromQmpSchema, binary: opts.fromQemu };
      if (!replySourceOk(io, 'introspect', source, '--from-qmp-schema', '--from-qemu', setExit)) return;
      const importing = source.file !== undefined || source.binary !== undefined;
      if (importing === (schema !== undefined) || (opts.format !== 'json' && opts.format !== 'qmp')) {
        io.stderr(`qapi-ts introspect: ${opts.format !== 'json' && opts.format !== 'qmp'
          ? `unknown format '${opts.format}' (expected json or qmp)`
          : 'give either a schema file or --from-qmp-schema / --from-qemu'}\n`);
        setExit(ExitCode.usage);
        return;
      }
      if (importing) {
        // An imported reply: nothing is defined, which drops what the binary compiled out.
        const imported = importForCli(io, 'introspect', source, setExit);
        if (!imported) return;
        const list = emitIntrospection(imported.ir, { unmask: opts.unmask || !imported.masked, defines: new Set(opts.define) });
        io.stdout(opts.format === 'qmp' ? `${qobjectJson(list)}\n` : introspectionJson(list));
        return;
      }
      const result = compile({ entry: schema! });
      if (!result.ir) {
        reportDiagnostics(io, result.diagnostics, result.files, 'human');
        setExit(ExitCode.findings);
        return;
      }
      const list = emitIntrospection(result.ir, {
        unmask: opts.unmask ?? false,
        defines: opts.define.length ? new Set(opts.define) : 'all',
      });
      io.stdout(opts.format === 'qmp' ? `${qobjectJson(list)}\n` : introspectionJson(list));
    });
}

/**
 * The qapi-ts command line. Commands live one per module in ./commands;
 * this file wires them to commander and maps failures to exit codes:
 * 0 clean, 1 findings, 2 usage error, 3 internal error (never a stack trace
 * unless QAPI_TS_DEBUG is set).
 */
import { Command, CommanderError } from 'commander';
import { type CliIo, ExitCode } from './io.js';
import { VERSION } from './version.js';
import { registerIr } from './commands/ir.js';
import { registerIntrospect } from './commands/introspect.js';
import { registerLint } from './commands/lint.js';
import { registerGenerate } from './commands/generate.js';
import { registerDocs } from './commands/docs.js';
import { registerDiff } from './commands/diff.js';

export function runCli(argv: readonly string[], io: CliIo): number {
  let exitCode: number = ExitCode.ok;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const program = new Command();
  program
    .name('qapi-ts')
    .description('TypeScript toolchain for QEMU\'s QAPI schema language')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  registerIr(program, io, setExit);
  registerIntrospect(program, io, setExit);
  registerLint(program, io, setExit);
  registerGenerate(program, io, setExit);
  registerDocs(program, io, setExit);
  registerDiff(program, io, setExit);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const e = err as Error;
    io.stderr(`qapi-ts: internal error: ${e?.message ?? String(err)}\n`);
    if (io.env.QAPI_TS_DEBUG) io.stderr(`${e?.stack ?? ''}\n`);
    return ExitCode.internal;
  }
  return exitCode;
}

export function main(): void {
  // A reader that stops early (`qapi-ts ... | head`) closes the pipe: stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTty: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
  process.exitCode = runCli(process.argv.slice(2), io);
}

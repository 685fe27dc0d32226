/**
 * `qapi-ts diff OLD NEW`: every change between two schemas, classified by
 * QEMU's compatibility rules for what clients send and what they receive.
 * Exit 1 when a change at or above `--fail-on` (default: breaking) is found.
 */
import { relative } from 'node:path';
import type { Command } from 'commander';
import { compile } from '../../compile.js';
import { CHANGE_CLASSES, type Change, type DiffResult, diffSchemas, failsAt } from '../../diff/compare.js';
import { type CliIo, ExitCode } from '../io.js';
import { isReportFormat, reportDiagnostics } from '../report.js';

const FAIL_LEVELS = ['breaking', 'source', 'never'] as const;
type FailLevel = (typeof FAIL_LEVELS)[number];

const CLASS_TITLES: Record<Change['class'], string> = {
  breaking: 'Breaking (wire-incompatible for clients)',
  source: 'Source-level (same on the wire; generated TypeScript names change)',
  feature: 'Features (deprecated/unstable gained or lost)',
  compatible: 'Compatible',
};

export function formatDiffHuman(result: DiffResult, pathOf: (f: string) => string): string {
  const { summary, changes } = result;
  const lines: string[] = [];
  const c = summary.classes;
  lines.push(`${summary.total} change${summary.total === 1 ? '' : 's'}: ${c.breaking} breaking, ${c.source} source-level, `
    + `${c.feature} feature, ${c.compatible} compatible`);
  const r = summary.removed;
  const a = summary.added;
  lines.push(`  removed: ${r.commands} commands, ${r.events} events, ${r.members} members, ${r.enumValues} enum values`);
  lines.push(`  added:   ${a.commands} commands, ${a.events} events, ${a.members} members, ${a.enumValues} enum values`);
  for (const cls of CHANGE_CLASSES) {
    const of = changes.filter((ch) => ch.class === cls);
    if (!of.length) continue;
    lines.push('', `${CLASS_TITLES[cls]}: ${of.length}`);
    for (const ch of of) {
      const d = ch.diagnostic;
      const at = d.location ? `  [${pathOf(d.location.file)}:${d.location.line}]` : '';
      lines.push(`  ${d.code} ${d.message}${at}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function registerDiff(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description('classify every change between two schemas by QEMU\'s compatibility rules')
    .argument('<old>', 'main schema file of the old version')
    .argument('<new>', 'main schema file of the new version')
    .option('-f, --format <format>', 'human | json | sarif | github', 'human')
    .option('--fail-on <level>', 'breaking | source | never: exit 1 when a change at or above this level is found', 'breaking')
    .addHelpText('after', `
Examples:
  $ qapi-ts diff qemu-7.2/qapi/qapi-schema.json qemu-10.2/qapi/qapi-schema.json
  $ qapi-ts diff --format json old/qapi-schema.json new/qapi-schema.json | jq .summary
  $ qapi-ts diff --format sarif old.json new.json > diff.sarif      # code scanning upload
  $ qapi-ts diff --format github old.json new.json                  # GitHub Actions annotations
  $ qapi-ts diff --fail-on source old.json new.json                 # also fail on type renames
  $ qapi-ts diff --fail-on never old.json new.json                  # report only

Schemas are compared by wire structure, from each command (arguments: what
clients send; return value: what they receive) and event (data: received).
Classes: breaking (error: removed commands, events, members or values clients
send; optional arguments made required; new required arguments; incompatible
type changes; reply members made optional or removed), source (warning: type
renames, invisible on the wire but renaming generated TypeScript), feature
(warning: deprecated/unstable gained or lost), compatible (info).

Exit status: 0 nothing at or above --fail-on, 1 otherwise (or a schema has
errors), 2 usage error, 3 internal error.`)
    .action((oldPath: string, newPath: string, opts: { format: string; failOn: string }) => {
      if (!isReportFormat(opts.format)) {
        io.stderr(`qapi-ts diff: unknown format '${opts.format}' (expected human, json, sarif or github)\n`);
        setExit(ExitCode.usage);
        return;
      }
      if (!(FAIL_LEVELS as readonly string[]).includes(opts.failOn)) {
        io.stderr(`qapi-ts diff: unknown --fail-on level '${opts.failOn}' (expected breaking, source or never)\n`);
        setExit(ExitCode.usage);
        return;
      }
      const failOn = opts.failOn as FailLevel;
      const oldResult = compile({ entry: oldPath });
      const newResult = compile({ entry: newPath });
      if (!oldResult.ir || !newResult.ir) {
        const errors = [...oldResult.diagnostics, ...newResult.diagnostics].filter((d) => d.severity === 'error');
        reportDiagnostics(io, errors, [...oldResult.files, ...newResult.files], opts.format);
        setExit(ExitCode.findings);
        return;
      }
      const result = diffSchemas(oldResult.ir, newResult.ir);
      const pathOf = (f: string) => relative(io.cwd, f).split('\\').join('/');
      switch (opts.format) {
        case 'human':
          io.stdout(formatDiffHuman(result, pathOf));
          break;
        case 'json':
          io.stdout(`${JSON.stringify({
            summary: result.summary,
            changes: result.changes.map((c) => ({
              class: c.class, kind: c.kind, action: c.action, ...(c.direction ? { direction: c.direction } : {}),
              name: c.name, ...(c.where ? { where: c.where } : {}), code: c.diagnostic.code, message: c.diagnostic.message,
              ...(c.diagnostic.location ? { location: { ...c.diagnostic.location, file: pathOf(c.diagnostic.location.file) } } : {}),
            })),
            diagnostics: result.changes.map((c) => c.diagnostic),
          }, null, 2)}\n`);
          break;
        default:
          reportDiagnostics(io, result.changes.map((c) => c.diagnostic), [...oldResult.files, ...newResult.files], opts.format);
      }
      if (result.changes.some((c) => failsAt(c, failOn))) setExit(ExitCode.findings);
    });
}

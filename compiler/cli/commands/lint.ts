/**
 * `qapi-ts lint`: QEMU 10.2's rules and ours. Exit 0 when clean or with
 * warnings only (within --max-warnings), 1 with errors.
 */
import type { Command } from 'commander';
import { compile } from '../../compile.js';
import { type CliIo, ExitCode } from '../io.js';
import { isReportFormat, reportDiagnostics } from '../report.js';
import { ConfigError, loadConfig, schemaPath } from '../config.js';
import { crossCheckForCli, replySourceOk } from '../qmp-schema-source.js';
import { lintNeedsIr, lintSchema } from '../../lint/lint.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { type LintSettings, LintSettingsError, lintSettingsFromConfig, parseRuleFlag } from '../../lint/lint-settings.js';
import { isLintLevel, LINT_LEVELS } from '../../lint/rule.js';
import { formatRuleList } from '../../lint/rule-list.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface LintOptions {
  format: string;
  level?: string;
  strict?: boolean;
  rule: string[];
  maxWarnings?: string;
  printConfigIgnores?: boolean;
  listRules?: boolean;
  timings?: boolean;
  config?: string;
  againstQemu?: string;
  againstQmpSchema?: string;
}

export function registerLint(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('lint')
    .description('check a schema by QEMU 10.2\'s rules and qapi-ts\'s own lint rules')
    .argument('[schema]', 'main schema file (default: from qapi.config.json or package.json "qapi")')
    .option('-f, --format <format>', 'human | json | sarif | github', 'human')
    .option('--level <level>', `rule set: ${LINT_LEVELS.join(' | ')} (default: from the configuration, else default)`)
    .option('--strict', 'the strict level: every rule, and QEMU 10.2\'s rules exactly (its dialects and doc style are errors)')
    .option('--rule <rule=setting>', 'set a rule (ID or code) to off, on, info, warning or error (repeatable)', collect, [])
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings (CI gates use 0)')
    .option('--print-config-ignores', 'print the "lint.ignoreOnly" configuration that suppresses every current finding')
    .option('--list-rules', 'list the rules with their levels and codes (with --format json: and their descriptions)')
    .option('--timings', 'print the time spent in each phase on stderr')
    .option('-c, --config <file>', 'configuration file (default: ./qapi.config.json, else package.json "qapi")')
    .option('--against-qemu <binary>', 'also report how the schema differs from what this QEMU binary offers')
    .option('--against-qmp-schema <file>', 'the same against a saved query-qmp-schema reply')
    .addHelpText('after', `
Examples:
  $ qapi-ts lint qapi/qapi-schema.json
  $ qapi-ts lint --strict qapi/qapi-schema.json                      # every rule; QEMU 10.2's exactly
  $ qapi-ts lint --level minimal qapi/qapi-schema.json               # only what makes generated code wrong
  $ qapi-ts lint --rule since-required=error --max-warnings 0 qapi/qapi-schema.json
  $ qapi-ts lint --print-config-ignores qapi/qapi-schema.json        # adopt linting on an existing schema
  $ qapi-ts lint --list-rules
  $ qapi-ts lint --format sarif qapi/qapi-schema.json > qapi.sarif    # code scanning upload
  $ qapi-ts lint --format github qapi/qapi-schema.json               # GitHub Actions annotations
  $ qapi-ts lint qapi/qapi-schema.json --against-qemu /usr/bin/qemu-system-x86_64

Levels are cumulative. minimal: QEMU's rules that keep generated code right
(older dialects, naming, semantics). default: also QEMU's doc rules (70
columns, two spaces between sentences, indentation, coverage) as warnings,
and qapi-ts's rules (examples valid, Since, deprecated replacements, x-
names unstable, doc order, naming consistency). strict: also unused types,
stale pragma exceptions and unused suppressions, and QEMU 10.2's rules are
errors exactly where QEMU rejects the schema.

Suppress a finding on one definition with a comment on the line before it
(or before its doc comment):
  # qapi-ts-lint-disable since-required: predates versioning
Configure in qapi.config.json: "lint": { "level", "rules": { RULE: setting },
"ignore": [paths], "ignoreOnly": { RULE: [paths or path#Definition] } }.

Exit status: 0 clean or warnings only, 1 errors (or more warnings than
--max-warnings), 2 usage error, 3 internal error.`)
    .action((schemaArg: string | undefined, opts: LintOptions) => {
      const usage = (message: string) => {
        io.stderr(`qapi-ts lint: ${message}\n`);
        setExit(ExitCode.usage);
      };
      if (!isReportFormat(opts.format)) return usage(`unknown format '${opts.format}' (expected human, json, sarif or github)`);
      if (opts.listRules) {
        io.stdout(formatRuleList(opts.format === 'json' ? 'json' : 'text'));
        return;
      }
      const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
      if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
        return usage(`--max-warnings '${opts.maxWarnings}' must be a whole number`);
      }
      let schema: string | undefined;
      let settings: LintSettings;
      try {
        const config = loadConfig(io.cwd, opts.config);
        schema = schemaPath(schemaArg, config, io.cwd);
        settings = withFlags(lintSettingsFromConfig(config?.lint, config?.baseDir ?? io.cwd), opts);
      } catch (err) {
        if (!(err instanceof ConfigError || err instanceof LintSettingsError)) throw err;
        return usage(err.message);
      }
      if (!schema) return usage('no schema given and none configured in qapi.config.json or package.json "qapi"');
      // --against-*: the cross-check's differences (QAPI7xxx, warnings) follow the schema's own diagnostics.
      const against = { file: opts.againstQmpSchema, binary: opts.againstQemu };
      if (!replySourceOk(io, 'lint', against, '--against-qmp-schema', '--against-qemu', setExit)) return;
      const crossChecking = against.file !== undefined || against.binary !== undefined;
      const strict = settings.level === 'strict';
      // Lowering to IR is skipped when nothing needs it (the minimal level, no suppression comments).
      let result = compile({ entry: schema, strict, diagnosticsOnly: !crossChecking && !lintNeedsIr(settings, []) });
      if (!result.ir && !hasErrors(result.diagnostics) && lintNeedsIr(settings, result.files)) result = compile({ entry: schema, strict });
      const t = performance.now();
      const linted = lintSchema(result, settings, io.cwd);
      const timings = { ...result.timings, lint: performance.now() - t };
      const differences = crossChecking && result.ir ? crossCheckForCli(io, result.ir, against, opts.format, setExit) : [];
      if (!differences) return;
      const diagnostics = [...linted.diagnostics, ...differences];
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (opts.printConfigIgnores) {
        io.stdout(`${JSON.stringify({ lint: { ignoreOnly: linted.ignoresToPass } }, null, 2)}\n`);
        // Errors of QEMU's rules cannot be ignored: show them, and fail.
        if (errors.length) reportDiagnostics(io, errors, result.files, 'human');
      } else {
        reportDiagnostics(io, diagnostics, result.files, opts.format);
        if (linted.suppressed && opts.format === 'human') {
          io.stderr(`${linted.suppressed} finding${linted.suppressed === 1 ? '' : 's'} suppressed by comments or configuration\n`);
        }
      }
      if (opts.timings) {
        for (const [phase, ms] of Object.entries(timings)) io.stderr(`${phase}: ${ms.toFixed(1)} ms\n`);
      }
      const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
      if (errors.length || (!opts.printConfigIgnores && maxWarnings !== undefined && warnings > maxWarnings)) {
        if (!errors.length && opts.format === 'human') io.stderr(`more than ${maxWarnings} warning${maxWarnings === 1 ? '' : 's'} (--max-warnings)\n`);
        setExit(ExitCode.findings);
      }
    });
}

/** Command-line flags over the configuration's settings. */
function withFlags(settings: LintSettings, opts: LintOptions): LintSettings {
  let { level } = settings;
  if (opts.level !== undefined) {
    if (!isLintLevel(opts.level)) throw new LintSettingsError(`--level '${opts.level}' must be one of ${LINT_LEVELS.join(', ')}`);
    level = opts.level;
  }
  if (opts.strict) {
    if (opts.level !== undefined && opts.level !== 'strict') throw new LintSettingsError(`--strict contradicts --level ${opts.level}`);
    level = 'strict';
  }
  const rules = { ...settings.rules };
  for (const flag of opts.rule) {
    const [rule, setting] = parseRuleFlag(flag);
    rules[rule] = setting;
  }
  return { ...settings, level, rules };
}

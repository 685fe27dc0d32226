/**
 * The lint phase: after compilation, run the rules of the chosen level on
 * the IR, give QEMU's relaxed findings (the compiler's warnings) their rule,
 * apply the configured severities, and drop what suppression comments and
 * configured ignores cover. Errors of QEMU's rules pass through untouched:
 * they make the schema invalid, and no setting hides them.
 */
import { relative, resolve } from 'node:path';
import type { Diagnostic, DiagnosticLocation, Severity } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/compile-error.js';
import { Messages } from '../diagnostics/messages.js';
import type { IrDefinition, IrSchema } from '../ir/types.js';
import type { SourceText } from '../source/source-file.js';
import { definitionExtents } from './definition-extents.js';
import { DIRECTIVE_MARK, type LintDirective, scanDirectives } from './directives.js';
import { type LintSettings, severityOf } from './lint-settings.js';
import { compilePathPattern } from './path-patterns.js';
import { LINT_RULES, ruleFor } from './registry.js';
import { levelIncludes, type LintRule, type RuleContext } from './rule.js';

export interface LintInput {
  readonly ir?: IrSchema;
  /** The compiler's diagnostics, in its order. */
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly SourceText[];
}

export interface LintResult {
  /** Compiler warnings kept, then the rules' findings in source order, then the compiler's errors. */
  readonly diagnostics: readonly Diagnostic[];
  /** How many findings suppression comments and configured ignores removed. */
  readonly suppressed: number;
  /**
   * `lint.ignoreOnly` that would suppress every reported finding that can be
   * suppressed (all but errors of QEMU's rules), merged with the configured one.
   */
  readonly ignoresToPass: Readonly<Record<string, readonly string[]>>;
}

const DEFAULT_SEVERITY: Severity = 'warning';

/**
 * Whether linting with these settings needs the IR: for rules of our own,
 * and for scoping suppressions to definitions. Without it (the minimal
 * level on a schema without suppression comments), a caller can compile
 * with `diagnosticsOnly` and skip lowering.
 */
export function lintNeedsIr(settings: LintSettings, files: readonly SourceText[]): boolean {
  const on = (rule: LintRule) => rule.codes.some((c) => findingSeverity(settings, rule, c));
  return LINT_RULES.some((r) => r.kind === 'own' && !DIRECTIVE_RULES.has(r.id) && on(r))
    || Object.values(settings.ignoreOnly).some((entries) => entries.some((e) => e.includes('#')))
    || files.some((f) => f.text.includes(DIRECTIVE_MARK));
}

const DIRECTIVE_RULES = new Set(['lint-directive', 'unused-suppression']);

/** The severity of `rule`'s findings with `code` under `settings`; undefined when off. */
function findingSeverity(settings: LintSettings, rule: LintRule, code: string): Severity | undefined {
  return severityOf(settings.rules[code] ?? settings.rules[rule.id], levelIncludes(settings.level, rule.level), DEFAULT_SEVERITY);
}

export function lintSchema(input: LintInput, settings: LintSettings, cwd: string = process.cwd()): LintResult {
  const strict = settings.level === 'strict';
  const extents = input.ir ? definitionExtents(input.ir) : undefined;
  const relPath = cacheBy((file: string) => relative(settings.baseDir, resolve(cwd, file)).split('\\').join('/'));
  const definitionOf = (d: Diagnostic): string | undefined =>
    d.location?.definition?.name ?? (d.location ? extents?.at(d.location.file, d.location.line)?.name : undefined);

  const severity = (rule: LintRule, code: string): Severity | undefined => findingSeverity(settings, rule, code);

  // Findings that settings may change or suppress, with their rule.
  const findings: { d: Diagnostic; rule: LintRule }[] = [];
  const kept: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  for (const d of input.diagnostics) {
    const rule = d.severity !== 'error' ? ruleFor(d.code) : undefined;
    if (!rule) {
      (d.severity === 'error' ? errors : kept).push(d);
      continue;
    }
    const sev = severity(rule, d.code);
    if (sev) findings.push({ d: { ...d, severity: sev, rule: rule.id }, rule });
  }

  const own: { d: Diagnostic; rule: LintRule }[] = [];
  if (input.ir && extents) {
    const ir = input.ir;
    const definitions = new Map<string, IrDefinition>(ir.definitions.map((d) => [d.name, d]));
    for (const rule of LINT_RULES) {
      if (rule.kind !== 'own' || !rule.codes.some((c) => severity(rule, c))) continue;
      const ctx: RuleContext = {
        ir,
        definitions,
        report(def, site, ...args) {
          const sev = severity(rule, def.code);
          if (!sev) return;
          const owner = site.definition !== undefined ? definitions.get(site.definition) : undefined;
          const location: DiagnosticLocation = {
            file: site.location.file,
            line: site.location.line,
            ...(site.location.column !== undefined ? { column: site.location.column } : {}),
            includedFrom: [],
            ...(owner ? { definition: { meta: owner.kind, name: owner.name } } : {}),
          };
          own.push({ d: { ...makeDiagnostic(def, location, args), severity: sev, rule: rule.id }, rule });
        },
      };
      rule.check(ctx);
    }
  }

  // Suppression comments, then configured ignores.
  const directives = extents ? scanDirectives(input.files, extents) : [];
  const used = new Set<string>();
  const suppressedByDirective = (d: Diagnostic, rule: LintRule): boolean => {
    if (!d.location) return false;
    for (const dir of directives) {
      const t = dir.target;
      if (!t || t.file !== d.location.file || d.location.line < t.start || d.location.line > t.end) continue;
      const id = dir.ids.find((x) => x === rule.id || x === d.code);
      if (id) {
        used.add(`${dir.file}:${dir.line}:${id}`);
        return true;
      }
    }
    return false;
  };
  const ignore = settings.ignore.map(compilePathPattern);
  const ignoreOnly = new Map<string, ReturnType<typeof compilePathPattern>[]>();
  for (const [key, entries] of Object.entries(settings.ignoreOnly)) ignoreOnly.set(key, entries.map(compilePathPattern));
  const ignoredByConfig = (d: Diagnostic, rule: LintRule): boolean => {
    if (!d.location) return false;
    const path = relPath(d.location.file);
    const def = definitionOf(d);
    if (ignore.some((p) => p.matches(path, def))) return true;
    return [rule.id, d.code].some((k) => ignoreOnly.get(k)?.some((p) => p.matches(path, def)));
  };

  let suppressed = 0;
  const keep = (f: { d: Diagnostic; rule: LintRule }): boolean => {
    const isDirectiveRule = DIRECTIVE_RULES.has(f.rule.id);
    const drop = (!isDirectiveRule && suppressedByDirective(f.d, f.rule)) || ignoredByConfig(f.d, f.rule);
    if (drop) suppressed++;
    return !drop;
  };
  const fromCompiler = findings.filter(keep);
  // Directive findings last: whether a directive was used is known only after the others.
  const fromRules = own.filter(keep);
  fromRules.push(...[...directiveFindings(directives, used, strict, severity)].filter(keep));
  const fileOrder = new Map(input.files.map((f, i) => [f.path, i]));
  fromRules.sort((a, b) => compareLocations(a.d.location, b.d.location, fileOrder));
  const reported = [...fromCompiler, ...fromRules];

  const ignoresToPass: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(settings.ignoreOnly)) ignoresToPass[k] = [...v];
  for (const { d, rule } of reported) {
    if (!d.location) continue;
    const def = definitionOf(d);
    const entry = def !== undefined ? `${relPath(d.location.file)}#${def}` : relPath(d.location.file);
    const list = (ignoresToPass[rule.id] ??= []);
    if (!list.includes(entry)) list.push(entry);
  }
  for (const list of Object.values(ignoresToPass)) list.sort();

  return {
    diagnostics: [...kept, ...reported.map((f) => f.d), ...errors],
    suppressed,
    ignoresToPass: Object.fromEntries(Object.entries(ignoresToPass).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/** Findings about the suppression comments themselves. */
function* directiveFindings(
  directives: readonly LintDirective[], used: ReadonlySet<string>, strict: boolean,
  severity: (rule: LintRule, code: string) => Severity | undefined,
): Generator<{ d: Diagnostic; rule: LintRule }> {
  for (const dir of directives) {
    const at = (column: number): DiagnosticLocation => ({ file: dir.file, line: dir.line, column, includedFrom: [] });
    const emit = function* <A extends unknown[]>(def: { code: string; format: (...a: A) => string }, column: number, ...args: A) {
      const rule = ruleFor(def.code)!;
      const sev = severity(rule, def.code);
      if (sev) yield { d: { ...makeDiagnostic(def, at(column), args), severity: sev, rule: rule.id }, rule };
    };
    if (!dir.target) {
      yield* emit(Messages.directiveUnattached, 1);
      continue;
    }
    if (!dir.reason) yield* emit(Messages.directiveNoReason, dir.column, dir.ids.join(', '));
    for (const id of dir.ids) {
      const rule = ruleFor(id);
      if (!rule) {
        yield* emit(Messages.directiveUnknownRule, dir.column, id);
        continue;
      }
      // In strict mode QEMU's rules are errors no comment hides; elsewhere, only rules that are on can be unused.
      if (rule.kind === 'qemu' && strict) continue;
      const on = rule.codes.some((c) => severity(rule, c));
      if (on && !used.has(`${dir.file}:${dir.line}:${id}`)) yield* emit(Messages.directiveUnused, dir.column, id);
    }
  }
}

function compareLocations(a: DiagnosticLocation | undefined, b: DiagnosticLocation | undefined, fileOrder: ReadonlyMap<string, number>): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  const fa = fileOrder.get(a.file) ?? Number.MAX_SAFE_INTEGER;
  const fb = fileOrder.get(b.file) ?? Number.MAX_SAFE_INTEGER;
  return fa - fb || a.line - b.line || (a.column ?? 0) - (b.column ?? 0);
}

function cacheBy<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = fn(key);
      cache.set(key, v);
    }
    return v;
  };
}

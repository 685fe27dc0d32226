/**
 * Lint settings: the level, per-rule settings, ignored paths, and per-rule
 * ignored paths or definitions, as the `lint` key of qapi.config.json gives
 * them (command-line flags merged in by the caller). Validation names the
 * offending key, as the rest of the configuration does.
 */
import type { Severity } from '../diagnostics/diagnostic.js';
import { isLintLevel, type LintLevel, LINT_LEVELS } from './rule.js';
import { ruleFor } from './registry.js';

export const RULE_SETTINGS = ['off', 'on', 'info', 'warning', 'error'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

export interface LintSettings {
  readonly level: LintLevel;
  /** By rule ID or diagnostic code; a code's setting wins over its rule's. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Path globs (relative to `baseDir`) whose findings are all suppressed. */
  readonly ignore: readonly string[];
  /** Rule ID or code -> path globs, or `path#Definition`, where that rule's findings are suppressed. */
  readonly ignoreOnly: Readonly<Record<string, readonly string[]>>;
  /** Directory the paths above are relative to. */
  readonly baseDir: string;
}

export class LintSettingsError extends Error {}

export function defaultLintSettings(baseDir: string, level: LintLevel = 'default'): LintSettings {
  return { level, rules: {}, ignore: [], ignoreOnly: {}, baseDir };
}

/**
 * Checks the configuration's `lint` object (already known to hold only the
 * keys level, rules, ignore, ignoreOnly) and returns settings. Throws
 * LintSettingsError naming the key.
 */
export function lintSettingsFromConfig(raw: Readonly<Record<string, unknown>> | undefined, baseDir: string): LintSettings {
  const settings = defaultLintSettings(baseDir);
  if (!raw) return settings;
  const level = raw.level ?? settings.level;
  if (!isLintLevel(level)) throw new LintSettingsError(`'lint.level' must be one of ${LINT_LEVELS.map((l) => `'${l}'`).join(', ')}`);
  return {
    level,
    rules: raw.rules === undefined ? {} : ruleSettings(raw.rules, 'lint.rules'),
    ignore: raw.ignore === undefined ? [] : stringList(raw.ignore, 'lint.ignore'),
    ignoreOnly: raw.ignoreOnly === undefined ? {} : ignoreOnly(raw.ignoreOnly),
    baseDir,
  };
}

/** `RULE=SETTING` from the command line (`--rule since-required=error`). */
export function parseRuleFlag(flag: string): [string, RuleSetting] {
  const m = /^([^=]+)=(.*)$/.exec(flag);
  if (!m) throw new LintSettingsError(`--rule '${flag}': expected RULE=SETTING, e.g. since-required=error`);
  checkRuleKey(m[1], `--rule ${m[1]}`);
  if (!isRuleSetting(m[2])) throw new LintSettingsError(`--rule ${m[1]}: '${m[2]}' is not one of ${RULE_SETTINGS.join(', ')}`);
  return [m[1], m[2]];
}

export function isRuleSetting(s: unknown): s is RuleSetting {
  return typeof s === 'string' && (RULE_SETTINGS as readonly string[]).includes(s);
}

/** The severity a setting gives a finding whose rule's default is `fallback`; undefined when off. */
export function severityOf(setting: RuleSetting | undefined, enabledByLevel: boolean, fallback: Severity): Severity | undefined {
  if (setting === undefined) return enabledByLevel ? fallback : undefined;
  if (setting === 'off') return undefined;
  return setting === 'on' ? fallback : setting;
}

function ruleSettings(raw: unknown, key: string): Record<string, RuleSetting> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new LintSettingsError(`'${key}' must be an object`);
  const out: Record<string, RuleSetting> = {};
  for (const [rule, setting] of Object.entries(raw)) {
    checkRuleKey(rule, `${key}.${rule}`);
    if (typeof setting === 'boolean') {
      out[rule] = setting ? 'on' : 'off';
      continue;
    }
    if (!isRuleSetting(setting)) throw new LintSettingsError(`'${key}.${rule}' must be one of ${RULE_SETTINGS.map((s) => `'${s}'`).join(', ')}, true or false`);
    out[rule] = setting;
  }
  return out;
}

function ignoreOnly(raw: unknown): Record<string, string[]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new LintSettingsError("'lint.ignoreOnly' must be an object");
  const out: Record<string, string[]> = {};
  for (const [rule, paths] of Object.entries(raw)) {
    checkRuleKey(rule, `lint.ignoreOnly.${rule}`);
    out[rule] = stringList(paths, `lint.ignoreOnly.${rule}`);
  }
  return out;
}

function stringList(raw: unknown, key: string): string[] {
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string' || !x)) throw new LintSettingsError(`'${key}' must be a list of strings`);
  return raw as string[];
}

function checkRuleKey(rule: string, key: string): void {
  if (!ruleFor(rule)) throw new LintSettingsError(`'${key}': no lint rule or code '${rule}' (qapi-ts lint --list-rules lists them)`);
}

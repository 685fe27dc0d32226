/**
 * Every lint rule against its fixtures in test/lint/<rule-id>/: `bad.json`
 * must give exactly the findings of `bad.out` (one per line,
 * `file:line:column: CODE message`, a message's line breaks written `\n`),
 * `good.json` none. Only the rule under
 * test is looked at, so fixtures need not be clean for the others.
 * After an intended change to a message: UPDATE_LINT_FIXTURES=1 npm test
 * (then read the diff of the .out files).
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { compile } from '../compiler/compile.js';
import { lintSchema } from '../compiler/lint/lint.js';
import { defaultLintSettings } from '../compiler/lint/lint-settings.js';
import { LINT_RULES } from '../compiler/lint/registry.js';

const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test/lint');
const update = process.env.UPDATE_LINT_FIXTURES === '1';

function findings(ruleId: string, file: string): string[] {
  const result = compile({ entry: file });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`${file} does not compile: ${errors[0].message}`);
  const settings = { ...defaultLintSettings(fixtures), rules: { [ruleId]: 'on' as const } };
  return lintSchema(result, settings).diagnostics
    .filter((d) => d.rule === ruleId)
    .map((d) => `${basename(d.location?.file ?? '')}:${d.location?.line ?? ''}:${d.location?.column ?? ''}: ${d.code} ${d.message.replace(/\n/g, '\\n')}`);
}

describe('lint rule fixtures', () => {
  test.each(LINT_RULES.map((r) => [r.id] as const))('%s', (id) => {
    const dir = join(fixtures, id);
    expect(existsSync(join(dir, 'bad.json'))).toBe(true);
    expect(existsSync(join(dir, 'good.json'))).toBe(true);
    const bad = findings(id, join(dir, 'bad.json'));
    const expectedPath = join(dir, 'bad.out');
    if (update) writeFileSync(expectedPath, bad.map((l) => `${l}\n`).join(''));
    const expected = readFileSync(expectedPath, 'utf8').split('\n').filter(Boolean);
    expect(bad).toEqual(expected);
    expect(bad.length).toBeGreaterThan(0);
    expect(findings(id, join(dir, 'good.json'))).toEqual([]);
  });

  test('every finding code belongs to exactly one rule, and rule IDs are kebab-case', () => {
    const seen = new Map<string, string>();
    for (const rule of LINT_RULES) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(rule.codes.length).toBeGreaterThan(0);
      expect(rule.description.length).toBeGreaterThan(80);
      for (const code of rule.codes) {
        expect(seen.get(code)).toBeUndefined();
        seen.set(code, rule.id);
      }
    }
  });
});

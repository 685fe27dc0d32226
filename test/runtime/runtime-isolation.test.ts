/**
 * The runtime ships inside consumers' bundles, so it must stand alone:
 * no import from the compiler, no package dependency, only relative `.js`
 * imports between its own modules, and every module says what it holds.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const runtimeDir = resolve(import.meta.dirname, '../../runtime');
const modules = readdirSync(runtimeDir).filter((f) => f.endsWith('.ts'));

describe('runtime/', () => {
  test('has modules', () => {
    expect(modules).toContain('index.ts');
    expect(modules.length).toBeGreaterThan(5);
  });

  test.each(modules)('%s imports only sibling runtime modules', (file) => {
    const text = readFileSync(join(runtimeDir, file), 'utf8');
    const specifiers = [...text.matchAll(/\b(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
    for (const s of specifiers) expect(s).toMatch(/^\.\/[a-z0-9-]+\.js$/);
  });

  test.each(modules)('%s starts with a header comment', (file) => {
    expect(readFileSync(join(runtimeDir, file), 'utf8')).toMatch(/^\/\*\*\n \* \S/);
  });
});

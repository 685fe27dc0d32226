/**
 * One emitted TypeScript file: its body (written by each target's emitter in
 * turn) and the imports the body needs, rendered in a stable order.
 */
import { CodeWriter } from './code-writer.js';

export class TsModuleFile {
  readonly body = new CodeWriter();
  private readonly typeImports = new Map<string, Set<string>>();
  private readonly valueImports = new Map<string, Set<string>>();

  constructor(readonly path: string) {}

  /** `import type { name } from 'from'` (not from this file itself). */
  importType(from: string, name: string): void {
    add(this.typeImports, from, name);
  }

  importValue(from: string, name: string): void {
    add(this.valueImports, from, name);
  }

  render(header: string): string {
    const w = new CodeWriter();
    w.raw(header);
    const specifiers = [...new Set([...this.valueImports.keys(), ...this.typeImports.keys()])].sort(compareSpecifiers);
    if (specifiers.length) w.line();
    for (const from of specifiers) {
      const values = [...(this.valueImports.get(from) ?? [])].sort();
      const types = [...(this.typeImports.get(from) ?? [])].filter((t) => !values.includes(t)).sort();
      const names = [...values, ...types.map((t) => `type ${t}`)];
      if (!names.length) continue;
      w.line(`import { ${names.join(', ')} } from '${from}';`);
    }
    w.line();
    // Collapse blank-line runs; end with exactly one newline. (A /\n*$/ regex
    // is quadratic on large files, hence the loop.)
    const text = (w.toString() + this.body.toString()).replace(/\n{3,}/g, '\n\n');
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
    return `${text.slice(0, end)}\n`;
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** Packages before relative paths, then alphabetical. */
function compareSpecifiers(a: string, b: string): number {
  const ra = a.startsWith('.') ? 1 : 0;
  const rb = b.startsWith('.') ? 1 : 0;
  return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
}

/** `qapi-ts lint --list-rules`: the rules, as a table or as JSON. */
import { LINT_RULES } from './registry.js';

export function formatRuleList(format: 'text' | 'json'): string {
  if (format === 'json') {
    const rules = LINT_RULES.map((r) => ({
      id: r.id, kind: r.kind, level: r.level, codes: r.codes, summary: r.summary, description: r.description,
    }));
    return `${JSON.stringify({ rules }, null, 2)}\n`;
  }
  const width = Math.max(...LINT_RULES.map((r) => r.id.length));
  const lines = LINT_RULES.map((r) =>
    `${r.id.padEnd(width)}  ${r.level.padEnd(7)}  ${r.kind === 'qemu' ? 'QEMU ' : 'own  '}  ${r.summary} (${codeRange(r.codes)})`);
  return `${['ID'.padEnd(width), 'LEVEL  ', 'FROM ', 'WHAT'].join('  ')}\n${lines.join('\n')}\n`;
}

/** Codes with runs of three or more compressed: `QAPI2011, QAPI6001-QAPI6016`. */
function codeRange(codes: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < codes.length;) {
    let j = i;
    while (j + 1 < codes.length && Number(codes[j + 1].slice(4)) === Number(codes[j].slice(4)) + 1) j++;
    parts.push(j - i >= 2 ? `${codes[i]}-${codes[j]}` : codes.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

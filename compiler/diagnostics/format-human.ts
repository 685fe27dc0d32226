/**
 * The human format: `file:line:col: error QAPI1234: message`, the include
 * chain, and a source excerpt with a caret when the line is known.
 */
import type { Diagnostic, DiagnosticLocation } from './diagnostic.js';
import type { SourceText } from '../source/source-file.js';

export interface HumanFormatOptions {
  readonly color: boolean;
  /** Source text by path, for excerpts. */
  readonly sources: ReadonlyMap<string, SourceText>;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function where(loc: DiagnosticLocation): string {
  return `${loc.file}:${loc.line}${loc.column !== undefined ? `:${loc.column}` : ''}`;
}

function excerpt(loc: DiagnosticLocation, opts: HumanFormatOptions): string[] {
  const src = opts.sources.get(loc.file);
  if (!src || loc.line < 1 || loc.line > src.lineStarts.length) return [];
  const start = src.lineStarts[loc.line - 1];
  const end = src.text.indexOf('\n', start);
  const text = src.text.slice(start, end < 0 ? undefined : end);
  const gutter = String(loc.line);
  const lines = [`${' '.repeat(gutter.length)} |`, `${gutter} | ${text.replace(/\t/g, ' ')}`];
  const col = loc.column ?? firstNonBlank(text) + 1;
  lines.push(`${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, col - 1))}${paint(opts.color, '31;1', '^')}`);
  return lines;
}

function firstNonBlank(s: string): number {
  const m = /\S/.exec(s);
  return m ? m.index : 0;
}

export function formatHuman(d: Diagnostic, opts: HumanFormatOptions): string {
  const sev = d.severity === 'error' ? paint(opts.color, '31;1', 'error') : paint(opts.color, '33;1', d.severity);
  const lines: string[] = [];
  if (d.location) {
    for (const site of d.location.includedFrom) lines.push(`In file included from ${site.file}:${site.line}:`);
    const [first, ...rest] = d.message.split('\n');
    const ctx = d.location.definition ? ` (in ${d.location.definition.meta} '${d.location.definition.name}')` : '';
    lines.push(`${paint(opts.color, '1', where(d.location))}: ${sev} ${d.code}: ${first}${ctx}`);
    for (const r of rest) lines.push(`  ${r}`);
    lines.push(...excerpt(d.location, opts));
  } else {
    lines.push(`${sev} ${d.code}: ${d.message}`);
  }
  for (const r of d.related ?? []) lines.push(`${where(r.location)}: note: ${r.message}`);
  return `${lines.join('\n')}\n`;
}

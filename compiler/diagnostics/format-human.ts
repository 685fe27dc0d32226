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
  let text = src.text.slice(start, end < 0 ? undefined : end).replace(/\t/g, ' ');
  let col = loc.column ?? firstNonBlank(text) + 1;
  // Keep huge lines (minified or generated input) readable: show a window around the column.
  if (text.length > MAX_EXCERPT) {
    const from = Math.max(0, Math.min(col - 1 - MAX_EXCERPT / 2, text.length - MAX_EXCERPT));
    const head = from > 0 ? '…' : '';
    const tail = from + MAX_EXCERPT < text.length ? '…' : '';
    text = head + text.slice(from, from + MAX_EXCERPT) + tail;
    col = col - from + head.length;
  }
  const gutter = String(loc.line);
  const lines = [`${' '.repeat(gutter.length)} |`, `${gutter} | ${text}`];
  lines.push(`${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, col - 1))}${paint(opts.color, '31;1', '^')}`);
  return lines;
}

const MAX_EXCERPT = 100;

/** `QAPI9010 [since-required]` for lint findings, so the rule to configure is in sight. */
const codeOf = (d: Diagnostic) => (d.rule ? `${d.code} [${d.rule}]` : d.code);

/** Control characters (a stray NUL, say) would be invisible or garble the terminal. */
function visible(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
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
    const [first, ...rest] = visible(d.message).split('\n');
    const ctx = d.location.definition ? ` (in ${d.location.definition.meta} '${d.location.definition.name}')` : '';
    lines.push(`${paint(opts.color, '1', where(d.location))}: ${sev} ${codeOf(d)}: ${first}${ctx}`);
    for (const r of rest) lines.push(`  ${r}`);
    lines.push(...excerpt(d.location, opts));
  } else {
    lines.push(`${sev} ${codeOf(d)}: ${d.message}`);
  }
  for (const r of d.related ?? []) lines.push(`${where(r.location)}: note: ${r.message}`);
  return `${lines.join('\n')}\n`;
}

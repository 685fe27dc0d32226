/**
 * GitHub Actions workflow commands (`::error file=...,line=...,col=...::msg`),
 * which annotate the diff on the offending line.
 */
import type { Diagnostic } from './diagnostic.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function formatGithub(d: Diagnostic, pathOf: (file: string) => string = (f) => f): string {
  const props: string[] = [];
  if (d.location) {
    props.push(`file=${escapeProperty(pathOf(d.location.file))}`, `line=${Math.max(1, d.location.line)}`);
    if (d.location.column) props.push(`col=${d.location.column}`);
  }
  props.push(`title=${escapeProperty(`qapi-ts ${d.code}${d.rule ? ` (${d.rule})` : ''}`)}`);
  return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`;
}

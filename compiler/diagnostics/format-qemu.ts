/**
 * QEMU's error text (`str(QAPIError)`): the include chain, the definition
 * context, `file:line[:col]: message`. Used by `--format qemu-test`.
 */
import type { Diagnostic, DiagnosticLocation } from './diagnostic.js';

function prefix(loc: DiagnosticLocation): string {
  let s = '';
  for (const site of loc.includedFrom) s += `In file included from ${site.file}:${site.line}:\n`;
  if (loc.definition) s += `${loc.file}: In ${loc.definition.meta} '${loc.definition.name}':\n`;
  s += `${loc.file}:${loc.line}`;
  if (loc.column !== undefined) s += `:${loc.column}`;
  return s;
}

export function formatQemuError(d: Diagnostic): string {
  let text = d.location ? `${prefix(d.location)}: ${d.message}` : d.message;
  for (const r of d.related ?? []) text += `\n${prefix(r.location)}: ${r.message}`;
  return `${text}\n`;
}

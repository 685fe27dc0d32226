/** Prints a run's diagnostics in the chosen format. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatHuman } from '../diagnostics/format-human.js';
import type { SourceText } from '../source/source-file.js';
import { type CliIo, useColor } from './io.js';

export type ReportFormat = 'human' | 'json';

export function reportDiagnostics(
  io: CliIo, diagnostics: readonly Diagnostic[], files: readonly SourceText[], format: ReportFormat,
): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
    return;
  }
  const sources = new Map(files.map((f) => [f.path, f]));
  const color = useColor(io);
  for (const d of diagnostics) io.stderr(formatHuman(d, { color, sources }));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length) io.stderr(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
}

/** Prints a run's diagnostics in the chosen format. */
import { relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatHuman } from '../diagnostics/format-human.js';
import { formatSarif } from '../diagnostics/format-sarif.js';
import { formatGithub } from '../diagnostics/format-github.js';
import type { SourceText } from '../source/source-file.js';
import { type CliIo, useColor } from './io.js';
import { VERSION } from './version.js';
import { ruleFor } from '../lint/registry.js';

export const REPORT_FORMATS = ['human', 'json', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

export function reportDiagnostics(
  io: CliIo, diagnostics: readonly Diagnostic[], files: readonly SourceText[], format: ReportFormat,
): void {
  const repoPath = (f: string) => relative(io.cwd, f).split('\\').join('/');
  switch (format) {
    case 'json':
      io.stdout(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
      return;
    case 'sarif':
      io.stdout(formatSarif(diagnostics, {
        toolVersion: VERSION,
        uriOf: repoPath,
        ruleInfo: (code) => {
          const rule = ruleFor(code);
          return rule && { name: rule.id, summary: rule.summary, description: rule.description };
        },
      }));
      return;
    case 'github':
      for (const d of diagnostics) io.stdout(formatGithub(d, repoPath));
      return;
    case 'human': {
      const sources = new Map(files.map((f) => [f.path, f]));
      const color = useColor(io);
      for (const d of diagnostics) io.stderr(formatHuman(d, { color, sources }));
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      if (diagnostics.length) {
        io.stderr(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
      }
    }
  }
}

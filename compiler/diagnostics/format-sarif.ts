/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF consumers: one run,
 * one result per diagnostic, rules listed by code.
 */
import type { Diagnostic } from './diagnostic.js';

export interface SarifOptions {
  readonly toolVersion: string;
  /** Turns a diagnostic's file path into the artifact URI (relative to the repository root, ideally). */
  readonly uriOf?: (file: string) => string;
  /** What is known of the lint rule behind a code: its ID and descriptions. */
  readonly ruleInfo?: (code: string) => SarifRuleInfo | undefined;
}

export interface SarifRuleInfo {
  readonly name: string;
  readonly summary: string;
  readonly description: string;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(diagnostics: readonly Diagnostic[], opts: SarifOptions): string {
  const uriOf = opts.uriOf ?? ((f: string) => f);
  const rules = new Map<string, object>();
  for (const d of diagnostics) {
    if (rules.has(d.code)) continue;
    const info = opts.ruleInfo?.(d.code);
    rules.set(d.code, info
      ? { id: d.code, name: info.name, shortDescription: { text: info.summary }, fullDescription: { text: info.description } }
      : { id: d.code, shortDescription: { text: d.message.split('\n')[0] } });
  }
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'qapi-ts',
          version: opts.toolVersion,
          rules: [...rules.values()],
        },
      },
      results: diagnostics.map((d) => ({
        ruleId: d.code,
        level: LEVEL[d.severity],
        message: { text: d.message },
        ...(d.location
          ? {
              locations: [{
                physicalLocation: {
                  artifactLocation: { uri: uriOf(d.location.file) },
                  region: { startLine: Math.max(1, d.location.line), ...(d.location.column ? { startColumn: d.location.column } : {}) },
                },
              }],
            }
          : {}),
        ...(d.related?.length
          ? {
              relatedLocations: d.related.map((r, id) => ({
                id,
                message: { text: r.message },
                physicalLocation: {
                  artifactLocation: { uri: uriOf(r.location.file) },
                  region: { startLine: Math.max(1, r.location.line) },
                },
              })),
            }
          : {}),
      })),
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

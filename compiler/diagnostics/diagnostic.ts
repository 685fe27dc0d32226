/**
 * Diagnostics are plain values: phases collect them, formatters print them.
 * The location model follows QEMU's QAPISourceInfo (file, line, optional
 * column, the include chain and the definition being checked), so the QEMU
 * formatter can reproduce its messages byte for byte.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface IncludeSite {
  readonly file: string;
  readonly line: number;
}

export interface DefinitionContext {
  readonly meta: string;
  readonly name: string;
}

export interface DiagnosticLocation {
  readonly file: string;
  readonly line: number;
  /** 1-based column, QEMU-style (tabs counted the way QEMU does). Only parse errors have one in QEMU's format. */
  readonly column?: number;
  /** Includes leading to `file`, outermost first. */
  readonly includedFrom: readonly IncludeSite[];
  /** The definition being checked when the error was found (QEMU's "In struct 'Foo':"). */
  readonly definition?: DefinitionContext;
}

export interface RelatedInformation {
  readonly message: string;
  readonly location: DiagnosticLocation;
}

export interface Diagnostic {
  /** Stable code, e.g. `QAPI2004`. */
  readonly code: string;
  readonly severity: Severity;
  /** Message text; may span lines, as some of QEMU's do. */
  readonly message: string;
  /** Absent only for errors with no place, such as a missing root schema file. */
  readonly location?: DiagnosticLocation;
  readonly related?: readonly RelatedInformation[];
  /** The lint rule that reported it (`qapi-ts lint`), e.g. `since-required`. */
  readonly rule?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

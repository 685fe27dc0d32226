/**
 * The one exception type of the front end. Phases throw it to stop the
 * current unit of work (as QEMU does with QAPIError) and catch it at their
 * boundary, where it becomes a Diagnostic value; it never escapes the API.
 */
import type { Diagnostic, DiagnosticLocation, RelatedInformation } from './diagnostic.js';
import type { MessageDef } from './messages.js';

export class CompileError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'CompileError';
  }
}

export function makeDiagnostic<A extends unknown[]>(
  def: MessageDef<A>,
  location: DiagnosticLocation | undefined,
  args: A,
  related?: RelatedInformation[],
): Diagnostic {
  return {
    code: def.code,
    severity: 'error',
    message: def.format(...args),
    ...(location ? { location } : {}),
    ...(related ? { related } : {}),
  };
}

export function compileError<A extends unknown[]>(
  def: MessageDef<A>,
  location: DiagnosticLocation | undefined,
  ...args: A
): CompileError {
  return new CompileError(makeDiagnostic(def, location, args));
}

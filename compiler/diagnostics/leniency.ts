/**
 * Strict and lenient runs. Strict is exactly QEMU 10.2: a rule's violation is
 * an error that stops the unit being checked. Lenient (the default) accepts
 * the dialects of older QEMU releases: where 10.2 has since tightened a rule
 * (doc style, naming, doc coverage, ...) or dropped a construct ('type',
 * simple unions, ...), the finding is a warning and checking goes on the way
 * the older release did. Phases call `relax()` exactly where they would have
 * thrown, so the strict path is unchanged.
 */
import type { Diagnostic, DiagnosticLocation } from './diagnostic.js';
import { compileError, makeDiagnostic } from './compile-error.js';
import type { MessageDef } from './messages.js';

export class Leniency {
  /** Warnings in the order found. */
  readonly warnings: Diagnostic[] = [];

  constructor(readonly strict: boolean) {}

  /**
   * A rule older releases did not enforce: in strict mode the error (thrown),
   * otherwise a warning, and the caller carries on.
   */
  relax<A extends unknown[]>(def: MessageDef<A>, location: DiagnosticLocation | undefined, ...args: A): void {
    if (this.strict) throw compileError(def, location, ...args);
    this.warn(def, location, ...args);
  }

  /** A warning (lenient mode only: callers reach this only for input strict mode rejects). */
  warn<A extends unknown[]>(def: MessageDef<A>, location: DiagnosticLocation | undefined, ...args: A): void {
    this.warnings.push({ ...makeDiagnostic(def, location, args), severity: 'warning' });
  }
}

/** QEMU 10.2's behaviour: every relaxed rule throws. */
export const STRICT = new Leniency(true);

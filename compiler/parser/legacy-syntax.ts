/**
 * Directives in the forms of older QEMU releases, for lenient runs: the
 * pragmas QEMU 2.10 to 5.2 spelled differently ('returns-whitelist',
 * 'name-case-whitelist'; 6.0 renamed them to 'command-returns-exceptions'
 * and 'member-name-exceptions'). Other unknown pragmas are ignored with a
 * warning. (Trailing commas, which QEMU 1.x's parser skipped, are handled in
 * the schema parser itself, where it would otherwise fail.)
 */
import type { SourceInfo } from '../source/source-info.js';
import { locationOf } from '../source/source-info.js';
import { compileError } from '../diagnostics/compile-error.js';
import type { Leniency } from '../diagnostics/leniency.js';
import { Messages } from '../diagnostics/messages.js';
import type { Pragmas, SyntaxValue } from './syntax.js';

const RENAMED_PRAGMAS: Readonly<Record<string, readonly [string, 'commandReturnsExceptions' | 'memberNameExceptions']>> = {
  'returns-whitelist': ['command-returns-exceptions', 'commandReturnsExceptions'],
  'name-case-whitelist': ['member-name-exceptions', 'memberNameExceptions'],
};

/** A pragma QEMU 10.2 does not know, in a lenient run. */
export function setLegacyPragma(pragmas: Pragmas, name: string, value: SyntaxValue, info: SourceInfo, leniency: Leniency): void {
  const renamed = Object.hasOwn(RENAMED_PRAGMAS, name) ? RENAMED_PRAGMAS[name] : undefined;
  if (!renamed) {
    leniency.warn(Messages.legacyIgnoredPragma, locationOf(info), name);
    return;
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw compileError(Messages.pragmaNotListOfStrings, locationOf(info), name);
  }
  leniency.warn(Messages.legacyPragmaName, locationOf(info), name, renamed[0]);
  pragmas[renamed[1]] = value as string[];
}

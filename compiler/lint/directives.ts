/**
 * Inline suppressions: a comment line `# qapi-ts-lint-disable RULE[, RULE]: reason`
 * on the line before a definition, or before its doc comment, turns the named
 * rules off for that definition (its doc comment included). The lexer drops
 * comments, so they are read from the source text: schema strings cannot span
 * lines, so a line whose first non-blank character is `#` is a comment,
 * unless it lies inside a doc comment.
 */
import type { SourceText } from '../source/source-file.js';
import type { DefinitionExtent, DefinitionExtents } from './definition-extents.js';

export interface LintDirective {
  readonly file: string;
  readonly line: number;
  /** 1-based column of the first rule ID. */
  readonly column: number;
  /** Rule IDs or codes as written. */
  readonly ids: readonly string[];
  readonly reason?: string;
  /** The definition it applies to; absent when the directive is not right before one. */
  readonly target?: DefinitionExtent;
}

/** What every directive contains: files without it need no scan. */
export const DIRECTIVE_MARK = 'qapi-ts-lint-disable';
const DIRECTIVE = /^(\s*#\s*qapi-ts-lint-disable\s+)([^:]*?)\s*(?::\s*(.*?))?\s*$/;
const BLANK_OR_COMMENT = /^\s*(#.*)?$/;

export function scanDirectives(files: readonly SourceText[], extents: DefinitionExtents): LintDirective[] {
  const directives: LintDirective[] = [];
  for (const src of files) {
    // Cheap rejection: most files have no directive at all.
    if (!src.text.includes(DIRECTIVE_MARK)) continue;
    const lines = src.text.split('\n');
    lines.forEach((text, i) => {
      const line = i + 1;
      const m = DIRECTIVE.exec(text);
      if (!m || extents.inDocComment(src.path, line)) return;
      const ids = m[2].split(/[\s,]+/).filter(Boolean);
      const target = attach(src.path, line, lines, extents);
      directives.push({
        file: src.path, line, column: m[1].length + 1, ids,
        ...(m[3] ? { reason: m[3] } : {}),
        ...(target ? { target } : {}),
      });
    });
  }
  return directives;
}

/** The definition a directive at `line` precedes, with only blank and comment lines between. */
function attach(file: string, line: number, lines: readonly string[], extents: DefinitionExtents): DefinitionExtent | undefined {
  const next = extents.nextAfter(file, line);
  if (!next) return undefined;
  // Before the doc comment, or between the doc comment and the expression.
  const until = next.start > line ? next.start : next.docEnd !== undefined && line > next.docEnd ? next.exprLine : undefined;
  if (until === undefined) return undefined;
  for (let l = line + 1; l < until; l++) if (!BLANK_OR_COMMENT.test(lines[l - 1])) return undefined;
  return next;
}

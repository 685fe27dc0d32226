/**
 * Where a doc comment is inside a literal block (`::` or `.. qmp-example::`),
 * which QEMU 10.2 exempts from its line-format rules. The first non-empty
 * line after the opener fixes the block's indent; a later non-empty line with
 * less indent ends the block. Shared by the 10.2 and the older-dialect doc
 * parsers so both draw the line exactly where QEMU does.
 */
export const LITERAL_START = /^(\.\. +qmp-example)? *::$/;

export class LiteralBlocks {
  /** Whether the last line seen is part of a literal block. */
  active = false;
  private indent = 0;

  /** Takes one doc line's text (after `# `, right-stripped). */
  see(line: string): void {
    if (line.endsWith('::') && LITERAL_START.test(line)) {
      this.active = true;
      this.indent = 0;
    } else if (this.active && line) {
      const indent = /^ */.exec(line)![0].length;
      if (this.indent === 0) this.indent = indent;
      else if (indent < this.indent) this.active = false;
    }
  }

  /** Leaves any block (at the end of a doc comment, or a new section). */
  reset(): void {
    this.active = false;
  }
}

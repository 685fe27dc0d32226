/**
 * The error `readJson` throws for malformed input. Its `message` reads like
 * QEMU's own (`JSON parse error, expecting value`) so a QMP server can send
 * it as the error `desc` unchanged; the position travels in separate fields
 * (QEMU reports none) and in `describe()`.
 */

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';

  /**
   * @param reason   what is wrong, without the `JSON parse error, ` prefix
   * @param offset   0-based index into the text (UTF-16 code units)
   * @param line     1-based line (a line ends at `\n`, `\r\n` or `\r`)
   * @param column   1-based column (UTF-16 code units)
   * @param message  the full message; defaults to `JSON parse error, <reason>`
   */
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    message = `JSON parse error, ${reason}`,
  ) {
    super(message);
  }

  /** The message with its position, for logs: `JSON parse error, ... (line 1, column 7)`. */
  describe(): string {
    return `${this.message} (line ${this.line}, column ${this.column})`;
  }
}

/** Builds a `JsonSyntaxError` for `offset` in `text`, computing line and column. */
export function syntaxErrorAt(text: string, offset: number, reason: string, message?: string): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    } else if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10 && i + 1 < offset) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return new JsonSyntaxError(reason, offset, line, offset - lineStart + 1, message);
}

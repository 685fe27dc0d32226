/**
 * A minimal code writer: lines with indentation, blocks, and JSDoc comments.
 * Emitters write code directly with it (fast, and the output is readable).
 */
const INDENTS: string[] = [];

function indentation(level: number): string {
  return (INDENTS[level] ??= '  '.repeat(level));
}

export class CodeWriter {
  private readonly parts: string[] = [];
  private level = 0;

  line(text = ''): this {
    this.parts.push(text === '' ? '\n' : `${indentation(this.level)}${text}\n`);
    return this;
  }

  /** Writes text that already contains newlines, indenting each line. */
  lines(text: string): this {
    for (const l of text.replace(/\n$/, '').split('\n')) this.line(l);
    return this;
  }

  raw(text: string): this {
    this.parts.push(text);
    return this;
  }

  indent(body: () => void): this {
    this.level++;
    body();
    this.level--;
    return this;
  }

  /** `open` line, indented body, `close` line. */
  block(open: string, body: () => void, close = '}'): this {
    this.line(open);
    this.indent(body);
    return this.line(close);
  }

  /** A JSDoc comment; nothing when there are no lines. */
  jsdoc(lines: readonly string[]): this {
    if (!lines.length) return this;
    const safe = lines.map((l) => l.replace(/\*\//g, '*\\/'));
    if (safe.length === 1 && !safe[0].includes('\n')) return this.line(`/** ${safe[0]} */`);
    this.line('/**');
    for (const l of safe) for (const sub of l.split('\n')) this.line(sub ? ` * ${sub}` : ' *');
    return this.line(' */');
  }

  /** Whether nothing has been written. */
  isEmpty(): boolean {
    return this.parts.length === 0;
  }

  toString(): string {
    // Joined once and kept: a file's text is asked for more than once.
    if (this.parts.length > 1) this.parts.splice(0, this.parts.length, this.parts.join(''));
    return this.parts[0] ?? '';
  }
}

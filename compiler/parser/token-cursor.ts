/**
 * A cursor over the lexer's tokens with the exact interface of QEMU's lexer
 * state (`tok`, `val`, `pos`, `info`, `line_pos` and `accept()`), so the
 * expression and doc-comment parsers can follow QEMU's control flow, and so
 * its error positions, step for step.
 */
import { BadString, Comment, type IToken, StringLit, Stray, True, False, LCurly, RCurly, LSquare, RSquare, Colon, Comma } from '../scanner/lexer.js';
import type { SourceText } from '../source/source-file.js';
import type { LineInfos, SourceInfo } from '../source/source-info.js';
import { locationOf } from '../source/source-info.js';
import { compileError, type CompileError } from '../diagnostics/compile-error.js';
import { Messages, type MessageDef } from '../diagnostics/messages.js';

/** QEMU's token kinds: structural characters, `'` string, `t`/`f` booleans, `#` comment, null at EOF. */
export type Tok = '{' | '}' | '[' | ']' | ':' | ',' | "'" | 't' | 'f' | '#' | null;

const STRUCTURAL = new Map<unknown, Tok>([
  [LCurly, '{'], [RCurly, '}'], [LSquare, '['], [RSquare, ']'], [Colon, ':'], [Comma, ','],
]);

export interface CursorMark {
  readonly tok: Tok;
  readonly val: string | boolean | null;
  readonly pos: number;
  readonly linePos: number;
  readonly index: number;
  readonly lineIndex: number;
}

export class TokenCursor {
  tok: Tok = null;
  val: string | boolean | null = null;
  /** Offset of the current token (QEMU's `pos`). */
  pos = 0;
  /** Offset of the current line's start (QEMU's `line_pos`). */
  linePos = 0;
  private index = 0;
  private lineIndex = 0;

  constructor(
    readonly src: SourceText,
    private readonly tokens: readonly IToken[],
    private readonly lines: LineInfos,
  ) {}

  /** The current line's SourceInfo (QEMU's `info`); created only when asked for. */
  get info(): SourceInfo {
    return this.lines.at(this.lineIndex + 1);
  }

  /** The SourceInfo of a 1-based line of this file. */
  infoAt(line: number): SourceInfo {
    return this.lines.at(line);
  }

  /** The current 1-based line number. */
  get line(): number {
    return this.lineIndex + 1;
  }

  /** Tests the current token without narrowing `tok` (it changes under accept()). */
  is(t: Tok): boolean {
    return this.tok === t;
  }

  /** Reads the next token; comments are skipped unless `skipComment` is false or they start a doc block. */
  accept(skipComment = true): void {
    for (;;) {
      const t = this.tokens[this.index++];
      this.val = null;
      if (!t) {
        // EOF is reported at the final newline, on the last line.
        this.moveTo(this.src.text.length - 1);
        this.tok = null;
        return;
      }
      const type = t.tokenType;
      if (type === Comment && skipComment && t.image.charCodeAt(1) !== 0x23) continue;
      this.moveTo(t.startOffset);
      const structural = STRUCTURAL.get(type);
      if (structural) {
        this.tok = structural;
        return;
      }
      if (type === StringLit) {
        this.tok = "'";
        const body = t.image.slice(1, -1);
        this.val = body.includes('\\') ? body.replace(/\\\\/g, '\\') : body;
        return;
      }
      if (type === Comment) {
        this.tok = '#';
        this.val = t.image;
        return;
      }
      if (type === True || type === False) {
        this.tok = type === True ? 't' : 'f';
        this.val = type === True;
        return;
      }
      this.tok = null;
      if (type === BadString) throw this.badStringError(t.image);
      if (type === Stray) throw this.error(Messages.stray, t.image);
      throw new Error(`unexpected token type ${type.name}`);
    }
  }

  /** The cursor's state, for `reset()` (a lenient run re-reads a doc block QEMU 10.2 rejects). */
  mark(): CursorMark {
    return { tok: this.tok, val: this.val, pos: this.pos, linePos: this.linePos, index: this.index, lineIndex: this.lineIndex };
  }

  reset(m: CursorMark): void {
    ({ tok: this.tok, val: this.val, pos: this.pos, linePos: this.linePos, index: this.index, lineIndex: this.lineIndex } = m);
  }

  private moveTo(offset: number): void {
    this.pos = offset;
    const starts = this.src.lineStarts;
    if (offset < starts[this.lineIndex]) this.lineIndex = 0;
    while (this.lineIndex + 1 < starts.length && starts[this.lineIndex + 1] <= offset) this.lineIndex++;
    this.linePos = starts[this.lineIndex];
  }

  /** QEMU's column: 1-based, code points, with its tab arithmetic kept as is. */
  column(pos = this.pos): number {
    let col = 1;
    for (const ch of this.src.text.slice(this.linePos, pos)) {
      col = ch === '\t' ? ((col + 7) % 8) + 1 : col + 1;
    }
    return col;
  }

  /** A QAPIParseError at the current token (or at `pos`). */
  error<A extends unknown[]>(def: MessageDef<A>, ...args: A): CompileError {
    return compileError(def, locationOf(this.info, this.column()), ...args);
  }

  errorAt<A extends unknown[]>(pos: number, def: MessageDef<A>, ...args: A): CompileError {
    return compileError(def, locationOf(this.info, this.column(pos)), ...args);
  }

  private badStringError(image: string): CompileError {
    let esc = false;
    for (const ch of image.slice(1)) {
      if (esc) {
        if (ch !== '\\') return this.error(Messages.unknownEscape, ch);
        esc = false;
      } else if (ch === '\\') {
        esc = true;
        continue;
      } else if (ch === "'") {
        break;
      }
      const cp = ch.codePointAt(0)!;
      if (cp < 32 || cp >= 127) return this.error(Messages.funnyCharacter);
    }
    return this.error(Messages.missingTerminatingQuote);
  }
}

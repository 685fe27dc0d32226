/**
 * QMP framing, input side: splits a byte stream into JSON messages the way
 * QEMU's JSON lexer and streamer do (qobject/json-lexer.c, json-streamer.c).
 *
 * Messages need no separator: a message ends when the brackets and braces
 * opened since its first token are all closed (or a closing one has no
 * opener), or, at the top level, when a scalar token ends. Strings (double-
 * or single-quoted, with escapes) are tracked so brackets inside them do not
 * count. There is no line-length limit; the only limits are QEMU's per
 * message (64 MiB of tokens, 2^21 tokens, 1024 levels), and each can be
 * lifted.
 *
 * Errors are reported as QEMU reports them, once, and the stream
 * resynchronises as QEMU's does: after a lexical error (`stray '...'`) input
 * is skipped up to the next structural character (`[]{}:,`), ASCII control
 * character other than tab, or 0xFE/0xFF byte; after a grammar error the next
 * token starts a new message. The splitter only delimits: each message's
 * bytes go to a JSON reader (see qmp-wire.ts), which reports grammar errors.
 */

/** What the splitter yields: one message's bytes (a complete JSON text, or tokens the reader will reject), or a framing error. */
export type QmpSplitItem =
  /** `colons`: the message's `:` tokens, one per object member (so a reader can spot duplicate keys). */
  | { readonly kind: 'message'; readonly bytes: Uint8Array; readonly colons: number }
  | { readonly kind: 'error'; readonly message: string };

/** Per-message limits; QEMU's by default (json-streamer.c). `Infinity` lifts one. */
export interface QmpSplitLimits {
  /** Sum of the message's token lengths. QEMU: 64 MiB (`JSON token size limit exceeded`). */
  readonly maxMessageBytes?: number;
  /** Tokens in one message. QEMU: 2^21 (`JSON token count limit exceeded`). */
  readonly maxTokens?: number;
  /** Open brackets and braces. QEMU: 1024 (`JSON nesting depth limit exceeded`). */
  readonly maxNesting?: number;
}

export const QEMU_SPLIT_LIMITS: Required<QmpSplitLimits> = {
  maxMessageBytes: 64 * 1024 * 1024,
  maxTokens: 2 * 1024 * 1024,
  maxNesting: 1024,
};

/** No limits but nesting (a client reading a trusted server's replies of any size). */
export const UNLIMITED_SPLIT_LIMITS: Required<QmpSplitLimits> = {
  maxMessageBytes: Infinity,
  maxTokens: Infinity,
  maxNesting: 1024,
};

// Lexer states (json-lexer.c), plus S_START (between tokens) and S_RECOVERY.
const S_START = 0;
const S_RECOVERY = 1;
const S_DQ = 2; // in a "string"
const S_DQ_ESC = 3; // after \ in a "string"
const S_SQ = 4; // in a 'string'
const S_SQ_ESC = 5;
const S_NEG = 6; // after -
const S_ZERO = 7; // 0 or -0
const S_DIGITS = 8; // integer digits
const S_MANTISSA = 9; // after .
const S_MANTISSA_DIGITS = 10;
const S_EXP_E = 11; // after e/E
const S_EXP_SIGN = 12; // after e+/e-
const S_EXP_DIGITS = 13;
const S_KEYWORD = 14; // a-z run

// Token kinds the streamer cares about.
const T_LCURLY = 1;
const T_RCURLY = 2;
const T_LSQUARE = 3;
const T_RSQUARE = 4;
const T_COLON = 5;
const T_OTHER = 6; // , string number keyword

const replacementDecoder = new TextDecoder('utf-8');

/**
 * Incremental splitter. Feed it chunks with `push`; it calls `onItem` for
 * each message or error, in stream order. `end()` flushes at end of input
 * (a top-level scalar without a terminator, or an unfinished message, which
 * becomes a message the reader will reject, as QEMU's `premature EOI`).
 */
export class QmpJsonSplitter {
  private readonly maxBytes: number;
  private readonly maxTokens: number;
  private readonly maxNesting: number;

  private state = S_START;
  private brace = 0;
  private bracket = 0;
  private tokens = 0;
  private tokenBytes = 0;
  private colons = 0;
  /** Absolute offset of the current message's first token, or -1 when none. */
  private msgStart = -1;
  /** Absolute offset of the token being lexed, or -1 when between tokens. */
  private tokenStart = -1;
  /** Absolute offset of the first byte of the current chunk. */
  private base = 0;
  /** Bytes kept from earlier chunks (a message or token spanning chunks), starting at `keptStart`. */
  private kept: Uint8Array[] = [];
  private keptStart = 0;
  private keptLength = 0;

  constructor(
    private readonly onItem: (item: QmpSplitItem) => void,
    limits: QmpSplitLimits = QEMU_SPLIT_LIMITS,
  ) {
    this.maxBytes = limits.maxMessageBytes ?? QEMU_SPLIT_LIMITS.maxMessageBytes;
    this.maxTokens = limits.maxTokens ?? QEMU_SPLIT_LIMITS.maxTokens;
    this.maxNesting = limits.maxNesting ?? QEMU_SPLIT_LIMITS.maxNesting;
  }

  /** Whether a message is partly received (the stream is not between messages). */
  get pending(): boolean {
    return this.msgStart >= 0 || this.tokenStart >= 0;
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    let i = 0;
    let state = this.state;
    while (i < n) {
      const c = chunk[i];
      switch (state) {
        case S_START:
          if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
            i++;
            for (let w = chunk[i]; i < n && (w === 0x20 || w === 0x0a || w === 0x0d || w === 0x09); w = chunk[++i]);
            continue;
          }
          this.tokenStart = this.base + i;
          i++;
          switch (c) {
            case 0x7b: this.token(T_LCURLY, chunk, i); break; // {
            case 0x7d: this.token(T_RCURLY, chunk, i); break; // }
            case 0x5b: this.token(T_LSQUARE, chunk, i); break; // [
            case 0x5d: this.token(T_RSQUARE, chunk, i); break; // ]
            case 0x3a: this.token(T_COLON, chunk, i); break; // :
            case 0x2c: this.token(T_OTHER, chunk, i); break; // ,
            case 0x22: state = S_DQ; break;
            case 0x27: state = S_SQ; break;
            case 0x2d: state = S_NEG; break;
            case 0x30: state = S_ZERO; break;
            default:
              if (c >= 0x31 && c <= 0x39) state = S_DIGITS;
              else if (c >= 0x61 && c <= 0x7a) state = S_KEYWORD;
              else state = this.stray(chunk, i);
          }
          continue;
        case S_RECOVERY:
          // Resume at a structural character, a control character other
          // than tab, or 0xFE/0xFF (reprocessed in S_START).
          while (i < n) {
            const r = chunk[i];
            if ((r < 0x20 && r !== 0x09) || r >= 0xfe || r === 0x5b || r === 0x5d || r === 0x7b || r === 0x7d || r === 0x3a || r === 0x2c) {
              state = S_START;
              break;
            }
            i++;
          }
          continue;
        case S_DQ:
        case S_SQ: {
          const quote = state === S_DQ ? 0x22 : 0x27;
          let d = c;
          while (d !== quote && d !== 0x5c && d >= 0x20 && d <= 0xfd) {
            if (++i === n) break;
            d = chunk[i];
          }
          if (i === n) continue;
          i++;
          if (d === quote) {
            state = S_START;
            this.token(T_OTHER, chunk, i);
          } else if (d === 0x5c) {
            state = state === S_DQ ? S_DQ_ESC : S_SQ_ESC;
          } else {
            state = this.stray(chunk, i);
          }
          continue;
        }
        case S_DQ_ESC:
        case S_SQ_ESC:
          // The lexer takes any printable character; the reader checks escapes.
          i++;
          state = c >= 0x20 && c <= 0xfd ? (state === S_DQ_ESC ? S_DQ : S_SQ) : this.stray(chunk, i);
          continue;
        case S_NEG:
          i++;
          state = c === 0x30 ? S_ZERO : c >= 0x31 && c <= 0x39 ? S_DIGITS : this.stray(chunk, i);
          continue;
        case S_ZERO:
          if (c >= 0x30 && c <= 0x39) {
            i++;
            state = this.stray(chunk, i);
          } else if (c === 0x2e) {
            i++;
            state = S_MANTISSA;
          } else if (c === 0x65 || c === 0x45) {
            i++;
            state = S_EXP_E;
          } else {
            state = S_START;
            this.token(T_OTHER, chunk, i);
          }
          continue;
        case S_DIGITS:
          if (c >= 0x30 && c <= 0x39) i++;
          else if (c === 0x2e) {
            i++;
            state = S_MANTISSA;
          } else if (c === 0x65 || c === 0x45) {
            i++;
            state = S_EXP_E;
          } else {
            state = S_START;
            this.token(T_OTHER, chunk, i);
          }
          continue;
        case S_MANTISSA:
          i++;
          state = c >= 0x30 && c <= 0x39 ? S_MANTISSA_DIGITS : this.stray(chunk, i);
          continue;
        case S_MANTISSA_DIGITS:
          if (c >= 0x30 && c <= 0x39) i++;
          else if (c === 0x65 || c === 0x45) {
            i++;
            state = S_EXP_E;
          } else {
            state = S_START;
            this.token(T_OTHER, chunk, i);
          }
          continue;
        case S_EXP_E:
          i++;
          state = c === 0x2b || c === 0x2d ? S_EXP_SIGN : c >= 0x30 && c <= 0x39 ? S_EXP_DIGITS : this.stray(chunk, i);
          continue;
        case S_EXP_SIGN:
          i++;
          state = c >= 0x30 && c <= 0x39 ? S_EXP_DIGITS : this.stray(chunk, i);
          continue;
        case S_EXP_DIGITS:
        case S_KEYWORD:
          if (state === S_KEYWORD ? c >= 0x61 && c <= 0x7a : c >= 0x30 && c <= 0x39) i++;
          else {
            state = S_START;
            this.token(T_OTHER, chunk, i);
          }
          continue;
      }
    }
    this.state = state;
    // Keep what the current message or token needs from this chunk.
    const anchor = this.msgStart >= 0 ? this.msgStart : this.tokenStart;
    if (anchor < 0) {
      this.kept = [];
      this.keptLength = 0;
    } else if (anchor >= this.base) {
      const part = chunk.subarray(anchor - this.base);
      this.kept = part.length ? [part] : [];
      this.keptStart = anchor;
      this.keptLength = part.length;
    } else {
      this.kept.push(chunk);
      this.keptLength += n;
    }
    this.base += n;
  }

  /** End of input: finishes a trailing scalar token and flushes an unfinished message (QEMU's JSON_END_OF_INPUT). */
  end(): void {
    const empty = new Uint8Array(0);
    switch (this.state) {
      case S_ZERO:
      case S_DIGITS:
      case S_MANTISSA_DIGITS:
      case S_EXP_DIGITS:
      case S_KEYWORD:
        this.token(T_OTHER, empty, 0);
        break;
      case S_START:
      case S_RECOVERY:
        break;
      default:
        this.stray(empty, 0);
    }
    this.state = S_START;
    if (this.msgStart >= 0) this.emitMessage(empty, 0);
    this.kept = [];
    this.keptLength = 0;
  }

  /** A token ends just before `end` (an index into `chunk`). QEMU's json_message_process_token. */
  private token(kind: number, chunk: Uint8Array, end: number): void {
    const tokenEnd = this.base + end;
    const length = tokenEnd - this.tokenStart;
    if (this.msgStart < 0) this.msgStart = this.tokenStart;
    this.tokenStart = -1;
    switch (kind) {
      case T_LCURLY: this.brace++; break;
      case T_RCURLY: this.brace--; break;
      case T_LSQUARE: this.bracket++; break;
      case T_RSQUARE: this.bracket--; break;
      case T_COLON: this.colons++; break;
    }
    let error: string | undefined;
    if (this.tokenBytes + length + 1 > this.maxBytes) error = 'JSON token size limit exceeded';
    else if (this.tokens + 1 > this.maxTokens) error = 'JSON token count limit exceeded';
    else if (this.brace + this.bracket > this.maxNesting) error = 'JSON nesting depth limit exceeded';
    if (error !== undefined) {
      this.reset();
      this.onItem({ kind: 'error', message: error });
      return;
    }
    this.tokens++;
    this.tokenBytes += length;
    if ((this.brace > 0 || this.bracket > 0) && this.brace >= 0 && this.bracket >= 0) return;
    this.emitMessage(chunk, end);
  }

  /** A lexical error: the token so far, up to and including the offending byte before `end`, is stray. */
  private stray(chunk: Uint8Array, end: number): number {
    const text = replacementDecoder.decode(this.slice(this.tokenStart, chunk, end));
    this.tokenStart = -1;
    this.reset();
    this.onItem({ kind: 'error', message: `JSON parse error, stray '${text}'` });
    return S_RECOVERY;
  }

  private emitMessage(chunk: Uint8Array, end: number): void {
    const bytes = this.slice(this.msgStart, chunk, end);
    const colons = this.colons;
    this.reset();
    this.onItem({ kind: 'message', bytes, colons });
  }

  private reset(): void {
    this.brace = 0;
    this.bracket = 0;
    this.tokens = 0;
    this.tokenBytes = 0;
    this.colons = 0;
    this.msgStart = -1;
  }

  /** The bytes from absolute offset `from` to index `end` of the current chunk. */
  private slice(from: number, chunk: Uint8Array, end: number): Uint8Array {
    if (from >= this.base) return chunk.subarray(from - this.base, end);
    const total = this.base - from + end;
    const out = new Uint8Array(total);
    let at = 0;
    let skip = from - this.keptStart;
    for (const part of this.kept) {
      if (skip >= part.length) {
        skip -= part.length;
        continue;
      }
      const piece = skip > 0 ? part.subarray(skip) : part;
      skip = 0;
      out.set(piece, at);
      at += piece.length;
    }
    out.set(chunk.subarray(0, end), at);
    return out;
  }
}

/**
 * A lossless JSON reader (RFC 8259), our own so QMP's 64-bit integers
 * survive: integer literals within ±(2^53-1) become numbers, larger ones
 * bigints; float literals become numbers, or `JsonDouble` for integral ones
 * when `doubles` is set (strict servers need `1.0` ≠ `1`). QEMU's extensions
 * (single-quoted strings, the `\'` escape) are opt-in. Nesting is limited
 * (1024 levels, as QEMU) and parsing is iterative, so deep input gives an
 * error, never a stack overflow. Hot paths are hand-inlined for speed.
 */
import { JsonDouble, type JsonObject, type JsonValue, type StrictJsonValue } from './json-value.js';
import { syntaxErrorAt } from './json-syntax-error.js';

export interface ReadJsonOptions {
  /** Accept QEMU's extensions: 'single-quoted' strings and the `\'` escape. Default false. */
  qemuSyntax?: boolean;
  /**
   * Return integral float literals (`1.0`, `1e3`, `-0.0`) as `JsonDouble`
   * instead of numbers, keeping the integer-vs-float distinction QEMU makes.
   * Default false: values are natural JS data.
   */
  doubles?: boolean;
  /** Deepest nesting of arrays and objects allowed. Default 1024 (QEMU's limit). */
  maxDepth?: number;
}

/** QEMU's nesting limit (json-streamer.c MAX_NESTING). */
export const DEFAULT_MAX_DEPTH = 1024;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;
/** Members beyond which an object is copied when it closes (see the parse loop). */
const LARGE_OBJECT = 16;

/**
 * Parses one JSON text. Throws `JsonSyntaxError` on malformed input.
 * Object keys keep their order; a `__proto__` key is an own property.
 */
export function readJson(text: string, options?: ReadJsonOptions & { doubles?: false }): JsonValue;
export function readJson(text: string, options?: ReadJsonOptions): StrictJsonValue;
export function readJson(text: string, options?: ReadJsonOptions): StrictJsonValue {
  return new Reader(text, options).parse();
}

type Container = JsonObject | JsonValue[];

/** Characters that may start a non-string JSON value (for choosing the error message). */
function startsValue(c: number): boolean {
  return c === 123 || c === 91 || c === 45 || (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

class Reader {
  private pos = 0;
  private readonly singleQuotes: boolean;
  private readonly doubles: boolean;
  private readonly maxDepth: number;

  constructor(
    private readonly text: string,
    options: ReadJsonOptions | undefined,
  ) {
    this.singleQuotes = options?.qemuSyntax === true;
    this.doubles = options?.doubles === true;
    this.maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  parse(): StrictJsonValue {
    const text = this.text;
    // Enclosing containers (undefined for the top level), each above its
    // member count so far (stack = [count0, container0, count1, ...]), and
    // their pending keys.
    const stack: (Container | number | undefined)[] = [];
    const keys: string[] = [];
    // Members stored so far in the current object.
    let count = 0;
    let container: Container | undefined;
    let isArray = false;
    let key = '';
    let value: unknown;
    let pos: number;
    let c: number;

    for (;;) {
      // ---- a value is expected at this.pos, after whitespace ----
      pos = this.pos;
      while ((c = text.charCodeAt(pos)) <= 32 && (c === 32 || c === 10 || c === 13 || c === 9)) pos++;
      this.pos = pos;

      if (c === 34 /* " */) {
        value = this.readString(34);
      } else if ((c >= 48 && c <= 57) || c === 45 /* - */) {
        value = this.readNumber(c);
      } else if (c === 123 /* { */ || c === 91 /* [ */) {
        if (stack.length >= 2 * this.maxDepth) {
          throw syntaxErrorAt(text, pos, 'nesting depth limit exceeded', 'JSON nesting depth limit exceeded');
        }
        stack.push(count, container);
        keys.push(key);
        count = 0;
        const open = c;
        pos++;
        while ((c = text.charCodeAt(pos)) <= 32 && (c === 32 || c === 10 || c === 13 || c === 9)) pos++;
        this.pos = pos;
        if (open === 91) {
          container = [];
          isArray = true;
          if (c !== 93 /* ] */) continue;
        } else {
          container = {};
          isArray = false;
          if (c !== 125 /* } */) {
            key = this.readKey(c);
            continue;
          }
        }
        // an empty container closes at once
        this.pos = pos + 1;
        value = container;
        container = stack.pop() as Container | undefined;
        count = stack.pop() as number;
        key = keys.pop() as string;
        isArray = Array.isArray(container);
      } else if (c === 116 /* t */ && text.startsWith('true', pos) && !isIdentChar(text.charCodeAt(pos + 4))) {
        this.pos = pos + 4;
        value = true;
      } else if (c === 102 /* f */ && text.startsWith('false', pos) && !isIdentChar(text.charCodeAt(pos + 5))) {
        this.pos = pos + 5;
        value = false;
      } else if (c === 110 /* n */ && text.startsWith('null', pos) && !isIdentChar(text.charCodeAt(pos + 4))) {
        this.pos = pos + 4;
        value = null;
      } else if (c === 39 /* ' */ && this.singleQuotes) {
        value = this.readString(39);
      } else {
        throw this.valueError(pos);
      }

      // ---- a value is complete: store it, then find what follows ----
      for (;;) {
        if (container === undefined) return this.finish(value as StrictJsonValue);
        pos = this.pos;
        while ((c = text.charCodeAt(pos)) <= 32 && (c === 32 || c === 10 || c === 13 || c === 9)) pos++;
        if (isArray) {
          (container as unknown[]).push(value);
          if (c === 44 /* , */) {
            this.pos = pos + 1;
            break;
          }
          if (c !== 93 /* ] */) throw this.separatorError(pos, 'expected separator in list');
        } else {
          if (key === '__proto__') {
            Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
          } else {
            (container as Record<string, unknown>)[key] = value;
          }
          count++;
          if (c === 44 /* , */) {
            pos++;
            while ((c = text.charCodeAt(pos)) <= 32 && (c === 32 || c === 10 || c === 13 || c === 9)) pos++;
            this.pos = pos;
            key = this.readKey(c);
            break;
          }
          if (c !== 125 /* } */) throw this.separatorError(pos, 'expected separator in dict');
        }
        // the container closes
        this.pos = pos + 1;
        // V8 keeps an object built by stores of computed keys in fast mode
        // (shared shapes, inline caches work) only up to ~19 members, then
        // switches it to a hash table, which every reader of the value then
        // pays for. A copy of a large object is in fast mode.
        value = !isArray && count > LARGE_OBJECT ? { ...(container as JsonObject) } : container;
        container = stack.pop() as Container | undefined;
        count = stack.pop() as number;
        key = keys.pop() as string;
        isArray = Array.isArray(container);
      }
    }
  }

  /** After the top-level value: only whitespace may follow. */
  private finish(value: StrictJsonValue): StrictJsonValue {
    const text = this.text;
    let pos = this.pos;
    let c: number;
    while ((c = text.charCodeAt(pos)) <= 32 && (c === 32 || c === 10 || c === 13 || c === 9)) pos++;
    if (pos < text.length) throw syntaxErrorAt(text, pos, 'unexpected data after the JSON value');
    return value;
  }

  /** Reads `"key" :` at this.pos (c is its first character); leaves this.pos after the colon. */
  private readKey(c: number): string {
    const text = this.text;
    let key: string;
    if (c === 34 || (c === 39 && this.singleQuotes)) {
      key = this.readString(c);
    } else if (this.pos >= text.length) {
      throw this.eoiError();
    } else if (startsValue(c) || c === 93) {
      throw syntaxErrorAt(text, this.pos, c === 93 ? 'expecting value' : 'key is not a string in object');
    } else {
      throw this.valueError(this.pos);
    }
    let pos = this.pos;
    while ((c = text.charCodeAt(pos)) <= 32 && (c === 32 || c === 10 || c === 13 || c === 9)) pos++;
    if (c !== 58 /* : */) {
      throw pos >= text.length ? this.eoiError(pos) : syntaxErrorAt(text, pos, 'missing : in object pair');
    }
    this.pos = pos + 1;
    return key;
  }

  /** Reads a string whose opening quote is at this.pos. */
  private readString(quote: number): string {
    const text = this.text;
    const start = this.pos + 1;
    let i = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === quote) {
        this.pos = i + 1;
        return text.slice(start, i);
      }
      if (c === 92 /* \ */ || c < 32 || c !== c /* NaN: end of text */) break;
      i++;
    }
    return this.readEscapedString(quote, start, i);
  }

  /** The slow path of readString: escapes, and the errors. */
  private readEscapedString(quote: number, start: number, i: number): string {
    const text = this.text;
    const len = text.length;
    let out = '';
    let segment = start;
    for (;;) {
      if (i >= len) throw syntaxErrorAt(text, start - 1, 'unterminated string');
      const c = text.charCodeAt(i);
      if (c === quote) {
        this.pos = i + 1;
        return out + text.slice(segment, i);
      }
      if (c < 32) throw syntaxErrorAt(text, i, 'control character in string');
      if (c !== 92) {
        i++;
        continue;
      }
      out += text.slice(segment, i);
      const e = text.charCodeAt(i + 1);
      switch (e) {
        case 34: out += '"'; break;
        case 92: out += '\\'; break;
        case 47: out += '/'; break;
        case 98: out += '\b'; break;
        case 102: out += '\f'; break;
        case 110: out += '\n'; break;
        case 114: out += '\r'; break;
        case 116: out += '\t'; break;
        case 39:
          if (!this.singleQuotes) throw syntaxErrorAt(text, i, 'invalid escape sequence in string');
          out += "'";
          break;
        case 117: {
          let code = 0;
          for (let k = i + 2; k < i + 6; k++) {
            const h = text.charCodeAt(k);
            let d: number;
            if (h >= 48 && h <= 57) d = h - 48;
            else if (h >= 97 && h <= 102) d = h - 87;
            else if (h >= 65 && h <= 70) d = h - 55;
            else throw syntaxErrorAt(text, i, 'invalid hex escape sequence in string');
            code = code * 16 + d;
          }
          out += String.fromCharCode(code);
          i += 4;
          break;
        }
        default:
          if (i + 1 >= len) throw syntaxErrorAt(text, start - 1, 'unterminated string');
          throw syntaxErrorAt(text, i, 'invalid escape sequence in string');
      }
      i += 2;
      segment = i;
    }
  }

  /** Reads a number at this.pos whose first character is c. */
  private readNumber(c: number): number | bigint | JsonDouble {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (c === 45) c = text.charCodeAt(++pos);
    const digitsStart = pos;
    let n = 0;
    if (c === 48 /* 0 */) {
      c = text.charCodeAt(++pos);
      if (c >= 48 && c <= 57) throw syntaxErrorAt(text, digitsStart, 'invalid number: leading zero');
    } else if (c >= 49 && c <= 57) {
      do {
        n = n * 10 + (c - 48);
        c = text.charCodeAt(++pos);
      } while (c >= 48 && c <= 57);
    } else {
      throw syntaxErrorAt(text, pos, pos >= text.length ? 'premature end of input' : 'invalid number: digit expected');
    }
    let isFloat = false;
    if (c === 46 /* . */) {
      isFloat = true;
      c = text.charCodeAt(++pos);
      if (!(c >= 48 && c <= 57)) throw syntaxErrorAt(text, pos, 'invalid number: digit expected');
      do c = text.charCodeAt(++pos);
      while (c >= 48 && c <= 57);
    }
    if (c === 101 /* e */ || c === 69 /* E */) {
      isFloat = true;
      c = text.charCodeAt(++pos);
      if (c === 43 /* + */ || c === 45 /* - */) c = text.charCodeAt(++pos);
      if (!(c >= 48 && c <= 57)) throw syntaxErrorAt(text, pos, 'invalid number: digit expected');
      do c = text.charCodeAt(++pos);
      while (c >= 48 && c <= 57);
    }
    this.pos = pos;
    if (!isFloat) {
      // up to 15 digits the running value is exact
      if (pos - digitsStart <= 15) return start === digitsStart ? n : -n;
      const big = BigInt(text.slice(start, pos));
      return big >= MIN_SAFE && big <= MAX_SAFE ? Number(big) : big;
    }
    const v = +text.slice(start, pos);
    return this.doubles && Number.isInteger(v) ? new JsonDouble(v) : v;
  }

  /** The error for a position where a value should start but does not. */
  private valueError(pos: number): Error {
    const text = this.text;
    if (pos >= text.length) return this.eoiError(pos);
    const c = text.charCodeAt(pos);
    if (isIdentChar(c)) {
      let end = pos;
      while (end < text.length && isIdentChar(text.charCodeAt(end))) end++;
      return syntaxErrorAt(text, pos, `invalid keyword '${text.slice(pos, end)}'`);
    }
    if (c === 39) return syntaxErrorAt(text, pos, 'single-quoted strings are a QEMU extension (not enabled)');
    if (c === 44 || c === 58 || c === 93 || c === 125) return syntaxErrorAt(text, pos, 'expecting value');
    return syntaxErrorAt(text, pos, `stray '${String.fromCodePoint(text.codePointAt(pos) as number)}'`);
  }

  private separatorError(pos: number, reason: string): Error {
    return pos >= this.text.length ? this.eoiError(pos) : syntaxErrorAt(this.text, pos, reason);
  }

  private eoiError(pos = this.text.length): Error {
    return syntaxErrorAt(this.text, pos, 'premature end of input');
  }
}

/**
 * The QAPI lexer, built with chevrotain. It is total: every character of the
 * input becomes part of some token, and input that QEMU's lexer rejects
 * becomes an error token (`BadString`, `Stray`). The parser raises the error
 * when it reaches such a token, which reproduces QEMU's order exactly: QEMU
 * lexes one token ahead of its parser, so a lexical error wins only if no
 * syntax error came before it.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import { isPySpace, PY_SPACE_CLASS } from '../source/python-text.js';

export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, start_chars_hint: ['#'] });
/** A string of printable ASCII with `\\` as the only escape. */
export const StringLit = createToken({
  name: 'String',
  pattern: /'(?:[\x20-\x26\x28-\x5b\x5d-\x7e]|\\\\)*'/,
  start_chars_hint: ["'"],
});
/** A string QEMU rejects; the parser rescans it for the exact message. */
export const BadString = createToken({ name: 'BadString', pattern: /'[^\n]*/, start_chars_hint: ["'"] });
export const LCurly = createToken({ name: 'LCurly', pattern: '{' });
export const RCurly = createToken({ name: 'RCurly', pattern: '}' });
export const LSquare = createToken({ name: 'LSquare', pattern: '[' });
export const RSquare = createToken({ name: 'RSquare', pattern: ']' });
export const Colon = createToken({ name: 'Colon', pattern: ':' });
export const Comma = createToken({ name: 'Comma', pattern: ',' });
/** QEMU matches `true`/`false` by prefix, with no word boundary. */
export const True = createToken({ name: 'True', pattern: 'true' });
export const False = createToken({ name: 'False', pattern: 'false' });
export const Whitespace = createToken({
  name: 'Whitespace',
  pattern: new RegExp(`[${PY_SPACE_CLASS}]+`),
  group: Lexer.SKIPPED,
  line_breaks: true,
});
const STRAY_RE = new RegExp(`[^\\[\\]{}:,'${PY_SPACE_CLASS}]+`);

/**
 * Chevrotain cannot analyse a complemented character class, and without the
 * hint it would give up its first-character dispatch for every token. The
 * hint lists every Latin-1 character that may start a stray run plus one
 * character per 256-code block above it (chevrotain buckets those by block);
 * order of definition keeps whitespace ahead of strays within a bucket.
 */
function strayStartChars(): number[] {
  const codes: number[] = [];
  for (let c = 0; c < 256; c++) {
    const ch = String.fromCharCode(c);
    if (!'[]{}:,\''.includes(ch) && !isPySpace(ch)) codes.push(c);
  }
  for (let block = 1; block < 256; block++) codes.push(block * 256 + 0x41);
  return codes;
}

/** Any other run of characters, as QEMU's `stray '...'` shows it. */
export const Stray = createToken({
  name: 'Stray',
  pattern: STRAY_RE,
  start_chars_hint: strayStartChars(),
});

const allTokens: TokenType[] = [
  Comment, StringLit, BadString, LCurly, RCurly, LSquare, RSquare, Colon, Comma, True, False, Whitespace, Stray,
];

let lexer: Lexer | undefined;

function getLexer(): Lexer {
  lexer ??= new Lexer(allTokens, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
    skipValidations: true,
  });
  return lexer;
}

export type { IToken };

export function tokenize(text: string): IToken[] {
  const result = getLexer().tokenize(text);
  // The token set covers every character, so chevrotain never reports errors.
  return result.tokens;
}

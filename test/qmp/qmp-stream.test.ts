/**
 * QMP framing: the splitter finds message boundaries like QEMU's JSON
 * streamer (no separators needed, strings and nesting tracked, any chunking,
 * no line-length limit), reports errors once and resynchronises; the wire
 * reader and writer around it.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  formatQmpMessage,
  parseQmpMessage,
  QmpJsonSplitter,
  QmpMessageReader,
  UNLIMITED_SPLIT_LIMITS,
  type QmpInput,
  type QmpSplitLimits,
} from '../../runtime/index.js';

const enc = new TextEncoder();

/**
 * What the lossless reader makes of `v` written by JSON.stringify (integers
 * beyond 2^53 in their shortest digits, from 1e21 with an exponent) or, with
 * `exact`, by our writer (integers always in their exact digits): bigints
 * for the integers beyond 2^53 written in digits.
 */
function lossless(v: unknown, exact = false): unknown {
  if (exact) return exactly(v);
  return JSON.parse(JSON.stringify(v), (_k, x: unknown) => {
    if (typeof x !== 'number' || !Number.isInteger(x) || Number.isSafeInteger(x)) return x;
    if (exact) return BigInt(x);
    return Math.abs(x) < 1e21 ? BigInt(String(x)) : x;
  }) as unknown;
}

/** `v` with its integers beyond 2^53 as bigints (-0 stays -0: our writer keeps it). */
function exactly(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(exactly);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, exactly(x)]));
  return v;
}

/** Splitter output as strings: message texts, or `!error`. */
function split(chunks: (string | Uint8Array)[], limits?: QmpSplitLimits, end = false): string[] {
  const out: string[] = [];
  const s = new QmpJsonSplitter((item) => out.push(item.kind === 'message' ? Buffer.from(item.bytes).toString('latin1') : `!${item.message}`), limits);
  for (const c of chunks) s.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c);
  if (end) s.end();
  return out;
}

/** Reader output: values, or `!error`. */
function read(chunks: (string | Uint8Array)[], options: { qemuChecks?: boolean } = {}): unknown[] {
  const out: unknown[] = [];
  const r = new QmpMessageReader((i: QmpInput) => out.push(i.ok ? i.value : `!${i.error}`), { limits: UNLIMITED_SPLIT_LIMITS, ...options });
  for (const c of chunks) r.push(c);
  return out;
}

describe('message boundaries', () => {
  test('values need no separator; top-level scalars end with the next character', () => {
    expect(split(['{"a":1}[2,{"b":[]}]"s"3 true null{}'])).toEqual(['{"a":1}', '[2,{"b":[]}]', '"s"', '3', 'true', 'null', '{}']);
  });

  test('brackets and quotes inside strings do not count', () => {
    expect(split(['{"a":"}]\\"[{","b":\'"}\\\'\'}{"c":1}'])).toEqual(['{"a":"}]\\"[{","b":\'"}\\\'\'}', '{"c":1}']);
  });

  test('whitespace between and inside messages', () => {
    expect(split([' \r\n\t{ "a" :\n [ 1 ,2 ] }\n\n{}'])).toEqual(['{ "a" :\n [ 1 ,2 ] }', '{}']);
  });

  test('any chunking gives the same messages, down to single bytes (UTF-8 split mid-character)', () => {
    const text = Buffer.from('{"é😀":"ü}"}[1,"\\"]"] 12 {"x":{"y":[true,false,null,-1.5e+3]}}', 'utf8');
    const whole = split([text]);
    expect(whole).toHaveLength(4);
    for (let i = 0; i <= text.length; i++) expect(split([text.subarray(0, i), text.subarray(i)])).toEqual(whole);
    expect(split([...text].map((b) => Uint8Array.of(b)))).toEqual(whole);
  });

  test('property: concatenated JSON texts, chunked at random, read back as the values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('', ' ', '\n', '\r\n'),
        (values, cuts, sep) => {
          // scalars need a separator after them; containers and strings do not
          const text = values.map((v) => JSON.stringify(v) + (typeof v === 'object' && v !== null ? sep : ' ')).join('');
          const bytes = enc.encode(text);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let at = 0;
          for (const p of points) {
            chunks.push(bytes.subarray(at, p));
            at = p;
          }
          chunks.push(bytes.subarray(at));
          expect(read(chunks)).toEqual(values.map((v) => lossless(v)));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a 10 MB message in 64 KiB chunks, then a small one', () => {
    const big = `{"execute":"x","arguments":{"data":"${'a'.repeat(10 * 1024 * 1024)}","list":[${'1,'.repeat(100000)}2]}}`;
    const bytes = enc.encode(big + '{"execute":"y"}');
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 65536) chunks.push(bytes.subarray(i, i + 65536));
    const out = read(chunks);
    expect(out).toHaveLength(2);
    expect(((out[0] as { arguments: { data: string } }).arguments.data).length).toBe(10 * 1024 * 1024);
    expect(out[1]).toEqual({ execute: 'y' });
  });
});

describe('errors and resynchronisation (QEMU json-lexer.c / json-streamer.c)', () => {
  test('a lexical error is reported once; input is skipped to a structural character', () => {
    expect(split(['@@@ x {"a":1}'])).toEqual(["!JSON parse error, stray '@'", '{"a":1}']);
  });

  test('inside a message: the error, then what follows is a fresh start', () => {
    expect(split(['{"a": @ }{"b":2}'])).toEqual(["!JSON parse error, stray '@'", '}', '{"b":2}']);
  });

  test('a control character or 0xFF resets a half-read message', () => {
    expect(split(['{"a": [1, 2', '\x1b', '{"b":2}'])).toEqual(["!JSON parse error, stray '\x1b'", '{"b":2}']);
    expect(split(['{"a": "unterminated\xff{"b":2}'])).toEqual(['!JSON parse error, stray \'"unterminated\ufffd\'', '{"b":2}']);
  });

  test('tab does not end recovery; newline does', () => {
    expect(split(['# comment\t{"a":1}\n{"b":2}'])).toEqual(["!JSON parse error, stray '#'", '{"a":1}', '{"b":2}']);
    expect(split(['#x\ttrue\n3 '])).toEqual(["!JSON parse error, stray '#'", '3']);
  });

  test('number and keyword lexing', () => {
    expect(split(['[01]'])).toEqual(["!JSON parse error, stray '01'", ']']);
    expect(split(['[-]'])).toEqual(["!JSON parse error, stray '-]'"]);
    expect(split(['[1.]'])).toEqual(["!JSON parse error, stray '1.]'"]);
    expect(split(['[1e+]'])).toEqual(["!JSON parse error, stray '1e+]'"]);
    expect(split(['[-0.5E-7,True]'])).toEqual(["!JSON parse error, stray 'T'", ']']);
  });

  test('a closing bracket without an opener ends the message at once', () => {
    expect(split(['}'])).toEqual(['}']);
    expect(split(['{"a":1]'])).toEqual(['{"a":1]']);
    expect(read(['{"a":1]'])).toEqual(['!JSON parse error, expected separator in dict']);
  });

  test('limits: token size, token count, nesting; the stream goes on', () => {
    expect(split(['{"a":"xxxxxxxxxx"}{"b":1}'], { maxMessageBytes: 10 })).toEqual(['!JSON token size limit exceeded', '}', '{"b":1}']);
    // the tokens after the failing one start afresh: at the top level each scalar is a message (as in QEMU)
    expect(split(['[1,2,3,4,5][1]'], { maxTokens: 6 })).toEqual(['!JSON token count limit exceeded', '4', ',', '5', ']', '[1]']);
    expect(split(['[[[[]]]]'], { maxNesting: 3 })).toEqual(['!JSON nesting depth limit exceeded', ']', ']', ']', ']']);
  });

  test('end of input flushes a trailing scalar and an unfinished message', () => {
    expect(split(['42'], undefined, true)).toEqual(['42']);
    expect(split(['{"a":'], undefined, true)).toEqual(['{"a":']);
    expect(read(['{"a":']).length).toBe(0);
    expect(split(['"abc'], undefined, true)).toEqual(['!JSON parse error, stray \'"abc\'']);
  });
});

describe('the reader', () => {
  test('grammar errors with QEMU\'s words', () => {
    expect(read(['{"a" 1}', '{"a":1 "b":2}', '[1 2]', '{1:2}', '{"a":}', 'tru '])).toEqual([
      '!JSON parse error, missing : in object pair',
      '!JSON parse error, expected separator in dict',
      '!JSON parse error, expected separator in list',
      '!JSON parse error, key is not a string in object',
      '!JSON parse error, expecting value',
      "!JSON parse error, invalid keyword 'tru'",
    ]);
  });

  test('64-bit integers are exact; single quotes accepted', () => {
    expect(read(["{'a':18446744073709551615,'b':-9223372036854775808,'c':1.5}"])).toEqual([
      { a: 18446744073709551615n, b: -9223372036854775808n, c: 1.5 },
    ]);
  });

  test('server checks: duplicate keys, lone surrogate escapes, invalid UTF-8', () => {
    const opts = { qemuChecks: true };
    expect(read(['{"a":1,"a":2}'], opts)).toEqual(['!JSON parse error, duplicate key']);
    expect(read(['{"a":[{"b":1},{"b":1}],"c":{"d":1,"e":{"d":1}}}'], opts)).toEqual([{ a: [{ b: 1 }, { b: 1 }], c: { d: 1, e: { d: 1 } } }]);
    expect(read(['["\\ud800"]', '["\\uDC00x"]', '["\\ud83d\\ude00"]', '["\\\\ud800"]'], opts)).toEqual([
      '!JSON parse error, \\ud800 is not a valid Unicode character',
      '!JSON parse error, \\uDC00 is not a valid Unicode character',
      ['😀'],
      ['\\ud800'],
    ]);
    expect(read(['["\\u12x4"]'], opts)).toEqual(['!JSON parse error, \\u12x4 is not a valid Unicode character']);
    expect(read([Uint8Array.of(0x5b, 0x22, 0xc3, 0x28, 0x22, 0x5d)], opts)).toEqual(['!JSON parse error, invalid UTF-8 sequence in string']);
    // the client does not bother: last key wins
    expect(read(['{"a":1,"a":2}'])).toEqual([{ a: 2 }]);
  });

  test('parseQmpMessage keeps integral float literals apart for servers', () => {
    const r = parseQmpMessage(enc.encode('{"a":1.0,"b":1}'), { doubles: true });
    expect(r.ok && (r.value as { a: unknown }).a).toEqual(expect.objectContaining({ value: 1 }));
    expect(r.ok && (r.value as { b: unknown }).b).toBe(1);
  });
});

describe('the writer', () => {
  test('server: ASCII JSON and CRLF; client: UTF-8 and LF', () => {
    const msg = { return: { s: 'é\u2028😀', n: 2n ** 64n - 1n }, id: 'x' };
    expect(formatQmpMessage(msg, 'server')).toBe('{"return":{"s":"\\u00e9\\u2028\\ud83d\\ude00","n":18446744073709551615},"id":"x"}\r\n');
    expect(formatQmpMessage(msg, 'client')).toBe('{"return":{"s":"é\u2028😀","n":18446744073709551615},"id":"x"}\n');
  });

  test('what the writer writes, the reader reads', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<'server' | 'client'>('server', 'client'), (v, role) => {
        expect(read([formatQmpMessage([v], role)])).toEqual([lossless([v], true)]);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Lexer and JSON-ish syntax (reference §1.1, catalogue tables A and B, the
 * column rules and the top-level-object rule from table C).
 */
import { describe, test } from '@jest/globals';
import { assertUniqueNames, checkCase, lines, type RuleCase } from './harness.js';

export const CASES: RuleCase[] = [
  // ---- Table A: lexer ----------------------------------------------------
  {
    name: 'unterminated string is reported at its opening quote',
    files: { 'x.json': lines("{ 'enum': 'Color',", "  'data': [ 'red ] }") },
    error: `x.json:2:13: missing terminating "'"`,
  },
  {
    name: 'backslash before the newline still leaves the string unterminated',
    files: { 'x.json': lines("{ 'struct': 'Foo\\") },
    error: `x.json:1:13: missing terminating "'"`,
  },
  {
    name: 'unknown escape \\n, at the opening quote',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [ 'a\\nb' ] }") },
    error: 'x.json:1:30: unknown escape \\n',
  },
  {
    name: "unknown escape \\' (there is no quote escape)",
    files: { 'x.json': lines("{ 'struct': 'It\\'s' }") },
    error: "x.json:1:13: unknown escape \\'",
  },
  {
    name: 'the only escape \\\\ yields one backslash (then the name is invalid)',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [ 'back\\\\slash' ] }") },
    error: "x.json: In enum 'Color':\nx.json:1: 'data' member 'back\\slash' has an invalid name",
  },
  {
    name: 'funny character: a tab inside a string',
    files: { 'x.json': lines("{ 'struct': 'Foo\tBar', 'data': {} }") },
    error: 'x.json:1:13: funny character in string',
  },
  {
    name: 'funny character: code point 127',
    files: { 'x.json': lines("{ 'enum': 'Color',", "  'data': [ 'del\u007f' ] }") },
    error: 'x.json:2:13: funny character in string',
  },
  {
    name: 'funny character: non-ASCII letter',
    files: { 'x.json': lines("{ 'struct': 'Caf\u00e9', 'data': {} }") },
    error: 'x.json:1:13: funny character in string',
  },
  {
    name: 'funny character: code point 31',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'a\u001fb': 'int' } }") },
    error: 'x.json:1:30: funny character in string',
  },
  {
    name: 'stray number',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'a': 42 } }") },
    error: "x.json:1:35: stray '42'",
  },
  {
    name: 'stray negative number runs to the next structural character',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [ -1, 2 ] }") },
    error: "x.json:1:30: stray '-1'",
  },
  {
    name: 'stray null',
    files: { 'x.json': lines("{ 'command': 'foo', 'data': null }") },
    error: "x.json:1:29: stray 'null'",
  },
  {
    name: 'double quotes are not string delimiters',
    files: { 'x.json': lines('{ "struct": \'Foo\', \'data\': {} }') },
    error: `x.json:1:3: stray '"struct"'`,
  },
  {
    name: 'stray run stops at a single quote',
    files: { 'x.json': lines("{ 'struct': abc'def' }") },
    error: "x.json:1:13: stray 'abc'",
  },
  {
    name: 'stray run stops at whitespace',
    files: { 'x.json': lines("{ 'struct': 'Foo',", "  'data': { 'a': in t } }") },
    error: "x.json:2:18: stray 'in'",
  },
  {
    name: 'booleans match by prefix: falsey lexes as false then stray y',
    files: { 'x.json': lines("{ 'command': 'foo', 'gen': falsey }") },
    error: "x.json:1:33: stray 'y'",
  },
  {
    name: 'a boolean key is a syntax error, reported before lexing further',
    files: { 'x.json': lines("{ falsehood: 'x' }") },
    error: "x.json:1:3: expected string or '}'",
  },
  {
    name: 'an incomplete boolean is stray',
    files: { 'x.json': lines("{ 'command': 'foo', 'gen': fals }") },
    error: "x.json:1:28: stray 'fals'",
  },
  {
    name: 'a byte-order mark is not whitespace',
    files: { 'x.json': lines("\ufeff{ 'struct': 'Foo', 'data': {} }") },
    error: "x.json:1:1: stray '\ufeff'",
  },
  {
    name: 'a NUL byte is stray',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': {} }\u0000") },
    error: "x.json:1:32: stray '\u0000'",
  },
  {
    name: 'U+2028 is whitespace, not a line break',
    files: { 'x.json': lines("{ 'enum': 'Color',\u2028'data': [ 1 ] }") },
    error: "x.json:1:30: stray '1'",
  },
  {
    name: 'U+0085 is whitespace, not a line break',
    files: { 'x.json': lines("{ 'enum': 'Color',\u0085'data': [ 'a' ] }", "{ 'struct': 'Foo', 'data': 7 }") },
    error: "x.json:2:28: stray '7'",
  },
  {
    name: 'Python whitespace \\x1c-\\x1f separates tokens',
    files: { 'x.json': lines("{ 'enum':\u001c'Color',\u001d'data':\u001e[ 'red' ] }\u001f") },
    out: lines('module x.json', 'enum Color', '    member red'),
  },
  {
    name: 'form feed and vertical tab are whitespace',
    files: { 'x.json': lines("\f{ 'enum': 'Color',\u000b'data': [] }") },
    out: lines('module x.json', 'enum Color'),
  },
  {
    name: 'non-ASCII is fine inside comments',
    files: { 'x.json': lines("# caf\u00e9 \u2603 \ud83d\ude00", "{ 'enum': 'Color', 'data': [] } # na\u00efve") },
    out: lines('module x.json', 'enum Color'),
  },

  // ---- Columns -------------------------------------------------------------
  {
    name: 'tab column bug: a tab in columns 1-8 adds nothing',
    files: { 'x.json': lines('# first line', "  \t{ 'struct' 'Foo' }") },
    error: "x.json:2:14: expected ':'",
  },
  {
    name: 'tab column bug: two leading tabs',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", "\t\t{ 'a' 'b' }") },
    error: "x.json:2:7: expected ':'",
  },
  {
    name: 'tab column bug: a tab after column 8 wraps the column',
    files: { 'x.json': lines("{ 'enum': 'Color',", '          \t@') },
    error: "x.json:2:3: stray '@'",
  },
  {
    name: 'EOF without final newline: column just past the last character',
    files: { 'x.json': "{ 'struct': 'Foo'" },
    error: "x.json:1:18: expected ',' or '}'",
  },
  {
    name: 'EOF after blank lines: position of the final newline',
    files: { 'x.json': "{ 'struct': 'Foo',\n  'data': {}\n\n" },
    error: "x.json:3:1: expected ',' or '}'",
  },
  {
    name: 'EOF column also follows the tab bug',
    files: { 'x.json': "\t{ 'a': 'b'" },
    error: "x.json:1:11: expected ',' or '}'",
  },
  {
    name: 'EOF inside a list',
    files: { 'x.json': lines("{ 'enum': 'Color',", "  'data': [ 'a'") },
    error: "x.json:2:16: expected ',' or ']'",
  },
  {
    name: 'CRLF line endings count one line each',
    files: { 'x.json': "# comment\r\n\r\n{ 'struct' }\r\n" },
    error: "x.json:3:12: expected ':'",
  },
  {
    name: 'a lone CR is a line break',
    files: { 'x.json': "# comment\r\r{ 'struct' }" },
    error: "x.json:3:12: expected ':'",
  },
  {
    name: 'definitions report the line of their opening brace',
    files: { 'x.json': lines('', '# leading comment', '{', "  'struct': 'Foo',", "  'data': { 'a': 'int' },", "  'bogus': true }") },
    error: "x.json: In struct 'Foo':\nx.json:3: struct has unknown key 'bogus'\nValid keys are 'base', 'data', 'features', 'if', 'struct'.",
  },

  // ---- Table B: parser -----------------------------------------------------
  {
    name: "expected string or '}' (leading comma)",
    files: { 'x.json': lines('{ , }') },
    error: "x.json:1:3: expected string or '}'",
  },
  {
    name: "expected ':'",
    files: { 'x.json': lines("{ 'struct': 'Foo',", "  'data' { } }") },
    error: "x.json:2:10: expected ':'",
  },
  {
    name: 'duplicate key is reported at the value',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': {}, 'data': {} }") },
    error: "x.json:1:40: duplicate key 'data'",
  },
  {
    name: 'duplicate key: value on a later line than the key',
    files: { 'x.json': lines("{ 'struct': 'Foo',", "  'data':", '    {},', "  'data':", '      {} }') },
    error: "x.json:5:7: duplicate key 'data'",
  },
  {
    name: 'duplicate key inside a nested object',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'a': 'int', 'a': 'str' } }") },
    error: "x.json:1:47: duplicate key 'a'",
  },
  {
    name: "expected ',' or '}'",
    files: { 'x.json': lines("{ 'struct': 'Foo' 'data': {} }") },
    error: "x.json:1:19: expected ',' or '}'",
  },
  {
    name: 'expected string after a comma (trailing comma in object)',
    files: { 'x.json': lines("{ 'struct': 'Foo', }") },
    error: 'x.json:1:20: expected string',
  },
  {
    name: 'expected string after a comma (non-string key)',
    files: { 'x.json': lines("{ 'struct': 'Foo', [ 'data' ]: {} }") },
    error: 'x.json:1:20: expected string',
  },
  {
    name: "after '[': expected '{', '[', ']', string, or boolean (leading comma)",
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [ , 'a' ] }") },
    error: "x.json:1:30: expected '{', '[', ']', string, or boolean",
  },
  {
    name: "after '[': a closing brace",
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [ } }") },
    error: "x.json:1:30: expected '{', '[', ']', string, or boolean",
  },
  {
    name: "expected ',' or ']'",
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [ 'a' 'b' ] }") },
    error: "x.json:1:34: expected ',' or ']'",
  },
  {
    name: 'value position: a closing brace',
    files: { 'x.json': lines("{ 'struct': }") },
    error: "x.json:1:13: expected '{', '[', string, or boolean",
  },
  {
    name: 'value position: trailing comma in a list',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [ 'a', ] }") },
    error: "x.json:1:35: expected '{', '[', string, or boolean",
  },
  {
    name: 'value position: top level starting with a colon',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", ": 'x'") },
    error: "x.json:2:1: expected '{', '[', string, or boolean",
  },

  // ---- Table C: top-level expressions must be objects ----------------------
  {
    name: 'a top-level list is rejected at its first line, without column',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", '[', "  'a'", ']') },
    error: 'x.json:2: top-level expression must be an object',
  },
  {
    name: 'a top-level string is rejected',
    files: { 'x.json': lines("'struct'") },
    error: 'x.json:1: top-level expression must be an object',
  },
  {
    name: 'a top-level boolean is rejected',
    files: { 'x.json': lines('', 'true') },
    error: 'x.json:2: top-level expression must be an object',
  },

  // ---- Accepted -------------------------------------------------------------
  {
    name: 'empty file',
    files: { 'x.json': '' },
    out: lines('module x.json'),
  },
  {
    name: 'comments and blank lines only',
    files: { 'x.json': '# just a comment\n\n   # another\n#\n' },
    out: lines('module x.json'),
  },
  {
    name: 'two expressions on one line and a comment inside an expression',
    files: {
      'x.json': lines(
        "{ 'enum': 'Color', 'data': [ 'red' ] } { 'struct': 'Foo', # comment",
        "  'data': { 'c': 'Color' } }",
      ),
    },
    out: lines('module x.json', 'enum Color', '    member red', 'object Foo', '    member c: Color optional=False'),
  },
  {
    name: 'no whitespace at all and a final line without newline',
    files: { 'x.json': "{'enum':'Color','data':['red','green']}\n{'struct':'Foo','data':{'*c':'Color'}}" },
    out: lines(
      'module x.json',
      'enum Color',
      '    member red',
      '    member green',
      'object Foo',
      '    member c: Color optional=True',
    ),
  },

  // ---- Python's notion of whitespace and of a character ------------------------
  {
    name: 'a stray run stops at \\x1c (whitespace to Python)',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'a': x\u001cy } }") },
    error: "x.json:1:35: stray 'x'",
  },
  {
    name: 'a stray run stops at U+2028 (whitespace to Python)',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'a': x\u2028y } }") },
    error: "x.json:1:35: stray 'x'",
  },
  {
    name: 'columns count code points: an astral character in a comment before EOF',
    files: { 'x.json': "{ 'struct': 'Foo' # \ud83d\ude00" },
    error: "x.json:1:22: expected ',' or '}'",
  },
  {
    name: "a '##' line inside an expression is a doc-comment token",
    files: { 'x.json': lines("{ 'struct': 'Foo',", '##', "  'data': {} }") },
    error: 'x.json:2:1: expected string',
  },
  {
    name: 'EOF after a comma in a list is a value-position error',
    files: { 'x.json': lines("{ 'enum': 'Color',", "  'data': [ 'a',") },
    error: "x.json:2:17: expected '{', '[', string, or boolean",
  },
];


describe('lexer and syntax', () => {
  test('case names are unique', () => assertUniqueNames(CASES));
  test.each(CASES)('$name', (c) => checkCase(c));
});

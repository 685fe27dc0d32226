/**
 * Directives: include (paths, repeats, loops, I/O errors, include chains,
 * module names) and pragma (values, global scope, last wins), catalogue
 * table C and reference §1.2, §2.1, §4.2.
 */
import { describe, test } from '@jest/globals';
import { assertUniqueNames, checkCase, lines, type RuleCase } from './harness.js';

export const CASES: RuleCase[] = [
  // ---- include: paths and module names --------------------------------------
  {
    name: 'include paths are relative to the including file',
    files: {
      'x.json': lines("{ 'include': 'sub/a.json' }", "{ 'struct': 'Top', 'data': { 'a': 'Alpha', 'b': 'Beta' } }"),
      'sub/a.json': lines("{ 'include': 'b.json' }", "{ 'struct': 'Alpha', 'data': {} }"),
      'sub/b.json': lines("{ 'struct': 'Beta', 'data': {} }"),
    },
    out: lines(
      'module x.json',
      'include sub/a.json',
      'object Top',
      '    member a: Alpha optional=False',
      '    member b: Beta optional=False',
      'module sub/a.json',
      'include sub/b.json',
      'object Alpha',
      'module sub/b.json',
      'object Beta',
    ),
  },
  {
    name: "module names are normalised relative paths ('..' resolved)",
    files: {
      'x.json': lines("{ 'include': 'sub/a.json' }"),
      'sub/a.json': lines("{ 'include': '../c.json' }", "{ 'enum': 'Letter', 'data': [ 'a' ] }"),
      'c.json': lines("{ 'enum': 'Digit', 'data': [ '1' ] }"),
    },
    out: lines(
      'module x.json',
      'include sub/a.json',
      'module sub/a.json',
      'include c.json',
      'enum Letter',
      '    member a',
      'module c.json',
      'enum Digit',
      '    member 1',
    ),
  },
  {
    name: "module names are relative to the main schema's directory",
    entry: 'schema/main.json',
    files: {
      'schema/main.json': lines("{ 'include': 'types.json' }", "{ 'command': 'ping' }"),
      'schema/types.json': lines("{ 'enum': 'Color', 'data': [] }"),
    },
    out: lines(
      'module main.json',
      'include types.json',
      'command ping None -> None',
      '    gen=True success_response=True boxed=False oob=False preconfig=False',
      'module types.json',
      'enum Color',
    ),
  },
  {
    name: 'file names in messages are the unnormalised joined paths',
    files: {
      'x.json': lines("{ 'include': 'sub/a.json' }"),
      'sub/a.json': lines("{ 'include': '../c.json' }"),
      'c.json': lines("{ 'struct' 'C' }"),
    },
    error: "In file included from x.json:1:\nIn file included from sub/a.json:1:\nsub/../c.json:1:12: expected ':'",
  },
  {
    name: 'include chain and definition context for a schema error in an included file',
    entry: 'schema/main.json',
    files: {
      'schema/main.json': lines('# main', "{ 'include': 'types.json' }"),
      'schema/types.json': lines("{ 'struct': 'Foo', 'data': { 'a': 'Nope' } }"),
    },
    error:
      "In file included from schema/main.json:2:\nschema/types.json: In struct 'Foo':\n" +
      "schema/types.json:1: member 'a' uses unknown type 'Nope'",
  },

  // ---- include: repeats -------------------------------------------------------
  {
    name: 'repeated includes are skipped silently but each directive is recorded',
    files: {
      'x.json': lines("{ 'include': 'a.json' }", "{ 'include': 'b.json' }", "{ 'include': 'a.json' }"),
      'a.json': lines("{ 'enum': 'Color', 'data': [ 'red' ] }"),
      'b.json': lines("{ 'include': 'a.json' }", "{ 'struct': 'Paint', 'data': { 'c': 'Color' } }"),
    },
    out: lines(
      'module x.json',
      'include a.json',
      'include b.json',
      'include a.json',
      'module a.json',
      'enum Color',
      '    member red',
      'module b.json',
      'include a.json',
      'object Paint',
      '    member c: Color optional=False',
    ),
  },
  {
    name: 'the same file spelled differently is still included once',
    files: {
      'x.json': lines("{ 'include': 'sub/a.json' }", "{ 'include': './sub/a.json' }"),
      'sub/a.json': lines("{ 'enum': 'Color', 'data': [] }"),
    },
    out: lines('module x.json', 'include sub/a.json', 'include sub/a.json', 'module sub/a.json', 'enum Color'),
  },
  {
    name: 'doc blocks of an included file appear at the include point',
    files: {
      'x.json': lines('##', '# Main intro', '##', "{ 'include': 'sub.json' }", '##', '# @Top:', '##', "{ 'struct': 'Top', 'data': {} }"),
      'sub.json': lines("{ 'enum': 'Color', 'data': [] }", '##', '# Sub intro', '##'),
    },
    out: lines(
      'module x.json',
      'include sub.json',
      'object Top',
      'module sub.json',
      'enum Color',
      'doc freeform',
      '    body=',
      'Main intro',
      'doc freeform',
      '    body=',
      'Sub intro',
      'doc symbol=Top',
      '    body=',
      '',
    ),
  },
  {
    name: "an array belongs to its element's module, placed at its first use",
    files: {
      'x.json': lines("{ 'struct': 'Palette', 'data': { 'colors': [ 'Color' ] } }", "{ 'include': 'sub.json' }"),
      'sub.json': lines("{ 'enum': 'Color', 'data': [ 'red' ] }"),
    },
    out: lines(
      'module x.json',
      'object Palette',
      '    member colors: ColorList optional=False',
      'include sub.json',
      'module sub.json',
      'array ColorList Color',
      'enum Color',
      '    member red',
    ),
  },

  // ---- include: loops and I/O errors -------------------------------------------
  {
    name: 'inclusion loop between two files',
    files: {
      'x.json': lines("{ 'include': 'a.json' }"),
      'a.json': lines("{ 'struct': 'A', 'data': {} }", "{ 'include': 'x.json' }"),
    },
    error: 'In file included from x.json:1:\na.json:2: inclusion loop for x.json',
  },
  {
    name: 'a file including itself',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", "{ 'include': 'x.json' }") },
    error: 'x.json:2: inclusion loop for x.json',
  },
  {
    name: 'inclusion loop names the raw include string',
    files: {
      'x.json': lines("{ 'include': 'a.json' }"),
      'a.json': lines("{ 'include': './x.json' }"),
    },
    error: 'In file included from x.json:1:\na.json:1: inclusion loop for ./x.json',
  },
  {
    name: 'inclusion loop back to a middle file',
    files: {
      'x.json': lines("{ 'include': 'a.json' }"),
      'a.json': lines('# a', "{ 'include': 'b.json' }"),
      'b.json': lines("{ 'include': 'a.json' }"),
    },
    error: 'In file included from x.json:1:\nIn file included from a.json:2:\nb.json:1: inclusion loop for a.json',
  },
  {
    name: 'inclusion loop through a subdirectory',
    files: {
      'x.json': lines("{ 'include': 'sub/a.json' }"),
      'sub/a.json': lines("{ 'include': '../x.json' }"),
    },
    error: 'In file included from x.json:1:\nsub/a.json:1: inclusion loop for ../x.json',
  },
  {
    name: 'missing include file',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", "{ 'include': 'nope.json' }") },
    error: "x.json:2: can't read include file 'nope.json': No such file or directory",
  },
  {
    name: 'missing include file in a subdirectory shows the joined path',
    files: {
      'x.json': lines("{ 'include': 'sub/a.json' }"),
      'sub/a.json': lines("{ 'include': 'missing.json' }"),
    },
    error: "In file included from x.json:1:\nsub/a.json:1: can't read include file 'sub/missing.json': No such file or directory",
  },
  {
    name: 'including a directory',
    files: { 'x.json': lines("{ 'include': 'adir' }"), adir: null },
    error: "x.json:1: can't read include file 'adir': Is a directory",
  },
  {
    name: 'missing main schema file: no location at all',
    entry: 'nope.json',
    files: {},
    error: "can't read schema file 'nope.json': No such file or directory",
  },
  {
    name: 'main schema is a directory',
    entry: 'adir',
    files: { adir: null },
    error: "can't read schema file 'adir': Is a directory",
  },

  // ---- include: malformed directives ---------------------------------------------
  {
    name: 'include with an extra key',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", "{ 'include': 'a.json', 'if': 'HAVE_A' }") },
    error: "x.json:2: invalid 'include' directive",
  },
  {
    name: "'include' is tested before 'pragma'",
    files: { 'x.json': lines("{ 'pragma': {}, 'include': 'a.json' }") },
    error: "x.json:1: invalid 'include' directive",
  },
  {
    name: "a definition carrying an 'include' key is an include directive",
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': {}, 'include': 'a.json' }") },
    error: "x.json:1: invalid 'include' directive",
  },
  {
    name: "a definition carrying a 'pragma' key is a pragma directive",
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': {}, 'pragma': {} }") },
    error: "x.json:1: invalid 'pragma' directive",
  },
  {
    name: 'include value must be a string (list)',
    files: { 'x.json': lines("{ 'include': [ 'a.json' ] }") },
    error: "x.json:1: value of 'include' must be a string",
  },
  {
    name: 'include value must be a string (boolean)',
    files: { 'x.json': lines('# c', "{ 'include': true }") },
    error: "x.json:2: value of 'include' must be a string",
  },

  // ---- pragma --------------------------------------------------------------------
  {
    name: 'pragma with an extra key',
    files: { 'x.json': lines("{ 'pragma': { 'doc-required': true }, 'if': 'X' }") },
    error: "x.json:1: invalid 'pragma' directive",
  },
  {
    name: 'pragma value must be an object',
    files: { 'x.json': lines("{ 'pragma': [ 'doc-required' ] }") },
    error: "x.json:1: value of 'pragma' must be an object",
  },
  {
    name: 'doc-required must be boolean',
    files: { 'x.json': lines("{ 'pragma': { 'doc-required': 'yes' } }") },
    error: "x.json:1: pragma 'doc-required' must be boolean",
  },
  {
    name: 'command-name-exceptions must be a list',
    files: { 'x.json': lines("{ 'pragma': { 'command-name-exceptions': 'do_it' } }") },
    error: 'x.json:1: pragma command-name-exceptions must be a list of strings',
  },
  {
    name: 'member-name-exceptions must hold only strings',
    files: { 'x.json': lines("{ 'pragma': { 'member-name-exceptions': [ 'Foo', [ 'Bar' ] ] } }") },
    error: 'x.json:1: pragma member-name-exceptions must be a list of strings',
  },
  {
    name: 'documentation-exceptions must be a list',
    files: { 'x.json': lines("{ 'pragma': { 'documentation-exceptions': {} } }") },
    error: 'x.json:1: pragma documentation-exceptions must be a list of strings',
  },
  {
    name: 'command-returns-exceptions must hold only strings',
    files: { 'x.json': lines("{ 'pragma': { 'command-returns-exceptions': [ true ] } }") },
    error: 'x.json:1: pragma command-returns-exceptions must be a list of strings',
  },
  {
    name: 'unknown pragma',
    files: { 'x.json': lines("{ 'pragma': { 'doc-optional': true } }") },
    error: "x.json:1: unknown pragma 'doc-optional'",
  },
  {
    name: 'pragma entries are processed in order',
    files: { 'x.json': lines("{ 'pragma': { 'doc-typo': true, 'doc-required': 'no' } }") },
    error: "x.json:1: unknown pragma 'doc-typo'",
  },
  {
    name: 'directive errors have no definition context',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': {} }", "{ 'pragma': { 'doc-required': [] } }") },
    error: "x.json:2: pragma 'doc-required' must be boolean",
  },
  {
    name: 'an empty pragma is valid',
    files: { 'x.json': lines("{ 'pragma': {} }", "{ 'enum': 'Color', 'data': [] }") },
    out: lines('module x.json', 'enum Color'),
  },
  {
    name: 'pragmas are global: one set in an included file applies to the main file',
    files: {
      'x.json': lines("{ 'include': 'p.json' }", "{ 'command': 'do_it' }"),
      'p.json': lines("{ 'pragma': { 'command-name-exceptions': [ 'do_it' ] } }"),
    },
    out: lines(
      'module x.json',
      'include p.json',
      'command do_it None -> None',
      '    gen=True success_response=True boxed=False oob=False preconfig=False',
      'module p.json',
    ),
  },
  {
    name: 'a pragma applies to definitions before it',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': {} }", "{ 'pragma': { 'doc-required': true } }") },
    error: "x.json: In struct 'Foo':\nx.json:1: documentation comment required",
  },
  {
    name: 'the last assignment of a list pragma wins (lists are not merged)',
    files: {
      'x.json': lines(
        "{ 'pragma': { 'command-name-exceptions': [ 'a_b' ] } }",
        "{ 'pragma': { 'command-name-exceptions': [ 'c_d' ] } }",
        "{ 'command': 'a_b' }",
      ),
    },
    error: "x.json: In command 'a_b':\nx.json:3: name of command must not use uppercase or '_'",
  },
  {
    name: 'the last doc-required wins, even after the definitions',
    files: {
      'x.json': lines(
        "{ 'pragma': { 'doc-required': true } }",
        "{ 'struct': 'Foo', 'data': {} }",
        "{ 'pragma': { 'doc-required': false } }",
      ),
    },
    out: lines('module x.json', 'object Foo'),
  },

  // ---- ordering across files --------------------------------------------------------
  {
    name: 'parsing is depth-first: an error in an earlier include wins over a later one in the main file',
    files: {
      'x.json': lines("{ 'include': 'sub.json' }", '{ , }'),
      'sub.json': lines("{ 'struct' 'S' }"),
    },
    error: "In file included from x.json:1:\nsub.json:1:12: expected ':'",
  },
  {
    name: 'a parse error before an include line wins over the include',
    files: { 'x.json': lines('{ , }', "{ 'include': 'nope.json' }") },
    error: "x.json:1:3: expected string or '}'",
  },
  {
    name: 'an expression error in an included file beats an earlier schema error in the main file',
    files: {
      'x.json': lines("{ 'struct': 'Alpha', 'data': { 'a': 'Nope' } }", "{ 'include': 'sub.json' }"),
      'sub.json': lines("{ 'struct': 'beta', 'data': {} }"),
    },
    error: "In file included from x.json:2:\nsub.json: In struct 'beta':\nsub.json:1: name of struct must use CamelCase",
  },
  {
    name: 'redefinition: the previous definition carries its own include chain',
    files: {
      'x.json': lines("{ 'include': 'sub.json' }", "{ 'struct': 'Foo', 'data': {} }"),
      'sub.json': lines("{ 'enum': 'Foo', 'data': [] }"),
    },
    error:
      "x.json: In struct 'Foo':\nx.json:2: 'Foo' is already defined\n" +
      "In file included from x.json:1:\nsub.json: In enum 'Foo':\nsub.json:1: previous definition",
  },
  {
    name: 'redefinition inside an included file points back at the main file',
    files: {
      'x.json': lines("{ 'struct': 'Foo', 'data': {} }", "{ 'include': 'sub.json' }"),
      'sub.json': lines('# sub', "{ 'enum': 'Foo', 'data': [] }"),
    },
    error:
      "In file included from x.json:2:\nsub.json: In enum 'Foo':\nsub.json:2: 'Foo' is already defined\n" +
      "x.json: In struct 'Foo':\nx.json:1: previous definition",
  },
  {
    name: 'an include before a later syntax error leaves no include chain',
    files: { 'x.json': lines("{ 'include': 'sub.json' }", "{ 'struct' 'Foo' }"), 'sub.json': lines("{ 'enum': 'Color', 'data': [] }") },
    error: "x.json:2:12: expected ':'",
  },
  {
    name: 'an empty include path cannot be read',
    files: { 'x.json': lines("{ 'include': '' }") },
    error: "x.json:1: can't read include file '': No such file or directory",
  },
  {
    name: 'doc-required set in the main file applies to an included file',
    files: {
      'x.json': lines("{ 'pragma': { 'doc-required': true } }", "{ 'include': 'sub.json' }"),
      'sub.json': lines('# sub', "{ 'enum': 'Color', 'data': [] }"),
    },
    error: "In file included from x.json:2:\nsub.json: In enum 'Color':\nsub.json:2: documentation comment required",
  },
  {
    name: "an entry path with './' keeps it in every file name",
    entry: './x.json',
    files: { 'x.json': lines("{ 'include': 'sub.json' }"), 'sub.json': lines("{ 'struct' }") },
    error: "In file included from ./x.json:1:\n./sub.json:1:12: expected ':'",
  },
  {
    name: "a module outside the main schema's directory is named with '..'",
    entry: 'dir/x.json',
    files: {
      'dir/x.json': lines("{ 'include': '../y.json' }", "{ 'struct': 'Foo', 'data': { 'c': 'Color' } }"),
      'y.json': lines("{ 'enum': 'Color', 'data': [] }"),
    },
    out: lines('module x.json', 'include ../y.json', 'object Foo', '    member c: Color optional=False', 'module ../y.json', 'enum Color'),
  },
];


describe('directives and includes', () => {
  test('case names are unique', () => assertUniqueNames(CASES));
  test.each(CASES)('$name', (c) => checkCase(c));
});

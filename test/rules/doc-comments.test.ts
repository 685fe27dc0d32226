/**
 * Doc-comment language (reference §3, catalogue table D, the doc rows of
 * table E and the "lacks documentation" / "documented ... not exist" rows of
 * table F): block syntax, style checks and literal mode, definition-doc
 * structure, the prev_line_blank bug, text-required checks, placement, and
 * the checks that tie docs to definitions, plus the doc dump.
 */
import { describe, test } from '@jest/globals';
import { assertUniqueNames, checkCase, lines, type RuleCase } from './harness.js';

const STRUCT_FOO = "{ 'struct': 'Foo', 'data': { 'a': 'int' } }";
const TWO_SPACES = 'Use two spaces between sentences\nIf this not the end of a sentence, please report a bug.';
const NOTE_MSG = "section is no longer supported. Please use rST's '.. note::' or '.. admonition:: notes' directives, or another suitable admonition instead.";
const EXAMPLE_MSG = "section is no longer supported. Please use the '.. qmp-example::' directive, or other suitable markup instead.";
/** 66 characters: "# " plus this plus two more characters is exactly 70 columns, the limit. */
const TEXT66 = 'This line of documentation text is exactly as long as it needs be.';

export const CASES: RuleCase[] = [
  // ---- Block syntax ------------------------------------------------------------
  {
    name: "a doc block must end with '##' (non-comment token)",
    files: { 'x.json': lines('##', '# @Foo:', STRUCT_FOO) },
    error: "x.json:3:1: documentation comment must end with '##'",
  },
  {
    name: "a doc block must end with '##' (EOF)",
    files: { 'x.json': lines(STRUCT_FOO, '##', '# Intro') },
    error: "x.json:3:8: documentation comment must end with '##'",
  },
  {
    name: "junk after '##' at end",
    files: { 'x.json': lines('##', '# Intro', '## end') },
    error: "x.json:3:1: junk after '##' at end of documentation comment",
  },
  {
    name: "'###' does not close a block",
    files: { 'x.json': lines('##', '# Intro', '###') },
    error: "x.json:3:1: junk after '##' at end of documentation comment",
  },
  {
    name: "junk after '##' at start",
    files: { 'x.json': lines(STRUCT_FOO, '## Intro', '##') },
    error: "x.json:2:1: junk after '##' at start of documentation comment",
  },
  {
    name: "a '##' comment after an expression starts a doc block",
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': {} } ## trailing") },
    error: "x.json:1:33: junk after '##' at start of documentation comment",
  },
  {
    name: 'missing space after #',
    files: { 'x.json': lines('##', '#Intro', '##') },
    error: 'x.json:2:1: missing space after #',
  },
  {
    name: 'missing space after # (a tab is not a space)',
    files: { 'x.json': lines('##', '# Intro', '#\tmore', '##') },
    error: 'x.json:3:1: missing space after #',
  },
  {
    name: 'indented doc blocks work and columns count the indentation',
    files: { 'x.json': lines('  ##', '  # Intro', '  #Oops', '  ##') },
    error: 'x.json:3:3: missing space after #',
  },
  {
    name: 'blank source lines and trailing spaces inside a doc block are ignored',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", '  ##', '  # Intro   ', '', '  #', '  # More', '  ##') },
    out: lines('module x.json', 'enum Color', 'doc freeform', '    body=', 'Intro', '', 'More'),
  },

  // ---- Style checks: line length ---------------------------------------------------
  {
    name: 'a 69-character doc line is too long',
    files: { 'x.json': lines('##', `# ${TEXT66}...`, '##') },
    error: 'x.json:2:1: documentation line longer than 70 characters',
  },
  {
    name: 'a 70-character doc line is fine (trailing spaces do not count)',
    files: { 'x.json': lines('##', `# ${TEXT66}..    `, '##') },
    out: lines('module x.json', 'doc freeform', '    body=', `${TEXT66}..`),
  },
  {
    name: 'line length counts code points, not UTF-16 units',
    files: { 'x.json': lines('##', `# ${TEXT66}.\ud83d\ude00`, '##') },
    out: lines('module x.json', 'doc freeform', '    body=', `${TEXT66}.\ud83d\ude00`),
  },
  {
    name: 'long line check applies to definition docs too',
    files: { 'x.json': lines('##', '# @Foo:', '#', `# @a: ${TEXT66}`, '##', STRUCT_FOO) },
    error: 'x.json:4:1: documentation line longer than 70 characters',
  },
  {
    name: 'a bare long URL is exempt, even indented',
    files: {
      'x.json': lines(
        '##',
        '# https://www.example.org/a/rather/long/path/that/cannot/be/broken/anywhere',
        '#    ftp://ftp.example.org/pub/another/rather/long/path/that/cannot/be/broken',
        '##',
      ),
    },
    out: lines(
      'module x.json',
      'doc freeform',
      '    body=',
      'https://www.example.org/a/rather/long/path/that/cannot/be/broken/anywhere',
      '   ftp://ftp.example.org/pub/another/rather/long/path/that/cannot/be/broken',
    ),
  },
  {
    name: 'a long line with text before the URL is not exempt',
    files: { 'x.json': lines('##', '# See https://www.example.org/a/rather/long/path/that/cannot/be/broken/at/all', '##') },
    error: 'x.json:2:1: documentation line longer than 70 characters',
  },

  // ---- Style checks: two spaces between sentences -----------------------------------
  {
    name: 'two spaces: column is the single space',
    files: { 'x.json': lines('##', '# First sentence. Second one.', '##') },
    error: `x.json:2:18: ${TWO_SPACES}`,
  },
  {
    name: 'two spaces: question mark and a digit',
    files: { 'x.json': lines('##', '# Intro', '# Really? 42 times.', '##') },
    error: `x.json:3:10: ${TWO_SPACES}`,
  },
  {
    name: 'two spaces: exclamation mark and a parenthesis',
    files: { 'x.json': lines('##', '# Stop! (Really)', '##') },
    error: `x.json:2:8: ${TWO_SPACES}`,
  },
  {
    name: "two spaces: mid-line '1. X' is flagged",
    files: { 'x.json': lines('##', '# See step 1. Then go.', '##') },
    error: `x.json:2:14: ${TWO_SPACES}`,
  },
  {
    name: "two spaces: a line-leading '10.' is not a one-digit list item",
    files: { 'x.json': lines('##', '# 10. Tenth item', '##') },
    error: `x.json:2:6: ${TWO_SPACES}`,
  },
  {
    name: "two spaces: 'etc. X' is flagged",
    files: { 'x.json': lines('##', '# Colors, shapes, etc. Many things', '##') },
    error: `x.json:2:23: ${TWO_SPACES}`,
  },
  {
    name: "two spaces: 'i.e. X' is flagged",
    files: { 'x.json': lines('##', '# One thing, i.e. This one', '##') },
    error: `x.json:2:18: ${TWO_SPACES}`,
  },
  {
    name: "two spaces: capitalised 'E.g. X' is flagged",
    files: { 'x.json': lines('##', '# E.g. Foo', '##') },
    error: `x.json:2:7: ${TWO_SPACES}`,
  },
  {
    name: "two spaces: 'e.g.', line-leading numbered items, lowercase and double spaces are fine",
    files: {
      'x.json': lines(
        '##',
        '# Shapes, e.g. Circles and squares.',
        '# 1. First item',
        '#   2. Second item',
        '# Not the end. and lowercase follows.',
        '# Proper end.  Next sentence.',
        '##',
      ),
    },
    out: lines(
      'module x.json',
      'doc freeform',
      '    body=',
      'Shapes, e.g. Circles and squares.',
      '1. First item',
      '  2. Second item',
      'Not the end. and lowercase follows.',
      'Proper end.  Next sentence.',
    ),
  },

  // ---- Literal mode -------------------------------------------------------------------
  {
    name: "literal blocks after '::' and '.. qmp-example::' are exempt from style checks",
    files: {
      'x.json': lines(
        '##',
        '# Intro',
        '#',
        '# ::',
        '#',
        `#   Literal. Not checked, and long: ${TEXT66}`,
        '#',
        '# .. qmp-example::',
        '#',
        '#    -> { "execute": "frob" }. Also not checked.',
        '##',
      ),
    },
    out: lines(
      'module x.json',
      'doc freeform',
      '    body=',
      'Intro',
      '',
      '::',
      '',
      `  Literal. Not checked, and long: ${TEXT66}`,
      '',
      '.. qmp-example::',
      '',
      '   -> { "execute": "frob" }. Also not checked.',
    ),
  },
  {
    name: 'literal mode ends at the first line indented less than the block',
    files: { 'x.json': lines('##', '# ::', '#', '#   Literal. Fine', '# Back. Checked again', '##') },
    error: `x.json:5:8: ${TWO_SPACES}`,
  },
  {
    name: "'Examples::' does not enter literal mode",
    files: { 'x.json': lines('##', '# Examples::', '#', '#   Not literal. Checked', '##') },
    error: `x.json:4:17: ${TWO_SPACES}`,
  },
  {
    name: "literal mode is reset at '##'",
    files: {
      'x.json': lines('##', '# ::', '#', '#   Literal. Fine', '##', '', '##', '#   Indented. Checked', '##'),
    },
    error: `x.json:8:14: ${TWO_SPACES}`,
  },
  {
    name: 'an unindented first line after :: keeps literal mode (block indent 0)',
    files: { 'x.json': lines('##', '# ::', '#', '# Literal. Fine', '##') },
    out: lines('module x.json', 'doc freeform', '    body=', '::', '', 'Literal. Fine'),
  },

  // ---- Free-form docs ------------------------------------------------------------------
  {
    name: 'free-form docs keep blank lines verbatim',
    files: { 'x.json': lines('##', '# Title', '#', '#', '# Para', '# @var is fine mid-line', '##') },
    out: lines('module x.json', 'doc freeform', '    body=', 'Title', '', '', 'Para', '@var is fine mid-line'),
  },
  {
    name: "'@name:' is not allowed in free-form documentation",
    files: { 'x.json': lines('##', '# Intro', '# @a: text', '##') },
    error: "x.json:3:1: '@a:' not allowed in free-form documentation",
  },
  {
    name: 'free-form doc directly before a definition',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", '##', '# Just text', '##', STRUCT_FOO) },
    error: 'x.json:2: definition documentation required',
  },
  {
    name: 'free-form doc before an include or a pragma is fine',
    files: {
      'x.json': lines('##', '# Intro', '##', "{ 'pragma': {} }", '##', '# More', '##', "{ 'include': 'sub.json' }"),
      'sub.json': '',
    },
    out: lines('module x.json', 'include sub.json', 'module sub.json', 'doc freeform', '    body=', 'Intro', 'doc freeform', '    body=', 'More'),
  },

  // ---- Definition doc: symbol line ---------------------------------------------------------
  {
    name: "symbol line without trailing ':'",
    files: { 'x.json': lines('##', '# @Foo', '##', STRUCT_FOO) },
    error: "x.json:2:1: line should end with ':'",
  },
  {
    name: "symbol line with text after the ':'",
    files: { 'x.json': lines('##', '# @Foo: the foo', '##', STRUCT_FOO) },
    error: "x.json:2:1: line should end with ':'",
  },
  {
    name: "empty symbol '@:'",
    files: { 'x.json': lines('##', '# @:', '##', STRUCT_FOO) },
    error: "x.json:2:1: name required after '@'",
  },

  // ---- Definition doc: structure errors ----------------------------------------------------
  {
    name: "duplicated 'Features:' line",
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# Features:', '# @feat-a: a', '#', '# Text', '#', '# Features:', '# @feat-b: b', '##'),
    },
    error: "x.json:9:1: duplicated 'Features:' line",
  },
  {
    name: "'Features:' followed by plain text",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Features:', '#', '# not a feature', '##', STRUCT_FOO) },
    error: 'x.json:6:1: feature descriptions expected',
  },
  {
    name: "'Features:' at the end of the block (error at the closing '##')",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Features:', '##', STRUCT_FOO) },
    error: 'x.json:5:1: feature descriptions expected',
  },
  {
    name: 'member description after a tagged section',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Since: 1.0', '#', '# @a: late', '##', STRUCT_FOO) },
    error: "x.json:6:1: description of '@a:' follows a section",
  },
  {
    name: 'member description after a paragraph that follows other members',
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# @a: first', '#', '# Some text.', '#', '# @b: second', '##', STRUCT_FOO),
    },
    error: "x.json:8:1: description of '@b:' follows a section",
  },
  {
    name: 'member description after Features and a paragraph',
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# Features:', '# @feat: f', '#', '# Text.', '#', '# @a: late', '##', STRUCT_FOO),
    },
    error: "x.json:9:1: description of '@a:' follows a section",
  },
  {
    name: "'Note:' section is no longer supported",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Note: careful', '##', STRUCT_FOO) },
    error: `x.json:4:1: The 'Note' ${NOTE_MSG}`,
  },
  {
    name: "'Notes:' section is no longer supported",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: the a', '#', '# Notes: careful', '##', STRUCT_FOO) },
    error: `x.json:6:1: The 'Notes' ${NOTE_MSG}`,
  },
  {
    name: "'Example:' section is no longer supported",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Example:', '#', '#   -> foo', '##', STRUCT_FOO) },
    error: `x.json:4:1: The 'Example' ${EXAMPLE_MSG}`,
  },
  {
    name: "'Examples:' section is no longer supported",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Examples: none', '##', STRUCT_FOO) },
    error: `x.json:4:1: The 'Examples' ${EXAMPLE_MSG}`,
  },
  {
    name: 'unexpected de-indent in a member description',
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# @a: line one', '#     line two', '#   line three', '##', STRUCT_FOO),
    },
    error: 'x.json:6:1: unexpected de-indent (expected at least 4 spaces)',
  },
  {
    name: 'unexpected de-indent in a tagged section',
    files: {
      'x.json': lines('##', '# @do-it:', '#', '# Returns:', '#   the thing', '# and more', '##', "{ 'command': 'do-it', 'returns': 'Foo' }", STRUCT_FOO),
    },
    error: 'x.json:6:1: unexpected de-indent (expected at least 2 spaces)',
  },
  {
    name: 'unexpected de-indent in a feature description',
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# Features:', '# @feat: text', '#  more', '# less', '##'),
    },
    error: 'x.json:7:1: unexpected de-indent (expected at least 1 spaces)',
  },
  {
    name: "prev_line_blank bug: a tag right after one continuation line is a de-indent error",
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# @a: first line', '#   second line', '# Since: 9.0', '##', STRUCT_FOO),
    },
    error: 'x.json:6:1: unexpected de-indent (expected at least 2 spaces)',
  },
  {
    name: 'prev_line_blank bug: after two continuation lines a de-indented line starts a paragraph',
    files: {
      'x.json': lines(
        '##',
        '# @Foo:',
        '#',
        '# @a: first line',
        '#   second line',
        '#   third line',
        '# fourth line ends the description',
        '##',
        STRUCT_FOO,
      ),
    },
    out: lines(
      'module x.json',
      'object Foo',
      '    member a: int optional=False',
      'doc symbol=Foo',
      '    body=',
      '',
      '    arg=a',
      'first line',
      '  second line',
      '  third line',
      '    section=Plain',
      'fourth line ends the description',
    ),
  },
  {
    name: 'prev_line_blank bug: after two continuation lines a tag is accepted',
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# @a: first line', '#   second line', '#   third line', '# Since: 9.0', '##', STRUCT_FOO),
    },
    out: lines(
      'module x.json',
      'object Foo',
      '    member a: int optional=False',
      'doc symbol=Foo',
      '    body=',
      '',
      '    arg=a',
      'first line',
      '  second line',
      '  third line',
      '    section=Since',
      '9.0',
    ),
  },

  // ---- text required / duplicates / parameter names ------------------------------------------
  {
    name: "text required after 'Member:'",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a:', '##', STRUCT_FOO) },
    error: "x.json:4: text required after 'Member:'",
  },
  {
    name: "text required after 'Member:' (only blank lines follow)",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a:', '#', '#', '# Since: 1.0', '##', STRUCT_FOO) },
    error: "x.json:4: text required after 'Member:'",
  },
  {
    name: "text required after 'Feature:'",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Features:', '# @feat:', '##', STRUCT_FOO) },
    error: "x.json:5: text required after 'Feature:'",
  },
  {
    name: "text required after 'Returns:'",
    files: { 'x.json': lines('##', '# @do-it:', '#', '# Returns:', '##', "{ 'command': 'do-it', 'returns': 'Foo' }") },
    error: "x.json:4: text required after 'Returns:'",
  },
  {
    name: "text required after 'Errors:'",
    files: { 'x.json': lines('##', '# @do-it:', '#', '# Errors:', '#', '# Since: 2.0', '##', "{ 'command': 'do-it' }") },
    error: "x.json:4: text required after 'Errors:'",
  },
  {
    name: "text required after 'Since:'",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Since:', '##', STRUCT_FOO) },
    error: "x.json:4: text required after 'Since:'",
  },
  {
    name: "text required after 'Todo:' (written TODO:)",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# TODO:', '##', STRUCT_FOO) },
    error: "x.json:4: text required after 'Todo:'",
  },
  {
    name: "duplicated 'Returns' section",
    files: {
      'x.json': lines('##', '# @do-it:', '#', '# Returns: a', '#', '# Returns: b', '##', "{ 'command': 'do-it', 'returns': 'Foo' }", STRUCT_FOO),
    },
    error: "x.json:6: duplicated 'Returns' section",
  },
  {
    name: "duplicated 'Errors' section",
    files: { 'x.json': lines('##', '# @do-it:', '#', '# Errors: a', '#', '# Errors: b', '##', "{ 'command': 'do-it' }") },
    error: "x.json:6: duplicated 'Errors' section",
  },
  {
    name: "duplicated 'Since' section",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Since: 1.0', '#', '# Since: 2.0', '##', STRUCT_FOO) },
    error: "x.json:6: duplicated 'Since' section",
  },
  {
    name: "'@:' as a member description",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @: nameless', '##', STRUCT_FOO) },
    error: 'x.json:4: invalid parameter name',
  },
  {
    name: "'@:' as a feature description",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Features:', '# @: nameless', '##', STRUCT_FOO) },
    error: 'x.json:5: invalid parameter name',
  },
  {
    name: 'member documented twice',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: once', '# @a: twice', '##', STRUCT_FOO) },
    error: "x.json:5: 'a' parameter name duplicated",
  },
  {
    name: 'feature documented twice',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Features:', '# @feat: once', '#', '# @feat: twice', '##', STRUCT_FOO) },
    error: "x.json:7: 'feat' parameter name duplicated",
  },

  // ---- Placement ------------------------------------------------------------------------------
  {
    name: 'definition doc followed by another doc block',
    files: { 'x.json': lines('##', '# @Foo:', '##', '##', '# Intro', '##', STRUCT_FOO) },
    error: "x.json:1: documentation for 'Foo' is not followed by the definition",
  },
  {
    name: 'definition doc followed by an include',
    files: { 'x.json': lines(STRUCT_FOO, '##', '# @Bar:', '##', "{ 'include': 'sub.json' }"), 'sub.json': '' },
    error: "x.json:2: documentation for 'Bar' is not followed by the definition",
  },
  {
    name: 'definition doc followed by a pragma',
    files: { 'x.json': lines('##', '# @Foo:', '##', "{ 'pragma': {} }", STRUCT_FOO) },
    error: "x.json:1: documentation for 'Foo' is not followed by the definition",
  },
  {
    name: 'definition doc at the end of the file',
    files: { 'x.json': lines(STRUCT_FOO, '', '##', '# @Foo:', '##') },
    error: "x.json:3: documentation for 'Foo' is not followed by the definition",
  },
  {
    name: 'ordinary comments between the doc and its definition are skipped',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: the a', '##', '# not a doc comment', '', STRUCT_FOO) },
    out: lines('module x.json', 'object Foo', '    member a: int optional=False', 'doc symbol=Foo', '    body=', '', '    arg=a', 'the a'),
  },

  // ---- Checks in check_exprs ---------------------------------------------------------------------
  {
    name: 'doc symbol must match the definition name',
    files: { 'x.json': lines('##', '# @Bar:', '##', STRUCT_FOO) },
    error: "x.json: In struct 'Foo':\nx.json:4: documentation comment is for 'Bar'",
  },
  {
    name: 'definition name errors beat the doc symbol check',
    files: { 'x.json': lines('##', '# @Bar:', '##', "{ 'struct': 'foo', 'data': {} }") },
    error: "x.json: In struct 'foo':\nx.json:4: name of struct must use CamelCase",
  },
  {
    name: 'the doc symbol check beats unknown keys',
    files: { 'x.json': lines('##', '# @Bar:', '##', "{ 'struct': 'Foo', 'data': {}, 'bogus': true }") },
    error: "x.json: In struct 'Foo':\nx.json:4: documentation comment is for 'Bar'",
  },
  {
    name: "'Returns' on a non-command (reported at the section, no context)",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: the a', '#', '# Returns: nothing', '##', STRUCT_FOO) },
    error: "x.json:6: 'Returns' section is only valid for commands",
  },
  {
    name: "'Errors' on an event",
    files: { 'x.json': lines('##', '# @EVT:', '#', '# Errors: never', '##', "{ 'event': 'EVT' }") },
    error: "x.json:4: 'Errors' section is only valid for commands",
  },
  {
    name: "'Returns' is checked before 'Errors' on a non-command",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Errors: never', '#', '# Returns: nothing', '##', "{ 'struct': 'Foo', 'data': {} }") },
    error: "x.json:6: 'Returns' section is only valid for commands",
  },
  {
    name: "'Returns' on a command without 'returns'",
    files: { 'x.json': lines('##', '# @ping:', '#', '# Returns: nothing', '##', "{ 'command': 'ping' }") },
    error: "x.json:4: 'Returns' section, but command doesn't return anything",
  },
  {
    name: "'Returns' misuse beats unknown keys",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Returns: x', '##', "{ 'struct': 'Foo', 'data': {}, 'bogus': true }") },
    error: "x.json:4: 'Returns' section is only valid for commands",
  },
  {
    name: "'Errors' on a command without 'returns' is fine; tags inside a paragraph are plain text",
    files: {
      'x.json': lines('##', '# @ping:', '#', '# Checks liveness.', '# Returns: this line is plain text', '#', '# Errors: sometimes', '##', "{ 'command': 'ping' }"),
    },
    out: lines(
      'module x.json',
      'command ping None -> None',
      '    gen=True success_response=True boxed=False oob=False preconfig=False',
      'doc symbol=ping',
      '    body=',
      'Checks liveness.',
      'Returns: this line is plain text',
      '    section=Errors',
      'sometimes',
    ),
  },
  {
    name: 'doc-required: undocumented definition',
    files: { 'x.json': lines("{ 'pragma': { 'doc-required': true } }", '', STRUCT_FOO) },
    error: "x.json: In struct 'Foo':\nx.json:3: documentation comment required",
  },
  {
    name: 'doc-required beats unknown keys',
    files: { 'x.json': lines("{ 'pragma': { 'doc-required': true } }", "{ 'enum': 'Color', 'data': [], 'bogus': true }") },
    error: "x.json: In enum 'Color':\nx.json:2: documentation comment required",
  },

  // ---- connect_doc: lacks documentation --------------------------------------------------------------
  {
    name: 'undocumented struct member',
    files: { 'x.json': lines('##', '# @Foo:', '#', "# @a: documented", '##', "{ 'struct': 'Foo', 'data': { 'a': 'int', 'b': 'int' } }") },
    error: "x.json: In struct 'Foo':\nx.json:6: member 'b' lacks documentation",
  },
  {
    name: 'undocumented enum value',
    files: { 'x.json': lines('##', '# @Color:', '#', '# @red: documented', '##', "{ 'enum': 'Color', 'data': [ 'red', 'green' ] }") },
    error: "x.json: In enum 'Color':\nx.json:6: value 'green' lacks documentation",
  },
  {
    name: 'undocumented alternate branch',
    files: { 'x.json': lines('##', '# @Alt:', '#', '# @s: a string', '##', "{ 'alternate': 'Alt', 'data': { 's': 'str', 'n': 'null' } }") },
    error: "x.json: In alternate 'Alt':\nx.json:6: branch 'n' lacks documentation",
  },
  {
    name: "undocumented command argument is a 'member' here",
    files: { 'x.json': lines('##', '# @do-it:', '#', '# @a: the a', '##', "{ 'command': 'do-it', 'data': { 'a': 'int', '*b': 'str' } }") },
    error: "x.json: In command 'do-it':\nx.json:6: member 'b' lacks documentation",
  },
  {
    name: 'undocumented event argument',
    files: { 'x.json': lines('##', '# @EVT:', '##', "{ 'event': 'EVT', 'data': { 'a': 'int' } }") },
    error: "x.json: In event 'EVT':\nx.json:4: member 'a' lacks documentation",
  },
  {
    name: 'undocumented member of an inline union base',
    files: {
      'x.json': lines(
        "{ 'enum': 'Kind', 'data': [ 'one' ] }",
        "{ 'struct': 'One', 'data': {} }",
        '##',
        '# @Uni:',
        '##',
        "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One' } }",
      ),
    },
    error: "x.json: In union 'Uni':\nx.json:6: member 'kind' lacks documentation",
  },
  {
    name: 'undocumented definition feature',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: the a', '##', "{ 'struct': 'Foo', 'data': { 'a': 'int' }, 'features': [ 'feat' ] }") },
    error: "x.json: In struct 'Foo':\nx.json:6: feature 'feat' lacks documentation",
  },
  {
    name: 'undocumented member feature',
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# @a: the a', '##', "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'features': [ 'mfeat' ] } } }"),
    },
    error: "x.json: In struct 'Foo':\nx.json:6: feature 'mfeat' lacks documentation",
  },
  {
    name: 'undocumented enum value feature',
    files: {
      'x.json': lines('##', '# @Color:', '#', '# @red: red', '##', "{ 'enum': 'Color', 'data': [ { 'name': 'red', 'features': [ 'vfeat' ] } ] }"),
    },
    error: "x.json: In enum 'Color':\nx.json:6: feature 'vfeat' lacks documentation",
  },
  {
    name: 'documentation-exceptions does not cover features',
    files: {
      'x.json': lines(
        "{ 'pragma': { 'documentation-exceptions': [ 'Foo' ] } }",
        '##',
        '# @Foo:',
        '##',
        "{ 'struct': 'Foo', 'data': { 'a': 'int' }, 'features': [ 'feat' ] }",
      ),
    },
    error: "x.json: In struct 'Foo':\nx.json:5: feature 'feat' lacks documentation",
  },
  {
    name: "'@a :' documents a member named 'a ' (so 'a' lacks documentation)",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a : the a', '##', STRUCT_FOO) },
    error: "x.json: In struct 'Foo':\nx.json:6: member 'a' lacks documentation",
  },
  {
    name: 'undocumented members of undocumented definitions are not flagged',
    files: { 'x.json': lines(STRUCT_FOO, "{ 'enum': 'Color', 'data': [ 'red' ], 'features': [ 'feat' ] }") },
    out: lines('module x.json', 'object Foo', '    member a: int optional=False', 'enum Color', '    member red', '    feature feat'),
  },

  // ---- doc.check(): documented things that do not exist ------------------------------------------------
  {
    name: 'documented member does not exist',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: the a', '# @zz: bogus', '##', STRUCT_FOO) },
    error: "x.json:5: documented member 'zz' does not exist",
  },
  {
    name: 'several documented members do not exist (reported at the first, in doc order)',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @zz: bogus', '# @a: the a', '# @yy: bogus', '##', STRUCT_FOO) },
    error: "x.json:4: documented members 'zz', 'yy' do not exist",
  },
  {
    name: 'documented feature does not exist',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: the a', '#', '# Features:', '# @nofeat: bogus', '##', STRUCT_FOO) },
    error: "x.json:7: documented feature 'nofeat' does not exist",
  },
  {
    name: 'docs are checked in source order',
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# Features:', '# @nofeat: bogus', '##', "{ 'struct': 'Foo', 'data': {} }", '##', '# @Bar:', '#', '# @zz: bogus', '##', "{ 'struct': 'Bar', 'data': {} }"),
    },
    error: "x.json:5: documented feature 'nofeat' does not exist",
  },
  {
    name: 'bogus members before bogus features within one doc',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @zz: bogus', '#', '# Features:', '# @nofeat: bogus', '##', "{ 'struct': 'Foo', 'data': {} }") },
    error: "x.json:4: documented member 'zz' does not exist",
  },
  {
    name: 'members of a named base are not documented in the derived doc',
    files: {
      'x.json': lines("{ 'struct': 'Base', 'data': { 'b': 'int' } }", '##', '# @Foo:', '#', '# @b: from base', '# @a: own', '##', "{ 'struct': 'Foo', 'base': 'Base', 'data': { 'a': 'int' } }"),
    },
    error: "x.json:5: documented member 'b' does not exist",
  },
  {
    name: 'union branch members are not documented in the union doc',
    files: {
      'x.json': lines(
        "{ 'enum': 'Kind', 'data': [ 'one' ] }",
        "{ 'struct': 'One', 'data': { 'x': 'int' } }",
        '##',
        '# @Uni:',
        '#',
        '# @kind: the kind',
        '# @x: from the branch',
        '##',
        "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One' } }",
      ),
    },
    error: "x.json:7: documented member 'x' does not exist",
  },
  {
    name: 'boxed command arguments are not documented in the command doc',
    files: {
      'x.json': lines("{ 'struct': 'Args', 'data': { 'a': 'int' } }", '##', '# @do-it:', '#', '# @a: the a', '##', "{ 'command': 'do-it', 'data': 'Args', 'boxed': true }"),
    },
    error: "x.json:5: documented member 'a' does not exist",
  },
  {
    name: 'lacks documentation (entity checks) beats an earlier bogus doc entry (doc checks)',
    files: {
      'x.json': lines(
        '##',
        '# @Foo:',
        '#',
        '# @a: the a',
        '# @zz: bogus',
        '##',
        STRUCT_FOO,
        '##',
        '# @Bar:',
        '##',
        "{ 'struct': 'Bar', 'data': { 'b': 'int' } }",
      ),
    },
    error: "x.json: In struct 'Bar':\nx.json:11: member 'b' lacks documentation",
  },
  {
    name: 'definition features are connected before members',
    files: { 'x.json': lines('##', '# @Foo:', '##', "{ 'struct': 'Foo', 'data': { 'a': 'int' }, 'features': [ 'feat' ] }") },
    error: "x.json: In struct 'Foo':\nx.json:4: feature 'feat' lacks documentation",
  },
  {
    name: 'a doc error in the parser beats every later check',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'a': 'Nope' } }", '##', '# @Bar:', '#', '# @b:', '##', "{ 'struct': 'Bar', 'data': {} }") },
    error: "x.json:5: text required after 'Member:'",
  },

  // ---- Accepted docs and their dump -------------------------------------------------------------------
  {
    name: 'command doc with body, members, features and tagged sections',
    files: {
      'x.json': lines(
        "{ 'struct': 'Result', 'data': { 'r': 'int' } }",
        '##',
        '# @do-thing:',
        '#',
        '# Does the thing.',
        '#',
        '# @arg: the argument',
        '#',
        '# @opt:',
        '#     described on the next line,',
        '#     and more',
        '#',
        '# Features:',
        '#',
        '# @unstable: not stable yet',
        '#',
        '# Returns: the result',
        '#',
        '# Errors: when it fails',
        '#',
        '# TODO: make it faster',
        '#',
        '# TODO: and smaller',
        '#',
        '# Since: 10.2',
        '##',
        "{ 'command': 'do-thing', 'data': { 'arg': 'int', '*opt': 'str' },",
        "  'returns': 'Result', 'features': [ 'unstable' ] }",
      ),
    },
    out: lines(
      'module x.json',
      'object Result',
      '    member r: int optional=False',
      'object q_obj_do-thing-arg',
      '    member arg: int optional=False',
      '    member opt: str optional=True',
      'command do-thing q_obj_do-thing-arg -> Result',
      '    gen=True success_response=True boxed=False oob=False preconfig=False',
      '    feature unstable',
      'doc symbol=do-thing',
      '    body=',
      'Does the thing.',
      '    arg=arg',
      'the argument',
      '    arg=opt',
      '    described on the next line,',
      '    and more',
      '    feature=unstable',
      'not stable yet',
      '    section=Returns',
      'the result',
      '    section=Errors',
      'when it fails',
      '    section=Todo',
      'make it faster',
      '    section=Todo',
      'and smaller',
      '    section=Since',
      '10.2',
    ),
  },
  {
    name: 'paragraphs: body, plain sections, one blank line between joined paragraphs',
    files: {
      'x.json': lines(
        '##',
        '# @Foo:',
        '#',
        '# First paragraph',
        '# continues here.',
        '#',
        '#',
        '# Second paragraph.',
        '#',
        '# @a: member a',
        '#',
        '# Trailing text after members.',
        '#',
        '#',
        '# Another trailing paragraph.',
        '#',
        '# Since: 1.0',
        '#',
        '# Final plain paragraph.',
        '##',
        STRUCT_FOO,
      ),
    },
    out: lines(
      'module x.json',
      'object Foo',
      '    member a: int optional=False',
      'doc symbol=Foo',
      '    body=',
      'First paragraph',
      'continues here.',
      '',
      'Second paragraph.',
      '    arg=a',
      'member a',
      '    section=Plain',
      'Trailing text after members.',
      '',
      'Another trailing paragraph.',
      '    section=Since',
      '1.0',
      '    section=Plain',
      'Final plain paragraph.',
    ),
  },
  {
    name: 'descriptions: text on the next line after a blank keeps its indentation',
    files: {
      'x.json': lines('##', '# @Foo:', '# Overview right after the symbol.', '#', '# @a:', '#', '#   on a later line', '#   continued', '##', STRUCT_FOO),
    },
    out: lines(
      'module x.json',
      'object Foo',
      '    member a: int optional=False',
      'doc symbol=Foo',
      '    body=',
      'Overview right after the symbol.',
      '    arg=a',
      '  on a later line',
      '  continued',
    ),
  },
  {
    name: 'blank lines between feature descriptions; Features may follow Since',
    files: {
      'x.json': lines(
        '##',
        '# @Foo:',
        '#',
        '# Since: 3.0',
        '#',
        '# Features:',
        '#',
        '# @feat-a: first',
        '#',
        '# @feat-b: second',
        '##',
        "{ 'struct': 'Foo', 'data': {}, 'features': [ 'feat-a', 'feat-b' ] }",
      ),
    },
    out: lines(
      'module x.json',
      'object Foo',
      '    feature feat-a',
      '    feature feat-b',
      'doc symbol=Foo',
      '    body=',
      '',
      '    feature=feat-a',
      'first',
      '    feature=feat-b',
      'second',
      '    section=Since',
      '3.0',
    ),
  },
  {
    name: 'enum value features and definition features are documented under Features',
    files: {
      'x.json': lines(
        '##',
        '# @Color:',
        '#',
        '# @red: red',
        '#',
        '# @blue: blue',
        '#',
        '# Features:',
        '# @vfeat: a value feature',
        '# @efeat: the enum feature',
        '##',
        "{ 'enum': 'Color', 'data': [ { 'name': 'red', 'features': [ 'vfeat' ] }, 'blue' ],",
        "  'features': [ 'efeat' ] }",
      ),
    },
    out: lines(
      'module x.json',
      'enum Color',
      '    member red',
      '        feature vfeat',
      '    member blue',
      '    feature efeat',
      'doc symbol=Color',
      '    body=',
      '',
      '    arg=red',
      'red',
      '    arg=blue',
      'blue',
      '    feature=vfeat',
      'a value feature',
      '    feature=efeat',
      'the enum feature',
    ),
  },
  {
    name: 'member features documented under Features',
    files: {
      'x.json': lines(
        '##',
        '# @Foo:',
        '#',
        '# @a: the a',
        '#',
        '# Features:',
        '# @deprecated: member a is deprecated',
        '##',
        "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'features': [ 'deprecated' ] } } }",
      ),
    },
    out: lines(
      'module x.json',
      'object Foo',
      '    member a: int optional=False',
      '        feature deprecated',
      'doc symbol=Foo',
      '    body=',
      '',
      '    arg=a',
      'the a',
      '    feature=deprecated',
      'member a is deprecated',
    ),
  },
  {
    name: 'documentation-exceptions: undocumented members get empty stubs after the documented ones',
    files: {
      'x.json': lines(
        "{ 'pragma': { 'documentation-exceptions': [ 'Foo' ] } }",
        '##',
        '# @Foo:',
        '#',
        '# @b: documented',
        '#',
        '# Since: 2.0',
        '##',
        "{ 'struct': 'Foo', 'data': { 'a': 'int', 'b': 'str', 'c': 'bool' } }",
      ),
    },
    out: lines(
      'module x.json',
      'object Foo',
      '    member a: int optional=False',
      '    member b: str optional=False',
      '    member c: bool optional=False',
      'doc symbol=Foo',
      '    body=',
      '',
      '    arg=b',
      'documented',
      '    arg=a',
      '',
      '    arg=c',
      '',
      '    section=Since',
      '2.0',
    ),
  },
  {
    name: "'Note::', 'Examples::' and lowercase tags are plain text",
    files: {
      'x.json': lines('##', '# @Foo:', '#', '# Note:: not a section', '#', '# Examples::', '#', '# since: lowercase', '#', '# Todo: mixed case', '##', "{ 'struct': 'Foo', 'data': {} }"),
    },
    out: lines(
      'module x.json',
      'object Foo',
      'doc symbol=Foo',
      '    body=',
      'Note:: not a section',
      '',
      'Examples::',
      '',
      'since: lowercase',
      '',
      'Todo: mixed case',
    ),
  },
  {
    name: 'a Since section ends at an unindented line, which starts a plain section',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# Since: 4.0', '# Trailing words', '##', "{ 'struct': 'Foo', 'data': {} }") },
    out: lines('module x.json', 'object Foo', 'doc symbol=Foo', '    body=', '', '    section=Since', '4.0', '    section=Plain', 'Trailing words'),
  },
  {
    name: 'doc symbols are compared verbatim (unusual definition names)',
    files: {
      'x.json': lines('##', '# @__org.qemu_x-Thing:', '#', '# @__org.qemu_a: downstream member', '##', "{ 'struct': '__org.qemu_x-Thing', 'data': { '__org.qemu_a': 'int' } }"),
    },
    out: lines(
      'module x.json',
      'object __org.qemu_x-Thing',
      '    member __org.qemu_a: int optional=False',
      'doc symbol=__org.qemu_x-Thing',
      '    body=',
      '',
      '    arg=__org.qemu_a',
      'downstream member',
    ),
  },

  // ---- Python's notion of characters, whitespace and word boundaries ---------------------
  {
    name: 'two-spaces column counts code points (astral character before the sentence end)',
    files: { 'x.json': lines('##', '# \ud83d\ude00 Smile. Next', '##') },
    error: `x.json:2:11: ${TWO_SPACES}`,
  },
  {
    name: 'two-spaces column follows the tab bug',
    files: { 'x.json': lines('##', '# a\tb. Next', '##') },
    error: `x.json:2:6: ${TWO_SPACES}`,
  },
  {
    name: "a tab before a doc line's '#' adds nothing to the column",
    files: { 'x.json': lines('##', '# Intro', '\t#Oops', '##') },
    error: 'x.json:3:1: missing space after #',
  },
  {
    name: 'trailing characters Python treats as whitespace do not count toward the line length',
    files: { 'x.json': lines('##', `# ${TEXT66}..\u001f\u001f\u001f`, '##') },
    out: lines('module x.json', 'doc freeform', '    body=', `${TEXT66}..`),
  },
  {
    name: 'a line-leading numbered item may use any Unicode digit',
    files: { 'x.json': lines('##', '# \u0663. Foo', '##') },
    out: lines('module x.json', 'doc freeform', '    body=', '\u0663. Foo'),
  },
  {
    name: "'e.g.' needs a word boundary before it, with non-ASCII letters as word characters",
    files: { 'x.json': lines('##', '# Caf\u00e9e.g. Foo', '##') },
    error: `x.json:2:11: ${TWO_SPACES}`,
  },
  {
    name: "trailing spaces after the closing '##' are junk",
    files: { 'x.json': lines('##', '# Intro', '##  ') },
    error: "x.json:3:1: junk after '##' at end of documentation comment",
  },
  {
    name: "trailing spaces after the opening '##' are junk",
    files: { 'x.json': lines('##  ', '# Intro', '##') },
    error: "x.json:1:1: junk after '##' at start of documentation comment",
  },
  {
    name: 'the first continuation line fixes the indent even after blank lines',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: x', '#', '#   y', '# z', '##', STRUCT_FOO) },
    error: 'x.json:7:1: unexpected de-indent (expected at least 2 spaces)',
  },
  {
    name: 'a blank line after the first continuation line allows a de-indented paragraph',
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: x', '#   y', '#', '# z', '##', STRUCT_FOO) },
    out: lines('module x.json', 'object Foo', '    member a: int optional=False', 'doc symbol=Foo', '    body=', '', '    arg=a', 'x', '  y', '    section=Plain', 'z'),
  },
  {
    name: "an '@name:' anywhere at the start of a section line names a member, spaces included",
    files: { 'x.json': lines('##', '# @Foo:', '#', '# @a: the a', '#', '# @foo is cool: really', '##', STRUCT_FOO) },
    error: "x.json:6: documented member 'foo is cool' does not exist",
  },
  {
    name: 'doc symbols may contain spaces (then they never match)',
    files: { 'x.json': lines('##', '# @Foo Bar:', '##', STRUCT_FOO) },
    error: "x.json: In struct 'Foo':\nx.json:4: documentation comment is for 'Foo Bar'",
  },
  {
    name: 'two-spaces column ignores the indentation before the # (QEMU computes it from the line start)',
    files: { 'x.json': lines('  ##', '  # First. Second', '  ##') },
    error: `x.json:2:9: ${TWO_SPACES}`,
  },
  {
    name: 'two-spaces column with a tab before the #',
    files: { 'x.json': lines('\t##', '\t# First. Second', '\t##') },
    error: `x.json:2:8: ${TWO_SPACES}`,
  },
  {
    name: 'empty and blank-only doc blocks are free-form with an empty body',
    files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", '##', '##', '##', '#', '#', '##') },
    out: lines('module x.json', 'enum Color', 'doc freeform', '    body=', '', 'doc freeform', '    body=', ''),
  },
  {
    name: 'an empty doc block directly before a definition is free-form',
    files: { 'x.json': lines('##', '##', STRUCT_FOO) },
    error: 'x.json:1: definition documentation required',
  },
  {
    name: "a symbol line ending in '::' names a symbol ending in ':'",
    files: { 'x.json': lines('##', '# @Foo::', '##', STRUCT_FOO) },
    error: "x.json: In struct 'Foo':\nx.json:4: documentation comment is for 'Foo:'",
  },

  // ---- ordering around doc placement ---------------------------------------------------------
  {
    name: 'a definition doc left dangling at the end of an included file',
    files: { 'x.json': lines("{ 'include': 'sub.json' }", STRUCT_FOO), 'sub.json': lines("{ 'enum': 'Color', 'data': [] }", '##', '# @Foo:', '##') },
    error: "In file included from x.json:1:\nsub.json:2: documentation for 'Foo' is not followed by the definition",
  },
  {
    name: 'the expression after a free-form doc is parsed before the placement check',
    files: { 'x.json': lines('##', '# Just text', '##', "{ 'struct' }") },
    error: "x.json:4:12: expected ':'",
  },
  {
    name: 'a non-object after a definition doc is reported before the placement check',
    files: { 'x.json': lines('##', '# @Foo:', '##', "[ 'Foo' ]") },
    error: 'x.json:4: top-level expression must be an object',
  },
  {
    name: 'placement is checked before the include directive itself',
    files: { 'x.json': lines('##', '# @Foo:', '##', "{ 'include': 'sub.json', 'bogus': true }") },
    error: "x.json:1: documentation for 'Foo' is not followed by the definition",
  },
  {
    name: 'doc-required: the name check comes first',
    files: { 'x.json': lines("{ 'pragma': { 'doc-required': true } }", "{ 'struct': 'foo', 'data': {} }") },
    error: "x.json: In struct 'foo':\nx.json:2: name of struct must use CamelCase",
  },
  {
    name: 'doc-required is satisfied by any definition doc; the symbol must still match',
    files: { 'x.json': lines("{ 'pragma': { 'doc-required': true } }", '##', '# @Bar:', '##', "{ 'struct': 'Foo', 'data': {} }") },
    error: "x.json: In struct 'Foo':\nx.json:5: documentation comment is for 'Bar'",
  },
  {
    name: 'indented tags, Features: and @names are plain text',
    files: { 'x.json': lines('##', '# @Foo:', '#', '#  Features:', '#  Since: 1.0', '#  @a: not a member', '##', "{ 'struct': 'Foo', 'data': {} }") },
    out: lines('module x.json', 'object Foo', 'doc symbol=Foo', '    body=', ' Features:', ' Since: 1.0', ' @a: not a member'),
  },
  {
    name: "an alternate's implicit tag member 'type' is not documentable",
    files: { 'x.json': lines('##', '# @Alt:', '#', '# @type: the tag', '# @i: an int', '##', "{ 'alternate': 'Alt', 'data': { 'i': 'int' } }") },
    error: "x.json:4: documented member 'type' does not exist",
  },
];


describe('doc comments', () => {
  test('case names are unique', () => assertUniqueNames(CASES));
  test.each(CASES)('$name', (c) => checkCase(c));
});

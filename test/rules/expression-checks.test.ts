/**
 * Context-free expression checks (expr.py; catalogue table E and the order
 * of §2.2 step 2): meta keys, names, key sets, flags, 'if' conditions,
 * features, type references, reserved names, and which error wins.
 */
import { describe, expect, test } from '@jest/globals';
import { assertUniqueNames, checkCase, lines, runCase, type RuleCase } from './harness.js';

const META_KEYS = "expression must have exactly one key 'enum', 'struct', 'union', 'alternate', 'command', 'event'";
const COMMAND_KEYS =
  "'allow-oob', 'allow-preconfig', 'boxed', 'command', 'coroutine', 'data', 'features', 'gen', 'if', 'returns', 'success-response'";
/** Single-file case reporting in definition `meta 'name'` at line 1. */
const one = (name: string, text: string, meta: string, defn: string, message: string): RuleCase => ({
  name,
  files: { 'x.json': lines(text) },
  error: `x.json: In ${meta} '${defn}':\nx.json:1: ${message}`,
});

export const CASES: RuleCase[] = [
  // ---- meta keys and definition names ------------------------------------------------
  { name: 'two meta keys', files: { 'x.json': lines("{ 'enum': 'Color', 'struct': 'Color', 'data': [] }") }, error: `x.json:1: ${META_KEYS}` },
  { name: 'no meta key', files: { 'x.json': lines("{ 'enum': 'Color', 'data': [] }", "{ 'data': {} }") }, error: `x.json:2: ${META_KEYS}` },
  {
    name: 'meta key count is checked before the name type',
    files: { 'x.json': lines("{ 'event': [ 'EV' ], 'command': 'ev' }") },
    error: `x.json:1: ${META_KEYS}`,
  },
  { name: "'struct' requires a string name", files: { 'x.json': lines("{ 'struct': [ 'Foo' ], 'data': {} }") }, error: "x.json:1: 'struct' requires a string name" },
  { name: "'enum' requires a string name", files: { 'x.json': lines("{ 'enum': true, 'data': [] }") }, error: "x.json:1: 'enum' requires a string name" },
  { name: "'union' requires a string name", files: { 'x.json': lines("{ 'union': {}, 'base': 'B', 'discriminator': 'k', 'data': {} }") }, error: "x.json:1: 'union' requires a string name" },
  { name: "'alternate' requires a string name", files: { 'x.json': lines("{ 'alternate': [], 'data': { 'a': 'int' } }") }, error: "x.json:1: 'alternate' requires a string name" },
  { name: "'command' requires a string name", files: { 'x.json': lines("{ 'command': false }") }, error: "x.json:1: 'command' requires a string name" },
  { name: "'event' requires a string name", files: { 'x.json': lines("{ 'event': [ 'EV' ] }") }, error: "x.json:1: 'event' requires a string name" },
  one('invalid struct name', "{ 'struct': 'Foo Bar', 'data': {} }", 'struct', 'Foo Bar', 'struct has an invalid name'),
  one('invalid enum name (leading underscore)', "{ 'enum': '_Color', 'data': [] }", 'enum', '_Color', 'enum has an invalid name'),
  one("invalid union name (reserved 'q_' prefix)", "{ 'union': 'q_Thing', 'base': 'B', 'discriminator': 'k', 'data': {} }", 'union', 'q_Thing', 'union has an invalid name'),
  one('invalid alternate name (dot in the stem)', "{ 'alternate': 'Alt.Ernate', 'data': { 'a': 'int' } }", 'alternate', 'Alt.Ernate', 'alternate has an invalid name'),
  one('invalid event name (leading digit)', "{ 'event': '9LIVES' }", 'event', '9LIVES', 'event has an invalid name'),
  one("invalid event name (c_name starts with 'q_')", "{ 'event': 'q-FOO' }", 'event', 'q-FOO', 'event has an invalid name'),
  one("invalid command name (c_name starts with 'q_')", "{ 'command': 'q-cmd' }", 'command', 'q-cmd', 'command has an invalid name'),
  one('event names must not use lowercase', "{ 'event': 'Ev' }", 'event', 'Ev', "name of event must not use lowercase or '-'"),
  one("event names must not use '-'", "{ 'event': 'EV-X' }", 'event', 'EV-X', "name of event must not use lowercase or '-'"),
  one('command names must not use uppercase', "{ 'command': 'doIt' }", 'command', 'doIt', "name of command must not use uppercase or '_'"),
  one("command names must not use '_'", "{ 'command': 'do_it' }", 'command', 'do_it', "name of command must not use uppercase or '_'"),
  one("the 'x-' prefix is not part of the stem", "{ 'command': 'x-Do' }", 'command', 'x-Do', "name of command must not use uppercase or '_'"),
  {
    name: 'command-name-exceptions permits underscore but not uppercase',
    files: { 'x.json': lines("{ 'pragma': { 'command-name-exceptions': [ 'Do_it' ] } }", "{ 'command': 'Do_it' }") },
    error: "x.json: In command 'Do_it':\nx.json:2: name of command must not use uppercase or '_'",
  },
  one('type names must be CamelCase (all caps)', "{ 'enum': 'COLOR', 'data': [] }", 'enum', 'COLOR', 'name of enum must use CamelCase'),
  one('type names must be CamelCase (single letter)', "{ 'alternate': 'A', 'data': { 'a': 'int' } }", 'alternate', 'A', 'name of alternate must use CamelCase'),
  one('type names must be CamelCase (underscore)', "{ 'struct': 'Foo_Bar', 'data': {} }", 'struct', 'Foo_Bar', 'name of struct must use CamelCase'),
  one('type names must be CamelCase (dash)', "{ 'union': 'Foo-Bar', 'base': 'B', 'discriminator': 'k', 'data': {} }", 'union', 'Foo-Bar', 'name of union must use CamelCase'),
  one("type names must not end in 'List'", "{ 'enum': 'ColorList', 'data': [] }", 'enum', 'ColorList', "enum name should not end in 'List'"),
  one("'List' alone is also reserved", "{ 'alternate': 'List', 'data': { 'a': 'int' } }", 'alternate', 'List', "alternate name should not end in 'List'"),

  // ---- member, value, feature and branch names --------------------------------------
  one('invalid member name', "{ 'struct': 'Foo', 'data': { 'a b': 'int' } }", 'struct', 'Foo', "'data' member 'a b' has an invalid name"),
  one('invalid enum value name', "{ 'enum': 'Color', 'data': [ 'q-red' ] }", 'enum', 'Color', "'data' member 'q-red' has an invalid name"),
  one('invalid inline base member name', "{ 'union': 'Uni', 'base': { '9kind': 'Kind' }, 'discriminator': 'kind', 'data': {} }", 'union', 'Uni', "'base' member '9kind' has an invalid name"),
  one('invalid feature name', "{ 'command': 'foo', 'features': [ 'q-x' ] }", 'command', 'foo', "'features' member 'q-x' has an invalid name"),
  one('uppercase member name', "{ 'struct': 'Foo', 'data': { 'Arg': 'int' } }", 'struct', 'Foo', "name of 'data' member 'Arg' must not use uppercase or '_'"),
  one("an optional member's name keeps its '*' in messages", "{ 'event': 'EV', 'data': { '*Arg': 'int' } }", 'event', 'EV', "name of 'data' member '*Arg' must not use uppercase or '_'"),
  one("'has_x' trips the underscore rule before the reserved-name rule", "{ 'struct': 'Foo', 'data': { 'has_x': 'int' } }", 'struct', 'Foo', "name of 'data' member 'has_x' must not use uppercase or '_'"),
  one('uppercase enum value', "{ 'enum': 'Color', 'data': [ 'Red' ] }", 'enum', 'Color', "name of 'data' member 'Red' must not use uppercase or '_'"),
  one("enum values may start with a digit, but the rest is still checked", "{ 'enum': 'Color', 'data': [ '1st', '2nd_x' ] }", 'enum', 'Color', "name of 'data' member '2nd_x' must not use uppercase or '_'"),
  one('uppercase feature name', "{ 'struct': 'Foo', 'data': {}, 'features': [ 'Feat' ] }", 'struct', 'Foo', "name of 'features' member 'Feat' must not use uppercase or '_'"),
  one("underscore in a feature name", "{ 'command': 'foo', 'features': [ { 'name': 'my_feat' } ] }", 'command', 'foo', "name of 'features' member 'my_feat' must not use uppercase or '_'"),
  one('uppercase inline base member name', "{ 'union': 'Uni', 'base': { 'kind': 'Kind', 'Bad': 'int' }, 'discriminator': 'kind', 'data': {} }", 'union', 'Uni', "name of 'base' member 'Bad' must not use uppercase or '_'"),
  one('uppercase alternate branch name', "{ 'alternate': 'Alt', 'data': { 'Str': 'str' } }", 'alternate', 'Alt', "name of 'data' member 'Str' must not use uppercase or '_'"),
  {
    name: 'member-name-exceptions does not apply to alternate branches',
    files: { 'x.json': lines("{ 'pragma': { 'member-name-exceptions': [ 'Alt' ] } }", "{ 'alternate': 'Alt', 'data': { 'Str': 'str' } }") },
    error: "x.json: In alternate 'Alt':\nx.json:2: name of 'data' member 'Str' must not use uppercase or '_'",
  },
  {
    name: 'member-name-exceptions does not apply to command arguments',
    files: { 'x.json': lines("{ 'pragma': { 'member-name-exceptions': [ 'do-it' ] } }", "{ 'command': 'do-it', 'data': { 'Arg': 'int' } }") },
    error: "x.json: In command 'do-it':\nx.json:2: name of 'data' member 'Arg' must not use uppercase or '_'",
  },
  {
    name: 'member-name-exceptions does not apply to features',
    files: { 'x.json': lines("{ 'pragma': { 'member-name-exceptions': [ 'Foo' ] } }", "{ 'struct': 'Foo', 'data': { 'Ok_Here': 'int' }, 'features': [ 'Not_Here' ] }") },
    error: "x.json: In struct 'Foo':\nx.json:2: name of 'features' member 'Not_Here' must not use uppercase or '_'",
  },
  {
    name: 'member-name-exceptions is keyed by the type it names',
    files: { 'x.json': lines("{ 'pragma': { 'member-name-exceptions': [ 'Foo' ] } }", "{ 'struct': 'Bar', 'data': { 'Bad_Name': 'int' } }") },
    error: "x.json: In struct 'Bar':\nx.json:2: name of 'data' member 'Bad_Name' must not use uppercase or '_'",
  },
  one("reserved member name 'u'", "{ 'struct': 'Foo', 'data': { 'u': 'int' } }", 'struct', 'Foo', "'data' member 'u' uses reserved name"),
  one("reserved member name '*u'", "{ 'command': 'foo', 'data': { '*u': 'int' } }", 'command', 'foo', "'data' member '*u' uses reserved name"),
  one("reserved member name 'has-x'", "{ 'event': 'EV', 'data': { 'has-x': 'int' } }", 'event', 'EV', "'data' member 'has-x' uses reserved name"),
  one("reserved inline base member name 'u'", "{ 'union': 'Uni', 'base': { 'u': 'Kind' }, 'discriminator': 'u', 'data': {} }", 'union', 'Uni', "'base' member 'u' uses reserved name"),

  // ---- check_keys --------------------------------------------------------------------------
  one('struct misses its data', "{ 'struct': 'Foo' }", 'struct', 'Foo', "struct misses key 'data'"),
  one('missing keys are reported before unknown keys', "{ 'alternate': 'Alt', 'bogus': true }", 'alternate', 'Alt', "alternate misses key 'data'"),
  one('union misses three keys (sorted, plural)', "{ 'union': 'Uni' }", 'union', 'Uni', "union misses keys 'base', 'data', 'discriminator'"),
  one('union misses one key', "{ 'union': 'Uni', 'base': 'Base', 'data': {} }", 'union', 'Uni', "union misses key 'discriminator'"),
  one('command with unknown keys (sorted, plural)', "{ 'command': 'foo', 'returns-type': 'int', 'arguments': {} }", 'command', 'foo', `command has unknown keys 'arguments', 'returns-type'\nValid keys are ${COMMAND_KEYS}.`),
  one('event with command-only keys', "{ 'event': 'EV', 'returns': 'Foo', 'gen': false }", 'event', 'EV', "event has unknown keys 'gen', 'returns'\nValid keys are 'boxed', 'data', 'event', 'features', 'if'."),
  one("enum with a 'base'", "{ 'enum': 'Color', 'data': [], 'base': 'Foo' }", 'enum', 'Color', "enum has unknown key 'base'\nValid keys are 'data', 'enum', 'features', 'if', 'prefix'."),
  one("union with a 'prefix'", "{ 'union': 'Uni', 'base': 'B', 'discriminator': 'k', 'data': {}, 'prefix': 'U' }", 'union', 'Uni', "union has unknown key 'prefix'\nValid keys are 'base', 'data', 'discriminator', 'features', 'if', 'union'."),
  one('struct member dict misses its type', "{ 'struct': 'Foo', 'data': { 'a': { 'if': 'HAVE_A' } } }", 'struct', 'Foo', "'data' member 'a' misses key 'type'"),
  one('command argument dict misses its type', "{ 'command': 'foo', 'data': { '*a': { 'features': [] } } }", 'command', 'foo', "'data' member '*a' misses key 'type'"),
  one('inline base member dict misses its type', "{ 'union': 'Uni', 'base': { 'kind': {} }, 'discriminator': 'kind', 'data': {} }", 'union', 'Uni', "'base' member 'kind' misses key 'type'"),
  one('alternate branch dict misses its type', "{ 'alternate': 'Alt', 'data': { 'a': { 'if': 'X' } } }", 'alternate', 'Alt', "'data' member 'a' misses key 'type'"),
  one('enum value dict misses its name', "{ 'enum': 'Color', 'data': [ { 'if': 'HAVE_RED' } ] }", 'enum', 'Color', "'data' member misses key 'name'"),
  one('feature dict misses its name', "{ 'event': 'EV', 'features': [ { 'if': 'X' } ] }", 'event', 'EV', "'features' member misses key 'name'"),
  one('struct member dict with an unknown key', "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'default': 'x' } } }", 'struct', 'Foo', "'data' member 'a' has unknown key 'default'\nValid keys are 'features', 'if', 'type'."),
  one('union branches may not have features', "{ 'union': 'Uni', 'base': 'B', 'discriminator': 'k', 'data': { 'one': { 'type': 'One', 'features': [] } } }", 'union', 'Uni', "'data' member 'one' has unknown key 'features'\nValid keys are 'if', 'type'."),
  one('alternate branches may not have features', "{ 'alternate': 'Alt', 'data': { 'a': { 'type': 'int', 'features': [] } } }", 'alternate', 'Alt', "'data' member 'a' has unknown key 'features'\nValid keys are 'if', 'type'."),
  one('enum value dict with an unknown key (reported before the name is known)', "{ 'enum': 'Color', 'data': [ { 'name': 'red', 'doc': 'x' } ] }", 'enum', 'Color', "'data' member has unknown key 'doc'\nValid keys are 'features', 'if', 'name'."),
  one('feature dict with an unknown key', "{ 'struct': 'Foo', 'data': {}, 'features': [ { 'name': 'f', 'since': '1.0' } ] }", 'struct', 'Foo', "'features' member has unknown key 'since'\nValid keys are 'if', 'name'."),
  one('enum value name must be a string', "{ 'enum': 'Color', 'data': [ 'red', [ 'green' ] ] }", 'enum', 'Color', "'data' member requires a string name"),
  one('enum value dict name must be a string', "{ 'enum': 'Color', 'data': [ { 'name': true } ] }", 'enum', 'Color', "'data' member requires a string name"),
  one('feature name must be a string', "{ 'command': 'foo', 'features': [ [ 'feat' ] ] }", 'command', 'foo', "'features' member requires a string name"),
  one('discriminator must be a string', "{ 'union': 'Uni', 'base': 'Base', 'discriminator': [ 'kind' ], 'data': {} }", 'union', 'Uni', "'discriminator' requires a string name"),

  // ---- flags ------------------------------------------------------------------------------------
  one("'success-response' may only be false", "{ 'command': 'foo', 'success-response': true }", 'command', 'foo', "flag 'success-response' may only use false value"),
  one("'gen' may only be false (string)", "{ 'command': 'foo', 'gen': 'no' }", 'command', 'foo', "flag 'gen' may only use false value"),
  one("'coroutine' may only be true", "{ 'command': 'foo', 'coroutine': false }", 'command', 'foo', "flag 'coroutine' may only use true value"),
  one("'allow-oob' may only be true", "{ 'command': 'foo', 'allow-oob': false }", 'command', 'foo', "flag 'allow-oob' may only use true value"),
  one("'allow-preconfig' may only be true", "{ 'command': 'foo', 'allow-preconfig': 'yes' }", 'command', 'foo', "flag 'allow-preconfig' may only use true value"),
  one("'boxed' may only be true", "{ 'command': 'foo', 'boxed': false }", 'command', 'foo', "flag 'boxed' may only use true value"),
  one("'boxed' on an event may only be true", "{ 'event': 'EV', 'data': 'Foo', 'boxed': 'yes' }", 'event', 'EV', "flag 'boxed' may only use true value"),
  one("'gen' is checked before 'boxed'", "{ 'command': 'foo', 'boxed': false, 'gen': true }", 'command', 'foo', "flag 'gen' may only use false value"),
  one("'allow-oob' and 'coroutine' are incompatible", "{ 'command': 'foo', 'allow-oob': true, 'coroutine': true }", 'command', 'foo', "flags 'allow-oob' and 'coroutine' are incompatible"),
  one("'boxed': true without 'data' (command)", "{ 'command': 'foo', 'boxed': true }", 'command', 'foo', "'boxed': true requires 'data'"),
  one("a truthy non-boolean 'boxed' without 'data' fails the data check first", "{ 'command': 'foo', 'boxed': 'yes' }", 'command', 'foo', "'boxed': true requires 'data'"),

  // ---- 'if' conditions --------------------------------------------------------------------------
  one('lowercase condition', "{ 'struct': 'Foo', 'data': {}, 'if': 'defined_x' }", 'struct', 'Foo', "'if' condition 'defined_x' of struct is not a valid identifier"),
  one('condition with a dash', "{ 'command': 'foo', 'if': 'HAVE-FOO' }", 'command', 'foo', "'if' condition 'HAVE-FOO' of command is not a valid identifier"),
  one('condition starting with a digit', "{ 'event': 'EV', 'if': '1FOO' }", 'event', 'EV', "'if' condition '1FOO' of event is not a valid identifier"),
  one('condition as a list (old syntax)', "{ 'enum': 'Color', 'data': [], 'if': [ 'HAVE_COLOR' ] }", 'enum', 'Color', "'if' condition of enum must be a string or an object"),
  one('condition as a boolean', "{ 'alternate': 'Alt', 'data': { 'a': 'int' }, 'if': true }", 'alternate', 'Alt', "'if' condition of alternate must be a string or an object"),
  one('condition with two operators', "{ 'struct': 'Foo', 'data': {}, 'if': { 'all': [ 'A' ], 'any': [ 'B' ] } }", 'struct', 'Foo', "'if' condition of struct has conflicting keys"),
  one('an empty condition object has conflicting keys', "{ 'struct': 'Foo', 'data': {}, 'if': {} }", 'struct', 'Foo', "'if' condition of struct has conflicting keys"),
  one('condition with an unknown operator', "{ 'struct': 'Foo', 'data': {}, 'if': { 'and': [ 'A' ] } }", 'struct', 'Foo', "'if' condition of struct has unknown key 'and'\nValid keys are 'all', 'any', 'not'."),
  one("'all' must be an array", "{ 'struct': 'Foo', 'data': {}, 'if': { 'all': 'A' } }", 'struct', 'Foo', "'all' condition of struct must be an array"),
  one("'any' must be an array", "{ 'command': 'foo', 'if': { 'any': { 'not': 'A' } } }", 'command', 'foo', "'any' condition of command must be an array"),
  one("empty 'any' is useless", "{ 'struct': 'Foo', 'data': {}, 'if': { 'any': [] } }", 'struct', 'Foo', "'if' condition [] of struct is useless"),
  one("nested condition errors name the definition ('not' of 'all')", "{ 'struct': 'Foo', 'data': {}, 'if': { 'not': { 'all': [ 'A', 'b' ] } } }", 'struct', 'Foo', "'if' condition 'b' of struct is not a valid identifier"),
  one("'not' takes a condition, not a list", "{ 'struct': 'Foo', 'data': {}, 'if': { 'not': [ 'A' ] } }", 'struct', 'Foo', "'if' condition of struct must be a string or an object"),
  one('nested unknown operator', "{ 'struct': 'Foo', 'data': {}, 'if': { 'any': [ 'A', { 'or': [ 'B' ] } ] } }", 'struct', 'Foo', "'if' condition of struct has unknown key 'or'\nValid keys are 'all', 'any', 'not'."),
  one('condition of a struct member', "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'if': 'have_a' } } }", 'struct', 'Foo', "'if' condition 'have_a' of 'data' member 'a' is not a valid identifier"),
  one('condition of an optional command argument', "{ 'command': 'foo', 'data': { '*a': { 'type': 'int', 'if': [] } } }", 'command', 'foo', "'if' condition of 'data' member '*a' must be a string or an object"),
  one('condition of an enum value', "{ 'enum': 'Color', 'data': [ { 'name': 'red', 'if': { 'all': [] } } ] }", 'enum', 'Color', "'if' condition [] of 'data' member 'red' is useless"),
  one('condition of a feature', "{ 'struct': 'Foo', 'data': {}, 'features': [ { 'name': 'feat', 'if': 'x' } ] }", 'struct', 'Foo', "'if' condition 'x' of 'features' member 'feat' is not a valid identifier"),
  one('condition of a union branch', "{ 'union': 'Uni', 'base': 'B', 'discriminator': 'k', 'data': { 'one': { 'type': 'One', 'if': { 'not': '' } } } }", 'union', 'Uni', "'if' condition '' of 'data' member 'one' is not a valid identifier"),
  one('condition of an alternate branch', "{ 'alternate': 'Alt', 'data': { 'a': { 'type': 'int', 'if': { 'any': 'A' } } } }", 'alternate', 'Alt', "'any' condition of 'data' member 'a' must be an array"),
  one('condition of an inline base member', "{ 'union': 'Uni', 'base': { 'kind': { 'type': 'Kind', 'if': 'lower' } }, 'discriminator': 'kind', 'data': {} }", 'union', 'Uni', "'if' condition 'lower' of 'base' member 'kind' is not a valid identifier"),

  // ---- features --------------------------------------------------------------------------------------
  one("definition 'features' must be an array", "{ 'struct': 'Foo', 'data': {}, 'features': 'feat' }", 'struct', 'Foo', "'features' must be an array"),
  one("member 'features' must be an array", "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'features': 'feat' } } }", 'struct', 'Foo', "'features' must be an array"),
  one("enum value 'features' must be an array", "{ 'enum': 'Color', 'data': [ { 'name': 'red', 'features': {} } ] }", 'enum', 'Color', "'features' must be an array"),

  // ---- kind-specific shape checks ------------------------------------------------------------------
  one("enum 'data' must be an array", "{ 'enum': 'Color', 'data': { 'red': 'int' } }", 'enum', 'Color', "'data' must be an array"),
  one("enum 'prefix' must be a string", "{ 'enum': 'Color', 'data': [], 'prefix': [ 'C' ] }", 'enum', 'Color', "'prefix' must be a string"),
  one("union 'data' must be an object", "{ 'union': 'Uni', 'base': 'Base', 'discriminator': 'kind', 'data': [ 'one' ] }", 'union', 'Uni', "'data' must be an object"),
  one("alternate 'data' must be an object", "{ 'alternate': 'Alt', 'data': 'int' }", 'alternate', 'Alt', "'data' must be an object"),
  one("alternate 'data' must not be empty", "{ 'alternate': 'Alt', 'data': {} }", 'alternate', 'Alt', "'data' must not be empty"),
  one("an empty list also hits the alternate emptiness check first", "{ 'alternate': 'Alt', 'data': [] }", 'alternate', 'Alt', "'data' must not be empty"),
  one("struct 'data' as a type name is rejected (misleading message)", "{ 'struct': 'Foo', 'data': 'Bar' }", 'struct', 'Foo', "'data' should be an object or type name"),
  one("struct 'data' as a list", "{ 'struct': 'Foo', 'data': [ 'a' ] }", 'struct', 'Foo', "'data' should be an object or type name"),
  one("command 'data' as a list", "{ 'command': 'foo', 'data': [ 'Args' ] }", 'command', 'foo', "'data' should be an object or type name"),
  one("command 'data' as a boolean", "{ 'command': 'foo', 'data': true }", 'command', 'foo', "'data' should be an object or type name"),
  one("event 'data' as a list", "{ 'event': 'EV', 'data': [ 'Args' ] }", 'event', 'EV', "'data' should be an object or type name"),
  one("union inline 'base' as a list", "{ 'union': 'Uni', 'base': [ 'Base' ], 'discriminator': 'kind', 'data': {} }", 'union', 'Uni', "'base' should be an object or type name"),
  one("boxed command 'data' must be a type name", "{ 'command': 'foo', 'boxed': true, 'data': { 'a': 'int' } }", 'command', 'foo', "'data' should be a type name"),
  one("boxed event 'data' must be a type name", "{ 'event': 'EV', 'boxed': true, 'data': [ 'Args' ] }", 'event', 'EV', "'data' should be a type name"),
  one("struct 'base' must be a type name", "{ 'struct': 'Foo', 'base': { 'b': 'int' }, 'data': {} }", 'struct', 'Foo', "'base' should be a type name"),
  one('union branch as an array', "{ 'union': 'Uni', 'base': 'Base', 'discriminator': 'kind', 'data': { 'one': [ 'One' ] } }", 'union', 'Uni', "'data' member 'one' should be a type name"),
  one('union branch as an inline object', "{ 'union': 'Uni', 'base': 'Base', 'discriminator': 'kind', 'data': { 'one': { 'type': { 'x': 'int' } } } }", 'union', 'Uni', "'data' member 'one' should be a type name"),
  one('struct member type as an object', "{ 'struct': 'Foo', 'data': { 'a': { 'type': { 'x': 'int' } } } }", 'struct', 'Foo', "'data' member 'a' should be a type name or array"),
  one('command argument type as a boolean', "{ 'command': 'foo', 'data': { 'a': true } }", 'command', 'foo', "'data' member 'a' should be a type name or array"),
  one('nested anonymous struct in event arguments', "{ 'event': 'EV', 'data': { 'a': { 'type': { 'b': 'int' } } } }", 'event', 'EV', "'data' member 'a' should be a type name or array"),
  one("'returns' as an object", "{ 'command': 'foo', 'returns': { 'r': 'int' } }", 'command', 'foo', "'returns' should be a type name or array"),
  one('alternate branch type as an object', "{ 'alternate': 'Alt', 'data': { 'a': { 'type': { 'x': 'int' } } } }", 'alternate', 'Alt', "'data' member 'a' should be a type name or array"),
  one('empty array member type', "{ 'struct': 'Foo', 'data': { 'a': [] } }", 'struct', 'Foo', "'data' member 'a': array type must contain single type name"),
  one('two-element array member type', "{ 'command': 'foo', 'data': { 'a': [ 'int', 'str' ] } }", 'command', 'foo', "'data' member 'a': array type must contain single type name"),
  one('nested array returns', "{ 'command': 'foo', 'returns': [ [ 'Foo' ] ] }", 'command', 'foo', "'returns': array type must contain single type name"),
  one('empty array alternate branch', "{ 'alternate': 'Alt', 'data': { 'a': [] } }", 'alternate', 'Alt', "'data' member 'a': array type must contain single type name"),

  // ---- which error wins within check_exprs ---------------------------------------------------------------
  one('name rules beat unknown keys', "{ 'struct': 'foo', 'data': {}, 'bogus': true }", 'struct', 'foo', 'name of struct must use CamelCase'),
  one('unknown keys beat member errors', "{ 'struct': 'Foo', 'data': { 'Bad': 'int' }, 'bogus': true }", 'struct', 'Foo', "struct has unknown key 'bogus'\nValid keys are 'base', 'data', 'features', 'if', 'struct'."),
  one("member-level checks beat the definition's own 'if'", "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'if': 'lower' } }, 'if': 'bad' }", 'struct', 'Foo', "'if' condition 'lower' of 'data' member 'a' is not a valid identifier"),
  one("member features beat the definition's own 'if'", "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'features': 'f' } }, 'if': 'bad' }", 'struct', 'Foo', "'features' must be an array"),
  one("data shape beats the definition's 'if'", "{ 'enum': 'Color', 'data': 'red', 'if': 'bad' }", 'enum', 'Color', "'data' must be an array"),
  one("the definition's 'if' beats its features", "{ 'struct': 'Foo', 'data': {}, 'if': 'bad', 'features': 'f' }", 'struct', 'Foo', "'if' condition 'bad' of struct is not a valid identifier"),
  one('features beat flags', "{ 'command': 'foo', 'gen': true, 'features': 'f' }", 'command', 'foo', "'features' must be an array"),
  one("the definition's 'if' beats flags", "{ 'command': 'foo', 'gen': true, 'if': 'x' }", 'command', 'foo', "'if' condition 'x' of command is not a valid identifier"),
  one('enum data beats prefix', "{ 'enum': 'Color', 'data': 'red', 'prefix': [] }", 'enum', 'Color', "'data' must be an array"),
  one('enum prefix beats its values', "{ 'enum': 'Color', 'data': [ 'Red' ], 'prefix': [] }", 'enum', 'Color', "'prefix' must be a string"),
  one('enum value: keys, then name type, then name, then if, then features', "{ 'enum': 'Color', 'data': [ { 'name': 'Red', 'if': 'bad', 'features': 'f' } ] }", 'enum', 'Color', "name of 'data' member 'Red' must not use uppercase or '_'"),
  one("enum value: 'if' beats its features", "{ 'enum': 'Color', 'data': [ { 'name': 'red', 'if': 'bad', 'features': 'f' } ] }", 'enum', 'Color', "'if' condition 'bad' of 'data' member 'red' is not a valid identifier"),
  one('struct data beats struct base', "{ 'struct': 'Foo', 'data': 'Bar', 'base': {} }", 'struct', 'Foo', "'data' should be an object or type name"),
  one('union base beats discriminator', "{ 'union': 'Uni', 'base': true, 'discriminator': [], 'data': [] }", 'union', 'Uni', "'base' should be an object or type name"),
  one('union discriminator beats data', "{ 'union': 'Uni', 'base': 'Base', 'discriminator': [], 'data': [] }", 'union', 'Uni', "'discriminator' requires a string name"),
  one("command 'data' beats 'returns'", "{ 'command': 'foo', 'data': [], 'returns': {} }", 'command', 'foo', "'data' should be an object or type name"),
  one('member: reserved name beats key checks', "{ 'struct': 'Foo', 'data': { 'u': { 'typ': 'int' } } }", 'struct', 'Foo', "'data' member 'u' uses reserved name"),
  one("member: keys beat 'if'", "{ 'struct': 'Foo', 'data': { 'a': { 'if': 'bad' } } }", 'struct', 'Foo', "'data' member 'a' misses key 'type'"),
  one("member: 'if' beats features", "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'if': 'bad', 'features': 'f' } } }", 'struct', 'Foo', "'if' condition 'bad' of 'data' member 'a' is not a valid identifier"),
  one('member: features beat type', "{ 'struct': 'Foo', 'data': { 'a': { 'type': {}, 'features': [ 'Bad' ] } } }", 'struct', 'Foo', "name of 'features' member 'Bad' must not use uppercase or '_'"),
  one('feature: name beats its if', "{ 'struct': 'Foo', 'data': {}, 'features': [ { 'name': 'Bad', 'if': 'bad' } ] }", 'struct', 'Foo', "name of 'features' member 'Bad' must not use uppercase or '_'"),
  one("union branch: keys beat 'if'", "{ 'union': 'Uni', 'base': 'B', 'discriminator': 'k', 'data': { 'one': { 'if': 'bad' } } }", 'union', 'Uni', "'data' member 'one' misses key 'type'"),
  one("union branch: 'if' beats type", "{ 'union': 'Uni', 'base': 'B', 'discriminator': 'k', 'data': { 'one': { 'type': [ 'One' ], 'if': 'bad' } } }", 'union', 'Uni', "'if' condition 'bad' of 'data' member 'one' is not a valid identifier"),
  one('alternate branch: name beats keys', "{ 'alternate': 'Alt', 'data': { 'A': { 'typ': 'int' } } }", 'alternate', 'Alt', "name of 'data' member 'A' must not use uppercase or '_'"),
  one("alternate branch: 'if' beats type", "{ 'alternate': 'Alt', 'data': { 'a': { 'type': [], 'if': 'bad' } } }", 'alternate', 'Alt', "'if' condition 'bad' of 'data' member 'a' is not a valid identifier"),
  one("command: 'boxed' without data beats everything else in the command", "{ 'command': 'foo', 'boxed': true, 'returns': {} }", 'command', 'foo', "'boxed': true requires 'data'"),
  {
    name: 'expressions are checked in order: an earlier expression error wins',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'A': 'int' } }", "{ 'struct': 'bar', 'data': {} }") },
    error: "x.json: In struct 'Foo':\nx.json:1: name of 'data' member 'A' must not use uppercase or '_'",
  },
  {
    name: 'every expression error comes before any schema error',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'a': 'Nope' } }", "{ 'enum': 'Color', 'data': [ 'Red' ] }") },
    error: "x.json: In enum 'Color':\nx.json:2: name of 'data' member 'Red' must not use uppercase or '_'",
  },
  {
    name: 'two definitions on one line share their context (the second one wins)',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'a': 'Nope' } } { 'enum': 'Color', 'data': [] }") },
    error: "x.json: In enum 'Color':\nx.json:1: member 'a' of type 'Foo' uses unknown type 'Nope'",
  },
  one("a member named just '*' has an empty name", "{ 'struct': 'Foo', 'data': { '*': 'int' } }", 'struct', 'Foo', "'data' member '*' has an invalid name"),
  one("flag values are checked before flag combinations", "{ 'command': 'foo', 'allow-oob': true, 'coroutine': false }", 'command', 'foo', "flag 'coroutine' may only use true value"),
  one('a member name starting with an underscore is invalid', "{ 'struct': 'Foo', 'data': { '_hidden': 'int' } }", 'struct', 'Foo', "'data' member '_hidden' has an invalid name"),
  one("an enum value with the reserved 'q-' prefix", "{ 'enum': 'Color', 'data': [ 'red', 'q-blue' ] }", 'enum', 'Color', "'data' member 'q-blue' has an invalid name"),
];

/**
 * Empty names, on which the reference is silent; QEMU's code decides.
 *
 * The reference (§2.1) only says the context line appears for definition
 * infos; QEMU's QAPISourceInfo.in_defn() prints it only `if self.defn_name`,
 * so an empty definition name (falsy in Python) gets no "In ... '':" line.
 */
export const EMPTY_NAME_CASES: RuleCase[] = [
  {
    name: 'an empty command name is invalid, and an empty name gives no context line',
    files: { 'x.json': lines("{ 'command': '' }") },
    error: 'x.json:1: command has an invalid name',
  },
  {
    name: 'an empty struct name is invalid, and an empty name gives no context line',
    files: { 'x.json': lines('# c', "{ 'struct': '', 'data': {} }") },
    error: 'x.json:2: struct has an invalid name',
  },
];

describe('expression checks', () => {
  test('case names are unique', () => assertUniqueNames(CASES));
  test.each(CASES)('$name', (c) => checkCase(c));
  test.each(EMPTY_NAME_CASES)('$name', (c) => checkCase(c));
});

/**
 * Inputs on which QEMU 10.2 crashes with a Python traceback (reference §2.4).
 * There is no QEMU text to match; we only require a clean result.
 */
describe('inputs that crash QEMU are handled cleanly', () => {
  test("an empty enum value name ('IndexError' in QEMU) is an ordinary error", () => {
    const r = runCase({ name: 'empty value', files: { 'x.json': lines("{ 'enum': 'Color', 'data': [ '' ] }") } });
    expect(r.out).toBeUndefined();
    expect(r.error).toMatch(/^x\.json: In enum 'Color':\nx\.json:1: /);
  });
  test('documentation-exceptions with only member sections after the body does not throw', () => {
    const c: RuleCase = {
      name: 'stub insertion',
      files: {
        'x.json': lines(
          "{ 'pragma': { 'documentation-exceptions': [ 'Foo' ] } }",
          '##',
          '# @Foo:',
          '#',
          '# @a: documented',
          '##',
          "{ 'struct': 'Foo', 'data': { 'a': 'int', 'b': 'int' } }",
        ),
      },
    };
    expect(() => runCase(c)).not.toThrow();
  });
});

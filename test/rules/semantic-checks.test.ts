/**
 * Schema-level checks (schema.py; catalogue table F and §2.2 steps 3-4):
 * redefinitions, unknown types, features, base/branch rules, member clashes,
 * alternates, unions, command/event argument and return types, the feature
 * limit, and the order in which entities are checked.
 */
import { describe, test } from '@jest/globals';
import { assertUniqueNames, checkCase, lines, type RuleCase } from './harness.js';

/** Single-file case with the error reported in definition `meta 'name'` at `line`. */
const sem = (name: string, text: string, meta: string, defn: string, line: number, message: string): RuleCase => ({
  name,
  files: { 'x.json': text },
  error: `x.json: In ${meta} '${defn}':\nx.json:${line}: ${message}`,
});

const KIND = "{ 'enum': 'Kind', 'data': [ 'one', 'two' ] }";
const ONE = "{ 'struct': 'One', 'data': { 'x': 'int' } }";
const TWO = "{ 'struct': 'Two', 'data': { 'y': 'str' } }";
const BASE = "{ 'struct': 'Base', 'data': { 'kind': 'Kind' } }";
const featureList = (prefix: string, n: number): string =>
  Array.from({ length: n }, (_, i) => `'${prefix}${String(i).padStart(2, '0')}'`).join(', ');

export const CASES: RuleCase[] = [
  // ---- redefinitions ------------------------------------------------------------------
  {
    name: 'struct redefined as an enum',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': {} }", "{ 'enum': 'Foo', 'data': [] }") },
    error: "x.json: In enum 'Foo':\nx.json:2: 'Foo' is already defined\nx.json: In struct 'Foo':\nx.json:1: previous definition",
  },
  {
    name: 'command redefined (with arguments)',
    files: { 'x.json': lines("{ 'command': 'foo', 'data': { 'a': 'int' } }", '', "{ 'command': 'foo', 'data': { 'b': 'str' } }") },
    error: "x.json: In command 'foo':\nx.json:3: 'foo' is already defined\nx.json: In command 'foo':\nx.json:1: previous definition",
  },
  {
    name: 'event redefined',
    files: { 'x.json': lines("{ 'event': 'EVT' }", "{ 'event': 'EVT', 'data': { 'a': 'int' } }") },
    error: "x.json: In event 'EVT':\nx.json:2: 'EVT' is already defined\nx.json: In event 'EVT':\nx.json:1: previous definition",
  },
  sem('a command named like a built-in type', lines("{ 'command': 'str' }"), 'command', 'str', 1, "built-in type 'str' is already defined"),
  sem('a command named any, with arguments', lines("{ 'command': 'any', 'data': { 'a': 'int' } }"), 'command', 'any', 1, "built-in type 'any' is already defined"),
  sem('an alternate named QType', lines('# predefined', "{ 'alternate': 'QType', 'data': { 'a': 'int' } }"), 'alternate', 'QType', 2, "enum type 'QType' is already defined"),
  {
    name: 'redefinition is found while defining, before any type check',
    files: { 'x.json': lines("{ 'struct': 'Foo', 'data': { 'a': 'Nope' } }", "{ 'struct': 'Foo', 'data': {} }") },
    error: "x.json: In struct 'Foo':\nx.json:2: 'Foo' is already defined\nx.json: In struct 'Foo':\nx.json:1: previous definition",
  },

  // ---- unknown types ---------------------------------------------------------------------
  sem('struct member of unknown type', lines("{ 'struct': 'Foo', 'data': { 'a': 'Nope' } }"), 'struct', 'Foo', 1, "member 'a' uses unknown type 'Nope'"),
  sem('struct array member of unknown type: the meta of the first user', lines("{ 'struct': 'Foo', 'data': { 'a': [ 'Nope' ] } }"), 'struct', 'Foo', 1, "struct uses unknown type 'Nope'"),
  sem('an implicit array is checked before the definition that created it', lines("{ 'struct': 'Foo', 'data': { 'b': 'Nope2', 'a': [ 'Nope' ] } }"), 'struct', 'Foo', 1, "struct uses unknown type 'Nope'"),
  sem('unknown base', lines("{ 'struct': 'Foo', 'base': 'Nope', 'data': {} }"), 'struct', 'Foo', 1, "'base' uses unknown type 'Nope'"),
  sem('base is checked before members', lines("{ 'struct': 'Foo', 'base': 'Nope', 'data': { 'a': 'Nope2' } }"), 'struct', 'Foo', 1, "'base' uses unknown type 'Nope'"),
  sem("unknown command 'data'", lines("{ 'command': 'foo', 'data': 'Nope' }"), 'command', 'foo', 1, "command's 'data' uses unknown type 'Nope'"),
  sem("unknown command 'returns'", lines("{ 'command': 'foo', 'returns': 'Nope' }"), 'command', 'foo', 1, "command's 'returns' uses unknown type 'Nope'"),
  sem("unknown array 'returns'", lines("{ 'command': 'foo', 'returns': [ 'Nope' ] }"), 'command', 'foo', 1, "command uses unknown type 'Nope'"),
  sem('unknown command parameter type', lines("{ 'command': 'foo', 'data': { '*a': 'Nope' } }"), 'command', 'foo', 1, "parameter 'a' uses unknown type 'Nope'"),
  sem("event arguments are 'parameters' too", lines("{ 'event': 'EVT', 'data': { 'a': 'Nope' } }"), 'event', 'EVT', 1, "parameter 'a' uses unknown type 'Nope'"),
  sem("unknown event 'data'", lines("{ 'event': 'EVT', 'data': 'Nope' }"), 'event', 'EVT', 1, "event's 'data' uses unknown type 'Nope'"),
  sem('unknown event array argument', lines("{ 'event': 'EVT', 'data': { 'a': [ 'Nope' ] } }"), 'event', 'EVT', 1, "event uses unknown type 'Nope'"),
  sem('unknown union branch type', lines(KIND, BASE, "{ 'union': 'Uni', 'base': 'Base', 'discriminator': 'kind', 'data': { 'one': 'Nope' } }"), 'union', 'Uni', 3, "branch 'one' uses unknown type 'Nope'"),
  sem('unknown inline base member type', lines("{ 'union': 'Uni', 'base': { 'kind': 'Nope' }, 'discriminator': 'kind', 'data': {} }"), 'union', 'Uni', 1, "base member 'kind' uses unknown type 'Nope'"),
  sem('unknown union base', lines("{ 'union': 'Uni', 'base': 'Nope', 'discriminator': 'kind', 'data': {} }"), 'union', 'Uni', 1, "'base' uses unknown type 'Nope'"),
  sem('unknown alternate branch type', lines("{ 'alternate': 'Alt', 'data': { 'a': 'int', 'b': 'Nope' } }"), 'alternate', 'Alt', 1, "branch 'b' uses unknown type 'Nope'"),
  sem('unknown alternate array branch', lines("{ 'alternate': 'Alt', 'data': { 'a': 'int', 'b': [ 'Nope' ] } }"), 'alternate', 'Alt', 1, "alternate uses unknown type 'Nope'"),
  sem('a command name is not a type', lines("{ 'command': 'ping' }", "{ 'struct': 'Foo', 'data': { 'a': 'ping' } }"), 'struct', 'Foo', 2, "member 'a' uses unknown type 'ping'"),

  // ---- special features on types ----------------------------------------------------------
  sem("'deprecated' on a struct", lines("{ 'struct': 'Foo', 'data': {}, 'features': [ 'deprecated' ] }"), 'struct', 'Foo', 1, "feature 'deprecated' is not supported for types"),
  sem("'unstable' on an enum, even conditional", lines("{ 'enum': 'Color', 'data': [], 'features': [ { 'name': 'unstable', 'if': 'X' } ] }"), 'enum', 'Color', 1, "feature 'unstable' is not supported for types"),
  sem("'unstable' on an alternate", lines("{ 'alternate': 'Alt', 'data': { 'a': 'int' }, 'features': [ 'feat', 'unstable' ] }"), 'alternate', 'Alt', 1, "feature 'unstable' is not supported for types"),
  sem("'deprecated' on a union", lines(KIND, ONE, TWO, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One', 'two': 'Two' }, 'features': [ 'deprecated' ] }"), 'union', 'Uni', 4, "feature 'deprecated' is not supported for types"),
  sem('duplicate features are checked before special features', lines("{ 'struct': 'Foo', 'data': {}, 'features': [ 'deprecated', 'deprecated' ] }"), 'struct', 'Foo', 1, "feature 'deprecated' collides with feature 'deprecated'"),

  // ---- base and containment --------------------------------------------------------------------
  sem('a struct containing itself through its base', lines("{ 'struct': 'Foo', 'base': 'Foo', 'data': {} }"), 'struct', 'Foo', 1, 'object Foo contains itself'),
  sem('an indirect base cycle is reported for the first definition', lines("{ 'struct': 'Alpha', 'base': 'Beta', 'data': {} }", "{ 'struct': 'Beta', 'base': 'Alpha', 'data': {} }"), 'struct', 'Alpha', 1, 'object Alpha contains itself'),
  sem('a union containing itself through a branch', lines(KIND, BASE, TWO, "{ 'union': 'Uni', 'base': 'Base', 'discriminator': 'kind', 'data': { 'one': 'Uni', 'two': 'Two' } }"), 'union', 'Uni', 4, 'object Uni contains itself'),
  sem('enum as a base', lines("{ 'enum': 'Color', 'data': [] }", "{ 'struct': 'Foo', 'base': 'Color', 'data': {} }"), 'struct', 'Foo', 2, "'base' requires a struct type, enum type 'Color' isn't"),
  sem('built-in as a base', lines("{ 'struct': 'Foo', 'base': 'int', 'data': {} }"), 'struct', 'Foo', 1, "'base' requires a struct type, built-in type 'int' isn't"),
  sem('array as a base', lines("{ 'struct': 'Foo', 'base': 'strList', 'data': {} }"), 'struct', 'Foo', 1, "'base' requires a struct type, array type ['str'] isn't"),
  sem('alternate as a union base', lines(KIND, ONE, "{ 'alternate': 'Alt', 'data': { 'a': 'int' } }", "{ 'union': 'Uni', 'base': 'Alt', 'discriminator': 'kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 4, "'base' requires a struct type, alternate type 'Alt' isn't"),
  sem('a union as a struct base', lines(KIND, ONE, TWO, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One', 'two': 'Two' } }", "{ 'struct': 'Foo', 'base': 'Uni', 'data': {} }"), 'struct', 'Foo', 5, "'base' requires a struct type, union type 'Uni' isn't"),

  // ---- member clashes ------------------------------------------------------------------------------
  sem('clash with a member of a base of the base', lines("{ 'struct': 'Base1', 'data': { 'a': 'int' } }", "{ 'struct': 'Base2', 'base': 'Base1', 'data': { 'b': 'int' } }", "{ 'struct': 'Sub', 'base': 'Base2', 'data': { 'a': 'str' } }"), 'struct', 'Sub', 3, "member 'a' collides with member 'a' of type 'Base1'"),
  sem("clash by C name ('.' and '-' both become '_')", lines("{ 'struct': 'Foo', 'data': { '__org.qemu_x': 'int', '__org-qemu_x': 'int' } }"), 'struct', 'Foo', 1, "member '__org-qemu_x' collides with member '__org.qemu_x'"),
  sem('clash by C name with member-name-exceptions', lines("{ 'pragma': { 'member-name-exceptions': [ 'Sub' ] } }", "{ 'struct': 'Base', 'data': { 'a-b': 'int' } }", "{ 'struct': 'Sub', 'base': 'Base', 'data': { 'a_b': 'int' } }"), 'struct', 'Sub', 3, "member 'a_b' collides with member 'a-b' of type 'Base'"),
  sem('enum values clashing by C name', lines("{ 'pragma': { 'member-name-exceptions': [ 'Color' ] } }", "{ 'enum': 'Color', 'data': [ 'val-one', 'val_one' ] }"), 'enum', 'Color', 2, "value 'val_one' collides with value 'val-one'"),
  sem('enum values clashing through downstream prefixes', lines("{ 'enum': 'Color', 'data': [ '__org.qemu_red', '__org-qemu_red' ] }"), 'enum', 'Color', 1, "value '__org-qemu_red' collides with value '__org.qemu_red'"),
  sem('duplicate definition feature', lines("{ 'command': 'foo', 'features': [ 'feat', { 'name': 'feat', 'if': 'X' } ] }"), 'command', 'foo', 1, "feature 'feat' collides with feature 'feat'"),
  sem('duplicate member feature (the member shown as a type)', lines("{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'features': [ 'x', 'x' ] } } }"), 'struct', 'Foo', 1, "feature 'x' of type 'a' collides with feature 'x' of type 'a'"),
  sem('clashing command parameters', lines("{ 'command': 'foo', 'data': { '__org.qemu_a': 'int', '__org-qemu_a': 'int' } }"), 'command', 'foo', 1, "parameter '__org-qemu_a' collides with parameter '__org.qemu_a'"),
  sem('clashing inline base members', lines("{ 'union': 'Uni', 'base': { '__org.qemu_k': 'int', '__org-qemu_k': 'int' }, 'discriminator': 'kind', 'data': {} }"), 'union', 'Uni', 1, "base member '__org-qemu_k' collides with base member '__org.qemu_k'"),
  sem('union branch member clashing with an inline base member', lines(KIND, "{ 'struct': 'One', 'data': { 'kind': 'int' } }", TWO, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One', 'two': 'Two' } }"), 'union', 'Uni', 4, "member 'kind' of type 'One' collides with base member 'kind'"),
  sem('union branch member clashing with a named base member', lines(KIND, "{ 'struct': 'Base', 'data': { 'kind': 'Kind', 'name': 'str' } }", ONE, "{ 'struct': 'Two', 'data': { 'name': 'str' } }", "{ 'union': 'Uni', 'base': 'Base', 'discriminator': 'kind', 'data': { 'one': 'One', 'two': 'Two' } }"), 'union', 'Uni', 5, "member 'name' of type 'Two' collides with member 'name' of type 'Base'"),
  sem('alternate branches clashing by C name', lines("{ 'alternate': 'Alt', 'data': { '__org.qemu_a': 'int', '__org-qemu_a': 'str' } }"), 'alternate', 'Alt', 1, "branch '__org-qemu_a' collides with branch '__org.qemu_a'"),

  // ---- alternates ------------------------------------------------------------------------------------
  sem("alternate branch of type 'any'", lines("{ 'alternate': 'Alt', 'data': { 'a': 'any' } }"), 'alternate', 'Alt', 1, "branch 'a' cannot use built-in type 'any'"),
  sem('alternate branch of alternate type', lines("{ 'alternate': 'Inner', 'data': { 'i': 'int' } }", "{ 'alternate': 'Alt', 'data': { 's': 'str', 'b': 'Inner' } }"), 'alternate', 'Alt', 2, "branch 'b' cannot use alternate type 'Inner'"),
  sem('all alternate branch types are resolved before any branch is judged', lines("{ 'alternate': 'Alt', 'data': { 'a': 'any', 'b': 'Nope' } }"), 'alternate', 'Alt', 1, "branch 'b' uses unknown type 'Nope'"),
  sem('alternate branch name clash is checked before its type', lines("{ 'alternate': 'Alt', 'data': { '__org.qemu_a': 'int', '__org-qemu_a': 'any' } }"), 'alternate', 'Alt', 1, "branch '__org-qemu_a' collides with branch '__org.qemu_a'"),
  sem('int and str are indistinguishable', lines("{ 'alternate': 'Alt', 'data': { 'i': 'int', 's': 'str' } }"), 'alternate', 'Alt', 1, "branch 's' can't be distinguished from 'i'"),
  sem('str claims numbers', lines("{ 'alternate': 'Alt', 'data': { 's': 'str', 'n': 'number' } }"), 'alternate', 'Alt', 1, "branch 'n' can't be distinguished from 's'"),
  sem('number and int are indistinguishable', lines("{ 'alternate': 'Alt', 'data': { 'n': 'number', 'i': 'uint8' } }"), 'alternate', 'Alt', 1, "branch 'i' can't be distinguished from 'n'"),
  sem("an enum with value 'off' claims booleans", lines("{ 'enum': 'Switch', 'data': [ 'on', 'off' ] }", "{ 'alternate': 'Alt', 'data': { 'b': 'bool', 'e': 'Switch' } }"), 'alternate', 'Alt', 2, "branch 'e' can't be distinguished from 'b'"),
  sem('an enum with a digit-leading value claims numbers', lines("{ 'enum': 'Size', 'data': [ 'small', '4k' ] }", "{ 'alternate': 'Alt', 'data': { 'i': 'int', 'e': 'Size' } }"), 'alternate', 'Alt', 2, "branch 'e' can't be distinguished from 'i'"),
  sem('enum and str are indistinguishable', lines("{ 'enum': 'Color', 'data': [ 'red' ] }", "{ 'alternate': 'Alt', 'data': { 'e': 'Color', 's': 'str' } }"), 'alternate', 'Alt', 2, "branch 's' can't be distinguished from 'e'"),
  sem('two object branches (struct and union) conflict', lines(KIND, ONE, TWO, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One', 'two': 'Two' } }", "{ 'alternate': 'Alt', 'data': { 'o': 'One', 'u': 'Uni' } }"), 'alternate', 'Alt', 5, "branch 'u' can't be distinguished from 'o'"),
  sem('two array branches conflict', lines("{ 'alternate': 'Alt', 'data': { 'a': [ 'int' ], 'b': [ 'str' ] } }"), 'alternate', 'Alt', 1, "branch 'b' can't be distinguished from 'a'"),
  sem('two null branches conflict', lines("{ 'alternate': 'Alt', 'data': { 'a': 'null', 'b': 'null' } }"), 'alternate', 'Alt', 1, "branch 'b' can't be distinguished from 'a'"),

  // ---- unions ------------------------------------------------------------------------------------------
  sem('discriminator missing from the inline base', lines(KIND, ONE, "{ 'union': 'Uni', 'base': { 'type': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 3, "discriminator 'kind' is not a member of 'base'"),
  sem('an empty inline base has no members', lines(KIND, ONE, "{ 'union': 'Uni', 'base': {}, 'discriminator': 'kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 3, "discriminator 'kind' is not a member of 'base'"),
  sem("a discriminator equal only by C name is not a member", lines(KIND, ONE, "{ 'union': 'Uni', 'base': { 'my-kind': 'Kind' }, 'discriminator': 'my_kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 3, "discriminator 'my_kind' is not a member of 'base'"),
  sem('discriminator of non-enum type (inline base)', lines(ONE, "{ 'union': 'Uni', 'base': { 'kind': 'str' }, 'discriminator': 'kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 2, "discriminator member 'kind' of 'base' must be of enum type"),
  sem('optional discriminator (inline base)', lines(KIND, ONE, "{ 'union': 'Uni', 'base': { '*kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 3, "discriminator member 'kind' of 'base' must not be optional"),
  sem('conditional discriminator (named base)', lines(KIND, "{ 'struct': 'Base', 'data': { 'kind': { 'type': 'Kind', 'if': 'HAVE_KIND' } } }", ONE, "{ 'union': 'Uni', 'base': 'Base', 'discriminator': 'kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 4, "discriminator member 'kind' of base type 'Base' must not be conditional"),
  sem('the base named is the one defining the discriminator', lines(KIND, "{ 'struct': 'Base1', 'data': { '*kind': 'Kind' } }", "{ 'struct': 'Base2', 'base': 'Base1', 'data': {} }", ONE, "{ 'union': 'Uni', 'base': 'Base2', 'discriminator': 'kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 5, "discriminator member 'kind' of base type 'Base1' must not be optional"),
  sem('enum type is checked before optional', lines(ONE, "{ 'union': 'Uni', 'base': { '*kind': 'int' }, 'discriminator': 'kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 2, "discriminator member 'kind' of 'base' must be of enum type"),
  sem('optional is checked before conditional', lines(KIND, ONE, "{ 'union': 'Uni', 'base': { '*kind': { 'type': 'Kind', 'if': 'X' } }, 'discriminator': 'kind', 'data': { 'one': 'One' } }"), 'union', 'Uni', 3, "discriminator member 'kind' of 'base' must not be optional"),
  sem('union over an empty enum has no branches', lines("{ 'enum': 'Nothing', 'data': [] }", "{ 'union': 'Uni', 'base': { 'kind': 'Nothing' }, 'discriminator': 'kind', 'data': {} }"), 'union', 'Uni', 2, 'union has no branches'),
  sem('branch that is not an enum value', lines(KIND, ONE, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One', 'three': 'One' } }"), 'union', 'Uni', 3, "branch 'three' is not a value of enum type 'Kind'"),
  sem('a branch type is resolved before its name is checked', lines(KIND, ONE, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'three': 'Nope' } }"), 'union', 'Uni', 3, "branch 'three' uses unknown type 'Nope'"),
  sem('a branch name is checked before its type kind', lines(KIND, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'three': 'int' } }"), 'union', 'Uni', 2, "branch 'three' is not a value of enum type 'Kind'"),
  sem('union branch of enum type', lines(KIND, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'Kind' } }"), 'union', 'Uni', 2, "branch 'one' cannot use enum type 'Kind'"),
  sem('union branch of alternate type', lines(KIND, "{ 'alternate': 'Alt', 'data': { 'i': 'int' } }", "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'two': 'Alt' } }"), 'union', 'Uni', 3, "branch 'two' cannot use alternate type 'Alt'"),
  sem('discriminator errors come before branch errors', lines(KIND, "{ 'union': 'Uni', 'base': { 'kind': 'str' }, 'discriminator': 'kind', 'data': { 'three': 'Nope' } }"), 'union', 'Uni', 2, "discriminator member 'kind' of 'base' must be of enum type"),

  // ---- command and event arguments and returns ---------------------------------------------------------
  sem("command 'data' of enum type", lines(KIND, "{ 'command': 'foo', 'data': 'Kind' }"), 'command', 'foo', 2, "command's 'data' cannot take enum type 'Kind'"),
  sem("command 'data' of type any", lines("{ 'command': 'foo', 'data': 'any' }"), 'command', 'foo', 1, "command's 'data' cannot take built-in type 'any'"),
  sem("command 'data' of a union without boxed", lines(KIND, ONE, TWO, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One', 'two': 'Two' } }", "{ 'command': 'foo', 'data': 'Uni' }"), 'command', 'foo', 5, "command's 'data' can take union type 'Uni' only with 'boxed': true"),
  sem('named argument type with a conditional member', lines("{ 'struct': 'Args', 'data': { 'a': { 'type': 'int', 'if': 'HAVE_A' } } }", "{ 'command': 'foo', 'data': 'Args' }"), 'command', 'foo', 2, "conditional command arguments require 'boxed': true"),
  sem('conditional members inherited from a base count too', lines("{ 'struct': 'Base', 'data': { 'a': { 'type': 'int', 'if': 'HAVE_A' } } }", "{ 'struct': 'Args', 'base': 'Base', 'data': {} }", "{ 'command': 'foo', 'data': 'Args' }"), 'command', 'foo', 3, "conditional command arguments require 'boxed': true"),
  sem("'returns' of a built-in type", lines("{ 'command': 'foo', 'returns': 'int' }"), 'command', 'foo', 1, "command's 'returns' cannot take built-in type 'int'"),
  sem("'returns' of a built-in array type", lines("{ 'command': 'foo', 'returns': [ 'str' ] }"), 'command', 'foo', 1, "command's 'returns' cannot take array type ['str']"),
  sem("'returns' of an enum array type", lines(KIND, "{ 'command': 'foo', 'returns': [ 'Kind' ] }"), 'command', 'foo', 2, "command's 'returns' cannot take array type ['Kind']"),
  sem("command-returns-exceptions names other commands only", lines("{ 'pragma': { 'command-returns-exceptions': [ 'bar' ] } }", "{ 'command': 'foo', 'returns': 'bool' }"), 'command', 'foo', 2, "command's 'returns' cannot take built-in type 'bool'"),
  sem("'data' is checked before 'returns'", lines("{ 'command': 'foo', 'data': 'int', 'returns': 'int' }"), 'command', 'foo', 1, "command's 'data' cannot take built-in type 'int'"),
  sem('an implicit argument type is checked before its command', lines("{ 'command': 'foo', 'data': { 'a': 'Nope' }, 'returns': 'int' }"), 'command', 'foo', 1, "parameter 'a' uses unknown type 'Nope'"),
  sem("event 'data' of alternate type", lines("{ 'alternate': 'Alt', 'data': { 'i': 'int' } }", "{ 'event': 'EVT', 'data': 'Alt' }"), 'event', 'EVT', 2, "event's 'data' cannot take alternate type 'Alt'"),
  sem("event 'data' of a built-in type", lines("{ 'event': 'EVT', 'data': 'int' }"), 'event', 'EVT', 1, "event's 'data' cannot take built-in type 'int'"),
  sem("event 'data' of a union without boxed", lines(KIND, ONE, TWO, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'One', 'two': 'Two' } }", "{ 'event': 'EVT', 'data': 'Uni' }"), 'event', 'EVT', 5, "event's 'data' can take union type 'Uni' only with 'boxed': true"),
  sem('conditional implicit event arguments', lines("{ 'event': 'EVT', 'data': { 'a': 'int', 'b': { 'type': 'str', 'if': 'HAVE_B' } } }"), 'event', 'EVT', 1, "conditional event arguments require 'boxed': true"),

  // ---- order of entity checks -----------------------------------------------------------------------------
  sem("checking a struct checks its base first, so the base's error wins", lines("{ 'struct': 'Derived', 'base': 'Base', 'data': { 'y': 'Nope2' } }", "{ 'struct': 'Base', 'data': { 'x': 'Nope' } }"), 'struct', 'Base', 2, "member 'x' uses unknown type 'Nope'"),
  sem("checking a union checks its branch types, so a later branch type's error wins", lines(KIND, "{ 'union': 'Uni', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'Later' } }", "{ 'struct': 'Later', 'data': { 'x': 'Nope' } }"), 'struct', 'Later', 3, "member 'x' uses unknown type 'Nope'"),
  sem("checking a command checks its argument type", lines("{ 'command': 'foo', 'data': 'Args' }", "{ 'struct': 'Args', 'data': { 'a': 'Nope' } }"), 'struct', 'Args', 2, "member 'a' uses unknown type 'Nope'"),
  sem('entities are checked in definition order', lines("{ 'struct': 'Foo', 'data': { 'a': 'Nope1' } }", "{ 'struct': 'Bar', 'data': { 'b': 'Nope2' } }"), 'struct', 'Foo', 1, "member 'a' uses unknown type 'Nope1'"),
  sem('lacks documentation is found while checking entities, before later entity errors', lines('##', '# @Foo:', '##', "{ 'struct': 'Foo', 'data': { 'a': 'int' } }", "{ 'struct': 'Bar', 'data': { 'b': 'Nope' } }"), 'struct', 'Foo', 4, "member 'a' lacks documentation"),

  // ---- feature limit -------------------------------------------------------------------------------------------
  sem(
    'at most 64 feature names (2 special + 62): the 65th is reported at its definition',
    lines(`{ 'struct': 'Foo', 'data': {}, 'features': [ ${featureList('f', 40)} ] }`, `{ 'struct': 'Bar', 'data': {}, 'features': [ ${featureList('f', 40)}, ${featureList('g', 23)} ] }`),
    'struct',
    'Bar',
    2,
    'Maximum of 64 schema features is permitted',
  ),
  sem(
    'member and enum-value features count toward the limit',
    lines(
      `{ 'command': 'foo', 'features': [ ${featureList('f', 61)} ] }`,
      "{ 'enum': 'Color', 'data': [ { 'name': 'red', 'features': [ 'deprecated', 'f00', 'vfeat' ] } ] }",
      "{ 'struct': 'Foo', 'data': { 'a': { 'type': 'int', 'features': [ 'unstable', 'mfeat' ] } } }",
    ),
    'struct',
    'Foo',
    3,
    'Maximum of 64 schema features is permitted',
  ),
  {
    name: 'the feature limit is checked after the doc checks',
    files: {
      'x.json': lines(
        `{ 'command': 'foo', 'features': [ ${featureList('f', 63)} ] }`,
        '##',
        '# @Bar:',
        '#',
        '# @zz: bogus',
        '##',
        "{ 'struct': 'Bar', 'data': {} }",
      ),
    },
    error: "x.json:5: documented member 'zz' does not exist",
  },
  sem(
    "shared line: event arguments described as a command's parameters (sic)",
    lines("{ 'event': 'EVT', 'data': { 'a': 'Nope' } } { 'struct': 'Foo', 'data': {} }"),
    'struct',
    'Foo',
    1,
    "parameter 'a' of command 'EVT' uses unknown type 'Nope'",
  ),
  sem(
    'shared line: inline base members described with their union',
    lines("{ 'union': 'Uni', 'base': { 'kind': 'Nope' }, 'discriminator': 'kind', 'data': {} } { 'enum': 'Color', 'data': [] }"),
    'enum',
    'Color',
    1,
    "base member 'kind' of type 'Uni' uses unknown type 'Nope'",
  ),
  sem('bool and str are indistinguishable', lines("{ 'alternate': 'Alt', 'data': { 'b': 'bool', 's': 'str' } }"), 'alternate', 'Alt', 1, "branch 's' can't be distinguished from 'b'"),
  sem(
    "a union branch that is itself a union: its branches' members are checked against the outer base",
    lines(
      "{ 'enum': 'Kind', 'data': [ 'one' ] }",
      "{ 'enum': 'SubKind', 'data': [ 'a' ] }",
      "{ 'struct': 'SubA', 'data': { 'kind': 'int' } }",
      "{ 'union': 'Sub', 'base': { 'sub': 'SubKind' }, 'discriminator': 'sub', 'data': { 'a': 'SubA' } }",
      "{ 'union': 'Top', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'Sub' } }",
    ),
    'union',
    'Top',
    5,
    "member 'kind' of type 'SubA' collides with base member 'kind'",
  ),
  sem(
    "a union branch that is itself a union: its base members are checked against the outer base",
    lines(
      "{ 'enum': 'Kind', 'data': [ 'one' ] }",
      "{ 'struct': 'SubA', 'data': {} }",
      "{ 'union': 'Sub', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'SubA' } }",
      "{ 'union': 'Top', 'base': { 'kind': 'Kind' }, 'discriminator': 'kind', 'data': { 'one': 'Sub' } }",
    ),
    'union',
    'Top',
    4,
    "base member 'kind' of type 'Sub' collides with base member 'kind'",
  ),
  sem('an empty member type name is an unknown type', lines("{ 'struct': 'Foo', 'data': { 'a': '' } }"), 'struct', 'Foo', 1, "member 'a' uses unknown type ''"),
  sem('an array of the empty type name', lines("{ 'struct': 'Foo', 'data': { 'a': [ '' ] } }"), 'struct', 'Foo', 1, "struct uses unknown type ''"),
];

/**
 * Empty names, on which the reference is silent; QEMU's code decides.
 *
 * The reference is silent on empty type names. QEMU's schema.py tests the
 * stored names for truthiness (`if self._arg_type_name:`, `if
 * self._ret_type_name:`, `if self._base_name:`), so an empty string passes
 * expr.py (it is a string) and is then treated as absent: no argument type,
 * no return type, no base. test-qapi prints `None` for the missing types and
 * no `base` line.
 */
export const EMPTY_NAME_CASES: RuleCase[] = [
  {
    name: "command 'data': '' and 'returns': '' are treated as absent",
    files: { 'x.json': lines("{ 'command': 'foo', 'data': '', 'returns': '' }") },
    out: lines('module x.json', 'command foo None -> None', '    gen=True success_response=True boxed=False oob=False preconfig=False'),
  },
  {
    name: "command 'returns': '' is treated as absent",
    files: { 'x.json': lines("{ 'command': 'foo', 'returns': '' }") },
    out: lines('module x.json', 'command foo None -> None', '    gen=True success_response=True boxed=False oob=False preconfig=False'),
  },
  {
    name: "boxed event 'data': '' is treated as absent",
    files: { 'x.json': lines("{ 'event': 'EVT', 'boxed': true, 'data': '' }") },
    out: lines('module x.json', 'event EVT None', '    boxed=True'),
  },
  {
    name: "struct 'base': '' is treated as absent",
    files: { 'x.json': lines("{ 'struct': 'Foo', 'base': '', 'data': { 'a': 'int' } }") },
    out: lines('module x.json', 'object Foo', '    member a: int optional=False'),
  },
  {
    name: "union 'base': '' is treated as absent, so the discriminator is not a member",
    files: { 'x.json': lines("{ 'enum': 'Kind', 'data': [ 'one' ] }", "{ 'union': 'Uni', 'base': '', 'discriminator': 'kind', 'data': {} }") },
    error: "x.json: In union 'Uni':\nx.json:2: discriminator 'kind' is not a member of 'base'",
  },
];

describe('semantic checks', () => {
  test('case names are unique', () => assertUniqueNames(CASES));
  test.each(CASES)('$name', (c) => checkCase(c));
  test.each(EMPTY_NAME_CASES)('$name', (c) => checkCase(c));
});

/**
 * Every message qapi-ts can report, in one catalogue (as TypeScript's
 * diagnosticMessages.json). Codes are stable: tools and suppressions refer to
 * them. Texts of QEMU's own checks are QEMU 10.2's, word for word, because
 * `qapi-ts ir --format qemu-test` must match QEMU's regression output.
 *
 * Code ranges: 1xxx lexical and syntax, 2xxx directives and files,
 * 3xxx doc comments, 4xxx expression checks, 5xxx semantic checks,
 * 6xxx constructs of older QEMU releases' schema dialects (warnings outside
 * strict mode; each message names the modern form), 7xxx differences from a
 * QEMU binary's query-qmp-schema (`lint --against-qemu`).
 */

export interface MessageDef<A extends unknown[]> {
  readonly code: string;
  readonly format: (...args: A) => string;
}

function m<A extends unknown[]>(code: string, format: (...args: A) => string): MessageDef<A> {
  return { code, format };
}

const q = (s: string) => `'${s}'`;
const sortedQuoted = (names: Iterable<string>) =>
  [...names].sort(pyStringCompare).map(q).join(', ');

/** Python's default string ordering (by code point). */
export function pyStringCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const Messages = {
  // 1xxx: lexer and parser (QEMU's QAPIParseError, with a column)
  missingTerminatingQuote: m('QAPI1001', () => `missing terminating "'"`),
  unknownEscape: m('QAPI1002', (ch: string) => `unknown escape \\${ch}`),
  funnyCharacter: m('QAPI1003', () => 'funny character in string'),
  stray: m('QAPI1004', (run: string) => `stray '${run}'`),
  expectedStringOrRBrace: m('QAPI1010', () => "expected string or '}'"),
  expectedColon: m('QAPI1011', () => "expected ':'"),
  duplicateKey: m('QAPI1012', (key: string) => `duplicate key '${key}'`),
  expectedCommaOrRBrace: m('QAPI1013', () => "expected ',' or '}'"),
  expectedString: m('QAPI1014', () => 'expected string'),
  expectedValueOrRBracket: m('QAPI1015', () => "expected '{', '[', ']', string, or boolean"),
  expectedCommaOrRBracket: m('QAPI1016', () => "expected ',' or ']'"),
  expectedValue: m('QAPI1017', () => "expected '{', '[', string, or boolean"),
  nestingTooDeep: m('QAPI1018', (limit: number) => `nesting deeper than ${limit} levels`),

  // 2xxx: files, includes and pragmas
  cannotReadSchema: m('QAPI2001', (file: string, strerror: string) => `can't read schema file '${file}': ${strerror}`),
  cannotReadInclude: m('QAPI2002', (file: string, strerror: string) => `can't read include file '${file}': ${strerror}`),
  invalidUtf8: m('QAPI2003', (byte: number) =>
    `invalid UTF-8 byte sequence (starting with byte 0x${byte.toString(16).padStart(2, '0')}); schema files must be UTF-8`),
  topLevelNotObject: m('QAPI2004', () => 'top-level expression must be an object'),
  invalidInclude: m('QAPI2005', () => "invalid 'include' directive"),
  includeNotString: m('QAPI2006', () => "value of 'include' must be a string"),
  inclusionLoop: m('QAPI2007', (include: string) => `inclusion loop for ${include}`),
  invalidPragma: m('QAPI2008', () => "invalid 'pragma' directive"),
  pragmaNotObject: m('QAPI2009', () => "value of 'pragma' must be an object"),
  pragmaDocRequiredNotBool: m('QAPI2010', () => "pragma 'doc-required' must be boolean"),
  pragmaNotListOfStrings: m('QAPI2011', (name: string) => `pragma ${name} must be a list of strings`),
  unknownPragma: m('QAPI2012', (name: string) => `unknown pragma '${name}'`),

  // 3xxx: doc comments
  docMustEnd: m('QAPI3001', () => "documentation comment must end with '##'"),
  docJunkAtEnd: m('QAPI3002', () => "junk after '##' at end of documentation comment"),
  docJunkAtStart: m('QAPI3003', () => "junk after '##' at start of documentation comment"),
  docMissingSpace: m('QAPI3004', () => 'missing space after #'),
  docLineTooLong: m('QAPI3005', () => 'documentation line longer than 70 characters'),
  docTwoSpaces: m('QAPI3006', () =>
    'Use two spaces between sentences\nIf this not the end of a sentence, please report a bug.'),
  docLineShouldEndWithColon: m('QAPI3007', () => "line should end with ':'"),
  docNameRequired: m('QAPI3008', () => "name required after '@'"),
  docDuplicatedFeatures: m('QAPI3009', () => "duplicated 'Features:' line"),
  docFeatureDescriptionsExpected: m('QAPI3010', () => 'feature descriptions expected'),
  docDescriptionFollowsSection: m('QAPI3011', (name: string) => `description of '@${name}:' follows a section`),
  docNoteSection: m('QAPI3012', (tag: string) =>
    `The '${tag}' section is no longer supported. Please use rST's '.. note::' or '.. admonition:: notes' directives, or another suitable admonition instead.`),
  docExampleSection: m('QAPI3013', (tag: string) =>
    `The '${tag}' section is no longer supported. Please use the '.. qmp-example::' directive, or other suitable markup instead.`),
  docUnexpectedDeindent: m('QAPI3014', (indent: number) => `unexpected de-indent (expected at least ${indent} spaces)`),
  docNameInFreeForm: m('QAPI3015', (name: string) => `'@${name}:' not allowed in free-form documentation`),
  docTextRequired: m('QAPI3016', (kind: string) => `text required after '${kind}:'`),
  docDuplicatedSection: m('QAPI3017', (kind: string) => `duplicated '${kind}' section`),
  docInvalidParameterName: m('QAPI3018', () => 'invalid parameter name'),
  docParameterDuplicated: m('QAPI3019', (name: string) => `'${name}' parameter name duplicated`),
  docNotFollowedByDefinition: m('QAPI3020', (symbol: string) =>
    `documentation for '${symbol}' is not followed by the definition`),
  docDefinitionRequired: m('QAPI3021', () => 'definition documentation required'),
  docIsFor: m('QAPI3022', (symbol: string) => `documentation comment is for '${symbol}'`),
  docRequired: m('QAPI3023', () => 'documentation comment required'),
  docReturnsWithoutReturn: m('QAPI3024', () => "'Returns' section, but command doesn't return anything"),
  docReturnsOnlyForCommands: m('QAPI3025', () => "'Returns' section is only valid for commands"),
  docErrorsOnlyForCommands: m('QAPI3026', () => "'Errors' section is only valid for commands"),
  docLacksDocumentation: m('QAPI3027', (role: string, name: string) => `${role} '${name}' lacks documentation`),
  docFeatureLacksDocumentation: m('QAPI3028', (name: string) => `feature '${name}' lacks documentation`),
  docDocumentedDoesNotExist: m('QAPI3029', (what: string, names: string[]) =>
    `documented ${what}${names.length > 1 ? 's' : ''} '${names.join("', '")}' ${names.length > 1 ? 'do' : 'does'} not exist`),

  // 4xxx: expression checks (QEMU's expr.py)
  exprMetaCount: m('QAPI4001', () =>
    "expression must have exactly one key 'enum', 'struct', 'union', 'alternate', 'command', 'event'"),
  requiresStringName: m('QAPI4002', (source: string) => `${source} requires a string name`),
  invalidName: m('QAPI4003', (source: string) => `${source} has an invalid name`),
  nameNoLowercase: m('QAPI4004', (source: string) => `name of ${source} must not use lowercase or '-'`),
  nameNoUppercase: m('QAPI4005', (source: string) => `name of ${source} must not use uppercase or '_'`),
  nameCamelCase: m('QAPI4006', (source: string) => `name of ${source} must use CamelCase`),
  nameEndsInList: m('QAPI4007', (meta: string) => `${meta} name should not end in 'List'`),
  missingKeys: m('QAPI4008', (source: string, keys: string[]) =>
    `${source} misses key${keys.length > 1 ? 's' : ''} ${sortedQuoted(keys)}`),
  unknownKeys: m('QAPI4009', (source: string, keys: string[], allowed: string[]) =>
    `${source} has unknown key${keys.length > 1 ? 's' : ''} ${sortedQuoted(keys)}\nValid keys are ${sortedQuoted(allowed)}.`),
  flagOnlyFalse: m('QAPI4010', (flag: string) => `flag '${flag}' may only use false value`),
  flagOnlyTrue: m('QAPI4011', (flag: string) => `flag '${flag}' may only use true value`),
  flagsOobCoroutine: m('QAPI4012', () => "flags 'allow-oob' and 'coroutine' are incompatible"),
  ifNotIdentifier: m('QAPI4013', (cond: string, source: string) =>
    `'if' condition '${cond}' of ${source} is not a valid identifier`),
  ifNotStringOrObject: m('QAPI4014', (source: string) => `'if' condition of ${source} must be a string or an object`),
  ifConflictingKeys: m('QAPI4015', (source: string) => `'if' condition of ${source} has conflicting keys`),
  ifOperandsNotArray: m('QAPI4016', (op: string, source: string) => `'${op}' condition of ${source} must be an array`),
  ifUseless: m('QAPI4017', (source: string) => `'if' condition [] of ${source} is useless`),
  shouldBeTypeName: m('QAPI4018', (source: string) => `${source} should be a type name`),
  shouldBeTypeNameOrArray: m('QAPI4019', (source: string) => `${source} should be a type name or array`),
  arraySingleTypeName: m('QAPI4020', (source: string) => `${source}: array type must contain single type name`),
  shouldBeObjectOrTypeName: m('QAPI4021', (source: string) => `${source} should be an object or type name`),
  reservedName: m('QAPI4022', (source: string) => `${source} uses reserved name`),
  featuresNotArray: m('QAPI4023', () => "'features' must be an array"),
  enumDataNotArray: m('QAPI4024', () => "'data' must be an array"),
  prefixNotString: m('QAPI4025', () => "'prefix' must be a string"),
  dataNotObject: m('QAPI4026', () => "'data' must be an object"),
  dataEmpty: m('QAPI4027', () => "'data' must not be empty"),
  boxedRequiresData: m('QAPI4028', () => "'boxed': true requires 'data'"),

  // 5xxx: semantic checks (QEMU's schema.py)
  alreadyDefined: m('QAPI5001', (name: string) => `'${name}' is already defined`),
  predefinedAlreadyDefined: m('QAPI5002', (what: string) => `${what} is already defined`),
  unknownType: m('QAPI5003', (what: string, name: string) => `${what} uses unknown type '${name}'`),
  featureNotForTypes: m('QAPI5004', (name: string) => `feature '${name}' is not supported for types`),
  containsItself: m('QAPI5005', (name: string) => `object ${name} contains itself`),
  baseRequiresStruct: m('QAPI5006', (what: string) => `'base' requires a struct type, ${what} isn't`),
  collides: m('QAPI5007', (a: string, b: string) => `${a} collides with ${b}`),
  cannotUse: m('QAPI5008', (a: string, b: string) => `${a} cannot use ${b}`),
  indistinguishable: m('QAPI5009', (a: string, b: string) => `${a} can't be distinguished from '${b}'`),
  discriminatorNotMember: m('QAPI5010', (tag: string, base: string) => `discriminator '${tag}' is not a member of ${base}`),
  discriminatorNotEnum: m('QAPI5011', (tag: string, base: string) =>
    `discriminator member '${tag}' of ${base} must be of enum type`),
  discriminatorOptional: m('QAPI5012', (tag: string, base: string) =>
    `discriminator member '${tag}' of ${base} must not be optional`),
  discriminatorConditional: m('QAPI5013', (tag: string, base: string) =>
    `discriminator member '${tag}' of ${base} must not be conditional`),
  unionNoBranches: m('QAPI5014', () => 'union has no branches'),
  branchNotEnumValue: m('QAPI5015', (branch: string, what: string) => `branch '${branch}' is not a value of ${what}`),
  dataCannotTake: m('QAPI5016', (meta: string, what: string) => `${meta}'s 'data' cannot take ${what}`),
  dataOnlyBoxed: m('QAPI5017', (meta: string, what: string) => `${meta}'s 'data' can take ${what} only with 'boxed': true`),
  conditionalArgsNeedBoxed: m('QAPI5018', (meta: string) => `conditional ${meta} arguments require 'boxed': true`),
  returnsCannotTake: m('QAPI5019', (what: string) => `command's 'returns' cannot take ${what}`),
  tooManyFeatures: m('QAPI5020', () => 'Maximum of 64 schema features is permitted'),
  previousDefinition: m('QAPI5021', () => 'previous definition'),

  // 6xxx: older releases' dialects, accepted with a warning unless --strict.
  // 60xx syntax, directives and definitions; 61xx doc comments.
  legacyTrailingComma: m('QAPI6001', (close: string) =>
    `trailing ',' before '${close}' (accepted by QEMU 1.x); remove the comma`),
  legacyMissingComma: m('QAPI6015', () => "missing ',' (QEMU 1.x's parser did not need it); add the comma"),
  legacyPragmaName: m('QAPI6002', (old: string, modern: string) =>
    `pragma '${old}' is the old name of '${modern}'; write '${modern}'`),
  legacyTypeKeyword: m('QAPI6003', (name: string) =>
    `'type' is the old name of 'struct'; write { 'struct': '${name}', ... }`),
  legacySimpleUnion: m('QAPI6004', (name: string) =>
    `simple union '${name}' (a union without 'discriminator') is an old form; write a flat union: `
    + `'base': { 'type': '${name}Kind' }, 'discriminator': 'type', with an enum '${name}Kind' of the branch names `
    + `and a struct with member 'data' per branch (the wire form stays {"type": ..., "data": ...})`),
  legacyAnonymousUnion: m('QAPI6005', (name: string) =>
    `a union with 'discriminator': {} is the old form of an alternate; write { 'alternate': '${name}', 'data': ... }`),
  legacyFlagValue: m('QAPI6006', (flag: string, value: string) =>
    `'${flag}': ${value} is an old spelling; write '${flag}': false`),
  legacyFlagDefault: m('QAPI6007', (flag: string, value: string) =>
    `'${flag}': ${value} is the default; remove it`),
  legacyAnyType: m('QAPI6008', (old: string) => `type '${old}' is the old name of 'any'; write 'any'`),
  legacyNestedStruct: m('QAPI6009', (member: string) =>
    `member '${member}' has an anonymous nested struct type (QEMU 1.x); define a named struct and write its name`),
  legacyIfCondition: m('QAPI6010', (cond: string, modern: string) =>
    `'if' condition ${cond} is in the old C preprocessor form; write 'if': ${modern}`),
  legacyStructWithoutData: m('QAPI6011', () => "struct without 'data'; write 'data': {}"),
  legacyUnionBaseNoDiscriminator: m('QAPI6012', (name: string) =>
    `union '${name}' has 'base' but no 'discriminator' (QEMU 1.x/2.0); write a flat union with 'discriminator'`),
  legacyStringDiscriminator: m('QAPI6013', (tag: string) =>
    `discriminator '${tag}' is a string member (QEMU 2.0); make its type an enum of the branch names`),
  legacyIgnoredPragma: m('QAPI6014', (name: string) => `unknown pragma '${name}' ignored`),
  legacyAnonymousReturns: m('QAPI6016', () =>
    "'returns' is an anonymous struct (QEMU 1.x/2.x); define a named struct and write its name"),

  legacyOptionalMarker: m('QAPI6101', (name: string) =>
    `'#optional' in the description of '@${name}:' is obsolete: the '*' in the definition marks optional members; remove it`),
  legacyUnindentedContinuation: m('QAPI6102', (what: string) =>
    `continuation line of ${what} is not indented; indent it`),
  legacyDocWithoutSymbol: m('QAPI6103', (name: string) =>
    `documentation comment lacks its first line '@${name}:' (QEMU 1.x); add it`),
  legacyDocNotDoc: m('QAPI6104', () =>
    "'##' line inside a comment is not a documentation comment; write '#' lines, or start a doc comment with exactly '##'"),
  legacyDocUnterminated: m('QAPI6105', () => "documentation comment must end with '##'; add a '##' line"),
  legacyDocUnopened: m('QAPI6106', () =>
    "documentation comment lacks its opening '##' (only its closing '##' is there); add a '##' line before it"),

  // 7xxx: differences between a schema and what a QEMU binary offers (its
  // query-qmp-schema reply), from `lint --against-qemu` / `--against-qmp-schema`.
  commandOnlyInBinary: m('QAPI7001', (name: string) => `the binary offers command '${name}', which the schema lacks`),
  commandNotInBinary: m('QAPI7002', (name: string, cond: string) => `command '${name}' is not offered by the binary${cond}`),
  eventOnlyInBinary: m('QAPI7003', (name: string) => `the binary has event '${name}', which the schema lacks`),
  eventNotInBinary: m('QAPI7004', (name: string, cond: string) => `event '${name}' is not in the binary${cond}`),
  memberOnlyInBinary: m('QAPI7005', (where: string, member: string) =>
    `${where}: the binary has member '${member}', which the schema lacks`),
  memberNotInBinary: m('QAPI7006', (where: string, member: string, cond: string) =>
    `${where}: member '${member}' is not in the binary${cond}`),
  enumValueOnlyInBinary: m('QAPI7007', (where: string, value: string) =>
    `${where}: the binary has value '${value}', which the schema lacks`),
  enumValueNotInBinary: m('QAPI7008', (where: string, value: string, cond: string) =>
    `${where}: value '${value}' is not in the binary${cond}`),
  branchOnlyInBinary: m('QAPI7009', (where: string, branch: string) =>
    `${where}: the binary has branch '${branch}', which the schema lacks`),
  branchNotInBinary: m('QAPI7010', (where: string, branch: string, cond: string) =>
    `${where}: branch '${branch}' is not in the binary${cond}`),
  featureOnlyInBinary: m('QAPI7011', (where: string, feature: string) =>
    `${where}: the binary has feature '${feature}', which the schema lacks`),
  featureNotInBinary: m('QAPI7012', (where: string, feature: string, cond: string) =>
    `${where}: feature '${feature}' is not in the binary${cond}`),
  typeMismatch: m('QAPI7013', (where: string, schemaType: string, binaryType: string) =>
    `${where}: the schema has ${schemaType}, the binary ${binaryType}`),
  optionalMismatch: m('QAPI7014', (where: string, member: string, optionalInSchema: boolean) =>
    `${where}: member '${member}' is ${optionalInSchema ? 'optional' : 'required'} in the schema but `
    + `${optionalInSchema ? 'required' : 'optional'} in the binary`),
  allowOobMismatch: m('QAPI7015', (name: string, inSchema: boolean) => (inSchema
    ? `command '${name}': the schema allows out-of-band execution, the binary does not`
    : `command '${name}': the binary allows out-of-band execution, the schema does not`)),
  alternativeOnlyInBinary: m('QAPI7016', (where: string, kind: string) =>
    `${where}: the binary also accepts ${kind}, which the schema does not`),
  alternativeNotInBinary: m('QAPI7017', (where: string, kind: string, cond: string) =>
    `${where}: the binary does not accept ${kind}${cond}`),
  tagMismatch: m('QAPI7018', (where: string, schemaTag: string, binaryTag: string) =>
    `${where}: the schema discriminates by '${schemaTag}', the binary by '${binaryTag}'`),
  // 8xxx: changes between two versions of a schema (`qapi-ts diff OLD NEW`),
  // classified by QEMU's compatibility rules for what clients send and receive.
  diffCommandRemoved: m('QAPI8001', (name: string) => `command '${name}' removed`),
  diffCommandAdded: m('QAPI8002', (name: string) => `command '${name}' added`),
  diffEventRemoved: m('QAPI8003', (name: string) => `event '${name}' removed`),
  diffEventAdded: m('QAPI8004', (name: string) => `event '${name}' added`),
  diffMemberRemoved: m('QAPI8005', (where: string, member: string, dir: string) =>
    `${where}: member '${member}' removed (${dir})`),
  diffRequiredMemberAdded: m('QAPI8006', (where: string, member: string, dir: string) =>
    `${where}: new required member '${member}' (${dir})`),
  diffMemberAdded: m('QAPI8007', (where: string, member: string, optional: boolean, dir: string) =>
    `${where}: new ${optional ? 'optional' : 'required'} member '${member}' (${dir})`),
  diffMemberMadeRequired: m('QAPI8008', (where: string, member: string, dir: string) =>
    `${where}: member '${member}' made required (${dir})`),
  diffMemberMadeOptional: m('QAPI8009', (where: string, member: string, dir: string) =>
    `${where}: member '${member}' made optional (${dir})`),
  diffEnumValueRemoved: m('QAPI8010', (where: string, value: string, dir: string) =>
    `${where}: value '${value}' removed (${dir})`),
  diffEnumValueAdded: m('QAPI8011', (where: string, value: string, dir: string, note: string) =>
    `${where}: value '${value}' added (${dir})${note}`),
  diffTypeChanged: m('QAPI8012', (where: string, from: string, to: string, dir: string) =>
    `${where}: type changed from ${from} to ${to} (${dir})`),
  diffTypeWidened: m('QAPI8013', (where: string, from: string, to: string, dir: string) =>
    `${where}: type changed compatibly from ${from} to ${to} (${dir})`),
  diffTypeRenamed: m('QAPI8014', (from: string, to: string) =>
    `type '${from}' renamed to '${to}' (same on the wire; generated TypeScript names change)`),
  diffFeatureGained: m('QAPI8015', (where: string, feature: string) => `${where}: gained feature '${feature}'`),
  diffFeatureLost: m('QAPI8016', (where: string, feature: string) => `${where}: lost feature '${feature}'`),
  diffBranchRemoved: m('QAPI8017', (where: string, branch: string, dir: string) =>
    `${where}: branch '${branch}' removed (${dir})`),
  diffBranchAdded: m('QAPI8018', (where: string, branch: string, dir: string) =>
    `${where}: branch '${branch}' added (${dir})`),
  // 9xxx: lint rules of qapi-ts's own (`qapi-ts lint`; see compiler/lint/).
  // 900x: QMP examples in doc comments, checked against the schema.
  exampleNotJson: m('QAPI9001', (direction: string, error: string) =>
    `example ${direction === '->' ? 'request' : 'reply'} is not valid JSON: ${error}`),
  exampleNotCommand: m('QAPI9002', (why: string) => `example request is not a QMP command: ${why}`),
  exampleUnknownCommand: m('QAPI9003', (name: string) => `example request executes '${name}', which the schema does not define`),
  exampleArguments: m('QAPI9004', (name: string, detail: string) =>
    `example arguments of '${name}' do not match the schema: ${detail}`),
  exampleReturn: m('QAPI9005', (name: string, detail: string) =>
    `example reply of '${name}' does not match the schema: ${detail}`),
  exampleUnknownEvent: m('QAPI9006', (name: string) => `example event '${name}' is not defined in the schema`),
  exampleEventData: m('QAPI9007', (name: string, detail: string) =>
    `example data of event '${name}' do not match the schema: ${detail}`),
  exampleNotReply: m('QAPI9008', (why: string) => `example reply is not a QMP reply or event: ${why}`),
  exampleReplyWithoutRequest: m('QAPI9009', () =>
    'example reply has no request before it in its example; show the request, or the reply cannot be checked'),

  // 901x-902x: rules checked on the IR (compiler/lint/rules/).
  // @@own-rule-messages: helpers add their rule messages below this line.
  // since-required
  sinceMissing: m('QAPI9010', (what: string) =>
    `${what} is documented but has no 'Since:' section; add '# Since: X.Y' naming the release that introduced it`),
  sinceUntagged: m('QAPI9011', (line: string, version: string) =>
    `'${line}' is an ordinary paragraph, not a 'Since:' section; `
    + `write 'Since: ${version}' (with the colon) as a paragraph of its own`),
  sinceNotVersion: m('QAPI9012', (text: string) =>
    `'Since: ${text}' does not start with a release number; `
    + "write the release as MAJOR.MINOR or MAJOR.MINOR.MICRO (e.g. 'Since: 10.2'), any note after it"),
  // deprecated-replacement
  deprecatedUndocumented: m('QAPI9013', (what: string, owner: string) =>
    `${what} is deprecated, but no doc comment says what to use instead; give ${owner} a doc comment `
    + "whose 'Features:' section describes '@deprecated:', naming the replacement (or saying there is none)"),
  deprecatedNoReplacement: m('QAPI9014', (whats: string) =>
    `the description of feature 'deprecated' (of ${whats}) does not say what to use instead; `
    + "name the replacement ('Use @new instead.') or say there is none ('There is no replacement.')"),
  // unstable-x-prefix
  unstableXPrefix: m('QAPI9015', (what: string) =>
    `${what} has the 'x-' prefix of unstable interfaces but not feature 'unstable'; `
    + "add 'features': [ 'unstable' ] and describe '@unstable:' under 'Features:'"),
  // unused-type
  unusedType: m('QAPI9016', (what: string) =>
    `${what} is not used by any command or event (their arguments, return values and data never reach it); `
    + 'remove it, or suppress this finding if it exists only for the code generated from the schema'),
  // member-doc-order
  memberDocOrder: m('QAPI9017', (role: string, name: string, documentedBefore: boolean, other: string, roles: string,
    moveBefore: boolean, anchor: string) =>
    `${role} '${name}' is documented ${documentedBefore ? 'before' : 'after'} '${other}' but declared `
    + `${documentedBefore ? 'after' : 'before'} it; move '@${name}:' ${moveBefore ? 'before' : 'after'} '@${anchor}:' `
    + `so the ${roles} are described in declaration order`),
  // naming-consistency
  namingMixedSeparators: m('QAPI9018', (role: string, name: string, separator: string, roles: string, owner: string,
    majority: string, suggestion: string) =>
    `${role} '${name}' separates words with '${separator}', but most ${roles} of ${owner} use '${majority}'; `
    + `name it '${suggestion}'`),
  // stale-pragma-exception
  pragmaNamesNothing: m('QAPI9019', (pragma: string, name: string, expected: string) =>
    `pragma '${pragma}' lists '${name}', but the schema has no ${expected} of that name; remove it from the list`),
  pragmaCommandNameUnneeded: m('QAPI9020', (name: string) =>
    `command '${name}' has no '_' in its name, so pragma 'command-name-exceptions' need not list it; `
    + 'remove it from the list'),
  pragmaCommandReturnsUnneeded: m('QAPI9021', (name: string, returns: string | undefined) =>
    `command '${name}' ${returns === undefined ? 'returns nothing' : `returns '${returns}', an object type or array of one`}, `
    + "so pragma 'command-returns-exceptions' need not list it; remove it from the list"),
  pragmaMemberNameUnneeded: m('QAPI9022', (what: string, roles: string) =>
    `no ${roles} of ${what} use uppercase or '_', so pragma 'member-name-exceptions' need not list it; `
    + 'remove it from the list'),
  pragmaDocumentationUnneeded: m('QAPI9023', (what: string, roles: string, hasDoc: boolean) =>
    `${what} ${hasDoc ? `documents all its ${roles}` : 'has no doc comment'}, so pragma 'documentation-exceptions' `
    + 'need not list it; remove it from the list'),

  // 909x: lint directives (`# qapi-ts-lint-disable RULE: reason`).
  directiveUnknownRule: m('QAPI9090', (id: string) => `unknown lint rule '${id}' in qapi-ts-lint-disable`),
  directiveNoReason: m('QAPI9091', (ids: string) =>
    `qapi-ts-lint-disable ${ids} gives no reason; write '# qapi-ts-lint-disable ${ids}: <why>'`),
  directiveUnattached: m('QAPI9092', () =>
    'qapi-ts-lint-disable must be on the line before a definition (or before its doc comment)'),
  directiveUnused: m('QAPI9093', (id: string) => `qapi-ts-lint-disable ${id} suppresses nothing here; remove it`),
} as const;

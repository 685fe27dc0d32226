/**
 * QEMU 10.2's rules that qapi-ts relaxes to warnings outside strict mode,
 * grouped into lint rules. The compiler reports their findings (codes below);
 * the lint phase only names, levels, reconfigures and suppresses them. At
 * level `strict` they are QEMU's errors again and none of that applies.
 */
import type { QemuRule } from './rule.js';

const qemu = (rule: Omit<QemuRule, 'kind'>): QemuRule => ({ kind: 'qemu', ...rule });

export const QEMU_RULES: readonly QemuRule[] = [
  qemu({
    id: 'legacy-syntax',
    level: 'minimal',
    codes: ['QAPI2011', ...range(6001, 6016)],
    summary: 'constructs of older QEMU releases\' schema dialects',
    description: 'Schemas written for QEMU 1.x to 9.x use forms QEMU 10.2 no longer accepts: \'type\' for \'struct\', '
      + 'simple unions, anonymous nested structs, C preprocessor \'if\' strings, old pragma names, trailing or missing '
      + 'commas. qapi-ts reads them the way the older release did, so generated code is right, and each finding names '
      + 'the modern form to write. Rewrite the construct as the message says; at level strict they are errors, as in QEMU 10.2.',
  }),
  qemu({
    id: 'qemu-naming',
    level: 'minimal',
    codes: ['QAPI4003', 'QAPI4004', 'QAPI4005', 'QAPI4006', 'QAPI4007', 'QAPI4022'],
    summary: 'QEMU 10.2\'s naming rules (case, separators, reserved names)',
    description: 'QEMU 10.2 requires lower-case names with \'-\' for commands, members and enum values, CamelCase for '
      + 'types, upper case for events, and reserves names such as \'u\', \'has_*\' and a \'List\' suffix. Older '
      + 'schemas predate some of these rules (its pragmas list legacy exceptions). Rename, or list the name in the '
      + 'matching exception pragma when the wire name cannot change.',
  }),
  qemu({
    id: 'qemu-semantics',
    level: 'minimal',
    codes: ['QAPI5004', 'QAPI5009', 'QAPI5017', 'QAPI5018'],
    summary: 'QEMU 10.2\'s semantic rules older releases did not have',
    description: 'Special features on types, alternates whose branches a parser cannot tell apart, union or conditional '
      + 'arguments without \'boxed\': true. Older QEMU releases accepted these; 10.2 rejects them. Follow the message; '
      + 'generated decoders resolve ambiguous alternates by the earliest branch.',
  }),
  qemu({
    id: 'returns-bare-builtin',
    level: 'default',
    codes: ['QAPI5019'],
    summary: 'a command returns a built-in, enum, alternate or list of them without an exception pragma',
    description: 'QMP commands return an object so that members can be added later without breaking clients; a bare '
      + '\'int\' or [\'str\'] cannot grow. QEMU 10.2 rejects such a \'returns\' unless the command is listed in the '
      + '\'command-returns-exceptions\' pragma. Return a struct with one member, or list the command in the pragma '
      + 'when its wire format is fixed.',
  }),
  qemu({
    id: 'doc-coverage',
    level: 'default',
    codes: ['QAPI3020', 'QAPI3021', 'QAPI3022', 'QAPI3023', 'QAPI3024', 'QAPI3025', 'QAPI3026', 'QAPI3027', 'QAPI3028', 'QAPI3029'],
    summary: 'doc comments that are missing or do not match their definition',
    description: 'With the \'doc-required\' pragma, QEMU 10.2 requires a doc comment for every definition that documents '
      + 'every member, value, branch and feature, names only members that exist, and has \'Returns\' and \'Errors\' '
      + 'sections only where they apply. Write the missing descriptions (or list legacy gaps in the '
      + '\'documentation-exceptions\' pragma) and remove stale ones.',
  }),
  qemu({
    id: 'doc-markup',
    level: 'default',
    codes: ['QAPI3002', 'QAPI3003', 'QAPI3004', 'QAPI3007', 'QAPI3008', 'QAPI3009', 'QAPI3011', 'QAPI3012', 'QAPI3013',
      'QAPI3015', 'QAPI3016', 'QAPI3017', 'QAPI3019'],
    summary: 'doc comment structure QEMU 10.2 does not accept',
    description: 'QEMU 10.2 reads doc comments strictly: \'@name:\' descriptions before other sections, no \'Notes:\' '
      + 'or \'Example:\' sections (use rST\'s \'.. note::\' and \'.. qmp-example::\'), no empty or duplicated sections. '
      + 'Older schemas used freer forms that qapi-ts still reads. Rewrite the comment as the message says.',
  }),
  qemu({
    id: 'legacy-doc',
    level: 'default',
    codes: ['QAPI6101', 'QAPI6103', 'QAPI6104', 'QAPI6105', 'QAPI6106'],
    summary: 'doc comment forms of older QEMU releases',
    description: 'QEMU 1.x and 2.x doc comments marked optional members with \'#optional\', omitted the \'@name:\' '
      + 'first line, or left blocks unterminated. qapi-ts reads them and attaches the text where the old release '
      + 'did; write the modern form named in the message.',
  }),
  qemu({
    id: 'doc-line-length',
    level: 'default',
    codes: ['QAPI3005'],
    summary: 'doc comment lines longer than 70 characters',
    description: 'QEMU 10.2 rejects doc comment lines longer than 70 characters (a line that is only a URL excepted), so that '
      + 'the comments stay readable in an 80-column editor. Wrap the line.',
  }),
  qemu({
    id: 'doc-sentence-spacing',
    level: 'default',
    codes: ['QAPI3006'],
    summary: 'one space instead of two between sentences in doc comments',
    description: 'QEMU 10.2 requires two spaces after a sentence-ending period in doc comments (the convention of its '
      + 'documentation, which Emacs and fmt honour when filling). Insert the second space; if the period does not end '
      + 'a sentence, QEMU asks for a bug report, and so do we.',
  }),
  qemu({
    id: 'doc-indentation',
    level: 'default',
    codes: ['QAPI3014', 'QAPI6102'],
    summary: 'continuation lines of doc sections that are not indented',
    description: 'QEMU 10.2 requires the continuation lines of a member, feature or section description to be indented '
      + '(by at least the indentation of the first continuation line), so that rST reads them as one paragraph. '
      + 'Indent the line.',
  }),
];

function range(from: number, to: number): string[] {
  const codes: string[] = [];
  for (let n = from; n <= to; n++) codes.push(`QAPI${n}`);
  return codes;
}

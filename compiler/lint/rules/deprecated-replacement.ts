/**
 * deprecated-replacement: whatever carries feature `deprecated` is
 * documented, and the description tells the client what to do instead.
 */
import { Messages } from '../../diagnostics/messages.js';
import type { IrFeature } from '../../ir/types.js';
import type { OwnRule, RuleContext } from '../rule.js';
import {
  type DefinitionMembers, definitionMembers, describeDefinition, describeMember, memberLocation,
} from './definition-members.js';

const DEPRECATED = 'deprecated';

/**
 * Wording that names a replacement: "Use @id instead.", "use
 * 'query-cpus-fast' instead", "Use member `blockdev-backup` instead",
 * "replaced by ...". A bare "use" must be followed by a reference, so
 * "nobody should use it" does not count.
 */
const NAMES_REPLACEMENT: readonly RegExp[] = [
  /\binstead\b/i,
  /\buse\s+(?:(?:the\s+)?(?:member|argument|command|event|value|option|property)\s+)?[@`'"]/i,
  /\b(?:replaced|superseded)\s+by\b/i,
  /\bin\s+favou?r\s+of\b/i,
  /\b(?:switch|migrate)\s+to\b/i,
];

/**
 * Wording that says there is nothing to use instead, explicitly: "with no
 * replacement yet", "has no effect", "carries no information", "omit it".
 * Statements a reader has to turn into that ("It is always false", "false
 * is already the default") do not count; see the rule's description.
 */
const SAYS_NO_REPLACEMENT: readonly RegExp[] = [
  /\bno\s+(?:replacement|alternative|substitute)\b/i,
  /\bwithout\s+(?:a\s+)?replacement\b/i,
  /\bnot\s+(?:be\s+)?replaced\b/i,
  /\bno\s+effect\b/i,
  /\bis\s+ignored\b/i,
  /\bcarries\s+no\s+information\b/i,
  /\bomit(?:ted)?\b/i,
  /\bno\s+longer\s+(?:needed|necessary|required)\b/i,
  /\bunnecessary\b/i,
];

export function saysWhatToUseInstead(text: string): boolean {
  return [...NAMES_REPLACEMENT, ...SAYS_NO_REPLACEMENT].some((pattern) => pattern.test(text));
}

export const deprecatedReplacement: OwnRule = {
  kind: 'own',
  id: 'deprecated-replacement',
  level: 'default',
  codes: [Messages.deprecatedUndocumented.code, Messages.deprecatedNoReplacement.code],
  summary: 'deprecated interfaces whose description does not say what to use instead',
  description:
    "Everything that carries feature 'deprecated' (a command, an event, a member, an argument or an enum value) "
    + "must be described under 'Features:' in its definition's doc comment, and the description must tell a "
    + "client what to do instead: name the replacement ('Use @new instead.', 'replaced by ...') or say plainly "
    + "that there is none ('deprecated with no replacement yet', 'has no effect', 'carries no information', "
    + "'omit it'), because a deprecation that leaves clients guessing cannot be acted on before the interface is "
    + "removed. A reason alone ('because GlusterFS development ceased') is not enough. Statements that only imply "
    + "the action are not accepted either: QEMU 10.2's RngProperties.opened ('Setting true doesn't make sense, and "
    + "false is already the default.') is reported, deliberately, since the reader must work out that the member is "
    + "to be omitted, and accepting 'is the default' would also pass texts where the default changed and the "
    + "client does have something to do; adding 'Omit it.' satisfies the rule. One '@deprecated:' description "
    + "covers every deprecated thing of its definition, so it is reported once, at its line. A deprecated thing of "
    + "a definition without any doc comment is reported where it is declared; one whose definition has a doc "
    + "comment but no '@deprecated:' description is left to QEMU's own rule (feature 'deprecated' lacks "
    + 'documentation).',
  check(ctx: RuleContext): void {
    for (const owner of definitionMembers(ctx.ir, ctx.definitions)) {
      const deprecated = deprecatedThings(owner);
      if (!deprecated.length) continue;
      const definition = owner.definition.name;
      if (!owner.doc) {
        for (const thing of deprecated) {
          ctx.report(Messages.deprecatedUndocumented, { location: thing.location, definition },
            thing.what, describeDefinition(owner.definition));
        }
        continue;
      }
      // Without a description (lenient mode then holds a stub), QEMU's
      // "feature 'deprecated' lacks documentation" already reports it.
      const section = owner.doc.features.find((s) => s.name === DEPRECATED && !s.stub);
      if (!section || saysWhatToUseInstead(section.text)) continue;
      ctx.report(Messages.deprecatedNoReplacement,
        { location: { file: owner.doc.location.file, line: section.line }, definition },
        deprecated.map((t) => t.what).join(', '));
    }
  },
};

interface DeprecatedThing {
  /** `command 'drive-backup'`, `value 'gluster'`, `argument 'detach'`. */
  readonly what: string;
  readonly location: DefinitionMembers['location'];
}

/** The definition itself and each declared member with feature `deprecated`, in declaration order. */
function deprecatedThings(owner: DefinitionMembers): DeprecatedThing[] {
  const out: DeprecatedThing[] = [];
  if (isDeprecated(owner.definition.features)) {
    out.push({ what: describeDefinition(owner.definition), location: owner.location });
  }
  for (const member of owner.members) {
    if (isDeprecated(member.features)) {
      out.push({ what: describeMember(member), location: memberLocation(owner, member) });
    }
  }
  return out;
}

function isDeprecated(features: readonly IrFeature[]): boolean {
  return features.some((f) => f.name === DEPRECATED);
}

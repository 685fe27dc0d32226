/**
 * since-required: a documented definition says, in a `Since:` section, which
 * release introduced it, and that section starts with a release number.
 */
import { Messages } from '../../diagnostics/messages.js';
import type { IrDoc, IrDocSection } from '../../ir/types.js';
import type { OwnRule, RuleContext } from '../rule.js';
import { definitionMembers, describeDefinition } from './definition-members.js';

/**
 * A release number at the start of the text, not followed by more of a
 * number or word. QEMU writes notes after it ("2.2; 'Unknown' and all
 * entries below since 2.4", "1.4 (testdev since 2.2, wctablet since 2.9)",
 * "1.2" and a list of later additions); those pass.
 */
const RELEASE_FIRST = /^\d+\.\d+(?:\.\d+)?(?![\p{L}\p{N}_]|\.\d)/u;

/**
 * A paragraph line that was meant as a Since section but is not one, as
 * QEMU 10.2 has four times ("Since 10.1", without the colon). The whole line
 * must be the tag and a release, so prose ("Since 2.4, the command ...")
 * is not mistaken for it.
 */
const UNTAGGED_SINCE = /^since:?\s+(\d+\.\d+(?:\.\d+)?)\.?\s*$/i;

export const sinceRequired: OwnRule = {
  kind: 'own',
  id: 'since-required',
  level: 'default',
  codes: [Messages.sinceMissing.code, Messages.sinceUntagged.code, Messages.sinceNotVersion.code],
  summary: "documented definitions without a 'Since:' section, or whose 'Since:' is not a release number",
  description:
    "Every struct, enum, union, alternate, command and event that has a doc comment must have a 'Since:' "
    + "section naming the release that introduced it (QEMU's code-generator guide: 'A \"Since: x.y.z\" tagged "
    + "section lists the release that introduced the definition'), because clients and the generated "
    + 'documentation rely on it to tell what a given QEMU offers. A definition without any '
    + "doc comment is left to QEMU's doc-required pragma. A paragraph that is only 'Since X.Y' (the colon "
    + "forgotten, so QEMU's doc parser reads an ordinary paragraph) is reported as such, and a 'Since:' "
    + 'section whose text does not start with a release number (MAJOR.MINOR or MAJOR.MINOR.MICRO; a note '
    + "may follow, as in 'Since: 2.2; ... since 2.4') is reported too. Fix: add '# Since: X.Y' as a paragraph "
    + 'of its own at the end of the doc comment, or put the release number first.',
  check(ctx: RuleContext): void {
    for (const owner of definitionMembers(ctx.ir, ctx.definitions)) {
      const { definition, doc } = owner;
      if (!doc) continue;
      const site = (line: number) => ({ location: { file: doc.location.file, line }, definition: definition.name });
      const since = doc.sections.find((s) => s.kind === 'Since');
      if (since) {
        if (!RELEASE_FIRST.test(since.text)) {
          ctx.report(Messages.sinceNotVersion, site(since.line), firstLine(since.text));
        }
        continue;
      }
      const untagged = untaggedSince(doc);
      if (untagged) {
        ctx.report(Messages.sinceUntagged, site(untagged.line), untagged.text, untagged.release);
      } else {
        ctx.report(Messages.sinceMissing, { location: owner.location, definition: definition.name },
          describeDefinition(definition));
      }
    }
  },
};

function firstLine(text: string): string {
  return text.split('\n', 1)[0].trim();
}

/** The first line of a plain paragraph that is only an untagged "Since X.Y", with its line number. */
function untaggedSince(doc: IrDoc): { line: number; text: string; release: string } | undefined {
  for (const section of doc.allSections) {
    if (section.kind !== 'Plain') continue;
    const found = paragraphLines(section).find((l) => UNTAGGED_SINCE.test(l.text.trim()));
    if (found) {
      const text = found.text.trim();
      return { line: found.line, text, release: UNTAGGED_SINCE.exec(text)![1] };
    }
  }
  return undefined;
}

/**
 * A section's lines with their line numbers. A section's text starts on its
 * `line` (QEMU strips only blank lines around the whole text, and a section
 * begins at its first non-blank line), one text line per source line.
 */
function paragraphLines(section: IrDocSection): { line: number; text: string }[] {
  return section.text.split('\n').map((text, i) => ({ line: section.line + i, text }));
}

/**
 * Doc-comment parsing, following QEMU 10.2's parser.py (`get_doc*`) line for
 * line so that its errors, their order and their positions come out the same,
 * including the style checks (70 columns, two spaces between sentences) that
 * are skipped inside literal blocks.
 */
import type { TokenCursor } from './token-cursor.js';
import { QapiDoc } from './doc-comment.js';
import { LiteralBlocks } from './literal-blocks.js';
import { Messages } from '../diagnostics/messages.js';
import { codePointLength, leadingSpaceLength, pyRstrip } from '../source/python-text.js';

export const AT_NAME_COLON = /^@([^:]*): */;
export const TAGGED_SECTION = /^(Returns|Errors|Since|Notes?|Examples?|TODO)(?!::): */;
const URL_LINE = /^ *(https?|ftp):\/\/[^ ]*$/;
// Python's \b before "e.g." is a Unicode word boundary; \d is any Unicode digit.
const SENTENCE_END = /[.!?] [A-Z0-9(]/;
const SINGLE_SPACE = /((?<![\p{L}\p{N}_])e\.g\.|^ *\p{Nd}\.|([.!?])) [A-Z0-9(]/dgu;

/**
 * QEMU 10.2's style rules for a doc line outside literal blocks: 'too-long'
 * (over 70 columns, URLs excepted), or the index in `line` of the punctuation
 * followed by a single space, or undefined when the line is fine.
 */
export function lineFormatViolation(line: string): 'too-long' | number | undefined {
  if (line.length + 2 > 70 && codePointLength(line) + 2 > 70 && !URL_LINE.test(line)) return 'too-long';
  // Most lines have no sentence end followed by a space: skip the costly regex.
  if (!SENTENCE_END.test(line)) return undefined;
  SINGLE_SPACE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SINGLE_SPACE.exec(line))) {
    if (m[2] !== undefined) return m.indices![2]![0];
  }
  return undefined;
}

/**
 * Where QEMU points for a single space after a sentence: at the space after
 * the punctuation, counting from the line start as if the comment began in
 * column 1.
 */
export function twoSpacesOffset(c: TokenCursor, linePos: number, line: string, index: number): number {
  const codePoints = 2 + codePointLength(line.slice(0, index)) + 1;
  let offset = linePos;
  for (let k = 0; k < codePoints && offset < c.src.text.length; k++) {
    offset += c.src.text.codePointAt(offset)! > 0xffff ? 2 : 1;
  }
  return offset;
}

/** A line that is neither a description, nor a section tag, nor 'Features:'. */
function isPlainText(line: string): boolean {
  return !AT_NAME_COLON.test(line) && !TAGGED_SECTION.test(line) && line !== 'Features:';
}

export class DocParser {
  private readonly literal = new LiteralBlocks();
  /**
   * Set (never read here) when a description or tagged section was followed,
   * without a blank line, by unindented plain text: 10.2 reads that as a new
   * paragraph, older releases as the section's continuation. A lenient run
   * then reads the block by the older rules.
   */
  unindentedContinuation = false;

  constructor(private readonly c: TokenCursor) {}

  /** Parses the doc block starting at the current `##` token; leaves the cursor after it. */
  parse(): QapiDoc {
    const c = this.c;
    if (c.val !== '##') throw c.error(Messages.docJunkAtStart);
    // (Only a lenient run can get here after an aborted block.)
    this.literal.reset();
    this.unindentedContinuation = false;
    const info = c.info;
    c.accept(false);
    let line = this.getDocLine();
    let doc: QapiDoc;
    if (line !== null && line.startsWith('@')) {
      if (!line.endsWith(':')) throw c.error(Messages.docLineShouldEndWithColon);
      const symbol = line.slice(1, -1);
      if (!symbol) throw c.error(Messages.docNameRequired);
      doc = new QapiDoc(info, symbol);
      c.accept(false);
      line = this.getDocLine();
      let noMoreArgs = false;
      while (line !== null) {
        while (line === '') {
          c.accept(false);
          line = this.getDocLine();
        }
        if (line === null) break;
        let match: RegExpExecArray | null;
        if (line === 'Features:') {
          if (doc.features.size) throw c.error(Messages.docDuplicatedFeatures);
          c.accept(false);
          line = this.getDocLine();
          while (line === '') {
            c.accept(false);
            line = this.getDocLine();
          }
          while (line !== null && (match = AT_NAME_COLON.exec(line))) {
            doc.newFeature(c.info, match[1]);
            const text = line.slice(match[0].length);
            if (text) doc.appendLine(text);
            line = this.getDocIndented(doc);
          }
          if (!doc.features.size) throw c.error(Messages.docFeatureDescriptionsExpected);
          noMoreArgs = true;
        } else if ((match = AT_NAME_COLON.exec(line))) {
          if (noMoreArgs) throw c.error(Messages.docDescriptionFollowsSection, match[1]);
          while (line !== null && (match = AT_NAME_COLON.exec(line))) {
            doc.newArgument(c.info, match[1]);
            const text = line.slice(match[0].length);
            if (text) doc.appendLine(text);
            line = this.getDocIndented(doc);
          }
          noMoreArgs = true;
        } else if ((match = TAGGED_SECTION.exec(line))) {
          const tag = match[1];
          if (tag.includes('Note')) throw c.error(Messages.docNoteSection, tag);
          if (tag.includes('Example')) throw c.error(Messages.docExampleSection, tag);
          const kind = tag === 'TODO' ? 'Todo' : (tag as 'Returns' | 'Errors' | 'Since');
          doc.newTaggedSection(c.info, kind);
          const text = line.slice(match[0].length);
          if (text) doc.appendLine(text);
          line = this.getDocIndented(doc);
          noMoreArgs = true;
        } else {
          doc.ensureUntaggedSection(c.info);
          doc.appendLine(line);
          line = this.getDocParagraph(doc);
        }
      }
    } else {
      doc = new QapiDoc(info);
      doc.ensureUntaggedSection(c.info);
      while (line !== null) {
        const match = AT_NAME_COLON.exec(line);
        if (match) throw c.error(Messages.docNameInFreeForm, match[1]);
        doc.appendLine(line);
        c.accept(false);
        line = this.getDocLine();
      }
    }
    const endLine = c.line;
    c.accept();
    doc.end();
    doc.endLine = endLine;
    return doc;
  }

  /** One doc line's text, '' for a blank one, null at the closing `##`. */
  private getDocLine(): string | null {
    const c = this.c;
    if (c.tok !== '#') throw c.error(Messages.docMustEnd);
    const val = c.val as string;
    if (val.startsWith('##')) {
      if (val !== '##') throw c.error(Messages.docJunkAtEnd);
      this.literal.reset();
      return null;
    }
    if (val === '#') return '';
    if (val[1] !== ' ') throw c.error(Messages.docMissingSpace);
    const line = pyRstrip(val.slice(2));
    this.literal.see(line);
    if (!this.literal.active) this.validateLineFormat(line);
    return line;
  }

  private validateLineFormat(line: string): void {
    const c = this.c;
    const violation = lineFormatViolation(line);
    if (violation === 'too-long') throw c.error(Messages.docLineTooLong);
    if (violation !== undefined) throw c.errorAt(twoSpacesOffset(c, c.linePos, line, violation), Messages.docTwoSpaces);
  }

  private getDocIndented(doc: QapiDoc): string | null {
    const c = this.c;
    const firstLine = c.line;
    c.accept(false);
    let line = this.getDocLine();
    while (line === '') {
      doc.appendLine(line);
      c.accept(false);
      line = this.getDocLine();
    }
    if (line === null) return line;
    const indent = leadingSpaceLength(line);
    if (!indent) {
      if (c.line === firstLine + 1 && isPlainText(line)) this.unindentedContinuation = true;
      return line;
    }
    doc.appendLine(line);
    // QEMU sets this after every line, so only the line right after the
    // first continuation line is checked for de-indentation. Kept as is.
    let prevLineBlank = false;
    let lastLine = line;
    for (;;) {
      c.accept(false);
      line = this.getDocLine();
      if (line === null) return line;
      if (AT_NAME_COLON.test(line)) return line;
      const curIndent = leadingSpaceLength(line);
      if (line !== '' && curIndent < indent) {
        if (prevLineBlank) {
          if (!curIndent && lastLine !== '' && isPlainText(line)) this.unindentedContinuation = true;
          return line;
        }
        throw c.error(Messages.docUnexpectedDeindent, indent);
      }
      doc.appendLine(line);
      lastLine = line;
      prevLineBlank = true;
    }
  }

  private getDocParagraph(doc: QapiDoc): string | null {
    const c = this.c;
    for (;;) {
      c.accept(false);
      const line = this.getDocLine();
      if (line === null || line === '') return line;
      doc.appendLine(line);
    }
  }
}


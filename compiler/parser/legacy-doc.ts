/**
 * Doc comments in the layouts of older QEMU releases, for lenient runs. The
 * schema parser hands a doc block here only after QEMU 10.2's parser
 * (doc-parser.ts) rejected it, so blocks 10.2 accepts are always read by 10.2's
 * rules. This reader never fails: every departure from 10.2's layout is a
 * warning, and the block is read as the release that wrote it meant it:
 *
 * - QEMU 1.x did not parse doc comments: blocks may lack their opening or
 *   closing `##`, their symbol line or the symbol line's `:` (`# @Foo`).
 * - QEMU 2.9 to 8.x: `#optional` markers in member descriptions;
 *   continuation lines of a description or section that are not indented;
 *   `Notes:`/`Example:` sections (read as `.. note::` and
 *   `.. qmp-example::` directives, their modern forms), which run on across
 *   blank lines until the next section; descriptions after other sections.
 * - QEMU 10.2's style rules (70 columns, two spaces between sentences,
 *   de-indentation) are warnings, each line once.
 */
import type { TokenCursor } from './token-cursor.js';
import { type DocSection, QapiDoc, trimNewlines } from './doc-comment.js';
import { AT_NAME_COLON, lineFormatViolation, TAGGED_SECTION, twoSpacesOffset } from './doc-parser.js';
import { LiteralBlocks } from './literal-blocks.js';
import type { Leniency } from '../diagnostics/leniency.js';
import { Messages, type MessageDef } from '../diagnostics/messages.js';
import { locationOf, type SourceInfo } from '../source/source-info.js';
import { leadingSpaceLength, pyRstrip } from '../source/python-text.js';

interface DocLine {
  /** The text after `# `, right-stripped. */
  readonly text: string;
  readonly info: SourceInfo;
  /** Offsets of the line's start and of its `#`. */
  readonly linePos: number;
  readonly pos: number;
}

type OpenKind = 'text' | 'description' | 'tagged' | 'note' | 'example';

interface OpenSection {
  readonly kind: OpenKind;
  readonly section: DocSection;
  /** What a warning calls it: `'@name:'`, `'Returns:'`. */
  readonly label: string;
  /** Continuation lines so far (description and tagged sections). */
  continuations: number;
  /** Indentation of the first continuation line. */
  firstIndent: number;
  warnedUnindented: boolean;
  /** Directive sections: the argument (text on the tag line) and the content lines. */
  readonly arg?: string;
  readonly content?: string[];
}

const OPTIONAL_MARKER = /#optional\b[ ,:]*/;
const SYMBOL_LINE = /^@([^\s:]*):?\s*(.*)$/;
const DEFINITION_KEYS = new Set(['enum', 'struct', 'type', 'union', 'alternate', 'command', 'event']);

/**
 * Whether a block QEMU 10.2's parser accepted still needs the older rules
 * (lenient runs): '#optional' markers, unindented continuation lines (which
 * 10.2 reads as a new paragraph), or a free-form block right before a
 * definition (QEMU 1.x blocks without their symbol line). Blocks of schemas
 * QEMU 10.2 accepts never qualify, so their docs are 10.2's.
 */
export function needsLegacyReading(doc: QapiDoc, unindentedContinuation: boolean, c: TokenCursor): boolean {
  if (unindentedContinuation) return true;
  if (!doc.symbol) return nextDefinitionName(c) !== undefined;
  for (const s of doc.allSections) {
    if ((s.kind === 'Member' || s.kind === 'Feature') && OPTIONAL_MARKER.test(s.text)) return true;
  }
  return false;
}

/** The name the definition at the cursor defines, if it is one (`{ 'command': 'foo', ...`); the cursor stays. */
function nextDefinitionName(c: TokenCursor): string | undefined {
  if (!c.is('{')) return undefined;
  const mark = c.mark();
  try {
    c.accept();
    const key = c.is("'") ? (c.val as string) : undefined;
    c.accept();
    if (!key || !DEFINITION_KEYS.has(key) || !c.is(':')) return undefined;
    c.accept();
    return c.is("'") ? (c.val as string) : undefined;
  } catch {
    return undefined;
  } finally {
    c.reset(mark);
  }
}

export class LegacyDocParser {
  private readonly literal = new LiteralBlocks();
  private doc!: QapiDoc;
  private open: OpenSection | undefined;
  /** Blank lines seen since the last text line. */
  private blanks = 0;

  constructor(
    private readonly c: TokenCursor,
    private readonly leniency: Leniency,
  ) {}

  /**
   * Reads the block starting at the current `##...` token; leaves the cursor
   * after it. Returns undefined when the comment is not a doc block at all.
   */
  parse(): QapiDoc | undefined {
    const c = this.c;
    const start = c.val as string;
    let lines: DocLine[] = [];
    // '## @Foo:' (an old typo): the block's first line is on its opening line.
    const symbolOnStart = /^## +(@\S+)$/.exec(start);
    if (symbolOnStart) {
      this.warnAt(c.info, c.pos, c.linePos, Messages.docJunkAtStart);
      lines.push({ text: symbolOnStart[1], info: c.info, linePos: c.linePos, pos: c.pos });
    } else if (start !== '##') {
      this.warnAt(c.info, c.pos, c.linePos, Messages.legacyDocNotDoc);
      c.accept();
      return undefined;
    }
    let info = c.info;
    let endLine: number;
    c.accept(false);
    for (;;) {
      if (c.tok !== '#') {
        if (lines.length) {
          this.warnAt(c.info, c.pos, c.linePos, Messages.legacyDocUnterminated);
          endLine = lines[lines.length - 1].info.line;
          // ('# ##' was meant as the closing line.)
          if (lines[lines.length - 1].text === '##') lines.pop();
        } else {
          // A lone '##' right before a definition: QEMU 1.x blocks often
          // lack their opening line. The comment lines above it are the doc.
          endLine = info.line;
          const above = this.commentLinesAbove(info.line);
          if (above.length) {
            this.warnAt(above[0].info, above[0].pos, above[0].linePos, Messages.legacyDocUnopened);
            lines = above;
            info = above[0].info;
          }
        }
        break;
      }
      const val = c.val as string;
      if (val.startsWith('##')) {
        if (val !== '##') this.warnAt(c.info, c.pos, c.linePos, Messages.docJunkAtEnd);
        endLine = c.line;
        c.accept();
        break;
      }
      lines.push(this.docLine(val, c.info, c.linePos, c.pos));
      c.accept(false);
    }
    this.literal.reset();
    const doc = this.build(info, lines);
    doc.endLine = endLine;
    return doc;
  }

  private docLine(val: string, info: SourceInfo, linePos: number, pos: number): DocLine {
    let text: string;
    if (val === '#') text = '';
    else if (val[1] !== ' ') {
      this.warnAt(info, pos, linePos, Messages.docMissingSpace);
      text = pyRstrip(val.slice(1));
    } else text = pyRstrip(val.slice(2));
    return { text, info, linePos, pos };
  }

  /** The run of `#` lines (not `##`) right above `line`. */
  private commentLinesAbove(line: number): DocLine[] {
    const src = this.c.src;
    let first = line;
    while (first > 1) {
      const start = src.lineStarts[first - 2];
      if (src.text[start] !== '#' || src.text[start + 1] === '#') break;
      first--;
    }
    const found: DocLine[] = [];
    for (let l = first; l < line; l++) {
      const start = src.lineStarts[l - 1];
      const end = src.text.indexOf('\n', start);
      const raw = src.text.slice(start, end < 0 ? undefined : end);
      found.push(this.docLine(pyRstrip(raw), this.c.infoAt(l), start, start));
    }
    return found;
  }

  private build(info: SourceInfo, lines: DocLine[]): QapiDoc {
    const first = lines[0];
    const symbolMatch = first && first.text.startsWith('@') ? SYMBOL_LINE.exec(first.text) : null;
    const symbol = symbolMatch?.[1].replace(/[.:]+$/, '');
    const next = !symbolMatch && lines.some((l) => AT_NAME_COLON.test(l.text) || TAGGED_SECTION.test(l.text))
      ? nextDefinitionName(this.c) : undefined;
    if (next !== undefined) {
      // A definition's doc without its symbol line (QEMU 1.x): it documents what follows.
      this.leniency.warn(Messages.legacyDocWithoutSymbol, locationOf(info), next);
      this.doc = new QapiDoc(info, next);
      this.open = { kind: 'text', section: this.doc.body, label: 'the body', continuations: 0, firstIndent: 0, warnedUnindented: false };
      this.blanks = 0;
      this.definitionDoc(lines);
    } else if (first && symbolMatch && symbol) {
      this.styleCheck(first);
      if (!first.text.endsWith(':')) this.warnLine(first, Messages.docLineShouldEndWithColon);
      this.doc = new QapiDoc(info, symbol);
      this.open = { kind: 'text', section: this.doc.body, label: 'the body', continuations: 0, firstIndent: 0, warnedUnindented: false };
      this.blanks = 0;
      // Text after '@Foo:' on the symbol line (QEMU 1.x) starts the body.
      if (symbolMatch[2] && first.text.endsWith(':') === false) this.text(first, symbolMatch[2]);
      this.definitionDoc(lines.slice(1));
    } else {
      if (first && first.text.startsWith('@')) this.warnLine(first, Messages.docNameRequired);
      this.doc = new QapiDoc(info);
      this.freeForm(lines);
    }
    this.closeOpen();
    this.end();
    return this.doc;
  }

  private freeForm(lines: DocLine[]): void {
    const doc = this.doc;
    doc.ensureUntaggedSection(lines[0]?.info ?? doc.info);
    for (const line of lines) {
      this.styleCheck(line);
      const m = AT_NAME_COLON.exec(line.text);
      if (m) this.warnLine(line, Messages.docNameInFreeForm, m[1]);
      doc.appendLine(line.text);
    }
  }

  private definitionDoc(lines: DocLine[]): void {
    const doc = this.doc;
    let inFeatures = false;
    let argsSeen = false;
    let argsClosed = false;
    for (const line of lines) {
      const inExample = this.open?.kind === 'example';
      if (!inExample) this.styleCheck(line);
      else this.literal.see(line.text);
      const text = line.text;
      if (text === '') {
        this.blanks++;
        continue;
      }
      let m: RegExpExecArray | null;
      if (text === 'Features:') {
        this.closeOpen();
        if (doc.features.size) this.warnLine(line, Messages.docDuplicatedFeatures);
        inFeatures = true;
        argsClosed = argsSeen;
        this.open = undefined;
        this.blanks = 0;
        continue;
      }
      if ((m = AT_NAME_COLON.exec(text)) && m[1]) {
        const name = m[1];
        let body = text.slice(m[0].length);
        if (OPTIONAL_MARKER.test(body)) {
          this.warnLine(line, Messages.legacyOptionalMarker, name);
          body = body.replace(OPTIONAL_MARKER, '');
        }
        if (!inFeatures && argsClosed) this.warnLine(line, Messages.docDescriptionFollowsSection, name);
        const into = inFeatures ? doc.features : doc.args;
        this.closeOpen();
        let section = into.get(name);
        if (section) {
          this.warnLine(line, Messages.docParameterDuplicated, name);
          section.text += '\n';
        } else {
          if (inFeatures) doc.newFeature(line.info, name);
          else doc.newArgument(line.info, name);
          section = into.get(name)!;
        }
        if (!inFeatures) argsSeen = true;
        if (body) section.text += `${body}\n`;
        this.open = {
          kind: 'description', section, label: `'@${name}:'`, continuations: 0, firstIndent: 0, warnedUnindented: false,
        };
        this.blanks = 0;
        continue;
      }
      const tagged = TAGGED_SECTION.exec(text);
      if (tagged) {
        this.closeOpen();
        inFeatures = false;
        if (argsSeen) argsClosed = true;
        const tag = tagged[1];
        const rest = text.slice(tagged[0].length);
        if (tag.startsWith('Note') || tag.startsWith('Example')) {
          const note = tag.startsWith('Note');
          this.warnLine(line, note ? Messages.docNoteSection : Messages.docExampleSection, tag);
          const section: DocSection = { kind: 'Plain', info: line.info, text: '' };
          doc.sections.push(section);
          doc.allSections.push(section);
          this.open = {
            kind: note ? 'note' : 'example', section, label: `'${tag}:'`, continuations: 0, firstIndent: 0,
            warnedUnindented: false, arg: rest, content: [],
          };
          this.literal.reset();
        } else {
          const kind = tag === 'TODO' ? 'Todo' : (tag as 'Returns' | 'Errors' | 'Since');
          const key = kind === 'Returns' ? 'returns' : kind === 'Errors' ? 'errors' : kind === 'Since' ? 'since' : undefined;
          let section: DocSection;
          if (key && doc[key]) {
            this.warnLine(line, Messages.docDuplicatedSection, kind);
            section = doc[key]!;
            section.text += '\n';
          } else {
            doc.newTaggedSection(line.info, kind);
            section = doc.allSections[doc.allSections.length - 1];
          }
          if (rest) section.text += `${rest}\n`;
          this.open = {
            kind: 'tagged', section, label: `'${tag}:'`, continuations: 0, firstIndent: 0, warnedUnindented: false,
          };
        }
        this.blanks = 0;
        continue;
      }
      // A text line: it continues the open section or starts a paragraph.
      const open = this.open;
      if (open && (open.kind === 'note' || open.kind === 'example')) {
        for (; this.blanks > 0; this.blanks--) open.content!.push('');
        open.content!.push(text);
        continue;
      }
      if (open && (open.kind === 'description' || open.kind === 'tagged')) {
        const indent = leadingSpaceLength(text);
        if (this.blanks === 0 || indent > 0) {
          if (indent === 0 && !open.warnedUnindented) {
            open.warnedUnindented = true;
            this.warnLine(line, Messages.legacyUnindentedContinuation, open.label);
          } else if (indent > 0 && this.blanks === 0 && open.continuations > 0 && indent < open.firstIndent) {
            this.warnLine(line, Messages.docUnexpectedDeindent, open.firstIndent);
          }
          if (open.continuations === 0) open.firstIndent = indent;
          open.continuations++;
          for (; this.blanks > 0; this.blanks--) open.section.text += '\n';
          open.section.text += `${text}\n`;
          continue;
        }
      }
      if (inFeatures || argsSeen) {
        inFeatures = false;
        argsClosed = argsSeen;
      }
      this.text(line, text);
    }
  }

  /** Plain text: a new paragraph after a blank line or another kind of section. */
  private text(line: DocLine, text: string): void {
    const doc = this.doc;
    if (this.open?.kind !== 'text' || this.blanks > 0) {
      this.closeOpen();
      doc.ensureUntaggedSection(line.info);
      const last = doc.allSections[doc.allSections.length - 1];
      this.open = { kind: 'text', section: last, label: 'text', continuations: 0, firstIndent: 0, warnedUnindented: false };
    }
    this.blanks = 0;
    doc.appendLine(text);
  }

  /** Ends the open section; directive sections get their text now. */
  private closeOpen(): void {
    const open = this.open;
    this.open = undefined;
    if (!open || !open.content) return;
    const name = open.kind === 'note' ? 'note' : 'qmp-example';
    const content = dedent(open.content);
    while (content.length && content[content.length - 1] === '') content.pop();
    while (content.length && content[0] === '') content.shift();
    let text = `.. ${name}::`;
    const body = open.kind === 'note' && open.arg ? [open.arg, ...content] : content;
    if (open.kind === 'example' && open.arg) body.unshift(open.arg);
    if (body.length) text += `\n\n${body.map((l) => (l ? `   ${l}` : '')).join('\n')}`;
    open.section.text = `${text}\n`;
  }

  /** QEMU 10.2's QAPIDoc.end(), with its errors as warnings. */
  private end(): void {
    const doc = this.doc;
    for (const section of [...doc.allSections]) {
      section.text = trimNewlines(section.text);
      if (section.kind !== 'Plain' && section.text === '') {
        this.leniency.warn(Messages.docTextRequired, locationOf(section.info), section.kind);
        if (section.kind === 'Member' || section.kind === 'Feature') continue;
        doc.allSections.splice(doc.allSections.indexOf(section), 1);
        doc.sections.splice(doc.sections.indexOf(section), 1);
        if (doc.returns === section) doc.returns = undefined;
        if (doc.errors === section) doc.errors = undefined;
        if (doc.since === section) doc.since = undefined;
      }
    }
  }


  /** QEMU 10.2's line-format rules, as warnings; skipped in literal blocks. */
  private styleCheck(line: DocLine): void {
    this.literal.see(line.text);
    if (this.literal.active) return;
    const violation = lineFormatViolation(line.text);
    if (violation === undefined) return;
    if (violation === 'too-long') this.warnLine(line, Messages.docLineTooLong);
    else this.warnAt(line.info, twoSpacesOffset(this.c, line.linePos, line.text, violation), line.linePos, Messages.docTwoSpaces);
  }

  private warnLine<A extends unknown[]>(line: DocLine, def: MessageDef<A>, ...args: A): void {
    this.warnAt(line.info, line.pos, line.linePos, def, ...args);
  }

  private warnAt<A extends unknown[]>(info: SourceInfo, pos: number, linePos: number, def: MessageDef<A>, ...args: A): void {
    this.leniency.warn(def, locationOf(info, column(this.c.src.text, linePos, pos)), ...args);
  }
}

/** QEMU's column arithmetic (tabs as QEMU counts them). */
function column(text: string, linePos: number, pos: number): number {
  let col = 1;
  for (const ch of text.slice(linePos, pos)) col = ch === '\t' ? ((col + 7) % 8) + 1 : col + 1;
  return col;
}

/** Removes the indentation common to the non-blank lines. */
function dedent(lines: readonly string[]): string[] {
  let min = Infinity;
  for (const l of lines) if (l.trim()) min = Math.min(min, leadingSpaceLength(l));
  if (!Number.isFinite(min) || min === 0) return [...lines];
  return lines.map((l) => l.slice(min));
}

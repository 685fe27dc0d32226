/**
 * The block structure of QAPI doc-comment text (reStructuredText, the subset
 * QEMU's doc comments use plus the common rest of it): paragraphs, section
 * headings, bullet and enumerated lists, literal blocks (`::`), block quotes,
 * definition and field lists, simple tables, and directives (`.. note::` and
 * the other admonitions, `.. qmp-example::`, `.. table::`, `.. code-block::`;
 * comments and hyperlink targets are dropped). Inline text is kept raw here;
 * rst-inline.ts converts it.
 *
 * Parsing follows docutils' rules where QEMU's texts depend on them: a list
 * or literal block only starts after a blank line (so `- x` inside a
 * paragraph stays text), a line directly followed by an indented line is a
 * definition list item, an indented block after a paragraph is a block quote.
 * Where docutils would only warn, this is lenient and never fails.
 */

export type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  /** `style` names the adornment (its character, `/o` appended when overlined); levels come from first use. */
  | { readonly kind: 'heading'; readonly text: string; readonly style: string }
  | { readonly kind: 'literal'; readonly text: string; readonly language?: string }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly Block[][] }
  | { readonly kind: 'definitions'; readonly items: readonly DefinitionItem[] }
  | { readonly kind: 'fields'; readonly items: readonly DefinitionItem[] }
  | { readonly kind: 'quote'; readonly body: readonly Block[] }
  | { readonly kind: 'admonition'; readonly title: string; readonly body: readonly Block[] }
  | { readonly kind: 'example'; readonly title?: string; readonly body: readonly Block[] }
  | { readonly kind: 'table'; readonly title?: string; readonly head: readonly (readonly string[])[]; readonly rows: readonly (readonly string[])[] };

export interface DefinitionItem {
  readonly term: string;
  readonly body: readonly Block[];
}

export interface ParseOptions {
  /** Recognise section headings (free-form doc blocks only). */
  readonly headings?: boolean;
}

/** Admonition directives and the title each gets. */
const ADMONITIONS: Readonly<Record<string, string>> = {
  note: 'Note', caution: 'Caution', warning: 'Warning', important: 'Important', tip: 'Tip',
  hint: 'Hint', danger: 'Danger', error: 'Error', attention: 'Attention', seealso: 'See also',
  todo: 'To do', versionadded: 'New in version', versionchanged: 'Changed in version', deprecated: 'Deprecated since version',
};

const CODE_DIRECTIVES = new Set(['code-block', 'code', 'sourcecode', 'highlight']);

/** Parses doc text. Tabs are expanded; trailing whitespace is ignored. */
export function parseRst(text: string, options: ParseOptions = {}): Block[] {
  // Most descriptions are one plain paragraph: no need for the full parser.
  if (!options.headings && isSimpleParagraph(text)) {
    return [{ kind: 'paragraph', text: text.split('\n').map((l) => l.trimEnd()).join('\n') }];
  }
  return parseRstFully(text, options);
}

/** Whether `text` is certainly one paragraph (what parseRst's shortcut relies on). */
export function isSimpleParagraph(text: string): boolean {
  return SIMPLE_PARAGRAPH.test(text) && !text.includes('\t') && !text.trimEnd().endsWith('::') && !/^[a-zA-Z][.)]( |\n|$)/.test(text);
}

/** parseRst without the shortcut. */
export function parseRstFully(text: string, options: ParseOptions = {}): Block[] {
  const lines = text.split('\n').map((l) => expandTabs(l).trimEnd());
  return new BlockParser(options.headings ?? false).blocks(lines, true);
}

/**
 * QEMU's own heading syntax for free-form blocks: a first line `= Title`,
 * `== Title`, ... (qapidoc.py turns it into the rST adornment given here).
 */
export function oldStyleHeading(line: string): { text: string; style: string } | undefined {
  const m = /^(=+) (.*)$/.exec(line);
  if (!m) return undefined;
  // qapidoc: level = len('=...') + 1, markers ' #*=_^"', overline for levels <= 2.
  const markers = ' #*=_^"';
  const level = Math.min(m[1].length + 1, markers.length - 1);
  return { text: m[2].trim(), style: `${markers[level]}${level <= 2 ? '/o' : ''}` };
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const c of line) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
  return out;
}

/**
 * Lines that each start with a character no block construct starts with
 * (checked by parseRst together with `::` and `a.` enumerators), and no blank line.
 */
const SIMPLE_PARAGRAPH = /^[^\s.\-*+•:=|(#\d\t`_~^"'<>!$%&,;?@\[\]{}\/\\][^\n]*(\n[^\s.\-*+•:=|(#\d\t`_~^"'<>!$%&,;?@\[\]{}\/\\][^\n]*)*$/;

const isBlank = (l: string | undefined): boolean => l === undefined || l.trim() === '';
const indentOf = (l: string): number => l.length - l.trimStart().length;

/** Removes the common indentation of the non-blank lines. */
export function dedent(lines: readonly string[], max = Infinity): string[] {
  let indent = max;
  for (const l of lines) if (!isBlank(l)) indent = Math.min(indent, indentOf(l));
  if (!Number.isFinite(indent) || indent === 0) return lines.map((l) => (isBlank(l) ? '' : l));
  return lines.map((l) => (isBlank(l) ? '' : l.slice(Math.min(indent, indentOf(l)))));
}

function trimBlankEdges(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && isBlank(lines[a])) a++;
  while (b > a && isBlank(lines[b - 1])) b--;
  return lines.slice(a, b);
}

/** A punctuation character repeated: a section adornment line. */
const ADORNMENT = /^([!-/:-@[-`{-~])\1{2,}$/;
const BULLET = /^([-*+•])(?: +(.*))?$/;
const ENUMERATOR = /^(?:(\d+|#|[a-zA-Z])([.)])|\((\d+|#|[a-zA-Z])\))(?: +(.*))?$/;
const DIRECTIVE = /^\.\.\s+([A-Za-z][\w:.+-]*)::(?:\s+(.*))?$/;
const FIELD = /^:((?:[^:\\`]|\\.)+):(?:\s+(.*))?$/;
const SIMPLE_TABLE_BORDER = /^=+( +=+)+$/;
const SINGLE_COLUMN_BORDER = /^=+$/;
const GRID_TABLE_BORDER = /^\+(-+\+)+$/;
const OPTION = /^:([\w-]+):(?:\s+(.*))?$/;

class BlockParser {
  constructor(private readonly headings: boolean) {}

  /** Section headings are only recognised at the top level, as in docutils. */
  blocks(lines: readonly string[], top = false): Block[] {
    const out: Block[] = [];
    let i = 0;
    const n = lines.length;
    while (i < n) {
      const line = lines[i];
      if (isBlank(line)) {
        i++;
        continue;
      }
      if (indentOf(line) > 0) {
        const [block, next] = takeIndented(lines, i);
        const body = this.blocks(dedent(block));
        if (body.length) out.push({ kind: 'quote', body });
        i = next;
        continue;
      }
      if (/^\.\.(\s|$)/.test(line)) {
        i = this.explicitMarkup(lines, i, out);
        continue;
      }
      if (this.headings && top) {
        const h = this.heading(lines, i);
        if (h) {
          out.push(h.block);
          i = h.next;
          continue;
        }
      }
      if (line === '::') {
        i = this.literalAfter(lines, i + 1, out);
        continue;
      }
      if (SIMPLE_TABLE_BORDER.test(line) || (SINGLE_COLUMN_BORDER.test(line) && this.isSingleColumnTable(lines, i))) {
        const t = parseSimpleTable(lines, i);
        if (t) {
          out.push(t.block);
          i = t.next;
          continue;
        }
      }
      if (GRID_TABLE_BORDER.test(line)) {
        let j = i;
        while (j < n && !isBlank(lines[j])) j++;
        out.push({ kind: 'literal', text: lines.slice(i, j).join('\n') });
        i = j;
        continue;
      }
      const bullet = BULLET.exec(line);
      if (bullet) {
        i = this.bulletList(lines, i, out);
        continue;
      }
      const en = ENUMERATOR.exec(line);
      if (en && this.startsEnumeratedList(lines, i)) {
        i = this.enumeratedList(lines, i, out);
        continue;
      }
      if (FIELD.test(line) && !/^:[\w:.+-]+:`/.test(line)) {
        i = this.fieldList(lines, i, out);
        continue;
      }
      i = this.paragraph(lines, i, out);
    }
    return out;
  }

  private heading(lines: readonly string[], i: number): { block: Block; next: number } | undefined {
    const l0 = lines[i];
    const l1 = lines[i + 1];
    const l2 = lines[i + 2];
    if (ADORNMENT.test(l0) && l1 !== undefined && !isBlank(l1) && l2 !== undefined && ADORNMENT.test(l2) && l2[0] === l0[0]) {
      return { block: { kind: 'heading', text: l1.trim(), style: `${l0[0]}/o` }, next: i + 3 };
    }
    if (l1 !== undefined && ADORNMENT.test(l1) && !ADORNMENT.test(l0) && l1.length >= Math.min(l0.trim().length, 4)) {
      return { block: { kind: 'heading', text: l0.trim(), style: l1[0] }, next: i + 2 };
    }
    return undefined;
  }

  /** `..` at the start of a line: a directive, a comment, a target. */
  private explicitMarkup(lines: readonly string[], i: number, out: Block[]): number {
    const [rest, next] = takeIndented(lines, i + 1);
    const d = DIRECTIVE.exec(lines[i]);
    if (!d) return next; // comment, hyperlink target, substitution definition: not rendered
    const name = d[1].toLowerCase();
    const arg = (d[2] ?? '').trim();
    let content = dedent(rest);
    // Options: `:name: value` lines at the top of the content.
    const options = new Map<string, string>();
    if (name !== 'note' && !(name in ADMONITIONS)) {
      let k = 0;
      while (k < content.length && !isBlank(content[k])) {
        const o = OPTION.exec(content[k]);
        if (!o) break;
        options.set(o[1], (o[2] ?? '').trim());
        k++;
      }
      content = content.slice(k);
    }
    content = trimBlankEdges(content);

    if (name === 'qmp-example') {
      const title = options.get('title');
      const body: Block[] = options.has('annotated')
        ? this.blocks(content)
        : content.length ? [{ kind: 'literal', text: dedent(content).join('\n') }] : [];
      out.push({ kind: 'example', ...(title ? { title } : {}), body });
    } else if (name in ADMONITIONS) {
      // The argument is the start of the content (its first paragraph).
      const body = this.blocks(arg ? [arg, ...content] : content);
      out.push({ kind: 'admonition', title: ADMONITIONS[name], body });
    } else if (name === 'admonition') {
      out.push({ kind: 'admonition', title: arg || 'Note', body: this.blocks(content) });
    } else if (CODE_DIRECTIVES.has(name)) {
      if (content.length) out.push({ kind: 'literal', text: dedent(content).join('\n'), ...(arg ? { language: arg } : {}) });
    } else if (name === 'table' || name === 'list-table' || name === 'csv-table') {
      const body = this.blocks(content);
      const table = body.find((b) => b.kind === 'table');
      if (table && table.kind === 'table') {
        out.push({ ...table, ...(arg ? { title: arg } : {}) });
      } else {
        if (arg) out.push({ kind: 'paragraph', text: arg });
        out.push(...body);
      }
    } else if (name === 'image' || name === 'figure' || name === 'include' || name === 'raw'
      || name === 'index' || name === 'highlight' || name === 'contents' || name === 'toctree') {
      // Nothing a reference page can show.
    } else {
      // Unknown directive: keep its text, never its syntax.
      if (arg) out.push({ kind: 'paragraph', text: arg });
      out.push(...this.blocks(content));
    }
    return next;
  }

  /** The indented literal block expected at or after line `i` (after `::`). */
  private literalAfter(lines: readonly string[], i: number, out: Block[]): number {
    let j = i;
    while (j < lines.length && isBlank(lines[j])) j++;
    if (j < lines.length && indentOf(lines[j]) > 0) {
      const [block, next] = takeIndented(lines, j);
      out.push({ kind: 'literal', text: dedent(block).join('\n') });
      return next;
    }
    return i;
  }

  private isSingleColumnTable(lines: readonly string[], i: number): boolean {
    // `====` / text / `====`: a one-column simple table only if a border closes it.
    for (let j = i + 1; j < lines.length && !isBlank(lines[j]); j++) {
      if (SINGLE_COLUMN_BORDER.test(lines[j])) return j > i + 1;
    }
    return false;
  }

  private bulletList(lines: readonly string[], i: number, out: Block[]): number {
    const char = lines[i][0];
    const items: Block[][] = [];
    let j = i;
    for (;;) {
      const m = BULLET.exec(lines[j]);
      if (!m || lines[j][0] !== char) break;
      const first = m[2] ?? '';
      const contentIndent = first ? lines[j].indexOf(first, 1) : 2;
      const [rest, next] = takeIndented(lines, j + 1);
      items.push(this.blocks([first, ...dedent(rest, contentIndent)]));
      j = next;
      let k = j;
      while (k < lines.length && isBlank(lines[k])) k++;
      if (k >= lines.length || lines[k][0] !== char || !BULLET.test(lines[k])) break;
      j = k;
    }
    out.push({ kind: 'list', ordered: false, start: 1, items });
    return j;
  }

  /** docutils: an enumerator starts a list only if the next line is blank, indented or another item. */
  private startsEnumeratedList(lines: readonly string[], i: number): boolean {
    const next = lines[i + 1];
    return isBlank(next) || indentOf(next) > 0 || ENUMERATOR.test(next);
  }

  private enumeratedList(lines: readonly string[], i: number, out: Block[]): number {
    const items: Block[][] = [];
    const first = ENUMERATOR.exec(lines[i])!;
    const shape = (m: RegExpExecArray) => (m[3] !== undefined ? '()' : m[2]);
    const style = shape(first);
    const label = first[1] ?? first[3];
    const start = /^\d+$/.test(label) ? Number(label) : /^[a-zA-Z]$/.test(label) ? label.toLowerCase().charCodeAt(0) - 96 : 1;
    let j = i;
    for (;;) {
      const m = ENUMERATOR.exec(lines[j]);
      if (!m || shape(m) !== style) break;
      const text = m[4] ?? '';
      const contentIndent = text ? lines[j].indexOf(text, 1) : lines[j].length + 1;
      const [rest, next] = takeIndented(lines, j + 1);
      items.push(this.blocks([text, ...dedent(rest, contentIndent)]));
      j = next;
      let k = j;
      while (k < lines.length && isBlank(lines[k])) k++;
      if (k >= lines.length || !ENUMERATOR.test(lines[k]) || !this.startsEnumeratedList(lines, k)) break;
      j = k;
    }
    out.push({ kind: 'list', ordered: true, start, items });
    return j;
  }

  private fieldList(lines: readonly string[], i: number, out: Block[]): number {
    const items: DefinitionItem[] = [];
    let j = i;
    for (;;) {
      const m = FIELD.exec(lines[j]);
      if (!m || /^:[\w:.+-]+:`/.test(lines[j])) break;
      const [rest, next] = takeIndented(lines, j + 1);
      items.push({ term: m[1], body: this.blocks([m[2] ?? '', ...dedent(rest)]) });
      j = next;
      let k = j;
      while (k < lines.length && isBlank(lines[k])) k++;
      if (k >= lines.length || !FIELD.test(lines[k])) break;
      j = k;
    }
    out.push({ kind: 'fields', items });
    return j;
  }

  private paragraph(lines: readonly string[], i: number, out: Block[]): number {
    const n = lines.length;
    // A single line directly followed by an indented one: a definition list item.
    if (i + 1 < n && !isBlank(lines[i + 1]) && indentOf(lines[i + 1]) > 0) {
      return this.definitionList(lines, i, out);
    }
    let j = i;
    while (j < n && !isBlank(lines[j]) && indentOf(lines[j]) === 0) j++;
    let text = lines.slice(i, j).join('\n');
    if (text.endsWith('::')) {
      // `Text::` keeps one colon, `Text ::` none; the indented block after it is literal.
      text = /\s::$/.test(text) ? text.slice(0, -2).trimEnd() : text.slice(0, -1);
      if (text) out.push({ kind: 'paragraph', text });
      return this.literalAfter(lines, j, out);
    }
    out.push({ kind: 'paragraph', text });
    return j;
  }

  private definitionList(lines: readonly string[], i: number, out: Block[]): number {
    const items: DefinitionItem[] = [];
    let j = i;
    for (;;) {
      const [rest, next] = takeIndented(lines, j + 1);
      items.push({ term: lines[j], body: this.blocks(dedent(rest)) });
      j = next;
      let k = j;
      while (k < lines.length && isBlank(lines[k])) k++;
      const term = lines[k];
      const body = lines[k + 1];
      if (k + 1 >= lines.length || indentOf(term) > 0 || /^\.\.(\s|$)/.test(term)
        || isBlank(body) || indentOf(body) === 0 || BULLET.test(term) || ENUMERATOR.test(term) || FIELD.test(term)) break;
      j = k;
    }
    out.push({ kind: 'definitions', items });
    return j;
  }
}

/** Lines from `i` that are blank or indented, trailing blank lines excluded; and the index after them. */
function takeIndented(lines: readonly string[], i: number): [string[], number] {
  let j = i;
  let end = i;
  while (j < lines.length && (isBlank(lines[j]) || indentOf(lines[j]) > 0)) {
    j++;
    if (!isBlank(lines[j - 1])) end = j;
  }
  return [lines.slice(i, end) as string[], end];
}

/** A docutils simple table starting at border line `i`. */
function parseSimpleTable(lines: readonly string[], i: number): { block: Block; next: number } | undefined {
  const border = lines[i];
  const columns: [number, number][] = [];
  for (const m of border.matchAll(/=+/g)) columns.push([m.index!, m.index! + m[0].length]);
  const isBorder = (l: string) => /^=+( +=+)*$/.test(l);
  const sections: string[][] = [[]];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const l = lines[j];
    if (isBorder(l)) {
      // A border followed by a blank line (or the end) closes the table.
      if (isBlank(lines[j + 1]) || j + 1 >= lines.length) {
        j++;
        break;
      }
      sections.push([]);
      continue;
    }
    sections[sections.length - 1].push(l);
  }
  const rowsOf = (ls: string[]): string[][] => {
    const rows: string[][] = [];
    for (const l of ls) {
      if (isBlank(l)) continue;
      const cells = columns.map(([a, b], k) => l.slice(a, k === columns.length - 1 ? undefined : b).trim());
      // A line whose first column is blank continues the row above.
      if (rows.length && cells[0] === '' && columns.length > 1) {
        const last = rows[rows.length - 1];
        cells.forEach((c, k) => {
          if (c) last[k] = last[k] ? `${last[k]} ${c}` : c;
        });
      } else {
        rows.push(cells);
      }
    }
    return rows;
  };
  const head = sections.length > 1 ? rowsOf(sections[0]) : [];
  const rows = rowsOf((sections.length > 1 ? sections.slice(1) : sections).flat());
  if (!rows.length && !head.length) return undefined;
  return { block: { kind: 'table', head, rows }, next: j };
}

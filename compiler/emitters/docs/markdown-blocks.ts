/**
 * Parsed doc text (rst-blocks.ts) as Markdown: CommonMark blocks with GFM
 * tables, or, for a table cell, one line of inline Markdown with a little
 * raw HTML (`<br>`, `<ul>`, `<pre>`) where a cell needs structure.
 */
import type { Block } from './rst-blocks.js';
import { cell, escapeLineStart, escapeText, htmlText } from './markdown-text.js';

export interface BlockContext {
  /** Converts inline rST text to Markdown. */
  inline(text: string): string;
  /** Renders a section heading (free-form text); without it, headings show as bold paragraphs. */
  heading?(text: string, style: string): string;
}

/** Blocks as Markdown, separated by blank lines, without a final newline. */
export function renderBlocks(blocks: readonly Block[], ctx: BlockContext): string {
  return blocks.map((b) => renderBlock(b, ctx)).filter((t) => t !== '').join('\n\n');
}

function renderBlock(b: Block, ctx: BlockContext): string {
  switch (b.kind) {
    case 'paragraph':
      return paragraph(b.text, ctx);
    case 'heading':
      return ctx.heading ? ctx.heading(b.text, b.style) : escapeLineStart(`**${ctx.inline(b.text)}**`);
    case 'literal':
      return fenced(b.text, b.language);
    case 'list': {
      const loose = b.items.some((item) => item.length > 1
        && !(item.length === 2 && item[0].kind === 'paragraph' && item[1].kind === 'list'));
      return b.items.map((item, k) => {
        const marker = b.ordered ? `${b.start + k}.` : '-';
        const body = loose ? renderBlocks(item, ctx) : item.map((x) => renderBlock(x, ctx)).join('\n');
        return listItem(marker, body);
      }).join(loose ? '\n\n' : '\n');
    }
    case 'definitions':
    case 'fields': {
      return b.items.map((item) => {
        const term = b.kind === 'fields' ? `**${ctx.inline(item.term)}:**` : `**${ctx.inline(item.term)}**`;
        const [first, ...rest] = item.body;
        // A short body on one line with its term; anything else below it.
        if (first?.kind === 'paragraph' && !rest.length && b.kind === 'fields') {
          return listItem('-', `${term} ${ctx.inline(first.text)}`);
        }
        const body = renderBlocks(item.body, ctx);
        return listItem('-', body ? `${term}\n\n${body}` : term);
      }).join('\n\n');
    }
    case 'quote':
      return quote(renderBlocks(b.body, ctx));
    case 'admonition': {
      const title = `**${escapeText(b.title)}:**`;
      const [first, ...rest] = b.body;
      const body = first?.kind === 'paragraph'
        ? [`${title} ${ctx.inline(first.text)}`, renderBlocks(rest, ctx)].filter(Boolean).join('\n\n')
        : [title, renderBlocks(b.body, ctx)].filter(Boolean).join('\n\n');
      return quote(body);
    }
    case 'example': {
      const title = b.title ? `**Example:** ${ctx.inline(b.title)}` : '**Example:**';
      return [title, renderBlocks(b.body, ctx)].filter(Boolean).join('\n\n');
    }
    case 'table':
      return table(b.title, b.head, b.rows, ctx);
  }
}

function paragraph(text: string, ctx: BlockContext): string {
  return escapeLineStart(ctx.inline(text.replace(/\s*\n\s*/g, ' ').trim()));
}

/** A fenced code block whose fence no line of the content can close. */
export function fenced(text: string, language?: string): string {
  let longest = 2;
  for (const m of text.matchAll(/^ *(`{3,}|~{3,})/gm)) longest = Math.max(longest, m[1].length);
  const fence = '`'.repeat(longest + 1);
  const info = language && /^[\w+-]+$/.test(language) ? language : '';
  return `${fence}${info}\n${text}\n${fence}`;
}

/** A list item: the marker, then the body indented to the content column. */
function listItem(marker: string, body: string): string {
  const pad = ' '.repeat(marker.length + 1);
  const lines = body.split('\n');
  return lines.map((l, k) => (k === 0 ? `${marker} ${l}` : l === '' ? '' : `${pad}${l}`)).join('\n');
}

function quote(body: string): string {
  return body.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
}

function table(title: string | undefined, head: readonly (readonly string[])[], rows: readonly (readonly string[])[], ctx: BlockContext): string {
  const width = Math.max(...[...head, ...rows].map((r) => r.length));
  const row = (r: readonly string[]) => `| ${Array.from({ length: width }, (_, k) => cell(r[k] ? ctx.inline(r[k]) : '')).join(' | ')} |`;
  // GFM needs a header row; several header lines are joined into one.
  const header = head.length
    ? Array.from({ length: width }, (_, k) => head.map((h) => h[k] ?? '').filter(Boolean).join(' '))
    : Array.from({ length: width }, () => '');
  const lines = [row(header), `|${' --- |'.repeat(width)}`, ...rows.map(row)];
  return [title ? `**${ctx.inline(title)}**` : '', lines.join('\n')].filter(Boolean).join('\n\n');
}

/**
 * Blocks as the content of one table cell: one line, paragraphs separated by
 * `<br><br>`, lists as HTML lists, literal blocks as `<pre>`. `|` escaped.
 */
export function renderCell(blocks: readonly Block[], ctx: BlockContext): string {
  return cell(cellBlocks(blocks, ctx, '<br><br>'));
}

function cellBlocks(blocks: readonly Block[], ctx: BlockContext, separator: string): string {
  return blocks.map((b) => cellBlock(b, ctx)).filter(Boolean).join(separator);
}

function cellBlock(b: Block, ctx: BlockContext): string {
  switch (b.kind) {
    case 'paragraph':
      return ctx.inline(b.text.replace(/\s*\n\s*/g, ' ').trim());
    case 'heading':
      return `**${ctx.inline(b.text)}**`;
    case 'literal':
      return `<pre><code>${b.text.split('\n').map(htmlText).join('<br>')}</code></pre>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
      return `<${tag}${start}>${b.items.map((item) => `<li>${cellBlocks(item, ctx, '<br>')}</li>`).join('')}</${tag}>`;
    }
    case 'definitions':
    case 'fields':
      return b.items.map((item) => `**${ctx.inline(item.term)}${b.kind === 'fields' ? ':' : ''}** ${cellBlocks(item.body, ctx, '<br>')}`).join('<br>');
    case 'quote':
      return cellBlocks(b.body, ctx, '<br><br>');
    case 'admonition':
      return `**${escapeText(b.title)}:** ${cellBlocks(b.body, ctx, '<br>')}`;
    case 'example':
      return `${b.title ? `**Example:** ${ctx.inline(b.title)}` : '**Example:**'}<br>${cellBlocks(b.body, ctx, '<br>')}`;
    case 'table':
      return [...b.head, ...b.rows].map((r) => r.map((c) => ctx.inline(c)).join(' — ')).join('<br>');
  }
}

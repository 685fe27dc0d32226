/**
 * `emitDocs(ir, options)`: Markdown reference documentation from the
 * schema's doc comments, as files in memory (paths relative to the output
 * directory): one page per schema module, plus `index.md` with the table of
 * contents and an index of every definition by kind.
 *
 * Pages follow QEMU's QMP reference manual (docs/sphinx/qapidoc.py): the same
 * content in the same order, free-form text with its section headings,
 * implicit types folded into their owners. Output is CommonMark with GFM
 * tables and a little inline HTML (anchors, `<br>`), and depends only on the IR.
 */
import type { IrSchema } from '../../ir/types.js';
import { fillTemplate } from '../template.js';
import type { GeneratedFile } from '../generated-file.js';
import indexHeader from '../../../templates/docs-index-header.txt';
import pageHeader from '../../../templates/docs-page-header.txt';
import { DefinitionRenderer, inlineResolver, SPECIAL_FEATURES } from './definition.js';
import { renderBlocks } from './markdown-blocks.js';
import { codeSpan, escapeText, headingText, link } from './markdown-text.js';
import { convertInline } from './rst-inline.js';
import { DocsSite, type Heading, INDEX_PAGE, type Page } from './site.js';
import type { EmitCache } from '../emit-cache.js';

export interface DocsOptions {
  /** Title of the index page; default `QAPI reference: <main file>`. */
  readonly title?: string;
  /**
   * For `--watch`: reuse pages whose inputs did not change since the last
   * run (between the cache's `begin()` and `end()`).
   */
  readonly cache?: EmitCache;
}

export function emitDocs(ir: IrSchema, options: DocsOptions = {}): GeneratedFile[] {
  const site = new DocsSite(ir);
  const source = ir.mainFile.split(/[\\/]/).pop()!;
  const title = options.title ?? `QAPI reference: ${source}`;
  const { cache } = options;
  if (!cache) {
    const files = site.pages.map((p) => ({ path: p.path, content: renderPage(site, p, source, title) }));
    files.push({ path: INDEX_PAGE, content: renderIndex(site, source, title) });
    return sortFiles(files);
  }
  // Pages are units of the cache, emitted from this IR or its recording view.
  cache.scope('docs', `${JSON.stringify([source, title])}\n${siteKey(site)}\n${cache.shapeKey()}`);
  let viewSite: DocsSite | undefined;
  const siteOf = (v: IrSchema) => (v === ir ? site : (viewSite ??= cache.untracked(() => new DocsSite(v))));
  const files: GeneratedFile[] = site.pages.map((p, k) => ({
    path: p.path,
    // Free-form text was parsed with the site: the page depends on those docs as a whole.
    content: cache.unit('docs', p.path, (v) => {
      const s = siteOf(v);
      return renderPage(s, s.pages[k], source, title);
    }, p.entries.flatMap((e) => (e.kind === 'text' ? [e.doc] : []))),
  }));
  files.push({ path: INDEX_PAGE, content: cache.unit('docs', INDEX_PAGE, (v) => renderIndex(siteOf(v), source, title)) });
  return sortFiles(files);
}

function sortFiles(files: GeneratedFile[]): GeneratedFile[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * What pages read of the site besides definitions and docs: which page holds
 * what, in which order, and every heading (levels and anchors are site-wide).
 */
function siteKey(site: DocsSite): string {
  const lines: string[] = [];
  for (const p of site.pages) {
    const entries = p.entries.map((e) => (e.kind === 'text' ? `#${e.doc}` : e.def.name)).join(' ');
    lines.push(`${p.module}\t${p.path}\t${p.titleHeading?.anchor ?? ''}\t${entries}`);
  }
  for (const h of site.headings) lines.push(`${h.page}\t${h.level}\t${h.anchor}\t${h.text}`);
  return lines.join('\n');
}

/** Text safe inside an HTML comment. */
const commentSafe = (s: string) => s.replace(/--/g, '- -').replace(/>/g, '');

function pageTitle(site: DocsSite, p: Page, title: string): string {
  if (p.titleHeading) return p.titleHeading.text;
  const main = site.ir.modules.find((m) => m.name !== './builtin')?.name;
  return p.module === main ? title : p.module.replace(/^(\.\.\/)+/, '');
}

function renderPage(site: DocsSite, p: Page, source: string, title: string): string {
  const out: string[] = [fillTemplate(pageHeader, { source: commentSafe(source), module: commentSafe(p.module) }).trimEnd()];
  const resolver = inlineResolver(site, p.path);
  const inline = (text: string) => convertInline(text, resolver);

  // Markdown heading levels: the page title is level 1; other headings keep
  // their depth relative to it; definitions sit one level below the heading
  // they follow.
  const pageHeadings = p.entries.flatMap((e) => (e.kind === 'text' ? site.freeText.get(e.doc)!.headings : []));
  const top = p.titleHeading ? p.titleHeading.level : Math.min(...pageHeadings.map((h) => h.level), Infinity) - 1;
  const mdLevel = (h: Heading) => Math.max(2, Math.min(6, 1 + h.level - (Number.isFinite(top) ? top : 0)));
  let current = 1;

  if (p.titleHeading) {
    out.push(`# <a id="${p.titleHeading.anchor}"></a>${headingText(inline(p.titleHeading.text))}`);
  } else {
    out.push(`# ${headingText(escapeText(pageTitle(site, p, title)))}`);
  }

  for (const e of p.entries) {
    if (e.kind === 'definition') {
      out.push(new DefinitionRenderer(site, p.path, e.def).render(Math.min(6, current + 1)));
      continue;
    }
    const text = site.freeText.get(e.doc)!;
    let k = 0;
    let blocks = text.blocks;
    if (p.titleHeading && text.headings[0] === p.titleHeading) {
      blocks = blocks.slice(1);
      k = 1;
    }
    const rendered = renderBlocks(blocks, {
      inline,
      heading: () => {
        const h = text.headings[k++];
        current = mdLevel(h);
        return `${'#'.repeat(current)} <a id="${h.anchor}"></a>${headingText(inline(h.text))}`;
      },
    });
    if (rendered) out.push(rendered);
  }
  return `${out.join('\n\n')}\n`;
}

function renderIndex(site: DocsSite, source: string, title: string): string {
  const out: string[] = [fillTemplate(indexHeader, {
    source: commentSafe(source),
    sourceCode: codeSpan(source),
    title: headingText(escapeText(title)),
  }).trimEnd()];

  // Contents: every section heading in document order, nested by level;
  // pages that open without a heading appear under their title.
  interface Entry { level: number; text: string; href: string }
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let lastLevel = 0;
  const pageByPath = new Map(site.pages.map((p) => [p.path, p]));
  const pageStart = (path: string | undefined) => {
    if (path === undefined || seen.has(path)) return;
    seen.add(path);
    const p = pageByPath.get(path)!;
    // A page that opens without a heading continues the section before it.
    if (!p.titleHeading) entries.push({ level: lastLevel + 1, text: escapeText(pageTitle(site, p, title)), href: p.path });
  };
  // Entry text is a link itself, so it must contain none.
  const inline = (text: string) => convertInline(text, { at: () => undefined, definition: () => undefined, index: () => undefined });
  site.ir.docs.forEach((doc, k) => {
    const free = site.freeText.get(k);
    if (!free) {
      pageStart(doc.symbol !== undefined ? site.pageOfDefinition(doc.symbol) : undefined);
      return;
    }
    pageStart(free.page);
    for (const h of free.headings) {
      const isTitle = pageByPath.get(h.page)!.titleHeading === h;
      entries.push({ level: h.level, text: inline(h.text), href: isTitle ? h.page : `${h.page}#${h.anchor}` });
      lastLevel = h.level;
    }
  });
  for (const p of site.pages) pageStart(p.path);

  out.push('## <a id="contents"></a>Contents');
  if (entries.length) {
    const min = Math.min(...entries.map((e) => e.level));
    let depth = -1;
    const lines: string[] = [];
    for (const e of entries) {
      depth = Math.min(e.level - min, depth + 1);
      lines.push(`${'  '.repeat(depth)}- ${link(e.text, e.href)}`);
    }
    out.push(lines.join('\n'));
  }

  // Index: definitions by kind, alphabetically.
  out.push('## <a id="index"></a>Index');
  const groups: [string, string, readonly string[]][] = [
    ['Commands', 'index-commands', ['command']],
    ['Events', 'index-events', ['event']],
    ['Enums', 'index-enums', ['enum']],
    ['Structs', 'index-structs', ['struct']],
    ['Unions', 'index-unions', ['union']],
    ['Alternates', 'index-alternates', ['alternate']],
  ];
  const byKey = (a: string, b: string) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  };
  const present = groups.filter(([, , kinds]) => site.ir.definitions.some((d) => kinds.includes(d.kind) && site.pageOfDefinition(d.name)));
  if (present.length > 1) out.push(present.map(([label, anchor]) => link(label, `#${anchor}`)).join(' · '));
  for (const [label, anchor, kinds] of present) {
    const defs = site.ir.definitions
      .filter((d) => kinds.includes(d.kind) && site.pageOfDefinition(d.name) !== undefined)
      .map((d) => d.name)
      .sort(byKey);
    out.push(`### <a id="${anchor}"></a>${label}`);
    out.push(defs.map((name) => {
      const d = site.byName.get(name)!;
      const marks = SPECIAL_FEATURES.filter((s) => d.features.some((f) => f.name === s)).map((s) => ` *(${s})*`).join('');
      return `- ${link(codeSpan(name), `${site.pageOfDefinition(name)!}#${name}`)}${marks}`;
    }).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

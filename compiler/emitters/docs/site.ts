/**
 * The shape of the generated documentation: which page each schema module
 * gets, what goes on it and in which order, and every anchor and link.
 *
 * Anchors (written as `<a id="...">`, so no renderer's slug rules matter):
 * - a definition: its name (`query-status`, `BlockInfo`, `SHUTDOWN`);
 * - a member, enum value or branch of it: `NAME.MEMBER` (QAPI names cannot
 *   contain `.` except in a `__RFQDN_` prefix, so these never clash);
 * - a feature of it: `NAME:feature:FEATURE`, a union branch `NAME:branch:VALUE`;
 * - a section heading of free-form text: the heading's slug (lower case,
 *   runs of other characters as `-`), made unique with `-2`, `-3`, ... against
 *   every definition name and earlier heading.
 * Pages: `MODULE.md` after the module file's base name (`block-core.md`),
 * the longer path where base names clash, and `index.md` for the index.
 */
import type { IrDefinition, IrDoc, IrSchema } from '../../ir/types.js';
import { type Block, oldStyleHeading, parseRst } from './rst-blocks.js';

export const INDEX_PAGE = 'index.md';

/** A free-form heading: where it is and how deep it sits in the whole document. */
export interface Heading {
  readonly text: string;
  readonly anchor: string;
  /** Level by rST rules: adornment styles numbered in order of first use across the schema. */
  readonly level: number;
  readonly page: string;
}

export type PageEntry =
  | { readonly kind: 'text'; readonly doc: number }
  | { readonly kind: 'definition'; readonly def: IrDefinition };

export interface Page {
  readonly module: string;
  readonly path: string;
  readonly entries: readonly PageEntry[];
  /** The heading that opens the page and becomes its title, if it opens with one. */
  readonly titleHeading?: Heading;
}

/** Free-form doc text, parsed once: its blocks and the headings among them, in order. */
export interface FreeText {
  readonly page: string;
  readonly blocks: readonly Block[];
  readonly headings: readonly Heading[];
}

export class DocsSite {
  readonly byName: ReadonlyMap<string, IrDefinition>;
  readonly pages: readonly Page[];
  /** Free-form docs by index into ir.docs. */
  readonly freeText = new Map<number, FreeText>();
  /** Every heading in document order (the order of ir.docs). */
  readonly headings: Heading[] = [];
  private readonly pageOf = new Map<string, string>();
  private readonly claimed = new Set<string>();

  constructor(readonly ir: IrSchema) {
    this.byName = new Map(ir.definitions.map((d) => [d.name, d]));
    for (const d of ir.definitions) if (isShown(d)) this.claimed.add(d.name);

    // Which module each doc belongs to: by file, as the definitions say, or
    // by the module name the file would get (its path relative to the main file's directory).
    const moduleOfFile = new Map<string, string>();
    for (const d of ir.definitions) if (d.location) moduleOfFile.set(d.location.file, d.module);
    const moduleNames = new Set(ir.modules.map((m) => m.name));
    const mainDir = dirname(normalize(ir.mainFile));
    const mainModule = ir.modules.find((m) => m.name !== './builtin')?.name ?? '';
    const moduleOf = (file: string): string => {
      const known = moduleOfFile.get(file);
      if (known !== undefined) return known;
      const rel = relative(mainDir, normalize(file));
      const name = moduleNames.has(rel) ? rel : mainModule;
      moduleOfFile.set(file, name);
      return name;
    };

    // Page entries: shown definitions and free-form docs, by source line within each module.
    const entries = new Map<string, { line: number; entry: PageEntry }[]>();
    const add = (module: string, line: number, entry: PageEntry) => {
      let list = entries.get(module);
      if (!list) entries.set(module, (list = []));
      list.push({ line, entry });
    };
    for (const d of ir.definitions) {
      if (!isShown(d)) continue;
      const line = d.doc !== undefined ? ir.docs[d.doc].location.line : d.location?.line ?? 0;
      add(d.module, line, { kind: 'definition', def: d });
    }
    const docModule = new Map<number, string>();
    ir.docs.forEach((doc, k) => {
      if (doc.symbol !== undefined) return;
      const module = moduleOf(doc.location.file);
      docModule.set(k, module);
      add(module, doc.location.line, { kind: 'text', doc: k });
    });

    // Page paths, in module order.
    const withContent = ir.modules.filter((m) => entries.has(m.name));
    const base = (m: string) => m.replace(/\.json$/, '').split('/').pop()!;
    const baseCount = new Map<string, number>();
    for (const m of withContent) baseCount.set(base(m.name), (baseCount.get(base(m.name)) ?? 0) + 1);
    const takenPaths = new Set([INDEX_PAGE]);
    for (const m of withContent) {
      let stem = baseCount.get(base(m.name))! > 1
        ? m.name.replace(/^(\.\.\/)+/, '').replace(/\.json$/, '').split('/').filter((s) => s && s !== '.' && s !== '..').join('-')
        : base(m.name);
      stem = stem.replace(/[^A-Za-z0-9_.-]/g, '_') || 'module';
      while (takenPaths.has(`${stem}.md`)) stem += '_';
      takenPaths.add(`${stem}.md`);
      this.pageOf.set(m.name, `${stem}.md`);
    }

    // Headings: parsed in document order, so levels and anchors follow it.
    const styleLevel = new Map<string, number>();
    ir.docs.forEach((doc, k) => {
      const module = docModule.get(k);
      if (module === undefined) return;
      const blocks = parseFreeText(doc);
      const headings: Heading[] = [];
      for (const b of blocks) {
        if (b.kind !== 'heading') continue;
        if (!styleLevel.has(b.style)) styleLevel.set(b.style, styleLevel.size + 1);
        const h: Heading = { text: b.text, anchor: this.claim(slug(b.text)), level: styleLevel.get(b.style)!, page: this.pageOf.get(module)! };
        headings.push(h);
        this.headings.push(h);
      }
      this.freeText.set(k, { page: this.pageOf.get(module)!, blocks, headings });
    });

    this.pages = withContent.map((m) => {
      const list = entries.get(m.name)!.sort((a, b) => a.line - b.line).map((e) => e.entry);
      const first = list[0];
      const firstText = first.kind === 'text' ? this.freeText.get(first.doc)! : undefined;
      const titleHeading = firstText && firstText.blocks[0]?.kind === 'heading' ? firstText.headings[0] : undefined;
      return { module: m.name, path: this.pageOf.get(m.name)!, entries: list, ...(titleHeading ? { titleHeading } : {}) };
    });
  }

  /** Whether a definition has a section of its own (the page for `name`, if so). */
  pageOfDefinition(name: string): string | undefined {
    const d = this.byName.get(name);
    return d && isShown(d) ? this.pageOf.get(d.module) : undefined;
  }

  /** A link from page `from` to `anchor` on page `to` (same page: the fragment alone). */
  href(from: string, to: string, anchor?: string): string {
    if (anchor === undefined) return to;
    return to === from ? `#${anchor}` : `${to}#${anchor}`;
  }

  /** A link to a definition, or to one of its members (`Type.member`), if documented. */
  definitionHref(from: string, name: string): string | undefined {
    const page = this.pageOfDefinition(name);
    if (page) return this.href(from, page, name);
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      const owner = name.slice(0, dot);
      const member = name.slice(dot + 1);
      const ownerPage = this.pageOfDefinition(owner);
      if (ownerPage && this.memberNames(this.byName.get(owner)!).has(member)) {
        return this.href(from, ownerPage, memberAnchor(owner, member));
      }
    }
    return undefined;
  }

  /** Names a definition's table lists: members (folded in from implicit types), values, branches. */
  memberNames(d: IrDefinition): Set<string> {
    const names = new Set<string>();
    const membersOf = (typeName: string | undefined) => {
      const t = typeName === undefined ? undefined : this.byName.get(typeName);
      if (t && t.implicit && t.kind === 'struct') for (const m of t.members) names.add(m.name);
    };
    switch (d.kind) {
      case 'enum': for (const v of d.values) names.add(v.name); break;
      case 'struct': for (const m of d.localMembers) names.add(m.name); break;
      case 'union': membersOf(d.base); break;
      case 'alternate': for (const b of d.branches) names.add(b.name); break;
      case 'command': case 'event': membersOf(d.argType); break;
      default: break;
    }
    return names;
  }

  private claim(base: string): string {
    let a = base;
    for (let k = 2; this.claimed.has(a); k++) a = `${base}-${k}`;
    this.claimed.add(a);
    return a;
  }
}

export function memberAnchor(def: string, member: string): string {
  return `${def}.${member}`;
}

export function branchAnchor(def: string, branch: string): string {
  return `${def}:branch:${branch}`;
}

export function featureAnchor(def: string, feature: string): string {
  return `${def}:feature:${feature}`;
}

/** Definitions that get a section: everything written in the schema (not builtins, not implicit types). */
export function isShown(d: IrDefinition): boolean {
  return !d.implicit && d.kind !== 'builtin';
}

/** A free-form doc's text as blocks, with QEMU's `= Heading` first line as a heading. */
function parseFreeText(doc: IrDoc): Block[] {
  const text = doc.body;
  const nl = text.indexOf('\n');
  const first = nl === -1 ? text : text.slice(0, nl);
  const old = oldStyleHeading(first);
  if (old) {
    return [{ kind: 'heading', ...old }, ...parseRst(nl === -1 ? '' : text.slice(nl + 1), { headings: true })];
  }
  return parseRst(text, { headings: true });
}

export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'section';
}

/** POSIX path helpers (pure, so the emitter needs no file system). */
function normalize(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (seg !== '..' || !abs) out.push(seg);
  }
  return `${abs ? '/' : ''}${out.join('/')}`;
}

function dirname(path: string): string {
  const k = path.lastIndexOf('/');
  return k === -1 ? '' : k === 0 ? '/' : path.slice(0, k);
}

function relative(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k] && a[k] !== '..') k++;
  return [...a.slice(k).map(() => '..'), ...b.slice(k)].join('/');
}

/**
 * One definition's section: heading with its anchor, a line of facts (since,
 * condition, deprecated/unstable), the description, the members / values /
 * arguments / data / alternatives table (implicit types folded in), union
 * branches, return value, errors, features, and the doc's other sections
 * (notes, examples) in source order, as QEMU's manual orders them.
 */
import type {
  IrCondition, IrDefinition, IrDoc, IrDocSection, IrFeature, IrMember,
} from '../../ir/types.js';
import { normalizeDocText, splitSince } from './doc-text.js';
import { type BlockContext, renderBlocks, renderCell } from './markdown-blocks.js';
import { cell, codeSpan, link } from './markdown-text.js';
import { type Block, parseRst } from './rst-blocks.js';
import { convertInline, type InlineResolver } from './rst-inline.js';
import { branchAnchor, type DocsSite, featureAnchor, memberAnchor } from './site.js';

const KIND_LABEL: Readonly<Record<IrDefinition['kind'], string>> = {
  builtin: 'Built-in type', enum: 'Enum', array: 'Array', struct: 'Struct', union: 'Union',
  alternate: 'Alternate', command: 'Command', event: 'Event',
};

export const SPECIAL_FEATURES = ['deprecated', 'unstable'] as const;

export function kindLabel(d: IrDefinition): string {
  return KIND_LABEL[d.kind];
}

/** An `'if'` condition in words, macro names as code: `CONFIG_A` and not `CONFIG_B`. */
export function conditionMarkdown(cond: IrCondition): string {
  const describe = (c: IrCondition, nested: boolean): string => {
    if (typeof c === 'string') return codeSpan(c);
    if ('not' in c) return `not ${describe(c.not, true)}`;
    const [operands, op] = 'all' in c ? [c.all, ' and '] : [c.any, ' or '];
    const text = operands.map((x) => describe(x, true)).join(op);
    return nested ? `(${text})` : text;
  };
  return describe(cond, false);
}

/** The resolver for text on `page`, with `@name` scoped to definition `scope`. */
export function inlineResolver(site: DocsSite, page: string, scope?: IrDefinition, features?: readonly string[]): InlineResolver {
  const local = scope ? site.memberNames(scope) : new Set<string>();
  const featureSet = new Set(features ?? []);
  return {
    at(name) {
      if (scope && local.has(name)) return site.href(page, page, memberAnchor(scope.name, name));
      if (scope && featureSet.has(name)) return site.href(page, page, featureAnchor(scope.name, name));
      // A member inherited from a named base: link to it there.
      for (let base = baseOf(site, scope); base; base = baseOf(site, base)) {
        const basePage = site.pageOfDefinition(base.name);
        if (basePage && site.memberNames(base).has(name)) return site.href(page, basePage, memberAnchor(base.name, name));
      }
      return site.definitionHref(page, name);
    },
    definition: (name) => site.definitionHref(page, name),
    index: () => site.href(page, 'index.md', 'index'),
  };
}

function baseOf(site: DocsSite, d: IrDefinition | undefined): IrDefinition | undefined {
  if (!d || (d.kind !== 'struct' && d.kind !== 'union') || !d.base) return undefined;
  const b = site.byName.get(d.base);
  return b && !b.implicit ? b : undefined;
}

interface DocFeature {
  readonly name: string;
  readonly text: string;
  readonly if?: IrCondition;
}

export class DefinitionRenderer {
  private readonly doc?: IrDoc;
  private readonly ctx: BlockContext;
  private readonly features: readonly DocFeature[];

  constructor(private readonly site: DocsSite, private readonly page: string, private readonly d: IrDefinition) {
    this.doc = d.doc !== undefined ? site.ir.docs[d.doc] : undefined;
    this.features = collectFeatures(d, this.doc, site);
    const resolver = inlineResolver(site, page, d, this.features.map((f) => f.name));
    this.ctx = { inline: (text) => convertInline(text, resolver) };
  }

  render(level: number): string {
    const d = this.d;
    const out: string[] = [];
    out.push(`${'#'.repeat(level)} <a id="${d.name}"></a>${kindLabel(d)} ${codeSpan(d.name)}`);
    const facts = this.facts();
    if (facts) out.push(facts);

    const sections = this.doc?.allSections ?? [];
    // As QEMU's manual: members where the doc describes them, or right after
    // the description (section 0) when it describes none; features likewise,
    // after the members; a return value nobody described after both.
    const hasMemberSections = sections.some((s) => s.kind === 'Member');
    const lastMemberOrFeature = sections.reduce((k, s, i) => (s.kind === 'Member' || s.kind === 'Feature' ? i : k), 0);
    let membersDone = false;
    let featuresDone = false;
    let returnsDone = sections.some((s) => s.kind === 'Returns');
    const members = () => {
      if (!membersDone) out.push(...this.members());
      membersDone = true;
    };
    const pending = () => {
      members();
      if (!featuresDone) out.push(...this.featureTable());
      if (!returnsDone) out.push(...this.returns());
      featuresDone = returnsDone = true;
    };
    sections.forEach((s, i) => {
      switch (s.kind) {
        case 'Plain':
          // Free text is rST as written: no hanging indentation to remove.
          out.push(renderBlocks(parseRst(s.text), this.ctx));
          break;
        case 'Member':
          members();
          break;
        case 'Feature':
          members();
          if (!featuresDone) out.push(...this.featureTable());
          featuresDone = true;
          break;
        case 'Returns':
          members();
          out.push(...this.returns(s));
          break;
        case 'Errors':
          out.push(...this.labelled('Errors', s.text));
          break;
        case 'Since': // in the facts line
        case 'Todo': // for developers; QEMU's manual leaves it out too
          break;
      }
      if (i === 0 && !hasMemberSections) members();
      if (i === lastMemberOrFeature) pending();
    });
    pending();
    return out.filter((t) => t !== '').join('\n\n');
  }

  private parse(text: string | undefined): Block[] {
    return text ? parseRst(normalizeDocText(text)) : [];
  }

  /** Since, condition, and the deprecated/unstable marks, on one line. */
  private facts(): string {
    const parts: string[] = [];
    const since = this.doc?.sections.find((s) => s.kind === 'Since');
    if (since) parts.push(`**Since** ${this.ctx.inline(normalizeDocText(since.text).replace(/\s*\n\s*/g, ' '))}`);
    if (this.d.if !== undefined) parts.push(`**Only if** ${conditionMarkdown(this.d.if)}`);
    for (const special of SPECIAL_FEATURES) {
      if (this.d.features.some((f) => f.name === special)) parts.push(`**${capitalise(special)}**`);
    }
    return parts.join(' · ');
  }

  /** A type as a link to its definition; built-ins by their JSON type, arrays as `[T]`. */
  private type(name: string): string {
    const t = this.site.byName.get(name);
    if (!t) return codeSpan(name);
    if (t.kind === 'builtin') return codeSpan(t.jsonType);
    if (t.kind === 'array') return `\\[${this.type(t.elementType)}\\]`;
    const href = this.site.definitionHref(this.page, name);
    return href ? link(codeSpan(name), href) : codeSpan(name);
  }

  /** "The members of [T]." */
  private membersOf(name: string): string {
    return `The members of ${this.type(name)}.`;
  }

  private members(): string[] {
    const d = this.d;
    const site = this.site;
    const implicitStruct = (name: string | undefined) => {
      const t = name === undefined ? undefined : site.byName.get(name);
      return t && t.implicit && t.kind === 'struct' ? t : undefined;
    };
    switch (d.kind) {
      case 'enum':
        return this.table('Values', ['Value'], d.values.map((v) => ({
          name: v.name, doc: v.doc, if: v.if, features: v.features, cells: [],
        })));
      case 'struct': {
        const out = d.localMembers.length ? this.memberTable('Members', d.localMembers) : [];
        if (d.base) {
          if (!out.length) out.push('**Members**');
          out.push(this.membersOf(d.base));
        }
        return out;
      }
      case 'union': {
        const base = implicitStruct(d.base);
        const out = base ? this.memberTable('Members', base.members) : ['**Members**', this.membersOf(d.base)];
        const branches = d.branches.filter((b) => !b.implicit);
        if (branches.length) {
          out.push(`**Branches**, by the value of ${link(codeSpan(d.tag), this.tagHref())}`);
          const rows = branches.map((b) => {
            const text = [this.membersOf(b.type), b.if !== undefined ? `*(only if ${conditionMarkdown(b.if)})*` : '']
              .filter(Boolean).join(' ');
            return `| <a id="${branchAnchor(d.name, b.name)}"></a>When ${cell(codeSpan(d.tag))} is ${cell(codeSpan(b.name))} | ${cell(text)} |`;
          });
          out.push([`| Branch | Members |`, '| --- | --- |', ...rows].join('\n'));
        }
        return out;
      }
      case 'alternate':
        return this.table('Alternatives', ['Alternative', 'Type'], d.branches.map((b) => ({
          name: b.name, doc: b.doc, if: b.if, features: [], cells: [this.type(b.type)],
        })));
      case 'command':
      case 'event': {
        const label = d.kind === 'command' ? 'Arguments' : 'Data';
        if (d.argType === undefined) return [];
        const args = implicitStruct(d.argType);
        if (args) return this.memberTable(label, args.members);
        return [`**${label}**`, this.membersOf(d.argType)];
      }
      default:
        return [];
    }
  }

  private tagHref(): string {
    const d = this.d;
    if (d.kind !== 'union') return '';
    // The tag is a member of the union's table (implicit base) or of its base.
    const base = this.site.byName.get(d.base);
    if (base && !base.implicit) {
      const owner = base.kind === 'struct' ? (base.members.find((m) => m.name === d.tag)?.definedIn ?? base.name) : base.name;
      return this.site.definitionHref(this.page, `${owner}.${d.tag}`) ?? this.site.definitionHref(this.page, base.name)!;
    }
    return `#${memberAnchor(d.name, d.tag)}`;
  }

  private memberTable(label: string, members: readonly IrMember[]): string[] {
    return this.table(label, ['Name', 'Type', 'Optional'], members.map((m) => ({
      name: m.name, doc: m.doc, if: m.if, features: m.features, cells: [this.type(m.type), m.optional ? 'yes' : 'no'],
    })));
  }

  /** A table whose rows are name, extra cells, description, and Since when any row has one. */
  private table(label: string, head: readonly string[], rows: readonly {
    name: string; doc?: string; if?: IrCondition; features: readonly IrFeature[]; cells: readonly string[];
  }[]): string[] {
    if (!rows.length) return [];
    const prepared = rows.map((r) => {
      const { text, since } = splitSince(normalizeDocText(r.doc ?? ''));
      return { ...r, text, since };
    });
    const withSince = prepared.some((r) => r.since !== undefined);
    const lines = [
      `| ${[...head, 'Description', ...(withSince ? ['Since'] : [])].join(' | ')} |`,
      `|${' --- |'.repeat(head.length + 1 + (withSince ? 1 : 0))}`,
    ];
    for (const r of prepared) {
      const marks = r.features.filter((f) => (SPECIAL_FEATURES as readonly string[]).includes(f.name))
        .map((f) => ` **(${f.name})**`).join('');
      const name = `<a id="${memberAnchor(this.d.name, r.name)}"></a>${codeSpan(r.name)}${marks}`;
      const extras: string[] = [];
      if (r.if !== undefined) extras.push(`*(only if ${conditionMarkdown(r.if)})*`);
      const others = r.features.filter((f) => !(SPECIAL_FEATURES as readonly string[]).includes(f.name));
      if (others.length) {
        extras.push(`*Features:* ${others.map((f) => link(codeSpan(f.name), `#${featureAnchor(this.d.name, f.name)}`)).join(', ')}`);
      }
      const description = r.text ? renderCell(parseRst(r.text), this.ctx) : '*Not documented.*';
      const desc = [description, ...extras.map(cell)].join('<br>');
      lines.push(`| ${[cell(name), ...r.cells.map(cell), desc, ...(withSince ? [r.since ?? ''] : [])].join(' | ')} |`);
    }
    return [`**${label}**`, lines.join('\n')];
  }

  private featureTable(): string[] {
    if (!this.features.length) return [];
    const lines = ['| Feature | Description |', '| --- | --- |'];
    for (const f of this.features) {
      const special = (SPECIAL_FEATURES as readonly string[]).includes(f.name);
      const name = `<a id="${featureAnchor(this.d.name, f.name)}"></a>${special ? `**${codeSpan(f.name)}**` : codeSpan(f.name)}`;
      const text = f.text ? renderCell(this.parse(f.text), this.ctx) : '*Not documented.*';
      const cond = f.if !== undefined ? `<br>*(only if ${conditionMarkdown(f.if)})*` : '';
      lines.push(`| ${cell(name)} | ${text}${cell(cond)} |`);
    }
    return ['**Features**', lines.join('\n')];
  }

  private returns(section?: IrDocSection): string[] {
    const d = this.d;
    if (d.kind !== 'command' || d.retType === undefined) return [];
    const type = this.type(d.retType);
    const blocks = this.parse(section?.text);
    if (!blocks.length) return [`**Returns:** ${type}`];
    if (blocks.length === 1 && blocks[0].kind === 'paragraph') return [`**Returns:** ${type} — ${this.ctx.inline(blocks[0].text.replace(/\s*\n\s*/g, ' '))}`];
    return [`**Returns:** ${type}`, renderBlocks(blocks, this.ctx)];
  }

  private labelled(label: string, text: string): string[] {
    const blocks = this.parse(text);
    if (blocks.length === 1 && blocks[0].kind === 'paragraph') return [`**${label}:** ${this.ctx.inline(blocks[0].text.replace(/\s*\n\s*/g, ' '))}`];
    return [`**${label}:**`, renderBlocks(blocks, this.ctx)];
  }
}

/**
 * Features to list: those the doc describes (in its order, member features
 * included, as QEMU's manual lists them), then any it does not.
 */
function collectFeatures(d: IrDefinition, doc: IrDoc | undefined, site: DocsSite): DocFeature[] {
  const all = new Map<string, IrFeature>();
  const note = (fs: readonly IrFeature[]) => {
    for (const f of fs) if (!all.has(f.name)) all.set(f.name, f);
  };
  note(d.features);
  const membersOf = (name: string | undefined) => {
    const t = name === undefined ? undefined : site.byName.get(name);
    if (t && t.implicit && t.kind === 'struct') for (const m of t.members) note(m.features);
  };
  switch (d.kind) {
    case 'enum': for (const v of d.values) note(v.features); break;
    case 'struct': for (const m of d.localMembers) note(m.features); break;
    case 'union': membersOf(d.base); break;
    case 'command': case 'event': membersOf(d.argType); break;
    default: break;
  }
  const out: DocFeature[] = [];
  const seen = new Set<string>();
  for (const s of doc?.features ?? []) {
    if (!s.name || seen.has(s.name)) continue;
    seen.add(s.name);
    const f = all.get(s.name);
    out.push({ name: s.name, text: s.text, ...(f?.if !== undefined ? { if: f.if } : {}) });
  }
  for (const f of all.values()) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    out.push({ name: f.name, text: f.doc ?? '', ...(f.if !== undefined ? { if: f.if } : {}) });
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

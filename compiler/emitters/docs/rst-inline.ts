/**
 * Inline reStructuredText to Markdown: ``literal``, *emphasis*, **strong**,
 * interpreted text (`Name`, QEMU's default role, which names a definition),
 * roles (:qapi:type:`X`, :doc:`Title <path>`, :ref:, :code:, ...), hyperlink
 * references (`text <url>`_), standalone URLs, backslash escapes, and QAPI's
 * `@name` references. References that resolve become links; the rest become
 * code spans or plain text. Everything else is escaped so it shows as
 * written.
 *
 * Inline markup is recognised by docutils' rules (simplified): the start
 * string follows whitespace, the start of the text or an opening
 * punctuation character, and is followed by non-whitespace; the end string
 * follows non-whitespace and is followed by whitespace, the end or closing
 * punctuation. So `_one_`, `2*3` or `a*b*c` stay text.
 */
import { autolink, codeSpan, escapeText, link } from './markdown-text.js';

/** How references are resolved; every method returns an href, or undefined. */
export interface InlineResolver {
  /** `@name` in a doc comment: a member, value, branch or feature in scope, else a definition. */
  at(name: string): string | undefined;
  /** A definition by name (interpreted text, :qapi:type: and friends); `Type.member` too. */
  definition(name: string): string | undefined;
  /** QEMU's `qapi-qmp-index` & co.: the index page. */
  index(): string | undefined;
}

const START_BEFORE = /[\s\-:/'"<([{]/;
const END_AFTER = /[\s\-.,:;!?\\/'")\]}>]/;
// Sticky: each matches at lastIndex only.
const ROLE = /:([A-Za-z][\w:.+-]*):`/y;
const SUFFIX_ROLE = /:([A-Za-z][\w:.+-]*):/y;
const URL = /(?:https?|ftp):\/\/[^\s<>"`]+/y;
const BRACKETED_URL = /<((?:https?|ftp):\/\/[^\s<>"`]+)>/y;
const AT = /@([\w-]*\w)/y;

/** Roles shown as their plain text (others that are not references show as code). */
const TEXT_ROLES = new Set(['term', 'abbr', 'dfn', 'title-reference', 'title', 't', 'guilabel', 'menuselection', 'sub', 'sup', 'subscript', 'superscript']);

export function convertInline(text: string, resolve: InlineResolver): string {
  return new InlineConverter(text, resolve).run();
}

class InlineConverter {
  private out = '';
  /** Plain text gathered (rST escapes resolved), to be Markdown-escaped as a whole. */
  private plain = '';
  /** `s[from, p)` is plain text not yet added to `plain`. */
  private from = 0;
  private p = 0;

  constructor(private readonly s: string, private readonly resolve: InlineResolver) {}

  run(): string {
    const s = this.s;
    const n = s.length;
    while (this.p < n) {
      const p = this.p;
      const c = s.charCodeAt(p);
      const prev = p === 0 ? '' : s[p - 1];
      let handled = false;
      switch (c) {
        case 0x5c: // backslash
          this.escape();
          continue;
        case 0x60: // `
        case 0x2a: // *
        case 0x3a: // :
          handled = (p === 0 || START_BEFORE.test(prev)) && this.markup();
          break;
        case 0x40: // @
          handled = (p === 0 || !/[\w@.]/.test(prev)) && this.atReference();
          break;
        case 0x68: // h
        case 0x66: // f
          handled = (p === 0 || /[\s(["'{]/.test(prev)) && this.url();
          break;
        case 0x3c: // <
          handled = this.bracketedUrl();
          break;
        default:
          break;
      }
      if (!handled) this.p++;
    }
    this.flush();
    return this.out;
  }

  private take(): void {
    if (this.p > this.from) this.plain += this.s.slice(this.from, this.p);
    this.from = this.p;
  }

  private flush(): void {
    this.take();
    if (this.plain) this.out += escapeText(this.plain);
    this.plain = '';
  }

  /** Emits Markdown for `s[p, next)`. */
  private emit(md: string, next: number): true {
    this.flush();
    this.out += md;
    this.p = this.from = next;
    return true;
  }

  /** rST escapes: `\x` is x; backslash-space and backslash-newline vanish. */
  private escape(): void {
    this.take();
    const next = this.s[this.p + 1];
    if (next === undefined) {
      this.plain += '\\';
      this.p++;
    } else {
      if (next !== ' ' && next !== '\n') this.plain += next;
      this.p += 2;
    }
    this.from = this.p;
  }

  /** Finds the end string `end` at or after `from`, by docutils' end rules. */
  private findEnd(from: number, end: string, notFollowedBy?: string): number {
    const s = this.s;
    for (let q = s.indexOf(end, from); q !== -1; q = s.indexOf(end, q + 1)) {
      if (q === from || /\s/.test(s[q - 1])) continue;
      if (notFollowedBy && s[q + end.length] === notFollowedBy) continue;
      const after = s[q + end.length];
      if (after === undefined || END_AFTER.test(after) || after === '`' || after === '_' || after === ':') return q;
    }
    return -1;
  }

  private markup(): boolean {
    const s = this.s;
    const p = this.p;
    const at = (k: number) => s[p + k];
    const followedOk = (k: number) => at(k) !== undefined && !/\s/.test(at(k));

    if (s.startsWith('``', p) && followedOk(2)) {
      const q = this.findEnd(p + 2, '``');
      if (q === -1) return false;
      return this.emit(codeSpan(s.slice(p + 2, q)), q + 2);
    }
    if (s.startsWith('**', p) && followedOk(2)) {
      const q = this.findEnd(p + 2, '**');
      if (q === -1) return false;
      return this.emit(`**${this.unescape(s.slice(p + 2, q))}**`, q + 2);
    }
    if (at(0) === '*' && followedOk(1) && at(1) !== '*') {
      const q = this.findEnd(p + 1, '*', '*');
      if (q === -1) return false;
      return this.emit(`*${this.unescape(s.slice(p + 1, q))}*`, q + 1);
    }
    if (at(0) === ':') {
      ROLE.lastIndex = p;
      const role = ROLE.exec(s);
      if (!role) return false;
      const open = p + role[0].length;
      const q = this.findEnd(open, '`');
      if (q === -1 || q === open) return false;
      return this.emit(this.role(role[1], s.slice(open, q)), q + 1);
    }
    if (at(0) === '`' && followedOk(1)) {
      const q = this.findEnd(p + 1, '`');
      if (q === -1) return false;
      const content = s.slice(p + 1, q);
      const end = q + 1;
      if (s[end] === '_') return this.emit(this.hyperlink(content), end + (s[end + 1] === '_' ? 2 : 1));
      SUFFIX_ROLE.lastIndex = end;
      const suffix = SUFFIX_ROLE.exec(s);
      if (suffix) return this.emit(this.role(suffix[1], content), end + suffix[0].length);
      return this.emit(this.role('any', content), end);
    }
    return false;
  }

  /** Inline content of emphasis and the like: rST escapes resolved, Markdown-escaped. */
  private unescape(text: string): string {
    return escapeText(text.replace(/\\(.)/gs, (_, c: string) => (c === ' ' || c === '\n' ? '' : c)));
  }

  private role(name: string, content: string): string {
    const lower = name.toLowerCase();
    const role = lower.startsWith('qapi:') ? 'qapi' : lower.replace(/^(py|c|cpp|std|js|rst):/, '');
    const text = content.replace(/\n/g, ' ');
    const titled = /^(.*?)\s*<([^<>]+)>$/s.exec(text);
    if (role === 'any' || role === 'ref' || role === 'doc' || role === 'qapi') {
      if (titled && (role === 'doc' || role === 'ref')) return escapeText(titled[1]);
      let target = titled ? titled[2] : text;
      let label = titled ? titled[1] : text;
      const noLink = target.startsWith('!');
      target = target.replace(/^[!~]/, '');
      if (label.startsWith('~')) label = target.slice(target.lastIndexOf('.') + 1);
      label = label.replace(/^!/, '');
      if (/^qapi-\w+-index$/.test(target)) {
        const index = this.resolve.index();
        return index ? link('index', index) : 'index';
      }
      const href = noLink ? undefined : this.resolve.definition(target);
      if (href) return link(titled ? escapeText(label) : codeSpan(label), href);
      if (role === 'ref' || role === 'doc') return titled ? escapeText(label) : codeSpan(target);
      return titled ? escapeText(label) : codeSpan(label);
    }
    if (role === 'emphasis' || role === 'e') return `*${escapeText(text)}*`;
    if (role === 'strong') return `**${escapeText(text)}**`;
    if (TEXT_ROLES.has(role)) return escapeText(titled ? titled[1] : text);
    // Code-like roles, and any role we do not know: the text, as code.
    return codeSpan(text);
  }

  private hyperlink(content: string): string {
    const text = content.replace(/\n/g, ' ');
    const m = /^(.*?)\s*<([^<>]+)>$/s.exec(text);
    if (m) {
      const url = m[2].replace(/\s+/g, '');
      const label = m[1] || url;
      if (/^[A-Za-z][\w+.-]*:/.test(url)) return link(escapeText(label), url);
      return escapeText(label);
    }
    return escapeText(text);
  }

  /** QAPI's `@name`: a reference to a member or definition (QEMU renders it as a literal). */
  private atReference(): boolean {
    AT.lastIndex = this.p;
    const m = AT.exec(this.s);
    if (!m) return false;
    const href = this.resolve.at(m[1]);
    return this.emit(href ? link(codeSpan(m[1]), href) : codeSpan(m[1]), this.p + m[0].length);
  }

  private url(): boolean {
    URL.lastIndex = this.p;
    const m = URL.exec(this.s);
    if (!m) return false;
    const url = trimUrl(m[0]);
    return this.emit(autolink(url), this.p + url.length);
  }

  /** `<https://...>`: rST shows the URL (as a link) with its brackets dropped. */
  private bracketedUrl(): boolean {
    BRACKETED_URL.lastIndex = this.p;
    const m = BRACKETED_URL.exec(this.s);
    if (!m) return false;
    return this.emit(autolink(m[1]), this.p + m[0].length);
  }
}

/** Trailing punctuation is not part of a standalone URL (docutils' rule, roughly). */
function trimUrl(url: string): string {
  let u = url;
  for (;;) {
    const last = u[u.length - 1];
    if (/[.,;:!?'"\]}>]/.test(last)) u = u.slice(0, -1);
    else if (last === ')' && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) u = u.slice(0, -1);
    else return u;
  }
}

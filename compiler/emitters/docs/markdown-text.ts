/**
 * Safe Markdown text: escaping plain text so CommonMark/GFM renderers show it
 * as written, code spans that survive any content, links, and the HTML-entity
 * form used inside raw HTML (table cells).
 */

const ALNUM = /[\p{L}\p{N}]/u;
const NEEDS_ESCAPE = /[\\`*[\]<~$_&\n]/;

/**
 * Escapes text for use inside a Markdown paragraph or table cell. Escapes
 * whatever could start inline markup (emphasis, code, links, HTML, autolinks,
 * strikethrough, math, entities); `_` only where it could delimit emphasis
 * (not inside words, so `block_resize` stays readable). `|` is left alone
 * (see {@link cell}).
 */
export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    switch (c) {
      case '\\': case '`': case '*': case '[': case ']': case '<': case '~': case '$':
        out += `\\${c}`;
        break;
      case '_':
        out += i > 0 && i + 1 < text.length && ALNUM.test(text[i - 1]) && ALNUM.test(text[i + 1]) ? '_' : '\\_';
        break;
      case '&':
        out += /^&(#\d+|#[xX][\da-fA-F]+|[A-Za-z][A-Za-z\d]*);/.test(text.slice(i)) ? '\\&' : '&';
        break;
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

/**
 * Makes a rendered paragraph safe at the start of a line, where Markdown
 * would read `# `, `> `, `- `, `1. `, `---` and the like as block syntax.
 */
export function escapeLineStart(md: string): string {
  if (/^#{1,6}(\s|$)/.test(md) || /^[>+=]/.test(md)) return `\\${md}`;
  if (/^[-*](\s|$)/.test(md) || /^([-_*])(\s*\1){2,}\s*$/.test(md)) return `\\${md}`;
  const num = /^(\d{1,9})([.)])(\s|$)/.exec(md);
  if (num) return `${num[1]}\\${md.slice(num[1].length)}`;
  return md;
}

/** Heading text: a trailing run of `#` would be read as the heading's closing sequence. */
export function headingText(md: string): string {
  return md.replace(/(^|\s)(#+)\s*$/, '$1\\$2');
}

/** A code span showing `text` exactly (newlines become spaces, as in any inline text). */
export function codeSpan(text: string): string {
  const t = text.replace(/\n/g, ' ');
  if (t === '') return '';
  if (!t.includes('`') && !(t.startsWith(' ') && t.endsWith(' '))) return `\`${t}\``;
  let longest = 0;
  for (const m of t.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** A link; `label` is Markdown already. */
export function link(label: string, href: string): string {
  return `[${label}](${encodeHref(href)})`;
}

function encodeHref(href: string): string {
  return href.replace(/[^A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/g, (c) => encodeURIComponent(c));
}

/** A URL as an autolink, if CommonMark accepts it as one; otherwise an ordinary link. */
export function autolink(url: string): string {
  return /^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$/.test(url) ? `<${url}>` : link(escapeText(url), url);
}

/** Cell text: a table cell is one line, and `|` must be escaped even inside code spans (GFM). */
export function cell(md: string): string {
  return md.replace(/[\n|]/g, (c) => (c === '|' ? '\\|' : ' '));
}

/**
 * Text for raw HTML inside inline Markdown (a `<pre>` in a table cell): HTML
 * special characters and every character inline Markdown would act on become
 * character references, so the text shows exactly.
 */
export function htmlText(text: string): string {
  return text.replace(/[&<>"\\`*_[\]~$|!#]/g, (c) => `&#${c.charCodeAt(0)};`);
}

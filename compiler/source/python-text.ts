/**
 * Python string semantics that QEMU's frontend relies on and JavaScript lacks:
 * `str.isspace()`, `str.rstrip()`, `re.match(r'\s*')` and `len()` counting code
 * points. Porting these with JavaScript's own `\s` or `.length` would shift
 * columns and line-length checks on unusual input.
 */

/** Characters for which Python's `str.isspace()` is true. */
export const PY_SPACE_CLASS =
  '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const SPACE_RE = new RegExp(`[${PY_SPACE_CLASS}]`);
const LEADING_SPACE_RE = new RegExp(`^[${PY_SPACE_CLASS}]*`);
const TRAILING_SPACE_RE = new RegExp(`[${PY_SPACE_CLASS}]+$`);

export function isPySpace(ch: string): boolean {
  return SPACE_RE.test(ch);
}

/** Python's `s.rstrip()`. */
export function pyRstrip(s: string): string {
  return s.replace(TRAILING_SPACE_RE, '');
}

/** Length of `re.match(r'\s*', s)`, counted in UTF-16 units. */
export function leadingSpaceLength(s: string): number {
  return LEADING_SPACE_RE.exec(s)![0].length;
}

/** Python's `len(s)`: the number of code points. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** `os.path.join(a, b)` for POSIX paths. */
export function pyPathJoin(a: string, b: string): string {
  if (b.startsWith('/')) return b;
  if (a === '' || a.endsWith('/')) return a + b;
  return `${a}/${b}`;
}

/** `os.path.dirname(p)` for POSIX paths. */
export function pyDirname(p: string): string {
  const i = p.lastIndexOf('/') + 1;
  let head = p.slice(0, i);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return head;
}

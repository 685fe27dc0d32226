/**
 * Doc-comment text as the IR keeps it, made ready for the rST parser: the
 * hanging indentation of member and section descriptions removed, and the
 * `(since X.Y)` note QEMU writes at the end of member descriptions split off
 * for the tables' Since column.
 */

/**
 * `@name: first line` / indented continuation lines: the first line loses its
 * leading blanks, the others their common indentation (as an rST field body).
 */
export function normalizeDocText(text: string): string {
  if (!text.includes('\n')) return text.trim();
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (!lines.length) return '';
  const first = lines[0];
  const firstIndent = first.length - first.trimStart().length;
  const rest = lines.slice(1);
  let indent = Infinity;
  for (const l of rest) if (l) indent = Math.min(indent, l.length - l.trimStart().length);
  // Continuation lines indented like a first line that starts on its own line
  // (`@name:` alone) keep their indentation relative to it.
  if (firstIndent > 0) indent = Math.min(indent, firstIndent);
  const cut = Number.isFinite(indent) ? indent : 0;
  return [first.trimStart(), ...rest.map((l) => l.slice(Math.min(cut, l.length - l.trimStart().length)))].join('\n');
}

/**
 * Splits a trailing `(since 2.1)` / `(Since: 4.0)` off a description. Only
 * a simple version at the very end qualifies, so no other text is lost.
 */
export function splitSince(text: string): { text: string; since?: string } {
  const open = text.lastIndexOf('(');
  if (open <= 0) return { text };
  const m = /^\(\s*since:?\s+(\d+\.\d+(?:\.\d+)?)\s*\)\.?$/i.exec(text.slice(open));
  const rest = text.slice(0, open).trimEnd();
  if (!m || !rest) return { text };
  return { text: rest, since: m[1] };
}

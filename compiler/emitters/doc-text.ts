/**
 * Doc-comment text (QAPI's reST dialect) turned into JSDoc-friendly text:
 * `@name` references and ``literals`` become code spans, `.. qmp-example::`
 * blocks become indented transcripts, other directives are reduced to their
 * content. Lossy on purpose: JSDoc shows in editors, the Markdown docs
 * emitter does the full conversion.
 */

// Commands' and events' docs are written several times (types, dispatch,
// maps): convert each text once.
const cache = [new Map<string, readonly string[]>(), new Map<string, readonly string[]>()];

export function docTextToJsdoc(text: string, hangingIndent = false): string[] {
  const memo = cache[hangingIndent ? 1 : 0];
  let lines = memo.get(text);
  if (!lines) {
    lines = convert(text, hangingIndent);
    memo.set(text, lines);
  }
  return [...lines];
}

function convert(text: string, hangingIndent: boolean): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (const raw of hangingIndent ? dedentContinuation(lines) : lines) {
    let line = raw;
    const directive = /^(\s*)\.\. ([\w-]+)::\s*(.*)$/.exec(line);
    if (directive) {
      const [, indent, name, arg] = directive;
      if (name === 'qmp-example') line = `${indent}Example:`;
      else if (name === 'note' || name === 'admonition' || name === 'warning') line = `${indent}${capitalise(name === 'admonition' ? arg : name)}:${name === 'admonition' ? '' : ` ${arg}`}`.trimEnd();
      else line = `${indent}${arg}`;
    } else if (/^\s*:\w+:/.test(line)) {
      line = line.replace(/^(\s*):(\w+):\s*/, '$1');
    }
    line = line
      .replace(/``([^`]+)``/g, '`$1`')
      .replace(/(^|[^\w`])@([A-Za-z_][\w.-]*[A-Za-z0-9_])/g, '$1`$2`');
    out.push(line);
  }
  while (out.length && out[out.length - 1].trim() === '') out.pop();
  while (out.length && out[0].trim() === '') out.shift();
  return out;
}

/** One line of text, whitespace collapsed (for lists and table cells). */
export function docTextInline(text: string): string {
  return docTextToJsdoc(text, true).join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * Member and section descriptions keep QEMU's hanging indent (first line after
 * the `@name:`, the rest indented); remove the common indent of the rest.
 */
function dedentContinuation(lines: string[]): string[] {
  const rest = lines.slice(1).filter((l) => l.trim());
  if (!rest.length) return lines;
  const indent = Math.min(...rest.map((l) => /^ */.exec(l)![0].length));
  if (!indent) return lines;
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(indent, /^ */.exec(l)![0].length)))];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

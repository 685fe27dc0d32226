/**
 * Path patterns of the lint configuration: globs relative to the
 * configuration's directory (`*` within a path segment, `**` across them,
 * `?` one character), where a pattern without wildcards also matches
 * everything under it as a directory. An entry `path#Name` narrows a
 * pattern to the extent of one definition.
 */
export interface PathPattern {
  readonly matches: (relativePath: string, definition: string | undefined) => boolean;
}

export function compilePathPattern(entry: string): PathPattern {
  const hash = entry.lastIndexOf('#');
  const glob = hash >= 0 ? entry.slice(0, hash) : entry;
  const definition = hash >= 0 ? entry.slice(hash + 1) : undefined;
  const re = globToRegExp(glob.replace(/^\.\//, '').replace(/\/+$/, ''));
  return {
    matches: (path, def) => re.test(path) && (definition === undefined || definition === def),
  };
}

function globToRegExp(glob: string): RegExp {
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more whole segments.
      const slash = glob[i + 2] === '/';
      src += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A plain path also matches what lies under it.
  return new RegExp(`^${src}(?:/.*)?$`);
}

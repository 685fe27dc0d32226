/**
 * Which definition each source line belongs to. A definition's extent runs
 * from its doc comment (or its expression, when undocumented) to the line
 * before the next definition, free-form doc comment or include of its file.
 * Suppressions and config ignores are scoped to these extents, and findings
 * the compiler reports without a definition context get one from them.
 */
import type { IrDefinition, IrSchema } from '../ir/types.js';

export interface DefinitionExtent {
  readonly name: string;
  readonly kind: IrDefinition['kind'];
  readonly file: string;
  /** First line: the doc comment's `##`, else the expression's first line. */
  readonly start: number;
  /** Line of the expression's opening brace. */
  readonly exprLine: number;
  /** Last line of the doc comment, when there is one. */
  readonly docEnd?: number;
  /** Last line (the line before whatever comes next in the file). */
  readonly end: number;
}

export interface DefinitionExtents {
  /** The definition whose extent holds `line` of `file`. */
  at(file: string, line: number): DefinitionExtent | undefined;
  /** The first definition of `file` whose expression starts after `line`. */
  nextAfter(file: string, line: number): DefinitionExtent | undefined;
  /** Whether `line` of `file` is inside a doc comment (where `#` lines are doc text, not comments). */
  inDocComment(file: string, line: number): boolean;
}

interface Anchor {
  readonly start: number;
  readonly extent?: Omit<DefinitionExtent, 'end'>;
}

export function definitionExtents(ir: IrSchema): DefinitionExtents {
  const anchors = new Map<string, Anchor[]>();
  const docRanges = new Map<string, [number, number][]>();
  const add = (file: string, a: Anchor) => {
    const list = anchors.get(file);
    if (list) list.push(a);
    else anchors.set(file, [a]);
  };
  const documented = new Set<number>();
  for (const d of ir.definitions) {
    if (d.implicit || !d.location) continue;
    const doc = d.doc !== undefined ? ir.docs[d.doc] : undefined;
    if (d.doc !== undefined) documented.add(d.doc);
    const start = doc && doc.location.file === d.location.file ? doc.location.line : d.location.line;
    add(d.location.file, {
      start,
      extent: { name: d.name, kind: d.kind, file: d.location.file, start, exprLine: d.location.line, ...(doc ? { docEnd: doc.endLine } : {}) },
    });
  }
  ir.docs.forEach((doc, i) => {
    const ranges = docRanges.get(doc.location.file) ?? [];
    ranges.push([doc.location.line, doc.endLine]);
    docRanges.set(doc.location.file, ranges);
    if (!documented.has(i)) add(doc.location.file, { start: doc.location.line });
  });
  for (const m of ir.modules) {
    for (const item of m.items) if (item.kind === 'include') add(item.location.file, { start: item.location.line });
  }
  const extents = new Map<string, DefinitionExtent[]>();
  for (const [file, list] of anchors) {
    list.sort((a, b) => a.start - b.start);
    const out: DefinitionExtent[] = [];
    list.forEach((a, i) => {
      if (a.extent) out.push({ ...a.extent, end: i + 1 < list.length ? list[i + 1].start - 1 : Number.MAX_SAFE_INTEGER });
    });
    extents.set(file, out);
  }
  return {
    at(file, line) {
      const list = extents.get(file);
      if (!list) return undefined;
      // Binary search: the last extent starting at or before `line`.
      let lo = 0;
      let hi = list.length - 1;
      let found: DefinitionExtent | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].start <= line) {
          found = list[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found && line <= found.end ? found : undefined;
    },
    nextAfter(file, line) {
      return extents.get(file)?.find((e) => e.exprLine > line);
    },
    inDocComment(file, line) {
      return (docRanges.get(file) ?? []).some(([from, to]) => line >= from && line <= to);
    },
  };
}

/**
 * Source positions as QEMU's frontend models them (QAPISourceInfo): one
 * object per source line, shared by everything that starts on that line, with
 * a link to the include directive that brought the file in. The definition
 * context is set while expressions are checked, exactly as QEMU's
 * `set_defn()` does, so that later errors say "In struct 'Foo':". Two
 * definitions on one line share the object and the later one wins, as in QEMU.
 */
import type { DefinitionContext, DiagnosticLocation, IncludeSite } from '../diagnostics/diagnostic.js';

export interface SourceInfo {
  readonly file: string;
  readonly line: number;
  readonly parent: SourceInfo | null;
  /** Mutable on purpose: QEMU's set_defn(). */
  defn: DefinitionContext | undefined;
}

export function includeChain(info: SourceInfo): IncludeSite[] {
  const chain: IncludeSite[] = [];
  for (let p = info.parent; p; p = p.parent) chain.unshift({ file: p.file, line: p.line });
  return chain;
}

export function locationOf(info: SourceInfo, column?: number): DiagnosticLocation {
  return {
    file: info.file,
    line: info.line,
    ...(column !== undefined ? { column } : {}),
    includedFrom: includeChain(info),
    // QEMU prints the context only for a non-empty name.
    ...(info.defn?.name ? { definition: { ...info.defn } } : {}),
  };
}

/** Hands out one SourceInfo per line of one file, created on demand. */
export class LineInfos {
  private readonly infos: SourceInfo[] = [];
  constructor(
    readonly file: string,
    readonly parent: SourceInfo | null,
  ) {}
  /** Forgets the definition contexts set on these lines (before they are used again). */
  clearDefinitions(): void {
    for (const info of this.infos) if (info) info.defn = undefined;
  }

  at(line: number): SourceInfo {
    let info = this.infos[line];
    if (!info) {
      info = { file: this.file, line, parent: this.parent, defn: undefined };
      this.infos[line] = info;
    }
    return info;
  }
}

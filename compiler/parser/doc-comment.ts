/**
 * The doc-comment model, QEMU 10.2's QAPIDoc: a body, member and feature
 * descriptions, and tagged or plain sections, each remembering where it
 * starts. The parser builds it; the checker later links members to it.
 */
import type { SourceInfo } from '../source/source-info.js';
import { locationOf } from '../source/source-info.js';
import { compileError } from '../diagnostics/compile-error.js';
import { Messages } from '../diagnostics/messages.js';

export type DocSectionKind = 'Plain' | 'Member' | 'Feature' | 'Returns' | 'Errors' | 'Since' | 'Todo';

export interface DocSection {
  kind: DocSectionKind;
  info: SourceInfo;
  text: string;
  /** For Member and Feature sections. */
  readonly name?: string;
  /** Set when a Member/Feature section is matched to a schema member (QEMU's `connect`). */
  connected?: boolean;
  /** Inserted by the checker for an undocumented member allowed by `documentation-exceptions`. */
  stub?: boolean;
}

export class QapiDoc {
  readonly allSections: DocSection[];
  readonly body: DocSection;
  readonly args = new Map<string, DocSection>();
  readonly features = new Map<string, DocSection>();
  readonly sections: DocSection[] = [];
  returns: DocSection | undefined;
  errors: DocSection | undefined;
  since: DocSection | undefined;
  /** Line of the closing `##` (the raw lines can be read back from the source). */
  endLine = 0;

  constructor(
    readonly info: SourceInfo,
    readonly symbol?: string,
  ) {
    this.body = { kind: 'Plain', info, text: '' };
    this.allSections = [this.body];
  }

  appendLine(line: string): void {
    this.allSections[this.allSections.length - 1].text += line + '\n';
  }

  ensureUntaggedSection(info: SourceInfo): void {
    const last = this.allSections[this.allSections.length - 1];
    if (last.kind === 'Plain') {
      if (!last.text) last.info = info;
      last.text += '\n';
      return;
    }
    const section: DocSection = { kind: 'Plain', info, text: '' };
    this.sections.push(section);
    this.allSections.push(section);
  }

  newTaggedSection(info: SourceInfo, kind: 'Returns' | 'Errors' | 'Since' | 'Todo'): void {
    const section: DocSection = { kind, info, text: '' };
    if (kind === 'Returns' || kind === 'Errors' || kind === 'Since') {
      const key = kind === 'Returns' ? 'returns' : kind === 'Errors' ? 'errors' : 'since';
      if (this[key]) throw compileError(Messages.docDuplicatedSection, locationOf(info), kind);
      this[key] = section;
    }
    this.sections.push(section);
    this.allSections.push(section);
  }

  private newDescription(info: SourceInfo, name: string, kind: 'Member' | 'Feature', into: Map<string, DocSection>): void {
    if (!name) throw compileError(Messages.docInvalidParameterName, locationOf(info));
    if (into.has(name)) throw compileError(Messages.docParameterDuplicated, locationOf(info), name);
    const section: DocSection = { kind, info, text: '', name };
    this.allSections.push(section);
    into.set(name, section);
  }

  newArgument(info: SourceInfo, name: string): void {
    this.newDescription(info, name, 'Member', this.args);
  }

  newFeature(info: SourceInfo, name: string): void {
    this.newDescription(info, name, 'Feature', this.features);
  }

  /** QEMU's QAPIDoc.end(): trims sections and requires text in tagged ones. */
  end(): void {
    for (const section of this.allSections) {
      section.text = trimNewlines(section.text);
      if (section.kind !== 'Plain' && section.text === '') {
        throw compileError(Messages.docTextRequired, locationOf(section.info), section.kind);
      }
    }
  }
}

/** `text.strip('\n')` (a regex for the trailing run is slow on long texts). */
export function trimNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 10) start++;
  while (end > start && text.charCodeAt(end - 1) === 10) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

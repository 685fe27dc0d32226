/**
 * QMP transcripts in doc comments: the `-> {...}` requests and `<- {...}`
 * responses of `.. qmp-example::` blocks (and of older literal `Example::`
 * blocks), each parsed as JSON with its source line. Lint rules and tests
 * check them against the schema's decoders.
 */
import type { IrDoc } from '../ir/types.js';
import { readJson } from '../../runtime/json-reader.js';
import type { JsonValue } from '../../runtime/json-value.js';

export interface QmpExampleMessage {
  readonly direction: '->' | '<-';
  /** The JSON text as written (continuation lines joined). */
  readonly text: string;
  /** 1-based source line of the arrow. */
  readonly line: number;
  readonly value?: JsonValue;
  /** Why the text is not JSON (QEMU's docs elide parts with `...`, for instance). */
  readonly parseError?: string;
}

export interface QmpExample {
  readonly symbol: string | undefined;
  readonly title?: string;
  readonly line: number;
  readonly messages: readonly QmpExampleMessage[];
}

/** Brace/bracket depth of a JSON fragment, ignoring brackets inside strings. */
function depthChange(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth;
}

/** Examples of one doc comment. Lines are numbered from the section each text starts in. */
export function qmpExamples(doc: IrDoc): QmpExample[] {
  const examples: QmpExample[] = [];
  const texts = [{ text: doc.body, line: doc.location.line + 1 }, ...doc.sections.map((s) => ({ text: s.text, line: s.line }))];
  for (const { text, line: firstLine } of texts) {
    const lines = text.split('\n');
    let current: { title?: string; line: number; messages: QmpExampleMessage[] } | undefined;
    let indent = -1;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const start = /^(\s*)\.\. qmp-example::\s*$/.exec(l) ?? /^(\s*)\S.*::\s*$/.exec(l);
      if (start && (l.includes('qmp-example') || /Examples?::\s*$/.test(l))) {
        if (current?.messages.length) examples.push({ symbol: doc.symbol, ...current });
        current = { line: firstLine + i, messages: [] };
        indent = start[1].length;
        continue;
      }
      if (!current) continue;
      if (l.trim() && /^\s*/.exec(l)![0].length <= indent) {
        if (current.messages.length) examples.push({ symbol: doc.symbol, ...current });
        current = undefined;
        continue;
      }
      const title = /^\s*:title:\s*(.*)$/.exec(l);
      if (title) {
        current.title = title[1];
        continue;
      }
      const arrow = /^\s*(->|<-)\s*(.*)$/.exec(l);
      if (!arrow) continue;
      const arrowLine = firstLine + i;
      let json = arrow[2];
      let depth = depthChange(json);
      let j = i;
      while (depth > 0 && j + 1 < lines.length && !/^\s*(->|<-)/.test(lines[j + 1]) && lines[j + 1].trim()) {
        j++;
        json += `\n${lines[j]}`;
        depth += depthChange(lines[j]);
      }
      i = j;
      const message: { -readonly [K in keyof QmpExampleMessage]: QmpExampleMessage[K] } = {
        direction: arrow[1] as '->' | '<-', text: json, line: arrowLine,
      };
      try {
        message.value = readJson(json) as JsonValue;
      } catch (e) {
        message.parseError = (e as Error).message;
      }
      current.messages.push(message);
    }
    if (current?.messages.length) examples.push({ symbol: doc.symbol, ...current });
  }
  return examples;
}

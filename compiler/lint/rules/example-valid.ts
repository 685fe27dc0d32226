/**
 * `example-valid`: every QMP transcript in a doc comment (`-> {...}`
 * requests, `<- {...}` replies and events of `.. qmp-example::` blocks) is
 * valid for its command or event, decoded strictly the way the generated
 * decoders decode it (compiler/analysis/ir-decoder.ts mirrors them, and
 * test/ir-decoder.test.ts holds them to it).
 */
import { qmpExamples, type QmpExampleMessage } from '../../analysis/qmp-examples.js';
import { createIrDecoders, type IrDecoders } from '../../analysis/ir-decoder.js';
import type { IrCommand, IrDoc, IrLocation } from '../../ir/types.js';
import { Messages } from '../../diagnostics/messages.js';
import { Path } from '../../../runtime/decode-path.js';
import type { FindingSite, OwnRule, RuleContext } from '../rule.js';

const REQUEST_KEYS = new Set(['execute', 'exec-oob', 'arguments', 'id']);
const REPLY_KEYS = new Set(['return', 'id']);
const ERROR_REPLY_KEYS = new Set(['error', 'id']);
const EVENT_KEYS = new Set(['event', 'data', 'timestamp']);

export const exampleValid: OwnRule = {
  kind: 'own',
  id: 'example-valid',
  level: 'default',
  codes: ['QAPI9001', 'QAPI9002', 'QAPI9003', 'QAPI9004', 'QAPI9005', 'QAPI9006', 'QAPI9007', 'QAPI9008', 'QAPI9009'],
  summary: 'QMP examples in doc comments that the schema\'s decoders reject',
  description: 'Each "-> {...}" request, "<- {...}" reply and event in a doc comment\'s examples is decoded as a QMP '
    + 'server and client generated from the schema would decode it: the command or event must exist, arguments, '
    + 'return values and event data must match their types exactly (no unknown or missing members, right JSON types, '
    + 'integers in range, known enum values), and a reply is checked against the command of the request before it. '
    + 'Examples are what users copy, so a wrong one is a bug report waiting to happen. Lines that are not JSON '
    + 'objects (notation legends) and JSON elided with "..." are not checked. Commands with \'gen\': false take '
    + 'arguments the schema does not declare, so unknown arguments are accepted for them.',
  check(ctx) {
    let decoders: IrDecoders | undefined;
    for (const doc of ctx.ir.docs) {
      const examples = qmpExamples(doc);
      if (!examples.length) continue;
      decoders ??= createIrDecoders(ctx.ir);
      for (const example of examples) checkTranscript(ctx, decoders, doc, example.messages);
    }
  },
};

function checkTranscript(ctx: RuleContext, decoders: IrDecoders, doc: IrDoc, messages: readonly QmpExampleMessage[]): void {
  // The command a reply answers: the last request; `null` after a request that could not be checked.
  let command: IrCommand | null | undefined;
  for (const m of messages) {
    const site = siteOf(doc, m.line);
    // Not a message: notation legends ("-> data issued by the client") and the like.
    if (!m.text.trimStart().startsWith('{')) continue;
    if (m.value === undefined) {
      // Elided JSON ("...") is prose, not a transcript.
      if (!m.text.includes('...')) ctx.report(Messages.exampleNotJson, site, m.direction, m.parseError ?? 'not JSON');
      if (m.direction === '->') command = null;
      continue;
    }
    const v = m.value as Record<string, unknown>;
    if (m.direction === '->') {
      command = checkRequest(ctx, decoders, v, m, doc);
      continue;
    }
    if ('QMP' in v) continue; // the greeting
    if ('return' in v) {
      const extra = unexpectedKey(v, REPLY_KEYS);
      if (extra) ctx.report(Messages.exampleNotReply, site, `member '${extra}' is unexpected in a reply`);
      if (command === undefined) ctx.report(Messages.exampleReplyWithoutRequest, site);
      else if (command) {
        const e = decodeError(() => decoders.commandReturns(command!.name, v.return, undefined, Path.root('return')));
        if (e) ctx.report(Messages.exampleReturn, { ...site, location: at(doc, lineOf(m, e)) }, command.name, e.message);
      }
    } else if ('error' in v) {
      const err = v.error as Record<string, unknown> | null;
      const extra = unexpectedKey(v, ERROR_REPLY_KEYS);
      if (extra) ctx.report(Messages.exampleNotReply, site, `member '${extra}' is unexpected in an error reply`);
      else if (typeof err !== 'object' || err === null || typeof err.class !== 'string' || typeof err.desc !== 'string') {
        ctx.report(Messages.exampleNotReply, site, "'error' must be an object with string members 'class' and 'desc'");
      }
    } else if ('event' in v) {
      checkEvent(ctx, decoders, v, m, doc);
    } else {
      ctx.report(Messages.exampleNotReply, site, "it has none of 'return', 'error' and 'event'");
    }
  }
}

function checkRequest(ctx: RuleContext, decoders: IrDecoders, v: Record<string, unknown>, m: QmpExampleMessage, doc: IrDoc): IrCommand | null {
  const site = siteOf(doc, m.line);
  const name = v.execute ?? v['exec-oob'];
  if (typeof name !== 'string') {
    ctx.report(Messages.exampleNotCommand, site, "it lacks 'execute' (a string)");
    return null;
  }
  const extra = unexpectedKey(v, REQUEST_KEYS);
  if (extra) {
    ctx.report(Messages.exampleNotCommand, site, `member '${extra}' is unexpected (is it meant to be inside 'arguments'?)`);
    return null;
  }
  const command = ctx.definitions.get(name);
  if (command?.kind !== 'command') {
    ctx.report(Messages.exampleUnknownCommand, site, name);
    return null;
  }
  if ('arguments' in v && (typeof v.arguments !== 'object' || v.arguments === null || Array.isArray(v.arguments))) {
    ctx.report(Messages.exampleNotCommand, site, "'arguments' must be an object");
    return command;
  }
  // 'gen': false commands (device_add, ...) take arguments the schema does not declare.
  const e = decodeError(() => decoders.commandArguments(name, v.arguments ?? {}, command.gen ? undefined : { lenient: true }, Path.root('arguments')));
  if (e) ctx.report(Messages.exampleArguments, { ...site, location: at(doc, lineOf(m, e)) }, name, e.message);
  return command;
}

function checkEvent(ctx: RuleContext, decoders: IrDecoders, v: Record<string, unknown>, m: QmpExampleMessage, doc: IrDoc): void {
  const site = siteOf(doc, m.line);
  const extra = unexpectedKey(v, EVENT_KEYS);
  if (extra) ctx.report(Messages.exampleNotReply, site, `member '${extra}' is unexpected in an event`);
  const name = v.event;
  const event = typeof name === 'string' ? ctx.definitions.get(name) : undefined;
  if (event?.kind !== 'event') {
    ctx.report(Messages.exampleUnknownEvent, site, String(name));
    return;
  }
  const e = decodeError(() => decoders.eventData(event.name, v.data ?? {}, undefined, Path.root('data')));
  if (e) ctx.report(Messages.exampleEventData, { ...site, location: at(doc, lineOf(m, e)) }, event.name, e.message);
}

function unexpectedKey(v: Record<string, unknown>, allowed: ReadonlySet<string>): string | undefined {
  return Object.keys(v).find((k) => !allowed.has(k));
}

interface Rejection {
  readonly message: string;
  readonly kind?: string;
  readonly path?: string;
}

function decodeError(decode: () => unknown): Rejection | undefined {
  try {
    decode();
    return undefined;
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'DecodeError') throw e;
    const { kind, path } = e as Error & { kind?: string; path?: string };
    // QEMU's wording names the member relative to the object decoded; the full path says where it is.
    return { message: path && !e.message.includes(`'${path}'`) ? `${e.message} (at ${path})` : e.message, kind, path };
  }
}

/**
 * The line of a multi-line message where the offending member is written,
 * found by its key; the arrow's line when the key is not there (a missing
 * member, say).
 */
function lineOf(m: QmpExampleMessage, e: Rejection): number {
  const key = e.path && e.kind !== 'missing' ? /([^.[\]]+)$/.exec(e.path)?.[1] : undefined;
  if (!key) return m.line;
  const lines = m.text.split('\n');
  const i = lines.findIndex((l) => l.includes(`"${key}"`));
  return i > 0 ? m.line + i : m.line;
}

function at(doc: IrDoc, line: number): IrLocation {
  return { file: doc.location.file, line };
}

/** A finding at `line` of `doc`, about the definition it documents. */
function siteOf(doc: IrDoc, line: number): FindingSite {
  return { location: at(doc, line), ...(doc.symbol !== undefined ? { definition: doc.symbol } : {}) };
}

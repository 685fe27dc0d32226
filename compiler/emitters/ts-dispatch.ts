/**
 * The `dispatch` and `client` targets. `dispatch.ts` is what QEMU's
 * qmp-commands.hx table became: a handler interface with one method per
 * command, the table of command definitions (codecs, flags, features) for
 * the runtime's QmpServer, and typed event emitters. Commands with
 * `'gen': false` are left out, for hand registration, as QEMU does.
 * `client.ts` binds the runtime's QmpClient to this schema's types and codecs.
 */
import type { IrCommand, IrEvent } from '../ir/types.js';
import { camelCase } from './ts-names.js';
import type { TsModuleFile } from './ts-module-file.js';
import { definitionJsdoc, type TypeContext } from './ts-types.js';

function uniqueNames(names: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const n of names) {
    let m = camelCase(n) || 'command';
    while (used.has(m)) m += '_';
    used.add(m);
    out.set(n, m);
  }
  return out;
}

const specialFeatures = (features: readonly { name: string }[]) =>
  features.filter((f) => f.name === 'deprecated' || f.name === 'unstable').map((f) => `'${f.name}'`);

export function emitDispatch(ctx: TypeContext, file: TsModuleFile): void {
  const w = file.body;
  const all = ctx.ir.definitions.filter((d): d is IrCommand => d.kind === 'command' && ctx.keep(d.if));
  const commands = all.filter((c) => c.gen);
  const handWritten = all.filter((c) => !c.gen);
  const events = ctx.ir.definitions.filter((d): d is IrEvent => d.kind === 'event' && ctx.keep(d.if));
  const methods = uniqueNames(commands.map((c) => c.name));
  const emitters = uniqueNames(events.map((e) => e.name));
  const rt = ctx.runtimeImport;
  file.importType(rt, 'QmpCommandDefinition');
  file.importType(rt, 'QmpRequestContext');
  file.importType(rt, 'JsonValue');
  importSchemaTables(file);

  w.jsdoc([
    'One method per command: arguments in (for a `boxed` command, its argument',
    'type as a whole), return value out. Throw `QmpError` to reply with an error.',
  ]);
  w.block('export interface QapiHandlers {', () => {
    for (const c of commands) {
      const ret = c.retType ? `QapiCommands[${quote(c.name)}]['returns']` : 'void';
      w.jsdoc(definitionJsdoc(c, ctx));
      w.line(`${methods.get(c.name)}(args: QapiCommands[${quote(c.name)}]['arguments'], ctx: QmpRequestContext): ${ret} | Promise<${ret}>;`);
    }
  });
  w.line();
  if (handWritten.length) {
    w.jsdoc([
      "Commands declared with `'gen': false`: not in the table below; register",
      `them by hand, as QEMU does: ${handWritten.map((c) => `\`${c.name}\``).join(', ')}.`,
    ]);
    w.line(`export const handWrittenCommands = [${handWritten.map((c) => quote(c.name)).join(', ')}] as const;`);
    w.line();
  }
  w.jsdoc([
    'Every generated command: its name, the handler method that implements it,',
    'its codecs and flags (as `QmpCommandDefinition` without the handler).',
  ]);
  w.block('export const commandTable = [', () => {
    for (const c of commands) {
      const flags = [
        c.allowOob && 'allowOob: true', c.allowPreconfig && 'allowPreconfig: true',
        !c.successResponse && 'successResponse: false', c.coroutine && 'coroutine: true', c.boxed && 'boxed: true',
      ].filter(Boolean);
      const special = specialFeatures(c.features);
      w.block('{', () => {
        w.line(`name: ${quote(c.name)},`);
        w.line(`method: ${quote(methods.get(c.name)!)},`);
        w.line(`decodeArguments: commandCodecs[${quote(c.name)}].decodeArguments,`);
        w.line(`encodeReturns: commandCodecs[${quote(c.name)}].encodeReturns as (v: unknown) => JsonValue,`);
        if (flags.length) w.line(`${flags.join(', ')},`);
        if (special.length) w.line(`features: [${special.join(', ')}],`);
        // The command's 'if' condition as written (kept for tools; evaluated already when --define was given).
        if (c.if !== undefined) w.line(`if: ${JSON.stringify(c.if).replace(/"/g, "'")},`);
      }, '},');
    }
  }, '] as const;');
  w.line();
  w.jsdoc(['The command table for `QmpServer`, every command bound to its method of `handlers`.']);
  w.block('export function commandDefinitions(handlers: QapiHandlers): QmpCommandDefinition[] {', () => {
    w.line('return someCommandDefinitions(handlers);');
  });
  w.line();
  w.jsdoc([
    'The command table for `QmpServer` with only the commands `handlers` implements',
    '(the others are absent, so clients get CommandNotFound, as from a QEMU built without them).',
  ]);
  w.block('export function someCommandDefinitions(handlers: Partial<QapiHandlers>): QmpCommandDefinition[] {', () => {
    w.line('const table = handlers as Record<string, ((args: unknown, ctx: QmpRequestContext) => unknown) | undefined>;');
    w.block('return commandTable.flatMap(({ method, if: _condition, ...definition }: (typeof commandTable)[number] & { if?: unknown }) => {', () => {
      w.line('const handler = table[method];');
      w.line('return handler ? [{ ...definition, handler: (args: unknown, ctx: QmpRequestContext) => handler.call(handlers, args, ctx) }] : [];');
    }, '});');
  });
  w.line();
  w.jsdoc(['Typed event emitters over a sink such as `QmpServer.emit`.']);
  w.block('export function eventEmitters(emit: (event: string, data?: JsonValue, features?: readonly string[]) => void) {', () => {
    w.block('return {', () => {
      for (const e of events) {
        w.jsdoc(definitionJsdoc(e, ctx));
        const special = specialFeatures(e.features);
        const feats = special.length ? `, [${special.join(', ')}]` : '';
        if (e.argType) {
          w.line(`${emitters.get(e.name)}(data: QapiEvents[${quote(e.name)}]): void {`);
          w.line(`  emit(${quote(e.name)}, eventCodecs[${quote(e.name)}].encodeData(data)${feats});`);
          w.line('},');
        } else {
          w.line(`${emitters.get(e.name)}(): void {`);
          w.line(`  emit(${quote(e.name)}${special.length ? `, undefined${feats}` : ''});`);
          w.line('},');
        }
      }
    }, '};');
  });
  w.line();
}

export function emitClient(ctx: TypeContext, file: TsModuleFile): void {
  const w = file.body;
  const rt = ctx.runtimeImport;
  file.importValue(rt, 'QmpClient');
  file.importType(rt, 'QmpClientOptions');
  importSchemaTables(file);
  w.jsdoc(['A QMP client typed by this schema: `await client.execute(\'query-status\')`.']);
  w.line('export type Client = QmpClient<QapiCommands, QapiEvents>;');
  w.line();
  w.line("export type ConnectTarget = Parameters<typeof QmpClient.connect>[0];");
  w.line("export type ConnectOptions = Omit<QmpClientOptions<QapiCommands, QapiEvents>, 'commandCodecs' | 'eventCodecs'>;");
  w.line();
  w.jsdoc([
    'Connects to a QMP server (a Unix socket, TCP, or a child process\'s stdio),',
    'negotiates capabilities and returns the typed client. Replies and events are',
    'decoded leniently unless `strict` is set.',
  ]);
  w.block('export function connect(target: ConnectTarget, options: ConnectOptions = {}): Promise<Client> {', () => {
    w.line('return QmpClient.connect<QapiCommands, QapiEvents>(target, { ...options, commandCodecs, eventCodecs });');
  });
}

/** The index's command/event maps and codec tables, which both targets build on. */
function importSchemaTables(file: TsModuleFile): void {
  file.importValue('./index.js', 'commandCodecs');
  file.importValue('./index.js', 'eventCodecs');
  file.importType('./index.js', 'QapiCommands');
  file.importType('./index.js', 'QapiEvents');
}

function quote(s: string): string {
  return `'${s}'`;
}

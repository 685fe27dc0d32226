/**
 * `generate(ir, options)`: every selected target's files, in memory. Targets
 * share one TypeScript file per schema module (types, then marshallers) plus
 * an index; other targets add files of their own.
 */
import type { IrSchema } from '../ir/types.js';
import type { ConditionDefines } from '../ir/evaluate-condition.js';
import { emitIntrospection, introspectionJson } from './introspect.js';
import { emitJsonSchema } from './json-schema.js';
import { emitDocs } from './docs/emit-docs.js';
import { fillTemplate } from './template.js';
import fileHeader from '../../templates/file-header.txt';
import indexHeader from '../../templates/index-header.txt';
import { TsNames } from './ts-names.js';
import { TsModuleFile } from './ts-module-file.js';
import { emitModuleTypes, emitSchemaMaps, type Int64Mode, relativeImport, TypeContext } from './ts-types.js';
import { MarshalEmitter } from './ts-marshal.js';
import { emitClient, emitDispatch } from './ts-dispatch.js';
import type { GeneratedFile } from './generated-file.js';
import type { EmitCache } from './emit-cache.js';

export const ALL_TARGETS = ['types', 'marshal', 'dispatch', 'client', 'introspection', 'json-schema', 'docs'] as const;
export type Target = (typeof ALL_TARGETS)[number];

export function isTarget(s: string): s is Target {
  return (ALL_TARGETS as readonly string[]).includes(s);
}

export interface GenerateOptions {
  readonly targets?: readonly Target[];
  /** Condition macros taken as defined; 'all' (the default) keeps everything and states conditions in docs. */
  readonly defines?: ConditionDefines;
  /** How 64-bit integer types are represented: bigint (default, exact) or number. */
  readonly int64?: Int64Mode;
  /** Module specifier generated code imports the runtime from. */
  readonly runtimeImport?: string;
  /**
   * For `--watch`: keep one cache per output and pass it to every run; each
   * module's file and documentation page whose inputs did not change since
   * the previous run is reused. The files are the same as without it.
   */
  readonly cache?: EmitCache;
}

function usesQType(ir: IrSchema): boolean {
  const uses = (t: string | undefined) => t === 'QType' || t === 'QTypeList';
  return ir.definitions.some((d) => {
    if (d.module === './builtin') return false;
    switch (d.kind) {
      case 'struct': return d.localMembers.some((m) => uses(m.type));
      case 'union': return d.branches.some((b) => uses(b.type));
      case 'alternate': return d.branches.some((b) => uses(b.type));
      case 'command': return uses(d.argType) || uses(d.retType);
      case 'array': return uses(d.elementType);
      default: return false;
    }
  });
}

export function generate(ir: IrSchema, options: GenerateOptions = {}): GeneratedFile[] {
  const { cache } = options;
  return cache ? cache.build(ir, () => generateFiles(ir, options)) : generateFiles(ir, options);
}

function generateFiles(ir: IrSchema, options: GenerateOptions): GeneratedFile[] {
  const { cache } = options;
  const targets = new Set<Target>(options.targets ?? ALL_TARGETS);
  const defines = options.defines ?? 'all';
  const int64 = options.int64 ?? 'bigint';
  const runtimeImport = options.runtimeImport ?? 'qapi-ts/runtime';
  const names = new TsNames(ir);
  const ctx = new TypeContext(ir, names, { defines, int64 }, runtimeImport);
  const source = ir.mainFile.split('/').pop()!;
  const files: GeneratedFile[] = [];
  // Dispatch tables and the client need the marshallers, which need the types.
  if (targets.has('dispatch') || targets.has('client')) targets.add('marshal');
  if (targets.has('marshal')) targets.add('types');
  const marshal = targets.has('marshal');

  // With a cache, every file but json-schema.json is a unit: emitted from
  // the IR it is given (this IR, or the cache's recording view of it).
  const settings = JSON.stringify([marshal, defines === 'all' ? defines : [...defines].sort(), int64, runtimeImport, source]);
  cache?.scope('generate', `${settings}\n${cache.shapeKey()}`);
  let viewCtx: TypeContext | undefined;
  const ctxOf = (v: IrSchema) => (v === ir ? ctx
    : (viewCtx ??= cache!.untracked(() => new TypeContext(v, new TsNames(v), { defines, int64 }, runtimeImport))));
  const unit = <T>(id: string, emit: (c: TypeContext) => T): T =>
    (cache ? cache.unit('generate', id, (v) => emit(ctxOf(v))) : emit(ctx));

  if (targets.has('types')) {
    const modulePaths: string[] = [];
    for (const mod of ir.modules) {
      // The built-in module only holds QType (and q_empty): emit it when a schema uses QType.
      if (mod.name === './builtin' && !usesQType(ir)) continue;
      const path = names.fileOf(mod.name);
      const content = unit(`module ${mod.name}`, (c) => {
        const file = new TsModuleFile(path);
        emitModuleTypes(mod.name, c, file);
        if (marshal) new MarshalEmitter(c, file, path).emitModule(mod.name);
        return file.body.isEmpty() ? undefined : file.render(fillTemplate(fileHeader, { source, module: mod.name }));
      });
      if (content === undefined) continue;
      files.push({ path: `${path}.ts`, content });
      modulePaths.push(path);
    }
    files.push({
      path: 'index.ts',
      content: unit(`index.ts ${modulePaths.join(' ')}`, (c) => {
        const index = new TsModuleFile('index');
        for (const path of modulePaths) index.body.line(`export * from '${relativeImport('index', path)}';`);
        index.body.line();
        emitSchemaMaps(c, index, 'index');
        if (marshal) new MarshalEmitter(c, index, 'index').emitTables();
        return index.render(fillTemplate(indexHeader, { source }));
      }),
    });
  }

  for (const [target, emit] of [['dispatch', emitDispatch], ['client', emitClient]] as const) {
    if (!targets.has(target)) continue;
    files.push({
      path: `${target}.ts`,
      content: unit(`${target}.ts`, (c) => {
        const file = new TsModuleFile(target);
        emit(c, file);
        return file.render(fillTemplate(fileHeader, { source, module: `(${target})` }));
      }),
    });
  }

  if (targets.has('introspection')) {
    files.push({
      path: 'introspection.ts',
      content: unit('introspection.ts', (c) => {
        const list = emitIntrospection(c.ir, { defines });
        const file = new TsModuleFile('introspection');
        file.body.jsdoc([
          'The value of `query-qmp-schema` for this schema, as QEMU builds it: commands and',
          'events first, then the types they use, type names masked.',
        ]);
        file.body.raw(`export const qmpSchema = ${introspectionJson(list).trimEnd()} as const;\n`);
        return file.render(fillTemplate(fileHeader, { source, module: '(introspection)' }));
      }),
    });
  }

  // Not a unit: it reads most of the IR, descriptions included, so most edits change it.
  if (targets.has('json-schema')) {
    files.push({ path: 'json-schema.json', content: emitJsonSchema(ir, { defines }) });
  }

  if (targets.has('docs')) {
    for (const f of emitDocs(ir, cache ? { cache } : {})) files.push({ path: `docs/${f.path}`, content: f.content });
  }

  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

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
  const targets = new Set<Target>(options.targets ?? ALL_TARGETS);
  const defines = options.defines ?? 'all';
  const names = new TsNames(ir);
  const ctx = new TypeContext(ir, names, { defines, int64: options.int64 ?? 'bigint' }, options.runtimeImport ?? 'qapi-ts/runtime');
  const source = ir.mainFile.split('/').pop()!;
  const files: GeneratedFile[] = [];

  // Dispatch tables and the client need the marshallers, which need the types.
  if (targets.has('dispatch') || targets.has('client')) targets.add('marshal');
  if (targets.has('marshal')) targets.add('types');
  if (targets.has('types')) {
    const index = new TsModuleFile('index');
    for (const mod of ir.modules) {
      // The built-in module only holds QType (and q_empty): emit it when a schema uses QType.
      if (mod.name === './builtin' && !usesQType(ir)) continue;
      const path = names.fileOf(mod.name);
      const file = new TsModuleFile(path);
      emitModuleTypes(mod.name, ctx, file);
      if (targets.has('marshal')) new MarshalEmitter(ctx, file, path).emitModule(mod.name);
      if (file.body.isEmpty()) continue;
      files.push({ path: `${path}.ts`, content: file.render(fillTemplate(fileHeader, { source, module: mod.name })) });
      index.body.line(`export * from '${relativeImport('index', path)}';`);
    }
    index.body.line();
    emitSchemaMaps(ctx, index, 'index');
    if (targets.has('marshal')) new MarshalEmitter(ctx, index, 'index').emitTables();
    files.push({ path: 'index.ts', content: index.render(fillTemplate(indexHeader, { source })) });
  }

  for (const [target, emit] of [['dispatch', emitDispatch], ['client', emitClient]] as const) {
    if (!targets.has(target)) continue;
    const file = new TsModuleFile(target);
    emit(ctx, file);
    files.push({ path: `${target}.ts`, content: file.render(fillTemplate(fileHeader, { source, module: `(${target})` })) });
  }

  if (targets.has('introspection')) {
    const list = emitIntrospection(ir, { defines });
    const file = new TsModuleFile('introspection');
    file.body.jsdoc([
      'The value of `query-qmp-schema` for this schema, as QEMU builds it: commands and',
      'events first, then the types they use, type names masked.',
    ]);
    file.body.raw(`export const qmpSchema = ${introspectionJson(list).trimEnd()} as const;\n`);
    files.push({ path: 'introspection.ts', content: file.render(fillTemplate(fileHeader, { source, module: '(introspection)' })) });
  }

  if (targets.has('json-schema')) {
    files.push({ path: 'json-schema.json', content: emitJsonSchema(ir, { defines }) });
  }

  if (targets.has('docs')) {
    for (const f of emitDocs(ir)) files.push({ path: `docs/${f.path}`, content: f.content });
  }

  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

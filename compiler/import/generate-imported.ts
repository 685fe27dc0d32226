/**
 * Emitting an imported reply. The imported IR carries, under NOT_IN_REPLY,
 * what only reproduces QEMU's numbering of compiled-out types (see to-ir.ts).
 * Introspection needs it; no other emitter should see it (the docs emitter,
 * for one, documents every condition rather than evaluating them). So
 * `stripAbsent` gives the IR of what the binary offers, and
 * `generateImported` runs every target on that, except introspection, which
 * runs on the full IR and so is the reply itself.
 */
import { generate, type GenerateOptions } from '../emitters/generate.js';
import type { GeneratedFile } from '../emitters/generated-file.js';
import type { IrCondition, IrDefinition, IrFeature, IrSchema } from '../ir/types.js';
import { IMPORT_DEFINES, NOT_IN_REPLY } from './to-ir.js';

const absent = (cond: IrCondition | undefined) => cond === NOT_IN_REPLY;
const present = <T extends { readonly if?: IrCondition }>(list: readonly T[]): T[] => list.filter((x) => !absent(x.if));
const features = (list: readonly IrFeature[]) => present(list);

/** The imported IR without what the binary compiled out (every NOT_IN_REPLY definition, member, branch, feature). */
export function stripAbsent(ir: IrSchema): IrSchema {
  const keep = new Set(ir.definitions.filter((d) => !absent(d.if)).map((d) => d.name));
  const definitions = ir.definitions.filter((d) => keep.has(d.name)).map((d): IrDefinition => {
    switch (d.kind) {
      case 'struct':
        return { ...d, features: features(d.features), localMembers: present(d.localMembers).map((m) => ({ ...m, features: features(m.features) })),
          members: present(d.members).map((m) => ({ ...m, features: features(m.features) })) };
      case 'union':
        return { ...d, features: features(d.features), members: present(d.members).map((m) => ({ ...m, features: features(m.features) })),
          branches: present(d.branches) };
      case 'alternate':
        return { ...d, features: features(d.features), branches: present(d.branches) };
      case 'enum':
        return { ...d, features: features(d.features), values: d.values.map((v) => ({ ...v, features: features(v.features) })) };
      default:
        return { ...d, features: features(d.features) };
    }
  });
  return {
    ...ir,
    definitions,
    modules: ir.modules.map((m) => ({ ...m, items: m.items.filter((i) => i.kind !== 'definition' || keep.has(i.name)) })),
  };
}

/** `generate` for an imported reply: introspection from the full IR (the reply exactly), the rest without what is absent. */
export function generateImported(ir: IrSchema, options: GenerateOptions = {}): GeneratedFile[] {
  const files = generate(stripAbsent(ir), options);
  const at = files.findIndex((f) => f.path === 'introspection.ts');
  if (at >= 0) {
    const defines = options.defines === undefined || options.defines === 'all' ? IMPORT_DEFINES : options.defines;
    const exact = generate(ir, { ...options, targets: ['introspection'], defines }).find((f) => f.path === 'introspection.ts')!;
    files[at] = exact;
  }
  return files;
}

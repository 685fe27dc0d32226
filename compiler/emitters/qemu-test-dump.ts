/**
 * The dump format of QEMU's tests/qapi-schema/test-qapi.py: every module's
 * entities, then every doc block. Byte-exact, including Python's repr of
 * conditions and of booleans.
 */
import type { IrCondition, IrDefinition, IrFeature, IrSchema } from '../ir/types.js';

/** Python's repr of a parsed condition: `{'all': ['A', 'B']}`. */
export function pyReprCondition(cond: IrCondition, top = true): string {
  if (typeof cond === 'string') return top ? cond : `'${cond}'`;
  const [key, value] = Object.entries(cond)[0] as [string, IrCondition | IrCondition[]];
  const inner = Array.isArray(value) ? `[${value.map((v) => pyReprCondition(v, false)).join(', ')}]` : pyReprCondition(value, false);
  return `{'${key}': ${inner}}`;
}

const pyBool = (b: boolean) => (b ? 'True' : 'False');

export function emitQemuTestDump(ir: IrSchema): string {
  const out: string[] = [];
  const defs = new Map<string, IrDefinition>(ir.definitions.map((d) => [d.name, d]));
  const printIf = (cond: IrCondition | undefined, indent = 4) => {
    if (cond !== undefined) out.push(`${' '.repeat(indent)}if ${pyReprCondition(cond)}`);
  };
  const printFeatures = (features: readonly IrFeature[], indent = 4) => {
    for (const f of features) {
      out.push(`${' '.repeat(indent)}feature ${f.name}`);
      printIf(f.if, indent + 4);
    }
  };
  for (const mod of ir.modules) {
    out.push(`module ${mod.name}`);
    for (const item of mod.items) {
      if (item.kind === 'include') {
        out.push(`include ${item.module}`);
        continue;
      }
      const d = defs.get(item.name)!;
      switch (d.kind) {
        case 'builtin':
          break;
        case 'enum':
          out.push(`enum ${d.name}`);
          if (d.prefix) out.push(`    prefix ${d.prefix}`);
          for (const v of d.values) {
            out.push(`    member ${v.name}`);
            printIf(v.if, 8);
            printFeatures(v.features, 8);
          }
          printIf(d.if);
          printFeatures(d.features);
          break;
        case 'array':
          if (!d.location) break;
          out.push(`array ${d.name} ${d.elementType}`);
          printIf(d.if);
          break;
        case 'struct':
        case 'union': {
          out.push(`object ${d.name}`);
          if (d.kind === 'union' || d.base) out.push(`    base ${d.base}`);
          const local = d.kind === 'struct' ? d.localMembers : [];
          for (const m of local) {
            out.push(`    member ${m.name}: ${m.type} optional=${pyBool(m.optional)}`);
            printIf(m.if, 8);
            printFeatures(m.features, 8);
          }
          if (d.kind === 'union') {
            out.push(`    tag ${d.tag}`);
            for (const b of d.branches) {
              out.push(`    case ${b.name}: ${b.type}`);
              printIf(b.if, 8);
            }
          }
          printIf(d.if);
          printFeatures(d.features);
          break;
        }
        case 'alternate':
          out.push(`alternate ${d.name}`);
          out.push('    tag type');
          for (const b of d.branches) {
            out.push(`    case ${b.name}: ${b.type}`);
            printIf(b.if, 8);
          }
          printIf(d.if);
          printFeatures(d.features);
          break;
        case 'command':
          out.push(`command ${d.name} ${d.argType ?? 'None'} -> ${d.retType ?? 'None'}`);
          out.push(
            `    gen=${pyBool(d.gen)} success_response=${pyBool(d.successResponse)} boxed=${pyBool(d.boxed)}` +
              ` oob=${pyBool(d.allowOob)} preconfig=${pyBool(d.allowPreconfig)}${d.coroutine ? ' coroutine=True' : ''}`,
          );
          printIf(d.if);
          printFeatures(d.features);
          break;
        case 'event':
          out.push(`event ${d.name} ${d.argType ?? 'None'}`);
          out.push(`    boxed=${pyBool(d.boxed)}`);
          printIf(d.if);
          printFeatures(d.features);
          break;
      }
    }
  }
  for (const doc of ir.docs) {
    out.push(doc.symbol !== undefined ? `doc symbol=${doc.symbol}` : 'doc freeform');
    out.push(`    body=\n${doc.body}`);
    for (const a of doc.args) out.push(`    arg=${a.name}\n${a.text}`);
    for (const f of doc.features) out.push(`    feature=${f.name}\n${f.text}`);
    for (const s of doc.sections) out.push(`    section=${s.kind}\n${s.text}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

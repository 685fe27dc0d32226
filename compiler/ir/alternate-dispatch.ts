/**
 * How an alternate picks its branch: by the JSON type of the value, as QEMU's
 * QType names it (qapi/qapi-visit-core.c). Generated decoders and the lint
 * phase's IR-driven decoders dispatch alike by sharing this.
 */
import type { IrDefinition } from './types.js';

export type BranchQType = 'qnull' | 'qnum' | 'qstring' | 'qdict' | 'qlist' | 'qbool';

const BUILTIN_QTYPES: Readonly<Record<string, BranchQType>> = {
  string: 'qstring', number: 'qnum', int: 'qnum', boolean: 'qbool', null: 'qnull',
};

/** The QType a branch of type `d` is chosen for; undefined for a type no JSON value selects (`any`, an alternate). */
export function branchQType(d: IrDefinition): BranchQType | undefined {
  switch (d.kind) {
    case 'builtin':
      return BUILTIN_QTYPES[d.jsonType];
    case 'enum':
      return 'qstring';
    case 'array':
      return 'qlist';
    case 'struct':
    case 'union':
      return 'qdict';
    default:
      return undefined;
  }
}

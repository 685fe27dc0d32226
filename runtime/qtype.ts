/**
 * QEMU's QType of a JSON value: what an alternate's decoder switches on
 * (QEMU's visit_start_alternate records the input's QType and picks the
 * branch declared for it). A JsonDouble and a bigint are `qnum`, as QEMU
 * has one number type.
 */
import { JsonDouble } from './json-value.js';

export type QType = 'qnull' | 'qnum' | 'qstring' | 'qdict' | 'qlist' | 'qbool';

/** The QType of `value`, or undefined for what JSON cannot hold (undefined, functions...). */
export function qtypeOf(value: unknown): QType | undefined {
  switch (typeof value) {
    case 'string':
      return 'qstring';
    case 'number':
    case 'bigint':
      return 'qnum';
    case 'boolean':
      return 'qbool';
    case 'object':
      if (value === null) return 'qnull';
      if (Array.isArray(value)) return 'qlist';
      return value instanceof JsonDouble ? 'qnum' : 'qdict';
    default:
      return undefined;
  }
}

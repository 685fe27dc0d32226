/**
 * The options every decoder takes, and the type-level mapping from the
 * `int64` option to what 64-bit integer types decode to, so a decoder called
 * with `{ int64: 'number' }` is typed `number` and with none `bigint`.
 */

/** How QAPI's 64-bit integer types (int, int64, uint64, size) decode. */
export type Int64Mode = 'bigint' | 'number';

/** The input half of QEMU's `-compat` policy, as decoders apply it to members and enum values. */
export interface CompatInputPolicy {
  readonly deprecatedInput?: 'accept' | 'reject';
  readonly unstableInput?: 'accept' | 'reject';
}

export interface DecodeOptions {
  /**
   * Reject arguments and enum values that carry the `deprecated` or
   * `unstable` feature, as QEMU's `-compat deprecated-input=reject` does
   * (`Deprecated parameter x disabled by policy`).
   */
  compat?: CompatInputPolicy;
  /**
   * `'bigint'` (default): int, int64, uint64 and size always decode to
   * `bigint`, exactly, whatever their size (real QEMU sends 2^64-1 for
   * unassigned PCI BARs, and nanosecond clocks beyond 2^53).
   * `'number'`: they decode to `number`; a value beyond ±(2^53-1), which a
   * number cannot hold exactly, is a `DecodeError` of kind `precision`.
   * Narrower integer types (int8..int32, uint8..uint32) are always numbers.
   */
  int64?: Int64Mode;
  /**
   * Client mode: tolerate what a newer server may send. Unknown object
   * members are ignored (and dropped) instead of `Parameter 'x' is
   * unexpected`, and unknown enum values are kept as plain strings instead
   * of `does not accept value`. Default false: strict, as QEMU's input
   * visitor (what a server must be).
   */
  lenient?: boolean;
  /**
   * QEMU compatibility: accept a negative int64 value for uint64 and size
   * and wrap it modulo 2^64, as QEMU does "for backward compatibility" (its
   * own unit test marks this BUG). Default false: rejected with QEMU's
   * `Parameter 'x' expects uint64`. uint8..uint32 reject negatives either
   * way, with QEMU's message.
   */
  wrapNegativeUint64?: boolean;
}

/**
 * What a 64-bit integer decodes to under options `O`: `bigint` without
 * options, without `int64` or with `int64: 'bigint'`; `number` with
 * `int64: 'number'`; `number | bigint` when the mode is not known
 * statically (`O` is plain `DecodeOptions`). (Tested through `keyof`, as
 * `{ lenient: true }` does not extend the all-optional `{ int64?: ... }`.)
 */
export type Int64Of<O extends DecodeOptions | undefined> = O extends undefined
  ? bigint
  : O extends { int64: 'number' }
    ? number
    : 'int64' extends keyof O
      ? O extends { int64?: 'bigint' }
        ? bigint
        : number | bigint
      : bigint;

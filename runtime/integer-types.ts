/**
 * QAPI's integer types: their ranges and the C type names QEMU quotes in
 * range errors (`Parameter 'x' expects int8_t`). One table, so decoders,
 * future encoders and tests agree on every boundary.
 */

export type IntegerTypeName = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'size';

export interface IntegerTypeInfo {
  readonly min: bigint;
  readonly max: bigint;
  /** What QEMU's range error names: `int8_t` ... `uint32_t`; `uint64` for uint64 and size; none for int/int64 (their only error is "expected: integer"). */
  readonly qemuName: string;
  /** Whether the type decodes per the `int64` option (bigint or number) rather than always to number. */
  readonly is64: boolean;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

export const INTEGER_TYPES: Readonly<Record<IntegerTypeName, IntegerTypeInfo>> = {
  int: { min: INT64_MIN, max: INT64_MAX, qemuName: 'integer', is64: true },
  int8: { min: -128n, max: 127n, qemuName: 'int8_t', is64: false },
  int16: { min: -32768n, max: 32767n, qemuName: 'int16_t', is64: false },
  int32: { min: -2147483648n, max: 2147483647n, qemuName: 'int32_t', is64: false },
  int64: { min: INT64_MIN, max: INT64_MAX, qemuName: 'integer', is64: true },
  uint8: { min: 0n, max: 255n, qemuName: 'uint8_t', is64: false },
  uint16: { min: 0n, max: 65535n, qemuName: 'uint16_t', is64: false },
  uint32: { min: 0n, max: 4294967295n, qemuName: 'uint32_t', is64: false },
  uint64: { min: 0n, max: UINT64_MAX, qemuName: 'uint64', is64: true },
  size: { min: 0n, max: UINT64_MAX, qemuName: 'uint64', is64: true },
};

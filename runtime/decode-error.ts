/**
 * The one error generated decoders throw. `message` is QEMU's input-visitor
 * text (qapi/qobject-input-visitor.c, qapi/qapi-visit-core.c) so a QMP
 * server can answer exactly as QEMU would; `path` is the full path for
 * people and logs; `kind` is for programs. The factories take a `Path` and
 * build the strings only here, when decoding has already failed.
 */
import { bareName, fullPath, qemuName, type Path, type PathKey } from './decode-path.js';

/**
 * - `missing`: a mandatory member is absent
 * - `unexpected`: a member the type does not have
 * - `type`: the wrong JSON type (or a float where an integer is needed)
 * - `range`: an integer outside its type's range, a non-finite number
 * - `enum`: a string that is not one of the enum's values
 * - `precision`: an integer that int64: 'number' cannot hold exactly
 * - `policy`: a deprecated or unstable member or value the compat policy rejects
 */
export type DecodeErrorKind = 'missing' | 'unexpected' | 'type' | 'range' | 'enum' | 'precision' | 'policy';

/**
 * What `Invalid parameter type for '...', expected: X` names: a JSON type
 * as QEMU words it, or (for alternates, as QEMU does) a type name.
 */
export type ExpectedJsonType = 'integer' | 'number' | 'boolean' | 'string' | 'object' | 'array' | 'null';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';

  constructor(
    readonly kind: DecodeErrorKind,
    /** Full path of the offending value, root label included: `arguments.devices[2].node-name`. */
    readonly path: string,
    message: string,
    /** What was expected: a JSON type, `int8_t`, `uint64`, an enum value set's type... */
    readonly expected?: string,
    /** The offending value (for `unexpected`, the member's value). */
    readonly value?: unknown,
  ) {
    super(message);
  }

  /** `Parameter 'a.b' is missing` */
  static missing(path: Path, key?: PathKey): DecodeError {
    return new DecodeError('missing', fullPath(path, key), `Parameter '${qemuName(path, key)}' is missing`);
  }

  /** `Parameter 'a.b' is unexpected`, for member `member` of the object at `path`. */
  static unexpected(path: Path, member: string, value?: unknown): DecodeError {
    return new DecodeError(
      'unexpected',
      fullPath(path, member),
      `Parameter '${qemuName(path, member)}' is unexpected`,
      undefined,
      value,
    );
  }

  /** `Invalid parameter type for 'a.b', expected: integer` */
  static invalidType(path: Path, key: PathKey | undefined, expected: ExpectedJsonType | string, value?: unknown): DecodeError {
    return new DecodeError(
      'type',
      fullPath(path, key),
      `Invalid parameter type for '${qemuName(path, key)}', expected: ${expected}`,
      expected,
      value,
    );
  }

  /** `Parameter 'b' expects int8_t`: QEMU quotes the bare member name here (`null` for an array element). */
  static outOfRange(path: Path, key: PathKey | undefined, cType: string, value?: unknown): DecodeError {
    return new DecodeError('range', fullPath(path, key), `Parameter '${bareName(path, key)}' expects ${cType}`, cType, value);
  }

  /** `Parameter 'a.b' expects uint64`: QEMU's uint64 (and size) failure, full path, for any bad value. */
  static notUint64(path: Path, key: PathKey | undefined, value: unknown): DecodeError {
    const kind = typeof value === 'number' || typeof value === 'bigint' ? 'range' : 'type';
    return new DecodeError(kind, fullPath(path, key), `Parameter '${qemuName(path, key)}' expects uint64`, 'uint64', value);
  }

  /** `Parameter 'b' does not accept value 'x'`: bare member name, as QEMU. */
  static badEnumValue(path: Path, key: PathKey | undefined, value: string, enumName?: string): DecodeError {
    return new DecodeError(
      'enum',
      fullPath(path, key),
      `Parameter '${bareName(path, key)}' does not accept value '${value}'`,
      enumName,
      value,
    );
  }

  /** A number QEMU would take but JSON cannot carry back (±Infinity from an overflowing literal). */
  static notFinite(path: Path, key: PathKey | undefined, value: unknown): DecodeError {
    return new DecodeError('range', fullPath(path, key), `Parameter '${qemuName(path, key)}' expects a finite number`, 'number', value);
  }

  /** An integer beyond ±(2^53-1) met with the int64: 'number' decode option. Not a QEMU message (QEMU has no such limit). */
  static imprecise(path: Path, key: PathKey | undefined, value: number | bigint): DecodeError {
    const where = fullPath(path, key);
    return new DecodeError(
      'precision',
      where,
      `Parameter '${where === '' ? '<anonymous>' : where}' is ${String(value)}, which a JavaScript number cannot hold exactly ` +
        `(decode option int64: 'number' allows only ±(2^53-1); use int64: 'bigint')`,
      'safe integer',
      value,
    );
  }
}

/**
 * The JSON data model shared by the reader, the writer and the decoders.
 *
 * QMP integers are bare JSON numbers that may exceed 2^53, so the model adds
 * `bigint` to JSON's natural JS values. A strict QMP server must also tell
 * `1` (an integer literal, a QEMU "int" QNum) from `1.0` or `1e3` (a float
 * literal, a "double" QNum), which a JS number cannot; `JsonDouble` carries
 * such integral float literals when the reader is asked to keep them.
 */

/**
 * An integral number that was written as a float literal (`1.0`, `1e3`,
 * `-0.0`). The reader returns these only with `{ doubles: true }`; the writer
 * prints them back as float literals. QAPI `number` accepts them, the integer
 * types reject them ("expected: integer"), as QEMU does.
 */
export class JsonDouble {
  constructor(readonly value: number) {}

  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return String(this.value);
  }
}

/** A JSON value as natural JS data: integers beyond ±(2^53-1) are `bigint`. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;

/** A JSON object: keys in insertion order, no prototype surprises for `__proto__`. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A JSON value from `readJson(text, { doubles: true })`: may hold `JsonDouble`s. */
export type StrictJsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | JsonDouble
  | StrictJsonValue[]
  | { [key: string]: StrictJsonValue };

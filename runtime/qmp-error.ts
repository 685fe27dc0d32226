/**
 * Errors of the QMP runtime. `QmpError` is a QMP error response
 * (`{"error": {"class", "desc"}}`): handlers throw it to reply with a given
 * class, and the client rejects with it when the server replies with one.
 * The others are the client's own failures: the connection went away, a
 * command timed out, or a reply or event did not decode with the schema.
 */

/** QEMU's error classes (QapiErrorClass); servers may use others, clients must accept any. */
export const QmpErrorClass = {
  GenericError: 'GenericError',
  CommandNotFound: 'CommandNotFound',
  DeviceNotActive: 'DeviceNotActive',
  DeviceNotFound: 'DeviceNotFound',
  KVMMissingCap: 'KVMMissingCap',
} as const;

/** An error response: class and description exactly as on the wire; `message` is the description. */
export class QmpError extends Error {
  override readonly name = 'QmpError';

  constructor(
    readonly errorClass: string,
    readonly desc: string,
    /** The id of the request it answers (client side), if any. */
    readonly id?: unknown,
  ) {
    super(desc);
  }

  /** `GenericError` with this description (what QEMU's `error_setg` produces). */
  static generic(desc: string): QmpError {
    return new QmpError(QmpErrorClass.GenericError, desc);
  }

  /** The error member of a response: `{"class": ..., "desc": ...}`. */
  toJSON(): { class: string; desc: string } {
    return { class: this.errorClass, desc: this.desc };
  }
}

/** The connection closed (or could not be made) before the command got its reply. */
export class QmpConnectionError extends Error {
  override readonly name = 'QmpConnectionError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No reply within the command's time limit. The command may still run; a late reply is dropped. */
export class QmpTimeoutError extends Error {
  override readonly name = 'QmpTimeoutError';

  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`QMP command '${command}' got no reply within ${timeoutMs} ms`);
  }
}

/** A reply or event the schema's decoder rejected; `cause` is the decoder's error, `value` what arrived. */
export class QmpDecodeError extends Error {
  override readonly name = 'QmpDecodeError';

  constructor(
    /** `return of query-status` or `event STOP` */
    readonly what: string,
    readonly value: unknown,
    cause: unknown,
  ) {
    super(`${what} does not match the schema: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * QMP's message shapes (docs/interop/qmp-spec.rst), event timestamps, and
 * QEMU's compatibility policy (`-compat`, qapi/qapi-util.c): which special
 * features (`deprecated`, `unstable`) make input rejected or output hidden.
 */
import type { JsonValue } from './json-value.js';
import { QmpError, QmpErrorClass } from './qmp-error.js';

/** Options that decoders take (a structural subset of every runtime's DecodeOptions). */
export interface QmpDecodeOptions {
  /** Tolerate unknown members and enum values (what a client reading a newer server needs). */
  readonly lenient?: boolean;
}

/** `{"seconds": n, "microseconds": n}`, -1/-1 when the clock failed. */
export interface QmpTimestamp {
  readonly seconds: number;
  readonly microseconds: number;
}

/** The greeting's `QMP` member. */
export interface QmpGreeting {
  readonly version: unknown;
  readonly capabilities: string[];
}

/** QEMU's `-compat` settings (CompatPolicy); `crash` is not offered. */
export interface QmpCompatPolicy {
  readonly deprecatedInput?: 'accept' | 'reject';
  readonly deprecatedOutput?: 'accept' | 'hide';
  readonly unstableInput?: 'accept' | 'reject';
  readonly unstableOutput?: 'accept' | 'hide';
}

/** The wall clock as an event timestamp (microsecond resolution). */
export function qmpTimestamp(): QmpTimestamp {
  const us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  return { seconds: Math.floor(us / 1e6), microseconds: us % 1e6 };
}

/** An event message as QEMU builds it: the timestamp, the name, and `data` only when it has members. */
export function qmpEventMessage(event: string, data: JsonValue | undefined, timestamp = qmpTimestamp()): Record<string, JsonValue> {
  const msg: Record<string, JsonValue> = { timestamp: { seconds: timestamp.seconds, microseconds: timestamp.microseconds }, event };
  if (data !== undefined && !(typeof data === 'object' && data !== null && !Array.isArray(data) && isEmpty(data))) msg.data = data;
  return msg;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * Input policy for something carrying `features` (compat_policy_input_ok):
 * undefined when accepted, else the error, e.g. CommandNotFound `Deprecated
 * command query-foo disabled by policy`. `kind` is `command`, `parameter` or
 * `value`, and `errorClass` CommandNotFound for commands, GenericError else.
 */
export function compatInputError(
  features: readonly string[] | undefined,
  policy: QmpCompatPolicy,
  kind: string,
  name: string,
  errorClass: string = kind === 'command' ? QmpErrorClass.CommandNotFound : QmpErrorClass.GenericError,
): QmpError | undefined {
  if (features === undefined || features.length === 0) return undefined;
  if (policy.deprecatedInput === 'reject' && features.includes('deprecated')) {
    return new QmpError(errorClass, `Deprecated ${kind} ${name} disabled by policy`);
  }
  if (policy.unstableInput === 'reject' && features.includes('unstable')) {
    return new QmpError(errorClass, `Unstable ${kind} ${name} disabled by policy`);
  }
  return undefined;
}

/** Whether output carrying `features` is hidden by the policy (events are dropped, members left out). */
export function compatHidesOutput(features: readonly string[] | undefined, policy: QmpCompatPolicy): boolean {
  if (features === undefined || features.length === 0) return false;
  return (
    (policy.deprecatedOutput === 'hide' && features.includes('deprecated')) ||
    (policy.unstableOutput === 'hide' && features.includes('unstable'))
  );
}

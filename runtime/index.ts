/**
 * The qapi-ts runtime: everything code generated from a QAPI schema imports
 * (and nothing from the compiler, so consumers' bundles carry only this).
 * Lossless JSON for QMP's 64-bit integers, and the checkers generated
 * decoders call, with QEMU's strictness and messages.
 */
export { JsonDouble, type JsonValue, type JsonObject, type StrictJsonValue } from './json-value.js';
export { readJson, DEFAULT_MAX_DEPTH, type ReadJsonOptions } from './json-reader.js';
export { JsonSyntaxError } from './json-syntax-error.js';
export { writeJson, JsonWriteError, type WriteJsonOptions } from './json-writer.js';
export { Path, fullPath, qemuName, bareName, type PathKey } from './decode-path.js';
export { DecodeError, type DecodeErrorKind, type ExpectedJsonType } from './decode-error.js';
export type { DecodeOptions, CompatInputPolicy, Int64Mode, Int64Of } from './decode-options.js';
export {
  decodeInt,
  decodeInt8,
  decodeInt16,
  decodeInt32,
  decodeInt64,
  decodeUint8,
  decodeUint16,
  decodeUint32,
  decodeUint64,
  decodeSize,
} from './decode-integers.js';
export { decodeStr, decodeNumber, decodeBool, decodeNull, decodeAny } from './decode-scalars.js';
export {
  decodeObject,
  memberOf,
  checkNoUnexpected,
  decodeArray,
  decodeEnum,
  type JsonMembers,
} from './decode-containers.js';
export { qtypeOf, type QType } from './qtype.js';
export { INTEGER_TYPES, type IntegerTypeName, type IntegerTypeInfo } from './integer-types.js';
export {
  $exact, $sub, $count, $unknown, $array, $bigint, $uint64Options, $alternateMismatch, $policy, $hidden, $decodeEmpty, $encodeEmpty, $encodeAny, tryDecode, INT64_AS_BIGINT, INT64_AS_NUMBER, NO_OPTIONS, ROOT_PATH,
  type JsonRecord, type Decoder, type DecodeResult, type EncodeOptions,
} from './marshal.js';
export { QmpJsonSplitter, QEMU_SPLIT_LIMITS, UNLIMITED_SPLIT_LIMITS, type QmpSplitItem, type QmpSplitLimits } from './qmp-stream.js';
export { QmpMessageReader, parseQmpMessage, formatQmpMessage, type QmpInput, type QmpReadOptions, type QmpRole } from './qmp-wire.js';
export { QmpError, QmpErrorClass, QmpConnectionError, QmpTimeoutError, QmpDecodeError } from './qmp-error.js';
export {
  qmpTimestamp, qmpEventMessage, compatInputError, compatHidesOutput,
  type QmpDecodeOptions, type QmpTimestamp, type QmpGreeting, type QmpCompatPolicy,
} from './qmp-protocol.js';
export { checkRequest, requestId, isOobRequest, isJsonObject, type QmpRequest } from './qmp-dispatch.js';
export {
  QmpServer, QmpSession,
  type QmpCommandDefinition, type QmpRequestContext, type QmpServerOptions, type QmpListenTarget, type QmpServerAddress,
} from './qmp-server.js';
export {
  QmpClient,
  type CommandCodec, type EventCodec, type QmpClientOptions, type QmpCommandMap, type QmpAnyCommands, type QmpConnectTarget,
  type QmpExecuteOptions, type QmpEvent, type QmpConnectionState,
} from './qmp-client.js';

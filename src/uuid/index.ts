// ts314/uuid: Python 3.14's uuid module (RFC 9562: versions 1, 3, 4, 5, 6, 7, 8, NIL and MAX).
export {
  UUID,
  NIL,
  MAX,
  NAMESPACE_DNS,
  NAMESPACE_URL,
  NAMESPACE_OID,
  NAMESPACE_X500,
  RESERVED_NCS,
  RFC_4122,
  RESERVED_MICROSOFT,
  RESERVED_FUTURE,
} from './uuid.js';
export type { UUIDFields, UUIDInput, UUIDOptions, UUIDVariant } from './uuid.js';
export { UUIDError } from './errors.js';
export type { UUIDErrorCode } from './errors.js';
export { UUIDGenerator, uuid1, uuid6, uuid7, uuid7String } from './generator.js';
export type { ClockBackwardsPolicy, UUIDGeneratorOptions } from './generator.js';
export { uuid3, uuid5 } from './name-based.js';
export { uuid4, uuid4String, uuid8 } from './random-based.js';
export { getnode } from './node-id.js';
export { generateEventId } from './event-id.js';

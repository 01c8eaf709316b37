// Name-based UUIDs: version 3 (MD5) and version 5 (SHA-1) of a namespace UUID plus a name.
import { createHash } from 'node:crypto';
import { pythonTypeName } from '../internal/validate.js';
import { UUIDError } from './errors.js';
import { UUID } from './uuid.js';

function nameBased(algorithm: 'md5' | 'sha1', version: 3 | 5, namespace: UUID | string, name: string | Uint8Array, fn: string): UUID {
  let ns: UUID;
  try {
    ns = namespace instanceof UUID ? namespace : new UUID(namespace);
  } catch (error) {
    throw new UUIDError(`${fn}: namespace must be a UUID (e.g. NAMESPACE_DNS): ${(error as Error).message}`, {
      code: 'ERR_UUID_TYPE',
      cause: error,
    });
  }
  if (typeof name !== 'string' && !(name instanceof Uint8Array)) {
    throw new UUIDError(`${fn}: name must be a str (hashed as UTF-8) or bytes (a Uint8Array), got ${pythonTypeName(name)}`, {
      code: 'ERR_UUID_TYPE',
    });
  }
  const digest = createHash(algorithm).update(ns.bytes).update(name).digest();
  return new UUID(digest.subarray(0, 16), { version });
}

/**
 * Python's `uuid3(namespace, name)`: MD5 of the namespace bytes and the UTF-8 name. Same output as
 * CPython for the same inputs.
 * @example
 * uuid3(NAMESPACE_DNS, 'python.org').toString(); // '6fa459ea-ee8a-3ca4-894e-db77e160355e'
 */
export function uuid3(namespace: UUID | string, name: string | Uint8Array): UUID {
  return nameBased('md5', 3, namespace, name, 'uuid3');
}

/**
 * Python's `uuid5(namespace, name)`: SHA-1 of the namespace bytes and the UTF-8 name.
 * @example
 * uuid5(NAMESPACE_DNS, 'python.org').toString(); // '886313e1-3b8a-5372-9b90-0c9aee199e5d'
 */
export function uuid5(namespace: UUID | string, name: string | Uint8Array): UUID {
  return nameBased('sha1', 5, namespace, name, 'uuid5');
}

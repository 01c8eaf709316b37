// The 48-bit node for uuid1/uuid6: a random multicast address chosen once per process.
import { random32 } from './random.js';

let node: number | undefined;

/**
 * Python's `getnode()`, with one deliberate difference: Python returns the hardware MAC address when
 * it finds one; ts314 always returns a random 48-bit number with the multicast bit set (RFC 9562
 * §6.10), so v1/v6 UUIDs never leak the machine's MAC and never collide with a real card's address.
 * Stable for the life of the process.
 * @example
 * getnode().toString(16).padStart(12, '0');
 */
export function getnode(): number {
  if (node === undefined) {
    // High 16 bits carry the first octet; its least significant bit is the multicast bit.
    node = ((random32() & 0xffff) | 0x0100) * 2 ** 32 + random32();
  }
  return node;
}

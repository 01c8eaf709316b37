// The seed guide's generate_event_id(): a time-ordered ID when possible, a random one otherwise.
import { uuid7 } from './generator.js';
import { uuid4 } from './random-based.js';
import type { UUID } from './uuid.js';

/**
 * The seed guide's `generate_event_id()`: uuid7 (time-ordered, indexes well), or uuid4 where uuid7 is
 * impossible. In Python that meant "before 3.14"; in ts314 uuid7 always exists, so the fallback only
 * fires when the system clock is unusable (before 1970 or not a finite number), where a v7 timestamp
 * would be a lie.
 * @example
 * const id = generateEventId(); // UUID('019a…')
 */
export function generateEventId(): UUID {
  const now = Date.now();
  return Number.isFinite(now) && now >= 0 ? uuid7() : uuid4();
}

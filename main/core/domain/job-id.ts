import { randomBytes } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562) from a millisecond time and 10 random bytes: 48 bits of time first, so ids
 * sort by creation time and the time is readable from the id (as Scylla's timeuuid).
 * `counter` (12 bits) fills rand_a, so ids made in one millisecond still sort in order.
 */
export function uuidv7(ms: number, counter: number, random: Uint8Array): string {
  const t = ms.toString(16).padStart(12, '0');
  const r = (i: number): string => HEX[random[i]!]!;
  // Version 7 in the first nibble of rand_a; the RFC 4122 variant in the top bits of the first random byte.
  return `${t.slice(0, 8)}-${t.slice(8)}-7${HEX[(counter >> 8) & 0x0f]![1]}${HEX[counter & 0xff]}-${HEX[0x80 | (random[0]! & 0x3f)]}${r(1)}-${r(2)}${r(3)}${r(4)}${r(5)}${r(6)}${r(7)}`;
}

/** Two hex digits of each byte: an id is written without a buffer of its own (every tracked node gets one). */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The creation time written in a UUIDv7, or null when the text is not one. */
export function timeOfJobId(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * Random bytes are drawn this many at a time: one call into the CSPRNG per 512 ids rather than
 * one per id (a tracked run makes four ids or more in its launch, and each call cost ~10 µs).
 */
export const RANDOM_POOL_BYTES = 4096;

/** Job ids for one process: time-ordered, strictly increasing even within a millisecond or when the clock steps back. */
export class JobIdGenerator {
  private lastMs = -1;
  private counter = 0;
  private pool: Buffer = Buffer.alloc(0);
  private used = 0;

  constructor(private readonly random: (n: number) => Buffer = randomBytes) {}

  next(nowMs: number): string {
    let ms = Math.max(nowMs, this.lastMs);
    if (ms === this.lastMs) {
      this.counter++;
      if (this.counter > 0xfff) {
        ms++; // 4096 ids in one millisecond: borrow the next one
        this.counter = 0;
      }
    } else {
      this.counter = 0;
    }
    this.lastMs = ms;
    return uuidv7(ms, this.counter, this.take(8));
  }

  /** The next `n` unused bytes of the pool (each byte goes into one id only). */
  private take(n: number): Buffer {
    if (this.used + n > this.pool.length) {
      this.pool = this.random(RANDOM_POOL_BYTES);
      this.used = 0;
    }
    this.used += n;
    return this.pool.subarray(this.used - n, this.used);
  }
}

/**
 * Nonces of signed requests seen recently, to refuse a replay. A signature is good for ±5 minutes around its
 * timestamp, so a nonce must be remembered at most 10 minutes after it arrived; every entry is kept exactly that
 * long, which makes arrival order expiry order and lets a sweep from the oldest end in O(expired).
 *
 * Bounded: past `maxEntries` live nonces it refuses new ones (the caller answers 503) rather than forget one early,
 * which would reopen a replay. Only requests whose signature verified reach it, so filling it takes a credential's
 * secret; at the default, 100,000 entries (about 15 MB) is 160 signed requests a second for ten minutes.
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly retentionMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** Record `key` at `nowMs`: 'fresh' the first time, 'replayed' inside the retention, 'full' when the bound is reached. */
  claim(key: string, nowMs: number): 'fresh' | 'replayed' | 'full' {
    this.sweep(nowMs);
    if (this.seen.has(key)) return 'replayed';
    if (this.seen.size >= this.maxEntries) return 'full';
    this.seen.set(key, nowMs + this.retentionMs);
    return 'fresh';
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(nowMs: number): void {
    for (const [key, expires] of this.seen) {
      if (expires > nowMs) return;
      this.seen.delete(key);
    }
  }
}

/**
 * Per-caller rate limit: a token bucket per key (token subject, or client address for anonymous callers).
 */

/** Rate limit settings. */
export interface RateLimitOptions {
  /** Sustained requests per second per caller. */
  perSecond: number;
  /** Burst size. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Token buckets keyed by caller. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Takes one token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const { perSecond, burst } = this.options;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 100_000) this.buckets.clear();
      bucket = { tokens: burst, updated: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
    bucket.updated = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }
}

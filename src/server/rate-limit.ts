/**
 * Per-token rate limiting with a token bucket: each caller has `burst` requests in hand, refilled
 * at `perSecond`. The clock is injected so tests can drive it.
 */

/** Rate-limit settings; `perSecond: 0` disables limiting. */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

/** Defaults: 20 requests/s sustained with bursts of 100 (a UI page load costs a handful). */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 20, burst: 100 };

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key (token id). */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one request from `key`'s bucket: 0 when allowed, otherwise the seconds to wait. */
  take(key: string): number {
    if (this.options.perSecond <= 0) return 0;
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: t };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.options.perSecond);
    bucket.at = t;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond));
  }
}

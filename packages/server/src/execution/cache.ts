/**
 * Result cache with a time to live, and single-flight: while a key is being computed, identical requests wait
 * for that one computation instead of starting their own.
 */

/** Cache settings. */
export interface CacheOptions {
  /** How long a result stays fresh, in milliseconds; 0 disables caching (single-flight stays on). */
  ttlMs: number;
  /** Entries kept at most; the oldest are dropped first. */
  maxEntries: number;
}

interface Entry<T> {
  value: T;
  expires: number;
}

/** A TTL cache with single-flight. */
export class ResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inFlight = new Map<string, Promise<T>>();
  /** Computations started (cache misses that were not joined). */
  computations = 0;
  hits = 0;
  joined = 0;

  constructor(private readonly options: CacheOptions) {}

  /** The cached value for `key`, or the result of `compute` (shared with concurrent callers of the same key). */
  async get(key: string, compute: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
    const entry = this.entries.get(key);
    if (entry && entry.expires > Date.now()) {
      this.hits++;
      return { value: entry.value, cached: true };
    }
    if (entry) this.entries.delete(key);
    const running = this.inFlight.get(key);
    if (running) {
      this.joined++;
      return { value: await running, cached: true };
    }
    this.computations++;
    const promise = compute();
    this.inFlight.set(key, promise);
    try {
      const value = await promise;
      if (this.options.ttlMs > 0) {
        if (this.entries.size >= this.options.maxEntries) {
          const oldest = this.entries.keys().next();
          if (!oldest.done) this.entries.delete(oldest.value);
        }
        this.entries.set(key, { value, expires: Date.now() + this.options.ttlMs });
      }
      return { value, cached: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Drops every entry (after the data changed). */
  clear(): void {
    this.entries.clear();
  }
}

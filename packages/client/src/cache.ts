import type { QueryResult } from './result.js';

/** A cached result and when it was fetched (epoch milliseconds). */
export interface CachedResult {
  result: QueryResult;
  updatedAt: number;
}

/**
 * Results by key (IR + parameters + identity), least recently used first out. Freshness is the caller's
 * call: the source serves an entry younger than its TTL without asking, and an older one (up to its max
 * age) while it revalidates.
 */
export class ResultCache {
  readonly #entries = new Map<string, CachedResult>();
  readonly #capacity: number;

  constructor(capacity = 200) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The entry for `key` if it is at most `maxAge` ms old. */
  get(key: string, maxAge: number, now = Date.now()): CachedResult | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (now - entry.updatedAt > maxAge) return undefined;
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedResult): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#capacity)
      this.#entries.delete(this.#entries.keys().next().value as string);
  }

  clear(): void {
    this.#entries.clear();
  }
}

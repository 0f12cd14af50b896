import type { ParamValue, QueryIR } from '@campus-cockpit/query';
import { MAX_BACKOFF, backoffDelay } from './backoff.js';
import type { CachedResult } from './cache.js';
import { QueryError } from './errors.js';
import type { RunOptions } from './executor.js';
import type { QueryResult } from './result.js';

/** What a watched query is doing. */
export const QUERY_STATUSES = ['loading', 'ready', 'refreshing', 'stale', 'error'] as const;

/**
 * One of {@link QUERY_STATUSES}:
 * - `loading`: no value yet, a request is out;
 * - `ready`: the value is current;
 * - `refreshing`: showing the last value while a newer one is fetched;
 * - `stale`: showing the last good value, but the latest refresh failed or is overdue (see `error`);
 * - `error`: no value to show (see `error`).
 */
export type QueryStatus = (typeof QUERY_STATUSES)[number];

/** The state every widget renders from. */
export interface QueryState {
  status: QueryStatus;
  /** The last good result, kept through failed refreshes. */
  value?: QueryResult | undefined;
  /** Why the last attempt failed (`stale` and `error`). */
  error?: QueryError | undefined;
  /** When `value` was fetched (epoch milliseconds). */
  updatedAt?: number | undefined;
  /** Set while the server works on a long query (`202`): when the wait began (epoch milliseconds). */
  waitingSince?: number | undefined;
}

/** How a widget wants a query kept up to date. */
export interface WatchOptions {
  /** Run-time parameter values (bound to the query's `:name` references). */
  params?: Readonly<Record<string, ParamValue | undefined>> | undefined;
  /** Refresh interval: milliseconds, or a duration such as `30s`. */
  refresh?: number | undefined;
  /** Follow the server's subscription stream instead of (or on top of) polling. */
  live?: boolean | undefined;
  /** Ask for Arrow (large results). */
  arrow?: boolean | undefined;
}

/** A widget's handle on a watched query. */
export interface Watch {
  /** The current state. */
  readonly state: QueryState;
  /** Fetches again now (the retry button). */
  refetch(): void;
  /** Stops watching; the last watcher of a query cancels its work and timers. */
  close(): void;
}

/** What a feed needs from its source. */
export interface FeedHost {
  prepare(query: string | QueryIR, params?: WatchOptions['params']): Promise<QueryIR>;
  key(ir: QueryIR): Promise<string>;
  cached(key: string): { entry: CachedResult; fresh: boolean } | undefined;
  restore(key: string): Promise<CachedResult | undefined>;
  /** Runs the query and caches the answer; resolves with it and the time it was stored under. */
  execute(ir: QueryIR, key: string, options: RunOptions): Promise<CachedResult>;
  every(ms: number, tick: () => void): () => void;
  /**
   * Calls `retry` after about `delay` ms; feeds whose retries are pending at the same time retry together
   * (one batched request instead of one each). Returns the function that cancels it.
   */
  retryLater(delay: number, retry: () => void): () => void;
  /** True while the page is hidden and the source is not always on: retries wait for {@link Feed.resume}. */
  paused(): boolean;
  follow(
    ir: QueryIR,
    key: string,
    onResult: (entry: CachedResult) => void,
    onError: (error: QueryError) => void,
  ): () => void;
}

/** A refresh overdue by this much (beyond its interval) marks the value stale. */
export const STALE_GRACE = 2_000;

/**
 * One watched query with its state, shared by every widget watching the same query and options: loads
 * (from the cache when fresh, revalidating when not), refreshes on the aligned clock, retries failures with
 * backoff, follows the live stream, and marks its value stale when a refresh fails or is overdue.
 */
export class Feed {
  state: QueryState = { status: 'loading' };
  readonly listeners = new Set<(state: QueryState) => void>();
  readonly #host: FeedHost;
  readonly #query: string | QueryIR;
  readonly #options: WatchOptions;
  #controller: AbortController | undefined;
  #cancelRetry: (() => void) | undefined;
  #staleTimer: ReturnType<typeof setTimeout> | undefined;
  #stopClock: (() => void) | undefined;
  #stopLive: (() => void) | undefined;
  #attempt = 0;
  #closed = false;
  /** A retry came due while the page was hidden. */
  #retryDue = false;

  constructor(host: FeedHost, query: string | QueryIR, options: WatchOptions) {
    this.#host = host;
    this.#query = query;
    this.#options = options;
  }

  /** Timers, requests and streams this feed holds (for leak checks). */
  get resources(): number {
    return [this.#controller, this.#cancelRetry, this.#staleTimer, this.#stopClock, this.#stopLive].filter(
      (held) => held !== undefined,
    ).length;
  }

  start(): void {
    const { refresh } = this.#options;
    if (refresh) {
      this.#stopClock = this.#host.every(refresh, () => {
        if (!this.#controller && !this.#cancelRetry) void this.load(false);
      });
    }
    void this.load(true);
  }

  /** The page is visible again: run a retry that came due while it was hidden. */
  resume(): void {
    if (!this.#retryDue) return;
    this.#retryDue = false;
    void this.load(false);
  }

  close(): void {
    this.#closed = true;
    this.#controller?.abort();
    this.#controller = undefined;
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    clearTimeout(this.#staleTimer);
    this.#staleTimer = undefined;
    this.#stopClock?.();
    this.#stopLive?.();
    this.#stopClock = this.#stopLive = undefined;
    this.listeners.clear();
  }

  /** Loads the query; with `useCache`, a fresh cached result is used without asking the server. */
  async load(useCache: boolean): Promise<void> {
    if (this.#closed) return;
    this.#controller?.abort();
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    try {
      const ir = await this.#host.prepare(this.#query, this.#options.params);
      const key = await this.#host.key(ir);
      if (signal.aborted) return;
      if (this.#options.live && !this.#stopLive) {
        this.#stopLive = this.#host.follow(
          ir,
          key,
          (result) => this.#succeed(result),
          (error) => this.#fail(error),
        );
      }
      if (useCache && (await this.#fromCache(key))) return;
      if (signal.aborted) return;
      // A failed state stays up while trying again: a retry every few seconds must not make the tile flicker.
      if (this.state.status !== 'error' && this.state.status !== 'stale') {
        this.#set({ status: this.state.value ? 'refreshing' : 'loading' });
      }
      const entry = await this.#host.execute(ir, key, {
        signal,
        arrow: this.#options.arrow,
        onWaiting: (since) => this.#set({ waitingSince: since }),
      });
      if (!signal.aborted) this.#succeed(entry);
    } catch (caught) {
      if (signal.aborted || this.#closed) return;
      this.#fail(
        caught instanceof QueryError ? caught : new QueryError('http', String(caught), { cause: caught }),
      );
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
    }
  }

  /** True when the cache answered and no request is needed. */
  async #fromCache(key: string): Promise<boolean> {
    const cached = this.#host.cached(key);
    if (cached) {
      this.#show(cached.entry, cached.fresh ? 'ready' : 'refreshing');
      if (cached.fresh) this.#armStaleTimer();
      return cached.fresh;
    }
    if (!this.state.value) {
      const restored = await this.#host.restore(key);
      // Data kept from before a reboot or an outage: better than a spinner, but say it is not current.
      if (restored && !this.state.value) this.#show(restored, 'stale');
    }
    return false;
  }

  #show(entry: CachedResult, status: QueryStatus): void {
    if (this.state.value && (this.state.updatedAt ?? 0) >= entry.updatedAt) return;
    this.#set({ status, value: entry.result, updatedAt: entry.updatedAt, error: undefined });
  }

  #succeed(entry: CachedResult): void {
    this.#attempt = 0;
    this.#set({
      status: 'ready',
      value: entry.result,
      updatedAt: entry.updatedAt,
      error: undefined,
      waitingSince: undefined,
    });
    this.#armStaleTimer();
  }

  #fail(error: QueryError): void {
    const keepValue = this.state.value !== undefined && error.kind !== 'invalid-query';
    this.#set({ status: keepValue ? 'stale' : 'error', error, waitingSince: undefined });
    if (error.retryable && !this.#closed) {
      this.#cancelRetry?.();
      // The server's Retry-After is honoured, within the 30 s ceiling that bounds recovery.
      const delay = Math.min(MAX_BACKOFF, Math.max(backoffDelay(this.#attempt++), error.retryAfter ?? 0));
      this.#cancelRetry = this.#host.retryLater(delay, () => {
        this.#cancelRetry = undefined;
        if (this.#host.paused()) this.#retryDue = true;
        else void this.load(false);
      });
    }
  }

  /** With a refresh interval, a value not renewed within one interval plus {@link STALE_GRACE} turns stale. */
  #armStaleTimer(): void {
    const { refresh } = this.#options;
    if (!refresh) return;
    clearTimeout(this.#staleTimer);
    this.#staleTimer = setTimeout(() => {
      this.#staleTimer = undefined;
      if (this.state.status === 'ready' || this.state.status === 'refreshing') this.#set({ status: 'stale' });
    }, refresh + STALE_GRACE);
  }

  #set(patch: Partial<QueryState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener(this.state);
  }
}

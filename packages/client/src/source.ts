import type { Catalog, Locale, QueryIR } from '@campus-cockpit/query';
import { DEFAULT_TIME_ZONE, IR_VERSION, catalogTimeZone } from '@campus-cockpit/query';
import { backoffDelay, sleep } from './backoff.js';
import { ResultCache, type CachedResult } from './cache.js';
import { CatalogLoader } from './catalog-loader.js';
import { QueryError, abortError } from './errors.js';
import { Executor, type RunOptions } from './executor.js';
import { Feed, type FeedHost, type QueryState, type Watch, type WatchOptions } from './feed.js';
import type { HttpContext } from './http.js';
import type { LiveChannel } from './live.js';
import type { ResultStore } from './persist.js';
import { bindParams, stableStringify, unboundParams } from './query-key.js';
import { RefreshClock } from './refresh-clock.js';
import { ParamStore } from './params.js';
import type { QueryResult } from './result.js';
import { TokenKeeper, type TokenProvider } from './token.js';

/** How to reach a warehouse endpoint and how to behave on this page. */
export interface SourceOptions {
  /** Base URL of the warehouse (`/`, `https://bi.example.edu.cn/api/`); `v1/…` is resolved against it. */
  endpoint: string;
  /** A bearer token, or a provider called once at start and once per expiry (see {@link TokenProvider}). */
  token?: string | TokenProvider | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /** Time zone for displayed times (`数据更新于 HH:mm`). Default: the catalog's, else `Asia/Shanghai`. */
  timeZone?: string | undefined;
  /** Locale of messages (sent as `Accept-Language`, used by the local check). Default `zh-CN`. */
  locale?: Locale | undefined;
  /** Milliseconds before an unanswered request fails; long (`202`) queries are exempt. Default 10 000. */
  timeout?: number | undefined;
  /** Cache partition for the caller; default: the token's `sub` claim, the token itself, or anonymous. */
  identity?: string | undefined;
  /** Milliseconds a result is served from the cache without asking the server. Default 5 000. */
  cacheTtl?: number | undefined;
  /** Milliseconds an older result is still shown while it is revalidated. Default 10 minutes. */
  cacheMaxAge?: number | undefined;
  /** Keep refreshing and streaming while the page is hidden (big screens). Default false. */
  alwaysOn?: boolean | undefined;
  /** Keep last good results in IndexedDB (a name, or true for `campus-cockpit`) so a rebooted screen has data. */
  persist?: boolean | string | undefined;
  /** Milliseconds without a byte (not even the server's keep-alive) after which a live stream counts as stalled. */
  liveIdleTimeout?: number | undefined;
  /** The `fetch` to use. Default: the global one. */
  fetch?: typeof fetch | undefined;
}

/** Per-call options of {@link Source.query}. */
export interface QueryOptions extends RunOptions {
  /** Run-time parameter values. */
  params?: WatchOptions['params'];
  /** `reload` skips the cache. Default `default`. */
  cache?: 'default' | 'reload';
  /** Retries after network errors and 5xx, with backoff. Default 2. */
  retries?: number;
}

/** Counters for tests and benchmarks. */
export interface SourceStats {
  /** `POST /v1/query` requests, polls and cancels sent. */
  queryRequests: number;
  /** `GET /v1/meta` requests sent. */
  catalogRequests: number;
  /** Watched queries currently held. */
  feeds: number;
  /** Live streams open now (never more than one). */
  liveStreams: number;
  /** Live streams opened so far (reconnects included). */
  liveConnections: number;
  /** Timers, requests, streams and listeners currently held (0 once every widget is gone). */
  resources: number;
}

/**
 * One page's connection to the warehouse, shared by every widget: catalog, local checking, batching,
 * single flight, cache, refresh and live updates. Create it with {@link createSource} (or `<cc-source>`).
 */
export interface Source {
  /** The resolved base URL, ending in `/`. */
  readonly endpoint: string;
  readonly locale: Locale;
  readonly alwaysOn: boolean;
  /** The time zone to display times in. */
  readonly timeZone: string;
  /** The page's parameters, bound to every query that refers to them. */
  readonly params: ParamStore;
  /** The catalog (fetched once, then shared). */
  catalog(): Promise<Catalog>;
  /**
   * Asks the server whether the catalog changed (`If-None-Match`: an unchanged catalog costs a 304) and
   * returns the current one; later text queries are checked against it.
   */
  refreshCatalog(): Promise<Catalog>;
  /**
   * Turns a text query (checked locally against the catalog) or an IR into the IR to send, with the
   * run-time parameters bound. Rejects with an `invalid-query` {@link QueryError} carrying line:col
   * diagnostics.
   */
  prepare(query: string | QueryIR, params?: QueryOptions['params']): Promise<QueryIR>;
  /** Runs a query once. */
  query(query: string | QueryIR, options?: QueryOptions): Promise<QueryResult>;
  /**
   * Keeps a query's state current for a widget and calls `listener` on every change. Widgets watching the
   * same query with the same options share one feed (and so one request per refresh).
   */
  watch(query: string | QueryIR, options: WatchOptions, listener: (state: QueryState) => void): Watch;
  readonly stats: SourceStats;
  /** Cancels everything and releases every timer, stream and listener. */
  dispose(): void;
}

const DEFAULT_TIMEOUT = 10_000;

/** Creates a {@link Source}. Nothing is fetched until the first query or `catalog()` call. */
export function createSource(options: SourceOptions): Source {
  return new WarehouseSource(options);
}

class WarehouseSource implements Source, FeedHost {
  readonly endpoint: string;
  readonly locale: Locale;
  readonly alwaysOn: boolean;
  readonly params = new ParamStore();
  readonly #options: SourceOptions;
  readonly #tokens: TokenKeeper;
  readonly #http: HttpContext;
  readonly #catalog: CatalogLoader;
  readonly #executor: Executor;
  readonly #cache: ResultCache;
  readonly #clock: RefreshClock;
  readonly #feeds = new Map<string, Feed>();
  readonly #lifetime = new AbortController();
  #loadedTimeZone: string | undefined;
  #live: Promise<LiveChannel> | undefined;
  #liveChannel: LiveChannel | undefined;
  /** The retry every failed feed joins, so that they try again together (see `retryLater`). */
  #retry: { timer: ReturnType<typeof setTimeout>; callbacks: Set<() => void> } | undefined;
  #persisted: Promise<ResultStore> | undefined;
  #visibilityListener: (() => void) | undefined;

  constructor(options: SourceOptions) {
    if (!options || typeof options.endpoint !== 'string' || options.endpoint === '') {
      throw new TypeError("createSource needs an endpoint, e.g. createSource({ endpoint: '/' }).");
    }
    this.#options = options;
    this.endpoint = resolveEndpoint(options.endpoint);
    this.locale = options.locale ?? 'zh-CN';
    this.alwaysOn = options.alwaysOn ?? false;
    this.#tokens = new TokenKeeper(options.token);
    this.#http = {
      tokens: this.#tokens,
      headers: { 'accept-language': this.locale, ...options.headers },
      timeout: options.timeout ?? DEFAULT_TIMEOUT,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      lifetime: this.#lifetime.signal,
    };
    this.#catalog = new CatalogLoader(this.#http, this.endpoint + 'v1/meta');
    this.#executor = new Executor(this.#http, this.endpoint);
    this.#cache = new ResultCache();
    this.#clock = new RefreshClock(() => this.paused());
  }

  get timeZone(): string {
    return this.#options.timeZone ?? this.#loadedTimeZone ?? DEFAULT_TIME_ZONE;
  }

  get stats(): SourceStats {
    let resources =
      this.#clock.timers +
      this.#executor.pending +
      (this.#visibilityListener ? 1 : 0) +
      (this.#retry ? 1 : 0) +
      this.params.listenerCount;
    for (const feed of this.#feeds.values()) resources += feed.resources;
    const live = this.#liveChannel;
    return {
      queryRequests: this.#executor.requestCount,
      catalogRequests: this.#catalog.requestCount,
      feeds: this.#feeds.size,
      liveStreams: live?.openStreams ?? 0,
      liveConnections: live?.connections ?? 0,
      resources: resources + (live?.resources ?? 0),
    };
  }

  async catalog(): Promise<Catalog> {
    const catalog = await this.#catalog.get();
    this.#loadedTimeZone = catalogTimeZone(catalog);
    return catalog;
  }

  async refreshCatalog(): Promise<Catalog> {
    const catalog = await this.#catalog.revalidate();
    this.#loadedTimeZone = catalogTimeZone(catalog);
    return catalog;
  }

  async prepare(query: string | QueryIR, params?: QueryOptions['params']): Promise<QueryIR> {
    let ir: QueryIR;
    if (typeof query === 'string') {
      // The checker is the largest part of the runtime: fetch it beside the catalog it checks against, so a
      // page pays no extra round trip for it and pages that only send IR never load it.
      const [{ compileText }, catalog] = await Promise.all([import('./text-query.js'), this.catalog()]);
      ir = await compileText(query, catalog, this.locale);
    } else if (query && typeof query === 'object' && query.v === IR_VERSION) {
      ir = query;
    } else {
      throw new QueryError('invalid-query', 'A query must be query text or a wire IR object with "v": 1.');
    }
    const bound = bindParams(ir, params);
    const missing = unboundParams(bound);
    if (missing.length > 0) throw unboundParamError(missing, this.locale);
    return bound;
  }

  async key(ir: QueryIR): Promise<string> {
    const identity = this.#options.identity ?? identityOf(await this.#tokens.get());
    return `${identity}\n${stableStringify(ir)}`;
  }

  cached(key: string): { entry: CachedResult; fresh: boolean } | undefined {
    const entry = this.#cache.get(key, this.#options.cacheMaxAge ?? 600_000);
    return entry && { entry, fresh: Date.now() - entry.updatedAt < (this.#options.cacheTtl ?? 5_000) };
  }

  async restore(key: string): Promise<CachedResult | undefined> {
    const store = await this.#store()?.catch(() => undefined);
    return store?.get(key).catch(() => undefined);
  }

  async execute(ir: QueryIR, key: string, options: RunOptions): Promise<CachedResult> {
    if (this.#lifetime.signal.aborted) throw abortError();
    return this.#remember(key, await this.#executor.run(ir, key, options));
  }

  /** Caches a result, and keeps it in IndexedDB with `persist`. */
  #remember(key: string, result: QueryResult): CachedResult {
    const entry = { result, updatedAt: Date.now() };
    this.#cache.set(key, entry);
    void this.#store()
      ?.then((store) => store.put(key, entry))
      .catch(() => {});
    return entry;
  }

  #store(): Promise<ResultStore> | undefined {
    const { persist } = this.#options;
    if (!persist || typeof indexedDB === 'undefined') return undefined;
    return (this.#persisted ??= import('./persist.js').then(({ openResultStore }) =>
      openResultStore(persist === true ? 'campus-cockpit' : persist),
    ));
  }

  every(ms: number, tick: () => void): () => void {
    return this.#clock.every(ms, tick);
  }

  retryLater(delay: number, retry: () => void): () => void {
    let pending = this.#retry;
    if (!pending) {
      const created = {
        callbacks: new Set<() => void>(),
        timer: setTimeout(() => {
          if (this.#retry === created) this.#retry = undefined;
          for (const callback of [...created.callbacks]) callback();
        }, delay),
      };
      this.#retry = pending = created;
    }
    const joined = pending;
    joined.callbacks.add(retry);
    return () => {
      joined.callbacks.delete(retry);
      if (joined.callbacks.size === 0 && this.#retry === joined) {
        clearTimeout(joined.timer);
        this.#retry = undefined;
      }
    };
  }

  follow(
    ir: QueryIR,
    key: string,
    onResult: (entry: CachedResult) => void,
    onError: (error: QueryError) => void,
  ): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    this.#live ??= import('./live.js').then(({ LiveChannel }) => {
      const channel = new LiveChannel(this.#http, this.endpoint, this.#options.liveIdleTimeout);
      channel.setPaused(this.paused());
      this.#liveChannel = channel;
      return channel;
    });
    this.#live.then((channel) => {
      if (stopped || this.#lifetime.signal.aborted) return;
      stop = channel.follow(ir, key, {
        onResult: (result) => onResult(this.#remember(key, result)),
        onError,
      });
    }, onError);
    return () => {
      stopped = true;
      stop?.();
    };
  }

  /** True while the page is hidden and the source is not always on. */
  paused(): boolean {
    return !this.alwaysOn && typeof document !== 'undefined' && document.hidden;
  }

  async query(query: string | QueryIR, options: QueryOptions = {}): Promise<QueryResult> {
    const ir = await this.prepare(query, options.params);
    const key = await this.key(ir);
    const cached = options.cache === 'reload' ? undefined : this.cached(key);
    if (cached?.fresh) return cached.entry.result;
    const retries = options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.execute(ir, key, options)).result;
      } catch (error) {
        if (!(error instanceof QueryError) || !error.retryable || attempt >= retries) throw error;
        await sleep(backoffDelay(attempt), options.signal);
      }
    }
  }

  watch(query: string | QueryIR, options: WatchOptions, listener: (state: QueryState) => void): Watch {
    if (this.#lifetime.signal.aborted)
      throw new TypeError('This source has been disposed: create a new one.');
    const id = stableStringify([
      query,
      options.params ?? {},
      options.refresh ?? 0,
      !!options.live,
      !!options.arrow,
    ]);
    let feed = this.#feeds.get(id);
    const isNew = !feed;
    if (!feed) {
      feed = new Feed(this, query, options);
      this.#feeds.set(id, feed);
      this.#watchVisibility();
    }
    const shared = feed;
    shared.listeners.add(listener);
    if (isNew) shared.start();
    let closed = false;
    return {
      get state() {
        return shared.state;
      },
      refetch: () => void shared.load(false),
      close: () => {
        if (closed) return;
        closed = true;
        shared.listeners.delete(listener);
        if (shared.listeners.size > 0) return;
        shared.close();
        if (this.#feeds.get(id) === shared) this.#feeds.delete(id);
        if (this.#feeds.size === 0) this.#unwatchVisibility();
      },
    };
  }

  dispose(): void {
    this.#lifetime.abort();
    if (this.#retry) clearTimeout(this.#retry.timer);
    this.#retry = undefined;
    void this.#live?.then((channel) => channel.close());
    for (const feed of this.#feeds.values()) feed.close();
    this.#feeds.clear();
    this.#unwatchVisibility();
    this.#executor.dispose();
    this.#cache.clear();
  }

  #watchVisibility(): void {
    if (this.#visibilityListener || typeof document === 'undefined') return;
    this.#visibilityListener = () => {
      void this.#live?.then((channel) => channel.setPaused(this.paused()));
      if (document.hidden) return;
      this.#clock.resume();
      for (const feed of this.#feeds.values()) feed.resume();
    };
    document.addEventListener('visibilitychange', this.#visibilityListener);
  }

  #unwatchVisibility(): void {
    if (!this.#visibilityListener) return;
    document.removeEventListener('visibilitychange', this.#visibilityListener);
    this.#visibilityListener = undefined;
  }
}

/**
 * A required parameter (`:year`) without a value: said before sending, with how to fix it, instead of the
 * server's 400.
 */
function unboundParamError(names: string[], locale: Locale): QueryError {
  const list = names.map((name) => `:${name}`).join(', ');
  const [message, hint] =
    locale === 'en'
      ? [
          `The query needs a value for ${list}.`,
          `Set it with a <cc-filter name="${names[0]}">, or write :${names[0]}? to make it optional.`,
        ]
      : [
          `查询缺少参数 ${list} 的值。`,
          `请用 <cc-filter name="${names[0]}"> 选择，或写成 :${names[0]}? 使其可选。`,
        ];
  return new QueryError('invalid-query', message, {
    diagnostics: names.map((name) => ({
      code: 'unbound-param',
      severity: 'error',
      message: locale === 'en' ? `Parameter :${name} has no value.` : `参数 :${name} 没有值。`,
      hint,
    })),
  });
}

/** `endpoint` as an absolute URL ending in `/` (relative endpoints resolve against the page). */
function resolveEndpoint(endpoint: string): string {
  const base = typeof location === 'undefined' ? undefined : location.href;
  let url: URL;
  try {
    url = new URL(endpoint, base);
  } catch {
    throw new TypeError(
      `Invalid endpoint '${endpoint}': give an absolute URL, or a path when running in a page.`,
    );
  }
  return url.href.endsWith('/') ? url.href : url.href + '/';
}

/** The cache partition of a token: its JWT `sub` claim when readable, else the token itself. */
function identityOf(token: string | undefined): string {
  if (!token) return '';
  const payload = token.split('.')[1];
  if (payload) {
    try {
      const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
      if (typeof claims.sub === 'string') return `sub:${claims.sub}`;
    } catch {
      // Not a JWT: the token itself partitions the cache.
    }
  }
  return `token:${token}`;
}

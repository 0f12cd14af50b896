import type { QueryIR } from '@campus-cockpit/query';
import { backoffDelay } from './backoff.js';
import { QueryError } from './errors.js';
import { exchange, resolveServerUrl, type HttpContext } from './http.js';
import { decodeResult, type QueryResult } from './result.js';

interface Follower {
  onResult(result: QueryResult): void;
  onError(error: QueryError): void;
}

/** No byte for this long (the server sends a comment every 15 s) means the stream stalled: reconnect. */
export const LIVE_IDLE_TIMEOUT = 40_000;

/**
 * The source's one live stream. All live queries of the page share one subscription
 * (`POST /v1/subscriptions` with a batch) read through fetch streaming, so the bearer token travels in a
 * header; when the set of queries changes, or the stream drops or stalls, the old stream is closed before a
 * new one opens (never two at once), with backoff between failed attempts. Loaded with `import()` only by
 * pages that use `live`.
 */
export class LiveChannel {
  readonly #http: HttpContext;
  readonly #endpoint: string;
  readonly #idleTimeout: number;
  readonly #queries = new Map<string, { ir: QueryIR; followers: Set<Follower> }>();
  #stream: AbortController | undefined;
  #subscription: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #paused = false;
  /** Streams open right now (never more than one). */
  openStreams = 0;
  /** Streams opened so far. */
  connections = 0;

  constructor(http: HttpContext, endpoint: string, idleTimeout = LIVE_IDLE_TIMEOUT) {
    this.#http = http;
    this.#endpoint = endpoint;
    this.#idleTimeout = idleTimeout;
  }

  /** Timers and streams held (for leak checks). */
  get resources(): number {
    return (this.#stream ? 1 : 0) + (this.#timer === undefined ? 0 : 1);
  }

  /** Follows one query; returns the function that stops following it. */
  follow(ir: QueryIR, key: string, follower: Follower): () => void {
    let entry = this.#queries.get(key);
    if (!entry) {
      entry = { ir, followers: new Set() };
      this.#queries.set(key, entry);
      this.#reconnect(0);
    }
    entry.followers.add(follower);
    const held = entry;
    return () => {
      held.followers.delete(follower);
      if (held.followers.size > 0 || this.#queries.get(key) !== held) return;
      this.#queries.delete(key);
      // The last live widget gone: close at once, so no stream outlives the page's widgets.
      if (this.#queries.size === 0) this.#disconnect();
      else this.#reconnect(0);
    };
  }

  /** Closes the stream while the page is hidden (unless the source is always on) and reopens it after. */
  setPaused(paused: boolean): void {
    if (paused === this.#paused) return;
    this.#paused = paused;
    this.#reconnect(0);
  }

  close(): void {
    this.#queries.clear();
    this.#disconnect();
  }

  #reconnect(delay: number): void {
    clearTimeout(this.#timer);
    // A macrotask: widgets created together join one subscription.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#connect();
    }, delay);
  }

  #disconnect(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#stream?.abort();
    this.#stream = undefined;
    const subscription = this.#subscription;
    this.#subscription = undefined;
    if (subscription) {
      void exchange(this.#http, { url: subscription, method: 'DELETE', read: async () => undefined }).catch(
        () => {},
      );
    }
  }

  async #connect(): Promise<void> {
    this.#disconnect();
    if (this.#queries.size === 0 || this.#paused) return;
    const controller = new AbortController();
    this.#stream = controller;
    const entries = [...this.#queries.values()];
    const idle = { stalled: false, timer: undefined as ReturnType<typeof setTimeout> | undefined };
    try {
      const created = await exchange(this.#http, {
        url: this.#endpoint + 'v1/subscriptions',
        body: { queries: entries.map((entry) => entry.ir) },
        signal: controller.signal,
        read: (response) => response.json() as Promise<{ id: string; events: string }>,
      });
      this.#subscription = `${this.#endpoint}v1/subscriptions/${created.id}`;
      await exchange(this.#http, {
        url: resolveServerUrl(created.events, this.#endpoint),
        headers: { accept: 'text/event-stream' },
        signal: controller.signal,
        timeout: 0,
        read: (response) => this.#read(response, entries, controller, idle),
      });
      throw new QueryError('network', 'The live stream ended.');
    } catch (caught) {
      clearTimeout(idle.timer);
      if (this.#stream !== controller) return; // replaced or closed on purpose
      this.#stream = undefined;
      const error =
        caught instanceof QueryError && !idle.stalled
          ? caught
          : new QueryError('network', 'The live stream stalled.', { cause: caught });
      for (const entry of entries) for (const follower of entry.followers) follower.onError(error);
      if (error.retryable) this.#reconnect(backoffDelay(this.#attempt++));
    }
  }

  /** Reads Server-Sent Events until the stream ends, dispatching `result` events to the followers. */
  async #read(
    response: Response,
    entries: { followers: Set<Follower> }[],
    controller: AbortController,
    idle: { stalled: boolean; timer: ReturnType<typeof setTimeout> | undefined },
  ): Promise<void> {
    const armIdle = () => {
      clearTimeout(idle.timer);
      idle.timer = setTimeout(() => {
        idle.stalled = true;
        controller.abort();
      }, this.#idleTimeout);
    };
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    this.openStreams++;
    this.connections++;
    let buffer = '';
    try {
      armIdle();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        armIdle();
        buffer += value;
        const blocks = buffer.split(/\r?\n\r?\n/);
        buffer = blocks.pop() ?? '';
        for (const block of blocks) this.#dispatch(block, entries);
      }
    } finally {
      this.openStreams--;
      clearTimeout(idle.timer);
      reader.cancel().catch(() => {});
    }
  }

  #dispatch(block: string, entries: { followers: Set<Follower> }[]): void {
    let event = 'message';
    let data = '';
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += (data ? '\n' : '') + line.slice(5).trimStart();
    }
    if (!data) return;
    if (event === 'result') {
      this.#attempt = 0;
      const { results } = JSON.parse(data) as { results: unknown[] };
      entries.forEach((entry, i) => {
        const result = decodeResult(results[i]);
        for (const follower of entry.followers) follower.onResult(result);
      });
    } else if (event === 'error') {
      const { message } = JSON.parse(data) as { message?: string };
      const error = new QueryError('http', message ?? 'The live query failed.', { status: 500 });
      for (const entry of entries) for (const follower of entry.followers) follower.onError(error);
    }
  }
}

import { IR_LIMITS, type QueryIR } from '@campus-cockpit/query';
import { QueryError, abortError } from './errors.js';
import { exchange, resolveServerUrl, type HttpContext } from './http.js';
import { decodeResult, type QueryResult } from './result.js';

/** The media type of Arrow IPC streams, asked for with `arrow: true`. */
export const ARROW_MEDIA_TYPE = 'application/vnd.apache.arrow.stream';

/** Per-call options of {@link Executor.run}. */
export interface RunOptions {
  signal?: AbortSignal | undefined;
  /** Ask for Arrow IPC (sent alone, not batched) and decode it with flechette, loaded on first use. */
  arrow?: boolean | undefined;
  /** Called once when the server answers `202` (a long query) with the time the wait began. */
  onWaiting?: ((since: number) => void) | undefined;
}

interface Entry {
  readonly ir: QueryIR;
  readonly key: string;
  readonly arrow: boolean;
  readonly promise: Promise<QueryResult>;
  resolve(result: QueryResult): void;
  reject(error: QueryError): void;
  users: number;
  waitingSince: number | undefined;
  readonly waiters: Set<(since: number) => void>;
  request: AbortController | undefined;
  siblings: Entry[];
}

/**
 * Sends queries: identical queries in flight share one request (single flight), queries issued in the same
 * task go out together as one `POST /v1/query` batch, long queries (`202`) are polled and cancelled with
 * `DELETE` once no caller waits for them any more.
 */
export class Executor {
  readonly #http: HttpContext;
  readonly #endpoint: string;
  readonly #queryUrl: string;
  readonly #inFlight = new Map<string, Entry>();
  #queue: Entry[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Requests sent so far (what the benchmark and the "no duplicate requests" tests count). */
  requestCount = 0;

  constructor(http: HttpContext, endpoint: string) {
    this.#http = http;
    this.#endpoint = endpoint;
    this.#queryUrl = endpoint + 'v1/query';
  }

  /** Queries waiting in the current batch or on the wire. */
  get pending(): number {
    return this.#inFlight.size;
  }

  /**
   * Runs one IR, keyed by `key` (the IR's stable JSON plus the caller's identity). Rejects with an `aborted`
   * {@link QueryError} as soon as `signal` aborts; the request itself is cancelled only when no other caller
   * shares it.
   */
  run(ir: QueryIR, key: string, options: RunOptions = {}): Promise<QueryResult> {
    const { signal, onWaiting } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    const entryKey = options.arrow ? `arrow:${key}` : key;
    let entry = this.#inFlight.get(entryKey);
    if (!entry) {
      entry = this.#enqueue(ir, entryKey, options.arrow === true);
    }
    const shared = entry;
    shared.users++;
    if (onWaiting) {
      if (shared.waitingSince !== undefined) onWaiting(shared.waitingSince);
      else shared.waiters.add(onWaiting);
    }
    return new Promise<QueryResult>((resolve, reject) => {
      const onAbort = () => {
        finish();
        reject(abortError());
      };
      const finish = () => {
        signal?.removeEventListener('abort', onAbort);
        if (onWaiting) shared.waiters.delete(onWaiting);
        this.#release(shared);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (result) => {
          finish();
          resolve(result);
        },
        (error: QueryError) => {
          finish();
          reject(error);
        },
      );
    });
  }

  /** Cancels everything queued or in flight (the source is being disposed). */
  dispose(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    for (const entry of this.#inFlight.values()) {
      entry.request?.abort();
      entry.reject(abortError());
    }
    this.#inFlight.clear();
    this.#queue = [];
  }

  #enqueue(ir: QueryIR, key: string, arrow: boolean): Entry {
    let resolve!: (result: QueryResult) => void;
    let reject!: (error: QueryError) => void;
    const promise = new Promise<QueryResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Callers observe the entry through their own promises; this one must never count as unhandled.
    promise.catch(() => {});
    const entry: Entry = {
      ir,
      key,
      arrow,
      promise,
      resolve: (result) => {
        this.#forget(entry);
        resolve(result);
      },
      reject: (error) => {
        this.#forget(entry);
        reject(error);
      },
      users: 0,
      waitingSince: undefined,
      waiters: new Set(),
      request: undefined,
      siblings: [],
    };
    this.#inFlight.set(key, entry);
    this.#queue.push(entry);
    // A macrotask, not a microtask: elements upgraded by the parser in one task all get in the same batch
    // even when some of them first wait for the catalog promise.
    this.#flushTimer ??= setTimeout(() => this.#flush(), 0);
    return entry;
  }

  #forget(entry: Entry): void {
    if (this.#inFlight.get(entry.key) === entry) this.#inFlight.delete(entry.key);
  }

  #release(entry: Entry): void {
    entry.users--;
    if (entry.users > 0) return;
    if (!entry.request) {
      // Still queued: leave the batch.
      this.#queue = this.#queue.filter((queued) => queued !== entry);
      entry.reject(abortError());
    } else if (entry.siblings.every((sibling) => sibling.users === 0)) {
      // Nobody waits for this request any more: a new caller must not join it while it is being cancelled.
      for (const sibling of entry.siblings) this.#forget(sibling);
      entry.request.abort();
    }
  }

  #flush(): void {
    this.#flushTimer = undefined;
    const queue = this.#queue.filter((entry) => entry.users > 0);
    this.#queue = [];
    const batchable = queue.filter((entry) => !entry.arrow);
    for (const entry of queue) if (entry.arrow) void this.#send([entry]);
    for (let i = 0; i < batchable.length; i += IR_LIMITS.maxBatch) {
      void this.#send(batchable.slice(i, i + IR_LIMITS.maxBatch));
    }
  }

  async #send(entries: Entry[]): Promise<void> {
    const controller = new AbortController();
    for (const entry of entries) {
      entry.request = controller;
      entry.siblings = entries;
    }
    const arrow = entries.length === 1 && entries[0]!.arrow;
    try {
      const body = entries.length === 1 ? entries[0]!.ir : { queries: entries.map((entry) => entry.ir) };
      const answer = await this.#post(body, arrow, controller.signal, entries);
      const results = entries.length === 1 ? [answer] : batchResults(answer, entries.length);
      entries.forEach((entry, i) => entry.resolve(toResult(results[i])));
    } catch (caught) {
      const error =
        caught instanceof QueryError ? caught : new QueryError('http', String(caught), { cause: caught });
      const culprit = error.problem?.query;
      if (
        entries.length > 1 &&
        error.kind === 'invalid-query' &&
        typeof culprit === 'number' &&
        entries[culprit]
      ) {
        // One bad query fails a whole batch on the server; fail that one and send the others again.
        entries[culprit].reject(error);
        const others = entries.filter((entry, i) => i !== culprit && entry.users > 0);
        for (const entry of entries)
          if (entry.users === 0 && entry !== entries[culprit]) entry.reject(abortError());
        if (others.length > 0) return this.#send(others);
        return;
      }
      for (const entry of entries) entry.reject(error);
    }
  }

  /** POSTs a query or batch and, if the server answers `202`, polls until the result is ready. */
  async #post(body: unknown, arrow: boolean, signal: AbortSignal, entries: Entry[]): Promise<unknown> {
    this.requestCount++;
    const first = await exchange(this.#http, {
      url: this.#queryUrl,
      body,
      signal,
      ...(arrow ? { headers: { accept: `${ARROW_MEDIA_TYPE}, application/json` } } : {}),
      read: readAnswer,
    });
    if (!('pending' in first)) return first.body;
    const since = Date.now();
    for (const entry of entries) {
      entry.waitingSince = since;
      for (const waiter of entry.waiters) waiter(since);
      entry.waiters.clear();
    }
    // Long queries are rare: their polling code loads on the first 202.
    const { pollLongQuery } = await import('./long-query.js');
    return pollLongQuery(
      this.#http,
      resolveServerUrl(first.pending, this.#endpoint),
      signal,
      readAnswer,
      () => {
        this.requestCount++;
      },
    );
  }
}

/** Results already decoded from Arrow (JSON bodies still need {@link decodeResult}). */
const decodedResults = new WeakSet<object>();

/** A response: the result body, or where to poll for it (`202`). */
export type Answer = { pending: string } | { body: unknown };

/** Reads a query response: `202` with its location, Arrow (decoded), or JSON. */
export async function readAnswer(response: Response): Promise<Answer> {
  if (response.status === 202) {
    const header = response.headers.get('location') ?? response.headers.get('content-location');
    const body = (await response.json().catch(() => ({}))) as { location?: string; href?: string };
    const pending = header ?? body.location ?? body.href;
    if (!pending)
      throw new QueryError('http', 'The server answered 202 without a location to poll.', { status: 202 });
    return { pending };
  }
  const type = response.headers.get('content-type') ?? '';
  if (type.includes(ARROW_MEDIA_TYPE)) {
    const { decodeArrow } = await import('./arrow.js');
    const result = decodeArrow(new Uint8Array(await response.arrayBuffer()));
    decodedResults.add(result);
    return { body: result };
  }
  return { body: await response.json() };
}

function batchResults(answer: unknown, count: number): unknown[] {
  const results = Array.isArray(answer) ? answer : (answer as { results?: unknown[] } | null)?.results;
  if (!Array.isArray(results) || results.length !== count) {
    throw new QueryError('http', `The server answered a batch of ${count} queries without ${count} results.`);
  }
  return results;
}

function toResult(body: unknown): QueryResult {
  if (decodedResults.has(body as object)) return body as QueryResult;
  try {
    return decodeResult(body);
  } catch (error) {
    throw new QueryError(
      'http',
      `The server sent a result this client cannot read: ${(error as Error).message}`,
    );
  }
}

import type { Problem } from '@campus-cockpit/query';
import { QueryError, abortError } from './errors.js';
import type { TokenKeeper } from './token.js';

/** What every request of a source shares. */
export interface HttpContext {
  tokens: TokenKeeper;
  headers: Record<string, string>;
  /** Milliseconds until a request without an answer fails with `timeout`; 0 for none. */
  timeout: number;
  /** The `fetch` to use (tests and the fault-injecting proxy pass their own). */
  fetch: typeof fetch;
  /** Aborts every request when the source is disposed. */
  lifetime: AbortSignal;
}

/** One HTTP exchange: what to send and how to read the answer, all within the timeout. */
export interface Exchange<T> {
  url: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Overrides the context's timeout (0: none, used when polling a long query). */
  timeout?: number;
  /** Reads a successful response (status 2xx or 304). */
  read: (response: Response) => Promise<T>;
}

/**
 * Sends one request with the bearer token, a timeout and the caller's AbortSignal; on 401 asks the token
 * keeper for a fresh token once and tries again. Error statuses become a {@link QueryError} carrying the
 * server's problem+json.
 */
export async function exchange<T>(context: HttpContext, request: Exchange<T>): Promise<T> {
  let token = await context.tokens.get();
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptExchange(context, request, token);
    } catch (error) {
      if (
        error instanceof QueryError &&
        error.status === 401 &&
        attempt === 0 &&
        context.tokens.refreshable
      ) {
        token = await context.tokens.expired(token);
        continue;
      }
      throw error;
    }
  }
}

async function attemptExchange<T>(
  context: HttpContext,
  request: Exchange<T>,
  token: string | undefined,
): Promise<T> {
  const controller = new AbortController();
  const { signal } = request;
  const { lifetime } = context;
  if (signal?.aborted || lifetime.aborted) throw abortError();
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort);
  lifetime.addEventListener('abort', onAbort);
  const timeout = request.timeout ?? context.timeout;
  let timedOut = false;
  const timer =
    timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeout)
      : undefined;
  try {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...context.headers,
      ...request.headers,
    };
    if (token) headers.authorization = `Bearer ${token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const response = await context.fetch(request.url, {
      method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: controller.signal,
    });
    if (!response.ok && response.status !== 304) throw await errorFromResponse(response);
    return await request.read(response);
  } catch (error) {
    if (error instanceof QueryError) throw error;
    if (signal?.aborted || lifetime.aborted) throw abortError();
    if (timedOut) throw new QueryError('timeout', `No answer from ${request.url} within ${timeout} ms.`);
    throw new QueryError('network', `Cannot reach ${request.url}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    lifetime.removeEventListener('abort', onAbort);
  }
}

/** Turns an error response into a {@link QueryError}, keeping the problem+json body when there is one. */
export async function errorFromResponse(response: Response): Promise<QueryError> {
  const status = response.status;
  let problem: Problem | undefined;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && ('type' in body || 'errors' in body)) {
      problem = { ...(body as Problem), errors: (body as Problem).errors ?? [] };
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): the status says enough.
  }
  const invalid = problem?.type.endsWith(':invalid-query') || (status === 400 && !!problem?.errors.length);
  const message =
    problem?.detail ?? problem?.title ?? `The server answered ${status} ${response.statusText}.`;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  return new QueryError(invalid ? 'invalid-query' : 'http', message, {
    status,
    ...(problem ? { problem } : {}),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}

/** `Retry-After` (seconds, or an HTTP date) in milliseconds from now. */
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/**
 * A URL the server handed out (a `Location`, an events path), resolved against the endpoint. Paths of the
 * protocol (`/v1/…`) are taken relative to the endpoint, so an endpoint mounted under a prefix or behind a
 * proxy (`https://portal.example.edu.cn/bi/`) keeps working.
 */
export function resolveServerUrl(path: string, endpoint: string): string {
  return new URL(path.startsWith('/v1/') ? path.slice(1) : path, endpoint).href;
}

import { sleep } from './backoff.js';
import type { Answer } from './executor.js';
import { exchange, type HttpContext } from './http.js';

/** First poll of a long query after this many milliseconds, doubling up to {@link MAX_POLL_INTERVAL}. */
const FIRST_POLL_INTERVAL = 250;
const MAX_POLL_INTERVAL = 2_000;

/**
 * Polls a long query (`202`) at `location` until its result is ready; when `signal` aborts (no widget needs
 * it any more) asks the server to stop it with `DELETE`, which interrupts the engine. Each poll is an
 * ordinary request with the source's timeout; the wait as a whole has none.
 */
export async function pollLongQuery(
  http: HttpContext,
  location: string,
  signal: AbortSignal,
  read: (response: Response) => Promise<Answer>,
  countRequest: () => void,
): Promise<unknown> {
  try {
    for (let poll = 0; ; poll++) {
      await sleep(Math.min(MAX_POLL_INTERVAL, FIRST_POLL_INTERVAL * 2 ** poll), signal);
      countRequest();
      const next = await exchange(http, { url: location, signal, read });
      if (!('pending' in next)) return next.body;
    }
  } catch (error) {
    if (signal.aborted) {
      countRequest();
      void exchange(http, { url: location, method: 'DELETE', read: async () => undefined }).catch(() => {});
    }
    throw error;
  }
}

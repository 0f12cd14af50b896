import { abortError } from './errors.js';

/** Longest wait between two attempts, in milliseconds. */
export const MAX_BACKOFF = 30_000;

/**
 * Milliseconds to wait before retry number `attempt` (0 for the first retry): exponential from `base`,
 * capped at {@link MAX_BACKOFF}, with "equal jitter" — a random half on top of a fixed half — so that twenty
 * screens that lost the network together do not come back in lockstep.
 */
export function backoffDelay(attempt: number, base = 500, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF, base * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Resolves after `ms`, or rejects with an `aborted` error as soon as `signal` aborts (clearing the timer). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF, backoffDelay, sleep } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base, half fixed and half random', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, 500, () => 0))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, 500, () => 1))).toEqual([
      500, 1000, 2000, 4000,
    ]);
  });

  it('never waits longer than 30 s, however many attempts failed', () => {
    expect(MAX_BACKOFF).toBe(30_000);
    for (const attempt of [6, 7, 10, 50, 1000]) {
      expect(backoffDelay(attempt, 500, () => 1)).toBe(30_000);
      expect(backoffDelay(attempt, 500, () => 0)).toBe(15_000);
    }
  });

  it('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('sleep', () => {
  it('rejects as aborted as soon as its signal aborts', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });
});

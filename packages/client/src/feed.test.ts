import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueryIR } from '@campus-cockpit/query';
import { MAX_BACKOFF } from './backoff.js';
import { QueryError } from './errors.js';
import { Feed, STALE_GRACE, type FeedHost, type QueryState } from './feed.js';
import type { QueryResult } from './result.js';

const ir: QueryIR = { v: 1, from: 'loans', measures: ['loans.loans'] };
const result = (n: number): QueryResult => ({
  columns: [{ key: 'loans.loans', kind: 'measure', values: [n] }],
  rowCount: 1,
  truncated: false,
  meta: {},
});

/** A warehouse that is up or down at the test's command, on fake time. */
interface FakeHost extends FeedHost {
  up: boolean;
  calls: number[];
  ticks: Set<() => void>;
  hidden: boolean;
}

function fakeHost(): FakeHost {
  const host: FakeHost = {
    up: true,
    hidden: false,
    calls: [],
    ticks: new Set(),
    prepare: async () => ir,
    key: async () => 'k',
    cached: () => undefined,
    restore: async () => undefined,
    execute: async () => {
      host.calls.push(Date.now());
      if (!host.up) throw new QueryError('network', 'down');
      return { result: result(host.calls.length), updatedAt: Date.now() };
    },
    every: (_ms, tick) => {
      host.ticks.add(tick);
      return () => host.ticks.delete(tick);
    },
    follow: () => () => {},
    paused: () => host.hidden,
    retryLater: (delay, retry) => {
      const timer = setTimeout(retry, delay);
      return () => clearTimeout(timer);
    },
  };
  return host;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Feed', () => {
  it('recovers within 30 s of the endpoint coming back, however long it was down', async () => {
    vi.useFakeTimers();
    const host = fakeHost();
    host.up = false;
    const feed = new Feed(host, ir, {});
    const states: QueryState[] = [];
    feed.listeners.add((state) => states.push(state));
    feed.start();
    // An hour of outage: the retries back off but never wait longer than 30 s.
    await vi.advanceTimersByTimeAsync(3_600_000);
    const gaps = host.calls.slice(1).map((t, i) => t - host.calls[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(MAX_BACKOFF);
    expect(gaps.slice(0, 5)).toEqual([...gaps.slice(0, 5)].sort((a, b) => a - b));
    expect(states.at(-1)!.status).toBe('error');
    host.up = true;
    await vi.advanceTimersByTimeAsync(MAX_BACKOFF);
    expect(states.at(-1)!.status).toBe('ready');
    feed.close();
    expect(feed.resources).toBe(0);
  });

  it('marks its value stale one interval plus the grace period after the last success', async () => {
    vi.useFakeTimers();
    const host = fakeHost();
    const feed = new Feed(host, ir, { refresh: 30_000 });
    feed.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.state.status).toBe('ready');
    await vi.advanceTimersByTimeAsync(30_000 + STALE_GRACE - 1);
    expect(feed.state.status).toBe('ready');
    await vi.advanceTimersByTimeAsync(1);
    expect(feed.state.status).toBe('stale');
    feed.close();
  });

  it('does not stack a refresh on top of a pending retry', async () => {
    vi.useFakeTimers();
    const host = fakeHost();
    const feed = new Feed(host, ir, { refresh: 1_000 });
    feed.start();
    await vi.advanceTimersByTimeAsync(0);
    host.up = false;
    for (const tick of host.ticks) tick();
    await vi.advanceTimersByTimeAsync(0);
    const failedAt = host.calls.length;
    for (const tick of host.ticks) tick();
    await vi.advanceTimersByTimeAsync(0);
    expect(host.calls.length).toBe(failedAt);
    feed.close();
  });

  it('holds a retry that comes due while the page is hidden until it is shown', async () => {
    vi.useFakeTimers();
    const host = fakeHost();
    host.up = false;
    const feed = new Feed(host, ir, {});
    feed.start();
    await vi.advanceTimersByTimeAsync(0);
    host.hidden = true;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(host.calls).toHaveLength(1);
    host.hidden = false;
    host.up = true;
    feed.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(host.calls).toHaveLength(2);
    expect(feed.state.status).toBe('ready');
    feed.close();
  });
});

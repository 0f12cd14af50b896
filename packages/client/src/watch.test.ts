import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueryIR } from '@campus-cockpit/query';
import { fakeValue, startFakeWarehouse, type FakeWarehouse } from '../test/fake-warehouse.js';
import type { QueryState } from './feed.js';
import { firstValue } from './result.js';
import { createSource, type Source, type SourceOptions } from './source.js';

const headcount: QueryIR = { v: 1, from: 'students', measures: ['students.headcount'] };
const loans: QueryIR = { v: 1, from: 'loans', measures: ['loans.loans'] };

let warehouse: FakeWarehouse;
let source: Source;

function open(options: Partial<SourceOptions> = {}): Source {
  source = createSource({ endpoint: warehouse.url, ...options });
  return source;
}

/** Watches a query and records every state it goes through. */
function record(query: QueryIR | string, options: Parameters<Source['watch']>[1] = {}) {
  const states: QueryState[] = [];
  const watch = source.watch(query, options, (state) => states.push(state));
  return { watch, states, last: () => states.at(-1) };
}

beforeEach(async () => {
  warehouse = await startFakeWarehouse();
});

afterEach(async () => {
  vi.useRealTimers();
  source?.dispose();
  await warehouse.close();
});

describe('Source.watch', () => {
  it('goes from loading to ready with the value and when it was fetched', async () => {
    open();
    const { last, states } = record(headcount);
    await vi.waitFor(() => expect(last()?.status).toBe('ready'));
    expect(states[0]!.status).toBe('loading');
    expect(firstValue(last()!.value!)).toBe(fakeValue(headcount, 'students.headcount'));
    expect(last()!.updatedAt).toBeLessThanOrEqual(Date.now());
  });

  it('shares one feed and one request among watchers of the same query', async () => {
    open();
    const watchers = Array.from({ length: 20 }, () => record(headcount, { refresh: 60_000 }));
    await vi.waitFor(() => expect(watchers.every((w) => w.last()?.status === 'ready')).toBe(true));
    expect(source.stats.feeds).toBe(1);
    expect(warehouse.count('POST /v1/query')).toBe(1);
  });

  it('refreshes widgets with the same interval together, in one batched request per tick', async () => {
    open({ cacheTtl: 0 });
    const a = record(headcount, { refresh: 300 });
    const b = record(loans, { refresh: 300 });
    await vi.waitFor(() => expect([a.last()?.status, b.last()?.status]).toEqual(['ready', 'ready']));
    const before = warehouse.count('POST /v1/query');
    await vi.waitFor(() => expect(warehouse.count('POST /v1/query')).toBeGreaterThanOrEqual(before + 2), {
      timeout: 2_000,
    });
    const bodies = warehouse.requests.filter((r) => r.path === '/v1/query').slice(1);
    for (const body of bodies.map((r) => r.body as { queries?: unknown[] }))
      expect(body.queries).toHaveLength(2);
  });

  it('keeps the last value and turns stale when a refresh fails, then recovers', async () => {
    open({ cacheTtl: 0 });
    const { last } = record(headcount, { refresh: 200 });
    await vi.waitFor(() => expect(last()?.status).toBe('ready'));
    const value = last()!.value;
    warehouse.intercept = (r) => (r.path === '/v1/query' ? { status: 502 } : undefined);
    await vi.waitFor(() => expect(last()?.status).toBe('stale'), { timeout: 2_000 });
    expect(last()!.value).toBe(value);
    expect(last()!.error?.status).toBe(502);
    warehouse.intercept = undefined;
    await vi.waitFor(() => expect(last()?.status).toBe('ready'), { timeout: 5_000 });
  });

  it('turns stale when a refresh hangs longer than one interval plus the grace period', async () => {
    open({ cacheTtl: 0, timeout: 60_000 });
    const { last } = record(headcount, { refresh: 300 });
    await vi.waitFor(() => expect(last()?.status).toBe('ready'));
    warehouse.intercept = (r) => (r.path === '/v1/query' ? { stall: true } : undefined);
    await vi.waitFor(() => expect(last()?.status).toBe('stale'), { timeout: 300 + 2_000 + 500 });
  });

  it('shows an error without a value, and never retries an invalid query', async () => {
    open();
    const { last } = record('from students | measure nope');
    await vi.waitFor(() => expect(last()?.status).toBe('error'));
    expect(last()!.error!.kind).toBe('invalid-query');
    await new Promise((r) => setTimeout(r, 700));
    expect(warehouse.count('POST /v1/query')).toBe(0);
    expect(source.stats.resources).toBe(0);
  });

  it('retries failures with backoff, not in a storm, until the endpoint answers again', async () => {
    open();
    warehouse.intercept = (r) => (r.path === '/v1/query' ? { status: 503 } : undefined);
    const { last } = record(headcount);
    // Delays of 250–500 ms, then 500–1000 ms: the third attempt comes after at least 750 ms.
    await vi.waitFor(() => expect(warehouse.count('POST /v1/query')).toBe(3), { timeout: 5_000 });
    const [first, , third] = warehouse.requests.filter((r) => r.path === '/v1/query');
    expect(third!.at - first!.at).toBeGreaterThanOrEqual(750);
    expect(last()!.status).toBe('error');
    expect(last()!.error!.status).toBe(503);
    warehouse.intercept = undefined;
    await vi.waitFor(() => expect(last()?.status).toBe('ready'), { timeout: 10_000 });
  });

  it('serves a fresh cached value to a new watcher without asking, and revalidates an old one', async () => {
    open({ cacheTtl: 200 });
    await source.query(headcount);
    const fresh = record(headcount);
    await vi.waitFor(() => expect(fresh.last()?.status).toBe('ready'));
    expect(warehouse.count('POST /v1/query')).toBe(1);
    fresh.watch.close();
    await new Promise((r) => setTimeout(r, 250));
    const old = record(headcount);
    await vi.waitFor(() => expect(old.last()?.status).toBe('ready'));
    expect(old.states.map((s) => s.status)).toContain('refreshing');
    expect(warehouse.count('POST /v1/query')).toBe(2);
  });

  it('releases every timer and request when the last watcher closes', async () => {
    open({ headers: { 'x-long': '60000' } });
    const a = record(headcount, { refresh: 1_000 });
    const b = record(loans, { refresh: 5_000 });
    await vi.waitFor(() => expect(a.last()?.waitingSince).toBeTypeOf('number'));
    expect(source.stats.resources).toBeGreaterThan(0);
    a.watch.close();
    b.watch.close();
    expect(source.stats).toMatchObject({ feeds: 0, resources: 0 });
    await vi.waitFor(() => expect(warehouse.count('DELETE /v1/query/1')).toBe(1));
  });

  it('retries failed widgets together, in one batched request per attempt', async () => {
    open();
    warehouse.intercept = (r) => (r.path === '/v1/query' ? { status: 503 } : undefined);
    const watchers = Array.from({ length: 10 }, (_, i) => record({ ...headcount, limit: i + 1 }));
    await vi.waitFor(() => expect(warehouse.count('POST /v1/query')).toBe(3), { timeout: 5_000 });
    const sizes = warehouse.requests
      .filter((r) => r.path === '/v1/query')
      .map((r) => (r.body as { queries?: unknown[] }).queries?.length);
    expect(sizes).toEqual([10, 10, 10]);
    warehouse.intercept = undefined;
    await vi.waitFor(() => expect(watchers.every((w) => w.last()?.status === 'ready')).toBe(true), {
      timeout: 5_000,
    });
  });

  it('waits as long as a 429 answer asks before trying again', async () => {
    open();
    warehouse.intercept = (r) =>
      r.path === '/v1/query' && warehouse.count('POST /v1/query') === 1
        ? { status: 429, headers: { 'retry-after': '2' } }
        : undefined;
    const { last } = record(headcount);
    await vi.waitFor(() => expect(last()?.status).toBe('ready'), { timeout: 5_000 });
    const [first, second] = warehouse.requests.filter((r) => r.path === '/v1/query');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(2_000);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueryIR } from '@campus-cockpit/query';
import { fakeValue, startFakeWarehouse, type FakeWarehouse } from '../test/fake-warehouse.js';
import { startFaultProxy, type FaultProxy } from '../test/fault-proxy.js';
import type { QueryState } from './feed.js';
import { firstValue } from './result.js';
import { createSource, type Source } from './source.js';

const headcount: QueryIR = { v: 1, from: 'students', measures: ['students.headcount'] };
const loans: QueryIR = { v: 1, from: 'loans', measures: ['loans.loans'] };

let warehouse: FakeWarehouse;
let proxy: FaultProxy;
let source: Source;
const scope = 'live';

function follow(query: QueryIR) {
  const states: QueryState[] = [];
  const watch = source.watch(query, { live: true }, (state) => states.push(state));
  const value = () => {
    const result = states.at(-1)?.value;
    return result && firstValue(result);
  };
  return { watch, states, value, status: () => states.at(-1)?.status };
}

beforeEach(async () => {
  warehouse = await startFakeWarehouse();
  proxy = await startFaultProxy(warehouse.url);
  source = createSource({ endpoint: proxy.endpoint(scope), liveIdleTimeout: 1_000 });
});

afterEach(async () => {
  source.dispose();
  await proxy.close();
  await warehouse.close();
});

describe('live queries', () => {
  it('update their value when the data changes, through one subscription stream', async () => {
    const tile = follow(headcount);
    const base = fakeValue(headcount, 'students.headcount');
    await vi.waitFor(() => expect(tile.value()).toBe(base));
    await vi.waitFor(() => expect(warehouse.openStreams()).toBe(1));
    warehouse.bump();
    await vi.waitFor(() => expect(tile.value()).toBe(base + 1));
    expect(tile.status()).toBe('ready');
    expect(warehouse.count('POST /v1/subscriptions')).toBe(1);
  });

  it('share one stream among all live queries of a source, and never open two', async () => {
    const tiles = [follow(headcount), follow(loans), follow({ ...loans, limit: 3 })];
    await vi.waitFor(() => expect(warehouse.openStreams()).toBe(1));
    tiles.push(follow({ ...headcount, limit: 2 }));
    await vi.waitFor(() => expect(source.stats.liveConnections).toBe(2));
    warehouse.bump();
    await vi.waitFor(() =>
      expect(tiles.every((t) => t.states.some((s) => s.value && firstValue(s.value) !== undefined))).toBe(
        true,
      ),
    );
    expect(warehouse.maxOpenStreams()).toBe(1);
    const body = warehouse.requests.filter((r) => r.path === '/v1/subscriptions').at(-1)!.body as {
      queries: QueryIR[];
    };
    expect(body.queries).toHaveLength(4);
  });

  it('reconnect after a dropped stream, and keep updating', async () => {
    proxy.setFaults(scope, [{ route: 'GET /v1/subscriptions', dropAfter: 100, times: 1 }]);
    const tile = follow(headcount);
    const base = fakeValue(headcount, 'students.headcount');
    await vi.waitFor(() => expect(source.stats.liveConnections).toBe(2), { timeout: 5_000 });
    await vi.waitFor(() => expect(warehouse.openStreams()).toBe(1));
    warehouse.bump();
    await vi.waitFor(() => expect(tile.value()).toBe(base + 1));
    expect(warehouse.maxOpenStreams()).toBe(1);
    expect(tile.states.map((s) => s.status)).toContain('stale');
    expect(tile.status()).toBe('ready');
  });

  it('reconnect when the stream stalls (no keep-alive within the idle timeout)', async () => {
    proxy.setFaults(scope, [{ route: 'GET /v1/subscriptions', stallAfter: 100, times: 1 }]);
    const tile = follow(headcount);
    const base = fakeValue(headcount, 'students.headcount');
    await vi.waitFor(() => expect(tile.value()).toBe(base));
    await vi.waitFor(() => expect(source.stats.liveConnections).toBe(2), { timeout: 5_000 });
    warehouse.bump();
    await vi.waitFor(() => expect(tile.value()).toBe(base + 1));
    expect(source.stats.liveStreams).toBe(1);
  });

  it('end the stream and the subscription when the last live widget goes away', async () => {
    const tiles = [follow(headcount), follow(loans)];
    await vi.waitFor(() => expect(warehouse.openStreams()).toBe(1));
    for (const tile of tiles) tile.watch.close();
    await vi.waitFor(() => expect(warehouse.openStreams()).toBe(0));
    await vi.waitFor(() => expect(warehouse.count('DELETE /v1/subscriptions/sub1')).toBe(1));
    expect(source.stats).toMatchObject({ feeds: 0, liveStreams: 0, resources: 0 });
  });
});

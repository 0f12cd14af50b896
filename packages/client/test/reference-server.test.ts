/**
 * The client against the reference server on a freshly seeded warehouse (with the live simulator), directly
 * and through the fault-injecting proxy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- integration tests run the client against the reference server
import {
  LiveSimulator,
  generateWarehouseFile,
  startServer,
  type RunningServer,
} from '@campus-cockpit/server';
import type { QueryIR } from '@campus-cockpit/query';
import type { QueryState } from '../src/feed.js';
import { QueryError } from '../src/errors.js';
import { firstValue, resultRows } from '../src/result.js';
import { createSource } from '../src/source.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

let dir: string;
let server: RunningServer;
let proxy: FaultProxy;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-client-server-'));
  const db = join(dir, 'warehouse.duckdb');
  await generateWarehouseFile({ out: db, scale: 0.01 });
  server = await startServer({
    db,
    port: 0,
    logger: () => {},
    live: {
      async start(engine, changed) {
        const connection = await engine.instance.connect();
        const simulator = new LiveSimulator(connection, { intervalMs: 500, onTick: () => changed() });
        await simulator.start();
        return async () => {
          await simulator.stop();
          connection.closeSync();
        };
      },
    },
  });
  proxy = await startFaultProxy(server.url + '/');
});

afterAll(async () => {
  await proxy?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One number straight from DuckDB, in the server's process (it holds the file open). */
async function direct(sql: string): Promise<number> {
  const { columns } = (await server.engine.query(sql)) as { columns: unknown[][] };
  return Number(columns[0]![0]);
}

describe('against the reference server', () => {
  it('answers a text query with what DuckDB answers', async () => {
    const source = createSource({ endpoint: server.url });
    const result = await source.query('from students | measure headcount');
    expect(firstValue(result)).toBe(await direct('SELECT count(DISTINCT student_id) FROM students'));
    expect(result.columns[0]).toMatchObject({ key: 'students.headcount', kind: 'measure' });
    source.dispose();
  });

  it('sends queries issued together as one batch and routes every answer to its query', async () => {
    const source = createSource({ endpoint: proxy.endpoint('batch') });
    const texts = [
      'from students | measure headcount',
      'from loans | measure loans',
      'from network | measure traffic_gb',
      'from students | measure headcount | by college',
    ];
    const batched = await Promise.all(texts.map((text) => source.query(text)));
    expect(proxy.log('batch').filter((e) => e.path === '/v1/query')).toHaveLength(1);
    const alone = createSource({ endpoint: server.url });
    for (const [i, text] of texts.entries()) {
      if (text.includes('traffic_gb')) continue; // the simulator keeps adding traffic
      expect(resultRows(batched[i]!)).toEqual(resultRows(await alone.query(text)));
    }
    source.dispose();
    alone.dispose();
  });

  it('surfaces the server diagnostics of an IR it rejects, with their JSON Pointer', async () => {
    const source = createSource({ endpoint: server.url });
    const bad: QueryIR = { v: 1, from: 'students', measures: ['students.headcont'] };
    const error = (await source.query(bad).catch((e: unknown) => e)) as QueryError;
    expect(error).toBeInstanceOf(QueryError);
    expect(error.kind).toBe('invalid-query');
    expect(error.status).toBe(400);
    expect(error.diagnostics[0]).toMatchObject({ code: 'unknown-member', path: '/measures/0' });
    source.dispose();
  });

  it('follows a long query through 202 and polling', async () => {
    const source = createSource({ endpoint: server.url, headers: { prefer: 'respond-async' } });
    let waited = false;
    // A query nobody asked before, so that the server's result cache cannot answer at once.
    const result = await source.query('from students | measure headcount | by gender', {
      onWaiting: () => (waited = true),
    });
    expect(waited).toBe(true);
    const total = resultRows(result).reduce((sum, row) => sum + Number(row['students.headcount']), 0);
    expect(total).toBe(await direct('SELECT count(DISTINCT student_id) FROM students'));
    source.dispose();
  });

  it('keeps a live tile current through the subscription stream, reconnecting after a drop', async () => {
    proxy.setFaults('live', [{ route: 'GET /v1/subscriptions', dropAfter: 300, times: 1 }]);
    const source = createSource({ endpoint: proxy.endpoint('live'), liveIdleTimeout: 20_000 });
    const states: QueryState[] = [];
    const watch = source.watch('from network | measure traffic_gb', { live: true }, (state) =>
      states.push(state),
    );
    const values = () => new Set(states.filter((s) => s.value).map((s) => firstValue(s.value!)));
    await vi.waitFor(() => expect(source.stats.liveConnections).toBeGreaterThanOrEqual(2), {
      timeout: 15_000,
    });
    await vi.waitFor(() => expect(values().size).toBeGreaterThanOrEqual(3), { timeout: 15_000 });
    expect(source.stats.liveStreams).toBeLessThanOrEqual(1);
    watch.close();
    expect(source.stats.resources).toBe(0);
    source.dispose();
  });

  it('recovers from 500s and from a 401 answered by one token refresh', async () => {
    proxy.setFaults('faults', [
      { route: 'POST /v1/query', status: 500, times: 2 },
      { route: 'POST /v1/query', status: 401, times: 1 },
    ]);
    const reasons: string[] = [];
    const source = createSource({
      endpoint: proxy.endpoint('faults'),
      // Public views need no token: the refreshed "token" is anonymous access again.
      token: ({ reason }) => {
        reasons.push(reason);
        return undefined;
      },
    });
    const states: QueryState[] = [];
    source.watch('from students | measure headcount', {}, (state) => states.push(state));
    await vi.waitFor(() => expect(states.at(-1)?.status).toBe('ready'), { timeout: 15_000 });
    expect(states.map((s) => s.status)).toContain('error');
    expect(reasons).toEqual(['initial', 'expired']);
    source.dispose();
  });
});

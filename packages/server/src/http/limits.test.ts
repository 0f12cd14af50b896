import { tableFromIPC } from '@uwdata/flechette';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../catalog/load.js';
import { mintToken } from '../security/auth.js';
import { createFixtureDatabase, FIXTURE_CATALOG_YAML } from '../testing/fixture.js';
import type { Logger } from './log.js';
import { startServer, type RunningServer, type ServerOptions } from './server.js';

/** The fixture catalog plus a view whose one measure runs for hours unless interrupted. */
const SLOW_CATALOG = parseCatalog(
  FIXTURE_CATALOG_YAML +
    `
  - name: slow
    title: { zh-CN: 慢查询, en: Slow }
    public: true
    sql: "SELECT a.range AS a, b.range AS b FROM range(1000000) a, range(1000000) b"
    measures:
      - { name: pairs, title: { zh-CN: 乘积和, en: Sum of products }, aggregation: custom, sql: "sum(a * b)", public: true }
`,
);
const SLOW = { v: 1, from: 'slow', measures: ['slow.pairs'] };
const SECRET = 'limits-test-secret-that-is-long-enough-0123';

let dbPath: string;
let cleanup: () => void;
const servers: RunningServer[] = [];
const logLines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
const logger: Logger = (level, message, fields = {}) => void logLines.push({ level, message, fields });

async function boot(options: Partial<ServerOptions>): Promise<RunningServer> {
  const server = await startServer({
    db: dbPath,
    catalog: SLOW_CATALOG,
    port: 0,
    logger,
    auth: { hs256Secret: SECRET },
    ...options,
  });
  servers.push(server);
  return server;
}

function post(
  server: RunningServer,
  body: unknown,
  headers: Record<string, string> = {},
  path = '/v1/query',
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  const db = await createFixtureDatabase();
  dbPath = db.path;
  cleanup = db.cleanup;
});

afterAll(async () => {
  for (const server of servers) await server.close(1000);
  cleanup?.();
});

describe('statement timeout', () => {
  it('interrupts a statement that runs past the limit and answers 504', async () => {
    const server = await boot({ limits: { statementTimeoutMs: 300 } });
    const started = Date.now();
    const response = await post(server, SLOW);
    expect(response.status).toBe(504);
    const problem = await response.json();
    expect(problem.errors[0].code).toBe('query-timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
    // The interrupted connection serves the next query.
    expect((await post(server, { v: 1, from: 'loans', measures: ['loans.loans'] })).status).toBe(200);
  });
});

describe('long queries: 202, poll, cancel; the concurrency queue', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await boot({ limits: { concurrency: 1, maxQueue: 1, statementTimeoutMs: 600_000 } });
  });

  it('answers 202 with a location, polls 202 while running, and DELETE interrupts the engine', async () => {
    const accepted = await post(server, SLOW, { prefer: 'respond-async' });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    expect(location).toMatch(/^\/v1\/queries\/[0-9a-f-]{36}$/);
    expect((await accepted.json()).status).toBe('running');
    const poll = await fetch(`${server.url}${location}`);
    expect(poll.status).toBe(202);
    expect(poll.headers.get('retry-after')).toBe('1');

    // With one connection, a second query can only run once the first statement has really stopped.
    const cancelled = await fetch(`${server.url}${location}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(204);
    const next = await post(server, { v: 1, from: 'loans', measures: ['loans.loans'] });
    expect(next.status).toBe(200);
    expect((await fetch(`${server.url}${location}`)).status).toBe(404);
  });

  it('hands a finished long query to the poller', async () => {
    const accepted = await post(
      server,
      { v: 1, from: 'loans', measures: ['loans.loans'] },
      { prefer: 'respond-async' },
    );
    const location = accepted.status === 202 ? accepted.headers.get('location')! : undefined;
    if (!location) {
      expect(accepted.status).toBe(200);
      return;
    }
    let response = await fetch(`${server.url}${location}`);
    for (let i = 0; i < 50 && response.status === 202; i++) {
      await new Promise((r) => setTimeout(r, 50));
      response = await fetch(`${server.url}${location}`);
    }
    expect(response.status).toBe(200);
    expect((await response.json()).data).toEqual([[400]]);
  });

  it('lets only the caller who started a query poll or cancel it', async () => {
    const token = await mintToken(SECRET, { role: 'admin', sub: 'A1' });
    const accepted = await post(server, SLOW, { prefer: 'respond-async', authorization: `Bearer ${token}` });
    const location = accepted.headers.get('location')!;
    expect((await fetch(`${server.url}${location}`, { method: 'DELETE' })).status).toBe(404);
    expect(
      (
        await fetch(`${server.url}${location}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(204);
  });

  it('queues one statement and answers 503 with Retry-After when the queue is full', async () => {
    const first = await post(server, SLOW, { prefer: 'respond-async' });
    const second = await post(server, { ...SLOW, limit: 2 }, { prefer: 'respond-async' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    const third = await post(server, { ...SLOW, limit: 3 });
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    for (const response of [first, second]) {
      await fetch(`${server.url}${response.headers.get('location')}`, { method: 'DELETE' });
    }
    expect((await post(server, { v: 1, from: 'loans', measures: ['loans.loans'] })).status).toBe(200);
  });
});

describe('request limits', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await boot({
      limits: { maxRows: 5, maxBodyBytes: 2048, ratePerSecond: 1, rateBurst: 1000 },
      corsOrigins: ['http://allowed.example'],
      cacheTtlMs: 60_000,
    });
  });

  it('cuts rows at the server cap and says truncated, with the total when asked', async () => {
    const token = await mintToken(SECRET, { role: 'admin' });
    const response = await post(
      server,
      {
        v: 1,
        from: 'students',
        measures: ['students.headcount'],
        dimensions: [{ member: 'students.student_name' }],
      },
      { authorization: `Bearer ${token}` },
      '/v1/query?total=true',
    );
    const body = await response.json();
    expect(body.rowCount).toBe(5);
    expect(body.data[0]).toHaveLength(5);
    expect(body.truncated).toBe(true);
    expect(body.limit).toBe(5);
    expect(body.total).toBe(36);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await post(server, {
      v: 1,
      from: 'students',
      measures: ['students.headcount'],
      filters: {
        member: 'students.college',
        operator: 'in',
        values: Array.from({ length: 300 }, (_, i) => `学院${i}`),
      },
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].code).toBe('ir-too-large');
  });

  it('refuses a deeply nested body before parsing it', async () => {
    const response = await post(server, '['.repeat(200) + ']'.repeat(200));
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].message).toMatch(/nests 200 levels/);
  });

  it('refuses a filter tree deeper than the IR limit', async () => {
    let filter: unknown = { member: 'students.college', operator: 'isNotNull' };
    for (let i = 0; i < 17; i++) filter = { not: filter };
    const response = await post(server, {
      v: 1,
      from: 'students',
      measures: ['students.headcount'],
      filters: filter,
    });
    expect(response.status).toBe(413);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const allowed = await fetch(`${server.url}/v1/query`, {
      method: 'OPTIONS',
      headers: { origin: 'http://allowed.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://allowed.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const denied = await fetch(`${server.url}/v1/query`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(denied.status).toBe(403);
    const simple = await fetch(`${server.url}/healthz`, { headers: { origin: 'http://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('encodes Arrow IPC on request, with the same values and the metadata', async () => {
    const admin = { authorization: `Bearer ${await mintToken(SECRET, { role: 'admin' })}` };
    const ir = {
      v: 1,
      from: 'loans',
      measures: ['loans.loans', 'loans.big_sum'],
      dimensions: [{ member: 'loans.college' }],
    };
    const json = await (await post(server, ir, admin)).json();
    const response = await post(server, ir, { ...admin, accept: 'application/vnd.apache.arrow.stream' });
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    expect(table.schema.fields.map((f) => f.name)).toEqual(['loans.college', 'loans.loans', 'loans.big_sum']);
    expect(Array.from(table.getChild('loans.college')!.toArray())).toEqual(json.data[0]);
    expect(Array.from(table.getChild('loans.loans')!.toArray())).toEqual(json.data[1]);
    expect(Array.from(table.getChild('loans.big_sum')!.toArray())).toEqual(json.data[2]);
    expect(JSON.parse(table.schema.metadata!.get('truncated')!)).toBe(false);
  });

  it('carries integers beyond 2^53 as exact strings and says so in the column', async () => {
    const admin = { authorization: `Bearer ${await mintToken(SECRET, { role: 'admin' })}` };
    const body = await (
      await post(server, { v: 1, from: 'loans', measures: ['loans.big_sum'] }, admin)
    ).json();
    expect(body.columns[0].encoding).toBe('string');
    expect(body.data[0]).toEqual(['9007199254741392']);
  });

  it('runs N identical concurrent requests as one statement (single-flight), then serves the cache', async () => {
    const ir = {
      v: 1,
      from: 'loans',
      measures: ['loans.loans', 'loans.overdue_rate'],
      dimensions: [{ member: 'loans.category' }],
    };
    const before = server.engine.executed;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(server, ir).then((r) => r.json())),
    );
    expect(server.engine.executed - before).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.data))).size).toBe(1);
    await post(server, ir);
    expect(server.engine.executed - before).toBe(1);
  });

  it('keys the cache by rights: two deans asking the same query get their own colleges', async () => {
    const ask = async (college: string) => {
      const token = await mintToken(SECRET, { role: 'dean', college });
      return (
        await (
          await post(
            server,
            {
              v: 1,
              from: 'students',
              measures: ['students.headcount'],
              dimensions: [{ member: 'students.college' }],
            },
            { authorization: `Bearer ${token}` },
          )
        ).json()
      ).data[0];
    };
    expect(await ask('工学院')).toEqual(['工学院']);
    expect(await ask('医学院')).toEqual(['医学院']);
  });

  it('writes an audit line per query: who, what, how many rows', async () => {
    const token = await mintToken(SECRET, { role: 'admin', sub: 'auditor-7' });
    await post(
      server,
      { v: 1, from: 'students', measures: ['students.headcount'], segments: ['students.graduated'] },
      { authorization: `Bearer ${token}`, 'x-request-id': 'audit-check-1' },
    );
    const line = logLines.find((l) => l.message === 'audit' && l.fields.requestId === 'audit-check-1');
    expect(line?.fields).toMatchObject({
      role: 'admin',
      subject: 'auditor-7',
      view: 'students',
      rows: 1,
      ir: { from: 'students', segments: ['students.graduated'] },
    });
    const request = logLines.find((l) => l.message === 'request' && l.fields.requestId === 'audit-check-1');
    expect(request?.fields).toMatchObject({ method: 'POST', path: '/v1/query', status: 200 });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a caller exceeds its burst', async () => {
    // A slow refill, so that a loaded machine cannot refill the bucket between the requests.
    const server = await boot({ limits: { ratePerSecond: 0.05, rateBurst: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.url}/v1/meta`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(`${server.url}/v1/meta`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).errors[0].code).toBe('rate-limited');
    // Another caller (a token subject) has its own bucket.
    const token = await mintToken(SECRET, { role: 'admin', sub: 'other' });
    expect(
      (await fetch(`${server.url}/v1/meta`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('finishes a running request, then refuses new connections', async () => {
    const server = await boot({ limits: { statementTimeoutMs: 400 } });
    const before = server.engine.executed;
    const running = post(server, SLOW);
    // Close only once the statement runs in the engine: the request is then in flight, not just connecting.
    for (let i = 0; i < 400 && server.engine.executed === before; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(server.engine.executed).toBe(before + 1);
    await server.close(5_000);
    const response = await running;
    expect(response.status).toBe(504);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('batches', () => {
  it('runs a batch of 100 queries on a server with 1 slot and a queue of 1, in order', async () => {
    const server = await boot({ limits: { concurrency: 1, maxQueue: 1 } });
    const queries = Array.from({ length: 100 }, (_, i) => ({
      v: 1,
      from: 'loans',
      measures: ['loans.loans'],
      filters: { member: 'loans.category', operator: 'equals', values: ['ABCDE'[i % 5]] },
      limit: i + 1,
    }));
    const response = await post(server, { queries });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.results).toHaveLength(100);
    expect(body.results.map((r: { data: number[][] }) => r.data[0]![0])).toEqual(
      Array.from({ length: 100 }, () => 80),
    );
  });
});

describe('truncation', () => {
  it("does not call the query's own limit a truncation, but the server cap is one", async () => {
    const server = await boot({ limits: { maxRows: 5 } });
    const ir = {
      v: 1,
      from: 'loans',
      measures: ['loans.loans'],
      dimensions: [{ member: 'loans.ts', granularity: 'day' }],
    };
    const own = await (await post(server, { ...ir, limit: 3 })).json();
    expect(own).toMatchObject({ rowCount: 3, truncated: false, limit: 3 });
    const capped = await (await post(server, { ...ir, limit: 50 })).json();
    expect(capped).toMatchObject({ rowCount: 5, truncated: true, limit: 5 });
  });
});

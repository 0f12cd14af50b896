import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueryIR } from '@campus-cockpit/query';
import { fakeValue, startFakeWarehouse, type FakeWarehouse } from '../test/fake-warehouse.js';
import { QueryError } from './errors.js';
import { firstValue } from './result.js';
import { createSource, type Source, type SourceOptions } from './source.js';

const headcount: QueryIR = {
  v: 1,
  from: 'students',
  measures: ['students.headcount'],
  segments: ['students.enrolled'],
};
const loans: QueryIR = { v: 1, from: 'loans', measures: ['loans.loans'] };

let warehouse: FakeWarehouse;
let source: Source;

function open(options: Partial<SourceOptions> = {}): Source {
  source = createSource({ endpoint: warehouse.url, ...options });
  return source;
}

beforeEach(async () => {
  warehouse = await startFakeWarehouse();
});

afterEach(async () => {
  source?.dispose();
  await warehouse.close();
});

describe('createSource', () => {
  it('rejects a missing endpoint with a message saying how to call it', () => {
    expect(() => createSource({} as SourceOptions)).toThrow(/createSource needs an endpoint/);
  });

  it('fetches the catalog once for many text queries and revalidates it with If-None-Match', async () => {
    open();
    const texts = [
      'from students | measure headcount',
      'from loans | measure loans',
      'from network | measure sessions',
    ];
    await Promise.all(texts.map((text) => source.query(text)));
    expect(warehouse.count('GET /v1/meta')).toBe(1);
    expect(source.timeZone).toBe('Asia/Shanghai');
    const catalog = await source.catalog();
    expect(await source.refreshCatalog()).toBe(catalog);
    const [, again] = warehouse.requests.filter((r) => r.path === '/v1/meta');
    expect(again!.headers['if-none-match']).toBe('"catalog-1"');
  });

  it('compiles text to the same IR the server receives', async () => {
    open();
    const result = await source.query('from students | measure headcount | segment enrolled');
    const sent = warehouse.requests.find((r) => r.path === '/v1/query')!.body as QueryIR;
    expect(sent).toEqual(headcount);
    expect(firstValue(result)).toBe(fakeValue(headcount, 'students.headcount'));
  });

  it('reports a bad text query with line:col diagnostics without sending it', async () => {
    open();
    const error = await source.query('from students | measure headcont').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    const queryError = error as QueryError;
    expect(queryError.kind).toBe('invalid-query');
    const [first] = queryError.diagnostics;
    expect(first).toMatchObject({ code: 'unknown-member', span: { line: 1, col: 25 } });
    expect(first!.suggestions).toContain('headcount');
    expect(warehouse.count('POST /v1/query')).toBe(0);
  });

  it('sends twenty identical concurrent queries as one request', async () => {
    open();
    const results = await Promise.all(Array.from({ length: 20 }, () => source.query(headcount)));
    expect(new Set(results).size).toBe(1);
    expect(warehouse.count('POST /v1/query')).toBe(1);
  });

  it('batches different queries issued in the same task into one POST and routes each result back', async () => {
    open();
    const queries = Array.from({ length: 20 }, (_, i): QueryIR => ({ ...headcount, limit: i + 1 }));
    const results = await Promise.all(queries.map((q) => source.query(q)));
    expect(warehouse.count('POST /v1/query')).toBe(1);
    const body = warehouse.requests.find((r) => r.path === '/v1/query')!.body as { queries: QueryIR[] };
    expect(body.queries).toHaveLength(20);
    results.forEach((result, i) =>
      expect(firstValue(result)).toBe(fakeValue(queries[i]!, 'students.headcount')),
    );
  });

  it('serves a repeated query from the cache within its TTL, and asks again with cache: reload', async () => {
    open();
    await source.query(headcount);
    await source.query(headcount);
    expect(warehouse.count('POST /v1/query')).toBe(1);
    await source.query(headcount, { cache: 'reload' });
    expect(warehouse.count('POST /v1/query')).toBe(2);
  });

  it('keeps the caches of two identities apart', async () => {
    open({ identity: 'alice' });
    await source.query(headcount);
    source.dispose();
    open({ identity: 'bob' });
    await source.query(headcount);
    expect(warehouse.count('POST /v1/query')).toBe(2);
  });

  it('binds only the parameters a query uses', async () => {
    open();
    const byYear: QueryIR = {
      v: 1,
      from: 'admissions',
      measures: ['admissions.new_students'],
      filters: {
        member: 'admissions.admit_year',
        operator: 'equals',
        values: [{ param: 'year', optional: true }],
      },
    };
    await source.query(byYear, { params: { year: 2025, unrelated: 'x' } });
    const sent = warehouse.requests.find((r) => r.path === '/v1/query')!.body as QueryIR;
    expect(sent.params).toEqual({ year: 2025 });
  });

  it('surfaces a problem+json answer with its status and diagnostics', async () => {
    open();
    warehouse.intercept = (r) =>
      r.path === '/v1/query'
        ? {
            status: 403,
            body: {
              type: 'urn:campus-cockpit:problem:forbidden',
              title: 'Forbidden',
              status: 403,
              detail: 'You may not read staff.headcount.',
              errors: [
                { code: 'forbidden-member', severity: 'error', message: 'No access.', path: '/measures/0' },
              ],
            },
          }
        : undefined;
    const error = (await source.query(headcount).catch((e: unknown) => e)) as QueryError;
    expect(error.kind).toBe('http');
    expect(error.status).toBe(403);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('You may not read staff.headcount.');
    expect(error.diagnostics[0]!.code).toBe('forbidden-member');
    expect(warehouse.count('POST /v1/query')).toBe(1);
  });

  it('fails only the bad query of a batch and sends the others again', async () => {
    open();
    let first = true;
    warehouse.intercept = (r) => {
      if (r.path !== '/v1/query' || !first) return undefined;
      first = false;
      return {
        status: 400,
        body: {
          type: 'urn:campus-cockpit:problem:invalid-query',
          title: 'Invalid',
          status: 400,
          query: 1,
          errors: [
            { code: 'unknown-member', severity: 'error', message: 'Unknown.', path: '/queries/1/measures/0' },
          ],
        },
      };
    };
    const [a, b, c] = await Promise.allSettled([
      source.query(headcount),
      source.query(loans),
      source.query({ ...loans, limit: 5 }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(((b as PromiseRejectedResult).reason as QueryError).kind).toBe('invalid-query');
    expect(c.status).toBe('fulfilled');
    expect(warehouse.count('POST /v1/query')).toBe(2);
  });

  it('drops a query from the batch when its caller aborts before it is sent', async () => {
    open();
    const controller = new AbortController();
    const cancelled = source.query(headcount, { signal: controller.signal });
    const kept = source.query(loans);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ kind: 'aborted' });
    await kept;
    expect(warehouse.requests.find((r) => r.path === '/v1/query')!.body).toEqual(loans);
  });

  it('keeps a shared request alive while one caller still waits, and cancels it when none does', async () => {
    open();
    warehouse.intercept = (r) => (r.path === '/v1/query' ? { delay: 200 } : undefined);
    const one = new AbortController();
    const two = new AbortController();
    const first = source.query(headcount, { signal: one.signal });
    const second = source.query(headcount, { signal: two.signal });
    await new Promise((r) => setTimeout(r, 50));
    one.abort();
    await expect(first).rejects.toMatchObject({ kind: 'aborted' });
    expect(firstValue(await second)).toBe(fakeValue(headcount, 'students.headcount'));
    expect(source.stats.resources).toBe(0);
  });

  it('fails with a timeout when the server does not answer in time', async () => {
    open({ timeout: 100 });
    warehouse.intercept = (r) => (r.path === '/v1/query' ? { stall: true } : undefined);
    const error = (await source.query(headcount, { retries: 0 }).catch((e: unknown) => e)) as QueryError;
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
  });

  it('reports an unreachable endpoint as a network error', async () => {
    const url = warehouse.url;
    await warehouse.close();
    source = createSource({ endpoint: url });
    const error = (await source.query(headcount, { retries: 0 }).catch((e: unknown) => e)) as QueryError;
    expect(error.kind).toBe('network');
    warehouse = await startFakeWarehouse();
  });

  it('retries 5xx with backoff and succeeds, but never retries a 4xx', async () => {
    open();
    let failures = 2;
    warehouse.intercept = (r) => (r.path === '/v1/query' && failures-- > 0 ? { status: 503 } : undefined);
    await source.query(headcount, { retries: 2 });
    expect(warehouse.count('POST /v1/query')).toBe(3);
    warehouse.intercept = (r) => (r.path === '/v1/query' ? { status: 404 } : undefined);
    await expect(source.query(loans, { retries: 2 })).rejects.toMatchObject({ status: 404 });
    expect(warehouse.count('POST /v1/query')).toBe(4);
  });

  it('asks the token provider once per expiry when many requests get 401 together', async () => {
    let issued = 0;
    const reasons: string[] = [];
    open({
      token: async ({ reason }) => {
        reasons.push(reason);
        await new Promise((r) => setTimeout(r, 20));
        return `token-${++issued}`;
      },
    });
    warehouse.intercept = (r) =>
      r.headers.authorization === 'Bearer token-1'
        ? {
            status: 401,
            body: {
              type: 'urn:campus-cockpit:problem:unauthorized',
              title: 'Unauthorized',
              status: 401,
              errors: [],
            },
          }
        : undefined;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => source.query({ ...headcount, limit: i + 1 }, { cache: 'reload' })),
    );
    expect(results).toHaveLength(20);
    expect(reasons).toEqual(['initial', 'expired']);
    expect(
      warehouse.requests.filter((r) => r.path === '/v1/query').map((r) => r.headers.authorization),
    ).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('polls a long query after 202 and tells the caller when the wait began', async () => {
    open({ headers: { 'x-long': '300' } });
    let waitingSince: number | undefined;
    const result = await source.query(headcount, { onWaiting: (since) => (waitingSince = since) });
    expect(firstValue(result)).toBe(fakeValue(headcount, 'students.headcount'));
    expect(waitingSince).toBeTypeOf('number');
    expect(warehouse.count('GET /v1/query/1')).toBeGreaterThan(0);
  });

  it('cancels a long query with DELETE when no caller needs it any more', async () => {
    open({ headers: { 'x-long': '60000' } });
    const controller = new AbortController();
    const pending = source.query(headcount, {
      signal: controller.signal,
      onWaiting: () => controller.abort(),
    });
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    await expect.poll(() => warehouse.count('DELETE /v1/query/1')).toBe(1);
  });

  it('decodes an Arrow answer when asked for one, with the column kinds from its metadata', async () => {
    open();
    const result = await source.query(headcount, { arrow: true });
    const request = warehouse.requests.find((r) => r.path === '/v1/query')!;
    expect(request.headers.accept).toContain('application/vnd.apache.arrow.stream');
    expect(result.columns[0]).toMatchObject({ key: 'students.headcount', kind: 'measure' });
    expect(firstValue(result)).toBe(fakeValue(headcount, 'students.headcount'));
    expect(result.meta.timeZone).toBe('Asia/Shanghai');
  });

  it('says which required parameter has no value instead of sending the query', async () => {
    open();
    const text = 'from admissions | measure new_students | where admit_year = :year';
    const error = (await source.query(text).catch((e: unknown) => e)) as QueryError;
    expect(error.kind).toBe('invalid-query');
    expect(error.diagnostics[0]).toMatchObject({ code: 'unbound-param', message: '参数 :year 没有值。' });
    expect(warehouse.count('POST /v1/query')).toBe(0);
    await expect(source.query(text, { params: { year: 2025 } })).resolves.toMatchObject({ rowCount: 1 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { startFixtureServer, type FixtureServer } from '../testing/fixture.js';

let fixture: FixtureServer;
let server: RunningServer;

beforeAll(async () => {
  fixture = await startFixtureServer({ host: '127.0.0.1', dev: true });
  server = fixture.server;
});

afterAll(() => fixture?.close());

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function direct(sql: string): Promise<unknown[][]> {
  return (await server.engine.query(sql)).columns;
}

describe('the first live slice', () => {
  it('answers headcount of enrolled students as a direct DuckDB count does', async () => {
    const response = await post({
      v: 1,
      from: 'students',
      measures: ['students.headcount'],
      segments: ['students.enrolled'],
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    const [[expected]] = (await direct(
      "SELECT count(DISTINCT student_id) FROM students WHERE status = '在读'",
    )) as [[bigint]];
    expect(body.data).toEqual([[Number(expected)]]);
    expect(body.columns).toEqual([
      { key: 'students.headcount', kind: 'measure', member: 'students.headcount', type: 'number' },
    ]);
    expect(body.truncated).toBe(false);
    expect(body.rowCount).toBe(1);
  });

  it('groups by a dimension, in dimension order, as GROUP BY does', async () => {
    const response = await post({
      v: 1,
      from: 'students',
      measures: ['students.headcount'],
      dimensions: [{ member: 'students.college' }],
    });
    const body = await response.json();
    const expected = await direct(
      'SELECT college, count(DISTINCT student_id) FROM students GROUP BY college ORDER BY college',
    );
    expect(body.data[0]).toEqual(expected[0]);
    expect(body.data[1]).toEqual(expected[1]!.map(Number));
  });

  it('answers an empty result with one empty array per column, not an error', async () => {
    const response = await post({
      v: 1,
      from: 'students',
      measures: ['students.headcount'],
      dimensions: [{ member: 'students.college' }],
      filters: { member: 'students.college', operator: 'equals', values: ['没有这个学院'] },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.rowCount).toBe(0);
    expect(body.data).toEqual([[], []]);
    expect(body.columns).toHaveLength(2);
  });

  it('answers a batch in request order', async () => {
    const response = await post({
      queries: [
        { v: 1, from: 'loans', measures: ['loans.loans'] },
        { v: 1, from: 'students', measures: ['students.headcount'] },
      ],
    });
    const body = await response.json();
    expect(body.results).toHaveLength(2);
    expect(body.results[0].data).toEqual([[400]]);
    expect(body.results[1].data).toEqual([[36]]);
  });

  it('serves /healthz and the OpenAPI document', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const openapi = await (await fetch(`${server.url}/v1/openapi.json`)).json();
    expect(Object.keys(openapi.paths)).toContain('/v1/query');
  });
});

describe('GET /v1/meta', () => {
  it('shows anonymous callers only public views and members, with pinyin', async () => {
    const response = await fetch(`${server.url}/v1/meta`);
    expect(response.status).toBe(200);
    const meta = await response.json();
    expect(meta.views.map((v: { name: string }) => v.name)).toEqual(['students', 'loans']);
    const students = meta.views[0];
    expect(students.measures.map((m: { name: string }) => m.name)).toEqual(['headcount']);
    expect(students.dimensions.map((d: { name: string }) => d.name)).toEqual(['college', 'major', 'grade']);
    expect(students.pinyin).toEqual(['xuesheng', 'xs']);
    expect(JSON.stringify(meta)).not.toMatch(/student_id|status =|claims/);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${server.url}/v1/meta`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const second = await fetch(`${server.url}/v1/meta`, { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
  });
});

describe('the public role', () => {
  it('refuses a non-public measure to anonymous callers with 401 and a problem body', async () => {
    const response = await post({ v: 1, from: 'students', measures: ['students.avg_gpa'] });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await response.json();
    expect(problem.errors[0]).toMatchObject({ code: 'unauthorized', path: '/measures/0' });
    expect(problem).not.toHaveProperty('data');
  });

  it('speaks Chinese by default and English on Accept-Language: en', async () => {
    const ir = { v: 1, from: 'students', measures: ['students.avg_gpa'] };
    const zh = await (await post(ir)).json();
    expect(zh.errors[0].message).toBe('请登录后查看此数据。（students.avg_gpa）');
    const en = await (await post(ir, { 'accept-language': 'en-US,en;q=0.9' })).json();
    expect(en.errors[0].message).toBe("Reading measure 'students.avg_gpa' needs a signed-in caller.");
  });

  it('refuses a non-public view to anonymous callers', async () => {
    const response = await post({ v: 1, from: 'network', measures: ['network.traffic_gb'] });
    expect(response.status).toBe(401);
  });
});

describe('problems', () => {
  it('names an unknown member with a suggestion and a JSON Pointer', async () => {
    const response = await post({ v: 1, from: 'students', measures: ['students.headcont'] });
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.type).toBe('urn:campus-cockpit:problem:invalid-query');
    expect(problem.errors[0]).toMatchObject({
      code: 'unknown-member',
      path: '/measures/0',
      suggestions: ['students.headcount'],
    });
  });

  it('answers 404 problem for an unknown endpoint and for /dev/token without --dev', async () => {
    const response = await fetch(`${server.url}/v1/nothing`);
    expect(response.status).toBe(404);
    expect((await response.json()).errors[0].code).toBe('not-found');
  });
});

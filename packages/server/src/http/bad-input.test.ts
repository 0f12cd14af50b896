import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../security/auth.js';
import { startFixtureServer, type FixtureServer } from '../testing/fixture.js';
import type { RunningServer } from './server.js';

const SECRET = 'bad-input-test-secret-that-is-long-enough-01';
let fixture: FixtureServer;
let server: RunningServer;
let admin: string;

beforeAll(async () => {
  fixture = await startFixtureServer({
    auth: { hs256Secret: SECRET },
    limits: { ratePerSecond: 10_000, rateBurst: 10_000 },
  });
  server = fixture.server;
  admin = await mintToken(SECRET, { role: 'admin' });
});

afterAll(() => fixture?.close());

const Q = { v: 1, from: 'students', measures: ['students.headcount'] };
const INJECTIONS = [
  'students; DROP TABLE students; --',
  'students.headcount) FROM students; DROP TABLE students; --',
  'students.college" OR 1=1 --',
  "students.college' OR '1'='1",
  '$1',
  '__source.*',
  'students.college/**/UNION/**/SELECT/**/id_number/**/FROM/**/students',
];

/** Bodies that must be refused: [name, body (text or JSON), expected status]. */
const CORPUS: [string, unknown, number][] = [
  ['empty body', '', 400],
  ['truncated JSON', '{"v": 1, "from": "students"', 400],
  ['JSON with a trailing comma', '{"v": 1, "from": "students",}', 400],
  ['a JSON string', '"from students | measure headcount"', 400],
  ['a JSON array', '[]', 400],
  ['null', 'null', 400],
  ['unknown root field', { ...Q, where: '1=1' }, 400],
  ['unknown dimension field', { ...Q, dimensions: [{ member: 'students.college', sql: 'name' }] }, 400],
  ['missing v', { from: 'students', measures: ['students.headcount'] }, 400],
  ['v 2', { ...Q, v: 2 }, 400],
  ['from a number', { ...Q, from: 42 }, 400],
  ['unknown view', { ...Q, from: 'student' }, 400],
  ['measures not a list', { ...Q, measures: 'students.headcount' }, 400],
  ['unknown measure', { ...Q, measures: ['students.headcont'] }, 400],
  ['unqualified measure', { ...Q, measures: ['headcount'] }, 400],
  ['member of another view', { ...Q, measures: ['loans.loans'] }, 400],
  ['dimension used as a measure', { ...Q, measures: ['students.college'] }, 400],
  ['measure used as a dimension', { ...Q, dimensions: [{ member: 'students.headcount' }] }, 400],
  ['time dimension without granularity', { ...Q, dimensions: [{ member: 'students.enrol_date' }] }, 400],
  [
    'granularity on a string dimension',
    { ...Q, dimensions: [{ member: 'students.college', granularity: 'day' }] },
    400,
  ],
  [
    'unsupported granularity',
    { ...Q, dimensions: [{ member: 'students.enrol_date', granularity: 'minute' }] },
    400,
  ],
  [
    'unknown attribute',
    { ...Q, dimensions: [{ member: 'students.origin_province', attribute: 'capital' }] },
    400,
  ],
  [
    'number for a string dimension',
    { ...Q, filters: { member: 'students.college', operator: 'equals', values: [1] } },
    400,
  ],
  [
    'string for a number dimension',
    { ...Q, filters: { member: 'students.grade', operator: 'equals', values: ['2024'] } },
    400,
  ],
  [
    'impossible date',
    { ...Q, filters: { member: 'students.enrol_date', operator: 'gte', values: ['2025-02-30'] } },
    400,
  ],
  [
    'unknown operator',
    { ...Q, filters: { member: 'students.college', operator: 'contains', values: ['学'] } },
    400,
  ],
  [
    'between with one value',
    { ...Q, filters: { member: 'students.grade', operator: 'between', values: [2022] } },
    400,
  ],
  [
    'like on a number',
    { ...Q, filters: { member: 'students.grade', operator: 'like', values: ['20%'] } },
    400,
  ],
  [
    'a filter with two kinds',
    { ...Q, filters: { and: [], member: 'students.college', operator: 'isNull' } },
    400,
  ],
  [
    'a measure in filters',
    { ...Q, filters: { member: 'students.headcount', operator: 'gt', values: [1] } },
    400,
  ],
  [
    'a dimension in having',
    { ...Q, having: { member: 'students.college', operator: 'equals', values: ['工学院'] } },
    400,
  ],
  [
    'unbound required parameter',
    { ...Q, filters: { member: 'students.college', operator: 'equals', values: [{ param: 'college' }] } },
    400,
  ],
  [
    'object as a value',
    { ...Q, filters: { member: 'students.college', operator: 'equals', values: [{ sql: '1=1' }] } },
    400,
  ],
  ['order by an unknown column', { ...Q, order: [{ by: 'students.college' }] }, 400],
  [
    'top by a dimension',
    { ...Q, dimensions: [{ member: 'students.college' }], top: { n: 3, by: 'students.college' } },
    400,
  ],
  [
    'rollup out of order',
    {
      ...Q,
      dimensions: [{ member: 'students.college' }, { member: 'students.major' }],
      rollup: ['students.major', 'students.college'],
    },
    400,
  ],
  ['limit 0', { ...Q, limit: 0 }, 400],
  ['limit above the maximum', { ...Q, limit: 10_000_001 }, 400],
  ['negative offset', { ...Q, offset: -1 }, 400],
  ['fractional limit', { ...Q, limit: 2.5 }, 400],
  [
    'top n 0',
    { ...Q, dimensions: [{ member: 'students.college' }], top: { n: 0, by: 'students.headcount' } },
    400,
  ],
  [
    'range ending before it starts',
    {
      ...Q,
      timeRange: { dimension: 'students.enrol_date', range: { start: '2025-09-01', end: '2025-08-01' } },
    },
    400,
  ],
  [
    'unknown relative range',
    { ...Q, timeRange: { dimension: 'students.enrol_date', range: { relative: 'someday' } } },
    400,
  ],
  [
    'range on a string dimension',
    { ...Q, timeRange: { dimension: 'students.college', range: { relative: 'today' } } },
    400,
  ],
  ['compare without a range', { ...Q, compare: { previous: 'year' } }, 400],
  [
    'a string over the length limit',
    { ...Q, filters: { member: 'students.college', operator: 'equals', values: ['x'.repeat(1001)] } },
    413,
  ],
  [
    'more than 1000 values',
    {
      ...Q,
      filters: {
        member: 'students.college',
        operator: 'in',
        values: Array.from({ length: 1001 }, (_, i) => `c${i}`),
      },
    },
    413,
  ],
  ['a batch of 101 queries', { queries: Array.from({ length: 101 }, () => Q) }, 413],
  ['an empty batch', { queries: [] }, 400],
  [
    'deep filter nesting',
    {
      ...Q,
      filters: JSON.parse(
        '{"not":'.repeat(40) + '{"member":"students.college","operator":"isNull"}' + '}'.repeat(40),
      ),
    },
    413,
  ],
  [
    'a view with a required filter, unfiltered',
    { v: 1, from: 'network', measures: ['network.traffic_gb'] },
    400,
  ],
  ...INJECTIONS.flatMap((text): [string, unknown, number][] => [
    [`injection in from: ${text}`, { ...Q, from: text }, 400],
    [`injection in measures: ${text}`, { ...Q, measures: [text] }, 400],
    [`injection in a dimension: ${text}`, { ...Q, dimensions: [{ member: text }] }, 400],
    [
      `injection in an attribute: ${text}`,
      { ...Q, dimensions: [{ member: 'students.origin_province', attribute: text }] },
      400,
    ],
    [`injection in a segment: ${text}`, { ...Q, segments: [text] }, 400],
    [`injection in a filter member: ${text}`, { ...Q, filters: { member: text, operator: 'isNull' } }, 400],
    [
      `injection in an operator: ${text}`,
      { ...Q, filters: { member: 'students.college', operator: text, values: ['x'] } },
      400,
    ],
    [`injection in order: ${text}`, { ...Q, order: [{ by: text }] }, 400],
    [
      `injection in a direction: ${text}`,
      { ...Q, order: [{ by: 'students.headcount', direction: text }] },
      400,
    ],
    [
      `injection in top.by: ${text}`,
      { ...Q, dimensions: [{ member: 'students.college' }], top: { n: 2, by: text } },
      400,
    ],
    [
      `injection in a granularity: ${text}`,
      { ...Q, dimensions: [{ member: 'students.enrol_date', granularity: text }] },
      400,
    ],
    [
      `injection in a range unit: ${text}`,
      { ...Q, timeRange: { dimension: 'students.enrol_date', range: { relative: 'last', unit: text } } },
      400,
    ],
    [`injection in a parameter name: ${text}`, { ...Q, params: { [text]: 1 } }, 400],
  ]),
];

describe('the bad-input corpus', () => {
  it.each(CORPUS)('refuses %s with a precise problem and no data', async (_name, body, status) => {
    const response = await fetch(`${server.url}/v1/query`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin}`,
        'accept-language': 'en',
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const problem = await response.json();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problem.status).toBe(status);
    expect(problem.errors.length).toBeGreaterThan(0);
    for (const error of problem.errors) {
      expect(error.code).toMatch(/^[a-z-]+$/);
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect(problem).not.toHaveProperty('data');
  });

  it('binds injection strings in values: they match nothing and change nothing', async () => {
    for (const text of INJECTIONS) {
      const response = await fetch(`${server.url}/v1/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          ...Q,
          filters: {
            or: [
              { member: 'students.college', operator: 'equals', values: [text] },
              { member: 'students.major', operator: 'like', values: [text] },
            ],
          },
        }),
      });
      expect(response.status).toBe(200);
      expect((await response.json()).data).toEqual([[0]]);
    }
    const intact = await server.engine.query('SELECT count(*) FROM students');
    expect(Number(intact.columns[0]![0])).toBe(36);
  });

  it('refuses a body that is not application/json with 415', async () => {
    const response = await fetch(`${server.url}/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(Q),
    });
    expect(response.status).toBe(415);
  });

  it('names the failing query of a batch', async () => {
    const response = await fetch(`${server.url}/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queries: [Q, { ...Q, measures: ['students.nope'] }] }),
    });
    const problem = await response.json();
    expect(response.status).toBe(400);
    expect(problem.query).toBe(1);
    expect(problem.errors[0].path).toBe('/queries/1/measures/0');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const response = await fetch(`${server.url}/v1/query`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

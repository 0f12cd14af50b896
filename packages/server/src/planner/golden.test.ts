/**
 * Golden queries: each IR's answer equals a hand-written SQL statement's over the same fixture database.
 * The SQL is written from the catalog's definitions, not generated, so the planner is checked, not echoed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../http/server.js';
import { mintToken } from '../security/auth.js';
import { startFixtureServer, type FixtureServer } from '../testing/fixture.js';

const SECRET = 'golden-test-secret-that-is-long-enough-012345';
/** 2026-03-15 10:00 in Shanghai: "today" for relative ranges. */
const NOW = new Date('2026-03-15T02:00:00Z');
let fixture: FixtureServer;
let server: RunningServer;
let admin: string;

beforeAll(async () => {
  fixture = await startFixtureServer({ auth: { hs256Secret: SECRET }, now: () => NOW, cacheTtlMs: 0 });
  server = fixture.server;
  admin = await mintToken(SECRET, { role: 'admin' });
});

afterAll(() => fixture?.close());

const normalise = (value: unknown): unknown => {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Math.round(value * 1e9) / 1e9;
  return value;
};

async function answer(ir: unknown): Promise<{ data: unknown[][]; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify(ir),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${response.status}: ${JSON.stringify(body)}`);
  return { data: (body.data as unknown[][]).map((c) => c.map(normalise)), body };
}

async function direct(sql: string): Promise<unknown[][]> {
  return (await server.engine.query(sql)).columns.map((c) => c.map(normalise));
}

/** Rows of column arrays, sorted, for comparisons where the order is not the point. */
const rowSet = (columns: unknown[][]): string[] =>
  (columns[0] ?? []).map((_, r) => JSON.stringify(columns.map((c) => c[r]))).sort();

const S = { v: 1, from: 'students' } as const;
const L = { v: 1, from: 'loans' } as const;
const HC = ['students.headcount'];
const COLLEGE = { member: 'students.college' };
const TS = (granularity: string) => ({ member: 'loans.ts', granularity });

/** [name, IR, SQL] — compared column by column, in order. */
const GOLDEN: [string, unknown, string][] = [
  ['a total', { ...S, measures: HC }, 'SELECT count(DISTINCT student_id) FROM students'],
  [
    'by college',
    { ...S, measures: HC, dimensions: [COLLEGE] },
    'SELECT college, count(DISTINCT student_id) FROM students GROUP BY 1 ORDER BY 1',
  ],
  [
    'by college and major',
    { ...S, measures: HC, dimensions: [COLLEGE, { member: 'students.major' }] },
    'SELECT college, major, count(DISTINCT student_id) FROM students GROUP BY 1, 2 ORDER BY 1, 2',
  ],
  [
    'an average by gender',
    { ...S, measures: ['students.avg_gpa'], dimensions: [{ member: 'students.gender' }] },
    'SELECT gender, avg(gpa) FROM students GROUP BY 1 ORDER BY 1',
  ],
  [
    'a sum of decimals by grade',
    { ...S, measures: ['students.gpa_total'], dimensions: [{ member: 'students.grade' }] },
    'SELECT grade, sum(gpa) FROM students GROUP BY 1 ORDER BY 1',
  ],
  ['dimensions only', { ...S, dimensions: [COLLEGE] }, 'SELECT DISTINCT college FROM students ORDER BY 1'],
  [
    'equals',
    { ...S, measures: HC, filters: { member: 'students.college', operator: 'equals', values: ['医学院'] } },
    "SELECT count(DISTINCT student_id) FROM students WHERE college = '医学院'",
  ],
  [
    'notEquals',
    {
      ...S,
      measures: HC,
      filters: { member: 'students.college', operator: 'notEquals', values: ['医学院'] },
    },
    "SELECT count(DISTINCT student_id) FROM students WHERE college <> '医学院'",
  ],
  [
    'in',
    {
      ...S,
      measures: HC,
      dimensions: [COLLEGE],
      filters: { member: 'students.college', operator: 'in', values: ['医学院', '理学院'] },
    },
    "SELECT college, count(DISTINCT student_id) FROM students WHERE college IN ('医学院', '理学院') GROUP BY 1 ORDER BY 1",
  ],
  [
    'notIn',
    {
      ...S,
      measures: HC,
      filters: { member: 'students.college', operator: 'notIn', values: ['医学院', '理学院'] },
    },
    "SELECT count(DISTINCT student_id) FROM students WHERE college NOT IN ('医学院', '理学院')",
  ],
  [
    'gt and lte on numbers',
    {
      ...S,
      measures: HC,
      filters: {
        and: [
          { member: 'students.grade', operator: 'gt', values: [2022] },
          { member: 'students.grade', operator: 'lte', values: [2024] },
        ],
      },
    },
    'SELECT count(DISTINCT student_id) FROM students WHERE grade > 2022 AND grade <= 2024',
  ],
  [
    'between',
    { ...S, measures: HC, filters: { member: 'students.grade', operator: 'between', values: [2023, 2024] } },
    'SELECT count(DISTINCT student_id) FROM students WHERE grade BETWEEN 2023 AND 2024',
  ],
  [
    'notBetween',
    {
      ...S,
      measures: HC,
      filters: { member: 'students.grade', operator: 'notBetween', values: [2023, 2024] },
    },
    'SELECT count(DISTINCT student_id) FROM students WHERE grade NOT BETWEEN 2023 AND 2024',
  ],
  [
    'like',
    { ...S, measures: HC, filters: { member: 'students.major', operator: 'like', values: ['汉%'] } },
    "SELECT count(DISTINCT student_id) FROM students WHERE major LIKE '汉%'",
  ],
  [
    'notLike',
    { ...S, measures: HC, filters: { member: 'students.major', operator: 'notLike', values: ['%理%'] } },
    "SELECT count(DISTINCT student_id) FROM students WHERE major NOT LIKE '%理%'",
  ],
  [
    'isNull or a value',
    {
      ...S,
      measures: HC,
      filters: {
        or: [
          { member: 'students.origin_province', operator: 'isNull' },
          { member: 'students.origin_province', operator: 'equals', values: ['浙江省'] },
        ],
      },
    },
    "SELECT count(DISTINCT student_id) FROM students WHERE province_name IS NULL OR province_name = '浙江省'",
  ],
  [
    'not of an and',
    {
      ...S,
      measures: HC,
      filters: {
        not: {
          and: [
            { member: 'students.gender', operator: 'equals', values: ['男'] },
            { member: 'students.grade', operator: 'gte', values: [2024] },
          ],
        },
      },
    },
    "SELECT count(DISTINCT student_id) FROM students WHERE NOT (gender = '男' AND grade >= 2024)",
  ],
  [
    'a segment by college',
    { ...S, measures: HC, dimensions: [COLLEGE], segments: ['students.enrolled'] },
    "SELECT college, count(DISTINCT student_id) FROM students WHERE status = '在读' GROUP BY 1 ORDER BY 1",
  ],
  [
    'two segments together',
    { ...S, measures: HC, segments: ['students.enrolled', 'students.graduated'] },
    "SELECT count(DISTINCT student_id) FROM students WHERE status = '在读' AND status = '毕业'",
  ],
  [
    'having',
    {
      ...S,
      measures: HC,
      dimensions: [{ member: 'students.major' }],
      having: { member: 'students.headcount', operator: 'gt', values: [4] },
    },
    'SELECT major, count(DISTINCT student_id) FROM students GROUP BY 1 HAVING count(DISTINCT student_id) > 4 ORDER BY 1',
  ],
  [
    'order by a measure, limit and offset',
    {
      ...S,
      measures: HC,
      dimensions: [{ member: 'students.major' }],
      order: [{ by: 'students.headcount', direction: 'desc' }, { by: 'students.major' }],
      limit: 3,
      offset: 1,
    },
    'SELECT major, count(DISTINCT student_id) AS n FROM students GROUP BY 1 ORDER BY n DESC, major LIMIT 3 OFFSET 1',
  ],
  [
    'an attribute with an alias',
    {
      ...S,
      measures: HC,
      dimensions: [{ member: 'students.origin_province', attribute: 'code', alias: 'province' }],
    },
    'SELECT province_code, count(DISTINCT student_id) FROM students GROUP BY 1 ORDER BY 1',
  ],
  [
    'a filter on an attribute',
    {
      ...S,
      measures: HC,
      filters: {
        member: 'students.origin_province',
        attribute: 'code',
        operator: 'equals',
        values: ['330000'],
      },
    },
    "SELECT count(DISTINCT student_id) FROM students WHERE province_code = '330000'",
  ],
  [
    'a DATE by month',
    { ...S, measures: HC, dimensions: [{ member: 'students.enrol_date', granularity: 'month' }] },
    "SELECT strftime(date_trunc('month', enrol_date::TIMESTAMP), '%Y-%m-%d'), count(DISTINCT student_id) FROM students GROUP BY 1 ORDER BY 1",
  ],
  [
    'a filter on the year bucket',
    {
      ...S,
      measures: HC,
      filters: {
        member: 'students.enrol_date',
        granularity: 'year',
        operator: 'equals',
        values: ['2024-01-01'],
      },
    },
    'SELECT count(DISTINCT student_id) FROM students WHERE year(enrol_date) = 2024',
  ],
  [
    'a time comparison with a date',
    {
      ...S,
      measures: HC,
      filters: { member: 'students.enrol_date', operator: 'gte', values: ['2024-09-10'] },
    },
    "SELECT count(DISTINCT student_id) FROM students WHERE enrol_date >= DATE '2024-09-10'",
  ],
  [
    'weeks in an absolute range',
    {
      ...L,
      measures: ['loans.loans'],
      dimensions: [TS('week')],
      timeRange: { dimension: 'loans.ts', range: { start: '2025-10-01', end: '2025-10-31' } },
    },
    "SELECT strftime(date_trunc('week', loan_time), '%Y-%m-%d'), count(*) FROM loans WHERE loan_time >= TIMESTAMP '2025-10-01' AND loan_time < TIMESTAMP '2025-11-01' GROUP BY 1 ORDER BY 1",
  ],
  [
    'the last 30 days by day',
    {
      ...L,
      measures: ['loans.loans', 'loans.readers'],
      dimensions: [TS('day')],
      timeRange: { dimension: 'loans.ts', range: { relative: 'lastN', n: 30, unit: 'day' } },
    },
    "SELECT strftime(date_trunc('day', loan_time), '%Y-%m-%d'), count(*), count(DISTINCT reader_id) FROM loans WHERE loan_time >= TIMESTAMP '2026-02-13' AND loan_time < TIMESTAMP '2026-03-15' GROUP BY 1 ORDER BY 1",
  ],
  [
    'last month',
    {
      ...L,
      measures: ['loans.loans'],
      timeRange: { dimension: 'loans.ts', range: { relative: 'last', unit: 'month' } },
    },
    "SELECT count(*) FROM loans WHERE loan_time >= TIMESTAMP '2026-02-01' AND loan_time < TIMESTAMP '2026-03-01'",
  ],
  [
    'this week including the future part',
    {
      ...L,
      measures: ['loans.loans'],
      timeRange: { dimension: 'loans.ts', range: { relative: 'this', unit: 'week' } },
    },
    "SELECT count(*) FROM loans WHERE loan_time >= TIMESTAMP '2026-03-09' AND loan_time < TIMESTAMP '2026-03-16'",
  ],
  [
    'by semester',
    { ...L, measures: ['loans.loans'], dimensions: [TS('semester')] },
    "SELECT CASE WHEN loan_time >= TIMESTAMP '2026-03-02' THEN '2026-03-02' WHEN loan_time >= TIMESTAMP '2025-09-01' THEN '2025-09-01' END AS s, count(*) FROM loans GROUP BY 1 ORDER BY 1",
  ],
  [
    'by academic year',
    { ...L, measures: ['loans.loans'], dimensions: [TS('academic_year')] },
    "SELECT '2025-09-01', count(*) FROM loans",
  ],
  [
    'teaching weeks of this semester',
    {
      ...L,
      measures: ['loans.loans'],
      dimensions: [TS('teaching_week')],
      timeRange: { dimension: 'loans.ts', range: { relative: 'this', unit: 'semester' } },
    },
    "SELECT strftime(date_trunc('week', loan_time), '%Y-%m-%d'), count(*) FROM loans WHERE loan_time >= TIMESTAMP '2026-03-02' AND loan_time < TIMESTAMP '2026-07-13' GROUP BY 1 ORDER BY 1",
  ],
  [
    'a view over SQL, by hour, with a required range',
    {
      v: 1,
      from: 'network',
      measures: ['network.traffic_gb'],
      dimensions: [{ member: 'network.ts', granularity: 'hour' }, { member: 'network.building' }],
      timeRange: { dimension: 'network.ts', range: { start: '2025-10-02', end: '2025-10-02' } },
    },
    "SELECT strftime(date_trunc('hour', sample_time), '%Y-%m-%dT%H:%M:%S'), building, sum(bytes) / 1e9 FROM network_samples WHERE sample_time >= TIMESTAMP '2025-10-02' AND sample_time < TIMESTAMP '2025-10-03' GROUP BY 1, 2 ORDER BY 1, 2",
  ],
  [
    'top 2 without others',
    {
      ...L,
      measures: ['loans.loans'],
      dimensions: [{ member: 'loans.college' }],
      top: { n: 2, by: 'loans.loans' },
    },
    'SELECT college, count(*) AS n FROM loans GROUP BY 1 ORDER BY n DESC, college LIMIT 2',
  ],
  [
    'a ratio measure',
    { ...L, measures: ['loans.overdue_rate'], dimensions: [{ member: 'loans.category' }] },
    'SELECT category, avg(CASE WHEN overdue_days > 0 THEN 1.0 ELSE 0.0 END) FROM loans GROUP BY 1 ORDER BY 1',
  ],
  [
    'a segment on loans',
    { ...L, measures: ['loans.loans'], segments: ['loans.overdue'] },
    'SELECT count(*) FROM loans WHERE overdue_days > 0',
  ],
  [
    'an optional parameter left unbound is dropped',
    {
      ...S,
      measures: HC,
      filters: {
        member: 'students.college',
        operator: 'equals',
        values: [{ param: 'college', optional: true }],
      },
    },
    'SELECT count(DISTINCT student_id) FROM students',
  ],
  [
    'a list parameter expands in in',
    {
      ...S,
      measures: HC,
      filters: { member: 'students.college', operator: 'in', values: [{ param: 'colleges' }] },
      params: { colleges: ['工学院', '文学院'] },
    },
    "SELECT count(DISTINCT student_id) FROM students WHERE college IN ('工学院', '文学院')",
  ],
  [
    'a date range parameter',
    {
      ...L,
      measures: ['loans.loans'],
      timeRange: { dimension: 'loans.ts', range: { param: 'term' } },
      params: { term: { start: '2025-12-01', end: '2025-12-31' } },
    },
    "SELECT count(*) FROM loans WHERE loan_time >= TIMESTAMP '2025-12-01' AND loan_time < TIMESTAMP '2026-01-01'",
  ],
];

describe('golden queries', () => {
  it.each(GOLDEN)('%s', async (_name, ir, sql) => {
    const { data } = await answer(ir);
    expect(data).toEqual(await direct(sql));
  });

  it('echoes the resolved range in the catalog time zone and the parameters applied and dropped', async () => {
    const { body } = await answer({
      ...L,
      measures: ['loans.loans'],
      timeRange: { dimension: 'loans.ts', range: { relative: 'lastN', n: 7, unit: 'day' } },
      filters: { member: 'loans.college', operator: 'equals', values: [{ param: 'c', optional: true }] },
    });
    expect(body.timeRange).toEqual({
      dimension: 'loans.ts',
      start: '2026-03-08T00:00:00+08:00',
      end: '2026-03-15T00:00:00+08:00',
    });
    expect(body.timeZone).toBe('Asia/Shanghai');
    expect(body.params).toEqual({ applied: [], dropped: ['c'] });
    const [[latest]] = (await direct("SELECT strftime(max(loan_time), '%Y-%m-%dT%H:%M:%S') FROM loans")) as [
      [string],
    ];
    expect(body.freshness).toEqual({ asOf: latest, refreshMinutes: 1 });
  });
});

describe('top-N with an others row', () => {
  it('keeps the top 2 colleges and recomputes the rest, non-additive measures included', async () => {
    const { data, body } = await answer({
      ...L,
      measures: ['loans.loans', 'loans.readers', 'loans.overdue_rate'],
      dimensions: [{ member: 'loans.college' }],
      top: { n: 2, by: 'loans.loans', others: true },
    });
    const expected = await direct(`
      WITH ranked AS (SELECT college, row_number() OVER (ORDER BY count(*) DESC, college) AS r FROM loans GROUP BY 1)
      SELECT CASE WHEN r <= 2 THEN l.college ELSE '其他' END, count(*), count(DISTINCT reader_id), avg(CASE WHEN overdue_days > 0 THEN 1.0 ELSE 0.0 END), r > 2, CASE WHEN r <= 2 THEN r END AS rank
      FROM loans l JOIN ranked USING (college) GROUP BY 1, 5, 6 ORDER BY 5, 6`);
    expect(data).toEqual(expected.slice(0, 5));
    expect((body.columns as { key: string }[]).map((c) => c.key)).toEqual([
      'loans.college',
      'loans.loans',
      'loans.readers',
      'loans.overdue_rate',
      '@others',
    ]);
  });

  it('ranks within each group with per, adding one others row per group', async () => {
    const { data } = await answer({
      ...L,
      measures: ['loans.loans'],
      dimensions: [{ member: 'loans.college' }, { member: 'loans.category' }],
      top: { n: 1, by: 'loans.loans', per: 'loans.college', others: true },
    });
    const expected = await direct(`
      WITH ranked AS (SELECT college, category, row_number() OVER (PARTITION BY college ORDER BY count(*) DESC, category) AS r FROM loans GROUP BY 1, 2)
      SELECT l.college, CASE WHEN r <= 1 THEN l.category ELSE '其他' END, count(*), r > 1, CASE WHEN r <= 1 THEN r END
      FROM loans l JOIN ranked USING (college, category) GROUP BY 1, 2, 4, 5 ORDER BY 1, 4, 5`);
    expect(data).toEqual(expected.slice(0, 4));
  });
});

describe('totals and rollup', () => {
  it('adds a grand total recomputed by the database, marked by @level', async () => {
    const { data } = await answer({
      ...L,
      measures: ['loans.readers'],
      dimensions: [{ member: 'loans.college' }],
      totals: true,
    });
    const detail = await direct('SELECT college, count(DISTINCT reader_id) FROM loans GROUP BY 1 ORDER BY 1');
    const [[total]] = (await direct('SELECT count(DISTINCT reader_id) FROM loans')) as [[number]];
    expect(data[0]).toEqual([...(detail[0] as unknown[]), null]);
    expect(data[1]).toEqual([...(detail[1] as unknown[]), total]);
    expect(data[2]).toEqual([...(detail[0] as unknown[]).map(() => 'detail'), 'total']);
  });

  it('adds subtotals per college and a total along a rollup', async () => {
    const { data } = await answer({
      ...L,
      measures: ['loans.loans', 'loans.readers'],
      dimensions: [{ member: 'loans.college' }, { member: 'loans.category' }],
      rollup: ['loans.college'],
      totals: true,
    });
    const expected = await direct(`
      SELECT college, category, count(*), count(DISTINCT reader_id),
        CASE GROUPING(college, category) WHEN 0 THEN 'detail' WHEN 1 THEN 'loans.college' ELSE 'total' END
      FROM loans GROUP BY GROUPING SETS ((college, category), (college), ())`);
    expect(rowSet(data)).toEqual(rowSet(expected));
    // Each college's subtotal follows its detail rows; the total comes last.
    const levels = data[4] as string[];
    expect(levels[levels.length - 1]).toBe('total');
    const firstSubtotal = levels.indexOf('loans.college');
    expect(levels.slice(0, firstSubtotal).every((l) => l === 'detail')).toBe(true);
    expect(data[0]![firstSubtotal]).toBe(data[0]![0]);
  });
});

describe('compare', () => {
  it('sets the previous period beside each day, aligned and with the change', async () => {
    const { data, body } = await answer({
      ...L,
      measures: ['loans.loans'],
      dimensions: [TS('day')],
      timeRange: { dimension: 'loans.ts', range: { start: '2026-01-01', end: '2026-01-10' } },
      compare: { previous: 'period' },
    });
    const expected = await direct(`
      WITH cur AS (SELECT date_trunc('day', loan_time) AS d, count(*) AS n FROM loans WHERE loan_time >= TIMESTAMP '2026-01-01' AND loan_time < TIMESTAMP '2026-01-11' GROUP BY 1),
           prev AS (SELECT date_trunc('day', loan_time + INTERVAL 10 DAY) AS d, count(*) AS n FROM loans WHERE loan_time >= TIMESTAMP '2025-12-22' AND loan_time < TIMESTAMP '2026-01-01' GROUP BY 1)
      SELECT strftime(coalesce(cur.d, prev.d), '%Y-%m-%d'), cur.n, prev.n, CASE WHEN prev.n IS NULL OR prev.n = 0 OR cur.n IS NULL THEN NULL ELSE cur.n / prev.n - 1 END
      FROM cur FULL JOIN prev ON cur.d = prev.d ORDER BY 1`);
    expect(data).toEqual(expected);
    expect(body.compareRange).toEqual({
      start: '2025-12-22T00:00:00+08:00',
      end: '2026-01-01T00:00:00+08:00',
    });
    expect((body.columns as { key: string }[]).map((c) => c.key)).toEqual([
      'loans.ts.day',
      'loans.loans',
      'loans.loans.previous',
      'loans.loans.change',
    ]);
  });

  it('compares a month with the same month a year earlier, and the total with the previous month', async () => {
    const { data } = await answer({
      ...L,
      measures: ['loans.loans'],
      timeRange: { dimension: 'loans.ts', range: { start: '2026-02-01', end: '2026-02-28' } },
      compare: { previous: 'month' },
    });
    const [[current], [previous]] = (await direct(
      "SELECT count(*) FILTER (WHERE loan_time >= TIMESTAMP '2026-02-01' AND loan_time < TIMESTAMP '2026-03-01'), count(*) FILTER (WHERE loan_time >= TIMESTAMP '2026-01-01' AND loan_time < TIMESTAMP '2026-02-01') FROM loans",
    )) as [[number], [number]];
    expect(data[0]).toEqual([current]);
    expect(data[1]).toEqual([previous]);
  });
});

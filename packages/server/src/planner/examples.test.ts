/**
 * Every valid example of the query language (packages/query/examples/valid/*.ir.json, compiled by the query
 * package) runs on the server against a mirror of the query fixture catalog, and equals hand-written SQL.
 *
 * The mirror maps each member to a column of the same name (attributes to `<dimension>_<attribute>`, segments to
 * boolean columns), so the SQL below reads like the catalog.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Catalog } from '@campus-cockpit/query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerCatalog, ServerDimension, ServerMeasure, ServerView } from '../catalog/types.js';
import { silentLogger } from '../http/log.js';
import { startServer, type RunningServer } from '../http/server.js';
import { mintToken } from '../security/auth.js';
import { createFixtureDatabase } from '../testing/fixture.js';

const EXAMPLES = new URL('../../../query/examples/', import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('catalog.json', EXAMPLES), 'utf8')) as Catalog;
const SECRET = 'examples-test-secret-that-is-long-enough-0123';
/** 2026-11-26 10:00 in Shanghai. */
const NOW = new Date('2026-11-26T02:00:00Z');
const ROWS = 1000;

function mirror(catalog: Catalog): ServerCatalog {
  const views: ServerView[] = catalog.views.map((view) => ({
    name: view.name,
    title: view.title,
    table: view.name,
    ...(view.public ? { public: true } : {}),
    ...(view.defaultTimeDimension ? { defaultTimeDimension: view.defaultTimeDimension } : {}),
    measures: view.measures.map((m): ServerMeasure => {
      const sql =
        m.aggregation === 'ratio' ? `avg(${m.name})` : m.aggregation === 'count' ? undefined : m.name;
      return {
        name: m.name,
        title: m.title,
        aggregation: m.aggregation === 'ratio' ? 'custom' : m.aggregation,
        ...(sql ? { sql } : {}),
        ...(m.public ? { public: true } : {}),
      };
    }),
    dimensions: view.dimensions.map((d): ServerDimension => ({
      name: d.name,
      title: d.title,
      type: d.type,
      sql: d.name,
      ...(d.granularities ? { granularities: d.granularities } : {}),
      ...(d.attributes
        ? {
            attributes: d.attributes.map((a) => ({
              name: a.name,
              title: a.title,
              type: a.type,
              sql: `${d.name}_${a.name}`,
            })),
          }
        : {}),
    })),
    segments: (view.segments ?? []).map((s) => ({ name: s.name, title: s.title, sql: s.name })),
  }));
  return {
    v: 1,
    timeZone: 'Asia/Shanghai',
    roles: [{ name: 'admin' }],
    views,
    ...(catalog.calendar ? { calendar: catalog.calendar } : {}),
  };
}

const CODES: Record<string, string[]> = { code: ['330000', '320000', '110000'] };

/** Column definitions for a mirror table: deterministic, cyclic values. */
function columns(view: Catalog['views'][number]): string[] {
  const out = ['range AS i'];
  for (const m of view.measures) {
    if (m.aggregation === 'count') continue;
    if (m.aggregation === 'countDistinct') out.push(`'id' || (range % 97) AS ${m.name}`);
    else if (m.aggregation === 'ratio')
      out.push(`CASE WHEN range % 3 = 0 THEN 1.0 ELSE 0.0 END AS ${m.name}`);
    else out.push(`(range % 100) / 10.0 AS ${m.name}`);
  }
  for (const d of view.dimensions) {
    if (d.type === 'time')
      out.push(`TIMESTAMP '2026-11-26 10:00:00' - to_hours(CAST(range * 17 AS BIGINT)) AS ${d.name}`);
    else if (d.type === 'number') out.push(`2020 + range % 6 AS ${d.name}`);
    else if (d.type === 'boolean') out.push(`range % 2 = 0 AS ${d.name}`);
    else if (d.values)
      out.push(`[${d.values.map((v) => `'${v}'`).join(', ')}][1 + range % ${d.values.length}] AS ${d.name}`);
    else out.push(`'${d.name}-' || (range % 3) AS ${d.name}`);
    for (const a of d.attributes ?? []) {
      if (a.name === 'code')
        out.push(`[${(CODES.code ?? []).map((c) => `'${c}'`).join(', ')}][1 + range % 3] AS ${d.name}_code`);
      else out.push(`'${d.name}-' || (range % 3) AS ${d.name}_${a.name}`);
    }
  }
  for (const s of view.segments ?? []) out.push(`range % 4 <> 0 AS ${s.name}`);
  return out;
}

let server: RunningServer;
let cleanup: () => void;
let admin: string;

beforeAll(async () => {
  const db = await createFixtureDatabase();
  cleanup = db.cleanup;
  const instance = await DuckDBInstance.create(db.path);
  const connection = await instance.connect();
  for (const view of fixture.views) {
    await connection.run(
      `DROP TABLE IF EXISTS ${view.name}; CREATE TABLE ${view.name} AS SELECT ${columns(view).join(', ')} FROM range(${ROWS})`,
    );
  }
  connection.closeSync();
  instance.closeSync();
  server = await startServer({
    db: db.path,
    catalog: mirror(fixture),
    port: 0,
    logger: silentLogger,
    auth: { hs256Secret: SECRET },
    now: () => NOW,
    cacheTtlMs: 0,
  });
  admin = await mintToken(SECRET, { role: 'admin' });
});

afterAll(async () => {
  await server?.close();
  cleanup?.();
});

const normalise = (value: unknown): unknown => {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Math.round(value * 1e9) / 1e9;
  return value;
};
const rowSet = (columns: unknown[][]): string[] =>
  (columns[0] ?? []).map((_, r) => JSON.stringify(columns.map((c) => c[r]))).sort();

const SEMESTER = `(SELECT strftime(max(s), '%Y-%m-%d') FROM (VALUES ${(fixture.calendar?.semesters ?? []).map((s) => `(TIMESTAMP '${s.start}')`).join(', ')}) v(s) WHERE s <= ts)`;
const DAY = (column: string, unit = 'day') => `strftime(date_trunc('${unit}', ${column}), '%Y-%m-%d')`;

/** Hand-written SQL per example; `set: true` compares rows regardless of order. */
const EXPECTED: Record<string, { sql: string; set?: boolean }> = {
  'city-attribute-with-alias': {
    sql: "SELECT origin_city_name, count(*) FROM admissions WHERE origin_province_code = '330000' GROUP BY 1 ORDER BY 1",
  },
  'default-time-dimension': {
    sql: "SELECT college, count(DISTINCT headcount) FROM students WHERE enroll_date >= TIMESTAMP '2026-01-01' AND enroll_date < TIMESTAMP '2027-01-01' GROUP BY 1 ORDER BY 1",
  },
  'enrolled-headcount': { sql: 'SELECT count(DISTINCT headcount) FROM students WHERE enrolled' },
  'list-parameter': {
    sql: "SELECT reader_type, count(*) FROM loans WHERE college IN ('工学院', '理学院') AND ts >= TIMESTAMP '2026-11-20' AND ts < TIMESTAMP '2026-11-27' GROUP BY 1 ORDER BY 1",
  },
  'loans-by-semester': {
    sql: `SELECT ${SEMESTER} AS s, count(*) FROM loans WHERE college IN ('工学院', '医学院') AND NOT (reader_type = 'staff') GROUP BY 1 ORDER BY 1`,
  },
  'multi-line-where-and-having': {
    sql: "SELECT department, count(*), avg(satisfaction) FROM services WHERE channel IS DISTINCT FROM 'counter' GROUP BY 1 HAVING count(*) > 100 ORDER BY 3 DESC NULLS LAST, 1 LIMIT 20",
  },
  'optional-range-parameter': {
    sql: `SELECT ${DAY('ts', 'week')}, count(*) FROM services WHERE ts >= TIMESTAMP '2026-10-26' AND ts < TIMESTAMP '2026-11-23' GROUP BY 1 ORDER BY 1`,
  },
  'order-limit-offset': {
    sql: 'SELECT title_rank, count(DISTINCT headcount) AS n, avg(avg_age) FROM staff WHERE active GROUP BY 1 ORDER BY n DESC, title_rank LIMIT 10 OFFSET 10',
  },
  'pipes-on-each-line': {
    sql: "SELECT building_name, strftime(date_trunc('hour', ts), '%Y-%m-%dT%H:%M:%S'), sum(traffic_gb), count(*) FROM network WHERE wired = false AND ts >= TIMESTAMP '2026-11-01 08:00:00' AND ts >= TIMESTAMP '2026-11-25' AND ts < TIMESTAMP '2026-11-26' GROUP BY 1, 2 ORDER BY 1, 2",
  },
  'predicates-and-parentheses': {
    sql: "SELECT major, count(DISTINCT headcount) FROM students WHERE (college = '工学院' OR college LIKE '%医%') AND grade BETWEEN 2022 AND 2025 AND major IS NOT NULL GROUP BY 1 ORDER BY 1",
  },
  'province-map-optional-year': {
    sql: 'SELECT origin_province_code, origin_province_name, count(*) FROM admissions WHERE admit_year = 2025 GROUP BY 1, 2 ORDER BY 1, 2',
  },
  'rollup-with-totals': {
    sql: `SELECT college, major, grade, count(DISTINCT headcount), avg(avg_gpa),
      CASE GROUPING(college, major, grade) WHEN 0 THEN 'detail' WHEN 1 THEN 'students.major' WHEN 3 THEN 'students.college' ELSE 'total' END
      FROM students GROUP BY GROUPING SETS ((college, major, grade), (college, major), (college), ())`,
    set: true,
  },
  'teaching-weeks-of-a-semester': {
    sql: `SELECT ${DAY('ts', 'week')}, count(DISTINCT online_users) FROM network WHERE ts >= TIMESTAMP '2025-09-01' AND ts < TIMESTAMP '2026-01-19' GROUP BY 1 ORDER BY 1`,
  },
  'titles-in-backticks': {
    sql: 'SELECT college, count(DISTINCT headcount), avg(avg_gpa) FROM students WHERE enrolled GROUP BY 1 ORDER BY 1',
  },
  'top-colleges-with-others': {
    sql: 'SELECT college, count(DISTINCT headcount) AS n, false FROM students WHERE enrolled GROUP BY 1 ORDER BY n DESC, college',
  },
  'top-per-group': {
    sql: `WITH rows AS (SELECT * FROM loans WHERE ts >= TIMESTAMP '2026-09-07' AND ts < TIMESTAMP '2027-07-12'),
      ranked AS (SELECT college, book_category, row_number() OVER (PARTITION BY college ORDER BY count(*) DESC, book_category) AS r FROM rows GROUP BY 1, 2)
      SELECT rows.college, CASE WHEN r <= 3 THEN rows.book_category ELSE '其他' END, count(*), count(DISTINCT readers), r > 3, CASE WHEN r <= 3 THEN r END
      FROM rows JOIN ranked ON rows.college = ranked.college AND rows.book_category = ranked.book_category GROUP BY 1, 2, 5, 6 ORDER BY 1, 5, 6`,
  },
  'traffic-last-30-days': {
    sql: `WITH cur AS (SELECT date_trunc('day', ts) AS d, sum(traffic_gb) AS m FROM network WHERE ts >= TIMESTAMP '2026-10-27' AND ts < TIMESTAMP '2026-11-26' GROUP BY 1),
      prev AS (SELECT date_trunc('day', ts + INTERVAL 30 DAY) AS d, sum(traffic_gb) AS m FROM network WHERE ts >= TIMESTAMP '2026-09-27' AND ts < TIMESTAMP '2026-10-27' GROUP BY 1)
      SELECT strftime(coalesce(cur.d, prev.d), '%Y-%m-%d'), cur.m, prev.m, CASE WHEN prev.m IS NULL OR prev.m = 0 OR cur.m IS NULL THEN NULL ELSE cur.m / prev.m - 1 END
      FROM cur FULL JOIN prev ON cur.d = prev.d ORDER BY 1`,
  },
  'year-over-year': {
    sql: `WITH cur AS (SELECT date_trunc('month', admit_date) AS d, count(*) AS n, avg(avg_score) AS a FROM admissions WHERE admit_date >= TIMESTAMP '2025-11-01' AND admit_date < TIMESTAMP '2026-11-01' GROUP BY 1),
      prev AS (SELECT date_trunc('month', admit_date + INTERVAL 12 MONTH) AS d, count(*) AS n, avg(avg_score) AS a FROM admissions WHERE admit_date >= TIMESTAMP '2024-11-01' AND admit_date < TIMESTAMP '2025-11-01' GROUP BY 1)
      SELECT strftime(coalesce(cur.d, prev.d), '%Y-%m-%d'), cur.n, cur.a,
        prev.n, CASE WHEN prev.n IS NULL OR prev.n = 0 OR cur.n IS NULL THEN NULL ELSE cur.n / prev.n - 1 END,
        prev.a, CASE WHEN prev.a IS NULL OR prev.a = 0 OR cur.a IS NULL THEN NULL ELSE cur.a / prev.a - 1 END
      FROM cur FULL JOIN prev ON cur.d = prev.d ORDER BY 1`,
  },
};

const examples = readdirSync(EXAMPLES.pathname + 'valid')
  .filter((file) => file.endsWith('.ir.json'))
  .map((file) => file.replace(/\.ir\.json$/, ''));

describe('the query-language examples on the server', () => {
  it('has hand-written SQL for every valid example', () => {
    expect(examples.filter((name) => !EXPECTED[name])).toEqual([]);
  });

  it.each(examples)('%s', async (name) => {
    const ir = JSON.parse(readFileSync(new URL(`valid/${name}.ir.json`, EXAMPLES), 'utf8')) as unknown;
    const response = await fetch(`${server.url}/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify(ir),
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    const data = (body.data as unknown[][]).map((c) => c.map(normalise));
    const expected = EXPECTED[name]!;
    const direct = (await server.engine.query(expected.sql)).columns.map((c) => c.map(normalise));
    if (expected.set) expect(rowSet(data)).toEqual(rowSet(direct));
    else expect(data).toEqual(direct.slice(0, data.length));
    expect(data.length).toBe(body.columns.length);
  });
});

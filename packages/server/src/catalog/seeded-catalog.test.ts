import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../http/log.js';
import { startServer, type RunningServer } from '../http/server.js';
import { mintToken } from '../security/auth.js';
import { simulatorHooks } from '../commands/serve.js';
import { generateWarehouseFile } from '../seed/generate.js';
import { tableSpecs } from '../seed/schema.js';
import { loadCatalogFile } from './load.js';

const CATALOG = new URL('../../catalog/catalog.yaml', import.meta.url).pathname;

let dir: string;
let server: RunningServer;
let admin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-seeded-'));
  const db = join(dir, 'warehouse.duckdb');
  await generateWarehouseFile({ out: db, scale: 0.03 });
  server = await startServer({
    db,
    port: 0,
    logger: silentLogger,
    dev: true,
    cacheTtlMs: 0,
    live: simulatorHooks(300, 'simulated'),
  });
  admin = await mintToken(server.devSecret!, { role: 'admin', sub: 'T0001' });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function query(
  body: unknown,
  token: string = admin,
): Promise<{ status: number; body: Record<string, unknown> & { data: unknown[][] } }> {
  const response = await fetch(`${server.url}/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('the seeded campus catalog', () => {
  it('loads without errors and covers every table of the seed', () => {
    const catalog = loadCatalogFile(CATALOG);
    const sources = catalog.views.map((v) => v.table ?? v.sql ?? '').join('\n');
    const uncovered = tableSpecs
      .map((t) => t.name)
      .filter((name) => !['seed_metadata', 'table_versions'].includes(name))
      .filter((name) => !new RegExp(`\\b${name}\\b`).test(sources));
    expect(uncovered).toEqual([]);
  });

  it('runs every measure, dimension, attribute, granularity and segment of every view', async () => {
    const failures: string[] = [];
    for (const view of server.catalog.views) {
      const measures = view.measures.map((m) => `${view.name}.${m.name}`);
      const range = view.requiredFilters?.length
        ? {
            timeRange: {
              dimension: `${view.name}.${view.requiredFilters[0]}`,
              range: { relative: 'lastN', n: 7, unit: 'day', includeToday: true },
            },
          }
        : {};
      const bodies: unknown[] = [{ v: 1, from: view.name, measures, ...range }];
      for (const d of view.dimensions) {
        const refs = d.granularities
          ? d.granularities.map((g) => ({ member: `${view.name}.${d.name}`, granularity: g }))
          : [{ member: `${view.name}.${d.name}` }];
        for (const a of d.attributes ?? [])
          refs.push({ member: `${view.name}.${d.name}`, attribute: a.name } as never);
        for (const ref of refs)
          bodies.push({
            v: 1,
            from: view.name,
            measures: measures.slice(0, 1),
            dimensions: [ref],
            limit: 5,
            ...range,
          });
      }
      for (const s of view.segments ?? [])
        bodies.push({
          v: 1,
          from: view.name,
          measures: measures.slice(0, 1),
          segments: [`${view.name}.${s.name}`],
          ...range,
        });
      for (const body of bodies) {
        const { status, body: answer } = await query(body);
        if (status !== 200)
          failures.push(`${JSON.stringify(body)} → ${status} ${JSON.stringify(answer).slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers enrolled headcount exactly as the direct SQL count', async () => {
    const { body } = await query(
      { v: 1, from: 'students', measures: ['students.headcount'], segments: ['students.enrolled'] },
      '',
    );
    const direct = await server.engine.query(
      "SELECT count(DISTINCT student_id) FROM students WHERE status = '在读'",
    );
    expect(body.data).toEqual([[Number(direct.columns[0]![0])]]);
  });

  it('pushes a new result to a subscriber when the live simulator writes', async () => {
    const created = await fetch(`${server.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      // Every tick adds a 5-minute sample per access point, whatever the simulated hour.
      body: JSON.stringify({ v: 1, from: 'network', measures: ['network.samples'] }),
    });
    const { events } = await created.json();
    const controller = new AbortController();
    const response = await fetch(`${server.url}${events}`, {
      signal: controller.signal,
      headers: { authorization: `Bearer ${admin}` },
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const counts: number[] = [];
    let buffer = '';
    while (counts.length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (const match of buffer.matchAll(/^data: (.*)$/gm)) counts.push(JSON.parse(match[1]!).data[0][0]);
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    }
    controller.abort();
    expect(counts).toHaveLength(2);
    expect(counts[1]).toBeGreaterThan(counts[0]!);
  });

  it('role × view: every role reads exactly the rows its policy allows, and nothing where it has none', async () => {
    const [[studentId], [studentCollege]] = (
      await server.engine.query(
        "SELECT student_id, college_id FROM students WHERE status = '在读' ORDER BY student_id LIMIT 1",
      )
    ).columns as [[string], [string]];
    const [[staffId]] = (
      await server.engine.query(
        "SELECT reader_id FROM library_loans WHERE reader_type = '教职工' ORDER BY reader_id LIMIT 1",
      )
    ).columns as [[string]];
    const claimsOf: Record<string, Record<string, string>> = {
      admin: { sub: 'A0001' },
      leader: { sub: 'L0001' },
      dean: { sub: 'D0001', college: studentCollege },
      analyst: { sub: 'N0001' },
      staff: { sub: staffId },
      student: { sub: studentId },
      visitor: { sub: 'V0001' },
    };
    const literal = (text: string, claims: Record<string, string>) =>
      text.replace(
        /\{claims\.([A-Za-z_]+)\}/g,
        (_, name: string) => `'${(claims[name] ?? '').replaceAll("'", "''")}'`,
      );
    const aggregate = (m: (typeof server.catalog.views)[number]['measures'][number]): string => {
      const filter = m.filter ? ` FILTER (WHERE ${m.filter})` : '';
      if (m.aggregation === 'count') return `count(${m.sql ?? '*'})${filter}`;
      if (m.aggregation === 'countDistinct') return `count(DISTINCT ${m.sql})${filter}`;
      if (m.aggregation === 'ratio' || m.aggregation === 'custom') return `(${m.sql})`;
      return `${m.aggregation}(${m.sql})${filter}`;
    };
    const round = (v: unknown) =>
      typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v;
    const problems: string[] = [];
    let checked = 0;
    for (const view of server.catalog.views) {
      const measure = view.measures[0]!;
      const dimension = view.dimensions.find((d) => d.type === 'string' && !d.mask && !d.roles)!;
      const source = view.table ?? `(${view.sql})`;
      // A fixed past range, so that the live simulator's writes during the test change neither side.
      const time = view.defaultTimeDimension
        ? view.dimensions.find((d) => d.name === view.defaultTimeDimension)!
        : undefined;
      const range = time
        ? {
            timeRange: {
              dimension: `${view.name}.${time.name}`,
              range: { start: '2026-10-30', end: '2026-11-20' },
            },
          }
        : {};
      const rangeSql = time
        ? ` AND CAST(${time.sql} AS TIMESTAMP) >= TIMESTAMP '2026-10-30' AND CAST(${time.sql} AS TIMESTAMP) < TIMESTAMP '2026-11-21'`
        : '';
      for (const [role, claims] of [['public', {}], ...Object.entries(claimsOf)] as [
        string,
        Record<string, string>,
      ][]) {
        const token = role === 'public' ? '' : await mintToken(server.devSecret!, { role, ...claims });
        const ir = {
          v: 1,
          from: view.name,
          measures: [`${view.name}.${measure.name}`],
          dimensions: [{ member: `${view.name}.${dimension.name}` }],
          ...range,
        };
        const { status, body } = await query(ir, token);
        const rule = view.access?.find((r) => r.role === role);
        const allowed =
          role === 'public'
            ? view.public === true &&
              measure.public === true &&
              dimension.public === true &&
              (!time || time.public === true)
            : !view.access || rule !== undefined;
        checked++;
        if (!allowed) {
          if (status !== (role === 'public' ? 401 : 403) || body.data)
            problems.push(`${role} on ${view.name}: expected refusal, got ${status}`);
          continue;
        }
        if (status !== 200) {
          problems.push(`${role} on ${view.name}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
          continue;
        }
        const where = [rule?.rows ? literal(rule.rows, claims) : 'TRUE'].join(' AND ') + rangeSql;
        const having = rule?.minGroupSize ? ` HAVING count(*) >= ${rule.minGroupSize}` : '';
        const direct = await server.engine.query(
          `SELECT ${dimension.sql} AS d, ${aggregate(measure)} AS m FROM ${source} AS __source WHERE ${where} GROUP BY 1${having} ORDER BY 1 NULLS LAST`,
        );
        const expected = direct.columns.map((c) => c.map(round));
        const actual = (body.data as unknown[][]).map((c) => c.map(round));
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          problems.push(
            `${role} on ${view.name}: ${JSON.stringify(actual).slice(0, 160)} ≠ ${JSON.stringify(expected).slice(0, 160)}`,
          );
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(server.catalog.views.length * 8);
  });

  /** [IR, hand-written SQL over the seed tables]: one or more per view of the shipped catalog. */
  const GOLDEN: [string, Record<string, unknown>, string][] = [
    [
      'students by degree level, enrolled',
      {
        from: 'students',
        measures: ['students.headcount'],
        dimensions: [{ member: 'students.degree_level' }],
        segments: ['students.enrolled'],
      },
      "SELECT degree_level, count(DISTINCT student_id) FROM students WHERE status = '在读' GROUP BY 1 ORDER BY 1",
    ],
    [
      'students by home province code',
      {
        from: 'students',
        measures: ['students.headcount'],
        dimensions: [{ member: 'students.origin_province', attribute: 'code' }],
      },
      'SELECT origin_province_code, count(DISTINCT student_id) FROM students GROUP BY 1 ORDER BY 1',
    ],
    [
      'average GPA by college',
      { from: 'students', measures: ['students.avg_gpa'], dimensions: [{ member: 'students.college' }] },
      'SELECT c.college_name, avg(s.gpa) FROM students s LEFT JOIN dim_college c USING (college_id) GROUP BY 1 ORDER BY 1',
    ],
    [
      'teachers and doctorate share',
      { from: 'staff', measures: ['staff.teachers', 'staff.doctor_share'] },
      "SELECT count(DISTINCT staff_id) FILTER (WHERE category = '专任教师'), avg(CASE WHEN degree = '博士' THEN 1.0 ELSE 0.0 END) FROM staff",
    ],
    [
      'staff by title level',
      {
        from: 'staff',
        measures: ['staff.headcount'],
        dimensions: [{ member: 'staff.title_level' }],
        segments: ['staff.active'],
      },
      "SELECT title_level, count(DISTINCT staff_id) FROM staff WHERE status = '在岗' GROUP BY 1 ORDER BY 1",
    ],
    [
      'admissions by year: admitted, registered, rate',
      {
        from: 'admissions',
        measures: ['admissions.admitted', 'admissions.new_students', 'admissions.registration_rate'],
        dimensions: [{ member: 'admissions.admit_year' }],
      },
      'SELECT admission_year, count(*), count(*) FILTER (WHERE registered), avg(CASE WHEN registered THEN 1.0 ELSE 0.0 END) FROM admissions GROUP BY 1 ORDER BY 1',
    ],
    [
      'network traffic by day in a past week',
      {
        from: 'network',
        measures: ['network.traffic_gb'],
        dimensions: [{ member: 'network.ts', granularity: 'day' }],
        timeRange: { dimension: 'network.ts', range: { start: '2026-11-10', end: '2026-11-16' } },
      },
      "SELECT strftime(date_trunc('day', sample_time), '%Y-%m-%d'), sum(bytes_in + bytes_out) / 1e9 FROM network_samples WHERE sample_time >= TIMESTAMP '2026-11-10' AND sample_time < TIMESTAMP '2026-11-17' GROUP BY 1 ORDER BY 1",
    ],
    [
      'peak clients by building kind',
      {
        from: 'network',
        measures: ['network.peak_clients'],
        dimensions: [{ member: 'network.building_kind' }],
        timeRange: { dimension: 'network.ts', range: { start: '2026-11-10', end: '2026-11-10' } },
      },
      "SELECT b.building_kind, max(n.clients) FROM network_samples n LEFT JOIN dim_access_point ap USING (ap_id) LEFT JOIN dim_building b ON b.building_id = ap.building_id WHERE n.sample_time >= TIMESTAMP '2026-11-10' AND n.sample_time < TIMESTAMP '2026-11-11' GROUP BY 1 ORDER BY 1 NULLS LAST",
    ],
    [
      'loans by semester',
      {
        from: 'loans',
        measures: ['loans.loans'],
        dimensions: [{ member: 'loans.ts', granularity: 'semester' }],
      },
      "SELECT strftime(s.start_date, '%Y-%m-%d'), count(*) FROM library_loans l JOIN dim_semester s ON l.loan_time >= s.start_date AND l.loan_time < coalesce((SELECT min(n.start_date) FROM dim_semester n WHERE n.start_date > s.start_date), s.end_date + 1) GROUP BY 1 ORDER BY 1",
    ],
    [
      'overdue loans by reader type',
      {
        from: 'loans',
        measures: ['loans.overdue_loans', 'loans.overdue_rate'],
        dimensions: [{ member: 'loans.reader_type' }],
      },
      'SELECT reader_type, count(*) FILTER (WHERE overdue_days > 0), avg(CASE WHEN overdue_days > 0 THEN 1.0 ELSE 0.0 END) FROM library_loans GROUP BY 1 ORDER BY 1',
    ],
    [
      'service requests by channel in October',
      {
        from: 'services',
        measures: ['services.requests', 'services.avg_handle_hours'],
        dimensions: [{ member: 'services.channel' }],
        timeRange: { dimension: 'services.ts', range: { start: '2026-10-01', end: '2026-10-31' } },
      },
      "SELECT channel, count(*), avg(handle_hours) FROM service_requests WHERE submitted_at >= TIMESTAMP '2026-10-01' AND submitted_at < TIMESTAMP '2026-11-01' GROUP BY 1 ORDER BY 1",
    ],
    [
      'seat no-show rate by room',
      {
        from: 'seats',
        measures: ['seats.reservations', 'seats.no_show_rate'],
        dimensions: [{ member: 'seats.room' }],
      },
      "SELECT room_name, count(*), avg(CASE WHEN status = '违约' THEN 1.0 ELSE 0.0 END) FILTER (WHERE status IN ('已签到', '违约')) FROM seat_reservations GROUP BY 1 ORDER BY 1",
    ],
    [
      'gate passages by method on a past day',
      {
        from: 'gates',
        measures: ['gates.passages', 'gates.people'],
        dimensions: [{ member: 'gates.method' }],
        timeRange: { dimension: 'gates.ts', range: { start: '2026-11-12', end: '2026-11-12' } },
      },
      "SELECT method, count(*), count(DISTINCT person_id) FROM gate_entries WHERE entry_time >= TIMESTAMP '2026-11-12' AND entry_time < TIMESTAMP '2026-11-13' GROUP BY 1 ORDER BY 1",
    ],
    [
      'buildings and floor area by kind',
      {
        from: 'buildings',
        measures: ['buildings.buildings', 'buildings.floor_area'],
        dimensions: [{ member: 'buildings.building_kind' }],
      },
      'SELECT building_kind, count(*), sum(floor_area_m2) FROM dim_building GROUP BY 1 ORDER BY 1',
    ],
    [
      'pass rate by course type',
      {
        from: 'teaching',
        measures: ['teaching.enrolments', 'teaching.pass_rate'],
        dimensions: [{ member: 'teaching.course_type' }],
      },
      "SELECT co.course_type, count(*), avg(CASE WHEN e.result = '合格' THEN 1.0 ELSE 0.0 END) FILTER (WHERE e.result IN ('合格', '不及格')) FROM enrolments e JOIN course_sections s USING (section_id) JOIN courses co ON co.course_id = s.course_id GROUP BY 1 ORDER BY 1",
    ],
    [
      'reimbursed amount by category',
      {
        from: 'finance',
        measures: ['finance.claims', 'finance.amount'],
        dimensions: [{ member: 'finance.category' }],
        segments: ['finance.paid'],
      },
      "SELECT category, count(*), sum(amount) FROM reimbursement_claims WHERE status = '已支付' GROUP BY 1 ORDER BY 1",
    ],
    [
      'research funding by level',
      {
        from: 'research',
        measures: ['research.projects', 'research.funding'],
        dimensions: [{ member: 'research.level' }],
      },
      'SELECT level, count(*), sum(funding) FROM research_projects GROUP BY 1 ORDER BY 1',
    ],
    [
      'workdays and teaching days by month of 2026',
      {
        from: 'calendar',
        measures: ['calendar.workdays', 'calendar.teaching_days'],
        dimensions: [{ member: 'calendar.date', granularity: 'month' }],
        timeRange: { dimension: 'calendar.date', range: { start: '2026-01-01', end: '2026-12-31' } },
      },
      "SELECT strftime(date_trunc('month', date), '%Y-%m-%d'), count(*) FILTER (WHERE is_workday), count(*) FILTER (WHERE is_teaching_day AND is_workday) FROM dim_date WHERE date >= DATE '2026-01-01' AND date <= DATE '2026-12-31' GROUP BY 1 ORDER BY 1",
    ],
  ];

  it.each(GOLDEN)('golden over the shipped catalog: %s', async (_name, ir, sql) => {
    const { status, body } = await query({ v: 1, ...ir });
    expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
    const round = (v: unknown) =>
      typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v;
    const direct = (await server.engine.query(sql)).columns.map((c) => c.map(round));
    expect((body.data as unknown[][]).map((c) => c.map(round))).toEqual(direct);
  });
});

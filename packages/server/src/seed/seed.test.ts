import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableChecksums } from './checksum';
import { seedWarehouse } from './generate';
import { SEED_FORMAT_VERSION } from './options';
import { tableSpecs } from './schema';

const SCALE = 0.05;
const opened: DuckDBInstance[] = [];

async function warehouse(options: { seed?: number; asOf?: string; scale?: number; threads?: number }) {
  const instance = await DuckDBInstance.create(
    ':memory:',
    options.threads ? { threads: String(options.threads) } : {},
  );
  opened.push(instance);
  const connection = await instance.connect();
  await seedWarehouse(connection, {
    seed: options.seed ?? 1,
    scale: options.scale ?? SCALE,
    asOf: options.asOf ?? '2026-11-25',
  });
  return connection;
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

async function value(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(sql)).getRows()[0]![0]);
}

let db: DuckDBConnection;

beforeAll(async () => {
  db = await warehouse({});
});

afterAll(() => {
  for (const instance of opened) instance.closeSync();
});

describe('determinism', () => {
  it('gives the same checksum for every table when generated again with the same arguments, whatever the thread count', async () => {
    const again = await warehouse({ threads: 1 });
    const first = await tableChecksums(db);
    const second = await tableChecksums(again);
    expect(Object.keys(first)).toEqual(tableSpecs.map((spec) => spec.name));
    expect(second).toEqual(first);
    expect(first.network_samples!.rows).toBeGreaterThan(0);
  });

  it('gives different data for a different seed', async () => {
    const other = await warehouse({ seed: 2 });
    const [first, second] = [await tableChecksums(db), await tableChecksums(other)];
    for (const table of ['students', 'library_loans', 'network_samples', 'service_requests']) {
      expect(second[table]!.checksum, table).not.toEqual(first[table]!.checksum);
    }
    expect(second.dim_city).toEqual(first.dim_city);
  });

  it('records seed, scale, as-of date and format version', async () => {
    expect(
      await rows(db, 'SELECT seed, scale, as_of::VARCHAR AS as_of, format_version FROM seed_metadata'),
    ).toEqual([{ seed: 1, scale: SCALE, as_of: '2026-11-25', format_version: SEED_FORMAT_VERSION }]);
    expect(await value(db, 'SELECT count(*) FROM table_versions WHERE version = 1')).toBe(tableSpecs.length);
  });
});

describe('referential integrity', () => {
  const foreignKeys: [child: string, column: string, parent: string, key: string][] = [
    ['dim_city', 'province_code', 'dim_province', 'province_code'],
    ['dim_major', 'college_id', 'dim_college', 'college_id'],
    ['dim_department', 'college_id', 'dim_college', 'college_id'],
    ['dim_access_point', 'building_id', 'dim_building', 'building_id'],
    ['dim_gate', 'building_id', 'dim_building', 'building_id'],
    ['dim_service_item', 'department_id', 'dim_department', 'department_id'],
    ['dim_date', 'semester_code', 'dim_semester', 'semester_code'],
    ['dim_holiday', 'date', 'dim_date', 'date'],
    ['students', 'major_code', 'dim_major', 'major_code'],
    ['students', 'college_id', 'dim_college', 'college_id'],
    ['students', 'origin_province_code', 'dim_province', 'province_code'],
    ['students', 'origin_city_code', 'dim_city', 'city_code'],
    ['students', 'dorm_building_id', 'dim_building', 'building_id'],
    ['staff', 'department_id', 'dim_department', 'department_id'],
    ['admissions', 'major_code', 'dim_major', 'major_code'],
    ['admissions', 'origin_city_code', 'dim_city', 'city_code'],
    ['admissions', 'student_id', 'students', 'student_id'],
    ['courses', 'college_id', 'dim_college', 'college_id'],
    ['courses', 'major_code', 'dim_major', 'major_code'],
    ['course_sections', 'course_id', 'courses', 'course_id'],
    ['course_sections', 'semester_code', 'dim_semester', 'semester_code'],
    ['course_sections', 'teacher_id', 'staff', 'staff_id'],
    ['course_sections', 'building_id', 'dim_building', 'building_id'],
    ['enrolments', 'section_id', 'course_sections', 'section_id'],
    ['enrolments', 'student_id', 'students', 'student_id'],
    ['library_loans', 'book_id', 'dim_book', 'book_id'],
    ['seat_reservations', 'student_id', 'students', 'student_id'],
    ['gate_entries', 'gate_id', 'dim_gate', 'gate_id'],
    ['network_samples', 'ap_id', 'dim_access_point', 'ap_id'],
    ['service_requests', 'item_id', 'dim_service_item', 'item_id'],
    ['service_requests', 'department_id', 'dim_department', 'department_id'],
    ['reimbursement_claims', 'department_id', 'dim_department', 'department_id'],
    ['reimbursement_claims', 'staff_id', 'staff', 'staff_id'],
    ['research_projects', 'college_id', 'dim_college', 'college_id'],
    ['research_projects', 'pi_staff_id', 'staff', 'staff_id'],
  ];

  it.each(foreignKeys)('%s.%s refers to existing %s rows', async (child, column, parent, key) => {
    const orphans = await value(
      db,
      `SELECT count(*) FROM ${child} c WHERE c.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE p.${key} = c.${column})`,
    );
    expect(orphans).toBe(0);
    expect(await value(db, `SELECT count(${column}) FROM ${child}`)).toBeGreaterThan(0);
  });

  it.each(
    tableSpecs.filter((spec) => spec.primaryKey).map((spec) => [spec.name, spec.primaryKey!.join(', ')]),
  )('%s is unique on (%s)', async (table, key) => {
    expect(
      await value(db, `SELECT count(*) FROM (SELECT ${key} FROM ${table} GROUP BY ALL HAVING count(*) > 1)`),
    ).toBe(0);
    expect(
      await value(
        db,
        `SELECT count(*) FROM ${table} WHERE ${key
          .split(', ')
          .map((c) => `${c} IS NULL`)
          .join(' OR ')}`,
      ),
    ).toBe(0);
  });

  it('refers people by the right kind of id (students by student number, staff by staff number)', async () => {
    for (const [table, id, kind] of [
      ['library_loans', 'reader_id', 'reader_type'],
      ['gate_entries', 'person_id', 'person_type'],
      ['service_requests', 'applicant_id', 'applicant_type'],
    ]) {
      const orphans = await value(
        db,
        `SELECT count(*) FROM ${table} t WHERE CASE t.${kind} WHEN '学生' THEN t.${id} NOT IN (SELECT student_id FROM students)
           ELSE t.${id} NOT IN (SELECT staff_id FROM staff) END`,
      );
      expect(orphans, table).toBe(0);
    }
  });

  it('lends books only to students who were in school on the day', async () => {
    const outside = await value(
      db,
      `SELECT count(*) FROM library_loans l JOIN students s ON s.student_id = l.reader_id
       WHERE l.loan_time::DATE < make_date(s.enrol_year, 9, 1)`,
    );
    expect(outside).toBe(0);
  });
});

describe('codes', () => {
  it('uses valid GB/T 2260 codes for all 34 provinces and every city', async () => {
    expect(
      await value(
        db,
        "SELECT count(*) FROM dim_province WHERE regexp_full_match(province_code, '[1-8][0-9]0000')",
      ),
    ).toBe(34);
    expect(
      await value(
        db,
        `SELECT count(*) FROM dim_city c JOIN dim_province p USING (province_code)
         WHERE NOT regexp_full_match(city_code, '[0-9]{6}') OR left(city_code, 2) <> left(province_code, 2) OR city_code = province_code`,
      ),
    ).toBe(0);
    expect(
      await value(db, "SELECT count(*) FROM dim_city WHERE city_kind IN ('地级市', '地区', '自治州', '盟')"),
    ).toBe(333);
    expect(await rows(db, "SELECT city_name FROM dim_city WHERE city_code = '331100'")).toEqual([
      { city_name: '丽水市' },
    ]);
  });

  it('gives students 10-digit numbers starting with their enrolment year and college', async () => {
    expect(
      await value(
        db,
        "SELECT count(*) FROM students WHERE NOT regexp_full_match(student_id, '[0-9]{10}') OR left(student_id, 4)::INTEGER <> enrol_year OR substr(student_id, 5, 2) <> college_id",
      ),
    ).toBe(0);
  });

  it('stores building footprints as closed GeoJSON polygons', async () => {
    const footprints = await rows(db, 'SELECT footprint::VARCHAR AS footprint FROM dim_building');
    for (const { footprint } of footprints) {
      const geometry = JSON.parse(footprint as string) as { type: string; coordinates: number[][][] };
      expect(geometry.type).toBe('Polygon');
      const ring = geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring.at(-1));
    }
  });
});

describe('cycles', () => {
  it('has more service requests on workdays than at weekends', async () => {
    const [workday, weekend] = [
      await value(
        db,
        'SELECT count(*) / count(DISTINCT d.date) FROM service_requests r JOIN dim_date d ON d.date = r.submitted_at::DATE WHERE d.is_workday',
      ),
      await value(
        db,
        'SELECT count(*) / count(DISTINCT d.date) FROM service_requests r JOIN dim_date d ON d.date = r.submitted_at::DATE WHERE NOT d.is_workday',
      ),
    ];
    expect(workday).toBeGreaterThan(3 * weekend);
  });

  it('lends far more books in term than in the vacations', async () => {
    const perDay = await rows(
      db,
      `SELECT d.semester_code IS NOT NULL AS in_term, count(l.loan_id) / count(DISTINCT d.date) AS loans
       FROM dim_date d LEFT JOIN library_loans l ON l.loan_time::DATE = d.date
       WHERE d.date BETWEEN DATE '2024-11-26' AND DATE '2026-11-25' GROUP BY ALL ORDER BY in_term`,
    );
    expect(perDay[1]!.loans as number).toBeGreaterThan(4 * (perDay[0]!.loans as number));
  });

  it('has busy dormitories at night and busy classrooms in the day', async () => {
    const clients = async (kind: string, hour: number) =>
      value(
        db,
        `SELECT avg(n.clients) FROM network_samples n JOIN dim_access_point USING (ap_id) JOIN dim_building b USING (building_id)
         WHERE b.building_kind = '${kind}' AND hour(n.sample_time) = ${hour}`,
      );
    expect(await clients('学生宿舍', 22)).toBeGreaterThan(3 * (await clients('学生宿舍', 4)));
    expect(await clients('教学楼', 10)).toBeGreaterThan(5 * (await clients('教学楼', 3)));
  });

  it('has quieter campus gates on the weekend and almost nobody at 3 a.m.', async () => {
    const byHour = await rows(
      db,
      "SELECT hour(entry_time) AS hour, count(*) AS n FROM gate_entries e JOIN dim_gate g USING (gate_id) WHERE g.gate_kind = '校门' GROUP BY ALL",
    );
    const at = (hour: number) => Number(byHour.find((row) => Number(row.hour) === hour)?.n ?? 0);
    expect(at(18)).toBeGreaterThan(10 * at(3));
  });
});

describe('distributions', () => {
  it('has most students from 浙江 with 丽水 the largest city, and a national tail', async () => {
    const share = await value(db, "SELECT avg((origin_province_code = '330000')::INTEGER) FROM students");
    expect(share).toBeGreaterThan(0.78);
    expect(share).toBeLessThan(0.93);
    expect(await value(db, 'SELECT count(DISTINCT origin_province_code) FROM students')).toBeGreaterThan(10);
    const top = await rows(
      db,
      'SELECT origin_city_code FROM students GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1',
    );
    expect(top).toEqual([{ origin_city_code: '331100' }]);
  });

  it('has mostly women in nursing and mostly men in mechanical engineering', async () => {
    const women = (major: string) =>
      value(db, `SELECT avg((gender = '女')::INTEGER) FROM students WHERE major_code = '${major}'`);
    expect(await women('101101')).toBeGreaterThan(0.75);
    expect(await women('080202')).toBeLessThan(0.45);
  });

  it('has plausible grades: few fails, GPAs on the 5-point scale around 2.6', async () => {
    const failRate = await value(
      db,
      "SELECT avg((result = '不及格')::INTEGER) FROM enrolments WHERE result <> '在修'",
    );
    expect(failRate).toBeGreaterThan(0.01);
    expect(failRate).toBeLessThan(0.15);
    const gpa = await value(db, 'SELECT avg(gpa) FROM students');
    expect(gpa).toBeGreaterThan(2);
    expect(gpa).toBeLessThan(3.2);
  });

  it('has at least 80 service items, and more lecturers than professors', async () => {
    expect(await value(db, 'SELECT count(*) FROM dim_service_item')).toBeGreaterThanOrEqual(80);
    expect(await value(db, "SELECT count(*) FROM staff WHERE title = '讲师'")).toBeGreaterThan(
      await value(db, "SELECT count(*) FROM staff WHERE title = '教授'"),
    );
  });

  it('approves smart reimbursement (智能报销) faster than paper claims, and pays after approving', async () => {
    const days = (channel: string) =>
      value(db, `SELECT avg(approval_days) FROM reimbursement_claims WHERE channel = '${channel}'`);
    expect(await days('智能报销')).toBeLessThan(await days('线下报销'));
    expect(
      await value(
        db,
        'SELECT count(*) FROM reimbursement_claims WHERE payment_days < approval_days OR paid_at < approved_at',
      ),
    ).toBe(0);
    expect(
      await value(
        db,
        "SELECT count(*) FROM reimbursement_claims WHERE status = '已支付' AND payment_days IS NULL",
      ),
    ).toBe(0);
  });

  it('funds national projects more than bureau-level ones', async () => {
    const funding = (level: string) =>
      value(db, `SELECT avg(funding) FROM research_projects WHERE level = '${level}'`);
    expect(await funding('国家级')).toBeGreaterThan(3 * (await funding('厅局级')));
  });
});

describe('the as-of date', () => {
  it('drives every relative date', async () => {
    const early = await warehouse({ asOf: '2025-06-10', scale: 0.02 });
    const windows = await rows(
      early,
      `SELECT
         (SELECT min(loan_time)::DATE::VARCHAR FROM library_loans) AS loans_from,
         (SELECT max(loan_time)::DATE::VARCHAR FROM library_loans) AS loans_to,
         (SELECT max(return_time) < TIMESTAMP '2025-06-11' FROM library_loans) AS returns_before_end,
         (SELECT min(sample_time)::VARCHAR FROM network_samples) AS samples_from,
         (SELECT max(sample_time)::VARCHAR FROM network_samples) AS samples_to,
         (SELECT min(entry_time)::DATE::VARCHAR FROM gate_entries) AS gates_from,
         (SELECT max(entry_time)::DATE::VARCHAR FROM gate_entries) AS gates_to,
         (SELECT max(submitted_at)::DATE::VARCHAR FROM service_requests) AS requests_to,
         (SELECT max(completed_at) < TIMESTAMP '2025-06-11' FROM service_requests) AS completed_before_end,
         (SELECT max(reserve_date)::VARCHAR FROM seat_reservations WHERE status <> '待使用') AS seats_to,
         (SELECT min(reserve_date)::VARCHAR || ' … ' || max(reserve_date)::VARCHAR FROM seat_reservations WHERE status = '待使用') AS upcoming_seats,
         (SELECT max(booked_at) < TIMESTAMP '2025-06-11' FROM seat_reservations) AS booked_before_end,
         (SELECT max(submitted_at)::DATE::VARCHAR FROM reimbursement_claims) AS claims_to,
         (SELECT max(start_date)::VARCHAR <= '2025-06-10' FROM research_projects) AS projects_started,
         (SELECT max(enrol_year) FROM students) AS newest_cohort,
         (SELECT min(enrol_year) FILTER (WHERE status <> '毕业') FROM students WHERE degree_level = '本科' AND major_code <> '100201K') AS oldest_cohort,
         (SELECT max(semester_code) FROM enrolments) AS latest_semester,
         (SELECT live_start::VARCHAR FROM seed_metadata) AS live_start`,
    );
    expect(windows).toEqual([
      {
        loans_from: '2023-06-12',
        loans_to: '2025-06-10',
        returns_before_end: true,
        samples_from: '2025-05-12 00:00:00',
        samples_to: '2025-06-10 23:55:00',
        gates_from: '2025-05-12',
        gates_to: '2025-06-10',
        requests_to: '2025-06-10',
        completed_before_end: true,
        seats_to: '2025-06-10',
        upcoming_seats: '2025-06-11 … 2025-06-11',
        booked_before_end: true,
        claims_to: '2025-06-10',
        projects_started: true,
        newest_cohort: 2024,
        oldest_cohort: 2021,
        latest_semester: '2024-2025-2',
        live_start: '2025-06-11 00:00:00',
      },
    ]);
  });
});

describe('seeding', () => {
  it('refuses a database that already has warehouse tables', async () => {
    await expect(seedWarehouse(db, { scale: SCALE })).rejects.toThrow(
      /already has warehouse tables \(admissions, course_sections, .*\); seed into an empty database or a new file/,
    );
  });
});

describe('graduation', () => {
  it('counts a cohort as graduated from 1 July of its last year, before the next cohort arrives in September', async () => {
    const summer = await warehouse({ asOf: '2024-07-15', scale: 0.01 });
    const cohorts = await rows(
      summer,
      `SELECT enrol_year, string_agg(DISTINCT CASE WHEN status = '毕业' THEN '毕业' ELSE '在校' END, ',') AS status
       FROM students WHERE degree_level = '本科' AND major_code <> '100201K' GROUP BY ALL ORDER BY enrol_year`,
    );
    expect(cohorts).toEqual([
      { enrol_year: 2019, status: '毕业' },
      { enrol_year: 2020, status: '毕业' },
      { enrol_year: 2021, status: '在校' },
      { enrol_year: 2022, status: '在校' },
      { enrol_year: 2023, status: '在校' },
    ]);
    expect(
      await value(
        summer,
        "SELECT count(*) FROM students WHERE status = '毕业' AND dorm_building_id IS NOT NULL",
      ),
    ).toBe(0);
  });
});

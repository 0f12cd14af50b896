/**
 * A small, fully known campus for server tests: a temporary DuckDB file with students, loans and network
 * samples, a catalog over it exercising every feature, and helpers to boot a server and to run SQL directly.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseCatalog } from '../catalog/load.js';
import type { ServerCatalog } from '../catalog/types.js';
import { silentLogger } from '../http/log.js';
import { startServer, type RunningServer, type ServerOptions } from '../http/server.js';

/** The fixture catalog (YAML), also a worked example of the catalog format. */
export const FIXTURE_CATALOG_YAML = `
v: 1
timeZone: Asia/Shanghai
calendar:
  semesters:
    - { name: 2024-2025-1, academicYear: 2024-2025, start: 2024-09-02, end: 2025-01-19 }
    - { name: 2024-2025-2, academicYear: 2024-2025, start: 2025-02-24, end: 2025-07-06 }
    - { name: 2025-2026-1, academicYear: 2025-2026, start: 2025-09-01, end: 2026-01-18 }
    - { name: 2025-2026-2, academicYear: 2025-2026, start: 2026-03-02, end: 2026-07-12 }
roles:
  - { name: student, claims: [sub] }
  - { name: dean, claims: [college] }
  - { name: analyst }
  - { name: admin }
views:
  - name: students
    title: { zh-CN: 学生, en: Students }
    table: students
    public: true
    defaultTimeDimension: enrol_date
    access:
      - { role: admin }
      - { role: dean, rows: "college = {claims.college}" }
      - { role: student, rows: "student_id = {claims.sub}" }
      - { role: analyst, minGroupSize: 3 }
    measures:
      - { name: headcount, title: { zh-CN: 人数, en: Headcount }, aggregation: countDistinct, sql: student_id, unit: 人, format: ",d", public: true }
      - { name: avg_gpa, title: { zh-CN: 平均绩点, en: Average GPA }, aggregation: avg, sql: gpa, format: .2f }
      - { name: gpa_total, title: { zh-CN: 绩点合计, en: GPA total }, aggregation: sum, sql: gpa }
    dimensions:
      - { name: college, title: { zh-CN: 学院, en: College }, type: string, sql: college, public: true }
      - { name: major, title: { zh-CN: 专业, en: Major }, type: string, sql: major, public: true }
      - { name: gender, title: { zh-CN: 性别, en: Gender }, type: string, sql: gender }
      - { name: grade, title: { zh-CN: 年级, en: Grade }, type: number, sql: grade, public: true }
      - name: origin_province
        title: { zh-CN: 生源省份, en: Home province }
        type: string
        sql: province_name
        geo: cn-province
        attributes:
          - { name: code, title: { zh-CN: 省份代码, en: Province code }, type: string, sql: province_code, geo: cn-province }
      - { name: enrol_date, title: { zh-CN: 入学日期, en: Enrolment date }, type: time, sql: enrol_date, granularities: [day, week, month, quarter, year, academic_year, semester, teaching_week] }
      - name: student_name
        title: { zh-CN: 姓名, en: Name }
        type: string
        sql: name
        mask: { method: partial, keepStart: 1, keepEnd: 0, unmaskedRoles: [admin, student] }
      - name: phone
        title: { zh-CN: 手机号, en: Phone }
        type: string
        sql: phone
        mask: { method: partial, keepStart: 3, keepEnd: 4, unmaskedRoles: [admin] }
      - name: id_number
        title: { zh-CN: 身份证号, en: ID number }
        type: string
        sql: id_number
        roles: [admin, student]
        mask: { method: hash, unmaskedRoles: [admin] }
    segments:
      - { name: enrolled, title: { zh-CN: 在籍学生, en: Enrolled }, sql: "status = '在读'", public: true }
      - { name: graduated, title: { zh-CN: 已毕业, en: Graduated }, sql: "status = '毕业'" }
  - name: loans
    title: { zh-CN: 图书借阅, en: Library loans }
    table: loans
    public: true
    defaultTimeDimension: ts
    freshness: { column: loan_time, refreshMinutes: 1 }
    measures:
      - { name: loans, title: { zh-CN: 借阅量, en: Loans }, aggregation: count, unit: 册次, public: true }
      - { name: readers, title: { zh-CN: 读者数, en: Readers }, aggregation: countDistinct, sql: reader_id }
      - { name: overdue_rate, title: { zh-CN: 逾期率, en: Overdue rate }, aggregation: ratio, sql: "avg(CASE WHEN overdue_days > 0 THEN 1.0 ELSE 0.0 END)", format: .1%, public: true }
      - { name: big_sum, title: { zh-CN: 大数, en: Big sum }, aggregation: sum, sql: big_value }
    dimensions:
      - { name: ts, title: { zh-CN: 借出时间, en: Loan time }, type: time, sql: loan_time, granularities: [hour, day, week, month, year, semester, academic_year, teaching_week], public: true }
      - { name: college, title: { zh-CN: 学院, en: College }, type: string, sql: college, public: true }
      - { name: category, title: { zh-CN: 图书分类, en: Category }, type: string, sql: category, public: true }
    segments:
      - { name: overdue, title: { zh-CN: 逾期, en: Overdue }, sql: overdue_days > 0, public: true }
  - name: network
    title: { zh-CN: 校园网, en: Campus network }
    sql: "SELECT sample_time, building, bytes FROM network_samples"
    requiredFilters: [ts]
    defaultTimeDimension: ts
    measures:
      - { name: traffic_gb, title: { zh-CN: 流量, en: Traffic }, aggregation: custom, sql: "sum(bytes) / 1e9", unit: GB }
    dimensions:
      - { name: ts, title: { zh-CN: 时间, en: Time }, type: time, sql: sample_time, granularities: [minute, hour, day] }
      - { name: building, title: { zh-CN: 楼宇, en: Building }, type: string, sql: building, geo: campus-building }
`;

/** The fixture catalog, parsed. */
export function fixtureCatalog(): ServerCatalog {
  return parseCatalog(FIXTURE_CATALOG_YAML, 'fixture.yaml');
}

const COLLEGES = ['工学院', '医学院', '理学院', '文学院'];
const MAJORS: Record<string, string[]> = {
  工学院: ['机械', '土木', '电气'],
  医学院: ['临床', '护理'],
  理学院: ['数学', '物理'],
  文学院: ['汉语言'],
};
const PROVINCES: [string, string][] = [
  ['330000', '浙江省'],
  ['320000', '江苏省'],
  ['360000', '江西省'],
];

/** Creates the fixture database in a fresh temporary folder; returns its path and a cleanup function. */
export async function createFixtureDatabase(): Promise<{ path: string; dir: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-server-'));
  const path = join(dir, 'fixture.duckdb');
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(`
    CREATE TABLE students (student_id VARCHAR, name VARCHAR, gender VARCHAR, college VARCHAR, major VARCHAR, grade INTEGER,
      status VARCHAR, province_code VARCHAR, province_name VARCHAR, id_number VARCHAR, phone VARCHAR, gpa DECIMAL(3,2), enrol_date DATE);
    CREATE TABLE loans (loan_id BIGINT, reader_id VARCHAR, college VARCHAR, category VARCHAR, loan_time TIMESTAMP, overdue_days INTEGER, big_value BIGINT);
    CREATE TABLE network_samples (sample_time TIMESTAMP, building VARCHAR, bytes BIGINT);
    CREATE TABLE table_versions (table_name VARCHAR, version BIGINT, row_count BIGINT, updated_at TIMESTAMP);
    INSERT INTO table_versions VALUES ('students', 1, 0, now()::TIMESTAMP), ('loans', 1, 0, now()::TIMESTAMP);
  `);
  // Deterministic rows: every combination appears, counts differ per college so rankings are unambiguous.
  let n = 0;
  const students: string[] = [];
  COLLEGES.forEach((college, c) => {
    const majors = MAJORS[college]!;
    const count = 12 - c * 2;
    for (let i = 0; i < count; i++) {
      n++;
      const major = majors[i % majors.length]!;
      const [code, province] = PROVINCES[(i + c) % PROVINCES.length]!;
      const status = i % 5 === 4 ? '毕业' : '在读';
      const grade = 2022 + (i % 4);
      const gpa = (2 + ((i * 37 + c * 11) % 200) / 100).toFixed(2);
      const day = String(1 + (i % 20)).padStart(2, '0');
      students.push(
        `('S${String(n).padStart(4, '0')}', '${['张', '李', '王', '赵'][c]}同学${i}', '${i % 2 ? '女' : '男'}', '${college}', '${major}', ${grade}, '${status}', '${code}', '${province}', '33${String(n).padStart(16, '0')}', '138${String(n).padStart(8, '0')}', ${gpa}, DATE '${grade}-09-${day}')`,
      );
    }
  });
  await connection.run(`INSERT INTO students VALUES ${students.join(', ')}`);
  const loans: string[] = [];
  for (let i = 0; i < 400; i++) {
    const college = COLLEGES[i % 3 === 0 ? 0 : i % COLLEGES.length]!;
    const day = new Date(Date.UTC(2025, 8, 1) + ((i * 37) % 300) * 86_400_000 + (i % 24) * 3_600_000);
    loans.push(
      `(${i + 1}, 'S${String(1 + (i % 30)).padStart(4, '0')}', '${college}', '${'ABCDE'[i % 5]}', TIMESTAMP '${day.toISOString().slice(0, 19).replace('T', ' ')}', ${i % 7 === 0 ? i % 11 : 0}, ${i === 0 ? '9007199254740993' : '1'})`,
    );
  }
  await connection.run(`INSERT INTO loans VALUES ${loans.join(', ')}`);
  await connection.run(
    `INSERT INTO network_samples SELECT TIMESTAMP '2025-10-01 00:00:00' + to_minutes(CAST(i * 5 AS INTEGER)), 'B' || (i % 3), 1000000 * (i % 7 + 1) FROM range(2000) t(i)`,
  );
  connection.closeSync();
  instance.closeSync();
  return { path, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A server over its own fixture database, and how to stop both. */
export interface FixtureServer {
  readonly server: RunningServer;
  /** Stops the server, then deletes its database folder. */
  close(): Promise<void>;
}

/**
 * Starts a server over a fresh fixture database with the fixture catalog, on a free loopback port and without
 * logs; `options` add to or override those settings.
 */
export async function startFixtureServer(options: Partial<ServerOptions> = {}): Promise<FixtureServer> {
  const db = await createFixtureDatabase();
  try {
    const server = await startServer({
      db: db.path,
      catalog: fixtureCatalog(),
      port: 0,
      logger: silentLogger,
      ...options,
    });
    return {
      server,
      async close() {
        await server.close();
        db.cleanup();
      },
    };
  } catch (error) {
    db.cleanup();
    throw error;
  }
}

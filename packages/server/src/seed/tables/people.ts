import { colleges, departments, majors, type DegreeLevel } from '../data/organisation';
import {
  minorityEthnicities,
  originProvinces,
  politicalStatuses,
  staffCategories,
  zhejiangCityWeights,
} from '../data/people';
import { cities } from '../data/regions.generated';
import { insertRows, sqlString, sqlStringList, weightedList, weightedSlots } from '../sql';
import { dateLiteral, type SeedContext, type SeedStep } from './step';

/** Intake per year at scale 1, by degree level. */
export function intake(level: DegreeLevel, year: number): number {
  if (level === '本科') return 2050 * (1 + 0.02 * (year - 2022));
  if (level === '专科') return 260;
  return year < 2023 ? 0 : Math.min(150, 60 + 30 * (year - 2023));
}

/** Share of women by discipline, with overrides for majors that differ much from their discipline. */
const femaleShareByDiscipline: Record<string, number> = {
  工学: 0.24,
  医学: 0.68,
  教育学: 0.8,
  管理学: 0.66,
  经济学: 0.6,
  文学: 0.8,
  艺术学: 0.64,
  理学: 0.5,
  农学: 0.46,
  法学: 0.66,
  历史学: 0.55,
  医药卫生大类: 0.9,
  教育与体育大类: 0.95,
  财经商贸大类: 0.75,
};
const femaleShareByMajor: Record<string, number> = {
  '101101': 0.9,
  '040106': 0.96,
  '040201': 0.3,
  '040203': 0.35,
  '1054': 0.88,
};

/** Students' cohorts (one row per major and enrolment year), computed exactly so sizes add up. */
export function cohorts(scale: number, academicYear: number) {
  const rows: {
    major: (typeof majors)[number];
    enrolYear: number;
    size: number;
    digit: number;
    femaleShare: number;
  }[] = [];
  for (let enrolYear = academicYear - 5; enrolYear <= academicYear; enrolYear++) {
    for (const level of ['本科', '专科', '硕士'] as const) {
      const eligible = majors.filter(
        (m) => m.level === level && m.since <= enrolYear && enrolYear + m.years >= academicYear,
      );
      const total = Math.round(
        intake(level, enrolYear) *
          scale *
          (eligible.reduce((s, m) => s + m.weight, 0) /
            majors
              .filter((m) => m.level === level && m.since <= enrolYear)
              .reduce((s, m) => s + m.weight, 0) || 0),
      );
      if (eligible.length === 0 || total === 0) continue;
      const slots = weightedSlots(
        eligible.map((m) => [m.code, m.weight] as const),
        total,
      );
      for (const major of eligible) {
        const size = slots.filter((code) => code === major.code).length;
        if (size === 0) continue;
        const digit = majors.filter((m) => m.collegeId === major.collegeId).indexOf(major) + 1;
        const femaleShare =
          femaleShareByMajor[major.code] ?? femaleShareByDiscipline[major.discipline] ?? 0.55;
        rows.push({ major, enrolYear, size, digit, femaleShare });
      }
    }
  }
  return rows;
}

/** Students' origin: a province slot list and a TEMP table of 100 city slots per province. */
async function createOriginTables(context: SeedContext): Promise<string> {
  const citySlots: [string, number, string][] = [];
  for (const { provinceCode } of originProvinces) {
    const candidates = cities.filter((city) => city.provinceCode === provinceCode);
    const weights = candidates.map((city) => {
      if (provinceCode === '330000') return [city.code, zhejiangCityWeights[city.code] ?? 1] as const;
      if (city.kind === '省直辖县级行政区') return [city.code, 0.4] as const;
      return [city.code, city.code.endsWith('0100') ? 3 : 1] as const;
    });
    weightedSlots(weights, 100).forEach((code, slot) => citySlots.push([provinceCode, slot, code]));
  }
  await context.run(
    'CREATE OR REPLACE TEMP TABLE city_slots (province_code VARCHAR, slot INTEGER, city_code VARCHAR)',
  );
  await insertRows(context.connection, 'city_slots', ['province_code', 'slot', 'city_code'], citySlots);
  return weightedList(
    originProvinces.map((p) => [p.provinceCode, p.weight] as const),
    1000,
  );
}

/** SQL columns for a person's origin, ethnicity and name, keyed by `key` in stream `stream`. */
function personSql(stream: string, key: string, provinceSlots: string): string {
  const minorityShare = `CASE origin_province_code WHEN '540000' THEN 0.8 WHEN '650000' THEN 0.5 WHEN '630000' THEN 0.4
    WHEN '450000' THEN 0.35 WHEN '520000' THEN 0.35 WHEN '530000' THEN 0.35 WHEN '640000' THEN 0.3 WHEN '150000' THEN 0.2
    WHEN '430000' THEN 0.1 WHEN '420000' THEN 0.06 ELSE 0.02 END`;
  return `
    WITH origin AS (
      SELECT *, pick(${provinceSlots}, rnd('${stream}.province', ${key})) AS origin_province_code FROM people
    )
    SELECT o.*, cs.city_code AS origin_city_code,
      CASE
        WHEN cs.city_code = '331100' AND rnd('${stream}.ethnicity', ${key}) < 0.10 THEN '畲族'
        WHEN o.origin_province_code IN ('330000', '350000', '360000') AND rnd('${stream}.ethnicity', ${key}) < 0.012 THEN '畲族'
        WHEN o.origin_province_code NOT IN ('330000', '350000', '360000') AND rnd('${stream}.ethnicity', ${key}) < ${minorityShare}
          THEN pick(${sqlStringList(minorityEthnicities.slice(1))}, rnd('${stream}.minority', ${key}))
        ELSE '汉族'
      END AS ethnicity,
      person_name('${stream}.name', ${key}, NOT is_female) AS name,
      CASE WHEN is_female THEN '女' ELSE '男' END AS gender
    FROM origin o
    JOIN city_slots cs ON cs.province_code = o.origin_province_code
      AND cs.slot = floor(rnd('${stream}.city', ${key}) * 100)::INTEGER`;
}

async function createCohorts(context: SeedContext): Promise<void> {
  const { params } = context;
  await context.run(`CREATE OR REPLACE TEMP TABLE cohorts (
    major_code VARCHAR, major_name VARCHAR, college_id VARCHAR, degree_level VARCHAR, years INTEGER,
    enrol_year INTEGER, n INTEGER, major_digit INTEGER, female_share DOUBLE)`);
  await insertRows(
    context.connection,
    'cohorts',
    [
      'major_code',
      'major_name',
      'college_id',
      'degree_level',
      'years',
      'enrol_year',
      'n',
      'major_digit',
      'female_share',
    ],
    cohorts(params.scale, params.academicYear).map((c) => [
      c.major.code,
      c.major.name,
      c.major.collegeId,
      c.major.level,
      c.major.years,
      c.enrolYear,
      c.size,
      c.digit,
      c.femaleShare,
    ]),
  );
}

const students: SeedStep = {
  table: 'students',
  async build(context) {
    const { params } = context;
    await createCohorts(context);
    const provinceSlots = await createOriginTables(context);
    await context.run(`
      INSERT INTO students BY NAME
      WITH people AS (
        SELECT c.*, k,
          c.enrol_year::VARCHAR || c.college_id || c.major_digit::VARCHAR || lpad((k + 1)::VARCHAR, 3, '0') AS student_id,
          rnd('student.gender', c.enrol_year::VARCHAR || c.college_id || c.major_digit::VARCHAR || k) < c.female_share AS is_female
        FROM cohorts c, range(c.n) AS r(k)
      ),
      drawn AS (${personSql('student', 'student_id', provinceSlots)})
      SELECT
        student_id, name, gender,
        (make_date(enrol_year - CASE degree_level WHEN '硕士' THEN 22 ELSE 18 END, 9, 1)
          - to_days(floor(150 + rnd('student.birth', student_id) * 600)::INTEGER))::DATE AS birth_date,
        ethnicity,
        pick(${weightedList(politicalStatuses, 100)}, rnd('student.political', student_id)) AS political_status,
        college_id, major_code, degree_level, enrol_year,
        enrol_year::VARCHAR || '级' AS grade,
        replace(major_name, '（专科）', '') || enrol_year::VARCHAR || '级' || (1 + k // 45)::VARCHAR || '班' AS class_name,
        CASE WHEN make_date(enrol_year + years, 7, 1) <= ${dateLiteral(params.asOf)} THEN '毕业'
             WHEN rnd('student.status', student_id) < 0.015 THEN '休学' ELSE '在读' END AS status,
        origin_province_code, origin_city_code,
        CASE WHEN make_date(enrol_year + years, 7, 1) <= ${dateLiteral(params.asOf)} THEN NULL
             WHEN degree_level = '硕士' THEN 'D13'
             WHEN is_female THEN 'D' || lpad((1 + floor(rnd('student.dorm', student_id) * 7))::INTEGER::VARCHAR, 2, '0')
             ELSE 'D' || lpad((8 + floor(rnd('student.dorm', student_id) * 5))::INTEGER::VARCHAR, 2, '0') END AS dorm_building_id,
        NULL AS gpa
      FROM drawn
      ORDER BY student_id
    `);
  },
};

const staff: SeedStep = {
  table: 'staff',
  async build(context) {
    const { params } = context;
    const year = Number(params.asOf.slice(0, 4));
    const n = Math.max(40, Math.round(1100 * params.scale));
    let from = 0;
    const categoryCase = staffCategories
      .map((category) => {
        from += category.share;
        return `WHEN i < ${Math.round(from * n)} THEN ${sqlString(category.name)}`;
      })
      .join(' ');
    const collegeSlots = weightedList(
      colleges.map((c) => [`1${c.id}`, c.studentWeight] as const),
      200,
    );
    const departmentSlots = weightedList(
      departments.map((d) => [d.id, d.staffWeight] as const),
      400,
    );
    const titleCase = staffCategories
      .map((category) => {
        let cumulative = 0;
        const branches = category.titles.map(([title, level, share]) => {
          cumulative += share;
          return `WHEN percentile <= ${cumulative.toFixed(4)} THEN {'title': ${sqlString(title)}, 'level': ${sqlString(level)}}`;
        });
        return `WHEN ${sqlString(category.name)} THEN CASE ${branches.join(' ')} ELSE {'title': ${sqlString(category.titles.at(-1)![0])}, 'level': ${sqlString(category.titles.at(-1)![1])}} END`;
      })
      .join(' ');
    const degreeCase = staffCategories
      .map(
        ({ name, degrees: [doctor, master, bachelor] }) =>
          `WHEN ${sqlString(name)} THEN CASE WHEN r < ${doctor} THEN '博士' WHEN r < ${doctor + master} THEN '硕士' WHEN r < ${doctor + master + bachelor} THEN '学士' ELSE '无' END`,
      )
      .join(' ');
    await context.run(`
      INSERT INTO staff BY NAME
      WITH people AS (
        SELECT i, '1' || lpad((i + 1)::VARCHAR, 5, '0') AS staff_id, CASE ${categoryCase} ELSE '工勤人员' END AS category
        FROM range(${n}) AS r(i)
      ),
      placed AS (
        SELECT *,
          CASE WHEN category = '专任教师' AND i < 28 THEN '1' || lpad((1 + i % 14)::VARCHAR, 2, '0')
               WHEN category = '专任教师' THEN pick(${collegeSlots}, rnd('staff.college', staff_id))
               ELSE pick(${departmentSlots}, rnd('staff.department', staff_id)) END AS department_id,
          ${year} - 25 - floor(35 * pow(rnd('staff.age', staff_id), 1.1))::INTEGER AS birth_year,
          rnd('staff.gender', staff_id) < 0.52 AS is_female
        FROM people
      ),
      ranked AS (
        SELECT *,
          percent_rank() OVER (PARTITION BY category ORDER BY 0.65 * (${year} - birth_year - 25) / 35 + 0.35 * rnd('staff.title', staff_id) DESC, staff_id) AS percentile,
          rnd('staff.degree', staff_id) * (1.25 - 0.5 * (${year} - birth_year - 25) / 35) AS r
        FROM placed
      )
      SELECT
        staff_id,
        person_name('staff.name', staff_id, NOT is_female) AS name,
        CASE WHEN is_female THEN '女' ELSE '男' END AS gender,
        birth_year, department_id, category,
        (CASE category ${titleCase} END).title AS title,
        (CASE category ${titleCase} END).level AS title_level,
        CASE category ${degreeCase} END AS degree,
        (birth_year + 24 + floor(rnd('staff.hire', staff_id) * (${year} - birth_year - 23)))::INTEGER AS hire_year,
        '在岗' AS status
      FROM ranked
      ORDER BY staff_id
    `);
  },
};

const admissions: SeedStep = {
  table: 'admissions',
  async build(context) {
    const provinceSlots = weightedList(
      originProvinces.map((p) => [p.provinceCode, p.weight] as const),
      1000,
    );
    // Every registered student was admitted; about 3 % of those admitted declined and never registered.
    await context.run(`
      INSERT INTO admissions BY NAME
      WITH declined_people AS (
        SELECT c.*, k, c.enrol_year::VARCHAR || c.major_code || '#' || k AS declined_key,
          rnd('declined.gender', c.enrol_year::VARCHAR || c.major_code || '#' || k) < c.female_share AS is_female
        FROM cohorts c, range(round(c.n * 0.03)::BIGINT) AS r(k)
      ),
      declined AS (${personSql('declined', 'declined_key', provinceSlots).replace('FROM people', 'FROM declined_people')}),
      admitted AS (
        SELECT s.enrol_year AS admission_year, s.name, s.gender, s.origin_province_code, s.origin_city_code, s.college_id,
          s.major_code, s.degree_level, m.discipline, TRUE AS registered, s.student_id, s.student_id AS draw_key
        FROM students s JOIN dim_major m USING (major_code)
        UNION ALL
        SELECT d.enrol_year, d.name, d.gender, d.origin_province_code, d.origin_city_code, d.college_id, d.major_code,
          d.degree_level, m.discipline, FALSE, NULL, d.declined_key
        FROM declined d JOIN dim_major m USING (major_code)
      ),
      routed AS (
        SELECT *,
          CASE
            WHEN degree_level = '硕士' THEN CASE WHEN rnd('admission.route', draw_key) < 0.08 THEN '推免' ELSE '研究生统考' END
            WHEN degree_level = '专科' THEN CASE WHEN rnd('admission.route', draw_key) < 0.4 THEN '单考单招' ELSE '普通类' END
            WHEN discipline = '艺术学' AND rnd('admission.route', draw_key) < 0.9 THEN '艺术类'
            WHEN college_id = '13' AND rnd('admission.route', draw_key) < 0.8 THEN '体育类'
            WHEN origin_province_code = '330000' AND rnd('admission.route', draw_key) < 0.14 THEN '三位一体'
            WHEN origin_province_code = '330000' AND rnd('admission.route', draw_key) < 0.19 THEN '单考单招'
            ELSE '普通类'
          END AS admission_route
        FROM admitted
      ),
      scored AS (
        SELECT *,
          round(clamp(CASE admission_route
            WHEN '研究生统考' THEN 335 + 22 * gauss('admission.score', draw_key)
            WHEN '推免' THEN 380 + 15 * gauss('admission.score', draw_key)
            WHEN '单考单招' THEN 470 + 45 * gauss('admission.score', draw_key)
            WHEN '三位一体' THEN 545 + 22 * gauss('admission.score', draw_key)
            WHEN '艺术类' THEN 505 + 30 * gauss('admission.score', draw_key)
            WHEN '体育类' THEN 495 + 30 * gauss('admission.score', draw_key)
            ELSE CASE WHEN degree_level = '专科' THEN 420 + 35 * gauss('admission.score', draw_key)
                      WHEN origin_province_code = '330000' THEN 548 + 24 * gauss('admission.score', draw_key)
                      ELSE 505 + 30 * gauss('admission.score', draw_key) END
          END, 250, 700))::DECIMAL(5,1) AS score
        FROM routed
      )
      SELECT
        right(admission_year::VARCHAR, 2) || left(origin_province_code, 2)
          || lpad(((row_number() OVER (ORDER BY admission_year, draw_key) * 7919 + 1234567) % 10000000000)::VARCHAR, 10, '0') AS candidate_id,
        admission_year, name, gender, origin_province_code, origin_city_code, college_id, major_code, degree_level,
        admission_route, score,
        (floor(score / 20) * 20)::INTEGER::VARCHAR || '-' || (floor(score / 20) * 20 + 19)::INTEGER::VARCHAR AS score_band,
        registered, student_id
      FROM scored
      ORDER BY candidate_id
    `);
  },
};

export const peopleSteps: readonly SeedStep[] = [students, staff, admissions];

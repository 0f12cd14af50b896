import {
  disciplineCourses,
  graduatePublicCourses,
  majorCoursePatterns,
  publicCourses,
} from '../data/courses';
import { majors } from '../data/organisation';
import { insertRows, type SqlLiteral } from '../sql';
import { dateLiteral, type SeedStep } from './step';

/** One course row: [id, name, college, major, type, credits, hours, term, student level]. */
type CourseRow = [string, string, string, string | null, string, number, number, number, string];

/** The course catalogue: public courses, then three courses per term for every major. */
export function courseCatalogue(): CourseRow[] {
  const rows: CourseRow[] = [];
  publicCourses.forEach(([name, college, term, credits], index) =>
    rows.push([
      `GG${String(index + 1).padStart(3, '0')}`,
      name,
      college,
      null,
      '公共必修',
      credits,
      credits * 16,
      term,
      '本专科',
    ]),
  );
  graduatePublicCourses.forEach(([name, college, term, credits], index) =>
    rows.push([
      `YG${String(index + 1).padStart(3, '0')}`,
      name,
      college,
      null,
      '公共必修',
      credits,
      credits * 16,
      term,
      '研究生',
    ]),
  );
  for (const major of majors) {
    const shortName = major.name.replace('（专科）', '').replace('硕士', '');
    const disciplinePool = disciplineCourses[major.discipline] ?? [];
    // Majors of one discipline start the shared list at different places, so their catalogues differ.
    const offset = majors.filter((m) => m.discipline === major.discipline).indexOf(major) * 2;
    const rotated = disciplinePool.map(
      (_, index) => disciplinePool[(index + offset) % disciplinePool.length]!,
    );
    const patterns = majorCoursePatterns.map((pattern) => pattern.replace('{}', shortName));
    const graduate = major.level === '硕士';
    const names = graduate
      ? [
          `${shortName}研究方法`,
          ...rotated.slice(0, 6).map((name) => `${name}专题`),
          `${shortName}前沿讲座`,
          `${shortName}学术论文写作`,
        ]
      : [...rotated, ...patterns];
    const terms = graduate ? 3 : major.years * 2;
    for (let index = 0; index < terms * 3; index++) {
      const term = Math.floor(index / 3) + 1;
      const base = names[index % names.length]!;
      const name = index < names.length ? base : `${base}（二）`;
      const thesis = name.includes('毕业论文');
      const credits = thesis ? 8 : [3, 2.5, 2][index % 3]!;
      const type = term <= 4 || index % 3 !== 2 ? '专业必修' : '专业选修';
      rows.push([
        `${major.code}${String(index + 1).padStart(2, '0')}`,
        name,
        major.collegeId,
        major.code,
        type,
        credits,
        thesis ? 0 : credits * 16,
        term,
        graduate ? '研究生' : '本专科',
      ]);
    }
  }
  return rows;
}

const courses: SeedStep = {
  table: 'courses',
  async build({ connection, run }) {
    await run('CREATE OR REPLACE TEMP TABLE course_levels (course_id VARCHAR, student_level VARCHAR)');
    const catalogue = courseCatalogue();
    await insertRows(
      connection,
      'courses',
      [
        'course_id',
        'course_name',
        'college_id',
        'major_code',
        'course_type',
        'credits',
        'hours',
        'recommended_term',
      ],
      catalogue.map((row) => row.slice(0, 8) as SqlLiteral[]),
    );
    await insertRows(
      connection,
      'course_levels',
      ['course_id', 'student_level'],
      catalogue.map((row) => [row[0], row[8]]),
    );
  },
};

/**
 * Enrolments of the last four semesters that started by the as-of date: every student in school takes the
 * courses of their major's current term and the public courses of that term, in sections of ≤ 60 (major)
 * or ≤ 90 (public, per college) students.
 */
const courseSections: SeedStep = {
  table: 'course_sections',
  async build({ run, params }) {
    await run(`
      CREATE OR REPLACE TEMP TABLE window_semesters AS
      SELECT *, left(academic_year, 4)::INTEGER AS academic_start,
        semester_code = max(semester_code) OVER () AS is_current
      FROM dim_semester WHERE start_date <= ${dateLiteral(params.asOf)}
      ORDER BY start_date DESC LIMIT 4;

      CREATE OR REPLACE TEMP TABLE student_terms AS
      SELECT s.student_id, s.major_code, s.college_id, s.enrol_year, s.degree_level,
        CASE WHEN s.degree_level = '硕士' THEN '研究生' ELSE '本专科' END AS student_level,
        w.semester_code, w.end_date, (w.academic_start - s.enrol_year) * 2 + w.term AS term_no
      FROM students s
      JOIN dim_major m USING (major_code)
      JOIN window_semesters w ON (w.academic_start - s.enrol_year) * 2 + w.term BETWEEN 1 AND m.years * 2
      WHERE NOT (s.status = '休学' AND w.is_current);

      CREATE OR REPLACE TEMP TABLE enrolment_plan AS
      WITH major_part AS (
        SELECT t.*, c.course_id,
          row_number() OVER (PARTITION BY t.semester_code, c.course_id ORDER BY t.student_id) - 1 AS seq,
          count(*) OVER (PARTITION BY t.semester_code, c.course_id) AS cohort
        FROM student_terms t JOIN courses c ON c.major_code = t.major_code AND c.recommended_term = t.term_no
      ),
      public_part AS (
        SELECT t.*, c.course_id,
          row_number() OVER (PARTITION BY t.semester_code, c.course_id, t.college_id ORDER BY t.student_id) - 1 AS seq,
          count(*) OVER (PARTITION BY t.semester_code, c.course_id, t.college_id) AS cohort
        FROM student_terms t
        JOIN courses c ON c.major_code IS NULL AND c.recommended_term = t.term_no
        JOIN course_levels l ON l.course_id = c.course_id AND l.student_level = t.student_level
      )
      SELECT semester_code, course_id, student_id, end_date, 1 + seq % ceil(cohort / 60)::BIGINT AS section_no
      FROM major_part
      UNION ALL
      SELECT semester_code, course_id, student_id, end_date,
        college_id::INTEGER * 100 + 1 + seq % ceil(cohort / 90)::BIGINT AS section_no
      FROM public_part;

      CREATE OR REPLACE TEMP TABLE teacher_slots AS
      SELECT substr(department_id, 2) AS college_id, staff_id,
        row_number() OVER (PARTITION BY department_id ORDER BY staff_id) - 1 AS idx,
        count(*) OVER (PARTITION BY department_id) AS n
      FROM staff WHERE category = '专任教师' AND department_id LIKE '1%';

      INSERT INTO course_sections BY NAME
      WITH sections AS (
        SELECT DISTINCT p.semester_code, p.course_id, p.section_no, c.college_id,
          p.semester_code || '-' || p.course_id || '-' || lpad(p.section_no::VARCHAR, 4, '0') AS section_id
        FROM enrolment_plan p JOIN courses c USING (course_id)
      )
      SELECT s.section_id, s.course_id, s.semester_code, s.section_no::INTEGER AS section_no, t.staff_id AS teacher_id,
        'T0' || (1 + floor(rnd('section.building', s.section_id) * 6))::INTEGER::VARCHAR AS building_id,
        (1 + floor(rnd('section.floor', s.section_id) * 5))::INTEGER::VARCHAR
          || lpad((1 + floor(rnd('section.room', s.section_id) * 20))::INTEGER::VARCHAR, 2, '0') AS room,
        (1 + floor(rnd('section.weekday', s.section_id) * 5))::INTEGER AS weekday,
        pick([1, 3, 6, 8, 10], rnd('section.period', s.section_id)) AS start_period
      FROM sections s
      LEFT JOIN (SELECT DISTINCT college_id, n FROM teacher_slots) tc ON tc.college_id = s.college_id
      LEFT JOIN teacher_slots t ON t.college_id = s.college_id
        AND t.idx = floor(rnd('section.teacher', s.section_id) * tc.n)::BIGINT
      ORDER BY s.section_id
    `);
  },
};

const enrolments: SeedStep = {
  table: 'enrolments',
  async build({ run, params }) {
    await run(`
      INSERT INTO enrolments BY NAME
      WITH scored AS (
        SELECT p.semester_code || '-' || p.course_id || '-' || lpad(p.section_no::VARCHAR, 4, '0') AS section_id,
          p.student_id, p.semester_code,
          CASE WHEN p.end_date < ${dateLiteral(params.asOf)} THEN round(clamp(
            78 + 8 * gauss('student.ability', p.student_id) + 7 * gauss('enrolment.noise', p.course_id || p.student_id)
              - (rnd('course.difficulty', p.course_id) * 10 - 3), 0, 100)) END AS raw_score
        FROM enrolment_plan p
      )
      SELECT section_id, student_id, semester_code,
        raw_score::DECIMAL(4,1) AS score,
        CASE WHEN raw_score IS NULL THEN NULL WHEN raw_score >= 60 THEN ((raw_score - 50) / 10)::DECIMAL(2,1) ELSE 0 END AS grade_point,
        CASE WHEN raw_score IS NULL THEN '在修' WHEN raw_score >= 60 THEN '合格' ELSE '不及格' END AS result
      FROM scored
      ORDER BY section_id, student_id;

      UPDATE students SET gpa = g.gpa
      FROM (
        SELECT e.student_id, (sum(e.grade_point * c.credits) / sum(c.credits))::DECIMAL(3,2) AS gpa
        FROM enrolments e JOIN course_sections s USING (section_id) JOIN courses c USING (course_id)
        WHERE e.grade_point IS NOT NULL AND c.credits > 0
        GROUP BY e.student_id
      ) g
      WHERE students.student_id = g.student_id;
    `);
  },
};

export const teachingSteps: readonly SeedStep[] = [courses, courseSections, enrolments];

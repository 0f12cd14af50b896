import { colleges } from '../data/organisation';
import { projectLevels, researchFramings, researchTopics } from '../data/research';
import { sqlString, sqlStringList, weightedList } from '../sql';
import { dateLiteral, type SeedStep } from './step';

export const researchProjects: SeedStep = {
  table: 'research_projects',
  async build({ run, params }) {
    const asOfYear = Number(params.asOf.slice(0, 4));
    const levels = projectLevels
      .map(
        (l) =>
          `(${sqlString(l.level)}, ${l.perYear}, ${l.funding[0]}, ${l.funding[1]}, ${l.years}, ${sqlStringList(l.sources)})`,
      )
      .join(', ');
    const collegeWeights: Record<string, number> = {
      '01': 3,
      '02': 3,
      '07': 3,
      '14': 3,
      '04': 2,
      '03': 2,
      '12': 1.5,
      '08': 1.5,
    };
    const collegeSlots = weightedList(
      colleges.map((c) => [c.id, collegeWeights[c.id] ?? 1] as const),
      1000,
    );
    const topics = colleges
      .map((c) => `(${sqlString(c.id)}, ${sqlStringList(researchTopics[c.id] ?? ['学科建设'])})`)
      .join(', ');
    const prefixes: Record<string, string> = { 国家级: 'GJ', 省部级: 'SB', 厅局级: 'TJ', 横向: 'HX' };
    const prefixCase = Object.entries(prefixes)
      .map(([level, prefix]) => `WHEN ${sqlString(level)} THEN '${prefix}'`)
      .join(' ');
    await run(`
      CREATE OR REPLACE TEMP TABLE investigator_slots AS
      SELECT substr(department_id, 2) AS college_id, staff_id,
        row_number() OVER (PARTITION BY department_id ORDER BY staff_id) - 1 AS idx,
        count(*) OVER (PARTITION BY department_id) AS n
      FROM staff WHERE category = '专任教师' AND title_level IN ('正高级', '副高级') AND department_id LIKE '1%';

      INSERT INTO research_projects BY NAME
      WITH levels(level, per_year, min_funding, max_funding, years, sources) AS (VALUES ${levels}),
      topics(college_id, subjects) AS (VALUES ${topics}),
      planned AS (
        SELECT l.*, y.year,
          stochastic_round(l.per_year * ${params.scale} * (1 + 0.05 * (y.year - ${asOfYear - 9})), rnd3('project.count', l.level, y.year)) AS n
        FROM levels l CROSS JOIN range(${asOfYear - 9}, ${asOfYear + 1}) AS y(year)
      ),
      drawn AS (
        SELECT p.*, k, p.level || p.year || '/' || k AS draw_key,
          (make_date(p.year::INTEGER, 1, 1) + to_days(floor(rnd3('project.start', p.level || k, p.year) * 365)::INTEGER))::DATE AS start_date,
          pick(${collegeSlots}, rnd3('project.college', p.level || k, p.year)) AS college_id
        FROM planned p, range(p.n) AS r(k)
      )
      SELECT
        CASE d.level ${prefixCase} END || d.year::VARCHAR || lpad((d.k + 1)::VARCHAR, 4, '0') AS project_id,
        replace(pick(${sqlStringList(researchFramings)}, rnd('project.framing', draw_key)), '{}', pick(t.subjects, rnd('project.topic', draw_key))) AS project_title,
        d.level,
        pick(d.sources, rnd('project.source', draw_key)) AS source,
        d.college_id,
        i.staff_id AS pi_staff_id,
        d.year::INTEGER AS start_year,
        d.start_date,
        (d.start_date + to_days(d.years * 365 - 1))::DATE AS end_date,
        round(d.min_funding + (d.max_funding - d.min_funding) * pow(rnd('project.funding', draw_key), 2), 2)::DECIMAL(10,2) AS funding,
        CASE WHEN d.start_date + to_days(d.years * 365 - 1) >= ${dateLiteral(params.asOf)} THEN '在研'
             WHEN rnd('project.late', draw_key) < 0.12 THEN '延期' ELSE '已结题' END AS status
      FROM drawn d
      JOIN topics t USING (college_id)
      LEFT JOIN (SELECT DISTINCT college_id, n FROM investigator_slots) n USING (college_id)
      LEFT JOIN investigator_slots i ON i.college_id = d.college_id AND i.idx = floor(rnd('project.pi', draw_key) * n.n)::BIGINT
      WHERE d.start_date <= ${dateLiteral(params.asOf)}
      ORDER BY project_id
    `);
  },
};

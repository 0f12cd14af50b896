import { departments } from '../data/organisation';
import { claimCategories } from '../data/research';
import { sqlString, weightedList } from '../sql';
import { dateLiteral, timestampLiteral, type SeedStep } from './step';

/** Claims per day at full activity, at scale 1. */
const CLAIMS_PER_DAY = 85;

export const reimbursementClaims: SeedStep = {
  table: 'reimbursement_claims',
  async build({ run, params }) {
    const departmentSlots = weightedList(
      departments.map((d) => [d.id, d.kind === '学院' ? 3 : d.staffWeight] as const),
      1000,
    );
    const categories = claimCategories
      .map(([name, , median, spread]) => `(${sqlString(name)}, ${median}, ${spread})`)
      .join(', ');
    const categorySlots = weightedList(
      claimCategories.map(([name, share]) => [name, share] as const),
      1000,
    );
    await run(`
      CREATE OR REPLACE TEMP TABLE department_staff AS
      SELECT department_id, staff_id, row_number() OVER (PARTITION BY department_id ORDER BY staff_id) - 1 AS idx,
        count(*) OVER (PARTITION BY department_id) AS n
      FROM staff;

      INSERT INTO reimbursement_claims BY NAME
      WITH categories(category, median, spread) AS (VALUES ${categories}),
      days AS (
        SELECT d.date, d.month, epoch_ms(d.date::TIMESTAMP) AS day_key,
          stochastic_round(${CLAIMS_PER_DAY} * ${params.scale}
            * CASE WHEN d.is_workday THEN 1 WHEN d.holiday_name IS NOT NULL THEN 0.03 ELSE 0.08 END
            * CASE WHEN d.semester_code IS NULL THEN 0.6 ELSE 1 END
            * CASE d.month WHEN 12 THEN 1.6 WHEN 1 THEN 1.2 WHEN 6 THEN 1.2 ELSE 1 END,
            rnd('claim.count', d.date)) AS n
        FROM dim_date d
        WHERE d.date BETWEEN ${dateLiteral(params.historyStart)} AND ${dateLiteral(params.asOf)}
      ),
      drawn AS (
        SELECT d.date, d.month, d.day_key, k,
          d.date + to_minutes((480 + floor(rnd3('claim.time', k, d.day_key) * 570))::INTEGER) AS submitted_at,
          pick(${departmentSlots}, rnd3('claim.department', k, d.day_key)) AS department_id,
          pick(${categorySlots}, rnd3('claim.category', k, d.day_key)) AS category
        FROM days d, range(d.n) AS r(k)
      ),
      shaped AS (
        SELECT r.*, coalesce(ds.staff_id, '100001') AS staff_id,
          clamp(round(c.median * exp(c.spread * gauss('claim.amount', r.day_key * 100000 + r.k)), 2), 10, 800000) AS amount,
          r.submitted_at >= TIMESTAMP '2022-09-01' AND rnd3('claim.channel', r.k, r.day_key)
            < 0.6 + 0.32 * clamp(date_diff('day', DATE '2022-09-01', r.date) / 900, 0, 1) AS smart,
          rnd3('claim.outcome', r.k, r.day_key) AS outcome_draw
        FROM drawn r
        JOIN categories c USING (category)
        LEFT JOIN (SELECT DISTINCT department_id, n FROM department_staff) dn USING (department_id)
        LEFT JOIN department_staff ds ON ds.department_id = r.department_id
          AND ds.idx = floor(rnd3('claim.staff', r.k, r.day_key) * dn.n)::BIGINT
      ),
      timed AS (
        SELECT *,
          (CASE WHEN smart THEN 0.3 + 2.5 * pow(rnd3('claim.days', k, day_key), 1.5)
                ELSE 2 + 8 * rnd3('claim.days', k, day_key) END) * CASE WHEN month = 12 THEN 1.5 ELSE 1 END AS approval_days_raw
        FROM shaped
      ),
      dated AS (
        SELECT *,
          submitted_at + to_microseconds((approval_days_raw * 86400000000)::BIGINT) AS approved_raw,
          approval_days_raw + 1 + 2 * rnd3('claim.pay', k, day_key) AS payment_days_raw,
          submitted_at + to_microseconds(((approval_days_raw + 1 + 2 * rnd3('claim.pay', k, day_key)) * 86400000000)::BIGINT) AS paid_raw
        FROM timed
      )
      SELECT
        row_number() OVER (ORDER BY submitted_at, k) AS claim_id,
        department_id, staff_id, category, amount::DECIMAL(12,2) AS amount,
        (1 + floor(pow(rnd3('claim.invoices', k, day_key), 2) * 12))::INTEGER AS invoice_count,
        CASE WHEN smart THEN '智能报销' ELSE '线下报销' END AS channel,
        submitted_at,
        CASE WHEN outcome_draw >= 0.05 AND approved_raw < ${timestampLiteral(params.liveStart)} THEN approved_raw END AS approved_at,
        CASE WHEN outcome_draw >= 0.05 AND paid_raw < ${timestampLiteral(params.liveStart)} THEN paid_raw END AS paid_at,
        CASE WHEN outcome_draw < 0.05 THEN '已退回'
             WHEN approved_raw >= ${timestampLiteral(params.liveStart)} THEN '审核中'
             WHEN paid_raw >= ${timestampLiteral(params.liveStart)} THEN '待支付' ELSE '已支付' END AS status,
        CASE WHEN outcome_draw >= 0.05 AND approved_raw < ${timestampLiteral(params.liveStart)}
             THEN approval_days_raw END::DECIMAL(6,2) AS approval_days,
        CASE WHEN outcome_draw >= 0.05 AND paid_raw < ${timestampLiteral(params.liveStart)}
             THEN payment_days_raw END::DECIMAL(6,2) AS payment_days
      FROM dated
      ORDER BY claim_id
    `);
  },
};

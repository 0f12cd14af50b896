import { readingRooms } from '../data/campus';
import { bookCategories } from '../data/library';
import { colleges, departments } from '../data/organisation';
import { claimCategories, projectLevels, researchFramings, researchTopics } from '../data/research';
import { sqlString, sqlStringList, weightedList } from '../sql';
import { activityLevelSql } from '../session';
import { gateEntriesSql, networkSamplesSql, preparePeopleSlots, serviceRequestsSql } from './activity';
import { dateLiteral, timestampLiteral, type SeedStep } from './step';

/** Loans per day at full activity, at scale 1. */
const LOANS_PER_DAY = 1150;

const libraryLoans: SeedStep = {
  table: 'library_loans',
  async build({ run, connection, params }) {
    await preparePeopleSlots(connection);
    const categorySlots = weightedList(
      bookCategories.map((c) => [c.code, c.loanShare] as const),
      1000,
    );
    // A reader is drawn up to three times until one was in school (or employed) on the day; the few
    // loans left without a reader are dropped.
    await run(`
      CREATE OR REPLACE TEMP TABLE book_slots AS
      SELECT category_code, book_id, row_number() OVER (PARTITION BY category_code ORDER BY book_id) - 1 AS idx,
        count(*) OVER (PARTITION BY category_code) AS n
      FROM dim_book;

      INSERT INTO library_loans BY NAME
      WITH days AS (
        SELECT d.*, epoch_ms(d.date::TIMESTAMP) AS day_key,
          stochastic_round(${LOANS_PER_DAY} * ${params.scale} * (CASE d.weekday WHEN 1 THEN 1.1 WHEN 5 THEN 0.85 ELSE 1 END)
            * ${activityLevelSql.replaceAll('a.weekday_level', '1.0').replaceAll('a.weekend_level', '0.6').replaceAll('a.vacation_share', '0.12')},
            rnd('loan.count', d.date)) AS n
        FROM dim_date d
        WHERE d.date BETWEEN ${dateLiteral(params.historyStart)} AND ${dateLiteral(params.asOf)}
      ),
      loans AS (
        SELECT d.date, d.day_key, k,
          d.date + to_minutes((480 + floor(840 * pow(rnd3('loan.time', k, d.day_key), 1.1)))::INTEGER) AS loan_time,
          rnd3('loan.reader', k, d.day_key) < 0.88 AS by_student,
          pick(${categorySlots}, rnd3('loan.category', k, d.day_key)) AS category_code
        FROM days d, range(d.n) AS r(k)
      ),
      candidates AS (
        SELECT l.*, attempt, s.student_id AS reader_id
        FROM loans l CROSS JOIN range(3) AS t(attempt) CROSS JOIN slot_counts sc
        JOIN student_slots s ON s.idx = floor(rnd3('loan.student', l.k * 4 + attempt, l.day_key) * sc.students)::BIGINT
        WHERE l.by_student AND l.date >= s.in_from AND l.date < s.in_to
        UNION ALL
        SELECT l.*, attempt, st.staff_id
        FROM loans l CROSS JOIN range(3) AS t(attempt) CROSS JOIN slot_counts sc
        JOIN staff_slots st ON st.idx = floor(rnd3('loan.staff', l.k * 4 + attempt, l.day_key) * sc.staff)::BIGINT
        WHERE NOT l.by_student AND year(l.date) >= st.hire_year
      ),
      chosen AS (
        SELECT * FROM candidates QUALIFY row_number() OVER (PARTITION BY day_key, k ORDER BY attempt) = 1
      ),
      shaped AS (
        SELECT c.*, b.book_id,
          floor(1 + 75 * pow(rnd3('loan.days', k, day_key), 1.7))::INTEGER AS keep_days,
          CASE WHEN by_student THEN 30 ELSE 60 END AS loan_days
        FROM chosen c
        JOIN (SELECT DISTINCT category_code, n FROM book_slots) bn USING (category_code)
        JOIN book_slots b ON b.category_code = c.category_code
          AND b.idx = floor(pow(rnd3('loan.book', k, day_key), 2.5) * bn.n)::BIGINT
      ),
      renewed AS (
        SELECT *,
          CASE WHEN keep_days > loan_days AND rnd3('loan.renew', k, day_key) < 0.6
            THEN least(2, ceil((keep_days - loan_days) / 30))::INTEGER ELSE 0 END AS renewals,
          date_trunc('day', loan_time) + to_days(keep_days)
            + to_minutes((480 + floor(rnd3('loan.return', k, day_key) * 780))::INTEGER) AS planned_return
        FROM shaped
      )
      SELECT
        row_number() OVER (ORDER BY loan_time, k) AS loan_id,
        book_id, reader_id, CASE WHEN by_student THEN '学生' ELSE '教职工' END AS reader_type, category_code,
        CASE WHEN date >= DATE '2022-09-01' THEN
               CASE WHEN rnd3('loan.channel', k, day_key) < 0.82 THEN 'RFID自助借还'
                    WHEN rnd3('loan.channel', k, day_key) < 0.95 THEN '人工借还' ELSE '电子书借阅机' END
             ELSE CASE WHEN rnd3('loan.channel', k, day_key) < 0.55 THEN '人工借还' ELSE 'RFID自助借还' END END AS channel,
        loan_time,
        (loan_time::DATE + loan_days + 30 * renewals)::DATE AS due_date,
        CASE WHEN planned_return < ${timestampLiteral(params.liveStart)} THEN planned_return END AS return_time,
        renewals,
        greatest(0, date_diff('day', loan_time::DATE + loan_days + 30 * renewals,
          least(planned_return::DATE, ${dateLiteral(params.asOf)})))::INTEGER AS overdue_days
      FROM renewed
      ORDER BY loan_id
    `);
  },
};

const seatReservations: SeedStep = {
  table: 'seat_reservations',
  async build({ run, params }) {
    const totalSeats = readingRooms.reduce((sum, [, , seats]) => sum + seats, 0);
    const rooms = readingRooms.map(([name, , seats]) => `(${sqlString(name)}, ${seats})`).join(', ');
    const roomSlots = weightedList(
      readingRooms.map(([name, , seats]) => [name, seats] as const),
      1000,
    );
    await run(`
      INSERT INTO seat_reservations BY NAME
      WITH rooms(room_name, seats) AS (VALUES ${rooms}),
      days AS (
        SELECT d.date, epoch_ms(d.date::TIMESTAMP) AS day_key,
          stochastic_round(${totalSeats} * 1.5 * ${params.scale}
            * ${activityLevelSql.replaceAll('a.weekday_level', '0.72').replaceAll('a.weekend_level', '0.55').replaceAll('a.vacation_share', '0.08')}
            * CASE WHEN d.month IN (11, 12) THEN 1.15 ELSE 1 END,
            rnd('seat.count', d.date)) AS n
        FROM dim_date d
        WHERE d.date BETWEEN ${dateLiteral(params.yearStart)} AND ${dateLiteral(params.liveStart)}
      ),
      drawn AS (
        SELECT d.date, d.day_key, k,
          pick(${roomSlots}, rnd3('seat.room', k, d.day_key)) AS room_name,
          pick([8, 8, 8, 9, 10, 13, 13, 14, 15, 18, 18, 19], rnd3('seat.start', k, d.day_key)) AS start_hour,
          pick([2, 3, 3, 4, 4, 5], rnd3('seat.length', k, d.day_key)) AS hours,
          rnd3('seat.status', k, d.day_key) AS status_draw
        FROM days d, range(d.n) AS r(k)
      ),
      candidates AS (
        SELECT r.*, attempt, s.student_id
        FROM drawn r CROSS JOIN range(3) AS t(attempt) CROSS JOIN slot_counts sc
        JOIN student_slots s ON s.idx = floor(rnd3('seat.student', r.k * 4 + attempt, r.day_key) * sc.students)::BIGINT
        WHERE r.date >= s.in_from AND r.date < s.in_to
        QUALIFY row_number() OVER (PARTITION BY r.day_key, r.k ORDER BY attempt) = 1
      )
      , shaped AS (
      SELECT
        c.date, c.start_hour, c.k,
        c.student_id, c.room_name,
        chr(65 + floor(rnd3('seat.row', c.k, c.day_key) * 8)::INTEGER) || '-'
          || lpad((1 + floor(rnd3('seat.no', c.k, c.day_key) * rooms.seats / 8))::INTEGER::VARCHAR, 3, '0') AS seat_no,
        c.date AS reserve_date,
        c.date + to_hours(c.start_hour) AS start_time,
        c.date + to_hours(least(c.start_hour + c.hours, 22)) AS end_time,
        c.date + to_hours(c.start_hour) - to_minutes((10 + floor(pow(rnd3('seat.lead', c.k, c.day_key), 2) * 2870))::INTEGER) AS booked_at,
        CASE WHEN rnd3('seat.channel', c.k, c.day_key) < 0.78 THEN '移动端' ELSE 'PC端' END AS channel,
        CASE WHEN c.date > ${dateLiteral(params.asOf)} THEN '待使用'
             WHEN c.status_draw < 0.82 THEN '已签到' WHEN c.status_draw < 0.9 THEN '违约' ELSE '已取消' END AS status
      FROM candidates c JOIN rooms USING (room_name)
      )
      -- The day after the as-of date holds only the bookings already made: they are still 待使用 (upcoming).
      SELECT row_number() OVER (ORDER BY date, start_hour, k) AS reservation_id, * EXCLUDE (date, start_hour, k)
      FROM shaped
      WHERE reserve_date <= ${dateLiteral(params.asOf)} OR booked_at < ${timestampLiteral(params.liveStart)}
      ORDER BY reservation_id
    `);
  },
};

const gateEntries: SeedStep = {
  table: 'gate_entries',
  build: ({ run, params }) =>
    run(gateEntriesSql(`${params.recentStart} 00:00:00`, 30 * 24, 3600, params.scale)),
};

const networkSamples: SeedStep = {
  table: 'network_samples',
  build: ({ run, params }) => run(networkSamplesSql(`${params.recentStart} 00:00:00`, 30 * 288)),
};

const serviceRequests: SeedStep = {
  table: 'service_requests',
  build: ({ run, params }) =>
    run(
      serviceRequestsSql(
        `${params.historyStart} 00:00:00`,
        730 * 24,
        3600,
        params.scale,
        `${params.liveStart} 00:00:00`,
      ),
    ),
};

/** Claims per day at full activity, at scale 1. */
const CLAIMS_PER_DAY = 85;

const reimbursementClaims: SeedStep = {
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
             THEN approval_days_raw END::DECIMAL(6,2) AS approval_days
      FROM dated
      ORDER BY claim_id
    `);
  },
};

const researchProjects: SeedStep = {
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

export const factSteps: readonly SeedStep[] = [
  libraryLoans,
  seatReservations,
  gateEntries,
  networkSamples,
  serviceRequests,
  reimbursementClaims,
  researchProjects,
];

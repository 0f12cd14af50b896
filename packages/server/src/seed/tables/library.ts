import { readingRooms } from '../data/campus';
import { bookCategories } from '../data/library';
import { sqlString, weightedList } from '../sql';
import { activityLevelSql } from '../session';
import { preparePeopleSlots } from './activity';
import { dateLiteral, timestampLiteral, type SeedStep } from './step';

/** Loans per day at full activity, at scale 1. */
const LOANS_PER_DAY = 1150;

export const libraryLoans: SeedStep = {
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

export const seatReservations: SeedStep = {
  table: 'seat_reservations',
  async build({ connection, run, params }) {
    await preparePeopleSlots(connection);
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

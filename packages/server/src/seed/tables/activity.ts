import type { DuckDBConnection } from '@duckdb/node-api';
import { gatePlans } from '../data/campus';
import { serviceItems } from '../data/services';
import { weightedList } from '../sql';
import { activityLevelSql } from '../session';

/**
 * SQL for the tables that keep growing while the live simulator runs: wireless network samples, gate
 * entries and service requests. The generator fills the 30-day (or two-year) history with these statements
 * and the simulator appends the next interval with the same ones, so live rows follow the same cycles.
 */

/** TEMP tables the activity SQL draws people from: students in school, staff, dormitory residents. */
export async function preparePeopleSlots(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE student_slots AS
    SELECT row_number() OVER (ORDER BY student_id) - 1 AS idx, student_id, enrol_year, status,
      make_date(enrol_year, 9, 1) AS in_from,
      CASE WHEN status = '毕业' THEN make_date(enrol_year + m.years, 7, 1) ELSE DATE '9999-12-31' END AS in_to
    FROM students JOIN dim_major m USING (major_code);
    CREATE OR REPLACE TEMP TABLE current_student_slots AS
    SELECT row_number() OVER (ORDER BY student_id) - 1 AS idx, student_id
    FROM students WHERE status = '在读';
    CREATE OR REPLACE TEMP TABLE staff_slots AS
    SELECT row_number() OVER (ORDER BY staff_id) - 1 AS idx, staff_id, department_id, hire_year FROM staff;
    CREATE OR REPLACE TEMP TABLE dorm_slots AS
    SELECT dorm_building_id AS building_id, student_id,
      row_number() OVER (PARTITION BY dorm_building_id ORDER BY student_id) - 1 AS idx,
      count(*) OVER (PARTITION BY dorm_building_id) AS n
    FROM students WHERE dorm_building_id IS NOT NULL AND status = '在读';
    CREATE OR REPLACE TEMP TABLE slot_counts AS
    SELECT (SELECT count(*) FROM student_slots) AS students,
      (SELECT count(*) FROM current_student_slots) AS current_students,
      (SELECT count(*) FROM staff_slots) AS staff;
  `);
}

/** Data traffic per client per 5 minutes (MB), by building kind: dormitories stream, classrooms browse. */
const megabytesPerClient = `CASE b.building_kind WHEN '学生宿舍' THEN 45 WHEN '图书馆' THEN 18 WHEN '实验楼' THEN 14 WHEN '行政楼' THEN 12
  WHEN '教学楼' THEN 10 WHEN '食堂' THEN 6 WHEN '体育馆' THEN 5 ELSE 10 END`;

/** The level of profile `profile` at `at` (a timestamp column), linearly interpolated between hours. */
function levelAt(at: string, profile: string): string {
  return `
    JOIN dim_date d ON d.date = ${at}::DATE
    JOIN activity_hour a ON a.profile = ${profile} AND a.hour = hour(${at})
    JOIN activity_hour a2 ON a2.profile = ${profile} AND a2.hour = (hour(${at}) + 1) % 24`;
}
const interpolatedLevel = `(${activityLevelSql} * (1 - minute(instant) / 60) + ${activityLevelSql.replaceAll('a.', 'a2.')} * minute(instant) / 60)`;

/** Inserts network samples for every AP at `slots` 5-minute instants from `from` (ISO timestamp). */
export function networkSamplesSql(from: string, slots: number): string {
  // Levels are computed per building kind and instant (a few thousand rows), then spread over the APs.
  return `
    INSERT INTO network_samples BY NAME
    WITH instants AS (SELECT TIMESTAMP '${from}' + to_minutes(5 * s) AS instant FROM range(${slots}) AS r(s)),
    levels AS (
      SELECT p.profile, i.instant, epoch_ms(i.instant) AS instant_key, ${interpolatedLevel} AS level,
        0.38 + 0.12 * date_diff('day', DATE '2022-01-01', i.instant::DATE) / 1460 AS ipv6_trend
      FROM instants i CROSS JOIN (SELECT DISTINCT building_kind AS profile FROM dim_building) p
      ${levelAt('i.instant', 'p.profile')}
    ),
    sampled AS (
      SELECT ap.ap_id, l.instant,
        least(ap.capacity, stochastic_round(ap.capacity * l.level * (0.8 + 0.4 * rnd3('net.clients', ap.ap_key, l.instant_key)),
          rnd3('net.round', ap.ap_key, l.instant_key)))::INTEGER AS clients,
        CASE WHEN ap.ipv6_enabled THEN clamp(l.ipv6_trend + 0.1 * (rnd3('net.ipv6', ap.ap_key, l.instant_key) - 0.5), 0.02, 0.9)
             ELSE 0 END AS share,
        ${megabytesPerClient} * 1000000 * (0.5 + rnd3('net.bytes', ap.ap_key, l.instant_key)) AS bytes_per_client,
        0.06 + 0.12 * rnd3('net.upload', ap.ap_key, l.instant_key) AS upload_ratio
      FROM (SELECT *, hash(ap_id) AS ap_key FROM dim_access_point) ap
      JOIN dim_building b USING (building_id) JOIN levels l ON l.profile = b.building_kind
    )
    SELECT ap_id, instant AS sample_time, clients,
      round(clients * CASE WHEN share > 0 THEN least(1, share + 0.12) ELSE 0 END)::INTEGER AS ipv6_clients,
      (clients * bytes_per_client)::BIGINT AS bytes_in,
      (clients * bytes_per_client * upload_ratio)::BIGINT AS bytes_out,
      CASE WHEN clients = 0 THEN 0 ELSE share END::DECIMAL(4,3) AS ipv6_share
    FROM sampled
    ORDER BY sample_time, ap_id`;
}

/** Gate passages per hour at full activity, per unit of gate weight, at scale 1. */
const gateRates = `CASE g.gate_kind WHEN '校门' THEN 60 WHEN '图书馆闸机' THEN 150 ELSE 60 END`;

/**
 * Inserts gate entries for `buckets` intervals of `bucketSeconds` from `from`; entry ids continue after
 * the current maximum.
 */
export function gateEntriesSql(from: string, buckets: number, bucketSeconds: number, scale: number): string {
  const weights = gatePlans.map((gate) => `('${gate.id}', ${gate.weight})`).join(', ');
  return `
    INSERT INTO gate_entries BY NAME
    WITH instants AS (SELECT TIMESTAMP '${from}' + to_seconds(${bucketSeconds} * s) AS instant FROM range(${buckets}) AS r(s)),
    weights(gate_id, weight) AS (VALUES ${weights}),
    base AS (
      SELECT g.gate_id, g.gate_kind AS profile, g.building_id, i.instant, epoch_ms(i.instant) AS instant_key,
        ${gateRates} * w.weight * ${scale} * ${bucketSeconds} / 3600 AS rate
      FROM dim_gate g JOIN weights w USING (gate_id) CROSS JOIN instants i
    ),
    counted AS (
      SELECT base.*, stochastic_round(rate * ${activityLevelSql}, rnd3('gate.count', gate_id, instant_key)) AS n
      FROM base ${levelAt('base.instant', 'base.profile')}
    ),
    passages AS (
      SELECT c.gate_id, c.profile, c.building_id, c.instant, k,
        c.instant + to_microseconds(floor(rnd3('gate.time', c.gate_id, c.instant_key * 100000 + k) * ${bucketSeconds} * 1000000)::BIGINT) AS entry_time,
        rnd3('gate.who', c.gate_id, c.instant_key * 100000 + k) AS who,
        rnd3('gate.person', c.gate_id, c.instant_key * 100000 + k) AS person_draw,
        rnd3('gate.direction', c.gate_id, c.instant_key * 100000 + k) AS direction_draw,
        rnd3('gate.method', c.gate_id, c.instant_key * 100000 + k) AS method_draw
      FROM counted c, range(c.n) AS r(k)
    ),
    identified AS (
      SELECT p.*,
        CASE WHEN p.profile = '宿舍门禁' THEN dorm.student_id
             WHEN p.who < CASE p.profile WHEN '校门' THEN 0.85 ELSE 0.93 END THEN cs.student_id
             ELSE st.staff_id END AS person_id,
        CASE WHEN p.profile = '宿舍门禁' OR p.who < CASE p.profile WHEN '校门' THEN 0.85 ELSE 0.93 END
             THEN '学生' ELSE '教职工' END AS person_type
      FROM passages p
      CROSS JOIN slot_counts sc
      LEFT JOIN (SELECT DISTINCT building_id, n FROM dorm_slots) dn ON dn.building_id = p.building_id
      LEFT JOIN dorm_slots dorm ON dorm.building_id = p.building_id AND dorm.idx = floor(p.person_draw * dn.n)::BIGINT
      LEFT JOIN current_student_slots cs ON cs.idx = floor(p.person_draw * sc.current_students)::BIGINT
      LEFT JOIN staff_slots st ON st.idx = floor(p.person_draw * sc.staff)::BIGINT
    )
    SELECT
      coalesce((SELECT max(entry_id) FROM gate_entries), 0) + row_number() OVER (ORDER BY entry_time, gate_id, k) AS entry_id,
      gate_id, person_id, person_type,
      CASE
        WHEN profile = '宿舍门禁' AND hour(instant) BETWEEN 6 AND 11 THEN CASE WHEN direction_draw < 0.7 THEN '出' ELSE '进' END
        WHEN profile = '宿舍门禁' AND hour(instant) >= 17 THEN CASE WHEN direction_draw < 0.7 THEN '进' ELSE '出' END
        WHEN profile = '图书馆闸机' AND hour(instant) < 12 THEN CASE WHEN direction_draw < 0.7 THEN '进' ELSE '出' END
        WHEN profile = '图书馆闸机' AND hour(instant) >= 20 THEN CASE WHEN direction_draw < 0.75 THEN '出' ELSE '进' END
        ELSE CASE WHEN direction_draw < 0.5 THEN '进' ELSE '出' END
      END AS direction,
      CASE WHEN method_draw < 0.5 THEN '刷脸' WHEN method_draw < 0.8 THEN '刷码' ELSE '刷卡' END AS method,
      entry_time
    FROM identified
    WHERE person_id IS NOT NULL
    ORDER BY entry_id`;
}

/** Service requests per hour at full activity, at scale 1 (≈ 260 on a term workday). */
const SERVICE_REQUESTS_PER_HOUR = 30;

/** Planned processing hours of a request (a function of its item and submission instant). */
export const plannedHoursSql = (request: string, item: string) => `
  CASE WHEN ${item}.is_instant THEN 0.02 + 0.3 * rnd3('service.hours', ${request}.item_id, epoch_us(${request}.submitted_at))
       ELSE ${item}.promised_hours * (0.08 + 1.05 * pow(rnd3('service.hours', ${request}.item_id, epoch_us(${request}.submitted_at)), 1.3))
         * CASE WHEN rnd3('service.late', ${request}.item_id, epoch_us(${request}.submitted_at)) < 0.06 THEN 1.8 ELSE 1 END
  END`;

/** Draw deciding withdrawn (< 0.03) and returned (< 0.09) requests, recomputable from the stored row. */
const outcomeDrawSql = (request: string) =>
  `rnd3('service.outcome', ${request}.item_id, epoch_us(${request}.submitted_at))`;

/**
 * Inserts service requests submitted in `buckets` intervals of `bucketSeconds` from `from`; requests not
 * finished by `now` are 办理中 (in progress).
 */
export function serviceRequestsSql(
  from: string,
  buckets: number,
  bucketSeconds: number,
  scale: number,
  now: string,
): string {
  const itemSlots = weightedList(
    serviceItems.map((item, index) => [`FW${String(index + 1).padStart(3, '0')}`, item.weight] as const),
    1000,
  );
  return `
    INSERT INTO service_requests BY NAME
    WITH instants AS (SELECT TIMESTAMP '${from}' + to_seconds(${bucketSeconds} * s) AS instant FROM range(${buckets}) AS r(s)),
    counted AS (
      SELECT i.instant, epoch_ms(i.instant) AS instant_key,
        stochastic_round(${SERVICE_REQUESTS_PER_HOUR} * ${scale} * ${bucketSeconds} / 3600 * ${activityLevelSql},
          rnd('service.count', epoch_ms(i.instant))) AS n
      FROM instants i ${levelAt('i.instant', "'办事'")}
    ),
    drawn AS (
      SELECT c.instant, k,
        c.instant + to_microseconds(floor(rnd3('service.time', k, c.instant_key) * ${bucketSeconds} * 1000000)::BIGINT) AS submitted_at,
        pick(${itemSlots}, rnd3('service.item', k, c.instant_key)) AS item_id,
        rnd3('service.who', k, c.instant_key) AS who,
        rnd3('service.person', k, c.instant_key) AS person_draw,
        rnd3('service.channel', k, c.instant_key) AS channel_draw
      FROM counted c, range(c.n) AS r(k)
    ),
    planned AS (
      SELECT r.*, i.department_id, i.audience, ${plannedHoursSql('r', 'i')} AS planned_hours,
        ${outcomeDrawSql('r')} AS outcome_draw,
        CASE WHEN i.audience = '学生' OR (i.audience = '师生' AND r.who < 0.75) THEN '学生' ELSE '教职工' END AS applicant_type
      FROM drawn r JOIN dim_service_item i USING (item_id)
    ),
    identified AS (
      SELECT p.*, CASE WHEN applicant_type = '学生' THEN cs.student_id ELSE st.staff_id END AS applicant_id,
        p.submitted_at + to_microseconds((p.planned_hours * 3600000000)::BIGINT) AS planned_completion
      FROM planned p CROSS JOIN slot_counts sc
      LEFT JOIN current_student_slots cs ON cs.idx = floor(p.person_draw * sc.current_students)::BIGINT
      LEFT JOIN staff_slots st ON st.idx = floor(p.person_draw * sc.staff)::BIGINT
    )
    SELECT
      coalesce((SELECT max(request_id) FROM service_requests), 0) + row_number() OVER (ORDER BY submitted_at, k) AS request_id,
      item_id, department_id, applicant_id, applicant_type,
      CASE WHEN channel_draw < 0.45 + 0.2 * clamp(date_diff('day', DATE '2023-01-01', submitted_at::DATE) / 1100, 0, 1)
        THEN '掌上办' ELSE '网上办' END AS channel,
      submitted_at,
      CASE WHEN outcome_draw < 0.03 OR planned_completion > TIMESTAMP '${now}' THEN NULL ELSE planned_completion END AS completed_at,
      CASE WHEN outcome_draw < 0.03 THEN '已撤销' WHEN planned_completion > TIMESTAMP '${now}' THEN '办理中'
           WHEN outcome_draw < 0.09 THEN '已退回' ELSE '已办结' END AS status,
      CASE WHEN outcome_draw < 0.03 OR planned_completion > TIMESTAMP '${now}' THEN NULL ELSE planned_hours END::DECIMAL(8,2) AS handle_hours
    FROM identified
    WHERE applicant_id IS NOT NULL
    ORDER BY request_id`;
}

/** Completes the requests still 办理中 whose planned completion is at or before `now`. */
export function completeServiceRequestsSql(now: string): string {
  return `
    UPDATE service_requests AS r SET
      status = CASE WHEN ${outcomeDrawSql('r')} < 0.09 THEN '已退回' ELSE '已办结' END,
      completed_at = r.submitted_at + to_microseconds((${plannedHoursSql('r', 'i')} * 3600000000)::BIGINT),
      handle_hours = (${plannedHoursSql('r', 'i')})::DECIMAL(8,2)
    FROM dim_service_item i
    WHERE i.item_id = r.item_id AND r.status = '办理中'
      AND r.submitted_at + to_microseconds((${plannedHoursSql('r', 'i')} * 3600000000)::BIGINT) <= TIMESTAMP '${now}'`;
}

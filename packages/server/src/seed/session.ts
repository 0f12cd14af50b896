import type { DuckDBConnection } from '@duckdb/node-api';
import { givenNameCharacters, surnames } from './data/people';
import { sqlStringList, weightedSlots } from './sql';

/**
 * Session objects (TEMP macros and tables, never stored in the file) shared by the generator and the live
 * simulator: the seeded pseudo-random functions and the daily activity profiles.
 *
 * Randomness is `hash(hash(seed, stream, key…))`: a pure function of its arguments, so every row is the same
 * whatever the thread count or the order DuckDB processes rows in. The outer `hash` is needed: DuckDB combines
 * the hashes of several arguments almost linearly, so two streams over the same key would be strongly
 * correlated (r ≈ 0.6) without it; the outer integer hash (a Murmur-style finaliser) removes that.
 */
export async function prepareSession(connection: DuckDBConnection, seed: number): Promise<void> {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`Seed ${seed} must be an integer.`);
  await connection.run(`
    CREATE OR REPLACE TEMP MACRO rnd(stream, key) AS ((hash(hash(${seed}, stream, key)) >> 11)::DOUBLE / 9007199254740992.0);
    CREATE OR REPLACE TEMP MACRO rnd3(stream, key, part) AS
      ((hash(hash(${seed}, stream, key, part)) >> 11)::DOUBLE / 9007199254740992.0);
    CREATE OR REPLACE TEMP MACRO gauss(stream, key) AS
      (sqrt(-2 * ln(1 - rnd3(stream, key, 1))) * cos(2 * pi() * rnd3(stream, key, 2)));
    CREATE OR REPLACE TEMP MACRO pick(list, r) AS (list[1 + least(floor(r * len(list))::BIGINT, len(list) - 1)]);
    CREATE OR REPLACE TEMP MACRO stochastic_round(x, r) AS (floor(greatest(x, 0) + r)::BIGINT);
    CREATE OR REPLACE TEMP MACRO clamp(x, lo, hi) AS (least(greatest(x, lo), hi));
  `);
  await createNameMacro(connection);
  await createActivityProfiles(connection);
}

/** Relative activity by hour (0–23) on a teaching weekday, per profile. */
const weekdayProfiles: Record<string, number[]> = {
  教学楼: [2, 1, 1, 1, 1, 1, 3, 20, 75, 85, 80, 60, 30, 50, 80, 85, 75, 50, 25, 40, 45, 35, 10, 3],
  实验楼: [2, 1, 1, 1, 1, 1, 2, 10, 45, 60, 60, 45, 25, 40, 60, 65, 55, 35, 20, 30, 30, 20, 8, 3],
  图书馆: [0, 0, 0, 0, 0, 0, 0, 8, 45, 65, 75, 65, 40, 60, 75, 78, 70, 50, 45, 75, 80, 70, 30, 2],
  行政楼: [3, 3, 3, 3, 3, 3, 4, 20, 80, 90, 90, 70, 30, 60, 90, 90, 85, 50, 15, 10, 8, 6, 4, 3],
  学生宿舍: [70, 55, 35, 20, 15, 15, 20, 40, 30, 20, 20, 35, 60, 50, 30, 30, 35, 50, 60, 75, 85, 90, 95, 90],
  食堂: [1, 1, 1, 1, 1, 2, 25, 70, 30, 10, 20, 85, 90, 30, 8, 8, 20, 85, 75, 25, 10, 5, 2, 1],
  体育馆: [0, 0, 0, 0, 0, 0, 10, 15, 30, 35, 35, 20, 10, 25, 40, 55, 75, 60, 40, 55, 60, 40, 5, 0],
  其他: [2, 2, 2, 2, 2, 2, 3, 15, 60, 70, 70, 50, 25, 45, 70, 70, 60, 35, 20, 25, 25, 15, 5, 2],
  校门: [10, 5, 2, 2, 2, 5, 20, 60, 90, 60, 50, 60, 80, 60, 50, 50, 60, 90, 100, 80, 70, 60, 40, 20],
  图书馆闸机: [0, 0, 0, 0, 0, 0, 0, 40, 100, 90, 80, 60, 50, 80, 90, 80, 60, 50, 80, 90, 70, 40, 10, 0],
  宿舍门禁: [20, 10, 3, 2, 2, 5, 40, 100, 80, 40, 30, 60, 100, 70, 40, 40, 50, 90, 80, 70, 80, 90, 70, 40],
  办事: [1, 0, 0, 0, 0, 1, 3, 15, 60, 90, 95, 70, 30, 40, 85, 90, 80, 50, 25, 30, 35, 30, 15, 5],
  借阅: [0, 0, 0, 0, 0, 0, 0, 10, 60, 80, 90, 70, 45, 60, 85, 90, 80, 60, 45, 70, 75, 55, 20, 0],
};

/** Weekend activity as a share of the weekday value, per profile. */
const weekendShare: Record<string, number> = {
  教学楼: 0.2,
  实验楼: 0.3,
  图书馆: 0.7,
  行政楼: 0.08,
  学生宿舍: 1.1,
  食堂: 0.6,
  体育馆: 1.3,
  其他: 0.3,
  校门: 0.8,
  图书馆闸机: 0.65,
  宿舍门禁: 0.9,
  办事: 0.2,
  借阅: 0.6,
};

/** Activity during vacations and on holidays as a share of term time, per profile. */
const vacationShare: Record<string, number> = {
  教学楼: 0.05,
  实验楼: 0.2,
  图书馆: 0.1,
  行政楼: 0.5,
  学生宿舍: 0.12,
  食堂: 0.1,
  体育馆: 0.1,
  其他: 0.3,
  校门: 0.2,
  图书馆闸机: 0.1,
  宿舍门禁: 0.1,
  办事: 0.35,
  借阅: 0.12,
};

/** Builds TEMP tables `activity_hour(profile, hour, weekday_level, weekend_level)` and `activity_day`. */
async function createActivityProfiles(connection: DuckDBConnection): Promise<void> {
  const rows = Object.entries(weekdayProfiles).flatMap(([profile, levels]) =>
    levels.map(
      (level, hour) =>
        `('${profile}', ${hour}, ${level / 100}, ${((level / 100) * (weekendShare[profile] ?? 1)).toFixed(4)}, ${vacationShare[profile] ?? 0.2})`,
    ),
  );
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE activity_hour AS
    SELECT * FROM (VALUES ${rows.join(', ')}) AS t(profile, hour, weekday_level, weekend_level, vacation_share);
  `);
}

/**
 * SQL for the activity multiplier of a day (needs `dim_date` columns under alias `d` and `activity_hour`
 * under alias `a`): weekday or weekend level of the hour, damped in vacations, near zero at 春节.
 */
export const activityLevelSql = `
  (CASE WHEN (d.is_weekend AND NOT d.is_makeup_workday) OR d.holiday_name IS NOT NULL THEN a.weekend_level ELSE a.weekday_level END)
  * (CASE
      WHEN d.holiday_name = '春节' THEN a.vacation_share * 0.2
      WHEN d.semester_code IS NULL THEN a.vacation_share
      WHEN d.holiday_name IS NOT NULL THEN 0.35 + 0.65 * a.vacation_share
      WHEN d.is_exam_week THEN 1.1
      ELSE 1.0
    END)`;

/** `person_name(stream, key, male)`: a Chinese name, surname by frequency, one or two given characters. */
async function createNameMacro(connection: DuckDBConnection): Promise<void> {
  const surnameSlots = sqlStringList(weightedSlots(surnames, 1000));
  const male = sqlStringList([...givenNameCharacters.男]);
  const female = sqlStringList([...givenNameCharacters.女]);
  await connection.run(`
    CREATE OR REPLACE TEMP MACRO person_name(stream, key, is_male) AS (
      pick(${surnameSlots}, rnd3(stream, key, 11))
      || CASE WHEN is_male THEN pick(${male}, rnd3(stream, key, 12)) ELSE pick(${female}, rnd3(stream, key, 12)) END
      || CASE WHEN rnd3(stream, key, 13) < 0.15 THEN ''
              WHEN is_male THEN pick(${male}, rnd3(stream, key, 14)) ELSE pick(${female}, rnd3(stream, key, 14)) END
    );
  `);
}

import { calendarDays, semesters } from '../calendar';
import { bookCategories, fictionWords, publishers, titlePatterns } from '../data/library';
import { buildingPlans, gatePlans } from '../data/campus';
import { holidayYears } from '../data/holidays';
import { colleges, departments, majors } from '../data/organisation';
import { cities, provinces } from '../data/regions.generated';
import { serviceItems } from '../data/services';
import { addDays, formatIsoDate, parseIsoDate } from '../calendar';
import { campusBuildings } from '../geography';
import { insertRows, sqlString, sqlStringList, weightedSlots } from '../sql';
import type { SeedStep } from './step';

/** Wireless capacity (designed clients per AP) by building kind. */
export const apCapacityByKind: Record<string, number> = {
  教学楼: 60,
  实验楼: 40,
  图书馆: 80,
  行政楼: 30,
  学生宿舍: 40,
  食堂: 60,
  体育馆: 80,
  其他: 40,
};

export const dimensionSteps: readonly SeedStep[] = [
  {
    table: 'dim_province',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_province',
        ['province_code', 'province_name', 'short_name', 'region', 'lon', 'lat'],
        provinces.map((p) => [p.code, p.name, p.shortName, p.region, p.lon, p.lat]),
      ),
  },
  {
    table: 'dim_city',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_city',
        ['city_code', 'city_name', 'province_code', 'city_kind', 'lon', 'lat'],
        cities.map((city) => [city.code, city.name, city.provinceCode, city.kind, city.lon, city.lat]),
      ),
  },
  {
    table: 'dim_date',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_date',
        [
          'date',
          'year',
          'month',
          'day',
          'weekday',
          'is_weekend',
          'is_workday',
          'holiday_name',
          'is_makeup_workday',
          'academic_year',
          'period',
          'semester_code',
          'teaching_week',
          'is_teaching_day',
          'is_exam_week',
        ],
        calendarDays().map((d) => [
          d.date,
          d.year,
          d.month,
          d.day,
          d.weekday,
          d.isWeekend,
          d.isWorkday,
          d.holidayName,
          d.isMakeupWorkday,
          d.academicYear,
          d.period,
          d.semesterCode,
          d.teachingWeek,
          d.isTeachingDay,
          d.isExamWeek,
        ]),
      ),
  },
  {
    table: 'dim_holiday',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_holiday',
        ['date', 'year', 'holiday_name', 'day_kind', 'source', 'reference'],
        holidayYears.flatMap((year) =>
          year.holidays.flatMap((holiday) => {
            const rows: [string, number, string, string, string, string][] = [];
            for (
              let day = parseIsoDate(holiday.from);
              day <= parseIsoDate(holiday.to);
              day = addDays(day, 1)
            ) {
              rows.push([formatIsoDate(day), year.year, holiday.name, '放假', year.source, year.reference]);
            }
            for (const workday of holiday.makeupWorkdays) {
              rows.push([workday, year.year, holiday.name, '调休上班', year.source, year.reference]);
            }
            return rows;
          }),
        ),
      ),
  },
  {
    table: 'dim_semester',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_semester',
        [
          'semester_code',
          'academic_year',
          'term',
          'semester_name',
          'start_date',
          'end_date',
          'weeks',
          'teaching_weeks',
        ],
        semesters(2019, 2027).map((s) => [
          s.code,
          s.academicYear,
          s.term,
          s.name,
          s.startDate,
          s.endDate,
          s.weeks,
          s.teachingWeeks,
        ]),
      ),
  },
  {
    table: 'dim_college',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_college',
        ['college_id', 'college_name'],
        colleges.map((college) => [college.id, college.name]),
      ),
  },
  {
    table: 'dim_major',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_major',
        [
          'major_code',
          'major_name',
          'college_id',
          'degree_level',
          'discipline',
          'years',
          'first_intake_year',
        ],
        majors.map((m) => [m.code, m.name, m.collegeId, m.level, m.discipline, m.years, m.since]),
      ),
  },
  {
    table: 'dim_department',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_department',
        ['department_id', 'department_name', 'department_kind', 'college_id'],
        departments.map((d) => [d.id, d.name, d.kind, d.kind === '学院' ? d.id.slice(1) : null]),
      ),
  },
  {
    table: 'dim_building',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_building',
        [
          'building_id',
          'building_name',
          'building_kind',
          'floors',
          'built_year',
          'floor_area_m2',
          'lon',
          'lat',
          'footprint',
        ],
        campusBuildings().map(({ plan, centre, footprint, groundArea }) => [
          plan.id,
          plan.name,
          plan.kind,
          plan.floors,
          plan.builtYear,
          Math.round(groundArea * plan.floors),
          centre[0],
          centre[1],
          JSON.stringify(footprint),
        ]),
      ),
  },
  {
    table: 'dim_access_point',
    async build({ run, params }) {
      const plans = buildingPlans
        .map(
          (plan) =>
            `(${sqlString(plan.id)}, ${sqlString(plan.name)}, ${sqlString(plan.kind)}, ${plan.floors}, ${plan.builtYear}, ${plan.accessPoints})`,
        )
        .join(', ');
      const capacity = Object.entries(apCapacityByKind)
        .map(([kind, value]) => `WHEN ${sqlString(kind)} THEN ${value}`)
        .join(' ');
      // The library and the administration building were re-equipped with Wi-Fi 6 in 2022 (IT centre report).
      await run(`
        INSERT INTO dim_access_point BY NAME
        WITH plans(building_id, building_name, kind, floors, built_year, aps) AS (VALUES ${plans}),
        aps AS (
          SELECT p.*, k, greatest(p.built_year, 2016 + floor(rnd('ap.year', p.building_id || k) * 5)::INTEGER) AS base_year
          FROM plans p, range(greatest(1, round(p.aps * ${params.scale}))::BIGINT) AS r(k)
        )
        SELECT
          building_id || '-AP' || lpad((k + 1)::VARCHAR, 3, '0') AS ap_id,
          building_name || ' ' || (1 + k % floors) || 'F-' || lpad((k + 1)::VARCHAR, 2, '0') AS ap_name,
          building_id,
          (1 + k % floors)::INTEGER AS floor,
          CASE WHEN installed_year >= 2020 THEN pick(['H3C WA6320', 'Huawei AirEngine 5761-11', 'Ruijie RG-AP820-L'], rnd('ap.model', ap_id))
               ELSE pick(['H3C WA5320', 'Huawei AP4050DN', 'Ruijie RG-AP720-L'], rnd('ap.model', ap_id)) END AS model,
          CASE WHEN installed_year >= 2020 THEN 'Wi-Fi 6' ELSE 'Wi-Fi 5' END AS wifi_standard,
          installed_year >= 2020 OR rnd('ap.ipv6', ap_id) < 0.8 AS ipv6_enabled,
          CASE kind ${capacity} ELSE 40 END AS capacity,
          installed_year
        FROM (SELECT *, CASE WHEN building_id IN ('L01', 'A01') THEN 2022 ELSE base_year END AS installed_year FROM aps)
        ORDER BY ap_id
      `);
    },
  },
  {
    table: 'dim_gate',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_gate',
        ['gate_id', 'gate_name', 'gate_kind', 'building_id'],
        gatePlans.map((gate) => [gate.id, gate.name, gate.kind, gate.buildingId]),
      ),
  },
  {
    table: 'dim_service_item',
    build: ({ connection }) =>
      insertRows(
        connection,
        'dim_service_item',
        ['item_id', 'item_name', 'department_id', 'audience', 'is_instant', 'promised_hours'],
        serviceItems.map((item, index) => [
          `FW${String(index + 1).padStart(3, '0')}`,
          item.name,
          item.departmentId,
          item.audience,
          item.hours === 0,
          item.hours === 0 ? 1 : item.hours,
        ]),
      ),
  },
  {
    table: 'dim_book',
    async build({ run, params }) {
      const total = Math.max(500, Math.round(40_000 * params.scale));
      const slots = weightedSlots(
        bookCategories.map((category) => [category.code, category.loanShare] as const),
        total,
      );
      const counts = bookCategories.map((category) => slots.filter((code) => code === category.code).length);
      const categoryRows = bookCategories
        .map(
          (category, index) =>
            `(${sqlString(category.code)}, ${sqlString(category.name)}, ${Math.max(1, counts[index]!)}, ${sqlStringList(category.subjects)})`,
        )
        .join(', ');
      await run(`
        INSERT INTO dim_book BY NAME
        WITH categories(code, name, n, subjects) AS (VALUES ${categoryRows})
        SELECT
          code || lpad((k + 1)::VARCHAR, 6, '0') AS book_id,
          CASE WHEN code = 'I' AND rnd('book.fiction', code || k) < 0.6
            THEN pick(${sqlStringList(fictionWords.adjectives)}, rnd('book.adj', code || k)) || pick(${sqlStringList(fictionWords.nouns)}, rnd('book.noun', code || k))
            ELSE replace(pick(${sqlStringList(titlePatterns)}, rnd('book.pattern', code || k)), '{}', pick(subjects, rnd('book.subject', code || k)))
          END AS title,
          person_name('book.author', code || k, rnd('book.gender', code || k) < 0.6) || CASE WHEN rnd('book.editor', code || k) < 0.3 THEN ' 主编' ELSE ' 著' END AS author,
          code AS category_code,
          name AS category_name,
          pick(${sqlStringList(publishers)}, rnd('book.publisher', code || k)) AS publisher,
          (${params.academicYear + 1} - floor(pow(rnd('book.year', code || k), 1.8) * 40))::INTEGER AS publish_year
        FROM categories, range(n) AS r(k)
        ORDER BY book_id
      `);
    },
  },
];

import { holidayYears, springFestival } from './data/holidays';

/** One semester of the term calendar. */
export interface Semester {
  /** e.g. `2026-2027-1` (autumn) or `2026-2027-2` (spring). */
  readonly code: string;
  /** e.g. `2026-2027`. */
  readonly academicYear: string;
  /** 1 = 秋季学期 (autumn), 2 = 春季学期 (spring). */
  readonly term: 1 | 2;
  readonly name: string;
  /** First Monday of teaching week 1, ISO date. */
  readonly startDate: string;
  /** Last day (Sunday) of the last week, ISO date. */
  readonly endDate: string;
  /** Weeks including the final examination weeks. */
  readonly weeks: number;
  /** Teaching weeks before the examination weeks. */
  readonly teachingWeeks: number;
}

/** One calendar day with its holiday and term context. */
export interface CalendarDay {
  readonly date: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly isWeekend: boolean;
  /** Name of the holiday when the day is off for it, else null. */
  readonly holidayName: string | null;
  /** A weekend day that is a workday (调休上班). */
  readonly isMakeupWorkday: boolean;
  /** Offices and classes run: weekdays that are not holidays, plus make-up workdays. */
  readonly isWorkday: boolean;
  readonly academicYear: string;
  /** `秋季学期`, `寒假`, `春季学期` or `暑假`. */
  readonly period: string;
  /** Semester code when the day falls inside a semester, else null. */
  readonly semesterCode: string | null;
  /** 1-based week of the semester, else null. */
  readonly teachingWeek: number | null;
  /** Inside a semester's teaching weeks (not the examination weeks, not a vacation). */
  readonly isTeachingDay: boolean;
  /** Inside a semester's examination weeks. */
  readonly isExamWeek: boolean;
}

const DAY_MS = 86_400_000;

/** Parses an ISO date (`YYYY-MM-DD`) as UTC midnight. */
export function parseIsoDate(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new RangeError(`"${text}" is not a valid ISO date; write it as YYYY-MM-DD, e.g. 2026-11-25.`);
  }
  return date;
}

export const formatIsoDate = (date: Date): string => date.toISOString().slice(0, 10);
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);
const isoWeekday = (date: Date): number => ((date.getUTCDay() + 6) % 7) + 1;
const mondayOnOrAfter = (date: Date): Date => addDays(date, (8 - isoWeekday(date)) % 7);

/** Autumn: 18 teaching weeks and 2 examination weeks; spring: 16 and 2. */
const AUTUMN_WEEKS = { weeks: 20, teachingWeeks: 18 };
const SPRING_WEEKS = { weeks: 18, teachingWeeks: 16 };

/**
 * The two semesters of academic year `startYear`–`startYear + 1`. Autumn starts on the first Monday of
 * September; spring on the first Monday at least two weeks after 春节 and not before 15 February.
 */
export function semestersOfAcademicYear(startYear: number): [Semester, Semester] {
  const academicYear = `${startYear}-${startYear + 1}`;
  const autumnStart = mondayOnOrAfter(new Date(Date.UTC(startYear, 8, 1)));
  const festival = springFestival[startYear + 1];
  if (!festival)
    throw new RangeError(`No 春节 date for ${startYear + 1}; the term calendar covers 2020–2028.`);
  const afterFestival = addDays(parseIsoDate(festival), 14);
  const earliestSpring = new Date(Date.UTC(startYear + 1, 1, 15));
  const springStart = mondayOnOrAfter(afterFestival > earliestSpring ? afterFestival : earliestSpring);
  const semester = (term: 1 | 2, start: Date, shape: { weeks: number; teachingWeeks: number }): Semester => ({
    code: `${academicYear}-${term}`,
    academicYear,
    term,
    name: `${academicYear}学年${term === 1 ? '第一学期（秋季）' : '第二学期（春季）'}`,
    startDate: formatIsoDate(start),
    endDate: formatIsoDate(addDays(start, shape.weeks * 7 - 1)),
    ...shape,
  });
  return [semester(1, autumnStart, AUTUMN_WEEKS), semester(2, springStart, SPRING_WEEKS)];
}

/** Semesters of the academic years starting in `fromYear` … `toYear`. */
export function semesters(fromYear: number, toYear: number): Semester[] {
  const result: Semester[] = [];
  for (let year = fromYear; year <= toYear; year++) result.push(...semestersOfAcademicYear(year));
  return result;
}

interface HolidayDay {
  name: string | null;
  makeup: boolean;
}

/** Every day off and every make-up workday of the holiday schedules, by ISO date. */
export function holidayDays(): Map<string, HolidayDay> {
  const days = new Map<string, HolidayDay>();
  for (const year of holidayYears) {
    for (const holiday of year.holidays) {
      for (let day = parseIsoDate(holiday.from); day <= parseIsoDate(holiday.to); day = addDays(day, 1)) {
        days.set(formatIsoDate(day), { name: holiday.name, makeup: false });
      }
      for (const workday of holiday.makeupWorkdays) days.set(workday, { name: null, makeup: true });
    }
  }
  return days;
}

/** First and last day of the calendar tables. */
export const CALENDAR_FIRST_DAY = '2020-01-01';
export const CALENDAR_LAST_DAY = '2027-12-31';

/** The day-by-day calendar from `from` to `to` (inclusive). */
export function calendarDays(from = CALENDAR_FIRST_DAY, to = CALENDAR_LAST_DAY): CalendarDay[] {
  const first = parseIsoDate(from);
  const last = parseIsoDate(to);
  const allSemesters = semesters(first.getUTCFullYear() - 1, last.getUTCFullYear());
  const holidays = holidayDays();
  const days: CalendarDay[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const iso = formatIsoDate(date);
    const weekday = isoWeekday(date);
    const isWeekend = weekday >= 6;
    const holiday = holidays.get(iso);
    const holidayName = holiday?.name ?? null;
    const isMakeupWorkday = holiday?.makeup ?? false;
    const month = date.getUTCMonth() + 1;
    const academicStart = month >= 9 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
    const semester = allSemesters.find((s) => s.startDate <= iso && iso <= s.endDate) ?? null;
    const teachingWeek = semester
      ? Math.floor((date.getTime() - parseIsoDate(semester.startDate).getTime()) / (7 * DAY_MS)) + 1
      : null;
    const isExamWeek = semester !== null && teachingWeek !== null && teachingWeek > semester.teachingWeeks;
    const vacation = month >= 6 && month <= 9 ? '暑假' : '寒假';
    const period = semester ? (semester.term === 1 ? '秋季学期' : '春季学期') : vacation;
    days.push({
      date: iso,
      year: date.getUTCFullYear(),
      month,
      day: date.getUTCDate(),
      weekday,
      isWeekend,
      holidayName,
      isMakeupWorkday,
      isWorkday: isMakeupWorkday || (!isWeekend && holidayName === null),
      academicYear: `${academicStart}-${academicStart + 1}`,
      period,
      semesterCode: semester?.code ?? null,
      teachingWeek,
      isTeachingDay: semester !== null && !isExamWeek,
      isExamWeek,
    });
  }
  return days;
}

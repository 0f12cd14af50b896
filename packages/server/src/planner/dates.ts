/**
 * Date ranges for the planner: the IR's symbolic range resolved to local wall-clock bounds in the catalog time
 * zone (the warehouse stores local TIMESTAMPs), and the previous range `compare` aligns with.
 */

import {
  resolveDateRange,
  type AcademicCalendar,
  type DateRange,
  type Granularity,
} from '@campus-cockpit/query';
import type { LocalRange, ResolvedCompare } from './resolved.js';

/** A resolved range: local bounds for SQL, instants with offset for the response. */
export interface RangeResolution {
  local: LocalRange;
  echo: { start: string; end: string };
}

const DAY = 86_400_000;

/** Resolves a bound (non-parameter) range at `now`. Throws RangeError with a readable message. */
export function resolveRange(
  range: DateRange,
  now: Date,
  timeZone: string,
  calendar?: AcademicCalendar,
): RangeResolution {
  const echo = resolveDateRange(range, now, timeZone, calendar);
  return { echo, local: { start: echo.start.slice(0, 19), end: echo.end.slice(0, 19) } };
}

/**
 * The range `compare` sets beside the current one, and the shift that moves its times onto the current range:
 * `period` is the equally long range just before; a granularity moves back by one such unit (for `semester` and
 * `academic_year`, to the same offset from the previous unit's start).
 */
export function compareRange(
  current: RangeResolution,
  previous: 'period' | Granularity,
  timeZone: string,
  calendar?: AcademicCalendar,
): ResolvedCompare {
  const start = civil(current.local.start);
  const end = civil(current.local.end);
  let shift: { months: number; days: number };
  switch (previous) {
    case 'period':
      if ((end - start) % DAY !== 0) throw new RangeError("'compare: period' needs a range of whole days.");
      shift = { months: 0, days: (end - start) / DAY };
      break;
    case 'year':
      shift = { months: 12, days: 0 };
      break;
    case 'quarter':
      shift = { months: 3, days: 0 };
      break;
    case 'month':
      shift = { months: 1, days: 0 };
      break;
    case 'week':
    case 'teaching_week':
      shift = { months: 0, days: 7 };
      break;
    case 'day':
      shift = { months: 0, days: 1 };
      break;
    case 'semester':
    case 'academic_year':
      shift = { months: 0, days: calendarShift(start, previous, calendar) };
      break;
    default:
      throw new RangeError(
        `'compare' by ${previous} is not supported; use period, day, week, month, quarter, year, semester or academic_year.`,
      );
  }
  const local = { start: format(back(start, shift)), end: format(back(end, shift)) };
  const echo = resolveDateRange(
    { start: local.start.slice(0, 10), end: format(civil(local.end) - DAY).slice(0, 10) },
    new Date(),
    timeZone,
    calendar,
  );
  return { previous: local, echo, shift };
}

/** Days between the start of the unit holding `start` and the start of the unit before it. */
function calendarShift(
  start: number,
  unit: 'semester' | 'academic_year',
  calendar?: AcademicCalendar,
): number {
  const semesters = calendar?.semesters ?? [];
  if (semesters.length === 0)
    throw new RangeError(`'compare' by ${unit} needs the catalog's academic calendar.`);
  const starts: number[] = [];
  let year: string | undefined;
  for (const semester of semesters) {
    if (unit === 'semester' || semester.academicYear !== year)
      starts.push(civil(semester.start + 'T00:00:00'));
    year = semester.academicYear;
  }
  let index = -1;
  starts.forEach((s, i) => {
    if (s <= start) index = i;
  });
  if (index < 1)
    throw new RangeError(`The academic calendar has no ${unit} before this range to compare with.`);
  return (starts[index]! - starts[index - 1]!) / DAY;
}

function back(time: number, shift: { months: number; days: number }): number {
  const date = new Date(time - shift.days * DAY);
  if (shift.months === 0) return date.getTime();
  const day = date.getUTCDate();
  const moved = new Date(
    Date.UTC(
      date.getUTCFullYear(),
      date.getUTCMonth() - shift.months,
      1,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(moved.getUTCFullYear(), moved.getUTCMonth() + 1, 0)).getUTCDate();
  moved.setUTCDate(Math.min(day, lastDay));
  return moved.getTime();
}

function civil(local: string): number {
  return Date.parse(local.length === 10 ? `${local}T00:00:00Z` : `${local}Z`);
}

function format(time: number): string {
  return new Date(time).toISOString().slice(0, 19);
}

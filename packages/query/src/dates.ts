/**
 * Date ranges: resolving the symbolic ranges of the IR to absolute instants in a time zone, with the
 * academic calendar for `academic_year`, `semester` and `teaching_week`. Pure functions on `Intl` only.
 *
 * Internally a wall-clock time in the zone is held as a "civil" millisecond count: the epoch milliseconds it
 * would be if the zone were UTC. Calendar arithmetic happens on civil time (so days stay days across DST),
 * and only the range ends are converted back to instants.
 */

import type { AcademicCalendar } from './catalog.js';
import type { AbsoluteDateRange, DateRange, Granularity, RelativeDateRange } from './ir.js';
import { isParamRef } from './ir.js';

const DAY = 86_400_000;

/** A resolved range: ISO 8601 instants with the zone's offset; `start` inclusive, `end` exclusive. */
export interface ResolvedDateRange {
  start: string;
  end: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Civil milliseconds of `YYYY-MM-DD[THH:MM[:SS]]`, or undefined when it is not a real day and time. */
export function parseCivil(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const civil = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  const date = new Date(civil);
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month as number) - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return real ? civil : undefined;
}

/** True for a real day written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return text.length === 10 && parseCivil(text) !== undefined;
}

/** True for a real day or day-and-time (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]`). */
export function isIsoDateTime(text: string): boolean {
  return parseCivil(text) !== undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The civil time of an instant in a zone. Throws RangeError for an unknown zone (from Intl). */
function toCivil(instant: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = Number(part.value);
  const civil = Date.UTC(
    parts.year as number,
    (parts.month as number) - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return civil + (((instant % 1000) + 1000) % 1000);
}

/**
 * The instant of a civil time in a zone. For a wall time skipped by a DST jump, the instant after the jump;
 * for a repeated wall time, the earlier one.
 */
function toInstant(civil: number, timeZone: string): number {
  const offsetAt = (instant: number): number => toCivil(instant, timeZone) - instant;
  const guess = civil - offsetAt(civil);
  const first = civil - offsetAt(guess);
  const second = civil - offsetAt(first);
  return Math.min(first, second);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `YYYY-MM-DDTHH:MM:SS±HH:MM` for an instant in a zone. */
function formatInstant(instant: number, timeZone: string): string {
  const civil = toCivil(instant, timeZone);
  const date = new Date(civil);
  const offsetMinutes = Math.round((civil - instant) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}

/** Civil boundaries of the calendar units: sorted starts, plus the end of the last unit. */
function calendarBoundaries(
  unit: 'academic_year' | 'semester',
  calendar: AcademicCalendar | undefined,
): number[] {
  const semesters = calendar?.semesters ?? [];
  if (semesters.length === 0) {
    throw new RangeError(`Resolving '${unit}' needs an academic calendar with at least one semester.`);
  }
  const boundaries: number[] = [];
  let previousYear: string | undefined;
  for (const semester of semesters) {
    const start = parseCivil(semester.start);
    if (start === undefined)
      throw new RangeError(`Semester '${semester.name}' has an invalid start '${semester.start}'.`);
    if (unit === 'semester' || semester.academicYear !== previousYear) boundaries.push(start);
    previousYear = semester.academicYear;
  }
  const last = semesters[semesters.length - 1];
  const lastEnd = parseCivil(last?.end ?? '');
  if (lastEnd === undefined)
    throw new RangeError(`Semester '${last?.name}' has an invalid end '${last?.end}'.`);
  boundaries.push(lastEnd + DAY);
  return boundaries;
}

/** Moves a civil unit start by `count` units of a calendar granularity. */
function shiftCalendar(start: number, count: number, boundaries: number[], unit: string): number {
  const index = boundaries.indexOf(start);
  const target = boundaries[index + count];
  if (index < 0 || target === undefined) {
    throw new RangeError(`The academic calendar does not cover that many ${unit}s from here.`);
  }
  return target;
}

/** Monday 00:00 of the week holding a civil time. */
const weekStart = (civil: number): number => {
  const day = Math.floor(civil / DAY) * DAY;
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
};

/** Unit arithmetic on civil time: the start of the unit holding `civil`, and moving a start by whole units. */
interface UnitMath {
  start(civil: number): number;
  shift(start: number, count: number): number;
}

function unitMath(unit: Granularity, calendar: AcademicCalendar | undefined): UnitMath {
  const fixed = (size: number): UnitMath => ({
    start: (civil) => Math.floor(civil / size) * size,
    shift: (start, count) => start + count * size,
  });
  const months = (size: number): UnitMath => ({
    start: (civil) => {
      const date = new Date(civil);
      const month = date.getUTCMonth();
      return Date.UTC(date.getUTCFullYear(), month - (month % size), 1);
    },
    shift: (start, count) => {
      const date = new Date(start);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count * size, 1);
    },
  });
  switch (unit) {
    case 'minute':
      return fixed(60_000);
    case 'hour':
      return fixed(3_600_000);
    case 'day':
      return fixed(DAY);
    case 'week':
      return { start: weekStart, shift: (start, count) => start + count * 7 * DAY };
    case 'month':
      return months(1);
    case 'quarter':
      return months(3);
    case 'year':
      return months(12);
    case 'teaching_week': {
      // Teaching weeks count Monday-to-Sunday from the Monday of the semester's first week.
      const semesters = unitMath('semester', calendar);
      return {
        start: (civil) => {
          const semester = weekStart(semesters.start(civil));
          return semester + Math.floor((civil - semester) / (7 * DAY)) * 7 * DAY;
        },
        shift: (start, count) => start + count * 7 * DAY,
      };
    }
    case 'academic_year':
    case 'semester': {
      const boundaries = calendarBoundaries(unit, calendar);
      return {
        start: (civil) => {
          let found: number | undefined;
          for (let i = 0; i < boundaries.length - 1; i++) {
            if ((boundaries[i] as number) <= civil) found = boundaries[i];
          }
          if (found === undefined || civil >= (boundaries[boundaries.length - 1] as number)) {
            throw new RangeError(`The academic calendar has no ${unit} holding that date.`);
          }
          return found;
        },
        shift: (start, count) => shiftCalendar(start, count, boundaries, unit),
      };
    }
  }
}

/** Civil `[start, end)` of a relative range at civil time `now`. */
function relativeCivil(
  range: RelativeDateRange,
  now: number,
  calendar: AcademicCalendar | undefined,
): [number, number] {
  if (range.relative === 'today' || range.relative === 'yesterday') {
    const today = Math.floor(now / DAY) * DAY;
    return range.relative === 'today' ? [today, today + DAY] : [today - DAY, today];
  }
  const math = unitMath(range.unit, calendar);
  const current = math.start(now);
  switch (range.relative) {
    case 'this':
      return [current, math.shift(current, 1)];
    case 'last':
      return [math.shift(current, -1), current];
    case 'next':
      return [math.shift(current, 1), math.shift(current, 2)];
    case 'lastN': {
      const end = range.includeToday ? math.shift(current, 1) : current;
      return [math.shift(end, -range.n), end];
    }
  }
}

/** Civil `[start, end)` of an absolute range of whole days. */
function absoluteCivil(range: AbsoluteDateRange): [number, number] {
  const start = parseCivil(range.start);
  const end = parseCivil(range.end);
  if (start === undefined || end === undefined || range.start.length !== 10 || range.end.length !== 10) {
    throw new RangeError(`Invalid absolute range ${range.start} to ${range.end}: dates are YYYY-MM-DD.`);
  }
  if (end < start) throw new RangeError(`The range ${range.start} to ${range.end} ends before it starts.`);
  return [start, end + DAY];
}

/**
 * Resolves a date range to absolute instants.
 *
 * "last 30 days" is the 30 complete days ending yesterday; `this month` is the whole current month; weeks
 * start on Monday; everything is in `timeZone` (the catalog's, `Asia/Shanghai` by default).
 *
 * @param range A relative or absolute range (bind parameters first: a `{param}` throws).
 * @param now The current instant.
 * @param timeZone An IANA zone name.
 * @param calendar Needed for `academic_year`, `semester` and `teaching_week`.
 * @returns `start` inclusive and `end` exclusive, ISO 8601 with the zone's offset.
 * @throws RangeError for a parameter, an unknown zone, an invalid range, or dates the calendar does not cover.
 *
 * @example
 * resolveDateRange({ relative: 'lastN', n: 30, unit: 'day' }, new Date('2026-11-26T01:00:00Z'), 'Asia/Shanghai')
 * // → { start: '2026-10-27T00:00:00+08:00', end: '2026-11-26T00:00:00+08:00' }
 */
export function resolveDateRange(
  range: DateRange,
  now: Date,
  timeZone: string,
  calendar?: AcademicCalendar,
): ResolvedDateRange {
  if (isParamRef(range)) throw new RangeError(`Bind parameter ':${range.param}' before resolving its range.`);
  const [start, end] =
    'relative' in range
      ? relativeCivil(range, toCivil(now.getTime(), timeZone), calendar)
      : absoluteCivil(range);
  return {
    start: formatInstant(toInstant(start, timeZone), timeZone),
    end: formatInstant(toInstant(end, timeZone), timeZone),
  };
}

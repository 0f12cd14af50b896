import { describe, expect, test } from 'vitest';
import type { AcademicCalendar } from './catalog.js';
import { isIsoDate, isIsoDateTime, resolveDateRange } from './dates.js';
import { catalog } from '../test/fixtures.js';

const SHANGHAI = 'Asia/Shanghai';
const calendar = catalog.calendar as AcademicCalendar;
/** 2026-11-26 09:00 in Shanghai (a Thursday, in week 12 of semester 2026-2027-1). */
const now = new Date('2026-11-26T01:00:00Z');

describe('resolveDateRange', () => {
  test('"last 30 days" is the 30 complete days ending yesterday, in the catalog time zone', () => {
    expect(resolveDateRange({ relative: 'lastN', n: 30, unit: 'day' }, now, SHANGHAI)).toEqual({
      start: '2026-10-27T00:00:00+08:00',
      end: '2026-11-26T00:00:00+08:00',
    });
  });

  test('"today" follows the zone, not UTC: 23:30 UTC on the 25th is already the 26th in Shanghai', () => {
    expect(resolveDateRange({ relative: 'today' }, new Date('2026-11-25T23:30:00Z'), SHANGHAI)).toEqual({
      start: '2026-11-26T00:00:00+08:00',
      end: '2026-11-27T00:00:00+08:00',
    });
  });

  test('"yesterday" is the day before today', () => {
    expect(resolveDateRange({ relative: 'yesterday' }, now, SHANGHAI)).toEqual({
      start: '2026-11-25T00:00:00+08:00',
      end: '2026-11-26T00:00:00+08:00',
    });
  });

  test('"including today" ends the range with the current day', () => {
    expect(
      resolveDateRange({ relative: 'lastN', n: 7, unit: 'day', includeToday: true }, now, SHANGHAI),
    ).toEqual({
      start: '2026-11-20T00:00:00+08:00',
      end: '2026-11-27T00:00:00+08:00',
    });
  });

  test('"this week" runs Monday to Sunday', () => {
    expect(resolveDateRange({ relative: 'this', unit: 'week' }, now, SHANGHAI)).toEqual({
      start: '2026-11-23T00:00:00+08:00',
      end: '2026-11-30T00:00:00+08:00',
    });
  });

  test('"last month" is the previous complete month, "next quarter" the one after this', () => {
    expect(resolveDateRange({ relative: 'last', unit: 'month' }, now, SHANGHAI)).toEqual({
      start: '2026-10-01T00:00:00+08:00',
      end: '2026-11-01T00:00:00+08:00',
    });
    expect(resolveDateRange({ relative: 'next', unit: 'quarter' }, now, SHANGHAI)).toEqual({
      start: '2027-01-01T00:00:00+08:00',
      end: '2027-04-01T00:00:00+08:00',
    });
  });

  test('"last 12 months" crosses a year boundary', () => {
    expect(resolveDateRange({ relative: 'lastN', n: 12, unit: 'month' }, now, SHANGHAI)).toEqual({
      start: '2025-11-01T00:00:00+08:00',
      end: '2026-11-01T00:00:00+08:00',
    });
  });

  test('"last 6 hours" counts complete hours', () => {
    expect(
      resolveDateRange({ relative: 'lastN', n: 6, unit: 'hour' }, new Date('2026-11-26T01:45:00Z'), SHANGHAI),
    ).toEqual({
      start: '2026-11-26T03:00:00+08:00',
      end: '2026-11-26T09:00:00+08:00',
    });
  });

  test('an absolute range covers whole days, the end day included', () => {
    expect(resolveDateRange({ start: '2025-09-01', end: '2026-01-18' }, now, SHANGHAI)).toEqual({
      start: '2025-09-01T00:00:00+08:00',
      end: '2026-01-19T00:00:00+08:00',
    });
  });

  test('"this semester" runs from its first day to the day before the next semester', () => {
    expect(resolveDateRange({ relative: 'this', unit: 'semester' }, now, SHANGHAI, calendar)).toEqual({
      start: '2026-09-07T00:00:00+08:00',
      end: '2027-03-01T00:00:00+08:00',
    });
  });

  test('"last semester" is the spring semester, including its summer break', () => {
    expect(resolveDateRange({ relative: 'last', unit: 'semester' }, now, SHANGHAI, calendar)).toEqual({
      start: '2026-03-02T00:00:00+08:00',
      end: '2026-09-07T00:00:00+08:00',
    });
  });

  test('"last academic_year" spans both its semesters and the summer after', () => {
    expect(resolveDateRange({ relative: 'last', unit: 'academic_year' }, now, SHANGHAI, calendar)).toEqual({
      start: '2025-09-01T00:00:00+08:00',
      end: '2026-09-07T00:00:00+08:00',
    });
  });

  test('"this teaching_week" is the Monday-to-Sunday week counted from the semester start', () => {
    expect(resolveDateRange({ relative: 'this', unit: 'teaching_week' }, now, SHANGHAI, calendar)).toEqual({
      start: '2026-11-23T00:00:00+08:00',
      end: '2026-11-30T00:00:00+08:00',
    });
  });

  test('a semester range without a calendar, or beyond it, is a RangeError that says so', () => {
    expect(() => resolveDateRange({ relative: 'this', unit: 'semester' }, now, SHANGHAI)).toThrow(
      /needs an academic calendar/,
    );
    expect(() =>
      resolveDateRange({ relative: 'lastN', n: 20, unit: 'semester' }, now, SHANGHAI, calendar),
    ).toThrow(/does not cover/);
  });

  test('an unbound parameter cannot be resolved', () => {
    expect(() => resolveDateRange({ param: 'term' }, now, SHANGHAI)).toThrow(/Bind parameter ':term'/);
  });

  test('days stay days across a DST change: "yesterday" in New York on the day after spring-forward', () => {
    expect(
      resolveDateRange({ relative: 'yesterday' }, new Date('2026-03-09T12:00:00Z'), 'America/New_York'),
    ).toEqual({
      start: '2026-03-08T00:00:00-05:00',
      end: '2026-03-09T00:00:00-04:00',
    });
  });

  test('an unknown time zone is a RangeError', () => {
    expect(() => resolveDateRange({ relative: 'today' }, now, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('ISO dates', () => {
  test('accepts real days and times only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-01-01T08:00')).toBe(false);
    expect(isIsoDateTime('2025-01-01T08:00')).toBe(true);
    expect(isIsoDateTime('2025-01-01T24:00')).toBe(false);
  });
});

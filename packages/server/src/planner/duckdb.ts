/**
 * The DuckDB dialect. Weeks start on Monday (`date_trunc('week', …)` is ISO); bound values are `$n`.
 */

import type { Granularity } from '@campus-cockpit/query';
import type { MaskRule } from '../catalog/types.js';
import type { Binder, CalendarBounds, Dialect } from './dialect.js';

const CALENDAR_UNITS = new Set<Granularity>(['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']);

/** The DuckDB dialect. */
export const duckdbDialect: Dialect = {
  name: 'duckdb',

  quote(identifier) {
    return `"${identifier.replaceAll('"', '""')}"`;
  },

  timestamp(placeholder) {
    return `CAST(${placeholder} AS TIMESTAMP)`;
  },

  truncate(expr, granularity, calendar, binder) {
    const ts = `CAST(${expr} AS TIMESTAMP)`;
    if (CALENDAR_UNITS.has(granularity)) return `date_trunc('${granularity}', ${ts})`;
    if (!calendar) throw new Error(`granularity ${granularity} needs the academic calendar`);
    const bounds = granularity === 'academic_year' ? calendar.academicYear : calendar.semester;
    const last = this.timestamp(binder.bind(bounds[bounds.length - 1]!));
    if (granularity === 'teaching_week') {
      const first = this.timestamp(binder.bind(bounds[0]!));
      // Semesters start on a Monday and run until the next one starts, so a teaching week is the ISO week.
      return `CASE WHEN ${ts} >= ${first} AND ${ts} < ${last} THEN date_trunc('week', ${ts}) END`;
    }
    const cases: string[] = [];
    for (let i = bounds.length - 2; i >= 0; i--) {
      const start = this.timestamp(binder.bind(bounds[i]!));
      cases.push(`WHEN ${ts} >= ${start} THEN ${start}`);
    }
    return `CASE WHEN ${ts} >= ${last} THEN NULL ${cases.join(' ')} END`;
  },

  formatTime(expr, granularity) {
    const pattern = granularity === 'minute' || granularity === 'hour' ? '%Y-%m-%dT%H:%M:%S' : '%Y-%m-%d';
    return `strftime(${expr}, '${pattern}')`;
  },

  shiftTime(expr, months, days) {
    return `(CAST(${expr} AS TIMESTAMP) + to_months(CAST(${months} AS INTEGER)) + to_days(CAST(${days} AS INTEGER)))`;
  },

  mask(expr, rule: MaskRule, binder: Binder) {
    const text = `CAST(${expr} AS VARCHAR)`;
    switch (rule.method) {
      case 'redact':
        return `CASE WHEN ${expr} IS NULL THEN NULL ELSE '***' END`;
      case 'hash':
        // Salted with a per-process secret so that short values (phone numbers) cannot be looked up.
        return `substr(md5(${binder.bind(MASK_SALT)} || ${text}), 1, 12)`;
      case 'partial': {
        const keepStart = rule.keepStart ?? 0;
        const keepEnd = rule.keepEnd ?? 0;
        const length = `length(${text})`;
        return (
          `CASE WHEN ${expr} IS NULL THEN NULL WHEN ${length} <= ${keepStart + keepEnd} THEN repeat('*', ${length}) ` +
          `ELSE left(${text}, ${keepStart}) || repeat('*', ${length} - ${keepStart + keepEnd}) || ` +
          `${keepEnd === 0 ? "''" : `right(${text}, ${keepEnd})`} END`
        );
      }
    }
  },

  like(expr, pattern) {
    return `${expr} LIKE ${pattern}`;
  },
};

const MASK_SALT = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
  b.toString(16).padStart(2, '0'),
).join('');

/** Calendar bounds from the catalog's semesters. */
export function calendarBounds(
  semesters: readonly { academicYear: string; start: string; end: string }[],
): CalendarBounds | undefined {
  if (semesters.length === 0) return undefined;
  const semester: string[] = [];
  const academicYear: string[] = [];
  let year: string | undefined;
  for (const s of semesters) {
    semester.push(`${s.start}T00:00:00`);
    if (s.academicYear !== year) academicYear.push(`${s.start}T00:00:00`);
    year = s.academicYear;
  }
  const last = semesters[semesters.length - 1]!;
  const end = new Date(Date.parse(`${last.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 19);
  semester.push(end);
  academicYear.push(end);
  return { semester, academicYear };
}

/**
 * What differs between SQL engines. The planner writes standard SQL around these hooks, so another engine is
 * one file implementing {@link Dialect}.
 */

import type { Granularity } from '@campus-cockpit/query';
import type { MaskRule } from '../catalog/types.js';

/** Collects bound values; `bind` returns the engine's placeholder for the next one. */
export interface Binder {
  bind(value: string | number | boolean | null): string;
}

/** Semester bounds for academic granularities, local `YYYY-MM-DDT00:00:00` strings. */
export interface CalendarBounds {
  /** Start of each unit, ascending, then the end of the last unit. */
  semester: string[];
  academicYear: string[];
}

/** SQL fragments of one engine. */
export interface Dialect {
  readonly name: string;
  /** Quotes a catalog identifier (never user input). */
  quote(identifier: string): string;
  /** A bound value used as a timestamp. */
  timestamp(placeholder: string): string;
  /** The start of the `granularity` bucket holding timestamp expression `expr`. */
  truncate(
    expr: string,
    granularity: Granularity,
    calendar: CalendarBounds | undefined,
    binder: Binder,
  ): string;
  /** A bucket start formatted as the wire's ISO 8601 text. */
  formatTime(expr: string, granularity: Granularity): string;
  /** `expr` moved forward by bound months and days (aligns a previous period with the current one). */
  shiftTime(expr: string, months: string, days: string): string;
  /** The masked form of a personal field. */
  mask(expr: string, rule: MaskRule, binder: Binder): string;
  /** Case-sensitive LIKE. */
  like(expr: string, pattern: string): string;
}

/**
 * The catalog: what a client may ask for, served by `GET /v1/meta` (with an ETag, already filtered by the
 * caller's rights). The checker resolves every name in a query against it and suggests near misses over
 * names, titles, aliases and pinyin; widgets take titles, units, formats and geo roles from it.
 *
 * Pinyin is supplied by the server (computed once from the titles when the catalog is built) so that the
 * browser bundle carries no pinyin dictionary.
 *
 * @packageDocumentation
 */

import type { Granularity } from './ir.js';

/** The locales the product ships messages and titles in. */
export const LOCALES = ['zh-CN', 'en'] as const;

/** One of `LOCALES`. */
export type Locale = (typeof LOCALES)[number];

/** A text in every shipped locale. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

/** The time zone assumed when a catalog does not name one. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Geographic roles a dimension can play; maps join on them. */
export const GEO_ROLES = ['cn-province', 'cn-city', 'campus-building'] as const;

/**
 * One of `GEO_ROLES`:
 * - `cn-province`: a Chinese province-level division; values (or the `code` attribute) are 6-digit GB/T 2260
 *   codes such as `330000`.
 * - `cn-city`: a prefecture-level city, GB/T 2260 code such as `331100`.
 * - `campus-building`: a building id of the campus map served by the deployment.
 */
export type GeoRole = (typeof GEO_ROLES)[number];

/** Value types of dimensions and attributes. `time` values are ISO 8601 strings in the catalog time zone. */
export const VALUE_TYPES = ['string', 'number', 'boolean', 'time'] as const;

/** One of `VALUE_TYPES`. */
export type ValueType = (typeof VALUE_TYPES)[number];

/** How a measure aggregates; decides whether subtotals may be summed (they never are: the database recomputes). */
export const AGGREGATIONS = [
  'count',
  'countDistinct',
  'sum',
  'avg',
  'min',
  'max',
  'ratio',
  'custom',
] as const;

/** One of `AGGREGATIONS`. */
export type Aggregation = (typeof AGGREGATIONS)[number];

/** What every named catalog entry (view or member) carries for display and for name lookup. */
export interface Named {
  /** Identifier used in queries: a letter or `_`, then letters, digits or `_`. Unique within its scope. */
  name: string;
  /** Display titles; the zh-CN title may be written in queries between backticks (`` `学院` ``). */
  title: LocalizedText;
  /** Other names people use (`学部`, `faculty`); the checker resolves them and suggests them. */
  aliases?: string[];
  /**
   * Pinyin spellings of the zh-CN title and aliases, lower case without tones, supplied by the server: the
   * full spelling and the initials (`["xueyuan", "xy"]`). Used only for suggestions, never resolved silently.
   */
  pinyin?: string[];
  /** What it means and how it is counted (口径). */
  description?: LocalizedText;
  /**
   * True when the entry may be shown to anonymous users (public big screens). Entries without it require an
   * authenticated caller; the server has already removed what the caller may not see.
   */
  public?: boolean;
}

/**
 * A measure: an aggregate over the view's rows.
 *
 * @example `{ "name": "headcount", "title": { "zh-CN": "人数", "en": "Headcount" }, "aggregation": "countDistinct", "unit": "人", "format": ",d" }`
 */
export interface Measure extends Named {
  aggregation: Aggregation;
  /** Values are always numbers on the wire (never strings), whatever the engine. */
  type: 'number';
  /** Display unit (`人`, `GB`, `%`). */
  unit?: string;
  /** A d3-format specifier for display (`,d`, `.1%`, `,.2f`). */
  format?: string;
}

/** A selectable attribute of a dimension (a geographic dimension's `code` and `name`, say). */
export interface DimensionAttribute extends Named {
  type: ValueType;
  /** Geo role of this attribute's values, when it differs from the dimension's. */
  geo?: GeoRole;
}

/**
 * A dimension: a column to group and filter by.
 *
 * @example `{ "name": "college", "title": { "zh-CN": "学院", "en": "College" }, "type": "string", "pinyin": ["xueyuan", "xy"] }`
 */
export interface Dimension extends Named {
  type: ValueType;
  /**
   * For `time` dimensions: the granularities it may be grouped by, in increasing size. A time dimension
   * must be given one of them in `by`.
   */
  granularities?: Granularity[];
  /** Geo role, for maps. */
  geo?: GeoRole;
  /** Attributes selectable as `dimension.attribute`. */
  attributes?: DimensionAttribute[];
  /** Allowed values, when the set is small and stable (used to check string literals and fill pickers). */
  values?: string[];
  /** A display format (d3-format for numbers, d3-time-format for times). */
  format?: string;
}

/** A segment: a named, catalog-defined row filter (`enrolled`: 在籍学生). */
export type Segment = Named;

/** A view: one subject area, the unit a query names in `from`. */
export interface View extends Named {
  measures: Measure[];
  dimensions: Dimension[];
  segments?: Segment[];
  /** The time dimension `during` uses when the query groups by none. */
  defaultTimeDimension?: string;
}

/** One semester of the academic calendar. Dates are `YYYY-MM-DD`, inclusive, in the catalog time zone. */
export interface Semester {
  /** Identifier, e.g. `2025-2026-1`. */
  name: string;
  /** The academic year it belongs to, e.g. `2025-2026`. */
  academicYear: string;
  title?: LocalizedText;
  /** First day of teaching week 1 (should be a Monday; teaching weeks run Monday to Sunday from it). */
  start: string;
  /** Last day of the semester. */
  end: string;
}

/**
 * The academic calendar defining `academic_year`, `semester` and `teaching_week`.
 *
 * An academic year runs from the start of its first semester to the day before the next academic year's
 * first semester (so the summer break belongs to the year that precedes it); a semester likewise runs until
 * the day before the next semester starts.
 */
export interface AcademicCalendar {
  /** Semesters in chronological order. */
  semesters: Semester[];
}

/** The whole catalog. */
export interface Catalog {
  /** Catalog format version; always 1. */
  v: 1;
  /** IANA time zone of all dates and relative ranges (default `DEFAULT_TIME_ZONE`). */
  timeZone?: string;
  /** Opaque version of the content (also the ETag). */
  version?: string;
  views: View[];
  /** Needed when any time dimension offers `academic_year`, `semester` or `teaching_week`. */
  calendar?: AcademicCalendar;
}

/** A member found in a view, tagged with what kind it is. */
export type CatalogMember =
  | { kind: 'measure'; view: View; member: Measure }
  | { kind: 'dimension'; view: View; member: Dimension }
  | { kind: 'segment'; view: View; member: Segment };

/** Finds a view by name (exact, case-sensitive). */
export function findView(catalog: Catalog, name: string): View | undefined {
  return catalog.views.find((view) => view.name === name);
}

/** Finds a member of a view by its exact name. */
export function findMember(view: View, name: string): CatalogMember | undefined {
  const measure = view.measures.find((m) => m.name === name);
  if (measure) return { kind: 'measure', view, member: measure };
  const dimension = view.dimensions.find((d) => d.name === name);
  if (dimension) return { kind: 'dimension', view, member: dimension };
  const segment = view.segments?.find((s) => s.name === name);
  if (segment) return { kind: 'segment', view, member: segment };
  return undefined;
}

/** The catalog's time zone, or `DEFAULT_TIME_ZONE`. */
export function catalogTimeZone(catalog: Catalog): string {
  return catalog.timeZone ?? DEFAULT_TIME_ZONE;
}

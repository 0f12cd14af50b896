/**
 * The wire IR: the one JSON form of a query.
 *
 * The text language and the TypeScript builder both compile to it; `POST /v1/query` executes it. Every value
 * here is plain JSON data (no classes, no `undefined` on the wire, no functions), so the same object can be
 * built in the browser, sent, logged, cached by its JSON text, and validated again by the server.
 *
 * Naming rules used throughout:
 * - A **view** is named by its catalog name (`students`).
 * - A **member** (measure, dimension, segment) is always qualified `view.member` (`students.headcount`).
 * - A **column key** names one output column and is how `order`, `top.by`, `top.per` and `rollup` refer to
 *   columns: a measure's qualified name, or a dimension's `dimensionKey` (its alias when it has one,
 *   else `view.member[.attribute][.granularity]`, e.g. `network.ts.day`, `admissions.origin_province.code`).
 *
 * @packageDocumentation
 */

/** The IR version this package reads and writes. Bumped only on breaking changes. */
export const IR_VERSION = 1;

/**
 * Time granularities. The first seven are calendar units computed in the catalog time zone; the last three
 * are defined by the catalog's `AcademicCalendar` (a catalog lists, per time dimension, which ones it
 * supports).
 */
export const GRANULARITIES = [
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'academic_year',
  'semester',
  'teaching_week',
] as const;

/** One of `GRANULARITIES`. Weeks start on Monday (ISO 8601). */
export type Granularity = (typeof GRANULARITIES)[number];

/** A literal value on the wire. Dates and times are ISO 8601 strings (`2025-09-01`, `2025-09-01T08:00:00`). */
export type Scalar = string | number | boolean | null;

/**
 * A reference to a query parameter, bound from `QueryIR.params` (or by the client at run time, e.g.
 * from a filter widget).
 *
 * @example `{ "param": "year" }` — required: executing the query without `year` bound is an error.
 * @example `{ "param": "year", "optional": true }` — when `year` is unbound, the predicate that uses it is
 * dropped (as if it had not been written), so one query serves both "all years" and "one year".
 */
export interface ParamRef {
  /** Parameter name: a letter or `_` followed by letters, digits or `_`. */
  param: string;
  /** When true, an unbound parameter removes its enclosing predicate instead of failing. Default false. */
  optional?: boolean;
}

/** A value in a filter: a literal or a parameter. */
export type FilterValue = Scalar | ParamRef;

/**
 * A dimension in the query's grouping (`by` clause).
 *
 * @example `{ "member": "students.college" }`
 * @example `{ "member": "network.ts", "granularity": "day" }`
 * @example `{ "member": "admissions.origin_province", "attribute": "code", "alias": "province" }`
 */
export interface DimensionRef {
  /** Qualified dimension name, `view.member`. */
  member: string;
  /** For time dimensions: the bucket size. Required for time dimensions, forbidden for others. */
  granularity?: Granularity;
  /**
   * For dimensions with attributes (such as a geographic dimension's `code` and `name`): which attribute to
   * group by. Absent means the dimension's own value.
   */
  attribute?: string;
  /** Output column name, replacing the default `dimensionKey`. Unique within the query. */
  alias?: string;
}

/** Comparison operators of a `FilterCondition`; each names how many `values` it takes. */
export const FILTER_OPERATORS = [
  'equals', // exactly 1 value
  'notEquals', // exactly 1 value
  'lt', // exactly 1 value
  'lte', // exactly 1 value
  'gt', // exactly 1 value
  'gte', // exactly 1 value
  'in', // 1 or more values
  'notIn', // 1 or more values
  'between', // exactly 2 values, inclusive at both ends
  'notBetween', // exactly 2 values
  'like', // exactly 1 string value; `%` any run, `_` one character
  'notLike', // exactly 1 string value
  'isNull', // no values
  'isNotNull', // no values
] as const;

/** One of `FILTER_OPERATORS`. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/**
 * A leaf predicate: `member operator values`.
 *
 * @example `{ "member": "admissions.admit_year", "operator": "equals", "values": [{ "param": "year", "optional": true }] }`
 * @example `{ "member": "loans.college", "operator": "in", "values": ["工学院", "医学院"] }`
 */
export interface FilterCondition {
  /** Qualified member name. A dimension in `QueryIR.filters`, a measure in `QueryIR.having`. */
  member: string;
  /** Compare one attribute of the dimension (e.g. `code`) instead of its value. */
  attribute?: string;
  /** Compare the time dimension truncated to this granularity (e.g. `ts.year = 2025`). */
  granularity?: Granularity;
  operator: FilterOperator;
  /** Operands; omitted (or empty) for `isNull` / `isNotNull`. Values are typed by the member. */
  values?: FilterValue[];
}

/** All children must hold. An empty list holds. */
export interface FilterAnd {
  and: Filter[];
}

/** At least one child must hold. An empty list does not hold. */
export interface FilterOr {
  or: Filter[];
}

/** The child must not hold. */
export interface FilterNot {
  not: Filter;
}

/**
 * A filter tree. Nodes are told apart by their single key: `and`, `or`, `not`, or `member` (a leaf).
 * Servers bound the depth (see `IR_LIMITS`).
 */
export type Filter = FilterAnd | FilterOr | FilterNot | FilterCondition;

/**
 * A relative date range from the closed grammar, kept symbolic on the wire so cached queries stay correct
 * tomorrow. `resolveDateRange()` turns it into absolute instants in the catalog time zone.
 *
 * | text | IR |
 * |---|---|
 * | `today` | `{ "relative": "today" }` |
 * | `yesterday` | `{ "relative": "yesterday" }` |
 * | `this month` | `{ "relative": "this", "unit": "month" }` (the current month, including the future part) |
 * | `last month` | `{ "relative": "last", "unit": "month" }` (the previous complete month) |
 * | `next week` | `{ "relative": "next", "unit": "week" }` |
 * | `last 30 days` | `{ "relative": "lastN", "n": 30, "unit": "day" }` (30 complete days ending yesterday) |
 * | `last 7 days including today` | `{ "relative": "lastN", "n": 7, "unit": "day", "includeToday": true }` |
 */
export type RelativeDateRange =
  | { relative: 'today' }
  | { relative: 'yesterday' }
  | {
      relative: 'this' | 'last' | 'next';
      unit: Granularity;
    }
  | {
      relative: 'lastN';
      /** How many units, 1 … 10000. */
      n: number;
      unit: Granularity;
      /**
       * When true the range ends with the current (incomplete) unit instead of the last complete one, so
       * `last 7 days including today` is the six days before today plus today.
       */
      includeToday?: boolean;
    };

/**
 * An absolute range of whole days, inclusive at both ends, in the catalog time zone.
 *
 * @example `{ "start": "2025-09-01", "end": "2026-01-18" }`
 */
export interface AbsoluteDateRange {
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day (inclusive), `YYYY-MM-DD`, not before `start`. */
  end: string;
}

/** A date range: relative, absolute, or a parameter whose bound value is one of those. */
export type DateRange = RelativeDateRange | AbsoluteDateRange | ParamRef;

/** The `during` clause: restricts a time dimension to a date range. */
export interface TimeRange {
  /** Qualified time dimension. The text language defaults it to the `by` time dimension, else the view's default. */
  dimension: string;
  range: DateRange;
}

/**
 * The `compare` clause: adds, for every measure, the value over an earlier range aligned with the current one
 * (columns `<measure>.previous` and `<measure>.change` in the result, computed by the server).
 *
 * - `period`: the range of equal length just before the `during` range (last 30 days → the 30 days before).
 * - a granularity: the same range shifted back by one such unit (`year` → same dates one year earlier;
 *   `semester` → the same teaching days of the previous semester).
 */
export interface Compare {
  previous: 'period' | Granularity;
}

/** Sort direction. */
export type Direction = 'asc' | 'desc';

/**
 * The `top` clause: keep the best `n` rows by a measure, optionally within each value of a dimension, and
 * optionally add one "others" row per group aggregating the rest (computed by the database, so non-additive
 * measures such as averages stay right).
 *
 * @example `{ "n": 10, "by": "students.headcount", "direction": "desc", "others": true }`
 */
export interface TopN {
  /** How many rows to keep (per group), 1 … 10000. */
  n: number;
  /** Column key of a measure in `QueryIR.measures`. */
  by: string;
  /** `desc` keeps the largest (default), `asc` the smallest. */
  direction?: Direction;
  /** Column key of a dimension in the query: rank within each of its values. */
  per?: string;
  /** Add an "others" row for the rest. Default false. */
  others?: boolean;
}

/** One sort key. */
export interface OrderItem {
  /** Column key of a measure or dimension in the query. */
  by: string;
  /** Default `asc`. */
  direction?: Direction;
}

/** A value bound to a parameter by the `with` clause or by the client. */
export type ParamValue = Scalar | Scalar[] | RelativeDateRange | AbsoluteDateRange;

/**
 * One query.
 *
 * @example
 * ```json
 * {
 *   "v": 1,
 *   "from": "students",
 *   "measures": ["students.headcount"],
 *   "dimensions": [{ "member": "students.college" }],
 *   "segments": ["students.enrolled"],
 *   "top": { "n": 10, "by": "students.headcount", "direction": "desc", "others": true }
 * }
 * ```
 */
export interface QueryIR {
  /** IR version; always `IR_VERSION`. */
  v: 1;
  /** The view every member belongs to. */
  from: string;
  /** Qualified measure names, in output column order. At least one measure or one dimension is required. */
  measures?: string[];
  /** Grouping dimensions, in output column order. */
  dimensions?: DimensionRef[];
  /** Row filter on dimensions (SQL `WHERE`). */
  filters?: Filter;
  /** Group filter on measures (SQL `HAVING`). */
  having?: Filter;
  /** Qualified segment names (named, catalog-defined row filters), all applied. */
  segments?: string[];
  /** The `during` clause. */
  timeRange?: TimeRange;
  /** The `compare` clause; requires `QueryIR.timeRange`. */
  compare?: Compare;
  /** The `top` clause. */
  top?: TopN;
  /** Sort keys, applied after `top`. */
  order?: OrderItem[];
  /** Maximum rows returned, 1 … 1000000 (the server may cap it lower and says `truncated`). */
  limit?: number;
  /** Rows skipped before `limit`, ≥ 0. */
  offset?: number;
  /** Add a grand-total row (measures aggregated over all rows by the database). */
  totals?: boolean;
  /**
   * Subtotal levels: dimension column keys, a prefix-ordered hierarchy (SQL `ROLLUP`). `["students.college",
   * "students.major"]` adds a subtotal per college and one per (college, major).
   */
  rollup?: string[];
  /** Parameter bindings by name. */
  params?: Record<string, ParamValue>;
}

/**
 * A batch: several queries in one request (widgets on a page sharing one round trip). Results come back in
 * the same order.
 */
export interface BatchIR {
  queries: QueryIR[];
}

/** Limits every reader of untrusted IR enforces (the server rejects larger requests with `ir-too-large`). */
export const IR_LIMITS = {
  /** Maximum nesting of `and`/`or`/`not` nodes in one filter tree. */
  maxFilterDepth: 16,
  /** Maximum number of nodes in one filter tree. */
  maxFilterNodes: 512,
  /** Maximum values in one `in` list. */
  maxFilterValues: 1000,
  /** Maximum measures + dimensions. */
  maxColumns: 64,
  /** Maximum parameter bindings in `params`. */
  maxParams: 64,
  /** Maximum queries in one batch. */
  maxBatch: 100,
  /** Maximum `limit`. */
  maxLimit: 1_000_000,
  /** Maximum `top.n` and `lastN.n`. */
  maxN: 10_000,
  /** Maximum length of any string. */
  maxString: 1000,
} as const;

/**
 * The output column key of a dimension: its alias, else `view.member[.attribute][.granularity]`.
 *
 * @example dimensionKey({ member: 'network.ts', granularity: 'day' }) === 'network.ts.day'
 */
export function dimensionKey(ref: DimensionRef): string {
  if (ref.alias) return ref.alias;
  let key = ref.member;
  if (ref.attribute) key += '.' + ref.attribute;
  if (ref.granularity) key += '.' + ref.granularity;
  return key;
}

/** True when a filter value is a parameter reference rather than a literal. */
export function isParamRef(value: unknown): value is ParamRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'param' in value;
}

/** Field order of a serialized `QueryIR`: the order of the interface. */
export const IR_FIELD_ORDER = [
  'v',
  'from',
  'measures',
  'dimensions',
  'filters',
  'having',
  'segments',
  'timeRange',
  'compare',
  'top',
  'order',
  'limit',
  'offset',
  'totals',
  'rollup',
  'params',
] as const satisfies readonly (keyof QueryIR)[];

/**
 * The same query with its top-level fields in `IR_FIELD_ORDER` and undefined fields dropped, so equal
 * queries serialize to equal JSON text (a cache key).
 */
export function canonicalIR(ir: QueryIR): QueryIR {
  const ordered: Record<string, unknown> = {};
  for (const key of IR_FIELD_ORDER) if (ir[key] !== undefined) ordered[key] = ir[key];
  return ordered as unknown as QueryIR;
}

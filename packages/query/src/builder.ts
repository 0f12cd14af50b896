/**
 * The fluent TypeScript builder: the same IR as the text language, built with calls.
 *
 * ```ts
 * const ir = query('students')
 *   .measure('headcount')
 *   .by('college')
 *   .segment('enrolled')
 *   .top(10, 'headcount', { others: true })
 *   .build();
 * ```
 *
 * Names may be written bare (`headcount`) or qualified (`students.headcount`); dimension paths read like the
 * text's: `ts.day` (a granularity), `origin_province.code` (an attribute). Builders are immutable: every call
 * returns a new one, so a base query can be shared and extended.
 *
 * The builder has no catalog, so it cannot tell a measure from a dimension: conditions on dimensions go in
 * {@link QueryBuilder.where}, conditions on measures in {@link QueryBuilder.having}. Check the result with
 * {@link validateIR} (or {@link QueryBuilder.check}).
 */

import type { Catalog, Locale } from './catalog.js';
import type {
  AbsoluteDateRange,
  Compare,
  DateRange,
  DimensionRef,
  Direction,
  Filter,
  FilterCondition,
  FilterOperator,
  FilterValue,
  Granularity,
  ParamRef,
  ParamValue,
  QueryIR,
  RelativeDateRange,
  Scalar,
  TopN,
} from './ir.js';
import { conditionOf } from './condition.js';
import { canonicalIR, dimensionKey, GRANULARITIES, isParamRef } from './ir.js';
import type { Diagnostic } from './problem.js';
import { validateIR } from './validate.js';

/** A dimension as written to the builder: a path string or a reference object (names may be bare). */
export type DimensionInput = string | DimensionRef;

interface State {
  readonly view: string;
  readonly measures: readonly string[];
  readonly dimensions: readonly DimensionInput[];
  readonly where: readonly Filter[];
  readonly having: readonly Filter[];
  readonly segments: readonly string[];
  readonly during?: { range: DateRange; dimension?: string };
  readonly compare?: Compare;
  readonly top?: TopN;
  readonly order: readonly { by: string; direction: Direction }[];
  readonly limit?: number;
  readonly offset?: number;
  readonly totals: boolean;
  readonly rollup?: readonly string[];
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** Starts a query on a view. */
export function query(view: string): QueryBuilder {
  return new QueryBuilder({
    view,
    measures: [],
    dimensions: [],
    where: [],
    having: [],
    segments: [],
    order: [],
    totals: false,
    params: {},
  });
}

/** An immutable query under construction; {@link QueryBuilder.build} returns the IR. */
export class QueryBuilder {
  /** @internal Use {@link query}. */
  constructor(private readonly state: State) {}

  private with_(change: Partial<State>): QueryBuilder {
    return new QueryBuilder({ ...this.state, ...change });
  }

  /** Adds measures (`measure a, b`). */
  measure(...names: string[]): QueryBuilder {
    return this.with_({ measures: [...this.state.measures, ...names] });
  }

  /** Adds grouping dimensions (`by college, ts.day`); an object form carries an alias. */
  by(...dimensions: DimensionInput[]): QueryBuilder {
    return this.with_({ dimensions: [...this.state.dimensions, ...dimensions] });
  }

  /** Adds dimension conditions (`where …`), all of which must hold. */
  where(...filters: Filter[]): QueryBuilder {
    return this.with_({ where: [...this.state.where, ...filters.flatMap(conjuncts)] });
  }

  /** Adds measure conditions (the measure part of `where`, SQL HAVING). */
  having(...filters: Filter[]): QueryBuilder {
    return this.with_({ having: [...this.state.having, ...filters.flatMap(conjuncts)] });
  }

  /** Adds segments (`segment enrolled`). */
  segment(...names: string[]): QueryBuilder {
    return this.with_({ segments: [...this.state.segments, ...names] });
  }

  /**
   * Restricts a time dimension to a range (`during …`). Without `dimension`, the first `by` dimension with a
   * granularity is used (the text language falls back further, to the view's default time dimension, which
   * only the catalog knows — pass it here in that case).
   */
  during(range: DateRange, dimension?: string): QueryBuilder {
    return this.with_({ during: dimension === undefined ? { range } : { range, dimension } });
  }

  /** Compares with the previous period or the same range one unit earlier (`compare previous …`). */
  compare(previous: Compare['previous']): QueryBuilder {
    return this.with_({ compare: { previous } });
  }

  /** Keeps the best `n` rows by a measure (`top n by m [asc|desc] [per d] [others]`). */
  top(
    n: number,
    by: string,
    options: { direction?: Direction; per?: string; others?: boolean } = {},
  ): QueryBuilder {
    const top: TopN = { n, by, direction: options.direction ?? 'desc' };
    if (options.per !== undefined) top.per = options.per;
    if (options.others) top.others = true;
    return this.with_({ top });
  }

  /** Adds a sort key (`order by [asc|desc]`). */
  order(by: string, direction: Direction = 'asc'): QueryBuilder {
    return this.with_({ order: [...this.state.order, { by, direction }] });
  }

  /** At most `count` rows. */
  limit(count: number): QueryBuilder {
    return this.with_({ limit: count });
  }

  /** Skips `count` rows. */
  offset(count: number): QueryBuilder {
    return this.with_({ offset: count });
  }

  /** Adds a grand-total row. */
  totals(): QueryBuilder {
    return this.with_({ totals: true });
  }

  /** Subtotals along these `by` columns, outermost first. */
  rollup(...columns: string[]): QueryBuilder {
    return this.with_({ rollup: columns });
  }

  /** Binds parameters (`with name = value`). */
  with(params: Readonly<Record<string, ParamValue>>): QueryBuilder {
    return this.with_({ params: { ...this.state.params, ...params } });
  }

  /** The IR, with every name qualified by the view and fields in canonical order. */
  build(): QueryIR {
    const { state } = this;
    const view = state.view;
    const qualify = (name: string): string => (name.startsWith(view + '.') ? name : `${view}.${name}`);
    const dimensions = state.dimensions.map((input) => toDimension(input, view));
    const column = (name: string): string => columnKey(name, view, dimensions);
    const ir: QueryIR = { v: 1, from: view };
    if (state.measures.length) ir.measures = state.measures.map(qualify);
    if (dimensions.length) ir.dimensions = dimensions;
    const filters = combine(state.where.map((filter) => qualifyFilter(filter, view)));
    if (filters) ir.filters = filters;
    const having = combine(state.having.map((filter) => qualifyFilter(filter, view)));
    if (having) ir.having = having;
    if (state.segments.length) ir.segments = state.segments.map(qualify);
    if (state.during) {
      const time = state.during.dimension ?? dimensions.find((d) => d.granularity !== undefined)?.member;
      if (time === undefined) {
        throw new TypeError(
          `during() needs a time dimension: group by one with a granularity (by('ts.day')) or pass it (during(range, 'ts')).`,
        );
      }
      ir.timeRange = { dimension: qualify(time), range: state.during.range };
    }
    if (state.compare) ir.compare = state.compare;
    if (state.top) {
      const top: TopN = { ...state.top, by: column(state.top.by) };
      if (top.per !== undefined) top.per = column(top.per);
      ir.top = top;
    }
    if (state.order.length)
      ir.order = state.order.map((item) => ({ by: column(item.by), direction: item.direction }));
    if (state.limit !== undefined) ir.limit = state.limit;
    if (state.offset !== undefined) ir.offset = state.offset;
    if (state.totals) ir.totals = true;
    if (state.rollup) ir.rollup = state.rollup.map(column);
    if (Object.keys(state.params).length) ir.params = { ...state.params };
    return canonicalIR(ir);
  }

  /** Builds and validates against a catalog: the diagnostics the server would return (empty when valid). */
  check(catalog: Catalog, locale?: Locale): Diagnostic[] {
    return validateIR(this.build(), catalog, locale === undefined ? {} : { locale }).diagnostics;
  }
}

/** Splits a path `[view.]member[.attribute][.granularity]`: a last part naming a granularity is one. */
function splitPath(
  path: string,
  view: string,
): { member: string; attribute?: string; granularity?: Granularity } {
  const parts = path.split('.');
  if (parts.length > 1 && parts[0] === view) parts.shift();
  const result: { member: string; attribute?: string; granularity?: Granularity } = {
    member: `${view}.${parts[0] as string}`,
  };
  const last = parts[parts.length - 1] as string;
  if (parts.length > 1 && (GRANULARITIES as readonly string[]).includes(last)) {
    result.granularity = last as Granularity;
    parts.pop();
  }
  if (parts.length > 1) result.attribute = parts.slice(1).join('.');
  return result;
}

function toDimension(input: DimensionInput, view: string): DimensionRef {
  if (typeof input === 'string') return splitPath(input, view);
  const ref: DimensionRef = {
    member: input.member.startsWith(view + '.') ? input.member : `${view}.${input.member}`,
  };
  if (input.granularity !== undefined) ref.granularity = input.granularity;
  if (input.attribute !== undefined) ref.attribute = input.attribute;
  if (input.alias !== undefined) ref.alias = input.alias;
  return ref;
}

/** A column name → its column key: an alias, a dimension of the query (granularity optional), or a measure. */
function columnKey(name: string, view: string, dimensions: readonly DimensionRef[]): string {
  if (dimensions.some((d) => d.alias === name)) return name;
  const path = splitPath(name, view);
  const match = dimensions.find(
    (d) =>
      d.member === path.member &&
      d.attribute === path.attribute &&
      (path.granularity === undefined || d.granularity === path.granularity),
  );
  return match ? dimensionKey(match) : name.startsWith(view + '.') ? name : `${view}.${name}`;
}

/** The top-level `and` of a filter as a list, the way the text language splits `where` clauses. */
function conjuncts(filter: Filter): Filter[] {
  return 'and' in filter ? [...filter.and] : [filter];
}

function combine(filters: Filter[]): Filter | undefined {
  return filters.length === 0 ? undefined : filters.length === 1 ? filters[0] : { and: filters };
}

function qualifyFilter(filter: Filter, view: string): Filter {
  if ('and' in filter) return { and: filter.and.map((f) => qualifyFilter(f, view)) };
  if ('or' in filter) return { or: filter.or.map((f) => qualifyFilter(f, view)) };
  if ('not' in filter) return { not: qualifyFilter(filter.not, view) };
  const path = splitPath(filter.member, view);
  return conditionOf(
    path.member,
    filter.attribute ?? path.attribute,
    filter.granularity ?? path.granularity,
    filter.operator,
    filter.values,
  );
}

// Conditions. `member` is a path as in `by` (bare or qualified, with `.attribute` or `.granularity`).

function condition(member: string, operator: FilterOperator, values?: FilterValue[]): FilterCondition {
  return values === undefined ? { member, operator } : { member, operator, values };
}

/** `member = value` */
export const eq = (member: string, value: FilterValue): FilterCondition =>
  condition(member, 'equals', [value]);
/** `member != value` */
export const ne = (member: string, value: FilterValue): FilterCondition =>
  condition(member, 'notEquals', [value]);
/** `member < value` */
export const lt = (member: string, value: FilterValue): FilterCondition => condition(member, 'lt', [value]);
/** `member <= value` */
export const lte = (member: string, value: FilterValue): FilterCondition => condition(member, 'lte', [value]);
/** `member > value` */
export const gt = (member: string, value: FilterValue): FilterCondition => condition(member, 'gt', [value]);
/** `member >= value` */
export const gte = (member: string, value: FilterValue): FilterCondition => condition(member, 'gte', [value]);
/** `member in (values…)`, or `member in :param` when given a parameter. */
export const isIn = (member: string, values: readonly Scalar[] | ParamRef): FilterCondition =>
  condition(member, 'in', isParamRef(values) ? [values] : [...values]);
/** `member not in (values…)` */
export const notIn = (member: string, values: readonly Scalar[] | ParamRef): FilterCondition =>
  condition(member, 'notIn', isParamRef(values) ? [values] : [...values]);
/** `member between low and high` (inclusive) */
export const between = (member: string, low: FilterValue, high: FilterValue): FilterCondition =>
  condition(member, 'between', [low, high]);
/** `member not between low and high` */
export const notBetween = (member: string, low: FilterValue, high: FilterValue): FilterCondition =>
  condition(member, 'notBetween', [low, high]);
/** `member like pattern` (`%` any run, `_` one character) */
export const like = (member: string, pattern: FilterValue): FilterCondition =>
  condition(member, 'like', [pattern]);
/** `member not like pattern` */
export const notLike = (member: string, pattern: FilterValue): FilterCondition =>
  condition(member, 'notLike', [pattern]);
/** `member is null` */
export const isNull = (member: string): FilterCondition => condition(member, 'isNull');
/** `member is not null` */
export const isNotNull = (member: string): FilterCondition => condition(member, 'isNotNull');
/** `a and b and …` */
export const and = (...filters: Filter[]): Filter => ({ and: filters });
/** `a or b or …` */
export const or = (...filters: Filter[]): Filter => ({ or: filters });
/** `not a` */
export const not = (filter: Filter): Filter => ({ not: filter });
/** `:name`, or `:name?` with `{ optional: true }` (the condition is dropped while unbound). */
export const param = (name: string, options: { optional?: boolean } = {}): ParamRef =>
  options.optional ? { param: name, optional: true } : { param: name };

// Date ranges.

/** `today` */
export const today = (): RelativeDateRange => ({ relative: 'today' });
/** `yesterday` */
export const yesterday = (): RelativeDateRange => ({ relative: 'yesterday' });
/** `this month` */
export const thisPeriod = (unit: Granularity): RelativeDateRange => ({ relative: 'this', unit });
/** `last month` (the previous complete one) */
export const lastPeriod = (unit: Granularity): RelativeDateRange => ({ relative: 'last', unit });
/** `next week` */
export const nextPeriod = (unit: Granularity): RelativeDateRange => ({ relative: 'next', unit });
/** `last 30 days [including today]` */
export const lastN = (
  n: number,
  unit: Granularity,
  options: { includeToday?: boolean } = {},
): RelativeDateRange =>
  options.includeToday ? { relative: 'lastN', n, unit, includeToday: true } : { relative: 'lastN', n, unit };
/** `2025-09-01 to 2026-01-18` (whole days, inclusive) */
export const dates = (start: string, end: string): AbsoluteDateRange => ({ start, end });

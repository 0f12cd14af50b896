/**
 * Plans a resolved query as exactly one SQL statement with bound values. Identifiers and SQL fragments come
 * from the catalog only; every value from the request or the token is bound.
 *
 *   rows:  source rows with the view's filters, row policy, segments and range; one column per dimension
 *   shape: plain GROUP BY · GROUPING SETS (totals, rollup) · ranked top-N with an "others" row · compare join
 */

import type { Granularity, Scalar, ValueType } from '@campus-cockpit/query';
import type { ServerCatalog, ServerDimension, ServerMeasure } from '../catalog/types.js';
import type { Binder, CalendarBounds, Dialect } from './dialect.js';
import { calendarBounds } from './duckdb.js';
import type { FilterTarget, LocalRange, ResolvedFilter, ResolvedQuery } from './resolved.js';

/** One output column as the response schema describes it. */
export interface PlannedColumn {
  key: string;
  kind: 'dimension' | 'measure' | 'previous' | 'change' | 'level' | 'others';
  /** Qualified member name, for dimensions and measures. */
  member?: string;
  type: ValueType;
  granularity?: Granularity;
  attribute?: string;
  masked?: boolean;
}

/** The statement to run and how to read its result. */
export interface Plan {
  sql: string;
  values: (string | number | boolean | null)[];
  columns: PlannedColumn[];
  /** Rows the statement may return before `truncated` is set (it asks for one more). */
  rowLimit: number;
  /** True when the server's cap, not the query's own `limit`, sets `rowLimit`. */
  capped: boolean;
  /** True when the statement adds a `__total` column (rows before the limit). */
  withTotal: boolean;
}

/** Planning options that do not come from the query. */
export interface PlanOptions {
  /** Server cap on returned rows. */
  maxRows: number;
  /** Count all rows before the limit (`total` in the response). */
  withTotal: boolean;
}

/** The label of the "others" row's dimension value for string dimensions. */
export const OTHERS_LABEL = '其他';

class ValueBinder implements Binder {
  readonly values: (string | number | boolean | null)[] = [];
  bind(value: string | number | boolean | null): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const CALENDAR_CACHE = new WeakMap<ServerCatalog, CalendarBounds | undefined>();

/** Builds the one SQL statement of a resolved query. */
export function planQuery(
  query: ResolvedQuery,
  catalog: ServerCatalog,
  dialect: Dialect,
  options: PlanOptions,
): Plan {
  if (!CALENDAR_CACHE.has(catalog))
    CALENDAR_CACHE.set(catalog, calendarBounds(catalog.calendar?.semesters ?? []));
  return new Planner(query, dialect, CALENDAR_CACHE.get(catalog), options).plan();
}

class Planner {
  private readonly binder = new ValueBinder();
  private readonly q: (identifier: string) => string;

  constructor(
    private readonly query: ResolvedQuery,
    private readonly dialect: Dialect,
    private readonly calendar: CalendarBounds | undefined,
    private readonly options: PlanOptions,
  ) {
    this.q = (identifier) => dialect.quote(identifier);
  }

  private bind(value: string | number | boolean | null): string {
    return this.binder.bind(value);
  }

  plan(): Plan {
    const query = this.query;
    const rowLimit = Math.min(query.limit ?? this.options.maxRows, this.options.maxRows);
    let body: string;
    const columns: PlannedColumn[] = [
      ...query.dimensions.map((d): PlannedColumn => {
        const column: PlannedColumn = {
          key: d.key,
          kind: 'dimension',
          member: d.member,
          type: d.masked ? 'string' : d.type,
        };
        if (d.granularity) column.granularity = d.granularity;
        if (d.attribute) column.attribute = d.attribute.name;
        if (d.masked) column.masked = true;
        return column;
      }),
      ...query.measures.map((m): PlannedColumn => ({
        key: m.key,
        kind: 'measure',
        member: m.key,
        type: 'number',
      })),
    ];
    if (query.compare) {
      body = this.compareBody();
      for (const m of query.measures) {
        columns.push({ key: `${m.key}.previous`, kind: 'previous', member: m.key, type: 'number' });
        columns.push({ key: `${m.key}.change`, kind: 'change', member: m.key, type: 'number' });
      }
    } else if (query.top) {
      body = this.topBody();
      if (query.top.others) columns.push({ key: '@others', kind: 'others', type: 'boolean' });
    } else if (query.totals || query.rollup.length > 0) {
      body = this.groupingSetsBody();
      columns.push({ key: '@level', kind: 'level', type: 'string' });
    } else {
      body = this.plainBody();
    }
    const outputs = [
      ...query.dimensions.map((_, i) => `c${i}`),
      ...query.measures.map((_, i) => `m${i}`),
      ...(query.compare ? query.measures.flatMap((_, i) => [`p${i}`, `r${i}`]) : []),
      ...(columns.some((c) => c.kind === 'level') ? ['"@level"'] : []),
      ...(columns.some((c) => c.kind === 'others') ? ['"@others"'] : []),
      ...(this.options.withTotal ? ['count(*) OVER () AS __total'] : []),
    ];
    const offset = query.offset > 0 ? ` OFFSET ${this.bind(query.offset)}` : '';
    const sql = `${this.rowsCte()}\nSELECT ${outputs.join(', ')} FROM (${body}) AS __result\n${this.orderBy()}\nLIMIT ${this.bind(rowLimit + 1)}${offset}`;
    const capped = query.limit === undefined || query.limit > this.options.maxRows;
    return { sql, values: this.binder.values, columns, rowLimit, capped, withTotal: this.options.withTotal };
  }

  // ── rows ──────────────────────────────────────────────────────────────────

  private source(): string {
    const view = this.query.view;
    if (view.table) return view.table.split('.').map(this.q).join('.');
    return `(${view.sql})`;
  }

  /** `__rows`: filtered source rows, with one computed column per dimension (`__d0`, …). */
  private rowsCte(range?: LocalRange, shift?: { months: number; days: number }): string {
    return (
      `WITH __rows AS (${this.rowsSelect(range ?? this.query.timeRange?.range, shift)})` +
      (this.query.compare
        ? `, __prev_rows AS (${this.rowsSelect(this.query.compare.previous, this.query.compare.shift)})`
        : '')
    );
  }

  private rowsSelect(range: LocalRange | undefined, shift?: { months: number; days: number }): string {
    const query = this.query;
    const dims = query.dimensions.map(
      (d, i) =>
        `${this.dimensionValue(d.dimension, d.attribute?.sql, d.granularity, d.masked, shift)} AS __d${i}`,
    );
    const where: string[] = [];
    if (query.access?.rows) where.push(`(${this.policy(query.access.rows)})`);
    for (const segment of query.segments) where.push(`(${segment.sql})`);
    if (query.where) where.push(this.filter(query.where));
    if (query.timeRange && range) {
      const ts = `CAST(${query.timeRange.dimension.sql} AS TIMESTAMP)`;
      where.push(
        `${ts} >= ${this.dialect.timestamp(this.bind(range.start))} AND ${ts} < ${this.dialect.timestamp(this.bind(range.end))}`,
      );
    }
    const select = ['__source.*', ...dims].join(', ');
    return `SELECT ${select} FROM ${this.source()} AS __source${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  }

  /** Binds `{claims.NAME}` placeholders of a row policy. A missing claim was refused before planning. */
  private policy(predicate: string): string {
    return predicate.replace(/\{claims\.([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const value = this.query.claims[name];
      if (value === undefined || (typeof value === 'object' && value !== null)) {
        throw new Error(`claim ${name} must be a scalar`);
      }
      return this.bind(value as string | number | boolean | null);
    });
  }

  private dimensionValue(
    dimension: ServerDimension,
    attributeSql: string | undefined,
    granularity: Granularity | undefined,
    masked: boolean,
    shift?: { months: number; days: number },
  ): string {
    let expr = `(${attributeSql ?? dimension.sql})`;
    if (granularity) {
      if (shift) expr = this.dialect.shiftTime(expr, this.bind(shift.months), this.bind(shift.days));
      return this.dialect.truncate(expr, granularity, this.calendar, this.binder);
    }
    if (masked && dimension.mask && !attributeSql)
      return this.dialect.mask(expr, dimension.mask, this.binder);
    if (masked && dimension.mask) return this.dialect.mask(expr, dimension.mask, this.binder);
    return expr;
  }

  // ── predicates ────────────────────────────────────────────────────────────

  private filter(filter: ResolvedFilter): string {
    switch (filter.kind) {
      case 'and':
        return filter.children.length === 0
          ? 'TRUE'
          : `(${filter.children.map((c) => this.filter(c)).join(' AND ')})`;
      case 'or':
        return filter.children.length === 0
          ? 'FALSE'
          : `(${filter.children.map((c) => this.filter(c)).join(' OR ')})`;
      case 'not':
        return `(NOT ${this.filter(filter.child)})`;
      case 'leaf':
        return this.leaf(filter.target, filter.operator, filter.values);
    }
  }

  private targetExpr(target: FilterTarget): { expr: string; type: ValueType } {
    if (target.kind === 'measure') return { expr: this.measureExpr(target.measure), type: 'number' };
    const raw = `(${target.attribute?.sql ?? target.dimension.sql})`;
    if (target.granularity)
      return {
        expr: this.dialect.truncate(raw, target.granularity, this.calendar, this.binder),
        type: 'time',
      };
    return { expr: target.type === 'time' ? `CAST(${raw} AS TIMESTAMP)` : raw, type: target.type };
  }

  private value(value: Scalar, type: ValueType, target: FilterTarget): string {
    if (type === 'time' && value !== null) {
      const text = typeof value === 'number' ? `${value}-01-01` : String(value);
      return this.dialect.timestamp(
        this.bind(text.length === 10 && target.kind === 'dimension' ? `${text}T00:00:00` : text),
      );
    }
    return this.bind(value as string | number | boolean | null);
  }

  private leaf(target: FilterTarget, operator: string, values: Scalar[]): string {
    const { expr, type } = this.targetExpr(target);
    const v = (i: number): string => this.value(values[i]!, type, target);
    const nonNull = values.filter((x) => x !== null);
    switch (operator) {
      case 'equals':
        return values[0] === null ? `(${expr} IS NULL)` : `(${expr} = ${v(0)})`;
      case 'notEquals':
        return values[0] === null ? `(${expr} IS NOT NULL)` : `(${expr} IS DISTINCT FROM ${v(0)})`;
      case 'lt':
        return `(${expr} < ${v(0)})`;
      case 'lte':
        return `(${expr} <= ${v(0)})`;
      case 'gt':
        return `(${expr} > ${v(0)})`;
      case 'gte':
        return `(${expr} >= ${v(0)})`;
      case 'between':
        return `(${expr} BETWEEN ${v(0)} AND ${v(1)})`;
      case 'notBetween':
        return `(${expr} NOT BETWEEN ${v(0)} AND ${v(1)})`;
      case 'like':
        return `(${this.dialect.like(expr, v(0))})`;
      case 'notLike':
        return `(NOT ${this.dialect.like(expr, v(0))})`;
      case 'isNull':
        return `(${expr} IS NULL)`;
      case 'isNotNull':
        return `(${expr} IS NOT NULL)`;
      case 'in':
      case 'notIn': {
        const list = nonNull.map((x) => this.value(x, type, target)).join(', ');
        const hasNull = nonNull.length < values.length;
        if (operator === 'in') {
          const parts = [list ? `${expr} IN (${list})` : '', hasNull ? `${expr} IS NULL` : ''].filter(
            Boolean,
          );
          return `(${parts.join(' OR ')})`;
        }
        const parts = [list ? `${expr} NOT IN (${list})` : '', hasNull ? `${expr} IS NOT NULL` : ''].filter(
          Boolean,
        );
        return list && !hasNull
          ? `(${expr} IS NULL OR ${expr} NOT IN (${list}))`
          : `(${parts.join(' AND ')})`;
      }
      default:
        throw new Error(`unknown operator ${operator}`);
    }
  }

  // ── aggregates ────────────────────────────────────────────────────────────

  measureExpr(measure: ServerMeasure): string {
    const filter = measure.filter ? ` FILTER (WHERE ${measure.filter})` : '';
    const arg = measure.sql ? `(${measure.sql})` : '*';
    switch (measure.aggregation) {
      case 'count':
        return `count(${arg})${filter}`;
      case 'countDistinct':
        return `count(DISTINCT ${arg})${filter}`;
      case 'sum':
      case 'avg':
      case 'min':
      case 'max':
        return `${measure.aggregation}(${arg})${filter}`;
      case 'ratio':
      case 'custom':
        return `(${measure.sql})`;
    }
  }

  private dimColumns(): string[] {
    return this.query.dimensions.map((_, i) => `__d${i}`);
  }

  /** Output expression of dimension `i` read from a grouped column. */
  private dimOutput(i: number, column: string): string {
    const d = this.query.dimensions[i]!;
    return d.granularity ? this.dialect.formatTime(column, d.granularity) : column;
  }

  private minGroup(): string | undefined {
    const size = this.query.access?.minGroupSize;
    return size ? `count(*) >= ${this.bind(size)}` : undefined;
  }

  private havingClause(): string {
    const parts: string[] = [];
    const min = this.minGroup();
    if (min) parts.push(min);
    if (this.query.having) parts.push(this.filter(this.query.having));
    return parts.length ? ` HAVING ${parts.join(' AND ')}` : '';
  }

  private selectList(prefix = ''): string[] {
    return [
      ...this.dimColumns().map((c, i) => `${this.dimOutput(i, prefix + c)} AS c${i}`),
      ...this.query.measures.map((m, i) => `${this.measureExpr(m.measure)} AS m${i}`),
    ];
  }

  private plainBody(): string {
    const dims = this.dimColumns();
    const groupBy = dims.length ? ` GROUP BY ${dims.join(', ')}` : '';
    const sortKeys = dims.map((c, i) => `${c} AS s${i}`);
    return `SELECT ${[...this.selectList(), ...sortKeys].join(', ')} FROM __rows${groupBy}${this.havingClause()}`;
  }

  /** Totals and rollup: one GROUPING SETS aggregation, so every level is recomputed from rows. */
  private groupingSetsBody(): string {
    const query = this.query;
    const dims = this.dimColumns();
    const sets: number[][] = [dims.map((_, i) => i)];
    for (let level = query.rollup.length - 1; level >= 0; level--) {
      const through = query.rollup[level]!;
      sets.push(dims.map((_, i) => i).filter((i) => i <= through));
    }
    if (query.totals) sets.push([]);
    const unique = [...new Map(sets.map((s) => [s.join(','), s])).values()];
    const groupingSets = unique.map((s) => `(${s.map((i) => dims[i]).join(', ')})`).join(', ');
    const level = this.levelExpr(unique);
    const sortKeys = dims.flatMap((c, i) => [`GROUPING(${c}) AS g${i}`, `${c} AS s${i}`]);
    return `SELECT ${[...this.selectList(), `${level} AS "@level"`, ...sortKeys].join(', ')} FROM __rows GROUP BY GROUPING SETS (${groupingSets})${this.havingClause()}`;
  }

  /** `detail`, `total`, or the key of the deepest rollup column a subtotal row keeps. */
  private levelExpr(sets: number[][]): string {
    const dims = this.dimColumns();
    if (dims.length === 0) return `'total'`;
    const id = `GROUPING(${dims.join(', ')})`;
    const cases = sets.map((set) => {
      let bits = 0;
      dims.forEach((_, i) => {
        if (!set.includes(i)) bits |= 1 << (dims.length - 1 - i);
      });
      const label =
        set.length === dims.length
          ? 'detail'
          : set.length === 0
            ? 'total'
            : this.query.dimensions[set[set.length - 1]!]!.key;
      return `WHEN ${bits} THEN ${this.bind(label)}`;
    });
    return `CASE ${id} ${cases.join(' ')} END`;
  }

  /** Top-N per group, with an optional "others" row aggregated from the remaining source rows. */
  private topBody(): string {
    const query = this.query;
    const top = query.top!;
    const dims = this.dimColumns();
    const per = top.per === undefined ? [] : [dims[top.per]!];
    const ranked = dims.filter((_, i) => i !== top.per);
    const by = this.measureExpr(query.measures[top.by]!.measure);
    const direction = top.direction === 'asc' ? 'ASC' : 'DESC';
    const partition = per.length ? `PARTITION BY ${per.join(', ')} ` : '';
    const tieBreak = ranked.map((c) => `${c} ASC NULLS LAST`).join(', ');
    const rank = `row_number() OVER (${partition}ORDER BY ${by} ${direction} NULLS LAST, ${tieBreak})`;
    const groups = `SELECT ${dims.join(', ')}, ${rank} AS __rank FROM __rows GROUP BY ${dims.join(', ')}${this.havingClause()}`;
    const n = this.bind(top.n);
    if (!top.others) {
      const perKey = top.per === undefined ? '' : `PARTITION BY s${top.per} `;
      const rankedKeys = dims
        .map((_, i) => i)
        .filter((i) => i !== top.per)
        .map((i) => `s${i} ASC NULLS LAST`);
      const rankPlain = `row_number() OVER (${perKey}ORDER BY m${top.by} ${direction} NULLS LAST, ${rankedKeys.join(', ')})`;
      return `SELECT * FROM (SELECT *, ${rankPlain} AS __rank FROM (${this.plainBody()})) WHERE __rank <= ${n}`;
    }
    // Rows outside the top n keep their group (`per`) but lose the ranked dimensions, then aggregate again.
    const isOther = `(__ranked.__rank > ${n})`;
    const bucketed = dims.map((c, i) =>
      i === top.per
        ? `__rows.${c} AS ${c}`
        : `CASE WHEN ${isOther} THEN ${this.othersValue(i)} ELSE __rows.${c} END AS ${c}`,
    );
    const rankExpr = `CASE WHEN ${isOther} THEN NULL ELSE __ranked.__rank END AS __rank`;
    const rowsOfGroups = `SELECT __rows.* EXCLUDE (${dims.join(', ')}), ${bucketed.join(', ')}, ${isOther} AS __other, ${rankExpr} FROM __rows JOIN (${groups}) AS __ranked ON ${dims.map((c) => `__rows.${c} IS NOT DISTINCT FROM __ranked.${c}`).join(' AND ')}`;
    const min = this.minGroup();
    const sortKeys = dims.map((c, i) => `${c} AS s${i}`);
    return `SELECT ${[...this.selectList(), '__other AS "@others"', ...sortKeys, '__rank'].join(', ')} FROM (${rowsOfGroups}) AS __rows GROUP BY ${[...dims, '__other', '__rank'].join(', ')}${min ? ` HAVING ${min}` : ''}`;
  }

  private othersValue(index: number): string {
    const d = this.query.dimensions[index]!;
    return d.type === 'string' || d.masked ? this.bind(OTHERS_LABEL) : 'NULL';
  }

  /** Current and previous period aggregated apart and joined on the aligned dimensions. */
  private compareBody(): string {
    const query = this.query;
    const dims = this.dimColumns();
    const grouped = (rows: string): string =>
      `SELECT ${[...dims, ...query.measures.map((m, i) => `${this.measureExpr(m.measure)} AS m${i}`)].join(', ')} FROM ${rows}${dims.length ? ` GROUP BY ${dims.join(', ')}` : ''}${this.havingClause()}`;
    const current = grouped('__rows');
    const previous = grouped('__prev_rows');
    const columns = [
      ...dims.map((c, i) => `${this.dimOutput(i, `coalesce(__cur.${c}, __prev.${c})`)} AS c${i}`),
      ...query.measures.map((_, i) => `__cur.m${i} AS m${i}`),
      ...query.measures.flatMap((_, i) => [
        `__prev.m${i} AS p${i}`,
        `CASE WHEN __prev.m${i} IS NULL OR __prev.m${i} = 0 OR __cur.m${i} IS NULL THEN NULL ELSE CAST(__cur.m${i} AS DOUBLE) / CAST(__prev.m${i} AS DOUBLE) - 1 END AS r${i}`,
      ]),
      ...dims.map((c, i) => `coalesce(__cur.${c}, __prev.${c}) AS s${i}`),
    ];
    const join = dims.length
      ? `FULL JOIN (${previous}) AS __prev ON ${dims.map((c) => `__cur.${c} IS NOT DISTINCT FROM __prev.${c}`).join(' AND ')}`
      : `CROSS JOIN (${previous}) AS __prev`;
    return `SELECT ${columns.join(', ')} FROM (${current}) AS __cur ${join}`;
  }

  // ── order ─────────────────────────────────────────────────────────────────

  private orderBy(): string {
    const query = this.query;
    const keys: string[] = [];
    const grouping = (query.totals || query.rollup.length > 0) && query.dimensions.length > 0;
    // The grand total last; within a group, its subtotal after its detail rows.
    if (grouping) keys.push('g0 ASC');
    if (query.top) {
      if (query.top.per !== undefined) keys.push(`s${query.top.per} ASC NULLS LAST`);
      if (query.top.others) keys.push(`"@others" ASC`);
      keys.push('__rank ASC');
    }
    for (const item of query.order) {
      const direction = item.direction === 'desc' ? 'DESC' : 'ASC';
      keys.push(
        item.column.kind === 'measure'
          ? `m${item.column.index} ${direction} NULLS LAST`
          : `s${item.column.index} ${direction} NULLS LAST`,
      );
    }
    if (grouping) {
      query.dimensions.forEach((_, i) =>
        keys.push(`s${i} ASC NULLS LAST`, `g${i + 1 < query.dimensions.length ? i + 1 : i} ASC`),
      );
    } else {
      query.dimensions.forEach((_, i) => keys.push(`s${i} ASC NULLS LAST`));
    }
    return keys.length ? `ORDER BY ${keys.join(', ')}` : '';
  }
}

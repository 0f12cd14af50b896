/**
 * Resolves a shape-checked query against the server catalog and the caller's rights: names → catalog entries,
 * parameters → values (dropping optional predicates left unbound), values → checked types. All problems are
 * collected with JSON Pointers before anything is planned.
 */

import {
  message,
  type Locale,
  dimensionKey,
  isParamRef,
  type AbsoluteDateRange,
  type DateRange,
  type Diagnostic,
  type DimensionRef,
  type Filter,
  type FilterValue,
  type ParamValue,
  type QueryIR,
  type RelativeDateRange,
  type Scalar,
  type ValueType,
} from '@campus-cockpit/query';
import type {
  ServerCatalog,
  ServerDimension,
  ServerMeasure,
  ServerNamed,
  ServerView,
} from '../catalog/types.js';
import { memberAccess, viewAccess, type Principal } from '../security/principal.js';
import { irError, nearest, pointerToken } from './diagnostics.js';
import { compareRange, resolveRange, type RangeResolution } from './dates.js';
import type {
  ColumnRef,
  FilterTarget,
  ResolvedDimension,
  ResolvedFilter,
  ResolvedMeasure,
  ResolvedQuery,
  ResolvedTop,
} from './resolved.js';

/** Options of one resolution. */
export interface ResolveContext {
  catalog: ServerCatalog;
  principal: Principal;
  /** The current instant, for relative date ranges. */
  now: Date;
  /** Parameters bound by the request (the client's run-time values), merged over the query's own `params`. */
  params?: Record<string, ParamValue>;
  /** JSON Pointer of the query in the request body (`''` or `/queries/3`). */
  path: string;
  /** Language of messages. Default `zh-CN`. */
  locale?: Locale;
}

/** The outcome: a plan-ready query, or every problem found. */
export type Resolution = { ok: true; query: ResolvedQuery } | { ok: false; diagnostics: Diagnostic[] };

const ORDERED_TYPES: ValueType[] = ['number', 'time'];

/** Resolves one query. */
export function resolveQuery(ir: QueryIR, context: ResolveContext): Resolution {
  return new Resolver(ir, context).run();
}

class Resolver {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly params: Record<string, ParamValue>;
  private readonly applied = new Set<string>();
  private readonly dropped = new Set<string>();
  private view!: ServerView;

  constructor(
    private readonly ir: QueryIR,
    private readonly context: ResolveContext,
  ) {
    this.params = { ...(ir.params ?? {}), ...(context.params ?? {}) };
  }

  private at(path: string): string {
    return `${this.context.path}${path}`;
  }

  private error(
    code: Diagnostic['code'],
    path: string,
    message: string,
    hint?: string,
    suggestions?: string[],
  ): void {
    this.diagnostics.push(irError(code, this.at(path), message, hint, suggestions));
  }

  run(): Resolution {
    const { catalog, principal } = this.context;
    const view = catalog.views.find((v) => v.name === this.ir.from);
    if (!view) {
      const visible = catalog.views.filter((v) => viewAccess(principal, v).allowed).map((v) => v.name);
      const suggestions = nearest(this.ir.from, visible);
      this.error(
        'unknown-view',
        '/from',
        `Unknown view '${this.ir.from}'.`,
        suggestions.length ? `Did you mean '${suggestions[0]}'?` : `Views: ${visible.join(', ')}.`,
        suggestions,
      );
      return { ok: false, diagnostics: this.diagnostics };
    }
    this.view = view;
    const access = viewAccess(principal, view);
    if (!access.allowed) {
      this.denied(access.denial, '/from', `view '${view.name}'`);
      return { ok: false, diagnostics: this.diagnostics };
    }

    const measures = (this.ir.measures ?? []).map((name, i) => this.measure(name, `/measures/${i}`));
    const dimensions = (this.ir.dimensions ?? []).map((ref, i) => this.dimension(ref, `/dimensions/${i}`));
    if (measures.length === 0 && dimensions.length === 0) {
      this.error(
        'empty-query',
        '',
        'The query names neither a measure nor a dimension.',
        'Add a measure, e.g. "measures": ["' + `${view.name}.${view.measures[0]?.name ?? '…'}` + '"].',
      );
    }
    const okMeasures = measures.filter((m): m is ResolvedMeasure => m !== undefined);
    const okDimensions = dimensions.filter((d): d is ResolvedDimension => d !== undefined);
    const keys = new Map<string, ColumnRef>();
    okMeasures.forEach((m, index) =>
      this.claimKey(keys, m.key, { kind: 'measure', index }, `/measures/${index}`),
    );
    okDimensions.forEach((d, index) =>
      this.claimKey(keys, d.key, { kind: 'dimension', index }, `/dimensions/${index}`),
    );

    const segments = (this.ir.segments ?? []).flatMap((name, i) => {
      const segment = this.member(name, `/segments/${i}`, 'segment');
      return segment ? [segment] : [];
    });

    const where = this.ir.filters ? this.filter(this.ir.filters, '/filters', 'dimension') : undefined;
    const having = this.ir.having ? this.filter(this.ir.having, '/having', 'measure') : undefined;

    const resolved: ResolvedQuery = {
      view,
      measures: okMeasures,
      dimensions: okDimensions,
      segments,
      order: [],
      offset: this.ir.offset ?? 0,
      totals: this.ir.totals ?? false,
      rollup: [],
      claims: principal.claims,
      params: { applied: [], dropped: [] },
    };
    if (where && where !== 'dropped') resolved.where = where;
    if (having && having !== 'dropped') resolved.having = having;
    if (this.ir.limit !== undefined) resolved.limit = this.ir.limit;
    if (access.rule) resolved.access = access.rule;

    this.timeRange(resolved);
    this.columnsClauses(resolved, keys);
    this.requiredFilters(resolved);

    for (const name of Object.keys(this.params)) {
      if (!this.applied.has(name) && !this.dropped.has(name) && this.ir.params && name in this.ir.params) {
        this.diagnostics.push({
          ...irError(
            'unused-param',
            this.at(`/params/${pointerToken(name)}`),
            `Parameter '${name}' is bound but no predicate uses it.`,
          ),
          severity: 'warning',
        });
      }
    }
    resolved.params = { applied: [...this.applied].sort(), dropped: [...this.dropped].sort() };
    if (this.diagnostics.some((d) => d.severity === 'error'))
      return { ok: false, diagnostics: this.diagnostics };
    return { ok: true, query: resolved };
  }

  private denied(denial: 'unauthenticated' | 'forbidden', path: string, what: string): void {
    const zh = this.context.locale !== 'en';
    const name = /'([^']+)'/.exec(what)?.[1] ?? what;
    if (denial === 'unauthenticated') {
      this.error(
        'unauthorized',
        path,
        zh
          ? `${message('unauthorized', {}, 'zh-CN')}（${name}）`
          : `Reading ${what} needs a signed-in caller.`,
        zh
          ? '匿名访问只能读取标记为公开的视图和成员；请携带令牌访问。'
          : 'Send a bearer token; anonymous callers read only public views and members.',
      );
    } else {
      this.error(
        'forbidden-member',
        path,
        zh
          ? message('forbidden-member', { name }, 'zh-CN')
          : `Your role '${this.context.principal.role}' may not read ${what}.`,
        zh
          ? `角色“${this.context.principal.role}”无此权限；请向数据负责人申请，或从查询中去掉它。`
          : 'Ask the data owner for access, or remove it from the query.',
      );
    }
  }

  private claimKey(keys: Map<string, ColumnRef>, key: string, ref: ColumnRef, path: string): void {
    if (keys.has(key))
      this.error(
        'duplicate-column',
        path,
        `The column '${key}' appears twice.`,
        'Remove one, or give one an alias.',
      );
    else keys.set(key, ref);
  }

  /** Resolves `view.member` of the expected kind, reporting unknown names, wrong kinds and rights. */
  private member(qualified: string, path: string, kind: 'measure'): ServerMeasure | undefined;
  private member(qualified: string, path: string, kind: 'dimension'): ServerDimension | undefined;
  private member(
    qualified: string,
    path: string,
    kind: 'segment',
  ): ServerView['segments'] extends (infer S)[] | undefined ? S | undefined : never;
  private member(
    qualified: string,
    path: string,
    kind: 'measure' | 'dimension' | 'segment',
  ): ServerNamed | undefined {
    const view = this.view;
    const dot = qualified.indexOf('.');
    const viewName = dot < 0 ? view.name : qualified.slice(0, dot);
    const name = dot < 0 ? qualified : qualified.slice(dot + 1);
    if (dot < 0 || viewName !== view.name) {
      if (dot < 0) {
        this.error(
          'invalid-ir',
          path,
          `Member names are qualified: write '${view.name}.${qualified}'.`,
          undefined,
          [`${view.name}.${qualified}`],
        );
      } else {
        this.error(
          'wrong-view',
          path,
          `'${qualified}' belongs to another view than '${view.name}'; a query reads one view.`,
        );
      }
      return undefined;
    }
    const lists = {
      measure: view.measures,
      dimension: view.dimensions,
      segment: view.segments ?? [],
    } as const;
    const found = (lists[kind] as ServerNamed[]).find((m) => m.name === name);
    if (!found) {
      const otherKind = (Object.keys(lists) as (keyof typeof lists)[]).find((k) =>
        (lists[k] as ServerNamed[]).some((m) => m.name === name),
      );
      if (otherKind) {
        const code =
          kind === 'measure' ? 'not-a-measure' : kind === 'dimension' ? 'not-a-dimension' : 'not-a-segment';
        this.error(code, path, `'${qualified}' is a ${otherKind}, not a ${kind}.`);
      } else {
        const principal = this.context.principal;
        const visible = (lists[kind] as ServerNamed[])
          .filter((m) => !memberAccess(principal, m))
          .map((m) => m.name);
        const suggestions = nearest(name, visible).map((s) => `${view.name}.${s}`);
        this.error(
          'unknown-member',
          path,
          `Unknown ${kind} '${name}' in view '${view.name}'.`,
          suggestions.length ? `Did you mean '${suggestions[0]}'?` : undefined,
          suggestions,
        );
      }
      return undefined;
    }
    const denial = memberAccess(this.context.principal, found);
    if (denial) {
      this.denied(denial, path, `${kind} '${qualified}'`);
      return undefined;
    }
    return found;
  }

  private measure(name: string, path: string): ResolvedMeasure | undefined {
    const measure = this.member(name, path, 'measure');
    return measure ? { key: name, measure } : undefined;
  }

  private masked(dimension: ServerDimension): boolean {
    return (
      dimension.mask !== undefined && !dimension.mask.unmaskedRoles.includes(this.context.principal.role)
    );
  }

  private dimension(ref: DimensionRef, path: string): ResolvedDimension | undefined {
    const dimension = this.member(ref.member, `${path}/member`, 'dimension');
    if (!dimension) return undefined;
    const resolved: ResolvedDimension = {
      key: dimensionKey(ref),
      member: ref.member,
      dimension,
      type: dimension.type,
      masked: this.masked(dimension),
    };
    if (ref.attribute !== undefined) {
      const attribute = dimension.attributes?.find((a) => a.name === ref.attribute);
      if (!attribute) {
        const names = dimension.attributes?.map((a) => a.name) ?? [];
        this.error(
          'unknown-attribute',
          `${path}/attribute`,
          `Dimension '${ref.member}' has no attribute '${ref.attribute}'${names.length ? `; it has ${names.join(', ')}` : ''}.`,
          undefined,
          nearest(ref.attribute, names),
        );
        return undefined;
      }
      const denial = memberAccess(this.context.principal, attribute);
      if (denial) {
        this.denied(denial, `${path}/attribute`, `attribute '${ref.member}.${ref.attribute}'`);
        return undefined;
      }
      resolved.attribute = attribute;
      resolved.type = attribute.type;
    }
    if (!this.granularityOk(dimension, ref.granularity, `${path}/granularity`, true)) return undefined;
    if (ref.granularity) resolved.granularity = ref.granularity;
    return resolved;
  }

  private granularityOk(
    dimension: ServerDimension,
    granularity: string | undefined,
    path: string,
    required: boolean,
  ): boolean {
    if (dimension.type !== 'time') {
      if (granularity !== undefined) {
        this.error(
          'granularity-not-allowed',
          path,
          `'${dimension.name}' is not a time dimension, so it takes no granularity.`,
        );
        return false;
      }
      return true;
    }
    if (granularity === undefined) {
      if (required) {
        this.error(
          'granularity-required',
          path.replace(/\/granularity$/, ''),
          `Time dimension '${dimension.name}' needs a granularity in 'dimensions', one of ${dimension.granularities?.join(', ')}.`,
        );
        return false;
      }
      return true;
    }
    if (!dimension.granularities?.includes(granularity as never)) {
      this.error(
        'granularity-not-supported',
        path,
        `'${dimension.name}' cannot be grouped by ${granularity}; it offers ${dimension.granularities?.join(', ')}.`,
      );
      return false;
    }
    return true;
  }

  /** Resolves a filter tree; 'dropped' means every leaf was an unbound optional parameter. */
  private filter(
    filter: Filter,
    path: string,
    side: 'dimension' | 'measure',
  ): ResolvedFilter | 'dropped' | undefined {
    if ('and' in filter || 'or' in filter) {
      const kind = 'and' in filter ? 'and' : 'or';
      const list = 'and' in filter ? filter.and : (filter as { or: Filter[] }).or;
      const children: ResolvedFilter[] = [];
      let failed = false;
      let droppedAll = list.length > 0;
      list.forEach((child, i) => {
        const resolved = this.filter(child, `${path}/${kind}/${i}`, side);
        if (resolved === undefined) failed = true;
        else if (resolved !== 'dropped') {
          children.push(resolved);
          droppedAll = false;
        }
      });
      if (failed) return undefined;
      if (droppedAll) return 'dropped';
      return { kind, children };
    }
    if ('not' in filter) {
      const child = this.filter(filter.not, `${path}/not`, side);
      if (child === undefined || child === 'dropped') return child;
      return { kind: 'not', child };
    }
    return this.leaf(filter, path, side);
  }

  private leaf(
    filter: Extract<Filter, { member: string }>,
    path: string,
    side: 'dimension' | 'measure',
  ): ResolvedFilter | 'dropped' | undefined {
    let target: FilterTarget;
    let type: ValueType;
    if (side === 'measure') {
      const measure = this.member(filter.member, `${path}/member`, 'measure');
      if (!measure) return undefined;
      if (filter.attribute !== undefined || filter.granularity !== undefined) {
        this.error('invalid-ir', path, 'A measure predicate takes no attribute or granularity.');
        return undefined;
      }
      target = { kind: 'measure', measure };
      type = 'number';
    } else {
      const dimension = this.member(filter.member, `${path}/member`, 'dimension');
      if (!dimension) return undefined;
      let attribute;
      type = dimension.type;
      if (filter.attribute !== undefined) {
        attribute = dimension.attributes?.find((a) => a.name === filter.attribute);
        if (!attribute) {
          this.error(
            'unknown-attribute',
            `${path}/attribute`,
            `Dimension '${filter.member}' has no attribute '${filter.attribute}'.`,
            undefined,
            nearest(filter.attribute, dimension.attributes?.map((a) => a.name) ?? []),
          );
          return undefined;
        }
        const denial = memberAccess(this.context.principal, attribute);
        if (denial) {
          this.denied(denial, `${path}/attribute`, `attribute '${filter.member}.${filter.attribute}'`);
          return undefined;
        }
        type = attribute.type;
      }
      if (!this.granularityOk(dimension, filter.granularity, `${path}/granularity`, false)) return undefined;
      target = { kind: 'dimension', dimension, type, masked: this.masked(dimension) };
      if (attribute) target.attribute = attribute;
      if (filter.granularity) target.granularity = filter.granularity;
    }

    const values: Scalar[] = [];
    let droppedParam = false;
    for (const [i, value] of (filter.values ?? []).entries()) {
      const bound = this.bindValue(
        value,
        `${path}/values/${i}`,
        filter.operator === 'in' || filter.operator === 'notIn',
      );
      if (bound === 'dropped') droppedParam = true;
      else if (bound === undefined) return undefined;
      else values.push(...bound);
    }
    if (droppedParam) return 'dropped';
    if (!this.operatorOk(filter.operator, type, values, path, target)) return undefined;
    return { kind: 'leaf', target, operator: filter.operator, values };
  }

  private bindValue(value: FilterValue, path: string, list: boolean): Scalar[] | 'dropped' | undefined {
    if (!isParamRef(value)) return [value];
    const bound = this.params[value.param];
    if (bound === undefined) {
      if (value.optional) {
        this.dropped.add(value.param);
        return 'dropped';
      }
      this.error(
        'unbound-param',
        path,
        `Parameter '${value.param}' has no value.`,
        `Bind it in "params", or mark it optional ({"param": "${value.param}", "optional": true}).`,
      );
      return undefined;
    }
    this.applied.add(value.param);
    if (Array.isArray(bound)) {
      if (!list) {
        this.error(
          'type-mismatch',
          path,
          `Parameter '${value.param}' is a list; only 'in' and 'notIn' take lists.`,
        );
        return undefined;
      }
      return bound;
    }
    if (typeof bound === 'object' && bound !== null) {
      this.error(
        'type-mismatch',
        path,
        `Parameter '${value.param}' is a date range; use it in 'timeRange', not in a filter.`,
      );
      return undefined;
    }
    return [bound];
  }

  private operatorOk(
    operator: string,
    type: ValueType,
    values: Scalar[],
    path: string,
    target: FilterTarget,
  ): boolean {
    const arity: Record<string, [number, number]> = {
      equals: [1, 1],
      notEquals: [1, 1],
      lt: [1, 1],
      lte: [1, 1],
      gt: [1, 1],
      gte: [1, 1],
      in: [1, Infinity],
      notIn: [1, Infinity],
      between: [2, 2],
      notBetween: [2, 2],
      like: [1, 1],
      notLike: [1, 1],
      isNull: [0, 0],
      isNotNull: [0, 0],
    };
    const [min, max] = arity[operator] ?? [0, 0];
    if (values.length < min || values.length > max) {
      const wanted = min === max ? `${min}` : `${min} or more`;
      this.error(
        'wrong-arity',
        `${path}/values`,
        `'${operator}' takes ${wanted} value${min === 1 && max === 1 ? '' : 's'}; got ${values.length}.`,
      );
      return false;
    }
    const ordered = ['lt', 'lte', 'gt', 'gte', 'between', 'notBetween'].includes(operator);
    if (ordered && !ORDERED_TYPES.includes(type)) {
      this.error(
        'operator-not-applicable',
        `${path}/operator`,
        `'${operator}' compares numbers and times; this member is a ${type}.`,
      );
      return false;
    }
    if ((operator === 'like' || operator === 'notLike') && type !== 'string') {
      this.error(
        'operator-not-applicable',
        `${path}/operator`,
        `'${operator}' matches strings; this member is a ${type}.`,
      );
      return false;
    }
    if (target.kind === 'dimension' && target.masked && operator !== 'isNull' && operator !== 'isNotNull') {
      this.error(
        'forbidden-member',
        `${path}/member`,
        `Your role sees '${target.dimension.name}' masked, so it cannot filter on its values.`,
      );
      return false;
    }
    let ok = true;
    values.forEach((value, i) => {
      if (value === null) {
        if (!['equals', 'notEquals', 'in', 'notIn'].includes(operator)) {
          this.error(
            'type-mismatch',
            `${path}/values/${i}`,
            `null is only allowed with equals, notEquals, in and notIn; use isNull.`,
          );
          ok = false;
        }
        return;
      }
      const timeAsYear =
        type === 'time' &&
        typeof value === 'number' &&
        target.kind === 'dimension' &&
        target.granularity === 'year' &&
        Number.isInteger(value);
      const matches =
        (type === 'string' && typeof value === 'string') ||
        (type === 'number' && typeof value === 'number') ||
        (type === 'boolean' && typeof value === 'boolean') ||
        (type === 'time' && typeof value === 'string' && isTimeLiteral(value)) ||
        timeAsYear;
      if (!matches) {
        const expected =
          type === 'time' ? 'an ISO date such as 2025-09-01 (or 2025-09-01T08:00:00)' : `a ${type}`;
        this.error(
          'type-mismatch',
          `${path}/values/${i}`,
          `Expected ${expected}; got ${JSON.stringify(value).slice(0, 60)}.`,
        );
        ok = false;
      }
    });
    return ok;
  }

  private timeRange(resolved: ResolvedQuery): void {
    const ir = this.ir;
    if (!ir.timeRange) {
      if (ir.compare)
        this.error('compare-needs-during', '/compare', "'compare' needs a 'timeRange' to compare against.");
      return;
    }
    const dimension = this.member(ir.timeRange.dimension, '/timeRange/dimension', 'dimension');
    if (!dimension) return;
    if (dimension.type !== 'time') {
      this.error(
        'not-a-time-dimension',
        '/timeRange/dimension',
        `'${ir.timeRange.dimension}' is not a time dimension.`,
      );
      return;
    }
    let range: DateRange = ir.timeRange.range;
    if (isParamRef(range)) {
      const bound = this.params[range.param];
      if (bound === undefined) {
        if (range.optional) {
          this.dropped.add(range.param);
          if (ir.compare)
            this.error(
              'compare-needs-during',
              '/compare',
              `'compare' needs a date range, but the optional parameter '${range.param}' is unbound.`,
            );
          return;
        }
        this.error('unbound-param', '/timeRange/range', `Parameter '${range.param}' has no value.`);
        return;
      }
      if (typeof bound !== 'object' || bound === null || Array.isArray(bound)) {
        this.error(
          'type-mismatch',
          '/timeRange/range',
          `Parameter '${range.param}' must be bound to a date range.`,
        );
        return;
      }
      this.applied.add(range.param);
      range = bound as RelativeDateRange | AbsoluteDateRange;
    }
    const { catalog, now } = this.context;
    let resolution: RangeResolution;
    try {
      resolution = resolveRange(range, now, catalog.timeZone, catalog.calendar);
    } catch (error) {
      this.error('invalid-date', '/timeRange/range', (error as Error).message);
      return;
    }
    resolved.timeRange = {
      dimension,
      member: ir.timeRange.dimension,
      range: resolution.local,
      echo: resolution.echo,
    };
    if (ir.compare) {
      try {
        resolved.compare = compareRange(resolution, ir.compare.previous, catalog.timeZone, catalog.calendar);
      } catch (error) {
        this.error('invalid-date', '/compare/previous', (error as Error).message);
      }
    }
  }

  private columnRef(keys: Map<string, ColumnRef>, key: string, path: string): ColumnRef | undefined {
    const ref = keys.get(key);
    if (!ref)
      this.error(
        'unknown-column',
        path,
        `'${key}' is not a column of this query.`,
        undefined,
        nearest(key, keys.keys()),
      );
    return ref;
  }

  private columnsClauses(resolved: ResolvedQuery, keys: Map<string, ColumnRef>): void {
    const ir = this.ir;
    if (ir.top) {
      const by = this.columnRef(keys, ir.top.by, '/top/by');
      if (by && by.kind !== 'measure')
        this.error('not-a-measure', '/top/by', `'top' ranks by a measure; '${ir.top.by}' is a dimension.`);
      let per: ColumnRef | undefined;
      if (ir.top.per !== undefined) {
        per = this.columnRef(keys, ir.top.per, '/top/per');
        if (per && per.kind !== 'dimension')
          this.error(
            'not-a-dimension',
            '/top/per',
            `'top.per' names a dimension; '${ir.top.per}' is a measure.`,
          );
      }
      if (by?.kind === 'measure') {
        const top: ResolvedTop = {
          n: ir.top.n,
          by: by.index,
          direction: ir.top.direction ?? 'desc',
          others: ir.top.others ?? false,
        };
        if (per?.kind === 'dimension') top.per = per.index;
        resolved.top = top;
        if (resolved.dimensions.length === 0)
          this.error('invalid-ir', '/top', "'top' ranks rows of a grouping; add a dimension.");
        if (top.per !== undefined && resolved.dimensions.length < 2)
          this.error(
            'invalid-ir',
            '/top/per',
            "'top.per' needs another dimension to rank within each group.",
          );
      }
    }
    for (const [i, item] of (ir.order ?? []).entries()) {
      const column = this.columnRef(keys, item.by, `/order/${i}/by`);
      if (column) resolved.order.push({ column, direction: item.direction ?? 'asc' });
    }
    if (ir.rollup) {
      let last = -1;
      for (const [i, key] of ir.rollup.entries()) {
        const column = this.columnRef(keys, key, `/rollup/${i}`);
        if (!column) continue;
        if (column.kind !== 'dimension') {
          this.error('not-a-dimension', `/rollup/${i}`, `'rollup' lists dimensions; '${key}' is a measure.`);
          continue;
        }
        if (column.index <= last)
          this.error(
            'rollup-order',
            `/rollup/${i}`,
            "'rollup' columns must follow the order of 'dimensions'.",
          );
        last = column.index;
        resolved.rollup.push(column.index);
      }
    }
    if (resolved.top && (resolved.rollup.length > 0 || resolved.totals || resolved.compare)) {
      this.error(
        'invalid-ir',
        '/top',
        "'top' cannot be combined with 'rollup', 'totals' or 'compare' in one query.",
        'Ask for the totals in a second query of the batch.',
      );
    }
    if (resolved.compare && (resolved.rollup.length > 0 || resolved.totals)) {
      this.error(
        'invalid-ir',
        '/compare',
        "'compare' cannot be combined with 'rollup' or 'totals' in one query.",
        'Ask for the totals in a second query of the batch.',
      );
    }
  }

  private requiredFilters(resolved: ResolvedQuery): void {
    for (const name of this.view.requiredFilters ?? []) {
      const covered =
        resolved.timeRange?.dimension.name === name ||
        (resolved.where !== undefined && filterMentions(resolved.where, name));
      if (!covered) {
        this.error(
          'invalid-ir',
          '/filters',
          `View '${this.view.name}' requires a filter on '${this.view.name}.${name}'.`,
          name === this.view.defaultTimeDimension
            ? `Add a 'timeRange' on ${this.view.name}.${name}, e.g. {"relative": "lastN", "n": 7, "unit": "day"}.`
            : `Add a predicate on ${this.view.name}.${name}.`,
        );
      }
    }
  }
}

function filterMentions(filter: ResolvedFilter, dimension: string): boolean {
  switch (filter.kind) {
    case 'and':
      return filter.children.some((child) => filterMentions(child, dimension));
    case 'or':
      return filter.children.length > 0 && filter.children.every((child) => filterMentions(child, dimension));
    case 'not':
      return false;
    case 'leaf':
      return (
        filter.target.kind === 'dimension' &&
        filter.target.dimension.name === dimension &&
        filter.operator !== 'isNotNull' &&
        filter.operator !== 'notIn' &&
        filter.operator !== 'notEquals'
      );
  }
}

function isTimeLiteral(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) return false;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text.slice(0, 10)) return false;
  return Number(match[4] ?? 0) < 24 && Number(match[5] ?? 0) < 60 && Number(match[6] ?? 0) < 60;
}

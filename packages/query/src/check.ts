/**
 * The semantic check: a well-formed IR against a catalog. Shared by the text compiler (which maps the
 * reported JSON Pointer paths back to source spans) and by {@link validateIR} (which reports the paths), so a
 * query gets the same verdict in the browser and on the server.
 *
 * It reports every problem it finds, never throws, and assumes only the IR's shape (see `validate.ts`).
 */

import type { AcademicCalendar, Catalog, CatalogMember, Dimension, ValueType, View } from './catalog.js';
import { isIsoDate, isIsoDateTime, parseCivil } from './dates.js';
import type {
  DateRange,
  DimensionRef,
  Filter,
  FilterCondition,
  Granularity,
  ParamValue,
  QueryIR,
  Scalar,
} from './ir.js';
import { dimensionKey, GRANULARITIES, IR_LIMITS, isParamRef } from './ir.js';
import { label, lookupMember, lookupView } from './lookup.js';
import type { Issue } from './diagnostic.js';

/** Receives each issue as it is found. */
export type Report = (issue: Issue) => void;

const CALENDAR_UNITS = new Set<string>(['academic_year', 'semester', 'teaching_week']);
const ORDERED_TYPES = new Set<ValueType>(['number', 'time']);
const OPERATOR_ARITY: Readonly<Record<string, readonly [number, number]>> = {
  between: [2, 2],
  notBetween: [2, 2],
  in: [1, IR_LIMITS.maxFilterValues],
  notIn: [1, IR_LIMITS.maxFilterValues],
  isNull: [0, 0],
  isNotNull: [0, 0],
};

/** How a parameter is used: the value type it must have, and whether a list is acceptable. */
interface ParamUse {
  type: ValueType | 'range';
  list: boolean;
  path: string;
}

/** Checks a query; issues carry JSON Pointer paths relative to `base` (e.g. `/queries/3`). */
export function checkQuery(ir: QueryIR, catalog: Catalog, report: Report, base = ''): void {
  new Checker(ir, catalog, report, base).run();
}

class Checker {
  readonly #params = new Map<string, ParamUse>();
  readonly #columns = new Map<string, 'measure' | 'dimension'>();
  #filterNodes = 0;
  #view!: View;

  readonly #ir: QueryIR;
  readonly #catalog: Catalog;
  readonly #report: Report;
  readonly #base: string;

  constructor(ir: QueryIR, catalog: Catalog, report: Report, base: string) {
    this.#ir = ir;
    this.#catalog = catalog;
    this.#report = report;
    this.#base = base;
  }

  run(): void {
    const ir = this.#ir;
    const view = lookupView(this.#catalog, ir.from);
    if (!view || view.name !== ir.from) {
      // Found by title or in another case: that view is the suggestion.
      this.#issue(
        'unknown-view',
        '/from',
        { name: ir.from, views: this.#catalog.views.map((v) => v.name).join(', ') },
        view
          ? { suggestions: [view.name], labels: [label(view)] }
          : { near: { input: ir.from, among: this.#catalog.views } },
      );
      return;
    }
    this.#view = view;
    ir.measures?.forEach((name, i) => {
      const found = this.#member(name, 'measure', `/measures/${i}`);
      if (found) this.#addColumn(name, 'measure', `/measures/${i}`);
    });
    ir.dimensions?.forEach((ref, i) => this.#checkDimension(ref, `/dimensions/${i}`));
    if (!ir.measures?.length && !ir.dimensions?.length) this.#issue('empty-query', '', {});
    if ((ir.measures?.length ?? 0) + (ir.dimensions?.length ?? 0) > IR_LIMITS.maxColumns) {
      this.#issue('ir-too-large', '', { what: 'columns', max: IR_LIMITS.maxColumns });
    }
    if (ir.filters) this.#checkFilter(ir.filters, '/filters', 'dimension', 1);
    if (ir.having) this.#checkFilter(ir.having, '/having', 'measure', 1);
    ir.segments?.forEach((name, i) => this.#member(name, 'segment', `/segments/${i}`));
    if (ir.timeRange) this.#checkTimeRange();
    if (ir.compare) {
      if (!ir.timeRange) this.#issue('compare-needs-during', '/compare', {});
      if (ir.compare.previous !== 'period') this.#checkUnit(ir.compare.previous, '/compare/previous');
    }
    if (ir.top) this.#checkTop();
    ir.order?.forEach((item, i) => this.#column(item.by, `/order/${i}/by`, undefined, 'order'));
    if (ir.limit !== undefined) this.#integer(ir.limit, 1, IR_LIMITS.maxLimit, '/limit');
    if (ir.offset !== undefined) this.#integer(ir.offset, 0, Number.MAX_SAFE_INTEGER, '/offset');
    if (ir.rollup) this.#checkRollup(ir.rollup);
    this.#checkParams();
  }

  #issue(code: Issue['code'], path: string, args: Issue['args'], extra?: Partial<Issue>): void {
    this.#report({ code, path: this.#base + path, args, ...extra });
  }

  /**
   * Resolves a qualified member name and checks it is of the expected kind. Returns it only when it is.
   */
  #member(qualified: string, kind: CatalogMember['kind'], path: string): CatalogMember | undefined {
    const dot = qualified.indexOf('.');
    const viewName = dot < 0 ? '' : qualified.slice(0, dot);
    const name = qualified.slice(dot + 1);
    if (viewName !== this.#view.name) {
      this.#issue('wrong-view', path, { name: qualified, view: this.#view.name });
      return undefined;
    }
    const found = lookupMember(this.#view, name);
    if (!found) {
      const pool =
        kind === 'measure'
          ? this.#view.measures
          : kind === 'dimension'
            ? this.#view.dimensions
            : (this.#view.segments ?? []);
      this.#issue(
        'unknown-member',
        path,
        { name, kind, view: this.#view.name },
        {
          near: { input: name, among: pool, prefix: `${this.#view.name}.` },
        },
      );
      return undefined;
    }
    if (found.kind !== kind) {
      this.#issue(`not-a-${kind}`, path, { name, actual: found.kind });
      return undefined;
    }
    return found;
  }

  #addColumn(key: string, kind: 'measure' | 'dimension', path: string): void {
    if (this.#columns.has(key)) this.#issue('duplicate-column', path, { name: key });
    this.#columns.set(key, kind);
  }

  #checkDimension(ref: DimensionRef, path: string): void {
    const found = this.#member(ref.member, 'dimension', `${path}/member`);
    if (!found) return;
    const type = this.#attributeType(found.member as Dimension, ref.attribute, `${path}/attribute`);
    if (type === 'time' && ref.granularity === undefined) {
      const dimension = found.member as Dimension;
      this.#issue('granularity-required', path, {
        member: dimension.name,
        example: dimension.granularities?.includes('day') ? 'day' : (dimension.granularities?.[0] ?? 'day'),
      });
    }
    if (ref.granularity !== undefined)
      this.#granularity(found.member as Dimension, type, ref.granularity, `${path}/granularity`);
    this.#addColumn(dimensionKey(ref), 'dimension', ref.alias === undefined ? path : `${path}/alias`);
  }

  /** The value type of a dimension or one of its attributes (undefined after reporting an unknown attribute). */
  #attributeType(dimension: Dimension, attribute: string | undefined, path: string): ValueType | undefined {
    if (attribute === undefined) return dimension.type;
    const found = dimension.attributes?.find((a) => a.name === attribute);
    if (!found) {
      this.#issue(
        'unknown-attribute',
        path,
        { name: attribute, member: dimension.name },
        { near: { input: attribute, among: dimension.attributes ?? [] } },
      );
      return undefined;
    }
    return found.type;
  }

  #granularity(
    dimension: Dimension,
    type: ValueType | undefined,
    granularity: Granularity,
    path: string,
  ): void {
    if (type !== 'time') {
      if (type !== undefined) this.#issue('granularity-not-allowed', path, { member: dimension.name });
      return;
    }
    const supported = dimension.granularities ?? [];
    if (!supported.includes(granularity)) {
      this.#issue(
        'granularity-not-supported',
        path,
        { member: dimension.name, name: granularity, supported: supported.join(', ') },
        { near: { input: granularity, among: supported } },
      );
      return;
    }
    this.#checkUnit(granularity, path);
  }

  /** A calendar unit needs the catalog's academic calendar. */
  #checkUnit(unit: string, path: string): void {
    if (!(GRANULARITIES as readonly string[]).includes(unit)) {
      this.#issue(
        'unknown-granularity',
        path,
        { text: unit },
        { near: { input: unit, among: GRANULARITIES } },
      );
    } else if (CALENDAR_UNITS.has(unit) && !hasCalendar(this.#catalog.calendar)) {
      this.#issue('calendar-missing', path, { name: unit });
    }
  }

  /**
   * Walks a filter tree. Text can nest deeper than the IR allows, so the limits the server enforces are
   * checked here too (IR from `validateIR` has already passed them).
   */
  #checkFilter(filter: Filter, path: string, kind: 'dimension' | 'measure', depth: number): void {
    if (depth > IR_LIMITS.maxFilterDepth) {
      this.#issue('ir-too-large', path, { what: 'depth', max: IR_LIMITS.maxFilterDepth });
      return;
    }
    if (++this.#filterNodes === IR_LIMITS.maxFilterNodes + 1) {
      this.#issue('ir-too-large', path, { what: 'nodes', max: IR_LIMITS.maxFilterNodes });
    }
    if ('and' in filter)
      filter.and.forEach((child, i) => this.#checkFilter(child, `${path}/and/${i}`, kind, depth + 1));
    else if ('or' in filter)
      filter.or.forEach((child, i) => this.#checkFilter(child, `${path}/or/${i}`, kind, depth + 1));
    else if ('not' in filter) this.#checkFilter(filter.not, `${path}/not`, kind, depth + 1);
    else this.#checkCondition(filter, path, kind);
  }

  #checkCondition(condition: FilterCondition, path: string, kind: 'dimension' | 'measure'): void {
    const found = this.#member(condition.member, kind, `${path}/member`);
    if (!found) return;
    let type: ValueType | undefined = 'number';
    if (found.kind === 'dimension') {
      const dimension = found.member;
      type = this.#attributeType(dimension, condition.attribute, `${path}/attribute`);
      if (condition.granularity !== undefined)
        this.#granularity(dimension, type, condition.granularity, `${path}/granularity`);
    }
    if (type === undefined) return;
    const operator = condition.operator;
    const values = condition.values ?? [];
    const subject = found.member.name;
    if ((operator === 'like' || operator === 'notLike') && type !== 'string') {
      this.#issue('operator-not-applicable', `${path}/operator`, { operator, member: subject, type });
      return;
    }
    if (/^(lt|lte|gt|gte|between|notBetween)$/.test(operator) && !ORDERED_TYPES.has(type)) {
      this.#issue('operator-not-applicable', `${path}/operator`, { operator, member: subject, type });
      return;
    }
    const [min, max] = OPERATOR_ARITY[operator] ?? [1, 1];
    if (values.length > IR_LIMITS.maxFilterValues) {
      this.#issue('ir-too-large', `${path}/values`, { what: 'values', max: IR_LIMITS.maxFilterValues });
      return;
    }
    const listParam = values.length === 1 && isParamRef(values[0]) && max > 1;
    if ((values.length < min || values.length > max) && !(listParam && min <= 1)) {
      this.#issue('wrong-arity', `${path}/values`, {
        operator,
        expected: min === max ? min : `${min}–${max}`,
        found: values.length,
      });
      return;
    }
    values.forEach((value, i) => {
      const valuePath = `${path}/values/${i}`;
      if (isParamRef(value)) this.#useParam(value.param, { type, list: max > 1, path: valuePath });
      else
        this.#checkValue(
          value,
          type,
          subject,
          valuePath,
          found.kind === 'dimension' &&
            condition.attribute === undefined &&
            /^(equals|notEquals|in|notIn)$/.test(operator)
            ? found.member
            : undefined,
        );
    });
  }

  /** A literal against the value type of its member; strings also against a dimension's known values. */
  #checkValue(value: Scalar, type: ValueType, member: string, path: string, dimension?: Dimension): void {
    if (!valueMatches(value, type)) {
      // A quoted number is the usual slip: offer the number.
      const unquoted =
        type === 'number' && typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      const extra = Number.isFinite(unquoted) ? { suggestions: [String(unquoted)] } : {};
      this.#issue('type-mismatch', path, { member, expected: type, value: show(value) }, extra);
    } else if (dimension?.values && typeof value === 'string' && !dimension.values.includes(value)) {
      this.#issue(
        'unknown-value',
        path,
        { value, member },
        {
          severity: 'warning',
          near: { input: value, among: dimension.values },
        },
      );
    }
  }

  #useParam(name: string, use: ParamUse): void {
    const previous = this.#params.get(name);
    if (previous && previous.type !== use.type) {
      this.#issue('param-type-conflict', use.path, { name, first: previous.type, second: use.type });
      return;
    }
    this.#params.set(name, previous ? { ...previous, list: previous.list || use.list } : use);
  }

  #checkTimeRange(): void {
    const { dimension, range } = this.#ir.timeRange!;
    const found = this.#member(dimension, 'dimension', '/timeRange/dimension');
    if (found && (found.member as Dimension).type !== 'time') {
      this.#issue('not-a-time-dimension', '/timeRange/dimension', { name: found.member.name });
    }
    if (isParamRef(range))
      this.#useParam(range.param, { type: 'range', list: false, path: '/timeRange/range' });
    else this.#checkRange(range, '/timeRange/range');
  }

  /** A relative or absolute range: a real unit, a count in range, real and ordered dates. */
  #checkRange(range: Exclude<DateRange, { param: string }>, path: string): void {
    if ('relative' in range) {
      if ('unit' in range) this.#checkUnit(range.unit, `${path}/unit`);
      if (range.relative === 'lastN') this.#integer(range.n, 1, IR_LIMITS.maxN, `${path}/n`);
      return;
    }
    let valid = true;
    for (const end of ['start', 'end'] as const) {
      if (!isIsoDate(range[end])) {
        this.#issue('invalid-date', `${path}/${end}`, { text: range[end] });
        valid = false;
      }
    }
    if (valid && (parseCivil(range.end) as number) < (parseCivil(range.start) as number)) {
      this.#issue(
        'invalid-date',
        path,
        { text: `${range.start} to ${range.end}` },
        {
          key: 'range-reversed',
        },
      );
    }
  }

  #checkTop(): void {
    const top = this.#ir.top!;
    this.#integer(top.n, 1, IR_LIMITS.maxN, '/top/n');
    this.#column(top.by, '/top/by', 'measure', 'top');
    if (top.per !== undefined) this.#column(top.per, '/top/per', 'dimension', 'top');
  }

  /** A column key must name a column of the query (of a kind, when given). */
  #column(key: string, path: string, kind: 'measure' | 'dimension' | undefined, clause: string): boolean {
    const actual = this.#columns.get(key);
    if (actual === undefined) {
      this.#issue(
        'unknown-column',
        path,
        { name: key, clause },
        {
          near: { input: key, among: [...this.#columns.keys()] },
        },
      );
      return false;
    }
    if (kind !== undefined && actual !== kind) {
      this.#issue(kind === 'measure' ? 'not-a-measure' : 'not-a-dimension', path, { name: key, actual });
      return false;
    }
    return true;
  }

  #checkRollup(rollup: readonly string[]): void {
    const byOrder = (this.#ir.dimensions ?? []).map(dimensionKey);
    let last = -1;
    rollup.forEach((key, i) => {
      if (!this.#column(key, `/rollup/${i}`, 'dimension', 'rollup')) return;
      const position = byOrder.indexOf(key);
      if (position <= last) this.#issue('rollup-order', `/rollup/${i}`, { name: key });
      last = Math.max(last, position);
    });
  }

  #integer(value: number, min: number, max: number, path: string): void {
    if (!Number.isInteger(value) || value < min || value > max) {
      this.#issue('invalid-number', path, { text: String(value), min, max });
    }
  }

  /** Bindings must fit their use; bindings nothing uses are reported as warnings. */
  #checkParams(): void {
    for (const [name, value] of Object.entries(this.#ir.params ?? {})) {
      const path = `/params/${escapePointer(name)}`;
      const use = this.#params.get(name);
      if (!use) {
        this.#issue('unused-param', path, { name }, { severity: 'warning' });
      } else if (!paramFits(value, use)) {
        this.#issue('type-mismatch', path, {
          member: ':' + name,
          expected: use.type,
          value: show(value),
        });
      } else if (use.type === 'range') {
        this.#checkRange(value as Exclude<DateRange, { param: string }>, path);
      }
    }
  }
}

/** True when a literal has the value type (times as ISO 8601 strings). `null` fits no comparison. */
export function valueMatches(value: Scalar, type: ValueType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'time':
      return typeof value === 'string' && isIsoDateTime(value);
  }
}

function paramFits(value: ParamValue, use: ParamUse): boolean {
  if (use.type === 'range') return typeof value === 'object' && value !== null && !Array.isArray(value);
  if (Array.isArray(value))
    return use.list && value.length > 0 && value.every((item) => valueMatches(item, use.type as ValueType));
  return typeof value !== 'object' && valueMatches(value, use.type);
}

function hasCalendar(calendar: AcademicCalendar | undefined): boolean {
  return (calendar?.semesters.length ?? 0) > 0;
}

/** RFC 6901 escaping of one path segment. */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A value as the query language writes it: strings in single quotes, lists in parentheses. */
function show(value: ParamValue): string {
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (Array.isArray(value)) return `(${value.map(show).join(', ')})`;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * The semantic check of a query against a catalog: its rules, written once, and {@link checkQuery}, which
 * walks an IR and applies them for {@link validateIR} (the server), reporting JSON Pointer paths. The text
 * compiler (`resolve.ts`) applies the same rules while it builds the IR from a syntax tree, reporting spans of
 * the text; a browser bundle that only compiles text leaves `checkQuery` out. So a query gets the same verdict
 * in the browser and on the server.
 *
 * A rule says where a problem is through {@link Places}: the walk that calls it knows where the parts of the
 * IR node being checked are (paths or spans); the rule only names the part. The check reports every problem
 * it finds, never throws, and assumes only the IR's shape (see `validate.ts`).
 */

import type { AcademicCalendar, Catalog, CatalogMember, Dimension, ValueType, View } from './catalog.js';
import { isIsoDate, isIsoDateTime, parseCivil } from './dates.js';
import type { Issue } from './diagnostic.js';
import type {
  Compare,
  DateRange,
  DimensionRef,
  Filter,
  FilterCondition,
  Granularity,
  ParamValue,
  QueryIR,
  Scalar,
  TimeRange,
  TopN,
} from './ir.js';
import { dimensionKey, GRANULARITIES, IR_LIMITS, isParamRef } from './ir.js';
import { label, lookupMember, lookupView, membersOfKind } from './lookup.js';

/**
 * Where the parts of one IR node are: `part` is a field (`/granularity`), `index` an item of it
 * (`/values/1`); neither is the node itself.
 */
export type Places<Place> = (part?: string, index?: number) => Place;

/** Receives an issue and where it is. */
export type RuleReport<Place> = (
  place: Place,
  code: Issue['code'],
  args: Issue['args'],
  extra?: Partial<Issue>,
) => void;

type ColumnKind = 'measure' | 'dimension';

/** How a parameter is used: the value type it must have, and whether a list is acceptable. */
interface ParamUse {
  type: ValueType | 'range';
  list: boolean;
}

/** What the rules know of the query checked so far. */
export interface RuleState<Place> {
  readonly view: View;
  readonly catalog: Catalog;
  readonly report: RuleReport<Place>;
  /** Output columns by key. */
  readonly columns: Map<string, ColumnKind>;
  /** Parameters by name: the first use fixes the type. */
  readonly params: Map<string, ParamUse>;
  /** Filter nodes counted so far, in both trees. */
  filterNodes: number;
}

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

/** The state of a check of one query on a view. */
export function startRules<Place>(view: View, catalog: Catalog, report: RuleReport<Place>): RuleState<Place> {
  return { view, catalog, report, columns: new Map(), params: new Map(), filterNodes: 0 };
}

/**
 * Finds a qualified member name of the IR (`view.member`) and checks it is of the expected kind. Returns
 * it only when it is.
 */
export function memberNamed<Place>(
  rules: RuleState<Place>,
  qualified: string,
  kind: CatalogMember['kind'],
  place: Place,
): CatalogMember | undefined {
  const { view, report } = rules;
  const dot = qualified.indexOf('.');
  const viewName = dot < 0 ? '' : qualified.slice(0, dot);
  const name = qualified.slice(dot + 1);
  if (viewName !== view.name) {
    report(place, 'wrong-view', { name: qualified, view: view.name });
    return undefined;
  }
  const found = lookupMember(view, name);
  if (!found) {
    report(
      place,
      'unknown-member',
      { name, kind, view: view.name },
      { near: { input: name, among: membersOfKind(view, kind), prefix: `${view.name}.` } },
    );
    return undefined;
  }
  if (found.kind !== kind) {
    report(place, `not-a-${kind}`, { name, actual: found.kind });
    return undefined;
  }
  return found;
}

/** A measure of the query: a member of the view, and a column once. */
export function checkMeasure<Place>(rules: RuleState<Place>, name: string, place: Place): void {
  if (memberNamed(rules, name, 'measure', place)) addColumn(rules, name, 'measure', place);
}

function addColumn<Place>(rules: RuleState<Place>, key: string, kind: ColumnKind, place: Place): void {
  if (rules.columns.has(key)) rules.report(place, 'duplicate-column', { name: key });
  rules.columns.set(key, kind);
}

/** A dimension of the query: its member, attribute and granularity, and a column once. */
export function checkDimension<Place>(rules: RuleState<Place>, ref: DimensionRef, at: Places<Place>): void {
  const found = memberNamed(rules, ref.member, 'dimension', at('/member'));
  if (!found) return;
  const dimension = found.member as Dimension;
  const type = attributeType(rules, dimension, ref.attribute, at('/attribute'));
  if (type === 'time' && ref.granularity === undefined) {
    rules.report(at(), 'granularity-required', {
      member: dimension.name,
      example: dimension.granularities?.includes('day') ? 'day' : (dimension.granularities?.[0] ?? 'day'),
    });
  }
  if (ref.granularity !== undefined)
    checkGranularity(rules, dimension, type, ref.granularity, at('/granularity'));
  addColumn(rules, dimensionKey(ref), 'dimension', ref.alias === undefined ? at() : at('/alias'));
}

/** A query selects something, and not too much. */
export function checkColumns<Place>(rules: RuleState<Place>, ir: QueryIR, place: Place): void {
  if (!ir.measures?.length && !ir.dimensions?.length) rules.report(place, 'empty-query', {});
  if ((ir.measures?.length ?? 0) + (ir.dimensions?.length ?? 0) > IR_LIMITS.maxColumns) {
    rules.report(place, 'ir-too-large', { what: 'columns', max: IR_LIMITS.maxColumns });
  }
}

/** The value type of a dimension or one of its attributes (undefined after reporting an unknown attribute). */
function attributeType<Place>(
  rules: RuleState<Place>,
  dimension: Dimension,
  attribute: string | undefined,
  place: Place,
): ValueType | undefined {
  if (attribute === undefined) return dimension.type;
  const found = dimension.attributes?.find((a) => a.name === attribute);
  if (!found) {
    rules.report(
      place,
      'unknown-attribute',
      { name: attribute, member: dimension.name },
      { near: { input: attribute, among: dimension.attributes ?? [] } },
    );
    return undefined;
  }
  return found.type;
}

function checkGranularity<Place>(
  rules: RuleState<Place>,
  dimension: Dimension,
  type: ValueType | undefined,
  granularity: Granularity,
  place: Place,
): void {
  if (type !== 'time') {
    if (type !== undefined) rules.report(place, 'granularity-not-allowed', { member: dimension.name });
    return;
  }
  const supported = dimension.granularities ?? [];
  if (!supported.includes(granularity)) {
    rules.report(
      place,
      'granularity-not-supported',
      { member: dimension.name, name: granularity, supported: supported.join(', ') },
      { near: { input: granularity, among: supported } },
    );
    return;
  }
  checkUnit(rules, granularity, place);
}

/** A unit is a granularity; a calendar unit needs the catalog's academic calendar. */
function checkUnit<Place>(rules: RuleState<Place>, unit: string, place: Place): void {
  if (!(GRANULARITIES as readonly string[]).includes(unit)) {
    rules.report(
      place,
      'unknown-granularity',
      { text: unit },
      { near: { input: unit, among: GRANULARITIES } },
    );
  } else if (CALENDAR_UNITS.has(unit) && !hasCalendar(rules.catalog.calendar)) {
    rules.report(place, 'calendar-missing', { name: unit });
  }
}

/**
 * Walks a filter tree: `filters` holds dimension conditions, `having` measure conditions. Text can nest
 * deeper than the IR allows, so the limits the server enforces are checked here too (IR from `validateIR`
 * has already passed them). `placesOf` tells where a node is, given the place its parent gives it.
 */
export function checkFilter<Place>(
  rules: RuleState<Place>,
  filter: Filter,
  kind: 'dimension' | 'measure',
  at: Places<Place>,
  placesOf: (node: Filter, place: Place) => Places<Place>,
  depth = 1,
): void {
  if (depth > IR_LIMITS.maxFilterDepth) {
    rules.report(at(), 'ir-too-large', { what: 'depth', max: IR_LIMITS.maxFilterDepth });
    return;
  }
  if (++rules.filterNodes === IR_LIMITS.maxFilterNodes + 1) {
    rules.report(at(), 'ir-too-large', { what: 'nodes', max: IR_LIMITS.maxFilterNodes });
  }
  const child = (node: Filter, place: Place): void =>
    checkFilter(rules, node, kind, placesOf(node, place), placesOf, depth + 1);
  if ('and' in filter) filter.and.forEach((node, i) => child(node, at('/and', i)));
  else if ('or' in filter) filter.or.forEach((node, i) => child(node, at('/or', i)));
  else if ('not' in filter) child(filter.not, at('/not'));
  else checkCondition(rules, filter, kind, at);
}

function checkCondition<Place>(
  rules: RuleState<Place>,
  condition: FilterCondition,
  kind: 'dimension' | 'measure',
  at: Places<Place>,
): void {
  const found = memberNamed(rules, condition.member, kind, at('/member'));
  if (!found) return;
  let type: ValueType | undefined = 'number';
  if (found.kind === 'dimension') {
    const dimension = found.member;
    type = attributeType(rules, dimension, condition.attribute, at('/attribute'));
    if (condition.granularity !== undefined)
      checkGranularity(rules, dimension, type, condition.granularity, at('/granularity'));
  }
  if (type === undefined) return;
  const operator = condition.operator;
  const values = condition.values ?? [];
  const subject = found.member.name;
  const applicable =
    operator === 'like' || operator === 'notLike'
      ? type === 'string'
      : !/^(lt|lte|gt|gte|between|notBetween)$/.test(operator) || ORDERED_TYPES.has(type);
  if (!applicable) {
    rules.report(at('/operator'), 'operator-not-applicable', { operator, member: subject, type });
    return;
  }
  const [min, max] = OPERATOR_ARITY[operator] ?? [1, 1];
  if (values.length > IR_LIMITS.maxFilterValues) {
    rules.report(at('/values'), 'ir-too-large', { what: 'values', max: IR_LIMITS.maxFilterValues });
    return;
  }
  const listParam = values.length === 1 && isParamRef(values[0]) && max > 1;
  if ((values.length < min || values.length > max) && !(listParam && min <= 1)) {
    rules.report(at('/values'), 'wrong-arity', {
      operator,
      expected: min === max ? min : `${min}–${max}`,
      found: values.length,
    });
    return;
  }
  values.forEach((value, i) => {
    const place = at('/values', i);
    if (isParamRef(value)) useParam(rules, value.param, { type, list: max > 1 }, place);
    else
      checkValue(
        rules,
        value,
        type,
        subject,
        place,
        found.kind === 'dimension' &&
          condition.attribute === undefined &&
          /^(equals|notEquals|in|notIn)$/.test(operator)
          ? found.member
          : undefined,
      );
  });
}

/** A literal against the value type of its member; strings also against a dimension's known values. */
function checkValue<Place>(
  rules: RuleState<Place>,
  value: Scalar,
  type: ValueType,
  member: string,
  place: Place,
  dimension?: Dimension,
): void {
  if (!valueMatches(value, type)) {
    // A quoted number is the usual slip: offer the number.
    const unquoted =
      type === 'number' && typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    const extra = Number.isFinite(unquoted) ? { suggestions: [String(unquoted)] } : {};
    rules.report(place, 'type-mismatch', { member, expected: type, value: show(value) }, extra);
  } else if (dimension?.values && typeof value === 'string' && !dimension.values.includes(value)) {
    rules.report(
      place,
      'unknown-value',
      { value, member },
      { severity: 'warning', near: { input: value, among: dimension.values } },
    );
  }
}

function useParam<Place>(rules: RuleState<Place>, name: string, use: ParamUse, place: Place): void {
  const previous = rules.params.get(name);
  if (previous && previous.type !== use.type) {
    rules.report(place, 'param-type-conflict', { name, first: previous.type, second: use.type });
    return;
  }
  rules.params.set(name, previous ? { ...previous, list: previous.list || use.list } : use);
}

/** A segment of the query: a member of the view. */
export function checkSegment<Place>(rules: RuleState<Place>, name: string, place: Place): void {
  memberNamed(rules, name, 'segment', place);
}

/** The `during` range: a time dimension, and a parameter or a valid range (whose parts are at `rangeAt`). */
export function checkTimeRange<Place>(
  rules: RuleState<Place>,
  timeRange: TimeRange,
  at: Places<Place>,
  rangeAt: Places<Place>,
): void {
  const { dimension, range } = timeRange;
  const found = memberNamed(rules, dimension, 'dimension', at('/dimension'));
  if (found && (found.member as Dimension).type !== 'time') {
    rules.report(at('/dimension'), 'not-a-time-dimension', { name: found.member.name });
  }
  if (isParamRef(range)) useParam(rules, range.param, { type: 'range', list: false }, rangeAt());
  else checkRange(rules, range, rangeAt);
}

/** A relative or absolute range: a real unit, a count in range, real and ordered dates. */
function checkRange<Place>(
  rules: RuleState<Place>,
  range: Exclude<DateRange, { param: string }>,
  at: Places<Place>,
): void {
  if ('relative' in range) {
    if ('unit' in range) checkUnit(rules, range.unit, at('/unit'));
    if (range.relative === 'lastN') checkInteger(rules, range.n, 1, IR_LIMITS.maxN, at('/n'));
    return;
  }
  let valid = true;
  for (const end of ['start', 'end'] as const) {
    if (!isIsoDate(range[end])) {
      rules.report(at(`/${end}`), 'invalid-date', { text: range[end] });
      valid = false;
    }
  }
  if (valid && (parseCivil(range.end) as number) < (parseCivil(range.start) as number)) {
    rules.report(at(), 'invalid-date', { text: `${range.start} to ${range.end}` }, { key: 'range-reversed' });
  }
}

/** `compare` needs a `during` range, and a real unit. */
export function checkCompare<Place>(
  rules: RuleState<Place>,
  compare: Compare,
  during: boolean,
  at: Places<Place>,
): void {
  if (!during) rules.report(at(), 'compare-needs-during', {});
  if (compare.previous !== 'period') checkUnit(rules, compare.previous, at('/previous'));
}

/** `top`: a count in range, by a measure column, per a dimension column. */
export function checkTop<Place>(rules: RuleState<Place>, top: TopN, at: Places<Place>): void {
  checkInteger(rules, top.n, 1, IR_LIMITS.maxN, at('/n'));
  checkColumn(rules, top.by, at('/by'), 'measure', 'top');
  if (top.per !== undefined) checkColumn(rules, top.per, at('/per'), 'dimension', 'top');
}

/** An `order` key: a column of the query. */
export function checkOrderKey<Place>(rules: RuleState<Place>, key: string, place: Place): void {
  checkColumn(rules, key, place, undefined, 'order');
}

/** A column key must name a column of the query (of a kind, when given). */
function checkColumn<Place>(
  rules: RuleState<Place>,
  key: string,
  place: Place,
  kind: ColumnKind | undefined,
  clause: string,
): boolean {
  const actual = rules.columns.get(key);
  if (actual === undefined) {
    rules.report(
      place,
      'unknown-column',
      { name: key, clause },
      { near: { input: key, among: [...rules.columns.keys()] } },
    );
    return false;
  }
  if (kind !== undefined && actual !== kind) {
    rules.report(place, kind === 'measure' ? 'not-a-measure' : 'not-a-dimension', { name: key, actual });
    return false;
  }
  return true;
}

/** `limit` and `offset`: whole numbers in range. */
export function checkPaging<Place>(rules: RuleState<Place>, ir: QueryIR, at: Places<Place>): void {
  if (ir.limit !== undefined) checkInteger(rules, ir.limit, 1, IR_LIMITS.maxLimit, at('/limit'));
  if (ir.offset !== undefined) checkInteger(rules, ir.offset, 0, Number.MAX_SAFE_INTEGER, at('/offset'));
}

/** `rollup`: dimension columns, in the order of the query's dimensions. */
export function checkRollup<Place>(rules: RuleState<Place>, ir: QueryIR, at: Places<Place>): void {
  const byOrder = (ir.dimensions ?? []).map(dimensionKey);
  let last = -1;
  ir.rollup?.forEach((key, i) => {
    if (!checkColumn(rules, key, at('', i), 'dimension', 'rollup')) return;
    const position = byOrder.indexOf(key);
    if (position <= last) rules.report(at('', i), 'rollup-order', { name: key });
    last = Math.max(last, position);
  });
}

function checkInteger<Place>(
  rules: RuleState<Place>,
  value: number,
  min: number,
  max: number,
  place: Place,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    rules.report(place, 'invalid-number', { text: String(value), min, max });
  }
}

/**
 * Bindings must fit their use; bindings nothing uses are reported as warnings. Checked last, when every use
 * is known. `placesOf` tells where a binding is.
 */
export function checkParams<Place>(
  rules: RuleState<Place>,
  params: Readonly<Record<string, ParamValue>>,
  placesOf: (name: string) => Places<Place>,
): void {
  for (const [name, value] of Object.entries(params)) {
    const at = placesOf(name);
    const use = rules.params.get(name);
    if (!use) {
      rules.report(at(), 'unused-param', { name }, { severity: 'warning' });
    } else if (!paramFits(value, use)) {
      rules.report(at(), 'type-mismatch', { member: ':' + name, expected: use.type, value: show(value) });
    } else if (use.type === 'range') {
      checkRange(rules, value as Exclude<DateRange, { param: string }>, at);
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

/** A value as the query language writes it: strings in single quotes, lists in parentheses. */
function show(value: ParamValue): string {
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (Array.isArray(value)) return `(${value.map(show).join(', ')})`;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

// The walk of an IR, for validateIR.

/** Receives each issue as it is found. */
export type Report = (issue: Issue) => void;

/** The JSON Pointer paths of the parts of the IR node at `path`. */
function pathPlaces(path: string): Places<string> {
  return (part = '', index) => (index === undefined ? path + part : `${path}${part}/${index}`);
}

/** Checks a query; issues carry JSON Pointer paths relative to `base` (e.g. `/queries/3`). */
export function checkQuery(ir: QueryIR, catalog: Catalog, report: Report, base = ''): void {
  const view = lookupView(catalog, ir.from);
  if (!view || view.name !== ir.from) {
    // Found by title or in another case: that view is the suggestion.
    report({
      code: 'unknown-view',
      path: base + '/from',
      args: { name: ir.from, views: catalog.views.map((v) => v.name).join(', ') },
      ...(view
        ? { suggestions: [view.name], labels: [label(view)] }
        : { near: { input: ir.from, among: catalog.views } }),
    });
    return;
  }
  const rules = startRules<string>(view, catalog, (path, code, args, extra) =>
    report({ code, path: base + path, args, ...extra }),
  );
  ir.measures?.forEach((name, i) => checkMeasure(rules, name, `/measures/${i}`));
  ir.dimensions?.forEach((ref, i) => checkDimension(rules, ref, pathPlaces(`/dimensions/${i}`)));
  checkColumns(rules, ir, '');
  if (ir.filters) checkFilter(rules, ir.filters, 'dimension', pathPlaces('/filters'), childPlaces);
  if (ir.having) checkFilter(rules, ir.having, 'measure', pathPlaces('/having'), childPlaces);
  ir.segments?.forEach((name, i) => checkSegment(rules, name, `/segments/${i}`));
  if (ir.timeRange)
    checkTimeRange(rules, ir.timeRange, pathPlaces('/timeRange'), pathPlaces('/timeRange/range'));
  if (ir.compare) checkCompare(rules, ir.compare, ir.timeRange !== undefined, pathPlaces('/compare'));
  if (ir.top) checkTop(rules, ir.top, pathPlaces('/top'));
  ir.order?.forEach((item, i) => checkOrderKey(rules, item.by, `/order/${i}/by`));
  checkPaging(rules, ir, pathPlaces(''));
  if (ir.rollup) checkRollup(rules, ir, pathPlaces('/rollup'));
  checkParams(rules, ir.params ?? {}, (name) => pathPlaces(`/params/${escapePointer(name)}`));
}

/** A filter node's paths: under the path its parent gave it. */
const childPlaces = (_node: unknown, path: string): Places<string> => pathPlaces(path);

/** RFC 6901 escaping of one path segment. */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Resolution: a syntax tree → IR, binding every name to a catalog member (by name, or by title or alias, so
 * `` `学院` `` means `college`), and checking the IR as it is built with the rules of `check.ts` — the rules
 * `validateIR` applies on the server — each issue placed on the text it came from. Unknown names are reported
 * here with did-you-mean over names, titles, aliases and pinyin, and left out of the IR so no rule reports
 * them twice.
 */

import type {
  BindingNode,
  DimensionNode,
  ListNode,
  Loc,
  NameNode,
  ParamNode,
  PathNode,
  PredicateNode,
  QueryNode,
  RangeNode,
  ValueNode,
} from './ast.js';
import type { Catalog, CatalogMember, Dimension, View } from './catalog.js';
import type {
  DateRange,
  DimensionRef,
  Filter,
  FilterCondition,
  FilterOperator,
  FilterValue,
  Granularity,
  ParamRef,
  ParamValue,
  QueryIR,
  Scalar,
} from './ir.js';
import { conditionOf } from './condition.js';
import { canonicalIR, dimensionKey, GRANULARITIES } from './ir.js';
import { lookupView, membersOfKind, resolveMemberName } from './lookup.js';
import type { Issue } from './diagnostic.js';
import {
  checkColumns,
  checkCompare,
  checkDimension,
  checkFilter,
  checkMeasure,
  checkOrderKey,
  checkPaging,
  checkParams,
  checkRollup,
  checkSegment,
  checkTimeRange,
  checkTop,
  startRules,
  type Places,
} from './check.js';

const COMPARISON: Readonly<Record<string, FilterOperator>> = {
  '=': 'equals',
  '!=': 'notEquals',
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
};

type Kind = CatalogMember['kind'];

/** A leaf test of a `where` predicate. */
type TestNode = Exclude<PredicateNode, { kind: 'Logical' | 'Not' }>;

/** The parts of a dimension path after the member, as written. */
interface DimensionParts {
  attribute?: string;
  attributeLoc?: Loc;
  granularity?: NameNode;
  /** The value type of the dimension, or of its attribute (`unknown` for an unknown attribute). */
  type: string;
}

/** Places from the spans of an IR node's parts; any other part, or one not written, is the whole node. */
function placesIn(whole: Loc, parts: Readonly<Record<string, Loc | undefined>>): Places<Loc> {
  return (part = '') => parts[part] ?? whole;
}

/**
 * Resolves a parsed query against a catalog and checks it, reporting into `issues`. Returns the IR, or
 * undefined when the view is unknown (nothing else can be resolved).
 */
export function resolveQuery(ast: QueryNode, catalog: Catalog, issues: Issue[]): QueryIR | undefined {
  const clauses = ast.clauses;
  const from = clauses.find((clause) => clause.kind === 'From');
  if (!from) return undefined;
  const named = lookupView(catalog, from.view.value);
  if (!named) {
    issues.push({
      code: 'unknown-view',
      loc: from.view.loc,
      args: { name: from.view.value, views: catalog.views.map((v) => v.name).join(', ') },
      near: { input: from.view.value, among: catalog.views },
    });
    return undefined;
  }
  const view: View = named;

  // After a syntax or name error, "selects nothing" is only an echo of it: the earlier error says why.
  const selectsColumns = clauses.some((clause) => clause.kind === 'Measure' || clause.kind === 'By');
  let ruleIssues = 0;
  const rules = startRules<Loc>(view, catalog, (loc, code, args, extra) => {
    if (code === 'empty-query' && (selectsColumns || issues.length > ruleIssues)) return;
    ruleIssues++;
    issues.push({ code, args, ...extra, loc });
  });

  const draft: QueryIR = { v: 1, from: view.name };
  const measures: string[] = [];
  const dimensions: DimensionRef[] = [];
  const dimensionTypes: string[] = [];
  const wheres: { filter: Filter; loc: Loc }[] = [];
  /** Where each object of the IR (a dimension, a filter node, a range, …) was written. */
  const written = new Map<object, Places<Loc>>();
  const placesOf = (node: object): Places<Loc> => written.get(node) as Places<Loc>;
  /** The member kind of each filter leaf (`unknown` when its name is), for the WHERE/HAVING split. */
  const leafKinds = new Map<Filter, string>();
  const segments: string[] = [];
  const params: Record<string, ParamValue> = {};
  const paramPlaces = new Map<string, Places<Loc>>();
  const pagingLocs: Record<string, Loc> = {};
  let rollupLocs: Loc[] = [];

  // Columns first, measures then dimensions: `top`, `order` and `rollup` refer to them wherever they are
  // written.
  for (const clause of clauses) if (clause.kind === 'Measure') clause.measures.forEach(resolveMeasure);
  for (const clause of clauses) if (clause.kind === 'By') clause.dimensions.forEach(resolveDimension);
  if (measures.length) draft.measures = measures;
  if (dimensions.length) draft.dimensions = dimensions;

  for (const clause of clauses) {
    switch (clause.kind) {
      case 'Where':
        wheres.push({ filter: predicate(clause.predicate), loc: clause.loc });
        break;
      case 'Segment':
        for (const path of clause.segments) {
          const found = member(path, 'segment');
          if (found) {
            checkSegment(rules, found.qualified, path.loc);
            segments.push(found.qualified);
          }
        }
        break;
      case 'During':
        resolveDuring(clause.range, clause.loc);
        break;
      case 'Compare':
        draft.compare = { previous: clause.previous.value as Granularity | 'period' };
        written.set(draft.compare, placesIn(clause.loc, { '/previous': clause.previous.loc }));
        break;
      case 'Top':
        draft.top = {
          n: clause.count.value,
          by: columnKey(clause.by),
          direction: clause.direction ?? 'desc',
          ...(clause.per && { per: columnKey(clause.per) }),
          ...(clause.others && { others: true }),
        };
        written.set(
          draft.top,
          placesIn(clause.loc, { '/n': clause.count.loc, '/by': clause.by.loc, '/per': clause.per?.loc }),
        );
        break;
      case 'Order':
        for (const item of clause.items) {
          const by = columnKey(item.path);
          checkOrderKey(rules, by, item.loc);
          (draft.order ??= []).push({ by, direction: item.direction ?? 'asc' });
        }
        break;
      case 'Limit':
      case 'Offset': {
        const field = clause.kind === 'Limit' ? 'limit' : 'offset';
        draft[field] = clause.count.value;
        pagingLocs['/' + field] = clause.count.loc;
        break;
      }
      case 'Totals':
        draft.totals = true;
        break;
      case 'Rollup':
        draft.rollup = clause.columns.map(columnKey);
        rollupLocs = clause.columns.map((path) => path.loc);
        break;
      case 'With':
        clause.bindings.forEach(resolveBinding);
        break;
    }
  }
  splitWhere();
  if (segments.length) draft.segments = segments;
  if (Object.keys(params).length) draft.params = params;

  // The rules that need the whole query, in the order the server applies them: a parameter's first use
  // fixes its type.
  checkColumns(rules, draft, ast.loc);
  if (draft.filters) checkFilter(rules, draft.filters, 'dimension', placesOf(draft.filters), placesOf);
  if (draft.having) checkFilter(rules, draft.having, 'measure', placesOf(draft.having), placesOf);
  const { timeRange, compare, top } = draft;
  if (timeRange) checkTimeRange(rules, timeRange, placesOf(timeRange), placesOf(timeRange.range));
  if (compare) checkCompare(rules, compare, timeRange !== undefined, placesOf(compare));
  if (top) checkTop(rules, top, placesOf(top));
  checkPaging(rules, draft, placesIn(ast.loc, pagingLocs));
  if (draft.rollup) checkRollup(rules, draft, (_, index) => rollupLocs[index ?? 0] as Loc);
  checkParams(rules, params, (name) => paramPlaces.get(name) as Places<Loc>);
  return canonicalIR(draft);

  /**
   * Finds the member a path starts with: `name`, `view.name`, or a title/alias. Reports an unknown name with
   * suggestions of the expected kind. Returns the member and the path parts after it.
   */
  function member(
    path: PathNode,
    kind: Kind | 'member',
  ): { found: CatalogMember; qualified: string; rest: NameNode[] } | undefined {
    const parts = path.parts;
    const index = prefixedWithView(path) ? 1 : 0;
    const first = parts[0] as NameNode;
    if (parts.length > 1 && !index) {
      const other = lookupView(catalog, first.value);
      if (other && other !== view && !resolveMemberName(view, first.value)) {
        issues.push({
          code: 'wrong-view',
          loc: path.loc,
          args: { name: textOf(path), view: view.name },
        });
        return undefined;
      }
    }
    const nameNode = parts[index] as NameNode;
    const found = resolveMemberName(view, nameNode.value);
    if (!found) {
      issues.push({
        code: 'unknown-member',
        loc: nameNode.loc,
        args: { name: nameNode.value, kind, view: view.name },
        near: { input: nameNode.value, among: membersOfKind(view, kind) },
      });
      return undefined;
    }
    return { found, qualified: `${view.name}.${found.member.name}`, rest: parts.slice(index + 1) };
  }

  /** True for `view.member` written with this query's view. */
  function prefixedWithView(path: PathNode): boolean {
    const [first, second] = path.parts;
    return (
      !!second &&
      lookupView(catalog, (first as NameNode).value) === view &&
      !!resolveMemberName(view, second.value)
    );
  }

  function resolveMeasure(path: PathNode): void {
    const resolved = member(path, 'measure');
    if (!resolved) return;
    extraParts(resolved.rest);
    measures.push(resolved.qualified);
    checkMeasure(rules, resolved.qualified, path.loc);
  }

  /** Reports parts after a member that cannot follow it. */
  function extraParts(rest: readonly NameNode[]): void {
    const extra = rest[0];
    if (extra) {
      const loc = { start: extra.loc.start, end: (rest[rest.length - 1] as NameNode).loc.end };
      issues.push({
        code: 'unexpected-token',
        loc,
        args: { found: `'${rest.map((n) => n.value).join('.')}'`, expected: ',' },
      });
    }
  }

  /**
   * `dimension[.attribute][.granularity]`: after a time dimension the next part is a granularity; after a
   * dimension with attributes, an attribute (then a granularity if the attribute is a time).
   */
  function dimensionParts(found: CatalogMember, rest: readonly NameNode[]): DimensionParts {
    const dimension = found.member as Dimension;
    const result: DimensionParts = { type: dimension.type };
    let index = 0;
    const next = rest[index];
    const isUnit = (name: NameNode | undefined): boolean =>
      !!name && (GRANULARITIES as readonly string[]).includes(name.value);
    if (next && dimension.type !== 'time' && (dimension.attributes || !isUnit(next))) {
      const attribute = dimension.attributes?.find(
        (a) =>
          a.name === next.value ||
          a.title['zh-CN'] === next.value ||
          a.title.en.toLowerCase() === next.value.toLowerCase() ||
          a.aliases?.includes(next.value),
      );
      result.attribute = attribute?.name ?? next.value;
      result.attributeLoc = next.loc;
      result.type = attribute?.type ?? 'unknown';
      index++;
    }
    result.granularity = rest[index];
    if (result.granularity) index++;
    extraParts(rest.slice(index));
    return result;
  }

  function resolveDimension(node: DimensionNode): void {
    const resolved = member(node.path, 'dimension');
    if (!resolved) return;
    const ref: DimensionRef = { member: resolved.qualified };
    const parts =
      resolved.found.kind === 'dimension' ? dimensionParts(resolved.found, resolved.rest) : { type: '' };
    if (parts.granularity) ref.granularity = parts.granularity.value as Granularity;
    if (parts.attribute !== undefined) ref.attribute = parts.attribute;
    if (node.alias) ref.alias = node.alias.value;
    const memberName = node.path.parts[node.path.parts.length - resolved.rest.length - 1] as NameNode;
    dimensions.push(ref);
    dimensionTypes.push(parts.type);
    checkDimension(
      rules,
      ref,
      placesIn(node.loc, {
        '/member': memberName.loc,
        '/attribute': parts.attributeLoc,
        '/granularity': parts.granularity?.loc,
        '/alias': node.alias?.loc,
      }),
    );
  }

  /**
   * The column key a path names: an alias, or the key of the measure or dimension of the query it resolves
   * to (a time dimension may be named without its granularity). An unknown column yields its qualified text,
   * which the rules report.
   */
  function columnKey(path: PathNode): string {
    const text = textOf(path);
    if (dimensions.some((d) => d.alias === text)) return text;
    const parts = prefixedWithView(path) ? path.parts.slice(1) : path.parts;
    const found = resolveMemberName(view, (parts[0] as NameNode).value);
    if (found) {
      const qualified = `${view.name}.${found.member.name}`;
      const rest = parts.slice(1).map((n) => n.value);
      if (found.kind !== 'dimension') return [qualified, ...rest].join('.');
      const writtenSuffix = rest.join('.');
      const suffix = (attribute?: string, granularity?: string): string =>
        [attribute, granularity].filter((part) => part !== undefined).join('.');
      const match = dimensions.find(
        (d) =>
          d.member === qualified &&
          (writtenSuffix === suffix(d.attribute, d.granularity) ||
            (d.granularity !== undefined && writtenSuffix === suffix(d.attribute))),
      );
      return match ? dimensionKey(match) : [qualified, ...rest].join('.');
    }
    return `${view.name}.${text}`;
  }

  /** A filter node whose span runs from its first child's to its last child's. */
  function spanning<T extends Filter>(filter: T, children: readonly Filter[]): T {
    const first = placesOf(children[0] as Filter);
    const last = placesOf(children[children.length - 1] as Filter);
    const span = { start: first().start, end: last().end };
    written.set(filter, () => span);
    return filter;
  }

  /** A predicate → a filter tree, each node's place recorded. */
  function predicate(node: PredicateNode): Filter {
    switch (node.kind) {
      case 'Logical': {
        // `a and b and c` parses left-deep; gather the chain with a stack, not recursion, so a very long chain
        // cannot overflow the call stack.
        const children: Filter[] = [];
        const pending: PredicateNode[] = [node];
        while (pending.length > 0) {
          const child = pending.pop() as PredicateNode;
          if (child.kind === 'Logical' && child.operator === node.operator)
            pending.push(child.right, child.left);
          else children.push(predicate(child));
        }
        return spanning(node.operator === 'and' ? { and: children } : { or: children }, children);
      }
      case 'Not': {
        const operand = predicate(node.operand);
        return spanning({ not: operand }, [operand]);
      }
      default:
        return condition(node);
    }
  }

  function condition(node: TestNode): Filter {
    const resolved = member(node.subject, 'member');
    const valueNodes: ValueNode[] =
      node.kind === 'Comparison'
        ? [node.value]
        : node.kind === 'In'
          ? node.values.kind === 'List'
            ? [...node.values.values]
            : [node.values]
          : node.kind === 'Between'
            ? [node.low, node.high]
            : node.kind === 'Like'
              ? [node.pattern]
              : [];
    const parts =
      resolved?.found.kind === 'dimension' ? dimensionParts(resolved.found, resolved.rest) : undefined;
    const leaf: FilterCondition = conditionOf(
      resolved?.qualified ?? '',
      parts?.attribute,
      parts?.granularity?.value as Granularity | undefined,
      operatorOf(node),
      valueNodes.map(filterValue),
    );
    // The subject and each value were written apart; every other part of a condition is the whole test.
    written.set(leaf, (part, index) =>
      index !== undefined
        ? (valueNodes[index] as ValueNode).loc
        : part === '/member'
          ? node.subject.loc
          : node.loc,
    );
    leafKinds.set(leaf, resolved ? resolved.found.kind : 'unknown');
    return leaf;
  }

  /**
   * All `where` clauses are one conjunction. Its dimension conjuncts become `filters` (WHERE), its measure
   * conjuncts `having` (HAVING); a conjunct mixing both cannot be split and is reported.
   */
  function splitWhere(): void {
    const dimensionPart: Filter[] = [];
    const measurePart: Filter[] = [];
    const conjuncts: { filter: Filter; loc: Loc }[] = [];
    for (const where of wheres) {
      if ('and' in where.filter)
        where.filter.and.forEach((filter) => conjuncts.push({ filter, loc: placesOf(filter)() }));
      else conjuncts.push(where);
    }
    for (const { filter, loc } of conjuncts) {
      const found = new Set<string>();
      collectKinds(filter, found);
      if (found.has('unknown') || found.size === 0) continue;
      if (found.size > 1) {
        issues.push({ code: 'mixed-filter', loc, args: {} });
        continue;
      }
      (found.has('measure') ? measurePart : dimensionPart).push(filter);
    }
    const combine = (filters: Filter[]): Filter | undefined =>
      filters.length === 0
        ? undefined
        : filters.length === 1
          ? filters[0]
          : spanning({ and: filters }, filters);
    const filters = combine(dimensionPart);
    const having = combine(measurePart);
    if (filters) draft.filters = filters;
    if (having) draft.having = having;
  }

  function collectKinds(filter: Filter, into: Set<string>): void {
    if ('and' in filter) filter.and.forEach((child) => collectKinds(child, into));
    else if ('or' in filter) filter.or.forEach((child) => collectKinds(child, into));
    else if ('not' in filter) collectKinds(filter.not, into);
    else into.add(leafKinds.get(filter) ?? 'unknown');
  }

  function resolveDuring(range: RangeNode, loc: Loc): void {
    const timeIndex = dimensionTypes.indexOf('time');
    const dimension =
      timeIndex >= 0
        ? (dimensions[timeIndex] as DimensionRef).member
        : view.defaultTimeDimension && `${view.name}.${view.defaultTimeDimension}`;
    if (!dimension) {
      issues.push({ code: 'no-time-dimension', loc, args: { view: view.name } });
      return;
    }
    draft.timeRange = { dimension, range: rangeOf(range) };
    written.set(draft.timeRange, placesIn(loc, {}));
    written.set(draft.timeRange.range, placesOfValue(range));
  }

  function resolveBinding(binding: BindingNode): void {
    const name = binding.name.value;
    const value = binding.value;
    if (value.kind === 'Param') return paramNotAllowed(value);
    paramPlaces.set(name, placesOfValue(value));
    if (value.kind === 'List') {
      const items: Scalar[] = [];
      for (const item of value.values) {
        if (item.kind === 'Param') return paramNotAllowed(item);
        items.push(filterValue(item) as Scalar);
      }
      params[name] = items;
    } else if (
      value.kind === 'DayRange' ||
      value.kind === 'UnitRange' ||
      value.kind === 'LastNRange' ||
      value.kind === 'AbsoluteRange'
    ) {
      params[name] = rangeOf(value) as ParamValue;
    } else {
      params[name] = filterValue(value) as Scalar;
    }
  }

  /** A `with` binding binds a value, not another parameter. */
  function paramNotAllowed(node: ParamNode): void {
    issues.push({
      code: 'unexpected-token',
      loc: node.loc,
      args: { found: `':${node.name}'`, expected: 'value' },
    });
  }
}

/** A range node → an IR date range. */
function rangeOf(node: RangeNode): DateRange {
  switch (node.kind) {
    case 'Param':
      return paramRef(node);
    case 'DayRange':
      return { relative: node.day };
    case 'UnitRange':
      return { relative: node.which, unit: node.unit.value as Granularity };
    case 'LastNRange':
      return {
        relative: 'lastN',
        n: node.count.value,
        unit: node.unit.value as Granularity,
        ...(node.includeToday && { includeToday: true }),
      };
    case 'AbsoluteRange':
      return { start: node.start.value, end: node.end.value };
  }
}

/** Where the parts of a value were written: a range has parts, any other value is one place. */
function placesOfValue(node: RangeNode | ValueNode | ListNode): Places<Loc> {
  return placesIn(node.loc, {
    '/unit': node.kind === 'UnitRange' || node.kind === 'LastNRange' ? node.unit.loc : undefined,
    '/n': node.kind === 'LastNRange' ? node.count.loc : undefined,
    '/start': node.kind === 'AbsoluteRange' ? node.start.loc : undefined,
    '/end': node.kind === 'AbsoluteRange' ? node.end.loc : undefined,
  });
}

/** The IR operator of a test: `=` → `equals`, `not in` → `notIn`, `is not null` → `isNotNull`, … */
function operatorOf(node: TestNode): FilterOperator {
  switch (node.kind) {
    case 'Comparison':
      return COMPARISON[node.operator] as FilterOperator;
    case 'In':
      return node.negated ? 'notIn' : 'in';
    case 'Between':
      return node.negated ? 'notBetween' : 'between';
    case 'Like':
      return node.negated ? 'notLike' : 'like';
    case 'IsNull':
      return node.negated ? 'isNotNull' : 'isNull';
  }
}

function filterValue(node: ValueNode): FilterValue {
  switch (node.kind) {
    case 'Param':
      return paramRef(node);
    case 'Null':
      return null;
    default:
      return node.value;
  }
}

function paramRef(node: ParamNode): ParamRef {
  return node.optional ? { param: node.name, optional: true } : { param: node.name };
}

function textOf(path: PathNode): string {
  return path.parts.map((part) => part.value).join('.');
}

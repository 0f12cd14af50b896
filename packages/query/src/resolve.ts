/**
 * Resolution: a syntax tree → an IR draft, binding every name to a catalog member (by name, or by title or
 * alias, so `` `学院` `` means `college`) and recording, for every JSON Pointer path of the draft, where in the
 * text it came from. Unknown names are reported here with did-you-mean over names, titles, aliases and
 * pinyin, and left out of the draft so the check phase does not report them twice.
 */

import type {
  BindingNode,
  ClauseNode,
  DimensionNode,
  Loc,
  NameNode,
  PathNode,
  PredicateNode,
  QueryNode,
  RangeNode,
  ValueNode,
} from './ast.js';
import type { Catalog, CatalogMember, Dimension, View } from './catalog.js';
import { escapePointer } from './check.js';
import type {
  DateRange,
  DimensionRef,
  Filter,
  FilterCondition,
  FilterOperator,
  FilterValue,
  Granularity,
  OrderItem,
  ParamValue,
  QueryIR,
  Scalar,
  TopN,
} from './ir.js';
import { conditionOf } from './condition.js';
import { canonicalIR, dimensionKey, GRANULARITIES } from './ir.js';
import { lookupView, resolveMemberName } from './lookup.js';
import type { Issue } from './diagnostic.js';

/** The draft and where each of its parts came from. */
export interface Resolution {
  /** Undefined when the view itself is unknown (nothing else can be resolved). */
  readonly draft?: QueryIR;
  /** Where the draft's parts came from: the location of the deepest recorded path holding a JSON Pointer. */
  locate(path: string): Loc | undefined;
}

const COMPARISON: Readonly<Record<string, FilterOperator>> = {
  '=': 'equals',
  '!=': 'notEquals',
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
};

/** Where the parts of one filter leaf came from. */
interface ConditionLocs {
  node: Loc;
  member: Loc;
  values: readonly Loc[];
}

type Kind = CatalogMember['kind'];

/** Resolves a parsed query against a catalog, reporting unknown names into `issues`. */
export function resolveQuery(ast: QueryNode, catalog: Catalog, issues: Issue[]): Resolution {
  const from = ast.clauses.find((clause) => clause.kind === 'From');
  // Recorded as a flat list (cheap); turned into a map only if the check phase asks for a location.
  const recorded: (string | Loc)[] = [];
  let index: Map<string, Loc> | undefined;
  const locate = (path: string): Loc | undefined => {
    if (!index) {
      index = new Map();
      for (let i = 0; i < recorded.length; i += 2) index.set(recorded[i] as string, recorded[i + 1] as Loc);
    }
    let loc = index.get(path);
    while (!loc && path) {
      path = path.slice(0, path.lastIndexOf('/'));
      loc = index.get(path);
    }
    return loc;
  };
  if (!from) return { locate };
  const view = lookupView(catalog, from.view.value);
  if (!view) {
    issues.push({
      code: 'unknown-view',
      loc: from.view.loc,
      args: { name: from.view.value, views: catalog.views.map((v) => v.name).join(', ') },
      near: { input: from.view.value, among: catalog.views },
    });
    return { locate };
  }
  const draft = new Resolver(view, catalog, issues, recorded).resolve(ast.clauses, from.view.loc);
  return { draft, locate };
}

class Resolver {
  readonly #measures: string[] = [];
  readonly #dimensions: DimensionRef[] = [];
  readonly #dimensionTypes: string[] = [];
  readonly #wheres: { filter: Filter; loc: Loc }[] = [];
  readonly #conditionLocs = new Map<Filter, ConditionLocs>();
  readonly #segments: string[] = [];
  readonly #params: Record<string, ParamValue> = {};
  readonly #draft: QueryIR;

  readonly #view: View;
  readonly #catalog: Catalog;
  readonly #issues: Issue[];
  readonly #recorded: (string | Loc)[];

  constructor(view: View, catalog: Catalog, issues: Issue[], recorded: (string | Loc)[]) {
    this.#view = view;
    this.#catalog = catalog;
    this.#issues = issues;
    this.#recorded = recorded;
    this.#draft = { v: 1, from: view.name };
  }

  resolve(clauses: readonly ClauseNode[], fromLoc: Loc): QueryIR {
    this.#at('/from', fromLoc);
    // Columns first: `top`, `order` and `rollup` refer to them wherever they are written.
    for (const clause of clauses) {
      if (clause.kind === 'Measure') clause.measures.forEach((path) => this.#resolveMeasure(path));
      if (clause.kind === 'By') clause.dimensions.forEach((node) => this.#resolveDimension(node));
    }
    const draft = this.#draft;
    if (this.#measures.length) draft.measures = this.#measures;
    if (this.#dimensions.length) draft.dimensions = this.#dimensions;
    for (const clause of clauses) this.#resolveClause(clause);
    this.#splitWhere();
    if (this.#segments.length) draft.segments = this.#segments;
    if (Object.keys(this.#params).length) draft.params = this.#params;
    return canonicalIR(draft);
  }

  #at(path: string, loc: Loc): void {
    this.#recorded.push(path, loc);
  }

  #resolveClause(clause: ClauseNode): void {
    const draft = this.#draft;
    switch (clause.kind) {
      case 'Where':
        this.#wheres.push({ filter: this.#predicate(clause.predicate), loc: clause.loc });
        break;
      case 'Segment':
        for (const path of clause.segments) {
          const found = this.#member(path, 'segment');
          if (found) {
            this.#at(`/segments/${this.#segments.length}`, path.loc);
            this.#segments.push(found.qualified);
          }
        }
        break;
      case 'During':
        this.#resolveDuring(clause.range, clause.loc);
        break;
      case 'Compare':
        draft.compare = { previous: clause.previous.value as Granularity | 'period' };
        this.#at('/compare', clause.loc);
        this.#at('/compare/previous', clause.previous.loc);
        break;
      case 'Top': {
        const top: TopN = {
          n: clause.count.value,
          by: this.#columnKey(clause.by),
          direction: clause.direction ?? 'desc',
        };
        if (clause.per) top.per = this.#columnKey(clause.per);
        if (clause.others) top.others = true;
        draft.top = top;
        this.#at('/top', clause.loc);
        this.#at('/top/n', clause.count.loc);
        this.#at('/top/by', clause.by.loc);
        if (clause.per) this.#at('/top/per', clause.per.loc);
        break;
      }
      case 'Order': {
        const order: OrderItem[] = (draft.order ??= []);
        for (const item of clause.items) {
          this.#at(`/order/${order.length}`, item.loc);
          order.push({ by: this.#columnKey(item.path), direction: item.direction ?? 'asc' });
        }
        break;
      }
      case 'Limit':
      case 'Offset': {
        const field = clause.kind === 'Limit' ? 'limit' : 'offset';
        draft[field] = clause.count.value;
        this.#at(`/${field}`, clause.count.loc);
        break;
      }
      case 'Totals':
        draft.totals = true;
        this.#at('/totals', clause.loc);
        break;
      case 'Rollup':
        draft.rollup = clause.columns.map((path, i) => {
          this.#at(`/rollup/${i}`, path.loc);
          return this.#columnKey(path);
        });
        break;
      case 'With':
        clause.bindings.forEach((binding) => this.#resolveBinding(binding));
        break;
    }
  }

  /**
   * Finds the member a path starts with: `name`, `view.name`, or a title/alias. Reports an unknown name with
   * suggestions of the expected kind. Returns the member and the path parts after it.
   */
  #member(
    path: PathNode,
    kind: Kind | 'member',
  ): { found: CatalogMember; qualified: string; rest: NameNode[] } | undefined {
    const parts = path.parts;
    let index = 0;
    const first = parts[0] as NameNode;
    if (parts.length > 1) {
      const other = lookupView(this.#catalog, first.value);
      if (other === this.#view && resolveMemberName(this.#view, (parts[1] as NameNode).value)) index = 1;
      else if (other && other !== this.#view && !resolveMemberName(this.#view, first.value)) {
        this.#issues.push({
          code: 'wrong-view',
          loc: path.loc,
          args: { name: textOf(path), view: this.#view.name },
        });
        return undefined;
      }
    }
    const nameNode = parts[index] as NameNode;
    const found = resolveMemberName(this.#view, nameNode.value);
    if (!found) {
      const pool =
        kind === 'measure'
          ? this.#view.measures
          : kind === 'dimension'
            ? this.#view.dimensions
            : kind === 'segment'
              ? (this.#view.segments ?? [])
              : [...this.#view.dimensions, ...this.#view.measures];
      this.#issues.push({
        code: 'unknown-member',
        loc: nameNode.loc,
        args: { name: nameNode.value, kind, view: this.#view.name },
        near: { input: nameNode.value, among: pool },
      });
      return undefined;
    }
    return { found, qualified: `${this.#view.name}.${found.member.name}`, rest: parts.slice(index + 1) };
  }

  #resolveMeasure(path: PathNode): void {
    const resolved = this.#member(path, 'measure');
    if (!resolved) return;
    this.#extraParts(resolved.rest);
    this.#at(`/measures/${this.#measures.length}`, path.loc);
    this.#measures.push(resolved.qualified);
  }

  /** Reports parts after a member that cannot follow it. */
  #extraParts(rest: readonly NameNode[]): void {
    const extra = rest[0];
    if (extra) {
      const loc = { start: extra.loc.start, end: (rest[rest.length - 1] as NameNode).loc.end };
      this.#issues.push({
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
  #dimensionParts(
    found: CatalogMember,
    rest: readonly NameNode[],
    path?: string,
  ): { attribute?: string; granularity?: Granularity; type: string } {
    const dimension = found.member as Dimension;
    const result: { attribute?: string; granularity?: Granularity; type: string } = { type: dimension.type };
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
      result.type = attribute?.type ?? 'unknown';
      if (path) this.#at(`${path}/attribute`, next.loc);
      index++;
    }
    const unit = rest[index];
    if (unit) {
      result.granularity = unit.value as Granularity;
      if (path) this.#at(`${path}/granularity`, unit.loc);
      index++;
    }
    this.#extraParts(rest.slice(index));
    return result;
  }

  #resolveDimension(node: DimensionNode): void {
    const resolved = this.#member(node.path, 'dimension');
    if (!resolved) return;
    const path = `/dimensions/${this.#dimensions.length}`;
    this.#at(path, node.loc);
    this.#at(
      `${path}/member`,
      (node.path.parts[node.path.parts.length - resolved.rest.length - 1] as NameNode).loc,
    );
    const ref: DimensionRef = { member: resolved.qualified };
    const parts =
      resolved.found.kind === 'dimension'
        ? this.#dimensionParts(resolved.found, resolved.rest, path)
        : { type: '' };
    if (parts.granularity !== undefined) ref.granularity = parts.granularity;
    if (parts.attribute !== undefined) ref.attribute = parts.attribute;
    if (node.alias) {
      ref.alias = node.alias.value;
      this.#at(`${path}/alias`, node.alias.loc);
    }
    this.#dimensions.push(ref);
    this.#dimensionTypes.push(parts.type);
  }

  /**
   * The column key a path names: an alias, or the key of the measure or dimension of the query it resolves
   * to (a time dimension may be named without its granularity). An unknown column yields its qualified text,
   * which the check phase reports.
   */
  #columnKey(path: PathNode): string {
    const text = textOf(path);
    if (this.#dimensions.some((d) => d.alias === text)) return text;
    const first = path.parts[0] as NameNode;
    const second = path.parts[1];
    const prefixed =
      second &&
      lookupView(this.#catalog, first.value) === this.#view &&
      resolveMemberName(this.#view, second.value);
    const parts = prefixed ? path.parts.slice(1) : path.parts;
    const found = resolveMemberName(this.#view, (parts[0] as NameNode).value);
    if (found) {
      const qualified = `${this.#view.name}.${found.member.name}`;
      const rest = parts.slice(1).map((n) => n.value);
      if (found.kind !== 'dimension') return [qualified, ...rest].join('.');
      const written = rest.join('.');
      const suffix = (attribute?: string, granularity?: string): string =>
        [attribute, granularity].filter((part) => part !== undefined).join('.');
      const match = this.#dimensions.find(
        (d) =>
          d.member === qualified &&
          (written === suffix(d.attribute, d.granularity) ||
            (d.granularity !== undefined && written === suffix(d.attribute))),
      );
      return match ? dimensionKey(match) : [qualified, ...rest].join('.');
    }
    return `${this.#view.name}.${text}`;
  }

  /** A predicate → a filter tree; leaves remember their member kind for the WHERE/HAVING split. */
  #predicate(node: PredicateNode): Filter {
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
          else children.push(this.#predicate(child));
        }
        return node.operator === 'and' ? { and: children } : { or: children };
      }
      case 'Not':
        return { not: this.#predicate(node.operand) };
      default:
        return this.#condition(node);
    }
  }

  #condition(node: Exclude<PredicateNode, { kind: 'Logical' | 'Not' }>): Filter {
    const resolved = this.#member(node.subject, 'member');
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
    const operator = operatorOf(node);
    const parts: { attribute?: string; granularity?: Granularity } =
      resolved?.found.kind === 'dimension' ? this.#dimensionParts(resolved.found, resolved.rest) : {};
    const condition: FilterCondition = conditionOf(
      resolved?.qualified ?? '',
      parts.attribute,
      parts.granularity,
      operator,
      valueNodes.map(filterValue),
    );
    this.#conditionLocs.set(condition, {
      node: node.loc,
      member: node.subject.loc,
      values: valueNodes.map((value) => value.loc),
    });
    // Remember the kind for the split; an unresolved subject has none and is left out.
    kinds.set(condition, resolved ? resolved.found.kind : 'unknown');
    return condition;
  }

  /**
   * All `where` clauses are one conjunction. Its dimension conjuncts become `filters` (WHERE), its measure
   * conjuncts `having` (HAVING); a conjunct mixing both cannot be split and is reported.
   */
  #splitWhere(): void {
    const dimensionPart: Filter[] = [];
    const measurePart: Filter[] = [];
    const conjuncts: { filter: Filter; loc: Loc }[] = [];
    for (const where of this.#wheres) {
      if ('and' in where.filter)
        where.filter.and.forEach((filter) =>
          conjuncts.push({ filter, loc: this.#locOf(filter) ?? where.loc }),
        );
      else conjuncts.push(where);
    }
    for (const { filter, loc } of conjuncts) {
      const found = new Set<string>();
      collectKinds(filter, found);
      if (found.has('unknown') || found.size === 0) continue;
      if (found.size > 1) {
        this.#issues.push({ code: 'mixed-filter', loc, args: {} });
        continue;
      }
      (found.has('measure') ? measurePart : dimensionPart).push(filter);
    }
    const combine = (filters: Filter[]): Filter | undefined =>
      filters.length === 0 ? undefined : filters.length === 1 ? filters[0] : { and: filters };
    const filters = combine(dimensionPart);
    const having = combine(measurePart);
    if (filters) {
      this.#draft.filters = filters;
      this.#locateFilter(filters, '/filters');
    }
    if (having) {
      this.#draft.having = having;
      this.#locateFilter(having, '/having');
    }
  }

  /** The source span of a filter subtree: from its first leaf to its last. */
  #locOf(filter: Filter): Loc | undefined {
    const leaves: ConditionLocs[] = [];
    const walk = (f: Filter): void => {
      if ('and' in f) f.and.forEach(walk);
      else if ('or' in f) f.or.forEach(walk);
      else if ('not' in f) walk(f.not);
      else {
        const locs = this.#conditionLocs.get(f);
        if (locs) leaves.push(locs);
      }
    };
    walk(filter);
    const first = leaves[0];
    const last = leaves[leaves.length - 1];
    return first && last ? { start: first.node.start, end: last.node.end } : undefined;
  }

  /** Records the location of every path in a filter tree. */
  #locateFilter(filter: Filter, path: string): void {
    const loc = this.#locOf(filter);
    if (loc) this.#at(path, loc);
    if ('and' in filter) filter.and.forEach((child, i) => this.#locateFilter(child, `${path}/and/${i}`));
    else if ('or' in filter) filter.or.forEach((child, i) => this.#locateFilter(child, `${path}/or/${i}`));
    else if ('not' in filter) this.#locateFilter(filter.not, `${path}/not`);
    else {
      const locs = this.#conditionLocs.get(filter);
      if (!locs) return;
      this.#at(`${path}/member`, locs.member);
      this.#at(`${path}/operator`, locs.node);
      this.#at(`${path}/values`, locs.node);
      locs.values.forEach((valueLoc, i) => this.#at(`${path}/values/${i}`, valueLoc));
    }
  }

  #resolveDuring(range: RangeNode, loc: Loc): void {
    const timeIndex = this.#dimensionTypes.indexOf('time');
    const dimension =
      timeIndex >= 0
        ? (this.#dimensions[timeIndex] as DimensionRef).member
        : this.#view.defaultTimeDimension && `${this.#view.name}.${this.#view.defaultTimeDimension}`;
    if (!dimension) {
      this.#issues.push({ code: 'no-time-dimension', loc, args: { view: this.#view.name } });
      return;
    }
    this.#draft.timeRange = { dimension, range: this.#range(range, '/timeRange/range') };
    this.#at('/timeRange', loc);
    this.#at('/timeRange/dimension', loc);
  }

  /** A range node → an IR date range, recording locations under `path`. */
  #range(node: RangeNode, path: string): DateRange {
    this.#at(path, node.loc);
    switch (node.kind) {
      case 'Param':
        return node.optional ? { param: node.name, optional: true } : { param: node.name };
      case 'DayRange':
        return { relative: node.day };
      case 'UnitRange':
        this.#at(`${path}/unit`, node.unit.loc);
        return { relative: node.which, unit: node.unit.value as Granularity };
      case 'LastNRange':
        this.#at(`${path}/n`, node.count.loc);
        this.#at(`${path}/unit`, node.unit.loc);
        return node.includeToday
          ? {
              relative: 'lastN',
              n: node.count.value,
              unit: node.unit.value as Granularity,
              includeToday: true,
            }
          : { relative: 'lastN', n: node.count.value, unit: node.unit.value as Granularity };
      case 'AbsoluteRange':
        this.#at(`${path}/start`, node.start.loc);
        this.#at(`${path}/end`, node.end.loc);
        return { start: node.start.value, end: node.end.value };
    }
  }

  #resolveBinding(binding: BindingNode): void {
    const name = binding.name.value;
    const path = `/params/${escapePointer(name)}`;
    const value = binding.value;
    if (value.kind === 'Param') {
      this.#issues.push({
        code: 'unexpected-token',
        loc: value.loc,
        args: { found: `':${value.name}'`, expected: 'value' },
      });
      return;
    }
    this.#at(path, value.loc);
    if (value.kind === 'List') {
      const items: Scalar[] = [];
      for (const item of value.values) {
        if (item.kind === 'Param') {
          this.#issues.push({
            code: 'unexpected-token',
            loc: item.loc,
            args: { found: `':${item.name}'`, expected: 'value' },
          });
          return;
        }
        items.push(filterValue(item) as Scalar);
      }
      this.#params[name] = items;
    } else if (
      value.kind === 'DayRange' ||
      value.kind === 'UnitRange' ||
      value.kind === 'LastNRange' ||
      value.kind === 'AbsoluteRange'
    ) {
      this.#params[name] = this.#range(value, path) as ParamValue;
    } else {
      this.#params[name] = filterValue(value) as Scalar;
    }
  }
}

/** Member kinds of filter leaves, for the WHERE/HAVING split. */
const kinds = new WeakMap<Filter, string>();

function collectKinds(filter: Filter, into: Set<string>): void {
  if ('and' in filter) filter.and.forEach((child) => collectKinds(child, into));
  else if ('or' in filter) filter.or.forEach((child) => collectKinds(child, into));
  else if ('not' in filter) collectKinds(filter.not, into);
  else into.add(kinds.get(filter) ?? 'unknown');
}

/** The IR operator of a test: `=` → `equals`, `not in` → `notIn`, `is not null` → `isNotNull`, … */
function operatorOf(node: Exclude<PredicateNode, { kind: 'Logical' | 'Not' }>): FilterOperator {
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
      return node.optional ? { param: node.name, optional: true } : { param: node.name };
    case 'Null':
      return null;
    default:
      return node.value;
  }
}

function textOf(path: PathNode): string {
  return path.parts.map((part) => part.value).join('.');
}

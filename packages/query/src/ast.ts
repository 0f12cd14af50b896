/**
 * The syntax tree of query text. Nodes are plain readonly objects with a `kind` and a `loc` (`[start, end)`
 * offsets into the source); names are not resolved here — that is the compiler's job.
 */

import type { Direction } from './ir.js';

/** Where a node is in the source: `[start, end)` UTF-16 offsets. */
export interface Loc {
  readonly start: number;
  readonly end: number;
}

/** A name as written: an identifier, or a backtick title/alias (`quoted`). */
export interface NameNode {
  readonly kind: 'Name';
  readonly value: string;
  readonly quoted: boolean;
  readonly loc: Loc;
}

/** Dotted names: `college`, `ts.day`, `origin_province.code`, `students.headcount`, `` `学院` ``. */
export interface PathNode {
  readonly kind: 'Path';
  readonly parts: readonly NameNode[];
  readonly loc: Loc;
}

export interface StringNode {
  readonly kind: 'String';
  readonly value: string;
  readonly loc: Loc;
}

export interface NumberNode {
  readonly kind: 'Number';
  readonly value: number;
  readonly loc: Loc;
}

/** `2025-09-01` or `2025-09-01T08:00[:00]`, kept as written. */
export interface DateNode {
  readonly kind: 'Date';
  readonly value: string;
  readonly loc: Loc;
}

/** `true`, `false`. */
export interface BooleanNode {
  readonly kind: 'Boolean';
  readonly value: boolean;
  readonly loc: Loc;
}

export interface NullNode {
  readonly kind: 'Null';
  readonly loc: Loc;
}

/** `:name` or `:name?`. */
export interface ParamNode {
  readonly kind: 'Param';
  readonly name: string;
  readonly optional: boolean;
  readonly loc: Loc;
}

/** A single value. */
export type ValueNode = StringNode | NumberNode | DateNode | BooleanNode | NullNode | ParamNode;

/** `('a', 'b')`. */
export interface ListNode {
  readonly kind: 'List';
  readonly values: readonly ValueNode[];
  readonly loc: Loc;
}

/** Comparison operators as written. `<>` is read as `!=`. */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `subject op value`. */
export interface ComparisonNode {
  readonly kind: 'Comparison';
  readonly subject: PathNode;
  readonly operator: ComparisonOperator;
  readonly value: ValueNode;
  readonly loc: Loc;
}

/** `subject [not] in (values)` or `subject [not] in :param`. */
export interface InNode {
  readonly kind: 'In';
  readonly subject: PathNode;
  readonly negated: boolean;
  readonly values: ListNode | ParamNode;
  readonly loc: Loc;
}

/** `subject [not] between low and high`. */
export interface BetweenNode {
  readonly kind: 'Between';
  readonly subject: PathNode;
  readonly negated: boolean;
  readonly low: ValueNode;
  readonly high: ValueNode;
  readonly loc: Loc;
}

/** `subject [not] like pattern`. */
export interface LikeNode {
  readonly kind: 'Like';
  readonly subject: PathNode;
  readonly negated: boolean;
  readonly pattern: ValueNode;
  readonly loc: Loc;
}

/** `subject is [not] null`. */
export interface IsNullNode {
  readonly kind: 'IsNull';
  readonly subject: PathNode;
  readonly negated: boolean;
  readonly loc: Loc;
}

/** `left and right`, `left or right`. */
export interface LogicalNode {
  readonly kind: 'Logical';
  readonly operator: 'and' | 'or';
  readonly left: PredicateNode;
  readonly right: PredicateNode;
  readonly loc: Loc;
}

/** `not predicate`. */
export interface NotNode {
  readonly kind: 'Not';
  readonly operand: PredicateNode;
  readonly loc: Loc;
}

/** A `where` predicate. Parentheses leave no node: the tree's shape says the grouping. */
export type PredicateNode =
  ComparisonNode | InNode | BetweenNode | LikeNode | IsNullNode | LogicalNode | NotNode;

/** A time unit as written (`days`, `semester`), with the granularity it means. */
export interface UnitNode {
  readonly kind: 'Unit';
  /** Singular granularity name. */
  readonly value: string;
  /** As written, e.g. `days`. */
  readonly text: string;
  readonly loc: Loc;
}

/** `today`, `yesterday`. */
export interface DayRangeNode {
  readonly kind: 'DayRange';
  readonly day: 'today' | 'yesterday';
  readonly loc: Loc;
}

/** `this month`, `last month`, `next week`. */
export interface UnitRangeNode {
  readonly kind: 'UnitRange';
  readonly which: 'this' | 'last' | 'next';
  readonly unit: UnitNode;
  readonly loc: Loc;
}

/** `last 30 days [including today]`. */
export interface LastNRangeNode {
  readonly kind: 'LastNRange';
  readonly count: NumberNode;
  readonly unit: UnitNode;
  readonly includeToday: boolean;
  readonly loc: Loc;
}

/** `2025-09-01 to 2026-01-18`. */
export interface AbsoluteRangeNode {
  readonly kind: 'AbsoluteRange';
  readonly start: DateNode;
  readonly end: DateNode;
  readonly loc: Loc;
}

/** A `during` range. */
export type RangeNode = DayRangeNode | UnitRangeNode | LastNRangeNode | AbsoluteRangeNode | ParamNode;

/** `by` item: `path [as alias]`. */
export interface DimensionNode {
  readonly kind: 'Dimension';
  readonly path: PathNode;
  readonly alias?: NameNode;
  readonly loc: Loc;
}

/** `order` item: `path [asc|desc]`. */
export interface OrderItemNode {
  readonly kind: 'OrderItem';
  readonly path: PathNode;
  readonly direction?: Direction;
  readonly loc: Loc;
}

/** `with` item: `name = value`. */
export interface BindingNode {
  readonly kind: 'Binding';
  readonly name: NameNode;
  readonly value: ValueNode | ListNode | RangeNode;
  readonly loc: Loc;
}

export interface FromClause {
  readonly kind: 'From';
  readonly view: NameNode;
  readonly loc: Loc;
}
export interface MeasureClause {
  readonly kind: 'Measure';
  readonly measures: readonly PathNode[];
  readonly loc: Loc;
}
export interface ByClause {
  readonly kind: 'By';
  readonly dimensions: readonly DimensionNode[];
  readonly loc: Loc;
}
export interface WhereClause {
  readonly kind: 'Where';
  readonly predicate: PredicateNode;
  readonly loc: Loc;
}
export interface SegmentClause {
  readonly kind: 'Segment';
  readonly segments: readonly PathNode[];
  readonly loc: Loc;
}
export interface DuringClause {
  readonly kind: 'During';
  readonly range: RangeNode;
  readonly loc: Loc;
}
/** `compare previous period|GRAN`; `previous` is `period` or a unit. */
export interface CompareClause {
  readonly kind: 'Compare';
  readonly previous: UnitNode | NameNode;
  readonly loc: Loc;
}
export interface TopClause {
  readonly kind: 'Top';
  readonly count: NumberNode;
  readonly by: PathNode;
  readonly direction?: Direction;
  readonly per?: PathNode;
  readonly others: boolean;
  readonly loc: Loc;
}
export interface OrderClause {
  readonly kind: 'Order';
  readonly items: readonly OrderItemNode[];
  readonly loc: Loc;
}
export interface LimitClause {
  readonly kind: 'Limit';
  readonly count: NumberNode;
  readonly loc: Loc;
}
export interface OffsetClause {
  readonly kind: 'Offset';
  readonly count: NumberNode;
  readonly loc: Loc;
}
export interface TotalsClause {
  readonly kind: 'Totals';
  readonly loc: Loc;
}
export interface RollupClause {
  readonly kind: 'Rollup';
  readonly columns: readonly PathNode[];
  readonly loc: Loc;
}
export interface WithClause {
  readonly kind: 'With';
  readonly bindings: readonly BindingNode[];
  readonly loc: Loc;
}

/** Any clause. */
export type ClauseNode =
  | FromClause
  | MeasureClause
  | ByClause
  | WhereClause
  | SegmentClause
  | DuringClause
  | CompareClause
  | TopClause
  | OrderClause
  | LimitClause
  | OffsetClause
  | TotalsClause
  | RollupClause
  | WithClause;

/** A whole query: its clauses in written order. */
export interface QueryNode {
  readonly kind: 'Query';
  readonly clauses: readonly ClauseNode[];
  readonly loc: Loc;
}

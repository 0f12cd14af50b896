/**
 * A query after checking: every name resolved to its catalog entry, every parameter bound, every value typed,
 * every right checked. The SQL builder reads only this.
 */

import type { Granularity, Scalar, ValueType } from '@campus-cockpit/query';
import type {
  AccessRule,
  ServerAttribute,
  ServerDimension,
  ServerMeasure,
  ServerSegment,
  ServerView,
} from '../catalog/types.js';

/** A grouping column. */
export interface ResolvedDimension {
  /** Output column key. */
  key: string;
  /** Qualified member name. */
  member: string;
  dimension: ServerDimension;
  attribute?: ServerAttribute;
  granularity?: Granularity;
  /** Value type of the column. */
  type: ValueType;
  /** True when the caller sees masked values. */
  masked: boolean;
}

/** An aggregate column. */
export interface ResolvedMeasure {
  key: string;
  measure: ServerMeasure;
}

/** What a filter leaf compares: a dimension (optionally an attribute or a truncated time) or a measure. */
export type FilterTarget =
  | {
      kind: 'dimension';
      dimension: ServerDimension;
      attribute?: ServerAttribute;
      granularity?: Granularity;
      type: ValueType;
      masked: boolean;
    }
  | { kind: 'measure'; measure: ServerMeasure };

/** A filter tree with bound, typed values. */
export type ResolvedFilter =
  | { kind: 'and'; children: ResolvedFilter[] }
  | { kind: 'or'; children: ResolvedFilter[] }
  | { kind: 'not'; child: ResolvedFilter }
  | { kind: 'leaf'; target: FilterTarget; operator: string; values: Scalar[] };

/** A date range in the catalog time zone: local wall-clock bounds, start inclusive, end exclusive. */
export interface LocalRange {
  /** `YYYY-MM-DDTHH:MM:SS`, local time in the catalog zone. */
  start: string;
  end: string;
}

/** The `during` clause after resolution. */
export interface ResolvedTimeRange {
  dimension: ServerDimension;
  member: string;
  range: LocalRange;
  /** Instants with offset, as echoed in the response. */
  echo: { start: string; end: string };
}

/** The `compare` clause after resolution: the previous range and how far back it lies. */
export interface ResolvedCompare {
  previous: LocalRange;
  echo: { start: string; end: string };
  /** How to move a previous-period time forward onto the current period. */
  shift: { months: number; days: number };
}

/** A reference to an output column. */
export type ColumnRef = { kind: 'measure'; index: number } | { kind: 'dimension'; index: number };

export interface ResolvedTop {
  n: number;
  by: number;
  direction: 'asc' | 'desc';
  /** Index of the dimension ranked within, if any. */
  per?: number;
  others: boolean;
}

export interface ResolvedQuery {
  view: ServerView;
  measures: ResolvedMeasure[];
  dimensions: ResolvedDimension[];
  where?: ResolvedFilter;
  having?: ResolvedFilter;
  segments: ServerSegment[];
  timeRange?: ResolvedTimeRange;
  compare?: ResolvedCompare;
  top?: ResolvedTop;
  order: { column: ColumnRef; direction: 'asc' | 'desc' }[];
  /** Rows asked for (before the server's cap). */
  limit?: number;
  offset: number;
  totals: boolean;
  /** Indexes of rollup dimensions, in hierarchy order. */
  rollup: number[];
  /** The caller's access rule for the view, if any. */
  access?: AccessRule;
  /** Claims bound into the access rule's row predicate. */
  claims: Readonly<Record<string, unknown>>;
  /** Parameters that were bound, and optional ones dropped because unbound. */
  params: { applied: string[]; dropped: string[] };
}

/** One output column of a result: its column key (see `dimensionKey` in the query package) and its values. */
export interface ResultColumn {
  /** The column key: a measure's qualified name (`students.headcount`) or a dimension's key or alias. */
  key: string;
  /** `dimension`, `measure`, `previous`, `change`, or a server marker (`level`, `others`). */
  kind?: string | undefined;
  /** The value type (`number`, `string`, `time`, `boolean`). */
  type?: string | undefined;
  /** One value per row. Numbers are numbers; integers beyond 2^53 arrive as strings. */
  values: ArrayLike<unknown>;
}

/**
 * A query result, columnar: `columns[i].values[r]` is row `r` of column `i`. Use {@link resultRows} for row
 * objects and {@link firstValue} for a single figure.
 */
export interface QueryResult {
  columns: ResultColumn[];
  rowCount: number;
  /** True when the server cut rows at its limit: the widget must say so. */
  truncated: boolean;
  /**
   * Everything else the server said about the answer (resolved date ranges, time zone, applied and dropped
   * parameters, freshness), as sent.
   */
  meta: Record<string, unknown>;
}

/** A result row as an object keyed by column key. */
export type ResultRow = Record<string, unknown>;

/** True when the result has no rows: "无数据", which is not an error. */
export function isEmptyResult(result: QueryResult): boolean {
  return result.rowCount === 0;
}

/** Row objects keyed by column key (materialised on demand; prefer the columns for large results). */
export function resultRows(result: QueryResult): ResultRow[] {
  const rows: ResultRow[] = [];
  for (let r = 0; r < result.rowCount; r++) {
    const row: ResultRow = {};
    for (const column of result.columns) row[column.key] = column.values[r];
    rows.push(row);
  }
  return rows;
}

/**
 * The value of column `key` (default: the first measure, else the first column) in the first row, or
 * `undefined` when the result is empty.
 */
export function firstValue(result: QueryResult, key?: string): unknown {
  const column =
    key === undefined
      ? (result.columns.find((c) => c.kind === 'measure') ?? result.columns[0])
      : result.columns.find((c) => c.key === key);
  return result.rowCount > 0 ? column?.values[0] : undefined;
}

/** How the server describes a column (see the server's result schema). */
export interface ColumnSpec {
  key: string;
  /** `dimension`, `measure`, `previous`, `change`, or a server marker (`level`, `others`). */
  kind?: string;
  type?: string;
}

/**
 * Reads the columnar JSON body of one query result: column specs (`schema`, or `columns` when the values are
 * in `data`) and one value array per column. The other fields go to {@link QueryResult.meta}.
 */
export function decodeResult(body: unknown): QueryResult {
  const { schema, columns, data, rowCount, truncated, ...meta } = (body ?? {}) as Record<string, unknown>;
  const specs = (schema ?? columns) as ColumnSpec[] | undefined;
  const values = (schema ? columns : data) as unknown[][] | undefined;
  if (!Array.isArray(specs) || !Array.isArray(values)) {
    throw new TypeError('a query result needs column specs (`schema`) and their values (`columns`)');
  }
  return {
    columns: specs.map(({ key, kind, type }, i) => ({ key, kind, type, values: values[i] ?? [] })),
    rowCount: typeof rowCount === 'number' ? rowCount : (values[0]?.length ?? 0),
    truncated: truncated === true,
    meta,
  };
}

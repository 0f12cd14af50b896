/** One output column of a result: its column key (see `dimensionKey` in the query package) and its values. */
export interface ResultColumn {
  /** The column key: a measure's qualified name (`students.headcount`) or a dimension's key or alias. */
  key: string;
  /** The value type the server reports (`number`, `string`, `time`, `boolean`), when it does. */
  type?: string;
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

/** The value of column `key` (default: the first column) in the first row, or `undefined` when empty. */
export function firstValue(result: QueryResult, key?: string): unknown {
  const column = key === undefined ? result.columns[0] : result.columns.find((c) => c.key === key);
  return result.rowCount > 0 ? column?.values[0] : undefined;
}

interface WireColumn {
  key?: string;
  name?: string;
  type?: string;
}

/**
 * Reads the columnar JSON body of one query result: `columns` (each with a `key` or `name`) and `data`, one
 * value array per column (or an object of arrays keyed by column), or `rows` as arrays or objects. The other
 * fields go to {@link QueryResult.meta}.
 */
export function decodeResult(body: unknown): QueryResult {
  if (!body || typeof body !== 'object') throw new TypeError('A query result must be a JSON object.');
  const { columns: wireColumns, data, rows, truncated, ...meta } = body as Record<string, unknown>;
  const specs = (Array.isArray(wireColumns) ? wireColumns : []).map((c: WireColumn | string) =>
    typeof c === 'string' ? { key: c } : { key: String(c.key ?? c.name), type: c.type },
  );
  let columns: ResultColumn[];
  if (Array.isArray(data)) {
    columns = specs.map((spec, i) => ({ ...spec, values: (data[i] as unknown[]) ?? [] }));
  } else if (data && typeof data === 'object') {
    columns = specs.map((spec) => ({ ...spec, values: (data as Record<string, unknown[]>)[spec.key] ?? [] }));
  } else if (Array.isArray(rows)) {
    const objects = rows.length > 0 && !Array.isArray(rows[0]);
    const keys = specs.length || !objects ? specs : Object.keys(rows[0] as object).map((key) => ({ key }));
    columns = keys.map((spec, i) => ({
      ...spec,
      values: rows.map((row) => (objects ? (row as ResultRow)[spec.key] : (row as unknown[])[i])),
    }));
  } else {
    throw new TypeError('A query result needs `columns` with `data`, or `rows`.');
  }
  for (const column of columns) if (column.type === undefined) delete column.type;
  return { columns, rowCount: columns[0]?.values.length ?? 0, truncated: truncated === true, meta };
}

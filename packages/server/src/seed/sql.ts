import type { DuckDBConnection } from '@duckdb/node-api';

/** A value that can be written as a SQL literal. */
export type SqlLiteral = string | number | boolean | null;

/** Quotes a string as a SQL string literal. */
export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** Writes a JavaScript value as a SQL literal (numbers must be finite). */
export function sqlLiteral(value: SqlLiteral): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return sqlString(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} as a SQL literal.`);
  return String(value);
}

/** A DuckDB list literal of strings, e.g. `['王', '李']`. */
export const sqlStringList = (values: readonly string[]): string => `[${values.map(sqlString).join(', ')}]`;

/** Inserts rows given as arrays in column order, in batches of literal VALUES. */
export async function insertRows(
  connection: DuckDBConnection,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlLiteral[])[],
): Promise<void> {
  const batchSize = 2000;
  for (let start = 0; start < rows.length; start += batchSize) {
    const values = rows
      .slice(start, start + batchSize)
      .map((row) => `(${row.map(sqlLiteral).join(', ')})`)
      .join(',\n');
    await connection.run(
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES\n${values}`,
    );
  }
}

/**
 * Expands weights into `size` slots by the largest-remainder method, so a uniform draw over the slots picks
 * each value with (almost exactly) its weight. Deterministic: ties break by input order.
 */
export function weightedSlots<T>(entries: readonly (readonly [T, number])[], size = 1000): T[] {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('weightedSlots: weights must add up to more than 0.');
  const exact = entries.map(([value, weight]) => ({ value, exact: (weight / total) * size }));
  const counts = exact.map((entry) => Math.floor(entry.exact));
  let missing = size - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = exact
    .map((entry, index) => ({ index, remainder: entry.exact - Math.floor(entry.exact) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing-- <= 0) break;
    counts[index]! += 1;
  }
  return exact.flatMap((entry, index) => Array.from({ length: counts[index]! }, () => entry.value));
}

/** A DuckDB list literal choosing `values` by weight when indexed uniformly (see `pick`). */
export const weightedList = (entries: readonly (readonly [string, number])[], size = 100): string =>
  sqlStringList(weightedSlots(entries, size));

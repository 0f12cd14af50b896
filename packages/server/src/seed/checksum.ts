import type { DuckDBConnection } from '@duckdb/node-api';
import { tableSpecs } from './schema';

/** Row count and order-independent content checksum of one table. */
export interface TableChecksum {
  readonly rows: number;
  /** Sum of the 64-bit hashes of all rows, as a decimal string (exact: summed as HUGEINT). */
  readonly checksum: string;
}

/**
 * Per-table checksums of the warehouse (all tables of the schema by default). Equal seeds, scales and
 * as-of dates give equal checksums, whatever the thread count: rows are hashed one by one and the hashes
 * summed as integers, so neither row order nor floating-point summation order matters.
 */
export async function tableChecksums(
  connection: DuckDBConnection,
  tables: readonly string[] = tableSpecs.map((spec) => spec.name),
): Promise<Record<string, TableChecksum>> {
  const result: Record<string, TableChecksum> = {};
  for (const table of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`"${table}" is not a warehouse table name.`);
    const reader = await connection.runAndReadAll(
      `SELECT count(*)::BIGINT, coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR FROM "${table}" AS t`,
    );
    const [rows, checksum] = reader.getRows()[0]!;
    result[table] = { rows: Number(rows), checksum: String(checksum) };
  }
  return result;
}

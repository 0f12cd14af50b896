import type { DuckDBConnection } from '@duckdb/node-api';
import type { SeedParameters } from '../options';

/** What a generation step gets: an open connection with the session macros, and the parameters. */
export interface SeedContext {
  readonly connection: DuckDBConnection;
  readonly params: SeedParameters;
  /** Runs one or more statements. */
  run(sql: string): Promise<void>;
}

/** One warehouse table and how to fill it (its table already exists, created from the schema). */
export interface SeedStep {
  readonly table: string;
  build(context: SeedContext): Promise<void>;
}

/** `DATE 'YYYY-MM-DD'` */
export const dateLiteral = (iso: string): string => `DATE '${iso}'`;
/** `TIMESTAMP 'YYYY-MM-DD 00:00:00'` */
export const timestampLiteral = (iso: string): string => `TIMESTAMP '${iso} 00:00:00'`;

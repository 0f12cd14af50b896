/**
 * What the server needs from a SQL engine. The DuckDB engine implements it; another engine (PostgreSQL,
 * MySQL-protocol, ClickHouse) is one class implementing it plus one `Dialect` for its SQL.
 */

/** A result read column by column, numbers already in the wire convention. */
export interface EngineResult {
  names: string[];
  /** Engine type names, e.g. `BIGINT`, `DECIMAL(12,2)`, `VARCHAR`. */
  types: string[];
  /** One value array per column (also for empty results). */
  columns: unknown[][];
  /**
   * Per column: true when the column held integers or decimals beyond ±2^53, so its values are exact decimal
   * strings instead of numbers.
   */
  stringNumbers: boolean[];
  rowCount: number;
}

/** Handle of a running statement, for cancellation. */
export interface Execution {
  readonly result: Promise<EngineResult>;
  /** Stops the statement in the engine (not just the wait for it). */
  cancel(): void;
}

/** A pooled SQL engine with a statement timeout, cancellation and a bounded queue. */
export interface Engine {
  /** Runs one statement with bound values. Rejects with an `EngineError` on timeout, cancel, a full queue. */
  execute(sql: string, values: readonly unknown[], timeoutMs?: number, counted?: boolean): Execution;
  /** Runs an internal read (not counted in `executed`). */
  query(sql: string, values?: readonly unknown[]): Promise<EngineResult>;
  /** Statements waiting for a connection. */
  readonly queued: number;
  /** Query statements executed so far. */
  readonly executed: number;
  /** Waits for running statements (up to `graceMs`), stops the rest, closes. */
  close(graceMs?: number): Promise<void>;
}

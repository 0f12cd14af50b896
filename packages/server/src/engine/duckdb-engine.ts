/**
 * The embedded DuckDB engine: one database instance, a fixed pool of connections (the concurrency limit), a
 * bounded wait queue, a statement timeout and cancellation — both by `connection.interrupt()`, which really
 * stops the running statement.
 */

import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Engine, EngineResult, Execution } from './engine.js';

/** Engine settings. */
export interface EngineOptions {
  /** Path of the DuckDB file, or `:memory:`. */
  path: string;
  /** Statements running at once (one connection each). Default 4. */
  concurrency?: number;
  /** Statements waiting for a connection before new ones are refused. Default 64. */
  maxQueue?: number;
  /** Default statement timeout in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Open the file read-only. */
  readOnly?: boolean;
  /** DuckDB threads. */
  threads?: number;
}

export type { EngineResult, Execution } from './engine.js';

/** Why a statement did not finish. */
export class EngineError extends Error {
  constructor(
    readonly reason: 'timeout' | 'cancelled' | 'busy' | 'closed' | 'failed',
    message: string,
    /** For timeouts: the limit in seconds. */
    readonly seconds?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

interface Waiter {
  resolve(connection: DuckDBConnection): void;
  reject(error: Error): void;
}

/** The DuckDB engine with its connection pool. */
export class DuckDBEngine implements Engine {
  private readonly idle: DuckDBConnection[] = [];
  private readonly all: DuckDBConnection[] = [];
  private readonly waiters: Waiter[] = [];
  private closed = false;
  /** Query statements executed (not internal reads), for tests and the single-flight bench. */
  executed = 0;

  private constructor(
    readonly instance: DuckDBInstance,
    private readonly options: Required<Pick<EngineOptions, 'concurrency' | 'maxQueue' | 'timeoutMs'>>,
  ) {}

  /** Opens the database and its connections. */
  static async open(options: EngineOptions): Promise<DuckDBEngine> {
    const config: Record<string, string> = {};
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    if (options.threads) config.threads = String(options.threads);
    const instance = await DuckDBInstance.create(options.path, config);
    const engine = new DuckDBEngine(instance, {
      concurrency: options.concurrency ?? 4,
      maxQueue: options.maxQueue ?? 64,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
    for (let i = 0; i < engine.options.concurrency; i++) {
      const connection = await instance.connect();
      engine.all.push(connection);
      engine.idle.push(connection);
    }
    return engine;
  }

  /** Statements waiting for a connection. */
  get queued(): number {
    return this.waiters.length;
  }

  /** Runs one statement with bound values. */
  execute(
    sql: string,
    values: readonly unknown[],
    timeoutMs = this.options.timeoutMs,
    counted = true,
  ): Execution {
    let cancelled = false;
    let running: DuckDBConnection | undefined;
    let timedOut = false;
    let stopping: NodeJS.Timeout | undefined;
    const result = (async () => {
      const connection = await this.acquire();
      if (cancelled) {
        this.release(connection);
        throw new EngineError('cancelled', 'The query was cancelled.');
      }
      running = connection;
      const timer = setTimeout(() => {
        timedOut = true;
        stopping = keepInterrupting(connection);
      }, timeoutMs);
      try {
        if (counted) this.executed++;
        const reader = await connection.runAndReadAll(sql, values as DuckDBValue[]);
        const types = reader.columnTypes().map((t) => t.toString());
        const columns = reader.getColumnsJS() as unknown[][];
        // An empty result has no chunks, so no column arrays: every column still gets one (empty).
        while (columns.length < types.length) columns.push([]);
        const stringNumbers = columns.map((column, i) =>
          normaliseNumbers(column, types[i]!, () => reader.getColumns()[i]!),
        );
        return {
          names: reader.columnNames(),
          types,
          columns,
          stringNumbers,
          rowCount: reader.currentRowCount,
        };
      } catch (error) {
        if (timedOut)
          throw new EngineError(
            'timeout',
            `The query ran longer than the ${timeoutMs} ms limit and was stopped.`,
            timeoutMs / 1000,
          );
        if (cancelled) throw new EngineError('cancelled', 'The query was cancelled.');
        throw new EngineError('failed', (error as Error).message);
      } finally {
        clearTimeout(timer);
        clearInterval(stopping);
        running = undefined;
        this.release(connection);
      }
    })();
    return {
      result,
      cancel: () => {
        cancelled = true;
        if (running && !stopping) stopping = keepInterrupting(running);
      },
    };
  }

  /** Runs a statement and waits for it (internal reads such as table versions; not counted in `executed`). */
  async query(sql: string, values: readonly unknown[] = []): Promise<EngineResult> {
    return this.execute(sql, values, this.options.timeoutMs, false).result;
  }

  private acquire(): Promise<DuckDBConnection> {
    if (this.closed) return Promise.reject(new EngineError('closed', 'The server is shutting down.'));
    const connection = this.idle.pop();
    if (connection) return Promise.resolve(connection);
    if (this.waiters.length >= this.options.maxQueue) {
      return Promise.reject(
        new EngineError(
          'busy',
          `All ${this.options.concurrency} query slots are busy and ${this.options.maxQueue} queries are waiting.`,
        ),
      );
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(connection: DuckDBConnection): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(connection);
    else this.idle.push(connection);
  }

  /** Waits for running statements (up to `graceMs`, then interrupts them) and closes the database. */
  async close(graceMs = 5_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiters.splice(0))
      waiter.reject(new EngineError('closed', 'The server is shutting down.'));
    const deadline = Date.now() + graceMs;
    while (this.idle.length < this.all.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    for (const connection of this.all) if (!this.idle.includes(connection)) connection.interrupt();
    while (this.idle.length < this.all.length) await new Promise((r) => setTimeout(r, 10));
    for (const connection of this.all) connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * Interrupts now and every 20 ms until cleared: an interrupt that arrives before DuckDB has started executing
 * the statement is not remembered, so one call alone can be lost.
 */
function keepInterrupting(connection: DuckDBConnection): NodeJS.Timeout {
  connection.interrupt();
  return setInterval(() => connection.interrupt(), 20);
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Rewrites a column in place to the wire convention: bigints become numbers when every value is within ±2^53,
 * else every value becomes an exact decimal string; non-finite doubles become null. Returns true for strings.
 */
function normaliseNumbers(column: unknown[], type: string, raw: () => unknown[]): boolean {
  if (type.startsWith('DECIMAL')) {
    if (!column.some((v) => typeof v === 'number' && Math.abs(v) > Number.MAX_SAFE_INTEGER)) return false;
    const exact = raw();
    for (let i = 0; i < column.length; i++) column[i] = exact[i] === null ? null : String(exact[i]);
    return true;
  }
  if (type === 'DOUBLE' || type === 'FLOAT') {
    for (let i = 0; i < column.length; i++) {
      const v = column[i];
      if (typeof v === 'number' && !Number.isFinite(v)) column[i] = null;
    }
    return false;
  }
  if (!column.some((v) => typeof v === 'bigint')) return false;
  const unsafe = column.some((v) => typeof v === 'bigint' && (v > SAFE || v < -SAFE));
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (typeof v === 'bigint') column[i] = unsafe ? v.toString() : Number(v);
  }
  return unsafe;
}

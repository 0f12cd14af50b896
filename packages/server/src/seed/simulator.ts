import type { DuckDBConnection } from '@duckdb/node-api';
import { prepareSession } from './session';
import {
  completeServiceRequestsSql,
  gateEntriesSql,
  networkSamplesSql,
  preparePeopleSlots,
  serviceRequestsSql,
} from './tables/activity';

/** Tables the live simulator appends to. */
export const LIVE_TABLES = ['network_samples', 'gate_entries', 'service_requests'] as const;
export type LiveTable = (typeof LIVE_TABLES)[number];

/** Options of {@link LiveSimulator}. */
export interface LiveSimulatorOptions {
  /** Real time between ticks in milliseconds; default 5000. */
  readonly intervalMs?: number;
  /** Simulated minutes each tick adds (a multiple of 5, for the 5-minute network samples); default 5. */
  readonly stepMinutes?: number;
  /** Called after every tick with the new table versions. */
  readonly onTick?: (tick: LiveTick) => void;
  /** Called when a tick fails; the simulator keeps running. Default: log to stderr. */
  readonly onError?: (error: Error) => void;
}

/** What one tick changed. */
export interface LiveTick {
  /** 1-based tick number since start. */
  readonly tick: number;
  /** Simulated interval covered, ISO timestamps (start inclusive, end exclusive). */
  readonly from: string;
  readonly to: string;
  /** Per table: new version, rows added by the tick, and total rows. */
  readonly tables: Readonly<Record<LiveTable, { version: number; inserted: number; rows: number }>>;
}

const isoTimestamp = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

/**
 * Keeps a seeded warehouse moving: every `intervalMs` it appends the next `stepMinutes` of simulated time
 * to `network_samples`, `gate_entries` and `service_requests` (with the same daily, weekly and term cycles
 * as the history), completes service requests whose time has come, and bumps each table's version in
 * `table_versions` — all in one transaction.
 *
 * Give it a connection of its own (`instance.connect()`): it creates TEMP objects on it.
 *
 * @example
 * const simulator = new LiveSimulator(await instance.connect(), { onTick: (t) => notify(t.tables) });
 * await simulator.start();
 * // …
 * await simulator.stop();
 */
export class LiveSimulator {
  readonly #connection: DuckDBConnection;
  readonly #intervalMs: number;
  readonly #stepMinutes: number;
  readonly #listeners = new Set<(tick: LiveTick) => void>();
  readonly #onError: (error: Error) => void;
  #scale = 1;
  #clock: Date | null = null;
  #ticks = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #inFlight: Promise<unknown> = Promise.resolve();

  constructor(connection: DuckDBConnection, options: LiveSimulatorOptions = {}) {
    const intervalMs = options.intervalMs ?? 5000;
    const stepMinutes = options.stepMinutes ?? 5;
    if (!Number.isFinite(intervalMs) || intervalMs < 10) {
      throw new RangeError(
        `LiveSimulator: intervalMs ${intervalMs} is invalid; use at least 10 (milliseconds).`,
      );
    }
    if (!Number.isInteger(stepMinutes) || stepMinutes < 5 || stepMinutes % 5 !== 0) {
      throw new RangeError(
        `LiveSimulator: stepMinutes ${stepMinutes} is invalid; use a multiple of 5 (network samples are 5-minutely).`,
      );
    }
    this.#connection = connection;
    this.#intervalMs = intervalMs;
    this.#stepMinutes = stepMinutes;
    this.#onError =
      options.onError ?? ((error) => console.error(`campus-cockpit live simulator: ${error.message}`));
    if (options.onTick) this.#listeners.add(options.onTick);
  }

  /** Whether ticks are scheduled. */
  get running(): boolean {
    return this.#running;
  }

  /** The simulated time the next tick starts at (null before the first tick or start). */
  get clock(): string | null {
    return this.#clock ? isoTimestamp(this.#clock) : null;
  }

  /** Registers a tick listener; returns a function that removes it. */
  subscribe(listener: (tick: LiveTick) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts ticking every `intervalMs` (the first tick after one interval). */
  async start(): Promise<void> {
    if (this.#running) return;
    await this.#prepare();
    this.#running = true;
    this.#schedule();
  }

  /** Stops ticking and waits for a tick in progress to finish. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#inFlight.catch(() => undefined);
  }

  /** Runs one tick now (also usable without `start`, e.g. in tests or to catch up). */
  async tick(): Promise<LiveTick> {
    const run = this.#inFlight.catch(() => undefined).then(() => this.#tick());
    this.#inFlight = run;
    return run;
  }

  #schedule(): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.tick()
        .catch((error: unknown) => this.#onError(error instanceof Error ? error : new Error(String(error))))
        .finally(() => this.#schedule());
    }, this.#intervalMs);
  }

  async #prepare(): Promise<void> {
    if (this.#clock) return;
    const reader = await this.#connection.runAndReadAll(`
      SELECT m.seed, m.scale, coalesce(max(n.sample_time) + INTERVAL 5 MINUTE, m.live_start)::VARCHAR
      FROM seed_metadata m LEFT JOIN network_samples n ON TRUE GROUP BY m.seed, m.scale, m.live_start`);
    const row = reader.getRows()[0];
    if (!row)
      throw new Error(
        'LiveSimulator: seed_metadata is empty; generate the warehouse with `campus-cockpit seed` first.',
      );
    const [seed, scale, clock] = row;
    await prepareSession(this.#connection, Number(seed));
    await preparePeopleSlots(this.#connection);
    this.#scale = Number(scale);
    this.#clock = new Date(`${String(clock).replace(' ', 'T')}Z`);
  }

  async #tick(): Promise<LiveTick> {
    await this.#prepare();
    const from = this.#clock!;
    const to = new Date(from.getTime() + this.#stepMinutes * 60_000);
    const fromText = isoTimestamp(from);
    const toText = isoTimestamp(to);
    const counts = async () => {
      const reader = await this.#connection.runAndReadAll(
        `SELECT (SELECT count(*) FROM network_samples), (SELECT count(*) FROM gate_entries), (SELECT count(*) FROM service_requests),
           (SELECT count(*) FROM service_requests WHERE status = '办理中')`,
      );
      return reader.getRows()[0]!.map(Number);
    };
    await this.#connection.run('BEGIN TRANSACTION');
    try {
      const before = await counts();
      await this.#connection.run(networkSamplesSql(fromText, this.#stepMinutes / 5));
      await this.#connection.run(gateEntriesSql(fromText, 1, this.#stepMinutes, this.#scale));
      await this.#connection.run(completeServiceRequestsSql(toText));
      await this.#connection.run(serviceRequestsSql(fromText, 1, this.#stepMinutes, this.#scale, toText));
      const after = await counts();
      await this.#connection.run(`
        UPDATE table_versions SET version = version + 1, updated_at = TIMESTAMP '${toText}',
          row_count = CASE table_name WHEN 'network_samples' THEN ${after[0]} WHEN 'gate_entries' THEN ${after[1]} ELSE ${after[2]} END
        WHERE table_name IN (${LIVE_TABLES.map((t) => `'${t}'`).join(', ')})`);
      const versions = await this.#connection.runAndReadAll(
        `SELECT table_name, version FROM table_versions WHERE table_name IN (${LIVE_TABLES.map((t) => `'${t}'`).join(', ')})`,
      );
      await this.#connection.run('COMMIT');
      const version = Object.fromEntries(
        versions.getRows().map(([name, value]) => [String(name), Number(value)]),
      );
      this.#clock = to;
      this.#ticks += 1;
      const tick: LiveTick = {
        tick: this.#ticks,
        from: fromText,
        to: toText,
        tables: {
          network_samples: {
            version: version.network_samples!,
            inserted: after[0]! - before[0]!,
            rows: after[0]!,
          },
          gate_entries: { version: version.gate_entries!, inserted: after[1]! - before[1]!, rows: after[1]! },
          service_requests: {
            version: version.service_requests!,
            inserted: after[2]! - before[2]!,
            rows: after[2]!,
          },
        },
      };
      for (const listener of this.#listeners) listener(tick);
      return tick;
    } catch (error) {
      await this.#connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

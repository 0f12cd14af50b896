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
  /**
   * `simulated` (default): every tick adds the next `stepMinutes` after the data, whatever the time is.
   * `wall`: every tick adds the time elapsed on the campus clock (China Standard Time, UTC+8) since the
   * data ends, so live rows carry today's timestamps; nothing is added while the data is ahead of the clock.
   */
  readonly clock?: 'simulated' | 'wall';
  /** Simulated minutes each tick adds (a multiple of 5, for the 5-minute network samples); default 5. */
  readonly stepMinutes?: number;
  /** Wall clock only: at most this many minutes are caught up at once (older gaps are skipped); default 1440. */
  readonly maxCatchUpMinutes?: number;
  /** Wall clock only: the current instant (for tests); default `() => new Date()`. */
  readonly now?: () => Date;
  /** Called after every tick that added rows, with the new table versions. */
  readonly onTick?: (tick: LiveTick) => void;
  /** Called when a scheduled tick fails; the simulator keeps running. Default: log to stderr. */
  readonly onError?: (error: Error) => void;
}

/** What one tick changed. */
export interface LiveTick {
  /** 1-based number of the tick among those that added rows. */
  readonly tick: number;
  /** Campus-time interval covered, `YYYY-MM-DD HH:MM:SS` (start inclusive, end exclusive). */
  readonly from: string;
  readonly to: string;
  /** Per table: new version, rows added by the tick, and total rows. */
  readonly tables: Readonly<Record<LiveTable, { version: number; inserted: number; rows: number }>>;
}

const MINUTE_MS = 60_000;
const SLOT_MS = 5 * MINUTE_MS;
/** China Standard Time has no daylight saving: campus time is UTC+8 all year. */
const CAMPUS_UTC_OFFSET_MS = 8 * 60 * MINUTE_MS;
/** Gate entries and service requests are drawn in buckets of at most 5 minutes (the activity level is hourly). */
const BUCKET_SECONDS = 300;

/** Formats a Date whose UTC fields hold campus time as a DuckDB timestamp literal body. */
const campusTimestamp = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');
const quoted = LIVE_TABLES.map((table) => `'${table}'`).join(', ');

/**
 * Keeps a seeded warehouse moving: every `intervalMs` it appends the next stretch of time to
 * `network_samples` (every AP, 5-minutely), `gate_entries` and `service_requests`, drawn with the same daily,
 * weekly and term cycles as the history; completes service requests whose processing time has passed; and
 * bumps each table's version in `table_versions` — all in one transaction. It continues where the data ends
 * (`seed_metadata.live_start` on a fresh warehouse), so it can be stopped and started again.
 *
 * Give it a connection of its own (`instance.connect()`, on a read-write instance): it creates TEMP objects.
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
  readonly #clockMode: 'simulated' | 'wall';
  readonly #stepMinutes: number;
  readonly #maxCatchUpMinutes: number;
  readonly #now: () => Date;
  readonly #listeners = new Set<(tick: LiveTick) => void>();
  readonly #onError: (error: Error) => void;
  #scale = 1;
  /** Campus time (in the UTC fields) where the data ends. */
  #clock: Date | null = null;
  #ticks = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #inFlight: Promise<unknown> = Promise.resolve();

  constructor(connection: DuckDBConnection, options: LiveSimulatorOptions = {}) {
    const intervalMs = options.intervalMs ?? 5000;
    const stepMinutes = options.stepMinutes ?? 5;
    const maxCatchUpMinutes = options.maxCatchUpMinutes ?? 24 * 60;
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
    if (!Number.isInteger(maxCatchUpMinutes) || maxCatchUpMinutes < 5) {
      throw new RangeError(
        `LiveSimulator: maxCatchUpMinutes ${maxCatchUpMinutes} is invalid; use a whole number ≥ 5.`,
      );
    }
    if (options.clock !== undefined && options.clock !== 'simulated' && options.clock !== 'wall') {
      throw new RangeError(
        `LiveSimulator: clock "${String(options.clock)}" is invalid; use 'simulated' or 'wall'.`,
      );
    }
    this.#connection = connection;
    this.#intervalMs = intervalMs;
    this.#clockMode = options.clock ?? 'simulated';
    this.#stepMinutes = stepMinutes;
    this.#maxCatchUpMinutes = maxCatchUpMinutes;
    this.#now = options.now ?? (() => new Date());
    this.#onError =
      options.onError ?? ((error) => console.error(`campus-cockpit live simulator: ${error.message}`));
    if (options.onTick) this.#listeners.add(options.onTick);
  }

  /** Whether ticks are scheduled. */
  get running(): boolean {
    return this.#running;
  }

  /** Campus time where the data ends and the next tick starts (null before the first tick or start). */
  get clock(): string | null {
    return this.#clock ? campusTimestamp(this.#clock) : null;
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

  /**
   * Runs one tick now (also usable without `start`, e.g. in tests or to catch up). Resolves to what it
   * added, or null when the wall clock has not moved past the data yet.
   */
  async tick(): Promise<LiveTick | null> {
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
    const required = [
      'seed_metadata',
      'table_versions',
      'dim_access_point',
      'dim_gate',
      'dim_service_item',
      ...LIVE_TABLES,
    ];
    const present = await this.#connection.runAndReadAll(
      `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = current_schema()`,
    );
    const names = new Set(present.getRows().map(([name]) => String(name)));
    const missing = required.filter((table) => !names.has(table));
    if (missing.length > 0) {
      throw new Error(
        `LiveSimulator: the database is not a seeded warehouse (missing ${missing.join(', ')}); generate it with \`campus-cockpit seed\` first.`,
      );
    }
    const reader = await this.#connection.runAndReadAll(`
      SELECT m.seed, m.scale,
        greatest(m.live_start, max(n.sample_time) + INTERVAL 5 MINUTE, max(g.entry_time), max(r.submitted_at))::VARCHAR
      FROM seed_metadata m
      LEFT JOIN (SELECT max(sample_time) AS sample_time FROM network_samples) n ON TRUE
      LEFT JOIN (SELECT max(entry_time) AS entry_time FROM gate_entries) g ON TRUE
      LEFT JOIN (SELECT max(submitted_at) AS submitted_at FROM service_requests) r ON TRUE
      GROUP BY m.seed, m.scale, m.live_start`);
    const row = reader.getRows()[0];
    if (!row) {
      throw new Error(
        'LiveSimulator: seed_metadata is empty; generate the warehouse with `campus-cockpit seed` first.',
      );
    }
    const [seed, scale, clock] = row;
    await prepareSession(this.#connection, Number(seed));
    await preparePeopleSlots(this.#connection);
    this.#scale = Number(scale);
    // Continue on a whole second: rows at the end instant itself are already there.
    const end = new Date(`${String(clock).replace(' ', 'T').slice(0, 19)}Z`);
    this.#clock = end.getTime() % 1000 === 0 ? end : new Date(Math.ceil(end.getTime() / 1000) * 1000);
  }

  /** End of the next interval, or null when there is nothing to add yet. */
  #nextEnd(from: Date): Date | null {
    if (this.#clockMode === 'simulated') return new Date(from.getTime() + this.#stepMinutes * MINUTE_MS);
    const campusNow = Math.floor((this.#now().getTime() + CAMPUS_UTC_OFFSET_MS) / 1000) * 1000;
    return campusNow > from.getTime() ? new Date(campusNow) : null;
  }

  async #tick(): Promise<LiveTick | null> {
    await this.#prepare();
    let from = this.#clock!;
    const to = this.#nextEnd(from);
    if (!to) return null;
    if (to.getTime() - from.getTime() > this.#maxCatchUpMinutes * MINUTE_MS) {
      from = new Date(Math.floor((to.getTime() - this.#maxCatchUpMinutes * MINUTE_MS) / SLOT_MS) * SLOT_MS);
    }
    const statements = this.#statements(from, to);
    const counts = async () => {
      const reader = await this.#connection.runAndReadAll(
        'SELECT (SELECT count(*) FROM network_samples), (SELECT count(*) FROM gate_entries), (SELECT count(*) FROM service_requests)',
      );
      return reader.getRows()[0]!.map(Number);
    };
    await this.#connection.run('BEGIN TRANSACTION');
    try {
      const before = await counts();
      for (const statement of statements) await this.#connection.run(statement);
      const after = await counts();
      const toText = campusTimestamp(to);
      await this.#connection.run(`
        UPDATE table_versions SET version = version + 1, updated_at = TIMESTAMP '${toText}',
          row_count = CASE table_name WHEN 'network_samples' THEN ${after[0]} WHEN 'gate_entries' THEN ${after[1]} ELSE ${after[2]} END
        WHERE table_name IN (${quoted})`);
      const versions = await this.#connection.runAndReadAll(
        `SELECT table_name, version FROM table_versions WHERE table_name IN (${quoted})`,
      );
      await this.#connection.run('COMMIT');
      const version = Object.fromEntries(
        versions.getRows().map(([name, value]) => [String(name), Number(value)]),
      );
      this.#clock = to;
      this.#ticks += 1;
      const entry = (table: LiveTable, index: number) => ({
        version: version[table]!,
        inserted: after[index]! - before[index]!,
        rows: after[index]!,
      });
      const tick: LiveTick = {
        tick: this.#ticks,
        from: campusTimestamp(from),
        to: toText,
        tables: {
          network_samples: entry('network_samples', 0),
          gate_entries: entry('gate_entries', 1),
          service_requests: entry('service_requests', 2),
        },
      };
      for (const listener of this.#listeners) listener(tick);
      return tick;
    } catch (error) {
      await this.#connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** The statements adding [from, to): samples at the 5-minute instants inside it, buckets of ≤ 5 minutes. */
  #statements(from: Date, to: Date): string[] {
    const statements: string[] = [];
    const firstSlot = Math.ceil(from.getTime() / SLOT_MS) * SLOT_MS;
    const slots = Math.max(0, Math.ceil((to.getTime() - firstSlot) / SLOT_MS));
    if (slots > 0) statements.push(networkSamplesSql(campusTimestamp(new Date(firstSlot)), slots));
    const seconds = Math.round((to.getTime() - from.getTime()) / 1000);
    const fullBuckets = Math.floor(seconds / BUCKET_SECONDS);
    const rest = seconds - fullBuckets * BUCKET_SECONDS;
    const toText = campusTimestamp(to);
    statements.push(completeServiceRequestsSql(toText));
    const buckets: [start: Date, count: number, size: number][] = [];
    if (fullBuckets > 0) buckets.push([from, fullBuckets, BUCKET_SECONDS]);
    if (rest > 0) buckets.push([new Date(from.getTime() + fullBuckets * BUCKET_SECONDS * 1000), 1, rest]);
    for (const [start, count, size] of buckets) {
      statements.push(gateEntriesSql(campusTimestamp(start), count, size, this.#scale));
      statements.push(serviceRequestsSql(campusTimestamp(start), count, size, this.#scale, toText));
    }
    return statements;
  }
}

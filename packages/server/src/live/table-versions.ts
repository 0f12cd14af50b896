/**
 * Watches the warehouse's `table_versions` table (bumped by every write of the data loader or the live
 * simulator) and tells listeners which tables changed. The combined version is part of every cache key.
 */

import type { Engine } from '../engine/engine.js';
import type { Logger } from '../http/log.js';

/** Polls table versions. */
export class TableVersionWatcher {
  private versions = new Map<string, string>();
  private listeners: ((tables: string[]) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private counter = 0;
  private polling = false;
  private exists = false;

  constructor(
    private readonly engine: Engine,
    private readonly log: Logger,
    private readonly intervalMs = 1_000,
  ) {}

  /** An opaque version of all watched data; changes whenever a table changes. */
  get version(): string {
    return String(this.counter);
  }

  /** Reads the versions once and starts polling. */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Calls `listener` with the names of changed tables. */
  onChange(listener: (tables: string[]) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Reads `table_versions` now; exposed so tests need not wait for the interval. */
  async poll(): Promise<string[]> {
    if (this.polling) return [];
    this.polling = true;
    try {
      if (!this.exists) {
        const probe = await this.engine.query(
          "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'table_versions'",
        );
        this.exists = Number(probe.columns[0]?.[0] ?? 0) > 0;
        if (!this.exists) return [];
      }
      const result = await this.engine.query(
        'SELECT table_name, CAST(version AS VARCHAR) FROM table_versions',
      );
      const changed: string[] = [];
      const names = result.columns[0] ?? [];
      const versions = result.columns[1] ?? [];
      names.forEach((name, i) => {
        const version = String(versions[i]);
        if (this.versions.get(String(name)) !== version) changed.push(String(name));
        this.versions.set(String(name), version);
      });
      if (changed.length > 0 && this.counter++ >= 0 && this.listeners.length > 0) {
        for (const listener of this.listeners) listener(changed);
      }
      return changed;
    } catch (error) {
      const message = (error as Error).message;
      this.log('warn', 'table version poll failed', { error: message });
      return [];
    } finally {
      this.polling = false;
    }
  }
}

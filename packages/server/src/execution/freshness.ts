/**
 * How fresh a view's data is: the latest value of its freshness column, read once per data version (or every
 * few seconds when nothing announces changes) so that it costs nothing on the hot path.
 */

import type { ServerView } from '../catalog/types.js';
import type { Engine } from '../engine/engine.js';
import type { Dialect } from '../planner/dialect.js';

/** The `freshness` field of a response. */
export interface FreshnessInfo {
  /** Latest data time, local ISO 8601 (`YYYY-MM-DDTHH:MM:SS`) in the catalog time zone, or null when empty. */
  asOf: string | null;
  /** How often the source is loaded, in minutes, when the catalog says. */
  refreshMinutes?: number;
}

/** Without a live watcher the data version never moves: read again after this long anyway. */
const MAX_AGE_MS = 30_000;

/** Reads and remembers freshness per view. */
export class FreshnessTracker {
  private readonly known = new Map<
    string,
    { version: string; read: number; value: Promise<FreshnessInfo> }
  >();

  constructor(
    private readonly engine: Engine,
    private readonly dialect: Dialect,
  ) {}

  /** Freshness of a view, or undefined when the catalog names no freshness column. */
  async of(view: ServerView, dataVersion: string): Promise<FreshnessInfo | undefined> {
    const column = view.freshness?.column;
    if (!column)
      return view.freshness?.refreshMinutes
        ? { asOf: null, refreshMinutes: view.freshness.refreshMinutes }
        : undefined;
    const cached = this.known.get(view.name);
    if (cached && cached.version === dataVersion && Date.now() - cached.read < MAX_AGE_MS)
      return cached.value;
    const source = view.table
      ? view.table
          .split('.')
          .map((p) => this.dialect.quote(p))
          .join('.')
      : `(${view.sql})`;
    const value = this.engine
      .query(
        `SELECT strftime(CAST(max(${this.dialect.quote(column)}) AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S') FROM ${source} AS __source`,
      )
      .then((result) => {
        const info: FreshnessInfo = { asOf: (result.columns[0]?.[0] as string | null) ?? null };
        if (view.freshness?.refreshMinutes) info.refreshMinutes = view.freshness.refreshMinutes;
        return info;
      });
    this.known.set(view.name, { version: dataVersion, read: Date.now(), value });
    value.catch(() => this.known.delete(view.name));
    return value;
  }
}

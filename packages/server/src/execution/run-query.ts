/**
 * From a checked query to its response body: resolve against the catalog and rights, plan one statement, run it
 * through the cache and single-flight, and shape the columnar result.
 */

import { createHash } from 'node:crypto';
import type { Diagnostic, Locale, ParamValue, QueryIR, ValueType } from '@campus-cockpit/query';
import type { ServerCatalog } from '../catalog/types.js';
import type { Engine, EngineResult } from '../engine/engine.js';
import type { Dialect } from '../planner/dialect.js';
import { QueryRejected } from '../planner/diagnostics.js';
import { planQuery, type Plan } from '../planner/plan.js';
import { resolveQuery } from '../planner/resolve.js';
import type { ResolvedQuery } from '../planner/resolved.js';
import { rightsKey, type Principal } from '../security/principal.js';
import type { ResultCache } from './cache.js';
import type { FreshnessTracker } from './freshness.js';

/** One column of a response. */
export interface ResultColumn {
  /** Column key (see the IR's column keys); `@level` and `@others` are server markers. */
  key: string;
  kind: 'dimension' | 'measure' | 'previous' | 'change' | 'level' | 'others';
  member?: string;
  type: ValueType;
  granularity?: string;
  attribute?: string;
  /** The caller sees masked values of this personal field. */
  masked?: boolean;
  /** `string` when the values are exact decimal strings (integers or decimals beyond ±2^53). */
  encoding?: 'string';
}

/** The response to one query. */
export interface QueryResult {
  /** The output columns, described. */
  columns: ResultColumn[];
  /** One value array per column, each of length `rowCount`. */
  data: unknown[][];
  rowCount: number;
  /** True when the server's row cap cut rows the query asked for (never for the query's own `limit`). */
  truncated: boolean;
  /** The row limit applied. */
  limit: number;
  /** Rows before the limit, when asked for. */
  total?: number;
  timeZone: string;
  timeRange?: { dimension: string; start: string; end: string };
  compareRange?: { start: string; end: string };
  params: { applied: string[]; dropped: string[] };
  freshness?: { asOf: string | null; refreshMinutes?: number };
  warnings?: Diagnostic[];
}

/** What one execution needs from the server. */
export interface QueryContext {
  catalog: ServerCatalog;
  engine: Engine;
  dialect: Dialect;
  cache: ResultCache<QueryResult>;
  maxRows: number;
  timeoutMs: number;
  freshness: FreshnessTracker;
  /** Bumped when the data changes, so cached results of older data are never served. */
  dataVersion(): string;
  now(): Date;
}

/** Options of one request. */
export interface RunOptions {
  withTotal: boolean;
  params?: Record<string, ParamValue>;
  /** JSON Pointer of the query in the body. */
  path: string;
  /** Language of messages. Default `zh-CN`. */
  locale?: Locale;
  queryIndex?: number;
  /** Called with the running statement's cancel function (for 202 + DELETE). */
  onStart?: (cancel: () => void) => void;
}

/** Information for the audit log. */
export interface RunInfo {
  sql: string;
  cached: boolean;
  rows: number;
  view: string;
}

/** Resolves and plans a query; throws {@link QueryRejected} with every problem. */
export function prepareQuery(
  context: QueryContext,
  ir: QueryIR,
  principal: Principal,
  options: RunOptions,
): { resolved: ResolvedQuery; plan: Plan; warnings: Diagnostic[] } {
  const resolution = resolveQuery(ir, {
    catalog: context.catalog,
    principal,
    now: context.now(),
    path: options.path,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.params ? { params: options.params } : {}),
  });
  if (!resolution.ok) throw new QueryRejected(resolution.diagnostics, options.queryIndex);
  const resolved = resolution.query;
  for (const match of resolved.access?.rows?.matchAll(/\{claims\.([A-Za-z_][A-Za-z0-9_]*)\}/g) ?? []) {
    const claim = principal.claims[match[1]!];
    if (claim === undefined || claim === null || typeof claim === 'object') {
      throw new QueryRejected(
        [
          {
            code: 'forbidden-member',
            severity: 'error',
            path: `${options.path}/from`,
            message: `Your token has no '${match[1]}' claim, which the row policy of view '${resolved.view.name}' for role '${principal.role}' needs.`,
            hint: 'Ask for a token that carries it.',
          },
        ],
        options.queryIndex,
      );
    }
  }
  const plan = planQuery(resolved, context.catalog, context.dialect, {
    maxRows: context.maxRows,
    withTotal: options.withTotal,
  });
  const warnings: Diagnostic[] = [];
  return { resolved, plan, warnings };
}

/** Runs one query end to end. */
export async function runQuery(
  context: QueryContext,
  ir: QueryIR,
  principal: Principal,
  options: RunOptions,
): Promise<{ result: QueryResult; info: RunInfo }> {
  const { resolved, plan } = prepareQuery(context, ir, principal, options);
  const key = createHash('sha256')
    .update(
      JSON.stringify([plan.sql, plan.values, rightsKey(principal, context.catalog), context.dataVersion()]),
    )
    .digest('base64url');
  const { value, cached } = await context.cache.get(key, async () => {
    const execution = context.engine.execute(plan.sql, plan.values, context.timeoutMs);
    options.onStart?.(execution.cancel);
    const [raw, freshness] = await Promise.all([
      execution.result,
      context.freshness.of(resolved.view, context.dataVersion()).catch(() => undefined),
    ]);
    const result = shapeResult(resolved, plan, raw, context.catalog.timeZone);
    if (freshness) result.freshness = freshness;
    return result;
  });
  return { result: value, info: { sql: plan.sql, cached, rows: value.rowCount, view: resolved.view.name } };
}

function shapeResult(resolved: ResolvedQuery, plan: Plan, raw: EngineResult, timeZone: string): QueryResult {
  const outputs = plan.columns.length;
  let rowCount = raw.rowCount;
  const more = rowCount > plan.rowLimit;
  if (more) rowCount = plan.rowLimit;
  // Only the server's cap counts as truncation: rows beyond the query's own `limit` were not asked for.
  const truncated = more && plan.capped;
  const data = raw.columns.slice(0, outputs).map((column) => (more ? column.slice(0, rowCount) : column));
  const columns: ResultColumn[] = plan.columns.map((column, i) => {
    const shaped: ResultColumn = { ...column };
    if (raw.stringNumbers[i]) shaped.encoding = 'string';
    return shaped;
  });
  const result: QueryResult = {
    columns,
    data,
    rowCount,
    truncated,
    limit: plan.rowLimit,
    timeZone,
    params: resolved.params,
  };
  if (plan.withTotal) {
    const totals = raw.columns[outputs];
    result.total = totals && totals.length > 0 ? Number(totals[0]) : 0;
  }
  if (resolved.timeRange)
    result.timeRange = { dimension: resolved.timeRange.member, ...resolved.timeRange.echo };
  if (resolved.compare) result.compareRange = resolved.compare.echo;
  return result;
}

/**
 * `@campus-cockpit/client`: one shared source per page — catalog, local checking, batching, single flight,
 * cache, refresh, live updates and stale-data handling — for widgets and for plain scripts.
 *
 * @packageDocumentation
 */

export { createSource } from './source.js';
export type { Source, SourceOptions, QueryOptions, SourceStats } from './source.js';
export { QUERY_STATUSES, STALE_GRACE } from './feed.js';
export type { QueryState, QueryStatus, Watch, WatchOptions } from './feed.js';
export { QueryError, QUERY_ERROR_KINDS, describeError } from './errors.js';
export type { QueryErrorKind } from './errors.js';
export type { TokenProvider } from './token.js';
export { decodeResult, firstValue, isEmptyResult, resultRows } from './result.js';
export type { ColumnSpec, QueryResult, ResultColumn, ResultRow } from './result.js';
export { parseDuration } from './duration.js';
export { backoffDelay, MAX_BACKOFF } from './backoff.js';
export { stableStringify, bindParams, referencedParams, unboundParams } from './query-key.js';
export { ParamStore, paramNamesInText } from './params.js';
export type { ParamListener } from './params.js';
export { syncParamsWithUrl } from './url-sync.js';
export type { UrlSyncOptions } from './url-sync.js';
export { followDrillPath, drillTrail } from './drill.js';

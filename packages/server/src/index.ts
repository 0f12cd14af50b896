/**
 * `@campus-cockpit/server`: the reference warehouse server.
 *
 * @packageDocumentation
 */

export {
  startServer,
  type Limits,
  type LiveHooks,
  type RunningServer,
  type ServerOptions,
} from './http/server.js';
export { loadCatalogFile, parseCatalog, CatalogError, type CatalogIssue } from './catalog/load.js';
export { publicCatalog } from './catalog/public.js';
export type * from './catalog/types.js';
export { mintToken, type AuthOptions } from './security/auth.js';
export type { QueryResult, ResultColumn } from './execution/run-query.js';
export type { Dialect } from './planner/dialect.js';
export { duckdbDialect } from './planner/duckdb.js';

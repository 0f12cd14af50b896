/**
 * @campus-cockpit/server — reference campus warehouse server.
 *
 * Synthetic campus warehouse: generation, checksums and the live simulator.
 */
export {
  seedWarehouse,
  generateWarehouseFile,
  seedSteps,
  type SeedProgress,
  type SeedResult,
  type GenerateFileOptions,
} from './seed/generate';
export {
  resolveSeedOptions,
  SeedOptionError,
  SEED_FORMAT_VERSION,
  DEFAULT_AS_OF,
  DEFAULT_SCALE,
  DEFAULT_SEED,
  type SeedOptions,
  type SeedParameters,
} from './seed/options';
export { tableChecksums, type TableChecksum } from './seed/checksum';
export {
  LiveSimulator,
  LIVE_TABLES,
  type LiveSimulatorOptions,
  type LiveTick,
  type LiveTable,
} from './seed/simulator';
export { tableSpecs, tableSpec, type TableSpec, type ColumnSpec } from './seed/schema';
export { calendarDays, semesters, type CalendarDay, type Semester } from './seed/calendar';
export { campusBuildings, buildingFootprint, type PolygonGeometry } from './seed/geography';
export { CAMPUS_ORIGIN } from './seed/data/campus';
export { provinces, cities } from './seed/data/regions.generated';
export type { ProvinceRecord, CityRecord } from './seed/data/region-types';
export { holidayYears, type HolidayYear, type HolidaySchedule } from './seed/data/holidays';

/** The /v1 HTTP server. */
export {
  startServer,
  type ServerOptions,
  type RunningServer,
  type Limits,
  type LiveHooks,
} from './http/server';
export { simulatorHooks } from './commands/serve.js';
export { DuckDBEngine, EngineError, type EngineOptions } from './engine/duckdb-engine.js';
export type { Engine, EngineResult, Execution } from './engine/engine.js';
export { loadCatalogFile, parseCatalog, CatalogError, type CatalogIssue } from './catalog/load.js';
export { publicCatalog } from './catalog/public.js';
export type * from './catalog/types.js';
export { mintToken, type AuthOptions } from './security/auth.js';
export type { Principal } from './security/principal.js';
export type { QueryResult, ResultColumn } from './execution/run-query.js';
export type { Dialect } from './planner/dialect.js';
export { duckdbDialect } from './planner/duckdb.js';
export type { Logger } from './http/log.js';

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { resolveSeedOptions, SEED_FORMAT_VERSION, type SeedOptions, type SeedParameters } from './options';
import { createTableSql, tableSpecs } from './schema';
import { prepareSession } from './session';
import { dimensionSteps } from './tables/dimensions';
import { factSteps } from './tables/facts';
import { peopleSteps } from './tables/people';
import type { SeedContext, SeedStep } from './tables/step';
import { teachingSteps } from './tables/teaching';

/** Progress of one generated table. */
export interface SeedProgress {
  readonly table: string;
  /** 1-based position and total number of tables. */
  readonly index: number;
  readonly total: number;
  readonly rows: number;
  readonly milliseconds: number;
}

/** Result of a generation. */
export interface SeedResult {
  readonly params: SeedParameters;
  readonly tables: readonly { table: string; rows: number; milliseconds: number }[];
  readonly milliseconds: number;
}

export const GENERATOR_NAME = '@campus-cockpit/server seed';

/** Every generation step, in dependency order (dimensions, people, teaching, facts). */
export const seedSteps: readonly SeedStep[] = [
  ...dimensionSteps,
  ...peopleSteps,
  ...teachingSteps,
  ...factSteps,
];

/**
 * Fills an open connection's database with the synthetic campus warehouse: creates every table from the
 * schema, generates the rows in SQL, records the metadata and initial table versions.
 * The database must not already contain the warehouse tables.
 */
export async function seedWarehouse(
  connection: DuckDBConnection,
  options: SeedOptions = {},
  onProgress?: (progress: SeedProgress) => void,
): Promise<SeedResult> {
  const params = resolveSeedOptions(options);
  const started = performance.now();
  await prepareSession(connection, params.seed);
  const context: SeedContext = {
    connection,
    params,
    run: (sql) => connection.run(sql).then(() => undefined),
  };
  const existing = await connection.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = current_schema()
       AND NOT temporary AND table_name IN (${tableSpecs.map((spec) => `'${spec.name}'`).join(', ')}) ORDER BY table_name`,
  );
  const clashes = existing.getRows().map(([name]) => String(name));
  if (clashes.length > 0) {
    throw new Error(
      `The database already has warehouse tables (${clashes.join(', ')}); seed into an empty database or a new file.`,
    );
  }
  for (const spec of tableSpecs) await connection.run(createTableSql(spec));

  const tables: { table: string; rows: number; milliseconds: number }[] = [];
  const total = seedSteps.length + 2;
  const report = async (table: string, stepStarted: number) => {
    const rows = Number((await connection.runAndReadAll(`SELECT count(*) FROM "${table}"`)).getRows()[0]![0]);
    const milliseconds = Math.round(performance.now() - stepStarted);
    tables.push({ table, rows, milliseconds });
    onProgress?.({ table, index: tables.length, total, rows, milliseconds });
  };
  for (const step of seedSteps) {
    const stepStarted = performance.now();
    await step.build(context);
    await report(step.table, stepStarted);
  }

  let stepStarted = performance.now();
  const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0]![0] as string;
  await connection.run(`
    INSERT INTO seed_metadata VALUES (${params.seed}, ${params.scale}, DATE '${params.asOf}', ${SEED_FORMAT_VERSION},
      '${GENERATOR_NAME}', '${version}', DATE '${params.historyStart}', TIMESTAMP '${params.liveStart} 00:00:00')`);
  await report('seed_metadata', stepStarted);
  stepStarted = performance.now();
  const counted = tables.map(
    ({ table, rows }) => `('${table}', 1, ${rows}, TIMESTAMP '${params.liveStart} 00:00:00')`,
  );
  await connection.run(
    `INSERT INTO table_versions VALUES ${counted.join(', ')}, ('table_versions', 1, ${counted.length + 1}, TIMESTAMP '${params.liveStart} 00:00:00')`,
  );
  await report('table_versions', stepStarted);
  return { params, tables, milliseconds: Math.round(performance.now() - started) };
}

/** Options of {@link generateWarehouseFile}. */
export interface GenerateFileOptions extends SeedOptions {
  /** Output DuckDB file. */
  readonly out: string;
  /** Replace an existing file (default false: an existing file is an error). */
  readonly overwrite?: boolean;
  /** DuckDB worker threads (default: DuckDB's choice). Results do not depend on it. */
  readonly threads?: number;
  readonly onProgress?: (progress: SeedProgress) => void;
}

/**
 * Generates the warehouse into a new DuckDB file. The file is written under a temporary name and renamed
 * when complete, so a failed or interrupted run never leaves a half-written warehouse at `out`.
 */
export async function generateWarehouseFile(options: GenerateFileOptions): Promise<SeedResult> {
  resolveSeedOptions(options);
  if (existsSync(options.out) && !options.overwrite) {
    throw new Error(
      `${options.out} already exists; delete it, choose another --out, or pass --force to replace it.`,
    );
  }
  const directory = dirname(resolve(options.out));
  if (!existsSync(directory)) {
    throw new Error(
      `the folder ${directory} for ${options.out} does not exist; create it first or choose another --out.`,
    );
  }
  const partial = `${options.out}.partial`;
  const removePartial = () => {
    rmSync(partial, { force: true });
    rmSync(`${partial}.wal`, { force: true });
  };
  removePartial();
  const instance = await DuckDBInstance.create(
    partial,
    options.threads ? { threads: String(options.threads) } : {},
  );
  let result: SeedResult;
  try {
    const connection = await instance.connect();
    try {
      result = await seedWarehouse(connection, options, options.onProgress);
      await connection.run('CHECKPOINT');
    } finally {
      connection.closeSync();
    }
  } catch (error) {
    instance.closeSync();
    removePartial();
    throw error;
  }
  instance.closeSync();
  rmSync(`${options.out}.wal`, { force: true });
  renameSync(partial, options.out);
  return result;
}

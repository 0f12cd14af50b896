/**
 * Seed generation and live-simulator speed at scale 1.
 *
 *   npm run bench:seed
 *
 * Prints one line per figure: the whole generation against the 60 s goal, the slowest tables, and the
 * median live-simulator tick.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWarehouseFile, LiveSimulator } from '@campus-cockpit/server';

const GOAL_SECONDS = 60;
const directory = mkdtempSync(join(tmpdir(), 'campus-cockpit-bench-seed-'));
try {
  const out = join(directory, 'warehouse.duckdb');
  const started = performance.now();
  const result = await generateWarehouseFile({ out, scale: 1 });
  const seconds = (performance.now() - started) / 1000;
  const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(
    `seed scale 1 (file, ${rows} rows): ${seconds.toFixed(1)} s, baseline ${GOAL_SECONDS} s, ratio ${(seconds / GOAL_SECONDS).toFixed(2)}`,
  );
  for (const table of [...result.tables].sort((a, b) => b.milliseconds - a.milliseconds).slice(0, 4)) {
    console.log(
      `seed table ${table.table} (${table.rows} rows): ${(table.milliseconds / 1000).toFixed(1)} s`,
    );
  }

  const instance = await DuckDBInstance.create(out);
  try {
    const simulator = new LiveSimulator(await instance.connect());
    await simulator.tick();
    const ticks: number[] = [];
    for (let tick = 0; tick < 10; tick++) {
      const tickStarted = performance.now();
      await simulator.tick();
      ticks.push(performance.now() - tickStarted);
    }
    ticks.sort((a, b) => a - b);
    console.log(
      `live simulator tick at scale 1 (median of 10): ${ticks[5]!.toFixed(0)} ms, baseline 5000 ms, ratio ${(ticks[5]! / 5000).toFixed(3)}`,
    );
  } finally {
    instance.closeSync();
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}

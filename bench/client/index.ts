/**
 * `npm run bench:client`: the data client in Chromium against the reference server on a freshly seeded
 * warehouse with the live simulator running.
 *
 *   20 widgets, one query: N requests   (goal 1)
 *   20 queries in one tick: N requests  (goal 1)
 *   cache-hit latency: N µs
 *   heap growth from refresh 1,000 to 10,000: N MB  (goal ≤ 0.5 MB)
 *   live latency p95: N ms              (goal ≤ 1,000 ms: simulator tick → the tile shows the new value)
 */
import { chromiumArgs, chromiumPath } from '../../scripts/test/chromium.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { LiveSimulator, generateWarehouseFile, startServer } from '@campus-cockpit/server';

const LIVE_TICKS = 20;
const TICK_INTERVAL = 1_000;

const dir = mkdtempSync(join(tmpdir(), 'cc-bench-client-'));
const staticDir = join(dir, 'static');
mkdirSync(staticDir);

async function bundlePage(): Promise<void> {
  await build({
    entryPoints: [new URL('./page.ts', import.meta.url).pathname],
    outfile: join(staticDir, 'bench.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'chrome109',
    conditions: ['source'],
    tsconfig: new URL('../../tsconfig.base.json', import.meta.url).pathname,
    logLevel: 'error',
  });
  writeFileSync(
    join(staticDir, 'bench.html'),
    '<!doctype html><meta charset="utf-8"><title>bench:client</title><script type="module" src="/bench.js"></script>',
  );
}

const ticks: number[] = [];
let recordTicks = false;

async function main(): Promise<void> {
  const db = join(dir, 'warehouse.duckdb');
  await Promise.all([generateWarehouseFile({ out: db, scale: 0.02 }), bundlePage()]);
  const server = await startServer({
    db,
    port: 0,
    staticDir,
    logger: () => {},
    live: {
      async start(engine, changed) {
        const connection = await engine.instance.connect();
        const simulator = new LiveSimulator(connection, {
          intervalMs: TICK_INTERVAL,
          onTick: () => {
            if (recordTicks) ticks.push(Date.now());
            changed();
          },
        });
        await simulator.start();
        return async () => {
          await simulator.stop();
          connection.closeSync();
        };
      },
    },
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...chromiumArgs, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench.html`);
    await page.waitForFunction(() => 'bench' in window);

    const same = await page.evaluate(() =>
      window.bench.requestsFor(Array(20).fill('from students | measure headcount | segment enrolled')),
    );
    console.log(`20 widgets, one query: ${same} requests`);

    const distinct = await page.evaluate(() =>
      window.bench.requestsFor(
        Array.from({ length: 20 }, (_, i) => `from students | measure headcount | limit ${i + 1}`),
      ),
    );
    console.log(`20 queries in one tick: ${distinct} requests`);

    const micros = await page.evaluate(() =>
      window.bench.cacheHitMicros('from loans | measure loans', 2_000),
    );
    console.log(`cache-hit latency: ${micros.toFixed(1)} µs`);

    const growth = await page.evaluate(() =>
      window.bench.heapGrowth('from students | measure headcount | segment enrolled', 1_000, 10_000),
    );
    console.log(`heap growth from refresh 1,000 to 10,000: ${(growth / 1e6).toFixed(2)} MB`);

    await page.evaluate(() => window.bench.followLive('from network | measure traffic_gb'));
    recordTicks = true;
    await new Promise((resolve) => setTimeout(resolve, (LIVE_TICKS + 1) * TICK_INTERVAL + 500));
    recordTicks = false;
    const changes = await page.evaluate(() => window.bench.liveChanges());
    const latencies = ticks
      .map((tick, i) => changes.find((change) => change >= tick && change < (ticks[i + 1] ?? Infinity)))
      .map((change, i) => (change === undefined ? undefined : change - ticks[i]!))
      .filter((latency): latency is number => latency !== undefined)
      .sort((a, b) => a - b);
    const p95 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.95) - 1)];
    console.log(
      `live latency p95: ${p95 === undefined ? 'n/a' : Math.round(p95)} ms (${latencies.length} of ${ticks.length} ticks seen)`,
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

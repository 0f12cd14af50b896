/**
 * The demo as a new user meets it: the reference server over a freshly seeded warehouse, serving the built
 * demo page (dist/index.html, from `npm run build`) and the /v1 API from one origin, opened in Chromium.
 * Every tile must show exactly what a direct DuckDB query returns, and the error states must tell the truth.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateWarehouseFile, startServer } from '@campus-cockpit/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../scripts/test/chromium.js';

const repositoryRoot = resolve(import.meta.dirname, '../../..');
// Seeded through 2026-11-25; the server's clock reads 10:00 on 2026-11-26 in Asia/Shanghai.
const asOf = '2026-11-25';
const now = new Date('2026-11-26T02:00:00Z');

/** The demo's tiles and, for each, the SQL a person would write against the warehouse tables. */
const directQueries: Record<string, string> = {
  students: "SELECT count(DISTINCT student_id) FROM students WHERE status = '在读'",
  staff: "SELECT count(DISTINCT staff_id) FROM staff WHERE status = '在岗'",
  teachers: "SELECT count(DISTINCT staff_id) FROM staff WHERE status = '在岗' AND category = '专任教师'",
  'network-30d':
    "SELECT sum(bytes_in + bytes_out) / 1e9 FROM network_samples WHERE sample_time >= TIMESTAMP '2026-10-27' AND sample_time < TIMESTAMP '2026-11-26'",
  loans:
    "SELECT count(*) FROM library_loans WHERE loan_time >= TIMESTAMP '2026-10-27' AND loan_time < TIMESTAMP '2026-11-26'",
  services:
    "SELECT count(*) FROM service_requests WHERE submitted_at >= TIMESTAMP '2026-11-01' AND submitted_at < TIMESTAMP '2026-12-01'",
  research: "SELECT count(*) FROM research_projects WHERE status = '在研'",
};

let folder: string;
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
const expected: Record<string, number> = {};

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cc-demo-'));
  const db = join(folder, 'warehouse.duckdb');
  await generateWarehouseFile({ out: db, seed: 1, scale: 0.1, asOf });
  server = await startServer({
    db,
    port: 0,
    host: '127.0.0.1',
    staticDir: join(repositoryRoot, 'dist'),
    now: () => now,
    logger: () => {},
  });
  // The server holds the file open read-write: ask DuckDB through the same process.
  for (const [tile, sql] of Object.entries(directQueries)) {
    const result = await server.engine.query(sql);
    expected[tile] = Number(result.columns[0]![0]);
  }
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const response = await page.goto(`${server.url}/`);
  if (response?.status() !== 200) {
    throw new Error(`GET / answered ${response?.status()}: run \`npm run build\` so dist/index.html exists.`);
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Waits until the tile settles (value, empty or error) and returns its parts' text and its data value. */
async function readTile(id: string) {
  await page.waitForFunction(
    (tileId) => {
      const root = document.getElementById(tileId)?.shadowRoot;
      return !!root?.querySelector('[part="value"], [part="empty"], [part="error"]');
    },
    id,
    { timeout: 20_000 },
  );
  return page.evaluate((tileId) => {
    const tile = document.getElementById(tileId) as HTMLElement & { data: { value?: unknown } };
    const text = (part: string) => tile.shadowRoot!.querySelector(`[part="${part}"]`)?.textContent?.trim();
    const value = tile.data.value as { columns: { kind?: string; values: unknown[] }[] } | undefined;
    const measure = value?.columns.find((column) => column.kind === 'measure') ?? value?.columns[0];
    return {
      value: text('value'),
      empty: text('empty'),
      error: text('error'),
      freshness: text('updated-at'),
      raw: measure?.values[0],
    };
  }, id);
}

describe('the demo page served by the reference server', () => {
  for (const tile of Object.keys(directQueries)) {
    it(`tile "${tile}" shows exactly what DuckDB answers`, async () => {
      const shown = await readTile(tile);
      expect(shown.error).toBeUndefined();
      expect(Number(shown.raw)).toBeCloseTo(expected[tile]!, 9);
      expect(expected[tile]).toBeGreaterThan(0);
      const formatted = await page.evaluate(
        (n) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n),
        expected[tile]!,
      );
      if (expected[tile]! < 1_000_000) expect(shown.value).toContain(formatted);
      expect(shown.freshness).toMatch(/^数据更新于 \d\d:\d\d$/);
    });
  }

  it('says 无数据 for a query that matched nothing, not an error', async () => {
    // No network samples exist for today until the live simulator writes some.
    const shown = await readTile('network-today');
    expect(shown.error).toBeUndefined();
    expect(shown.empty).toBe('无数据');
  });

  it('shows every misspelt member in the tile with its line:col and a suggestion', async () => {
    await page.evaluate(() =>
      document
        .getElementById('students')!
        .setAttribute('query', 'from students | measure headcont | by xueyuan'),
    );
    await page.waitForFunction(() =>
      document.getElementById('students')?.shadowRoot?.querySelector('[part="error"]'),
    );
    const { error } = await readTile('students');
    expect(error).toContain('1:25');
    expect(error).toContain('headcount');
    expect(error).toContain('1:39');
  });

  it('shows an unreachable endpoint as an error with a retry button, not an endless spinner', async () => {
    const unreachable = await browser.newPage();
    await unreachable.goto(`${server.url}/`);
    await unreachable.evaluate(() => {
      document.body.innerHTML =
        '<cc-source endpoint="http://127.0.0.1:9/"><cc-kpi id="lost" label="在校生" query="from students | measure headcount"></cc-kpi></cc-source>';
    });
    const text = await unreachable.waitForFunction(
      () => {
        const root = document.getElementById('lost')?.shadowRoot;
        const error = root?.querySelector('[part="error"]');
        return error && root?.querySelector('[part="retry"]') ? error.textContent : false;
      },
      undefined,
      { timeout: 60_000 },
    );
    expect(await text.jsonValue()).toBeTruthy();
    await unreachable.close();
  });
});

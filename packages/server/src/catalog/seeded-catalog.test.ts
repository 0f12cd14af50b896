import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../http/log.js';
import { startServer, type RunningServer } from '../http/server.js';
import { mintToken } from '../security/auth.js';
import { simulatorHooks } from '../commands/serve.js';
import { generateWarehouseFile } from '../seed/generate.js';
import { tableSpecs } from '../seed/schema.js';
import { loadCatalogFile } from './load.js';

const CATALOG = new URL('../../catalog/catalog.yaml', import.meta.url).pathname;

let dir: string;
let server: RunningServer;
let admin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-seeded-'));
  const db = join(dir, 'warehouse.duckdb');
  await generateWarehouseFile({ out: db, scale: 0.03 });
  server = await startServer({
    db,
    port: 0,
    logger: silentLogger,
    dev: true,
    cacheTtlMs: 0,
    live: simulatorHooks(300),
  });
  admin = await mintToken(server.devSecret!, { role: 'admin', sub: 'T0001' });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function query(
  body: unknown,
  token: string = admin,
): Promise<{ status: number; body: Record<string, unknown> & { data: unknown[][] } }> {
  const response = await fetch(`${server.url}/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('the seeded campus catalog', () => {
  it('loads without errors and covers every table of the seed', () => {
    const catalog = loadCatalogFile(CATALOG);
    const sources = catalog.views.map((v) => v.table ?? v.sql ?? '').join('\n');
    const uncovered = tableSpecs
      .map((t) => t.name)
      .filter((name) => !['seed_metadata', 'table_versions'].includes(name))
      .filter((name) => !new RegExp(`\\b${name}\\b`).test(sources));
    expect(uncovered).toEqual([]);
  });

  it('runs every measure, dimension, attribute, granularity and segment of every view', async () => {
    const failures: string[] = [];
    for (const view of server.catalog.views) {
      const measures = view.measures.map((m) => `${view.name}.${m.name}`);
      const range = view.requiredFilters?.length
        ? {
            timeRange: {
              dimension: `${view.name}.${view.requiredFilters[0]}`,
              range: { relative: 'lastN', n: 7, unit: 'day', includeToday: true },
            },
          }
        : {};
      const bodies: unknown[] = [{ v: 1, from: view.name, measures, ...range }];
      for (const d of view.dimensions) {
        const refs = d.granularities
          ? d.granularities.map((g) => ({ member: `${view.name}.${d.name}`, granularity: g }))
          : [{ member: `${view.name}.${d.name}` }];
        for (const a of d.attributes ?? [])
          refs.push({ member: `${view.name}.${d.name}`, attribute: a.name } as never);
        for (const ref of refs)
          bodies.push({
            v: 1,
            from: view.name,
            measures: measures.slice(0, 1),
            dimensions: [ref],
            limit: 5,
            ...range,
          });
      }
      for (const s of view.segments ?? [])
        bodies.push({
          v: 1,
          from: view.name,
          measures: measures.slice(0, 1),
          segments: [`${view.name}.${s.name}`],
          ...range,
        });
      for (const body of bodies) {
        const { status, body: answer } = await query(body);
        if (status !== 200)
          failures.push(`${JSON.stringify(body)} → ${status} ${JSON.stringify(answer).slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers enrolled headcount exactly as the direct SQL count', async () => {
    const { body } = await query(
      { v: 1, from: 'students', measures: ['students.headcount'], segments: ['students.enrolled'] },
      '',
    );
    const direct = await server.engine.query(
      "SELECT count(DISTINCT student_id) FROM students WHERE status = '在读'",
    );
    expect(body.data).toEqual([[Number(direct.columns[0]![0])]]);
  });

  it('pushes a new result to a subscriber when the live simulator writes', async () => {
    const created = await fetch(`${server.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      // Every tick adds a 5-minute sample per access point, whatever the simulated hour.
      body: JSON.stringify({ v: 1, from: 'network', measures: ['network.samples'] }),
    });
    const { events } = await created.json();
    const controller = new AbortController();
    const response = await fetch(`${server.url}${events}`, {
      signal: controller.signal,
      headers: { authorization: `Bearer ${admin}` },
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const counts: number[] = [];
    let buffer = '';
    while (counts.length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (const match of buffer.matchAll(/^data: (.*)$/gm)) counts.push(JSON.parse(match[1]!).data[0][0]);
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    }
    controller.abort();
    expect(counts).toHaveLength(2);
    expect(counts[1]).toBeGreaterThan(counts[0]!);
  });
});

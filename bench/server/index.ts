/**
 * The warehouse server against DuckDB alone, on the seeded campus (scale 1 unless BENCH_SCALE says otherwise).
 *
 *   npm run bench:server
 *
 * Prints one line per figure:
 * - per typical aggregate, the server's median latency (HTTP, checks, planning, JSON) against the same SQL run
 *   directly on DuckDB in the same process (goal ≤ 1.2×), uncached;
 * - cached-query throughput and p99 latency at 50 connections, measured by autocannon in its own process
 *   (goals ≥ 5,000 req/s and p99 ≤ 20 ms);
 * - single-flight: N identical concurrent requests against statements executed.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWarehouseFile, mintToken, startServer, type RunningServer } from '@campus-cockpit/server';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

/** Five aggregates a cockpit asks all day. */
const TYPICAL: [string, object][] = [
  [
    'enrolled headcount by college',
    {
      v: 1,
      from: 'students',
      measures: ['students.headcount'],
      dimensions: [{ member: 'students.college' }],
      segments: ['students.enrolled'],
    },
  ],
  [
    'network traffic by hour, last 7 days',
    {
      v: 1,
      from: 'network',
      measures: ['network.traffic_gb', 'network.avg_clients'],
      dimensions: [{ member: 'network.ts', granularity: 'hour' }],
      timeRange: { dimension: 'network.ts', range: { relative: 'lastN', n: 7, unit: 'day' } },
    },
  ],
  [
    'loans and readers by month and category',
    {
      v: 1,
      from: 'loans',
      measures: ['loans.loans', 'loans.readers'],
      dimensions: [{ member: 'loans.ts', granularity: 'month' }, { member: 'loans.book_category' }],
    },
  ],
  [
    'service requests by department with totals',
    {
      v: 1,
      from: 'services',
      measures: ['services.requests', 'services.avg_handle_hours'],
      dimensions: [{ member: 'services.department' }],
      totals: true,
    },
  ],
  [
    'top 10 home provinces with others',
    {
      v: 1,
      from: 'admissions',
      measures: ['admissions.admitted', 'admissions.avg_score'],
      dimensions: [{ member: 'admissions.origin_province' }],
      top: { n: 10, by: 'admissions.admitted', others: true },
    },
  ],
];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (value: number): string => value.toFixed(2);

async function warehouse(): Promise<string> {
  const file = join(tmpdir(), `campus-cockpit-bench-server-${SCALE}.duckdb`);
  if (!existsSync(file)) {
    console.error(`Generating a scale-${SCALE} warehouse in ${file} (once)…`);
    await generateWarehouseFile({ out: file, scale: SCALE });
  }
  return file;
}

async function post(server: RunningServer, token: string, ir: object): Promise<Response> {
  return fetch(`${server.url}/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(ir),
  });
}

/** The SQL and values the server runs for a query, captured from its engine. */
async function capture(
  server: RunningServer,
  token: string,
  ir: object,
): Promise<{ sql: string; values: unknown[] }> {
  const engine = server.engine;
  const original = engine.execute.bind(engine);
  let seen: { sql: string; values: unknown[] } | undefined;
  engine.execute = (sql, values, timeout) => {
    if (!seen && sql.startsWith('WITH __rows')) seen = { sql, values: [...values] };
    return original(sql, values, timeout);
  };
  const response = await post(server, token, ir);
  if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
  engine.execute = original;
  if (!seen) throw new Error('the query did not reach the engine');
  return seen;
}

async function overhead(server: RunningServer, token: string): Promise<void> {
  const connection = await server.engine.instance.connect();
  const ratios: number[] = [];
  for (const [name, ir] of TYPICAL) {
    const { sql, values } = await capture(server, token, ir);
    const direct: number[] = [];
    const served: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved so that both see the same machine load.
      let started = performance.now();
      const reader = await connection.runAndReadAll(sql, values as never);
      reader.getColumnsJS();
      direct.push(performance.now() - started);
      started = performance.now();
      const response = await post(server, token, ir);
      await response.json();
      served.push(performance.now() - started);
    }
    const ratio = median(served) / median(direct);
    ratios.push(ratio);
    console.log(
      `server ${name}: ${ms(median(served))} ms, baseline ${ms(median(direct))} ms, ratio ${ratio.toFixed(2)}`,
    );
  }
  const geometric = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length);
  console.log(
    `server overhead, geometric mean of 5 aggregates: ${geometric.toFixed(2)} x, baseline 1.2 x, ratio ${(geometric / 1.2).toFixed(2)}`,
  );
  connection.closeSync();
}

function autocannon(
  url: string,
  token: string,
  body: string,
  seconds = 10,
): Promise<{ requests: { average: number }; latency: { p99: number }; non2xx: number; errors: number }> {
  const bin = join(process.cwd(), 'node_modules', 'autocannon', 'autocannon.js');
  const args = [
    bin,
    '-c',
    '50',
    '-d',
    String(seconds),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-H',
    `authorization=Bearer ${token}`,
    '-b',
    body,
    '-j',
    `${url}/v1/query`,
  ];
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout)),
    ),
  );
}

const db = await warehouse();
const server = await startServer({
  db,
  port: 0,
  logger: () => {},
  dev: true,
  cacheTtlMs: 0,
  limits: { ratePerSecond: 1_000_000, rateBurst: 1_000_000 },
});
try {
  const token = await mintToken(server.devSecret!, { role: 'admin', sub: 'bench' });
  await overhead(server, token);
} finally {
  await server.close();
}

// Throughput of a cached query: the cache and its single-flight in front of the engine.
const cached = await startServer({
  db,
  port: 0,
  logger: () => {},
  dev: true,
  cacheTtlMs: 600_000,
  limits: { ratePerSecond: 1_000_000, rateBurst: 1_000_000 },
});
try {
  const token = await mintToken(cached.devSecret!, { role: 'admin', sub: 'bench' });
  const ir = TYPICAL[0]![1];
  await (await post(cached, token, ir)).json();
  // A short run first, so that the measured one sees steady state rather than the JIT warming up.
  await autocannon(cached.url, token, JSON.stringify(ir), 2);
  const result = await autocannon(cached.url, token, JSON.stringify(ir));
  if (result.non2xx > 0 || result.errors > 0)
    console.error(`autocannon saw ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  console.log(
    `cached query throughput at 50 connections: ${Math.round(result.requests.average)} req/s, baseline 5000 req/s, ratio ${(result.requests.average / 5000).toFixed(2)}`,
  );
  console.log(
    `cached query p99 latency at 50 connections: ${result.latency.p99} ms, baseline 20 ms, ratio ${(result.latency.p99 / 20).toFixed(2)}`,
  );

  // Single-flight: identical concurrent requests for data not yet cached run one statement.
  const fresh = { ...TYPICAL[2]![1], limit: 99_999 };
  const before = cached.engine.executed;
  const answers = await Promise.all(
    Array.from({ length: 50 }, () => post(cached, token, fresh).then((r) => r.status)),
  );
  const statements = cached.engine.executed - before;
  console.log(
    `single-flight, 50 identical concurrent requests: ${statements} statements, baseline 50 statements, ratio ${(statements / 50).toFixed(2)}`,
  );
  if (answers.some((status) => status !== 200)) console.error('single-flight: some answers were not 200');
} finally {
  await cached.close();
}

// `npm start`: build everything, seed the demo warehouse on first run, then serve the demo pages and the
// warehouse API from one origin (http://127.0.0.1:8080 unless PORT / HOST say otherwise).
//
//   build (types + bundles) ─┐
//   seed warehouse.duckdb ───┴─▶ campus-cockpit serve: dist/ and /v1, with the live simulator
//
// The seed runs from the TypeScript sources so it need not wait for the build.
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const database = join(root, process.env.WAREHOUSE ?? 'warehouse.duckdb');
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

function run(label, command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}).`)),
    );
  });
}

const node = process.execPath;
const bin = (name) => join(root, 'node_modules', name);

async function build() {
  await run('Type declarations', node, [join(bin('typescript'), 'bin', 'tsc'), '-b', ...buildProjects()]);
  await run('Bundles', node, [join(bin('rollup'), 'dist', 'bin', 'rollup'), '-c', '--silent']);
  console.log(`Built in ${seconds()} s.`);
}

function buildProjects() {
  return ['query', 'client', 'widgets', 'server'].map((name) => `packages/${name}/tsconfig.build.json`);
}

/** Yesterday on the campus clock: the seeded history ends there and the live simulator carries on from today. */
function campusYesterday() {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
  return day.format(new Date(Date.now() - 24 * 60 * 60 * 1000));
}

async function seed() {
  if (existsSync(database)) {
    console.log(`Using ${database} (delete it to generate the demo warehouse again).`);
    return;
  }
  console.log(`Generating the demo warehouse ${database} (under a minute, once)…`);
  const partial = `${database}.partial`;
  rmSync(partial, { force: true });
  rmSync(`${partial}.wal`, { force: true });
  await run('Seeding', node, [
    join(bin('tsx'), 'dist', 'cli.mjs'),
    '--conditions=source',
    'packages/server/src/cli.ts',
    'seed',
    '--out',
    partial,
    '--as-of',
    campusYesterday(),
  ]);
  // Renamed only when complete, so an interrupted first start never leaves a half-seeded warehouse behind.
  renameSync(partial, database);
}

try {
  await Promise.all([build(), seed()]);
  console.log(`Ready to serve after ${seconds()} s; open the URL below.`);
  // The server's own command line: it runs the live simulator and stops cleanly on Ctrl+C.
  const serve = [join(root, 'packages/server/bin/campus-cockpit.js'), 'serve', '--db', database, '--live'];
  serve.push('--static', join(root, 'dist'), '--port', String(port), '--host', host);
  await run('The server', node, serve);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

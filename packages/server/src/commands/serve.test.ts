import { spawn, execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureDatabase, FIXTURE_CATALOG_YAML } from '../testing/fixture.js';

const CLI = new URL('../cli.ts', import.meta.url).pathname;
const NODE_ARGS = ['--conditions=source', '--import', 'tsx', CLI];
let db: string;
let catalog: string;
let cleanup: () => void;

beforeAll(async () => {
  const fixture = await createFixtureDatabase();
  db = fixture.path;
  cleanup = fixture.cleanup;
  catalog = join(fixture.dir, 'catalog.yaml');
  writeFileSync(catalog, FIXTURE_CATALOG_YAML);
});

afterAll(() => cleanup?.());

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [...NODE_ARGS, ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('campus-cockpit serve and token', () => {
  it('prints its URL (PORT from the environment), serves with dev tokens, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [...NODE_ARGS, 'serve', '--db', db, '--catalog', catalog, '--dev'],
      {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CC_JWT_SECRET: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n')[0]!;
        if (out.includes('\n')) resolve(line.trim());
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const token = await cli(['token', '--db', db, '--role', 'dean', '--college', '医学院'], {
      CC_JWT_SECRET: '',
    });
    expect(token.code).toBe(0);
    const response = await fetch(`${url}/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}` },
      body: JSON.stringify({
        v: 1,
        from: 'students',
        measures: ['students.headcount'],
        dimensions: [{ member: 'students.college' }],
      }),
    });
    expect((await response.json()).data[0]).toEqual(['医学院']);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('explains a missing warehouse and a missing role', async () => {
    const serve = await cli(['serve', '--db', '/nonexistent/warehouse.duckdb']);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toMatch(/does not exist; create it with `campus-cockpit seed/);
    const token = await cli(['token', '--db', db]);
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/--role is required/);
  });
});

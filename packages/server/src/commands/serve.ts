import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { stderrLogger } from '../http/log.js';
import { startServer, type LiveHooks, type ServerOptions } from '../http/server.js';
import { LiveSimulator } from '../seed/simulator.js';
import { UsageError, parseOptions, type Command } from './command.js';

const usage = `Usage: campus-cockpit serve [--db warehouse.duckdb] [--catalog catalog.yaml] [--port 8080] [--host 127.0.0.1]
                            [--live] [--dev] [--static <dir>] [--cors <origin,…>] [limits…]

Serves the /v1 API (and optionally a directory of static files) over a DuckDB warehouse.

Options:
  --db <file>             DuckDB warehouse (default warehouse.duckdb)
  --catalog <file>        catalog YAML (default: the seeded campus catalog shipped with the server)
  --port <n>              port (default $PORT, else 8080; 0 picks a free port)
  --host <addr>           interface (default $HOST, else 127.0.0.1)
  --live                  run the live simulator and push table changes to subscriptions
  --dev                   development mode: /dev/token mints tokens; the HS256 secret is $CC_JWT_SECRET or
                          <db>.dev-secret (created on first use, read by \`campus-cockpit token\`)
  --static <dir>          serve files from <dir> for paths outside /v1 (demo pages, built bundles)
  --cors <origins>        comma-separated origins allowed to call the API from browsers (or *)
  --jwks-url <url>        verify RS256/ES256 tokens with keys from this JWKS URL
  --jwt-public-key <pem>  verify RS256 tokens with this public key file
  --issuer <iss>          required token issuer      --audience <aud>  required token audience
                          (HS256: set $CC_JWT_SECRET, at least 32 bytes)
  --max-rows <n>          rows per query at most (default 100000)
  --timeout-ms <n>        statement timeout (default 30000)
  --concurrency <n>       statements at once (default 4)
  --rate <n>              requests per second per caller (default 100)
  --cache-ttl-ms <n>      result cache lifetime (default 5000; 0 disables)
  -h, --help              show this help`;

/** The development HS256 secret of a warehouse: $CC_JWT_SECRET, else `<db>.dev-secret` (created when missing). */
export function devSecretFor(db: string, create: boolean): string | undefined {
  if (process.env.CC_JWT_SECRET) return process.env.CC_JWT_SECRET;
  const file = `${resolve(db)}.dev-secret`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!create) return undefined;
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

function integer(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${text}".`);
  return value;
}

/**
 * Live simulator hooks: the simulator writes through its own connection to the server's database. On the
 * `wall` clock (the default, for a served demo) new rows carry the campus's current time, so "today" fills up
 * as the day goes; the `simulated` clock advances a fixed step per tick (for tests).
 */
export const simulatorHooks = (intervalMs = 5_000, clock: 'wall' | 'simulated' = 'wall'): LiveHooks => ({
  async start(engine, changed) {
    const connection = await engine.instance.connect();
    const simulator = new LiveSimulator(connection, { intervalMs, clock, onTick: () => changed() });
    await simulator.start();
    return async () => {
      await simulator.stop();
      connection.closeSync();
    };
  },
});

export const serveCommand: Command = {
  summary: 'serve the /v1 query API over a warehouse',
  usage,
  async run(args) {
    const values = parseOptions(args, {
      db: { type: 'string' },
      catalog: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      live: { type: 'boolean' },
      dev: { type: 'boolean' },
      static: { type: 'string' },
      cors: { type: 'string' },
      'jwks-url': { type: 'string' },
      'jwt-public-key': { type: 'string' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      'max-rows': { type: 'string' },
      'timeout-ms': { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      'cache-ttl-ms': { type: 'string' },
    });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const db = values.db ?? 'warehouse.duckdb';
    if (!existsSync(db))
      throw new UsageError(`${db} does not exist; create it with \`campus-cockpit seed --out ${db}\`.`);
    const port = integer('port', values.port ?? process.env.PORT, 0) ?? 8080;
    const options: ServerOptions = {
      db,
      port,
      host: values.host ?? process.env.HOST ?? '127.0.0.1',
      logger: stderrLogger,
    };
    if (values.catalog) options.catalog = values.catalog;
    if (values.static) options.staticDir = values.static;
    if (values.cors)
      options.corsOrigins = values.cors
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
    if (values.live) options.live = simulatorHooks();
    const auth: NonNullable<ServerOptions['auth']> = {};
    if (process.env.CC_JWT_SECRET) auth.hs256Secret = process.env.CC_JWT_SECRET;
    if (values['jwks-url']) auth.jwksUrl = values['jwks-url'];
    if (values['jwt-public-key']) auth.rs256PublicKey = readFileSync(values['jwt-public-key'], 'utf8');
    if (values.issuer) auth.issuer = values.issuer;
    if (values.audience) auth.audience = values.audience;
    options.auth = auth;
    if (values.dev) {
      options.dev = true;
      const secret = devSecretFor(db, true);
      if (secret) options.devSecret = secret;
    }
    const limits: NonNullable<ServerOptions['limits']> = {};
    const maxRows = integer('max-rows', values['max-rows'], 1);
    if (maxRows !== undefined) limits.maxRows = maxRows;
    const timeout = integer('timeout-ms', values['timeout-ms'], 1);
    if (timeout !== undefined) limits.statementTimeoutMs = timeout;
    const concurrency = integer('concurrency', values.concurrency, 1);
    if (concurrency !== undefined) limits.concurrency = concurrency;
    const rate = integer('rate', values.rate, 1);
    if (rate !== undefined) {
      limits.ratePerSecond = rate;
      limits.rateBurst = rate * 2;
    }
    options.limits = limits;
    const ttl = integer('cache-ttl-ms', values['cache-ttl-ms'], 0);
    if (ttl !== undefined) options.cacheTtlMs = ttl;

    const server = await startServer(options);
    console.log(server.url);
    console.error(
      `campus-cockpit: serving ${db} at ${server.url}${values.live ? ' (live)' : ''}${values.dev ? ' (dev: POST /dev/token)' : ''}`,
    );
    await new Promise<void>((resolveStop) => {
      const stop = (signal: string): void => {
        console.error(`campus-cockpit: ${signal}, finishing running queries…`);
        void server.close().then(resolveStop);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return 0;
  },
};

/**
 * The `/v1` HTTP server on `node:http`: routes, CORS, authentication, rate limit, request ids and logs, the
 * query endpoint (sync, 202 + poll + cancel), `/v1/meta`, health, dev token minting, static files, and
 * graceful shutdown.
 */

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  message,
  validateBatch,
  validateIR,
  type Locale,
  type Catalog,
  type Diagnostic,
  type QueryIR,
} from '@campus-cockpit/query';
import { loadCatalogFile } from '../catalog/load.js';
import { publicCatalog, type PublicCatalog } from '../catalog/public.js';
import type { ServerCatalog } from '../catalog/types.js';
import { DuckDBEngine, EngineError } from '../engine/duckdb-engine.js';
import { ResultCache } from '../execution/cache.js';
import { FreshnessTracker } from '../execution/freshness.js';
import { runQuery, type QueryContext, type QueryResult } from '../execution/run-query.js';
import { QueryRejected } from '../planner/diagnostics.js';
import { duckdbDialect } from '../planner/duckdb.js';
import { checkRequestShape } from '../planner/shape.js';
import { AuthError, Authenticator, mintToken, type AuthOptions } from '../security/auth.js';
import { rightsKey, type Principal } from '../security/principal.js';
import { RateLimiter } from '../security/rate-limit.js';
import { ARROW_MEDIA_TYPE, encodeArrow } from './arrow.js';
import { parseJsonText, readBodyText, readJsonBody } from './body.js';
import { jsonLogger, type Logger } from './log.js';
import { openApiDocument } from './openapi.js';
import { HttpProblem, kindOfDiagnostics, sendProblem, shapeProblem, simpleProblem } from './problem.js';
import { serveStatic } from './static.js';
import { Subscriptions } from '../live/subscriptions.js';
import { TableVersionWatcher } from '../live/table-versions.js';

/** Limits every request is held to; each is exercised by a test. */
export interface Limits {
  /** Rows returned at most per query (more are cut and `truncated` is set). Default 100 000. */
  maxRows: number;
  /** Statement timeout in milliseconds. Default 30 000. */
  statementTimeoutMs: number;
  /** Statements running at once. Default 4. */
  concurrency: number;
  /** Statements waiting for a slot before the server answers 503. Default 64. */
  maxQueue: number;
  /** Request body size in bytes. Default 1 MiB. */
  maxBodyBytes: number;
  /** JSON nesting depth of a request body. Default 64. */
  maxDepth: number;
  /** Sustained requests per second per caller (token subject, or address when anonymous). Default 100. */
  ratePerSecond: number;
  /** Burst of requests per caller. Default 200. */
  rateBurst: number;
  /** How long `POST /v1/query` waits before answering 202 with a location to poll. Default 10 000 ms. */
  asyncAfterMs: number;
}

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** DuckDB file (or `:memory:`). */
  db: string;
  /** The catalog: a `catalog.yaml` path or an already loaded catalog. Default: the seeded campus catalog. */
  catalog?: string | ServerCatalog;
  /** Port; 0 picks a free one. Default 8080. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Directory served at `/` for paths the API does not own (demo pages, built bundles). */
  staticDir?: string;
  /** Enables `/dev/token` and minting with a development secret. Never in production. */
  dev?: boolean;
  /** Watches table versions and pushes changes to subscriptions (and starts `live.start`, if given). */
  live?: boolean | LiveHooks;
  /** Token verification. In `dev` mode without keys, an HS256 secret is generated (or `devSecret` used). */
  auth?: AuthOptions;
  /** HS256 secret used in dev mode (for `campus-cockpit token`); random when omitted. */
  devSecret?: string;
  limits?: Partial<Limits>;
  /** Origins allowed to call the API from a browser (exact match, or `*`). Default: none (same origin only). */
  corsOrigins?: string[];
  /** Result cache time to live in milliseconds. Default 5 000; 0 disables the cache (single-flight stays). */
  cacheTtlMs?: number;
  /** Structured log sink. Default JSON lines on stdout/stderr. */
  logger?: Logger;
  /** The clock, for relative dates (tests pin it). */
  now?: () => Date;
  /** Open the database read-only. */
  readOnly?: boolean;
}

/** Hooks to run a data simulator inside the server process (it must share the open database). */
export interface LiveHooks {
  /**
   * Starts writing through the engine's database; `changed` tells the server to look at table versions now
   * (it also polls every second). Returns a function that stops the writer.
   */
  start(
    engine: DuckDBEngine,
    changed: () => void,
  ): Promise<() => Promise<void> | void> | (() => Promise<void> | void);
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  engine: DuckDBEngine;
  catalog: ServerCatalog;
  /** The HS256 secret in dev mode (for minting test tokens). */
  devSecret?: string;
  /** Result cache counters. */
  cache: ResultCache<QueryResult>;
  /** Stops accepting requests, lets running ones finish (up to `graceMs`), closes the database. */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_LIMITS: Limits = {
  maxRows: 100_000,
  statementTimeoutMs: 30_000,
  concurrency: 4,
  maxQueue: 64,
  maxBodyBytes: 1024 * 1024,
  maxDepth: 64,
  ratePerSecond: 100,
  rateBurst: 200,
  asyncAfterMs: 10_000,
};

/** The seeded campus catalog shipped in the package (found from the sources and from the built dist/ files). */
function defaultCatalogPath(): string {
  const candidates = [
    '../../catalog/catalog.yaml',
    '../catalog/catalog.yaml',
    '../../../catalog/catalog.yaml',
  ];
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('The default catalog.yaml was not found beside the server package; pass --catalog <file>.');
}

/** A finished answer, serialised once and shared by identical requests. */
interface Prepared {
  headers: Record<string, string>;
  body: Buffer;
  audit: { ir: QueryIR; view: string; rows: number }[];
}

/** One running computation of a request, shared by identical concurrent requests (single-flight). */
interface Computation {
  promise: Promise<Prepared>;
  cancels: (() => void)[];
  cancelled: boolean;
}

interface Job {
  id: string;
  owner: string;
  done: boolean;
  prepared?: Prepared;
  problem?: HttpProblem;
  computation: Computation;
  finished: Promise<void>;
  created: number;
  /** Language of the request that started it, for its problem. */
  locale: Locale;
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.logger ?? jsonLogger;
  const catalog =
    typeof options.catalog === 'object'
      ? options.catalog
      : loadCatalogFile(options.catalog ?? defaultCatalogPath());
  const engine = await DuckDBEngine.open({
    path: options.db,
    concurrency: limits.concurrency,
    maxQueue: limits.maxQueue,
    timeoutMs: limits.statementTimeoutMs,
    ...(options.readOnly ? { readOnly: true } : {}),
  });
  const devSecret = options.dev ? (options.devSecret ?? randomUUID() + randomUUID()) : undefined;
  const authOptions: AuthOptions = { ...options.auth };
  if (devSecret && !authOptions.hs256Secret) authOptions.hs256Secret = devSecret;
  const auth = new Authenticator(authOptions);
  const rateLimiter = new RateLimiter({ perSecond: limits.ratePerSecond, burst: limits.rateBurst });
  const cache = new ResultCache<QueryResult>({ ttlMs: options.cacheTtlMs ?? 5_000, maxEntries: 2_000 });
  const watcher = new TableVersionWatcher(engine, log);
  // The catalog's content, not the start time, versions it: a restart with the same catalog keeps ETags valid.
  const catalogVersion = createHash('sha256')
    .update(JSON.stringify(catalog))
    .digest('base64url')
    .slice(0, 16);
  const context: QueryContext = {
    catalog,
    engine,
    dialect: duckdbDialect,
    cache,
    maxRows: limits.maxRows,
    timeoutMs: limits.statementTimeoutMs,
    freshness: new FreshnessTracker(engine, duckdbDialect),
    dataVersion: () => watcher.version,
    now: options.now ?? (() => new Date()),
  };
  const subscriptions = new Subscriptions(context, watcher, log);
  const metaCache = new Map<string, PublicCatalog>();
  const jobs = new Map<string, Job>();
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const openRequests = new Set<ServerResponse>();
  let stopLive: (() => Promise<void> | void) | undefined;
  let closing = false;

  const metaFor = (principal: Principal): PublicCatalog => {
    const key = rightsKey(principal, catalog);
    let meta = metaCache.get(key);
    if (!meta) {
      meta = publicCatalog(catalog, principal, catalogVersion);
      metaCache.set(key, meta);
    }
    return meta;
  };

  const sendJson = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(text);
  };

  const cors = (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (!origin) return true;
    const allowed = corsOrigins.has('*') || corsOrigins.has(origin);
    if (allowed) {
      res.setHeader('access-control-allow-origin', corsOrigins.has('*') ? '*' : origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'ETag, Location, Retry-After, X-Request-Id');
    }
    if (req.method === 'OPTIONS') {
      if (!allowed)
        throw simpleProblem(
          'forbidden',
          'forbidden-member',
          `Origin '${origin}' may not call this API.`,
          'Add it to the server’s CORS allow-list (--cors).',
        );
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers':
          'Authorization, Content-Type, Accept, Accept-Language, Prefer, If-None-Match, X-Request-Id',
        'access-control-max-age': '600',
      });
      res.end();
      return false;
    }
    return true;
  };

  const principalOf = async (req: IncomingMessage): Promise<Principal> => {
    try {
      return await auth.authenticate(req.headers.authorization);
    } catch (error) {
      if (error instanceof AuthError) {
        throw simpleProblem(
          'unauthorized',
          'unauthorized',
          error.message,
          'Sign in again to get a fresh token, or send no token to read public data.',
          { 'www-authenticate': 'Bearer error="invalid_token"' },
        );
      }
      throw error;
    }
  };

  const rateLimit = (req: IncomingMessage, principal: Principal, locale: Locale): void => {
    const key = principal.anonymous
      ? `ip:${req.socket.remoteAddress ?? ''}`
      : `sub:${principal.role}:${principal.subject ?? ''}`;
    const wait = rateLimiter.take(key);
    if (wait > 0) {
      throw simpleProblem(
        'rateLimited',
        'rate-limited',
        message('rate-limited', { seconds: wait }, locale),
        locale === 'en' ? 'Batch queries, or slow the refresh interval.' : '请合并查询或放慢刷新频率。',
        { 'retry-after': String(wait) },
      );
    }
  };

  // Names and types are checked with the query package's validator (the same messages the client shows);
  // rights, parameters and limits are then checked again by the server's own resolver.
  let fullCatalog: Catalog | undefined;
  const checkWithQueryPackage = (body: unknown, locale: 'en' | 'zh-CN'): void => {
    fullCatalog ??= publicCatalog(
      catalog,
      { anonymous: false, role: 'admin', claims: {} },
      catalogVersion,
      true,
    ).catalog;
    const batch = typeof body === 'object' && body !== null && 'queries' in body;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = (
        batch ? validateBatch(body, fullCatalog, { locale }) : validateIR(body, fullCatalog, { locale })
      ).diagnostics;
    } catch (error) {
      log('warn', 'query validator failed; the server checks alone', { error: String(error) });
      return;
    }
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) return;
    const index = batch ? /^\/queries\/(\d+)/.exec(errors[0]!.path ?? '')?.[1] : undefined;
    throw new HttpProblem(
      kindOfDiagnostics(errors),
      '',
      errors,
      {},
      index === undefined ? undefined : Number(index),
    );
  };

  const ownerOf = (principal: Principal): string =>
    `${rightsKey(principal, catalog)}|${principal.subject ?? ''}`;

  // Answers are kept whole (serialised bytes) by a key of everything that can change them: the body text,
  // the caller's rights, the data version, the minute (relative ranges move), and the response options.
  const responses = new Map<string, { prepared: Prepared; expires: number }>();
  const computations = new Map<string, Computation>();
  const responseTtlMs = options.cacheTtlMs ?? 5_000;

  /** Checks, plans and runs the queries of a request body; throws a problem or an engine error. */
  const compute = async (
    text: string,
    computation: Computation,
    principal: Principal,
    locale: 'en' | 'zh-CN',
    withTotal: boolean,
    arrow: boolean,
  ): Promise<Prepared> => {
    const body = parseJsonText(text, limits.maxDepth);
    checkWithQueryPackage(body, locale);
    const shape = checkRequestShape(body);
    if (!shape.ok) throw shapeProblem(shape);
    if (arrow && shape.batch) {
      throw simpleProblem(
        'invalidQuery',
        'invalid-ir',
        'Arrow responses carry one query; send a batch as JSON.',
        `Drop 'Accept: ${ARROW_MEDIA_TYPE}' or send one query per request.`,
        {},
        406,
      );
    }
    const audit: Prepared['audit'] = [];
    // A batch uses at most as many engine slots as there are, so a 100-query batch queues behind itself
    // instead of filling the shared queue.
    const results = await mapLimited(shape.queries, limits.concurrency, async (ir, index) => {
      const { result, info } = await runQuery(context, ir, principal, {
        withTotal,
        locale,
        path: shape.batch ? `/queries/${index}` : '',
        ...(shape.batch ? { queryIndex: index } : {}),
        onStart: (cancel) => {
          computation.cancels.push(cancel);
          if (computation.cancelled) cancel();
        },
      });
      audit[index] = { ir, view: info.view, rows: info.rows };
      return result;
    });
    if (arrow)
      return {
        headers: { 'content-type': ARROW_MEDIA_TYPE },
        body: Buffer.from(encodeArrow(results[0]!)),
        audit,
      };
    return {
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.from(JSON.stringify(shape.batch ? { results } : results[0])),
      audit,
    };
  };

  const writePrepared = (res: ServerResponse, prepared: Prepared): void => {
    res.writeHead(200, {
      'cache-control': 'no-store',
      'content-length': String(prepared.body.length),
      ...prepared.headers,
    });
    res.end(prepared.body);
  };

  const logAudit = (
    prepared: Prepared,
    principal: Principal,
    requestId: string,
    cached: boolean,
    started: number,
  ): void => {
    for (const entry of prepared.audit) {
      log('info', 'audit', {
        requestId,
        role: principal.role,
        subject: principal.subject ?? null,
        view: entry.view,
        ir: entry.ir,
        rows: entry.rows,
        cached,
        ms: Date.now() - started,
      });
    }
  };

  const writeJob = (res: ServerResponse, job: Job, requestId: string): void => {
    if (job.problem) return sendProblem(res, job.problem, requestId, job.locale);
    writePrepared(res, job.prepared!);
  };

  const handleQuery = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    principal: Principal,
    requestId: string,
  ): Promise<void> => {
    const started = Date.now();
    const text = await readBodyText(req, limits.maxBodyBytes);
    const arrow = (req.headers.accept ?? '').includes(ARROW_MEDIA_TYPE);
    const withTotal = url.searchParams.get('total') === 'true';
    const locale = localeOf(req);
    const minute = Math.floor(context.now().getTime() / 60_000);
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          text,
          rightsKey(principal, catalog),
          watcher.version,
          minute,
          arrow,
          withTotal,
          locale,
        ]),
      )
      .digest('base64url');

    const hit = responses.get(key);
    if (hit && hit.expires > Date.now()) {
      writePrepared(res, hit.prepared);
      logAudit(hit.prepared, principal, requestId, true, started);
      return;
    }
    let computation = computations.get(key);
    const joined = computation !== undefined;
    if (!computation) {
      const created: Computation = {
        promise: Promise.resolve(undefined as never),
        cancels: [],
        cancelled: false,
      };
      created.promise = compute(text, created, principal, locale, withTotal, arrow);
      computations.set(key, created);
      created.promise.then(
        (prepared) => {
          computations.delete(key);
          if (responseTtlMs > 0 && !created.cancelled) {
            if (responses.size >= 2_000) responses.delete(responses.keys().next().value!);
            responses.set(key, { prepared, expires: Date.now() + responseTtlMs });
          }
        },
        () => computations.delete(key),
      );
      computation = created;
    }
    const job: Job = {
      id: randomUUID(),
      owner: ownerOf(principal),
      done: false,
      computation,
      finished: Promise.resolve(),
      created: Date.now(),
      locale,
    };
    job.finished = computation.promise.then(
      (prepared) => {
        job.prepared = prepared;
        job.done = true;
        logAudit(prepared, principal, requestId, joined, started);
      },
      (error: unknown) => {
        job.problem = toProblem(error, computation.cancelled, locale);
        job.done = true;
        if (job.problem.kind === 'internal')
          log('error', 'query failed', { requestId, error: String((error as Error)?.stack ?? error) });
      },
    );
    const prefer = String(req.headers.prefer ?? '');
    const waitMatch = /(?:^|[,;\s])wait=(\d+)/.exec(prefer);
    const waitMs = prefer.includes('respond-async')
      ? 0
      : waitMatch
        ? Math.min(Number(waitMatch[1]) * 1000, limits.asyncAfterMs)
        : limits.asyncAfterMs;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([job.finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    if (job.done) return writeJob(res, job, requestId);
    jobs.set(job.id, job);
    sendJson(
      res,
      202,
      { id: job.id, status: 'running', location: `/v1/queries/${job.id}` },
      { location: `/v1/queries/${job.id}`, 'retry-after': '1' },
    );
  };

  const handleJob = async (
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    principal: Principal,
    requestId: string,
  ): Promise<void> => {
    const job = jobs.get(id);
    if (!job || job.owner !== ownerOf(principal))
      throw simpleProblem(
        'notFound',
        'not-found',
        `No running or finished query '${id}' for you.`,
        'Results are kept for five minutes after they finish.',
      );
    if (req.method === 'DELETE') {
      job.computation.cancelled = true;
      for (const cancel of job.computation.cancels) cancel();
      await job.finished;
      jobs.delete(id);
      res.writeHead(204);
      res.end();
      return;
    }
    if (!job.done) {
      sendJson(
        res,
        202,
        { id, status: 'running', location: `/v1/queries/${id}` },
        { location: `/v1/queries/${id}`, 'retry-after': '1' },
      );
      return;
    }
    writeJob(res, job, requestId);
  };

  const route = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (!cors(req, res)) return;
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed('GET');
      const healthy = !closing;
      sendJson(res, healthy ? 200 : 503, {
        status: healthy ? 'ok' : 'shutting-down',
        queued: engine.queued,
        dataVersion: watcher.version,
      });
      return;
    }
    if (path === '/v1/openapi.json') {
      sendJson(res, 200, openApiDocument(), { 'cache-control': 'public, max-age=300' });
      return;
    }
    if (path === '/dev/token') {
      if (!options.dev || !devSecret) throw simpleProblem('notFound', 'not-found', `No endpoint ${path}.`);
      if (req.method !== 'POST') throw methodNotAllowed('POST');
      const body = (await readJsonBody(req, 16 * 1024, 8)) as Record<string, unknown>;
      if (
        typeof body !== 'object' ||
        body === null ||
        typeof body.role !== 'string' ||
        !/^[A-Za-z_][A-Za-z0-9_]*$/.test(body.role) ||
        body.role === 'public'
      ) {
        throw simpleProblem(
          'invalidQuery',
          'invalid-ir',
          'Send {"role": "student", "sub": "…", …claims}; \'role\' is required and may not be \'public\'.',
        );
      }
      const token = await mintToken(devSecret, body, 8 * 3600);
      sendJson(res, 200, { token, expiresIn: 8 * 3600 });
      return;
    }
    if (path.startsWith('/v1/')) {
      const principal = await principalOf(req);
      rateLimit(req, principal, localeOf(req));
      if (path === '/v1/meta') {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed('GET');
        const meta = metaFor(principal);
        const headers = {
          etag: meta.etag,
          'cache-control': 'private, no-cache',
          vary: 'Authorization, Origin',
        };
        if (req.headers['if-none-match'] === meta.etag) {
          res.writeHead(304, headers);
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(req.method === 'HEAD' ? undefined : meta.json);
        return;
      }
      if (path === '/v1/query') {
        if (req.method !== 'POST') throw methodNotAllowed('POST');
        return handleQuery(req, res, url, principal, requestId);
      }
      const jobMatch = /^\/v1\/queries\/([0-9a-f-]{36})$/.exec(path);
      if (jobMatch) {
        if (req.method !== 'GET' && req.method !== 'DELETE') throw methodNotAllowed('GET, DELETE');
        return handleJob(req, res, jobMatch[1]!, principal, requestId);
      }
      if (path === '/v1/subscriptions') {
        if (req.method !== 'POST') throw methodNotAllowed('POST');
        const body = await readJsonBody(req, limits.maxBodyBytes, limits.maxDepth);
        sendJson(res, 201, subscriptions.create(body, principal, ownerOf(principal)));
        return;
      }
      const subMatch = /^\/v1\/subscriptions\/([0-9a-f-]{36})(\/events)?$/.exec(path);
      if (subMatch) {
        const owner = ownerOf(principal);
        if (subMatch[2]) {
          if (req.method !== 'GET') throw methodNotAllowed('GET');
          return subscriptions.stream(subMatch[1]!, owner, req, res);
        }
        if (req.method !== 'DELETE') throw methodNotAllowed('DELETE');
        subscriptions.remove(subMatch[1]!, owner);
        res.writeHead(204);
        res.end();
        return;
      }
      throw simpleProblem(
        'notFound',
        'not-found',
        `No endpoint ${path}.`,
        'See /v1/openapi.json for the endpoints.',
      );
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && options.staticDir) {
      if (await serveStatic(req, res, options.staticDir, path)) return;
    }
    throw simpleProblem('notFound', 'not-found', `No endpoint or file ${path}.`);
  };

  const server: Server = createServer((req, res) => {
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const started = Date.now();
    res.setHeader('x-request-id', requestId);
    openRequests.add(res);
    res.on('close', () => {
      openRequests.delete(res);
      log('info', 'request', {
        requestId,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
        status: res.statusCode,
        ms: Date.now() - started,
      });
    });
    if (closing) {
      res.setHeader('connection', 'close');
      sendProblem(
        res,
        simpleProblem('unavailable', 'internal-error', 'The server is shutting down.'),
        requestId,
      );
      return;
    }
    route(req, res, requestId).catch((error: unknown) => {
      const problem = toProblem(error, false, localeOf(req));
      if (problem.kind === 'internal')
        log('error', 'request failed', { requestId, error: String((error as Error)?.stack ?? error) });
      sendProblem(res, problem, requestId, localeOf(req));
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;

  const sweep = setInterval(() => {
    const old = Date.now() - 5 * 60_000;
    for (const [id, job] of jobs) if (job.done && job.created < old) jobs.delete(id);
  }, 60_000);
  sweep.unref();

  if (options.live) {
    await watcher.start();
    if (typeof options.live === 'object')
      stopLive = await options.live.start(engine, () => void watcher.poll());
  }
  watcher.onChange(() => {
    cache.clear();
    responses.clear();
  });

  const port = options.port ?? Number(process.env.PORT ?? 8080);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  log('info', 'listening', {
    url,
    live: Boolean(options.live),
    dev: Boolean(options.dev),
    views: catalog.views.length,
  });

  const running: RunningServer = {
    url,
    port: address.port,
    engine,
    catalog,
    cache,
    close: async (graceMs = 5_000) => {
      if (closing) return;
      closing = true;
      clearInterval(sweep);
      subscriptions.closeAll();
      await stopLive?.();
      watcher.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (openRequests.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await closed;
      for (const job of jobs.values()) for (const cancel of job.computation.cancels) cancel();
      await engine.close(Math.max(0, deadline - Date.now()));
      log('info', 'stopped', {});
    },
  };
  if (devSecret) running.devSecret = devSecret;
  return running;
}

/** The language of messages: English when `Accept-Language` starts with `en`, else Chinese. */
function localeOf(req: IncomingMessage): Locale {
  return /^\s*en\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'zh-CN';
}

/** Maps with at most `limit` calls running at once, keeping the order of results. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function methodNotAllowed(allowed: string): HttpProblem {
  return simpleProblem(
    'invalidQuery',
    'not-found',
    `Method not allowed here; use ${allowed}.`,
    undefined,
    { allow: allowed },
    405,
  );
}

/** Maps any failure to a problem; never leaks internals beyond a generic message for unexpected errors. */
function toProblem(error: unknown, cancelled: boolean, locale: Locale = 'zh-CN'): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof QueryRejected)
    return new HttpProblem(kindOfDiagnostics(error.diagnostics), '', error.diagnostics, {}, error.queryIndex);
  const en = locale === 'en';
  const cancelledProblem = (): HttpProblem =>
    simpleProblem(
      'invalidQuery',
      'query-cancelled',
      message('query-cancelled', {}, locale),
      undefined,
      {},
      409,
    );
  if (error instanceof EngineError) {
    switch (error.reason) {
      case 'timeout':
        return simpleProblem(
          'timeout',
          'query-timeout',
          en ? error.message : message('query-timeout', { seconds: error.seconds ?? 0 }, locale),
          en ? 'Narrow the date range or add filters.' : '请缩小日期范围或增加筛选条件。',
        );
      case 'cancelled':
        return cancelledProblem();
      case 'busy':
        return simpleProblem(
          'unavailable',
          'engine-error',
          en ? error.message : '查询繁忙，请稍后重试。',
          en ? 'Retry shortly.' : undefined,
          {
            'retry-after': '1',
          },
        );
      case 'closed':
        return simpleProblem('unavailable', 'engine-error', en ? error.message : '服务正在关闭。');
      case 'failed':
        if (cancelled) return cancelledProblem();
        return simpleProblem(
          'internal',
          'engine-error',
          message('engine-error', {}, locale),
          en ? 'The request id identifies it in the server log.' : '请求编号可用于在服务器日志中查找原因。',
        );
    }
  }
  return simpleProblem(
    'internal',
    'internal-error',
    message('internal-error', {}, locale),
    en ? 'The request id identifies it in the server log.' : '请求编号可用于在服务器日志中查找原因。',
  );
}

/** Reads a PEM file for `--rs256-public-key`. */
export function readKeyFile(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * A fault-injecting HTTP proxy for client tests, in front of a warehouse (the fake one or the real server).
 *
 * Each test uses its own scope: the endpoint `${proxy.url}s/<scope>/` forwards to the upstream's `/`, with
 * that scope's fault rules applied and its requests logged. Tests running in the browser control it over
 * HTTP (`POST /__proxy/<scope>/faults`, `GET /__proxy/<scope>/log`), tests in Node through the object.
 * Every answer carries CORS headers, so a page on another port can use it.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What to do to requests matching `route`. */
export interface FaultRule {
  /** `METHOD /path` prefix after the scope, e.g. `POST /v1/query` or `GET /v1/subscriptions`. Default: all. */
  route?: string;
  /** How many matching requests it applies to (then it expires). Default: all of them. */
  times?: number;
  /** Answer with this status (and `body`) instead of forwarding. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this many milliseconds before forwarding or answering. */
  delay?: number;
  /** Destroy the connection without an answer. */
  drop?: boolean;
  /** Never answer. */
  stall?: boolean;
  /** Forward, but stop passing the response on after this many milliseconds (the connection stays open). */
  stallAfter?: number;
  /** Forward, but destroy the connection after this many milliseconds. */
  dropAfter?: number;
}

/** One logged request. */
export interface ProxyLogEntry {
  method: string;
  path: string;
  at: number;
  authorization?: string;
  body?: string;
  /** The fault applied, if any. */
  fault?: string;
}

export interface FaultProxy {
  /** The proxy's base URL, ending in `/`. */
  url: string;
  /** The endpoint for a scope (what a source's `endpoint` is set to). */
  endpoint(scope: string): string;
  setFaults(scope: string, rules: FaultRule[]): void;
  log(scope: string): ProxyLogEntry[];
  /** Connections currently open to the proxy (for leak checks on streams). */
  openConnections(): number;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers':
    'authorization, content-type, accept, accept-language, if-none-match, last-event-id, x-long',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-expose-headers': 'etag, location, content-location, retry-after',
};

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const upstreamUrl = new URL(upstream);
  const rules = new Map<string, FaultRule[]>();
  const logs = new Map<string, ProxyLogEntry[]>();
  const sockets = new Set<Socket>();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    const control = /^\/__proxy\/([\w-]+)\/(faults|log)$/.exec(url.pathname);
    if (control) return handleControl(control[1]!, control[2]!, req, res);
    const scoped = /^\/s\/([\w-]+)(\/.*)$/.exec(url.pathname);
    if (!scoped) return void res.writeHead(404, CORS).end();
    const [, scope, path] = scoped as unknown as [string, string, string];
    const body = await readBody(req);
    const route = `${req.method} ${path}`;
    const fault = takeFault(scope, route);
    const entry: ProxyLogEntry = { method: req.method ?? 'GET', path, at: Date.now() };
    if (req.headers.authorization) entry.authorization = req.headers.authorization;
    if (body.length) entry.body = body.toString('utf8');
    if (fault) entry.fault = JSON.stringify(fault);
    logFor(scope).push(entry);
    if (fault?.delay) await new Promise((r) => setTimeout(r, fault.delay));
    if (fault?.stall) return;
    if (fault?.drop) return void req.socket.destroy();
    if (fault?.status !== undefined) {
      const problem = fault.status >= 400;
      res.writeHead(fault.status, {
        ...CORS,
        'content-type': problem ? 'application/problem+json' : 'application/json',
        ...fault.headers,
      });
      return void res.end(JSON.stringify(fault.body ?? defaultProblem(fault.status)));
    }
    forward(req, res, path + url.search, body, fault);
  });

  function forward(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, fault?: FaultRule) {
    const headers = { ...req.headers, host: upstreamUrl.host };
    delete headers.origin;
    const outgoing = httpRequest(
      { hostname: upstreamUrl.hostname, port: upstreamUrl.port, method: req.method, path, headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, { ...upstreamRes.headers, ...CORS });
        res.flushHeaders();
        let stalled = false;
        if (fault?.stallAfter !== undefined) setTimeout(() => (stalled = true), fault.stallAfter);
        if (fault?.dropAfter !== undefined) setTimeout(() => req.socket.destroy(), fault.dropAfter);
        upstreamRes.on('data', (chunk: Buffer) => {
          if (!stalled) res.write(chunk);
        });
        upstreamRes.on('end', () => {
          if (!stalled) res.end();
        });
        res.on('close', () => upstreamRes.destroy());
      },
    );
    outgoing.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { ...CORS, 'content-type': 'application/problem+json' });
      res.end(JSON.stringify(defaultProblem(502)));
    });
    res.on('close', () => outgoing.destroy());
    outgoing.end(body);
  }

  async function handleControl(scope: string, what: string, req: IncomingMessage, res: ServerResponse) {
    if (what === 'faults' && req.method === 'POST') {
      rules.set(scope, JSON.parse((await readBody(req)).toString('utf8') || '[]') as FaultRule[]);
      return void res.writeHead(204, CORS).end();
    }
    res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
    res.end(JSON.stringify(what === 'log' ? logFor(scope) : (rules.get(scope) ?? [])));
  }

  function takeFault(scope: string, route: string): FaultRule | undefined {
    const list = rules.get(scope) ?? [];
    const index = list.findIndex((rule) => !rule.route || route.startsWith(rule.route));
    if (index < 0) return undefined;
    const rule = list[index]!;
    if (rule.times !== undefined) {
      if (rule.times <= 1) list.splice(index, 1);
      else list[index] = { ...rule, times: rule.times - 1 };
    }
    return rule;
  }

  function logFor(scope: string): ProxyLogEntry[] {
    let log = logs.get(scope);
    if (!log) logs.set(scope, (log = []));
    return log;
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    endpoint: (scope) => `${url}s/${scope}/`,
    setFaults: (scope, list) => rules.set(scope, [...list]),
    log: (scope) => logFor(scope),
    openConnections: () => sockets.size,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function defaultProblem(status: number) {
  return { type: 'about:blank', title: `Injected ${status}`, status, errors: [] };
}

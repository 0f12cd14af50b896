/**
 * A small but real HTTP warehouse for client tests: serves the campus catalog fixture with an ETag, answers
 * `POST /v1/query` (single or batch) with deterministic numbers derived from the IR, records every request,
 * and lets a test inject faults per request (status, problem body, delay, dropped connection, 202).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import type { Catalog, QueryIR } from '@campus-cockpit/query';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { fakeResult } from './fake-answers.js';

export { fakeResult, fakeValue } from './fake-answers.js';

export const campusCatalog: Catalog = JSON.parse(
  readFileSync(new URL('../../query/examples/catalog.json', import.meta.url), 'utf8'),
) as Catalog;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** When it arrived (epoch milliseconds). */
  at: number;
}

/** What a fault hook may answer instead of the normal response. */
export interface Fault {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Milliseconds to wait before answering. */
  delay?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Never answer (until the server closes). */
  stall?: boolean;
}

export interface FakeWarehouse {
  url: string;
  requests: RecordedRequest[];
  /** Requests to a path (method and path, e.g. `POST /v1/query`). */
  count(route: string): number;
  /** Called for every request; return a fault to answer differently, or undefined for the normal answer. */
  intercept: ((request: RecordedRequest) => Fault | undefined) | undefined;
  /** The data "changes": every answer from now on differs, and subscriptions get a `result` event. */
  bump(): void;
  /** Event streams open now. */
  openStreams(): number;
  /** Most event streams ever open at once. */
  maxOpenStreams(): number;
  close(): Promise<void>;
}

/** Milliseconds between the fake's SSE keep-alive comments. */
export const FAKE_HEARTBEAT = 250;

export async function startFakeWarehouse(): Promise<FakeWarehouse> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const etag = '"catalog-1"';
  const warehouse: FakeWarehouse = {
    url: '',
    requests,
    intercept: undefined,
    bump: () => {},
    openStreams: () => 0,
    maxOpenStreams: () => 0,
    count: (route) => requests.filter((r) => `${r.method} ${r.path}` === route).length,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const pendingLong = new Map<string, { ready: number; body: unknown }>();
  const subscriptions = new Map<string, QueryIR[]>();
  const streams = new Set<{ queries: QueryIR[]; res: ServerResponse }>();
  let version = 0;
  let subscriptionIds = 0;
  const push = (stream: { queries: QueryIR[]; res: ServerResponse }) =>
    stream.res.write(
      `event: result\ndata: ${JSON.stringify({ results: stream.queries.map((ir) => fakeResult(ir, version)) })}\n\n`,
    );
  warehouse.bump = () => {
    version++;
    for (const stream of streams) push(stream);
  };
  let maxStreams = 0;
  warehouse.openStreams = () => streams.size;
  warehouse.maxOpenStreams = () => maxStreams;

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0]!;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
      at: Date.now(),
    };
    requests.push(recorded);
    const fault = warehouse.intercept?.(recorded);
    if (fault?.delay) await new Promise((r) => setTimeout(r, fault.delay));
    if (fault?.stall) return;
    if (fault?.drop) return void req.socket.destroy();
    if (fault?.status !== undefined) return send(res, fault.status, fault.body ?? {}, fault.headers);
    answer(recorded, req, res);
  });

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const problem = status >= 400;
    res.writeHead(status, {
      'content-type': problem ? 'application/problem+json' : 'application/json',
      ...headers,
    });
    res.end(status === 304 ? undefined : JSON.stringify(body));
  }

  function answer(request: RecordedRequest, req: IncomingMessage, res: ServerResponse) {
    if (request.method === 'GET' && request.path === '/v1/meta') {
      if (req.headers['if-none-match'] === etag) return send(res, 304, undefined, { etag });
      return send(res, 200, campusCatalog, { etag });
    }
    if (request.method === 'POST' && request.path === '/v1/query') {
      const body = request.body as QueryIR | { queries: QueryIR[] };
      const payload =
        'queries' in body
          ? { results: body.queries.map((ir) => fakeResult(ir, version)) }
          : fakeResult(body, version);
      if (req.headers['x-long'] !== undefined) {
        const id = String(pendingLong.size + 1);
        pendingLong.set(id, { ready: Date.now() + Number(req.headers['x-long']), body: payload });
        return send(res, 202, { id }, { location: `/v1/query/${id}` });
      }
      if (
        String(req.headers.accept).includes('application/vnd.apache.arrow.stream') &&
        !('queries' in body)
      ) {
        const { schema, columns, ...meta } = payload as { schema: { key: string }[]; columns: unknown[][] };
        const table = tableFromArrays(
          Object.fromEntries(schema.map((c, i) => [c.key, columns[i] as never[]])),
        );
        table.schema.metadata = new Map(
          Object.entries({ ...meta, schema }).map(([k, v]) => [k, JSON.stringify(v)]),
        );
        res.writeHead(200, { 'content-type': 'application/vnd.apache.arrow.stream' });
        return void res.end(tableToIPC(table, { format: 'stream' }));
      }
      return send(res, 200, payload);
    }
    if (request.method === 'POST' && request.path === '/__fake/bump') {
      warehouse.bump();
      return send(res, 200, { version });
    }
    if (request.method === 'POST' && request.path === '/v1/subscriptions') {
      const body = request.body as QueryIR | { queries: QueryIR[] };
      const id = `sub${++subscriptionIds}`;
      subscriptions.set(id, 'queries' in body ? body.queries : [body]);
      return send(res, 201, { id, events: `/v1/subscriptions/${id}/events` });
    }
    const subscription = /^\/v1\/subscriptions\/(\w+)(\/events)?$/.exec(request.path);
    if (subscription && subscriptions.has(subscription[1]!)) {
      if (request.method === 'DELETE') {
        subscriptions.delete(subscription[1]!);
        return send(res, 204, undefined);
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write('retry: 3000\n\n');
      const stream = { queries: subscriptions.get(subscription[1]!)!, res };
      streams.add(stream);
      maxStreams = Math.max(maxStreams, streams.size);
      push(stream);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), FAKE_HEARTBEAT);
      res.on('close', () => {
        clearInterval(heartbeat);
        streams.delete(stream);
      });
      return;
    }
    const long = /^\/v1\/query\/(\w+)$/.exec(request.path);
    if (long && pendingLong.has(long[1]!)) {
      const job = pendingLong.get(long[1]!)!;
      if (request.method === 'DELETE') {
        pendingLong.delete(long[1]!);
        return send(res, 204, undefined);
      }
      return Date.now() >= job.ready
        ? send(res, 200, job.body)
        : send(res, 202, {}, { location: request.path });
    }
    send(res, 404, {
      type: 'urn:campus-cockpit:problem:not-found',
      title: 'Not found',
      status: 404,
      errors: [],
    });
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  warehouse.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return warehouse;
}

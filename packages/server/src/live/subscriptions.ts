/**
 * Subscriptions: a client registers queries (`POST /v1/subscriptions`) and reads Server-Sent Events
 * (`GET /v1/subscriptions/{id}/events`, usable with a bearer token through fetch streaming). The server re-runs
 * the queries when a table version changes or every `intervalSeconds`, and sends a `result` event only when
 * the answer changed.
 */

import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueryIR } from '@campus-cockpit/query';
import { prepareQuery, runQuery, type QueryContext } from '../execution/run-query.js';
import { shapeProblem, simpleProblem } from '../http/problem.js';
import type { Logger } from '../http/log.js';
import { checkRequestShape } from '../planner/shape.js';
import type { Principal } from '../security/principal.js';
import type { TableVersionWatcher } from './table-versions.js';

interface Subscription {
  id: string;
  owner: string;
  principal: Principal;
  queries: QueryIR[];
  batch: boolean;
  intervalMs?: number;
  streams: Set<ServerResponse>;
  lastHash?: string;
  created: number;
}

const MAX_SUBSCRIPTIONS = 1_000;

/** The subscription registry. */
export class Subscriptions {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly context: QueryContext,
    watcher: TableVersionWatcher,
    private readonly log: Logger,
  ) {
    watcher.onChange(() => {
      for (const subscription of this.subscriptions.values()) void this.push(subscription);
    });
  }

  /** Registers queries (a query or `{queries, intervalSeconds?}`); checks them now so errors surface at once. */
  create(body: unknown, principal: Principal, owner: string): { id: string; events: string } {
    let intervalMs: number | undefined;
    let payload = body;
    if (typeof body === 'object' && body !== null && 'intervalSeconds' in body) {
      const { intervalSeconds, ...rest } = body as Record<string, unknown>;
      if (
        typeof intervalSeconds !== 'number' ||
        !Number.isInteger(intervalSeconds) ||
        intervalSeconds < 1 ||
        intervalSeconds > 86_400
      ) {
        throw simpleProblem(
          'invalidQuery',
          'invalid-ir',
          "'intervalSeconds' must be an integer from 1 to 86400.",
        );
      }
      intervalMs = intervalSeconds * 1000;
      payload = rest;
    }
    const shape = checkRequestShape(payload);
    if (!shape.ok) throw shapeProblem(shape);
    shape.queries.forEach((ir, index) =>
      prepareQuery(this.context, ir, principal, {
        withTotal: false,
        path: shape.batch ? `/queries/${index}` : '',
        ...(shape.batch ? { queryIndex: index } : {}),
      }),
    );
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) this.sweep();
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS)
      throw simpleProblem(
        'unavailable',
        'engine-error',
        'Too many subscriptions on this server.',
        'Retry later.',
        { 'retry-after': '30' },
      );
    const id = randomUUID();
    const subscription: Subscription = {
      id,
      owner,
      principal,
      queries: shape.queries,
      batch: shape.batch,
      streams: new Set(),
      created: Date.now(),
    };
    if (intervalMs) subscription.intervalMs = intervalMs;
    this.subscriptions.set(id, subscription);
    return { id, events: `/v1/subscriptions/${id}/events` };
  }

  /** Streams events to one client until it disconnects. */
  async stream(id: string, owner: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const subscription = this.subscriptions.get(id);
    if (!subscription || subscription.owner !== owner)
      throw simpleProblem('notFound', 'not-found', `No subscription '${id}' for you.`);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    subscription.streams.add(res);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    const interval = subscription.intervalMs
      ? setInterval(() => void this.push(subscription, true), subscription.intervalMs)
      : undefined;
    const cleanup = (): void => {
      clearInterval(heartbeat);
      clearInterval(interval);
      subscription.streams.delete(res);
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
    subscription.lastHash = undefined;
    await this.push(subscription);
  }

  remove(id: string, owner: string): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription || subscription.owner !== owner)
      throw simpleProblem('notFound', 'not-found', `No subscription '${id}' for you.`);
    for (const stream of subscription.streams) stream.end();
    this.subscriptions.delete(id);
  }

  closeAll(): void {
    for (const subscription of this.subscriptions.values())
      for (const stream of subscription.streams) stream.end();
    this.subscriptions.clear();
  }

  /** Re-runs a subscription's queries and sends them when they changed (or always, for interval ticks). */
  private async push(subscription: Subscription, force = false): Promise<void> {
    if (subscription.streams.size === 0) return;
    try {
      // One query at a time: every subscription re-runs on the same change, and they share the engine queue.
      const results = [];
      for (const [index, ir] of subscription.queries.entries()) {
        const path = subscription.batch ? `/queries/${index}` : '';
        results.push(
          (await runQuery(this.context, ir, subscription.principal, { withTotal: false, path })).result,
        );
      }
      const data = JSON.stringify(subscription.batch ? { results } : results[0]);
      const hash = createHash('sha256').update(data).digest('base64url');
      if (!force && hash === subscription.lastHash) return;
      subscription.lastHash = hash;
      for (const stream of subscription.streams)
        stream.write(`event: result\nid: ${hash.slice(0, 16)}\ndata: ${data}\n\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log('warn', 'subscription run failed', { subscription: subscription.id, error: message });
      for (const stream of subscription.streams)
        stream.write(
          `event: error\ndata: ${JSON.stringify({ message: 'The subscribed query failed; it will be retried on the next change.' })}\n\n`,
        );
    }
  }

  private sweep(): void {
    const old = Date.now() - 10 * 60_000;
    for (const [id, subscription] of this.subscriptions)
      if (subscription.streams.size === 0 && subscription.created < old) this.subscriptions.delete(id);
  }
}

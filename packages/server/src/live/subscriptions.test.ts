import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../http/server.js';
import { startFixtureServer, type FixtureServer } from '../testing/fixture.js';

let fixture: FixtureServer;
let server: RunningServer;
let bump: () => Promise<void> = async () => {};

beforeAll(async () => {
  fixture = await startFixtureServer({
    live: {
      // Stands in for the live simulator: writes a row and bumps the table version, as it does.
      start(engine, changed) {
        bump = async () => {
          await engine.query(
            "INSERT INTO loans VALUES (9999, 'S0001', '文学院', 'A', TIMESTAMP '2026-01-05 10:00:00', 0, 1)",
          );
          await engine.query("UPDATE table_versions SET version = version + 1 WHERE table_name = 'loans'");
          changed();
        };
        return () => {};
      },
    },
  });
  server = fixture.server;
});

afterAll(() => fixture?.close());

/** Reads server-sent events from a fetch stream. */
async function* events(response: Response): AsyncGenerator<{ event: string; data: string }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) yield { event, data };
    }
  }
}

describe('subscriptions', () => {
  it('sends the result at once and again when the table version changes', async () => {
    const created = await fetch(`${server.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, from: 'loans', measures: ['loans.loans'] }),
    });
    expect(created.status).toBe(201);
    const { id, events: path } = await created.json();
    const controller = new AbortController();
    const response = await fetch(`${server.url}${path}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = events(response);
    const first = await stream.next();
    expect(first.value).toMatchObject({ event: 'result' });
    expect(JSON.parse(first.value!.data).data).toEqual([[400]]);
    await bump();
    const second = await stream.next();
    expect(JSON.parse(second.value!.data).data).toEqual([[401]]);
    controller.abort();
    expect((await fetch(`${server.url}/v1/subscriptions/${id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('checks subscribed queries at once', async () => {
    const response = await fetch(`${server.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, from: 'loans', measures: ['loans.nothing'] }),
    });
    expect(response.status).toBe(400);
  });

  it('keeps a subscription to its owner', async () => {
    const created = await fetch(`${server.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        queries: [{ v: 1, from: 'loans', measures: ['loans.loans'] }],
        intervalSeconds: 60,
      }),
    });
    const { id } = await created.json();
    expect(
      (await fetch(`${server.url}/v1/subscriptions/00000000-0000-0000-0000-000000000000/events`)).status,
    ).toBe(404);
    expect((await fetch(`${server.url}/v1/subscriptions/${id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('re-sends on every interval tick when intervalSeconds is set, even unchanged', async () => {
    const created = await fetch(`${server.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, from: 'students', measures: ['students.headcount'], intervalSeconds: 1 }),
    });
    const { events: path } = await created.json();
    const controller = new AbortController();
    const stream = events(await fetch(`${server.url}${path}`, { signal: controller.signal }));
    const first = (await stream.next()).value!;
    const second = (await stream.next()).value!;
    controller.abort();
    expect(first.event).toBe('result');
    expect(second.data).toBe(first.data);
  });

  it('refuses an interval out of range', async () => {
    const response = await fetch(`${server.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, from: 'students', measures: ['students.headcount'], intervalSeconds: 0 }),
    });
    expect(response.status).toBe(400);
  });
});

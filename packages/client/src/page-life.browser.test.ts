/** What only a real page has: IndexedDB persistence and pausing while the page is hidden. */
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import type { QueryIR } from '@campus-cockpit/query';
import { proxyScope } from '../test/proxy-client.js';
import type { QueryState } from './feed.js';
import { firstValue } from './result.js';
import { createSource, type Source } from './source.js';

const headcount: QueryIR = { v: 1, from: 'students', measures: ['students.headcount'] };
const patience = { timeout: 10_000 };
const sources: Source[] = [];

function open(options: Omit<Parameters<typeof createSource>[0], 'endpoint'> & { endpoint: string }): Source {
  const source = createSource(options);
  sources.push(source);
  return source;
}

function record(source: Source, options: Parameters<Source['watch']>[1] = {}) {
  const states: QueryState[] = [];
  const watch = source.watch(headcount, options, (state) => states.push(state));
  return { watch, states, last: () => states.at(-1) };
}

let hidden = false;
Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
function setHidden(value: boolean): void {
  hidden = value;
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  setHidden(false);
  for (const source of sources.splice(0)) source.dispose();
});

describe('persist', () => {
  it('shows the last good result kept in IndexedDB when a rebooted screen cannot reach the warehouse', async () => {
    const scope = proxyScope(inject('faultProxyUrl'));
    const name = `cc-test-${Math.random().toString(36).slice(2)}`;
    const before = record(open({ endpoint: scope.endpoint, persist: name }));
    await vi.waitFor(() => expect(before.last()?.status).toBe('ready'), patience);
    const updatedAt = before.last()!.updatedAt;
    // Give the write its transaction, then "reboot" during an outage.
    await new Promise((resolve) => setTimeout(resolve, 200));
    sources.splice(0).forEach((source) => source.dispose());
    await scope.setFaults([{ route: 'POST /v1/query', drop: true }]);
    const after = record(open({ endpoint: scope.endpoint, persist: name }));
    await vi.waitFor(() => expect(after.last()?.error?.kind).toBe('network'), patience);
    expect(after.last()!.status).toBe('stale');
    expect(firstValue(after.last()!.value!)).toBe(firstValue(before.last()!.value!));
    expect(after.last()!.updatedAt).toBe(updatedAt);
  });
});

describe('a hidden page', () => {
  it('stops refreshing while hidden and refreshes at once when shown again', async () => {
    const scope = proxyScope(inject('faultProxyUrl'));
    const source = open({ endpoint: scope.endpoint, cacheTtl: 0 });
    const feed = record(source, { refresh: 300 });
    await vi.waitFor(() => expect(feed.last()?.status).toBe('ready'), patience);
    setHidden(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const whileHidden = await scope.count('POST /v1/query');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await scope.count('POST /v1/query')).toBe(whileHidden);
    setHidden(false);
    await vi.waitFor(
      async () => expect(await scope.count('POST /v1/query')).toBeGreaterThan(whileHidden),
      patience,
    );
  });

  it('keeps refreshing while hidden on an always-on source (big screens)', async () => {
    const scope = proxyScope(inject('faultProxyUrl'));
    const source = open({ endpoint: scope.endpoint, cacheTtl: 0, alwaysOn: true });
    const feed = record(source, { refresh: 300 });
    await vi.waitFor(() => expect(feed.last()?.status).toBe('ready'), patience);
    setHidden(true);
    const start = await scope.count('POST /v1/query');
    await vi.waitFor(
      async () => expect(await scope.count('POST /v1/query')).toBeGreaterThan(start + 1),
      patience,
    );
  });

  it('closes its live stream while hidden and opens one again when shown', async () => {
    const scope = proxyScope(inject('faultProxyUrl'));
    const source = open({ endpoint: scope.endpoint });
    record(source, { live: true });
    await vi.waitFor(() => expect(source.stats.liveStreams).toBe(1), patience);
    setHidden(true);
    await vi.waitFor(() => expect(source.stats.liveStreams).toBe(0), patience);
    setHidden(false);
    await vi.waitFor(() => expect(source.stats.liveStreams).toBe(1), patience);
    expect(source.stats.liveConnections).toBe(2);
  });
});

/**
 * The benchmark page: the real elements (`<cc-source>`, `<cc-kpi>`) driven from the benchmark through
 * `window.bench`. Bundled by `index.ts` and served by the reference server.
 */
import '@campus-cockpit/widgets/define';
import type { KpiTile, SourceElement } from '@campus-cockpit/widgets';

/** Wall-clock milliseconds, comparable with the benchmark process on the same machine. */
const wallClock = () => performance.timeOrigin + performance.now();

async function until(check: () => boolean, what: string, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Why a tile is not ready, for error messages. */
const describe = (tile: KpiTile) =>
  `${tile.data.status}${tile.data.error ? `: ${tile.data.error.message}` : ''}`;

function mountTiles(queries: string[], live = false): { source: SourceElement; tiles: KpiTile[] } {
  document.body.innerHTML = '';
  const source = document.createElement('cc-source');
  source.endpoint = '/';
  const tiles = queries.map((query) => {
    const tile = document.createElement('cc-kpi');
    tile.query = query;
    tile.live = live;
    source.append(tile);
    return tile;
  });
  document.body.append(source);
  return { source, tiles };
}

const changes: number[] = [];

/** Yields to the event loop without timer clamping. */
const nextTurn = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      // An open port with a listener is never collected: close it, or the harness itself leaks.
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });

/** The heap after a full collection (`--js-flags=--expose-gc`). */
function heapAfterGc(): number {
  (globalThis as unknown as { gc: () => void }).gc();
  return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
}

const bench = {
  /** Mounts one tile per query and returns how many query requests the page sent until all were ready. */
  async requestsFor(queries: string[]): Promise<number> {
    const { source, tiles } = mountTiles(queries);
    await until(() => tiles.every((tile) => tile.data.status === 'ready'), `tiles (${describe(tiles[0]!)})`);
    return source.current!.stats.queryRequests;
  },

  /** Mean microseconds of `source.query()` answered from the cache (text checked locally every time). */
  async cacheHitMicros(query: string, runs: number): Promise<number> {
    const { source } = mountTiles([]);
    const client = source.current!;
    await client.query(query);
    const start = performance.now();
    for (let i = 0; i < runs; i++) await client.query(query);
    return ((performance.now() - start) * 1000) / runs;
  },

  /**
   * Refreshes one tile `to` times (each a request answered by the server) and returns how much the heap
   * grew, in bytes, between refresh `from` and refresh `to`.
   */
  async heapGrowth(query: string, from: number, to: number): Promise<number> {
    const { tiles } = mountTiles([query]);
    const tile = tiles[0]!;
    await until(() => tile.data.status === 'ready', `the tile (${describe(tile)})`);
    const refresh = async () => {
      const before = tile.data.value;
      tile.data.retry();
      while (tile.data.value === before || tile.data.status !== 'ready') await nextTurn();
      await tile.updateComplete;
    };
    for (let i = 0; i < from; i++) await refresh();
    const start = heapAfterGc();
    for (let i = from; i < to; i++) await refresh();
    return heapAfterGc() - start;
  },

  /** Mounts a live tile and records the wall-clock time of every change of its shown value. */
  async followLive(query: string): Promise<void> {
    const { tiles } = mountTiles([query], true);
    const tile = tiles[0]!;
    // Every digit, so that each tick's change shows.
    tile.notation = 'standard';
    tile.fractionDigits = 9;
    await until(() => tile.data.status === 'ready', `the live tile (${describe(tile)})`);
    await tile.updateComplete;
    const shownValue = () => tile.shadowRoot!.querySelector('[part="value"]')?.textContent ?? '';
    let shown = shownValue();
    new MutationObserver(() => {
      const now = shownValue();
      if (now !== shown) {
        shown = now;
        changes.push(wallClock());
      }
    }).observe(tile.shadowRoot!, { subtree: true, characterData: true, childList: true });
  },

  liveChanges(): number[] {
    return changes;
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;

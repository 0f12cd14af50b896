import type { CachedResult } from './cache.js';

/** Entries older than this are deleted when the store opens. */
const KEEP_FOR = 7 * 24 * 3_600_000;

/** Last good results kept in IndexedDB, so a big screen rebooted during an outage still has its numbers. */
export interface ResultStore {
  get(key: string): Promise<CachedResult | undefined>;
  put(key: string, entry: CachedResult): Promise<void>;
}

/** Opens (creating if needed) the IndexedDB database `name`. Loaded with `import()` only with `persist`. */
export async function openResultStore(name: string): Promise<ResultStore> {
  const opening = indexedDB.open(name, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore('results');
  const db = await done(opening);
  const store = (mode: IDBTransactionMode) => db.transaction('results', mode).objectStore('results');
  const cursor = store('readwrite').openCursor();
  cursor.onsuccess = () => {
    const at = cursor.result;
    if (!at) return;
    if (Date.now() - (at.value as CachedResult).updatedAt > KEEP_FOR) at.delete();
    at.continue();
  };
  return {
    get: async (key) => (await done(store('readonly').get(key))) as CachedResult | undefined,
    put: async (key, entry) => void (await done(store('readwrite').put(entry, key))),
  };
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

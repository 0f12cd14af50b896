import type { ParamValue } from '@campus-cockpit/query';
import type { ParamStore } from './params.js';

/** Options of {@link syncParamsWithUrl}. */
export interface UrlSyncOptions {
  /** Prefix of the query-string keys that hold parameters. Default `p.` (`?p.year=2025`). */
  prefix?: string;
}

/**
 * Two-way sync between the page parameters and the URL's query string: parameters in the URL are applied
 * now (and on back/forward), and every change is written back with `history.replaceState`, so a link
 * reproduces the filtered view. Numbers, booleans, arrays and date ranges are written as JSON, other
 * strings as they are. Returns the function that stops syncing.
 */
export function syncParamsWithUrl(store: ParamStore, options: UrlSyncOptions = {}): () => void {
  const prefix = options.prefix ?? 'p.';
  /** Applies the URL's parameters; after back/forward (`complete`) also clears those it no longer has. */
  const read = (complete: boolean) => {
    const values: Record<string, ParamValue | undefined> = {};
    for (const [key, text] of new URLSearchParams(location.search)) {
      if (key.startsWith(prefix)) values[key.slice(prefix.length)] = decode(text);
    }
    if (complete)
      for (const name of Object.keys(store.values)) if (!(name in values)) values[name] = undefined;
    store.update(values);
  };
  // Writing back what was just read changes nothing, so it needs no guard.
  const write = () => {
    const url = new URL(location.href);
    for (const key of [...url.searchParams.keys()]) if (key.startsWith(prefix)) url.searchParams.delete(key);
    for (const [name, value] of Object.entries(store.values))
      url.searchParams.set(prefix + name, encode(value));
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  };
  const onPopState = () => read(true);
  // At start the URL adds to what filters already set (their defaults); it does not clear them.
  read(false);
  const stop = store.subscribe(write);
  addEventListener('popstate', onPopState);
  return () => {
    stop();
    removeEventListener('popstate', onPopState);
  };
}

function encode(value: ParamValue): string {
  return typeof value === 'string' && decode(value) === value ? value : JSON.stringify(value);
}

function decode(text: string): ParamValue {
  try {
    return JSON.parse(text) as ParamValue;
  } catch {
    return text;
  }
}

import type { ParamStore } from './params.js';

/**
 * A drill path such as province → city → campus → building, kept as page parameters (one per level):
 * choosing a value at one level clears every deeper level, so a city never outlives its province. Returns
 * the function that stops enforcing it.
 */
export function followDrillPath(store: ParamStore, levels: readonly string[]): () => void {
  return store.subscribe((changed) => {
    const top = levels.findIndex((level) => changed.has(level));
    if (top < 0) return;
    const deeper: Record<string, undefined> = {};
    for (const level of levels.slice(top + 1)) if (!changed.has(level)) deeper[level] = undefined;
    store.update(deeper);
  });
}

/** The levels of a drill path that have a value, in order, stopping at the first without one. */
export function drillTrail(store: ParamStore, levels: readonly string[]): string[] {
  const trail: string[] = [];
  for (const level of levels) {
    if (store.get(level) === undefined) break;
    trail.push(level);
  }
  return trail;
}

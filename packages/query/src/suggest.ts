/**
 * Did-you-mean: near misses by edit distance, over every spelling a catalog entry has (name, zh-CN and en
 * titles, aliases, pinyin). Only called on errors, so clarity beats speed here.
 */

import type { Named } from './catalog.js';

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive, giving up
 * once it exceeds `limit` (returns `limit + 1`).
 */
export function editDistance(a: string, b: string, limit: number): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previous2[j - 2] as number) + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length] as number;
}

/** How far a misspelling may be from a candidate: a third of its length, at least one edit. */
const limitFor = (input: string): number => Math.max(1, Math.floor(input.length / 3));

/** Candidates within reach of `input`, closest first (ties keep candidate order), at most `max`. */
export function closest(input: string, candidates: readonly string[], max = 3): string[] | undefined {
  const limit = limitFor(input);
  const scored = candidates
    .map((candidate, index) => ({ candidate, index, distance: editDistance(input, candidate, limit) }))
    .filter((entry) => entry.distance <= limit)
    .sort((x, y) => x.distance - y.distance || x.index - y.index);
  return scored.length ? scored.slice(0, max).map((entry) => entry.candidate) : undefined;
}

/** Every spelling of a catalog entry that a person might type. */
export function spellings(entry: Named): string[] {
  return [
    entry.name,
    entry.title['zh-CN'],
    entry.title.en,
    ...(entry.aliases ?? []),
    ...(entry.pinyin ?? []),
  ];
}

/**
 * Catalog entries one of whose spellings is near `input`, closest first, at most `max`. An exact pinyin or
 * alias match scores 0, so `xueyuan` finds the entry titled 学院.
 */
export function closestEntries<T extends Named>(input: string, entries: readonly T[], max = 3): T[] {
  const limit = limitFor(input);
  const scored: { entry: T; distance: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    let best = limit + 1;
    for (const spelling of spellings(entry)) best = Math.min(best, editDistance(input, spelling, limit));
    if (best <= limit) scored.push({ entry, distance: best, index });
  });
  scored.sort((x, y) => x.distance - y.distance || x.index - y.index);
  // An exact spelling (pinyin, alias) is the answer; near misses beside it are noise.
  const exact = scored.filter((item) => item.distance === 0);
  return (exact.length ? exact : scored).slice(0, max).map((item) => item.entry);
}

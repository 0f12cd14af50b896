/**
 * Query text and positions in it.
 *
 * Offsets count UTF-16 code units (as JavaScript strings and editors do); lines and columns are 1-based.
 * A line ends at `\n`, `\r\n` or `\r`.
 */

import type { Span } from './problem.js';

/** A query text, with its line starts computed once so positions are cheap to look up. */
export interface Source {
  readonly body: string;
  /** Offsets where each line starts; `lineStarts[0]` is 0. */
  readonly lineStarts: readonly number[];
}

/** Wraps query text for parsing. */
export function createSource(body: string): Source {
  const lineStarts = [0];
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code === 10 /* \n */ || (code === 13 /* \r */ && body.charCodeAt(i + 1) !== 10))
      lineStarts.push(i + 1);
  }
  return { body, lineStarts };
}

/** The span of `[start, end)` in a source: line and column of `start` (binary search over line starts). */
export function spanAt(source: Source, start: number, end: number): Span {
  const starts = source.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= start) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, col: start - (starts[low] as number) + 1, offset: start, length: end - start };
}

/**
 * Diagnostics raised while checking and planning a query, and the error that carries them to the HTTP layer.
 */

import type { Diagnostic, DiagnosticCode } from '@campus-cockpit/query';

/** An error diagnostic with a JSON Pointer into the request body. */
export function irError(
  code: DiagnosticCode,
  path: string,
  message: string,
  hint?: string,
  suggestions?: string[],
): Diagnostic {
  const diagnostic: Diagnostic = { code, severity: 'error', message, path };
  if (hint) diagnostic.hint = hint;
  if (suggestions && suggestions.length > 0) diagnostic.suggestions = suggestions;
  return diagnostic;
}

/** Thrown when a query cannot run; the HTTP layer turns it into a problem response. */
export class QueryRejected extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    /** Index of the query in a batch, when known. */
    readonly queryIndex?: number,
  ) {
    super(diagnostics.map((d) => d.message).join(' '));
    this.name = 'QueryRejected';
  }
}

/** Escapes one JSON Pointer reference token (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Names closest to `name` by edit distance, best first (at most 3, within a third of the length). */
export function nearest(name: string, candidates: Iterable<string>): string[] {
  const limit = Math.max(1, Math.floor(name.length / 3));
  return [...candidates]
    .map((candidate) => ({ candidate, distance: levenshtein(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((c) => c.candidate);
}

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 10) return Math.abs(a.length - b.length);
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

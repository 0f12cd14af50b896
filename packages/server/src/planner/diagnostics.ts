/**
 * Diagnostics raised while checking and planning a query, and the error that carries them to the HTTP layer.
 */

import { closest, type Diagnostic, type DiagnosticCode } from '@campus-cockpit/query';

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

/** Names closest to `name` (the query package's did-you-mean: best first, at most 3, within a third of the length). */
export function nearest(name: string, candidates: Iterable<string>): string[] {
  return closest(name, [...candidates]) ?? [];
}

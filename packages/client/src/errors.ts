import type { Diagnostic, Problem } from '@campus-cockpit/query';

/** Why a query failed; decides whether it is worth trying again. */
export const QUERY_ERROR_KINDS = [
  'invalid-query', // the text or IR has errors (found locally or by the server): fix the query
  'http', // the server answered with an error status (see `status` and `problem`)
  'network', // no answer: endpoint unreachable, connection dropped, CORS
  'timeout', // no answer within the source's timeout
  'aborted', // no widget needs the answer any more
] as const;

/** One of {@link QUERY_ERROR_KINDS}. */
export type QueryErrorKind = (typeof QUERY_ERROR_KINDS)[number];

/**
 * A failed query, with everything a widget needs to tell the truth about it: the diagnostics (with line:col
 * for text queries) and whether a retry can help.
 */
export class QueryError extends Error {
  override name = 'QueryError';
  /** Why it failed. */
  readonly kind: QueryErrorKind;
  /** HTTP status, for `http` and server-side `invalid-query` errors. */
  readonly status: number | undefined;
  /** The server's RFC 9457 problem body, when there was one. */
  readonly problem: Problem | undefined;
  /** Query diagnostics (errors and warnings), from the local check or the server's problem. */
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds the server asked to wait before trying again (`Retry-After`), when it did. */
  readonly retryAfter: number | undefined;

  constructor(
    kind: QueryErrorKind,
    message: string,
    details: {
      status?: number;
      problem?: Problem;
      diagnostics?: readonly Diagnostic[];
      retryAfter?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.problem = details.problem;
    this.diagnostics = details.diagnostics ?? details.problem?.errors ?? [];
    this.retryAfter = details.retryAfter;
  }

  /** True for failures a retry may cure: network errors, timeouts, 5xx and 429. Never for other 4xx. */
  get retryable(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    return this.kind === 'http' && this.status !== undefined && (this.status >= 500 || this.status === 429);
  }
}

/**
 * Every error diagnostic, one line each with its position, e.g.
 * `1:25 Unknown measure 'headcont' in view 'students'.` — what a tile shows.
 */
export function describeError(error: QueryError): string {
  const errors = error.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return error.message;
  // Every mistake at once, one per line, so an author fixes them in one pass.
  return errors
    .map((d) => {
      const where = d.span ? `${d.span.line}:${d.span.col} ` : d.path ? `${d.path}: ` : '';
      return where + d.message + (d.hint ? ` ${d.hint}` : '');
    })
    .join('\n');
}

/** Builds the error for an aborted operation (a widget went away or its parameters changed). */
export const abortError = (): QueryError => new QueryError('aborted', 'The query was cancelled.');

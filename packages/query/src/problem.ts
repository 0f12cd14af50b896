/**
 * The error format: RFC 9457 problem details (`Content-Type: application/problem+json`) whose `errors[]`
 * carry the same diagnostics the client-side checker produces, so a report author sees the same line:col
 * message whether the client or the server found the mistake.
 *
 * @packageDocumentation
 */

/**
 * Stable diagnostic codes. Messages may be reworded and translated; codes never change meaning.
 *
 * Syntax (text only, with a `span`):
 * - `unexpected-character`: a character that starts no token (`@`, `"` — strings use single quotes).
 * - `unterminated-string`: a `'` without its closing `'` on the same line.
 * - `unterminated-name`: a backtick name without its closing backtick.
 * - `unexpected-token`: a token where the grammar allows something else (`expected` lists what).
 * - `unknown-clause`: a clause keyword that does not exist (`grup by`).
 * - `duplicate-clause`: a clause that may appear once appears twice.
 * - `missing-from`: the query does not start with `from <view>`.
 * - `invalid-number`: a number out of range or not an integer where one is required.
 * - `invalid-date`: a date that is not a real `YYYY-MM-DD` day, or a range ending before it starts.
 * - `too-deep`: parentheses or `not` nested deeper than 64 levels.
 *
 * Names (text and IR):
 * - `unknown-view`, `unknown-member`, `unknown-attribute`, `unknown-granularity` (not a time unit at all).
 * - `unknown-param`: a parameter bound at run time that the query does not declare.
 * - `unknown-value` (warning): a string not among a dimension's catalog `values`.
 * - `not-a-measure`, `not-a-dimension`, `not-a-segment`, `not-a-time-dimension`: the name exists but is the
 *   wrong kind for the place it is used in.
 * - `granularity-not-supported`: the time dimension does not offer that granularity.
 * - `granularity-required`: a time dimension in `by` without `.granularity`.
 * - `granularity-not-allowed`: `.granularity` on a dimension that is not a time dimension.
 * - `wrong-view`: a qualified member of another view than `from`.
 *
 * Meaning (text and IR):
 * - `type-mismatch`: a value of the wrong type for its member (or parameter).
 * - `operator-not-applicable`: e.g. `like` on a number, `<` on a boolean.
 * - `wrong-arity`: an operator given the wrong number of values.
 * - `mixed-filter`: one `or`/`not` mixes dimension (WHERE) and measure (HAVING) predicates.
 * - `unbound-param`: a required `:param` with no value.
 * - `unused-param`: a `with` binding no predicate uses (warning).
 * - `param-type-conflict`: one parameter used against members of different types.
 * - `duplicate-column`: the same column (or alias) twice.
 * - `unknown-column`: `order`/`top`/`rollup` names a column that is not in the query.
 * - `rollup-order`: `rollup` columns must be a prefix-ordered subset of `by`.
 * - `no-time-dimension`: `during` with no time dimension to apply it to.
 * - `compare-needs-during`: `compare` without `during`.
 * - `calendar-missing`: an academic granularity used with a catalog that has no calendar.
 * - `empty-query`: neither measures nor dimensions.
 *
 * Untrusted IR (from `validateIR`, with a JSON Pointer `path`):
 * - `invalid-ir`: not the shape of the contract (wrong type, unknown key, missing field).
 * - `unsupported-version`: `v` is not 1.
 * - `ir-too-large`: beyond `IR_LIMITS` (depth, node count, list or string length).
 *
 * Execution (server only):
 * - `unauthorized`, `forbidden-member`, `not-found`, `rate-limited`, `query-timeout`, `query-cancelled`,
 *   `engine-error`, `internal-error`.
 */
export const DIAGNOSTIC_CODES = [
  'unexpected-character',
  'unterminated-string',
  'unterminated-name',
  'unexpected-token',
  'unknown-clause',
  'duplicate-clause',
  'missing-from',
  'invalid-number',
  'invalid-date',
  'too-deep',
  'unknown-view',
  'unknown-member',
  'unknown-attribute',
  'unknown-param',
  'unknown-granularity',
  'unknown-value',
  'not-a-measure',
  'not-a-dimension',
  'not-a-segment',
  'not-a-time-dimension',
  'granularity-not-supported',
  'granularity-required',
  'granularity-not-allowed',
  'wrong-view',
  'type-mismatch',
  'operator-not-applicable',
  'wrong-arity',
  'mixed-filter',
  'unbound-param',
  'unused-param',
  'param-type-conflict',
  'duplicate-column',
  'unknown-column',
  'rollup-order',
  'no-time-dimension',
  'compare-needs-during',
  'calendar-missing',
  'empty-query',
  'invalid-ir',
  'unsupported-version',
  'ir-too-large',
  'unauthorized',
  'forbidden-member',
  'not-found',
  'rate-limited',
  'query-timeout',
  'query-cancelled',
  'engine-error',
  'internal-error',
] as const;

/** One of `DIAGNOSTIC_CODES`. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/**
 * A position in query text. `line` and `col` are 1-based and count UTF-16 code units, as editors and
 * `String.prototype` do; `offset` is the 0-based UTF-16 index of the first character; `length` is the
 * number of code units covered (0 at end of input).
 */
export interface Span {
  line: number;
  col: number;
  offset: number;
  length: number;
}

/** How bad a diagnostic is: errors stop the query from running, warnings do not. */
export type Severity = 'error' | 'warning';

/**
 * One problem found in a query.
 *
 * @example
 * ```json
 * {
 *   "code": "unknown-member",
 *   "severity": "error",
 *   "message": "Unknown measure 'headcont' in view 'students'.",
 *   "span": { "line": 1, "col": 25, "offset": 24, "length": 8 },
 *   "suggestions": ["headcount"],
 *   "hint": "Did you mean 'headcount'?"
 * }
 * ```
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** One sentence in the requested locale: what is wrong and where. */
  message: string;
  /** Where in the query text (text queries). */
  span?: Span;
  /** Where in the IR, as a JSON Pointer (RFC 6901), e.g. `/queries/0/filters/and/1/member` (IR queries). */
  path?: string;
  /** Replacement names or tokens, best first; an editor can offer them as quick fixes. */
  suggestions?: string[];
  /** How to fix it, in the requested locale. */
  hint?: string;
}

/**
 * An RFC 9457 problem details object with the query diagnostics. Extension members beyond the RFC's five
 * are `errors` (always present, possibly empty for non-query failures) and, for batches, `query` (the index
 * of the failing query).
 *
 * @example
 * ```json
 * {
 *   "type": "urn:campus-cockpit:problem:invalid-query",
 *   "title": "The query is not valid.",
 *   "status": 400,
 *   "detail": "2 errors in the query.",
 *   "errors": [ … ]
 * }
 * ```
 */
export interface Problem {
  /** A URI from `PROBLEM_TYPES`. */
  type: string;
  /** Short summary of the problem type, in the requested locale. */
  title: string;
  /** The HTTP status code. */
  status: number;
  /** Explanation of this occurrence, in the requested locale. */
  detail?: string;
  /** URI of this occurrence (e.g. a request id), when the server has one. */
  instance?: string;
  errors: Diagnostic[];
  /** In a batch: the index of the query the errors belong to. */
  query?: number;
}

/** The problem types and their HTTP statuses. */
export const PROBLEM_TYPES = {
  /** 400: the text or IR has errors (see `errors`). */
  invalidQuery: { type: 'urn:campus-cockpit:problem:invalid-query', status: 400 },
  /** 401: no or expired credentials. */
  unauthorized: { type: 'urn:campus-cockpit:problem:unauthorized', status: 401 },
  /** 403: the caller may not read a member (`forbidden-member`). */
  forbidden: { type: 'urn:campus-cockpit:problem:forbidden', status: 403 },
  /** 404: unknown endpoint or query id. */
  notFound: { type: 'urn:campus-cockpit:problem:not-found', status: 404 },
  /** 413: request beyond `IR_LIMITS` (`ir-too-large`). */
  tooLarge: { type: 'urn:campus-cockpit:problem:too-large', status: 413 },
  /** 429: too many requests; honour `Retry-After`. */
  rateLimited: { type: 'urn:campus-cockpit:problem:rate-limited', status: 429 },
  /** 500: a bug or an engine failure (`engine-error`, `internal-error`). */
  internal: { type: 'urn:campus-cockpit:problem:internal', status: 500 },
  /** 503: the engine is unavailable. */
  unavailable: { type: 'urn:campus-cockpit:problem:unavailable', status: 503 },
  /** 504: the query ran out of time (`query-timeout`). */
  timeout: { type: 'urn:campus-cockpit:problem:timeout', status: 504 },
} as const;

/** The media type of a `Problem`. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** True when at least one diagnostic is an error (not only warnings). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * `@campus-cockpit/query`: the query language and the wire contract.
 *
 * - The contract: {@link QueryIR} (the wire IR), {@link Catalog} (`GET /v1/meta`), {@link Problem} (errors).
 * - Text: {@link compile} (text → checked IR), {@link parse} and {@link print} (syntax tree round trip);
 *   {@link analyze} and {@link describeIssues} split compiling in two, so that a browser loads the wording
 *   of diagnostics only when a query has something to report.
 * - Messages: zh-CN by default; {@link loadLocale} loads English for `compile` (a separate chunk in browsers).
 * - TypeScript: {@link query} (a fluent builder producing the same IR).
 * - Untrusted input: {@link validateIR} (shape, limits and catalog check, for servers).
 * - Dates: {@link resolveDateRange} (relative ranges → absolute instants in the catalog time zone).
 *
 * @packageDocumentation
 */

export * from './ir.js';
export * from './catalog.js';
export * from './problem.js';
export type * from './ast.js';
export {
  compile,
  describeIssues,
  parse,
  type CompileOptions,
  type CompileResult,
  type ParseResult,
} from './compile.js';
export { analyze, type Analysis } from './analyze.js';
export type { Issue, Near } from './diagnostic.js';
export { print } from './printer.js';
export { formatDiagnostic } from './format.js';
export {
  message,
  hint,
  localeMessages,
  type MessageKey,
  type MessageArgs,
  type HintKey,
  type LocaleMessages,
} from './messages.js';
export { loadLocale, useLocale } from './locale-registry.js';
export { closest, editDistance } from './suggest.js';
export { resolveDateRange, isIsoDate, isIsoDateTime, type ResolvedDateRange } from './dates.js';
export { validateIR, validateBatch, type ValidateOptions, type ValidationResult } from './validate.js';
export {
  query,
  QueryBuilder,
  type DimensionInput,
  eq,
  ne,
  lt,
  lte,
  gt,
  gte,
  isIn,
  notIn,
  between,
  notBetween,
  like,
  notLike,
  isNull,
  isNotNull,
  and,
  or,
  not,
  param,
  today,
  yesterday,
  thisPeriod,
  lastPeriod,
  nextPeriod,
  lastN,
  dates,
} from './builder.js';

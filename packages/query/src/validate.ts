/**
 * Validation of untrusted IR (a request body): first its shape — exact fields, types, identifiers, and the
 * size limits of {@link IR_LIMITS} — then, with a catalog, the same semantic check the compiler runs (unknown
 * members, wrong kinds and types, parameters, columns). The server runs this on every request; it never
 * throws, whatever the input, and reports every problem with a JSON Pointer path.
 */

import type { Catalog, Locale } from './catalog.js';
import { checkQuery, escapePointer } from './check.js';
import type { BatchIR, QueryIR } from './ir.js';
import type { IR_FIELD_ORDER } from './ir.js';
import { FILTER_OPERATORS, GRANULARITIES, IR_LIMITS } from './ir.js';
import { toDiagnostic, type Issue } from './diagnostic.js';
import { localeMessages } from './messages.js';
import type { Diagnostic } from './problem.js';
import { hasErrors } from './problem.js';

/** Options of {@link validateIR} and {@link validateBatch}. */
export interface ValidateOptions {
  /** Language of messages. Default `zh-CN`. */
  locale?: Locale;
}

/** The outcome of a validation. */
export interface ValidationResult<T> {
  /** The input, typed, when it has no errors (warnings allowed). */
  value: T | undefined;
  diagnostics: Diagnostic[];
}

/** A shape rule: checks `value` at `path`, reporting into `issues`; returns whether it passed. */
type Rule = (value: unknown, path: string, issues: Issue[]) => boolean;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUALIFIED = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function expected(path: string, issues: Issue[], what: string): false {
  issues.push({ code: 'invalid-ir', key: 'ir-expected', path, args: { expected: what } });
  return false;
}

function tooLarge(path: string, issues: Issue[], what: string, max: number): false {
  issues.push({ code: 'ir-too-large', path, args: { what, max } });
  return false;
}

const string =
  (pattern?: RegExp, what = 'string'): Rule =>
  (value, path, issues) => {
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) return expected(path, issues, what);
    if (value.length > IR_LIMITS.maxString) return tooLarge(path, issues, 'characters', IR_LIMITS.maxString);
    return true;
  };

const name = string(IDENTIFIER, 'name');
const member = string(QUALIFIED, 'view.member');
const anyString = string();
const number: Rule = (value, path, issues) =>
  (typeof value === 'number' && Number.isFinite(value)) || expected(path, issues, 'number');
const boolean: Rule = (value, path, issues) =>
  typeof value === 'boolean' || expected(path, issues, 'boolean');
const scalar: Rule = (value, path, issues) =>
  value === null ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' ? anyString(value, path, issues) : expected(path, issues, 'value'));

const oneOf =
  (options: readonly (string | number)[]): Rule =>
  (value, path, issues) => {
    if (options.includes(value as string)) return true;
    issues.push({ code: 'invalid-ir', key: 'ir-one-of', path, args: { options: options.join(', ') } });
    return false;
  };

const granularity = oneOf(GRANULARITIES);

const array =
  (item: Rule, max: number, what: string): Rule =>
  (value, path, issues) => {
    if (!Array.isArray(value)) return expected(path, issues, 'array');
    if (value.length > max) return tooLarge(path, issues, what, max);
    let ok = true;
    value.forEach((entry, i) => (ok = item(entry, `${path}/${i}`, issues) && ok));
    return ok;
  };

/** An object with exactly these fields (`?` marks optional ones); unknown fields are errors, never ignored. */
function object(fields: Readonly<Record<string, Rule>>): Rule {
  const known = new Set<string>();
  const rules = Object.entries(fields).map(([field, rule]) => {
    const optional = field.endsWith('?');
    const key = optional ? field.slice(0, -1) : field;
    known.add(key);
    return { key, optional, rule, segment: '/' + escapePointer(key) };
  });
  return (value, path, issues) => {
    if (!isObject(value)) return expected(path, issues, 'object');
    let ok = true;
    for (const key in value) {
      if (Object.hasOwn(value, key) && !known.has(key)) {
        issues.push({
          code: 'invalid-ir',
          key: 'ir-unknown-field',
          path: `${path}/${escapePointer(key)}`,
          args: { name: key },
        });
        ok = false;
      }
    }
    for (const { key, optional, rule, segment } of rules) {
      const field = Object.hasOwn(value, key) ? value[key] : undefined;
      if (field === undefined) {
        if (!optional) {
          issues.push({ code: 'invalid-ir', key: 'ir-missing-field', path, args: { name: key } });
          ok = false;
        }
      } else ok = rule(field, path + segment, issues) && ok;
    }
    return ok;
  };
}

const paramRef = object({ param: name, 'optional?': boolean });

const filterValue: Rule = (value, path, issues) =>
  isObject(value) ? paramRef(value, path, issues) : scalar(value, path, issues);

const condition = object({
  member,
  'attribute?': name,
  'granularity?': granularity,
  operator: oneOf(FILTER_OPERATORS),
  'values?': array(filterValue, IR_LIMITS.maxFilterValues, 'values'),
});

/** A filter tree, bounded in depth and size before anything recurses into it. */
function filter(root: unknown, rootPath: string, issues: Issue[]): boolean {
  let nodes = 0;
  const visit = (value: unknown, path: string, depth: number): boolean => {
    if (++nodes > IR_LIMITS.maxFilterNodes) return tooLarge(path, issues, 'nodes', IR_LIMITS.maxFilterNodes);
    if (depth > IR_LIMITS.maxFilterDepth) return tooLarge(path, issues, 'depth', IR_LIMITS.maxFilterDepth);
    if (!isObject(value)) return expected(path, issues, 'object');
    const keys = Object.keys(value);
    const logical = keys.length === 1 ? keys[0] : undefined;
    if (logical === 'and' || logical === 'or') {
      const children = value[logical];
      if (!Array.isArray(children)) return expected(`${path}/${logical}`, issues, 'array');
      let ok = true;
      for (let i = 0; i < children.length && nodes <= IR_LIMITS.maxFilterNodes; i++) {
        ok = visit(children[i], `${path}/${logical}/${i}`, depth + 1) && ok;
      }
      return ok;
    }
    if (logical === 'not') return visit(value.not, `${path}/not`, depth + 1);
    if ('member' in value) return condition(value, path, issues);
    issues.push({ code: 'invalid-ir', key: 'ir-one-of', path, args: { options: 'and, or, not, member' } });
    return false;
  };
  return visit(root, rootPath, 1);
}

const RELATIVE_RANGES: Readonly<Record<string, Rule>> = {
  today: object({ relative: anyString }),
  yesterday: object({ relative: anyString }),
  this: object({ relative: anyString, unit: granularity }),
  last: object({ relative: anyString, unit: granularity }),
  next: object({ relative: anyString, unit: granularity }),
  lastN: object({ relative: anyString, n: number, unit: granularity, 'includeToday?': boolean }),
};
const relativeKind = oneOf(Object.keys(RELATIVE_RANGES));

const relativeRange: Rule = (value, path, issues) => {
  const relative = isObject(value) ? value.relative : undefined;
  const rule =
    typeof relative === 'string' && Object.hasOwn(RELATIVE_RANGES, relative)
      ? RELATIVE_RANGES[relative]
      : undefined;
  return rule ? rule(value, path, issues) : relativeKind(relative, `${path}/relative`, issues);
};

const absoluteRange = object({ start: anyString, end: anyString });

const dateRange: Rule = (value, path, issues) => {
  if (!isObject(value)) return expected(path, issues, 'object');
  if ('param' in value) return paramRef(value, path, issues);
  if ('relative' in value) return relativeRange(value, path, issues);
  return absoluteRange(value, path, issues);
};

const scalars = array(scalar, IR_LIMITS.maxFilterValues, 'values');

const paramValue: Rule = (value, path, issues) => {
  if (Array.isArray(value)) return scalars(value, path, issues);
  if (isObject(value))
    return 'relative' in value ? relativeRange(value, path, issues) : absoluteRange(value, path, issues);
  return scalar(value, path, issues);
};

const params: Rule = (value, path, issues) => {
  if (!isObject(value)) return expected(path, issues, 'object');
  if (Object.keys(value).length > IR_LIMITS.maxParams)
    return tooLarge(path, issues, 'params', IR_LIMITS.maxParams);
  let ok = true;
  for (const [key, entry] of Object.entries(value)) {
    const entryPath = `${path}/${escapePointer(key)}`;
    ok = name(key, entryPath, issues) && paramValue(entry, entryPath, issues) && ok;
  }
  return ok;
};

const columns = (value: unknown, path: string, issues: Issue[]): boolean =>
  array(anyString, IR_LIMITS.maxColumns, 'columns')(value, path, issues);

const QUERY_FIELDS: Readonly<Record<(typeof IR_FIELD_ORDER)[number], Rule>> = {
  v: (value, path, issues) =>
    value === 1 ||
    (issues.push({ code: 'unsupported-version', path, args: { version: String(value) } }), false),
  from: name,
  measures: array(member, IR_LIMITS.maxColumns, 'columns'),
  dimensions: array(
    object({ member, 'granularity?': granularity, 'attribute?': name, 'alias?': string(/^\S/, 'name') }),
    IR_LIMITS.maxColumns,
    'columns',
  ),
  filters: filter,
  having: filter,
  segments: array(member, IR_LIMITS.maxColumns, 'columns'),
  timeRange: object({ dimension: member, range: dateRange }),
  compare: object({ previous: oneOf(['period', ...GRANULARITIES]) }),
  top: object({
    n: number,
    by: anyString,
    'direction?': oneOf(['asc', 'desc']),
    'per?': anyString,
    'others?': boolean,
  }),
  order: array(
    object({ by: anyString, 'direction?': oneOf(['asc', 'desc']) }),
    IR_LIMITS.maxColumns,
    'columns',
  ),
  limit: number,
  offset: number,
  totals: boolean,
  rollup: columns,
  params,
};

const queryShape = object(
  Object.fromEntries(
    Object.entries(QUERY_FIELDS).map(([key, rule]) => [
      key === 'v' || key === 'from' ? key : key + '?',
      rule,
    ]),
  ),
);

/** Shape, then (with a catalog, when the shape is right) meaning. Issues carry paths under `base`. */
function queryIssues(input: unknown, catalog: Catalog | undefined, base: string, issues: Issue[]): void {
  if (isObject(input) && input.v !== undefined && input.v !== 1) {
    issues.push({ code: 'unsupported-version', path: `${base}/v`, args: { version: String(input.v) } });
    return;
  }
  if (queryShape(input, base, issues) && catalog)
    checkQuery(input as unknown as QueryIR, catalog, (issue) => issues.push(issue), base);
}

function result<T>(input: unknown, issues: Issue[], options: ValidateOptions): ValidationResult<T> {
  const diagnostics = issues.map((issue) => toDiagnostic(issue, localeMessages[options.locale ?? 'zh-CN']));
  return { value: hasErrors(diagnostics) ? undefined : (input as T), diagnostics };
}

/**
 * Validates one untrusted query. Without a catalog only the shape and limits are checked.
 *
 * @example
 * const { value, diagnostics } = validateIR(JSON.parse(body), catalog, { locale: 'en' });
 * if (!value) reply(400, { type: PROBLEM_TYPES.invalidQuery.type, status: 400, title: '…', errors: diagnostics });
 */
export function validateIR(
  input: unknown,
  catalog?: Catalog,
  options: ValidateOptions = {},
): ValidationResult<QueryIR> {
  const issues: Issue[] = [];
  queryIssues(input, catalog, '', issues);
  return result(input, issues, options);
}

const batchShape = object({
  queries: (value, path, issues) => Array.isArray(value) || expected(path, issues, 'array'),
});

/** Validates an untrusted batch `{ queries: [...] }` (at most {@link IR_LIMITS}.maxBatch queries). */
export function validateBatch(
  input: unknown,
  catalog?: Catalog,
  options: ValidateOptions = {},
): ValidationResult<BatchIR> {
  const issues: Issue[] = [];
  if (!isObject(input)) expected('', issues, 'object');
  else if (batchShape(input, '', issues)) {
    const queries = input.queries as unknown[];
    if (queries.length > IR_LIMITS.maxBatch) tooLarge('/queries', issues, 'queries', IR_LIMITS.maxBatch);
    else queries.forEach((query, i) => queryIssues(query, catalog, `/queries/${i}`, issues));
  }
  return result(input, issues, options);
}

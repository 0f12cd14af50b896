/**
 * Checks that an untrusted request body has the exact shape of the wire IR (`QueryIR` or `BatchIR`): known keys
 * only, right types, within {@link IR_LIMITS}. Names are not resolved here (see `resolve.ts`). Every problem is
 * reported with a JSON Pointer into the body.
 */

import {
  FILTER_OPERATORS,
  GRANULARITIES,
  IR_FIELD_ORDER,
  IR_LIMITS,
  type BatchIR,
  type Diagnostic,
  type QueryIR,
} from '@campus-cockpit/query';
import { irError, pointerToken } from './diagnostics.js';

/** The shape check's verdict: the typed body, or the problems found. */
export type ShapeResult =
  | { ok: true; batch: boolean; queries: QueryIR[] }
  | { ok: false; diagnostics: Diagnostic[]; tooLarge: boolean; queryIndex?: number };

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_ITEMS = 256;

/** Checks a parsed JSON body: either one query or `{ queries: [...] }`. */
export function checkRequestShape(body: unknown): ShapeResult {
  if (isObject(body) && 'queries' in body) {
    const checker = new ShapeChecker();
    checker.keys(body, '', ['queries']);
    const queries = body.queries;
    if (!Array.isArray(queries) || queries.length === 0) {
      return fail([irError('invalid-ir', '/queries', "'queries' must be a non-empty list of queries.")]);
    }
    if (queries.length > IR_LIMITS.maxBatch) {
      return fail(
        [
          irError(
            'ir-too-large',
            '/queries',
            `A batch holds at most ${IR_LIMITS.maxBatch} queries; this one has ${queries.length}.`,
            'Split the batch.',
          ),
        ],
        true,
      );
    }
    if (checker.diagnostics.length > 0) return fail(checker.diagnostics);
    for (let i = 0; i < queries.length; i++) {
      const one = new ShapeChecker();
      one.query(queries[i], `/queries/${i}`);
      if (one.diagnostics.length > 0) return { ...fail(one.diagnostics, one.tooLarge), queryIndex: i };
    }
    return { ok: true, batch: true, queries: queries as QueryIR[] };
  }
  const checker = new ShapeChecker();
  checker.query(body, '');
  if (checker.diagnostics.length > 0) return fail(checker.diagnostics, checker.tooLarge);
  return { ok: true, batch: false, queries: [body as QueryIR] };
}

function fail(diagnostics: Diagnostic[], tooLarge = false): Extract<ShapeResult, { ok: false }> {
  return { ok: false, diagnostics, tooLarge: tooLarge || diagnostics.some((d) => d.code === 'ir-too-large') };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects shape problems of one query. */
class ShapeChecker {
  readonly diagnostics: Diagnostic[] = [];
  tooLarge = false;
  private filterNodes = 0;

  private bad(path: string, message: string, hint?: string): void {
    if (this.diagnostics.length < 50)
      this.diagnostics.push(irError('invalid-ir', path || '/', message, hint));
  }

  private large(path: string, message: string, hint?: string): void {
    this.tooLarge = true;
    this.diagnostics.push(irError('ir-too-large', path || '/', message, hint));
  }

  keys(obj: Record<string, unknown>, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        this.bad(
          `${path}/${pointerToken(key)}`,
          `Unknown field '${truncate(key)}'; allowed here: ${allowed.join(', ')}.`,
          'Remove it: unknown fields are rejected, never ignored.',
        );
      }
    }
  }

  query(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.bad(
        path,
        'A query must be a JSON object such as {"v": 1, "from": "students", "measures": ["students.headcount"]}.',
      );
      return;
    }
    this.keys(value, path, IR_FIELD_ORDER);
    if (value.v !== 1) {
      this.diagnostics.push(
        irError(
          value.v === undefined ? 'invalid-ir' : 'unsupported-version',
          `${path}/v`,
          value.v === undefined
            ? "Missing 'v': the IR version, 1."
            : `IR version ${truncate(JSON.stringify(value.v))} is not supported; this server reads version 1.`,
        ),
      );
    }
    this.string(value.from, `${path}/from`, "'from'");
    if (value.measures !== undefined)
      this.list(value.measures, `${path}/measures`, (item, p) => this.string(item, p, 'a measure name'));
    if (value.segments !== undefined)
      this.list(value.segments, `${path}/segments`, (item, p) => this.string(item, p, 'a segment name'));
    if (value.rollup !== undefined)
      this.list(value.rollup, `${path}/rollup`, (item, p) => this.string(item, p, 'a column key'));
    if (value.dimensions !== undefined)
      this.list(value.dimensions, `${path}/dimensions`, (item, p) => this.dimension(item, p));
    const columns =
      (Array.isArray(value.measures) ? value.measures.length : 0) +
      (Array.isArray(value.dimensions) ? value.dimensions.length : 0);
    if (columns > IR_LIMITS.maxColumns)
      this.large(
        path,
        `At most ${IR_LIMITS.maxColumns} measures and dimensions together; this query has ${columns}.`,
      );
    if (value.filters !== undefined) this.filter(value.filters, `${path}/filters`, 1);
    if (value.having !== undefined) this.filter(value.having, `${path}/having`, 1);
    if (value.timeRange !== undefined) this.timeRange(value.timeRange, `${path}/timeRange`);
    if (value.compare !== undefined) this.compare(value.compare, `${path}/compare`);
    if (value.top !== undefined) this.top(value.top, `${path}/top`);
    if (value.order !== undefined)
      this.list(value.order, `${path}/order`, (item, p) => this.orderItem(item, p));
    if (value.limit !== undefined) this.integer(value.limit, `${path}/limit`, 'limit', 1, IR_LIMITS.maxLimit);
    if (value.offset !== undefined)
      this.integer(value.offset, `${path}/offset`, 'offset', 0, Number.MAX_SAFE_INTEGER);
    if (value.totals !== undefined && typeof value.totals !== 'boolean')
      this.bad(`${path}/totals`, "'totals' must be true or false.");
    if (value.params !== undefined) this.params(value.params, `${path}/params`);
  }

  private string(value: unknown, path: string, what: string): void {
    if (typeof value !== 'string' || value.length === 0)
      this.bad(path, `${capitalize(what)} must be a non-empty string.`);
    else if (value.length > IR_LIMITS.maxString)
      this.large(
        path,
        `A string of ${value.length} characters is longer than the limit of ${IR_LIMITS.maxString}.`,
      );
  }

  private integer(value: unknown, path: string, what: string, min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      if (typeof value === 'number' && Number.isInteger(value) && value > max) {
        this.large(path, `'${what}' must be at most ${max}; got ${value}.`);
      } else {
        this.bad(path, `'${what}' must be an integer from ${min} to ${max}.`);
      }
    }
  }

  private list(value: unknown, path: string, item: (value: unknown, path: string) => void): void {
    if (!Array.isArray(value)) {
      this.bad(path, 'Must be a list.');
      return;
    }
    if (value.length > MAX_ITEMS) {
      this.large(path, `A list of ${value.length} entries is longer than the limit of ${MAX_ITEMS}.`);
      return;
    }
    value.forEach((entry, i) => item(entry, `${path}/${i}`));
  }

  private granularity(value: unknown, path: string): void {
    if (typeof value !== 'string' || !(GRANULARITIES as readonly string[]).includes(value)) {
      this.bad(
        path,
        `'${truncate(String(value))}' is not a granularity; one of ${GRANULARITIES.join(', ')}.`,
      );
    }
  }

  private dimension(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.bad(path, 'A dimension must be an object such as {"member": "students.college"}.');
      return;
    }
    this.keys(value, path, ['member', 'granularity', 'attribute', 'alias']);
    this.string(value.member, `${path}/member`, "'member'");
    if (value.granularity !== undefined) this.granularity(value.granularity, `${path}/granularity`);
    if (value.attribute !== undefined) this.string(value.attribute, `${path}/attribute`, "'attribute'");
    if (value.alias !== undefined) {
      this.string(value.alias, `${path}/alias`, "'alias'");
      if (typeof value.alias === 'string' && value.alias.startsWith('@'))
        this.bad(`${path}/alias`, "Aliases may not start with '@' (reserved for server columns).");
    }
  }

  private filter(value: unknown, path: string, depth: number): void {
    if (depth > IR_LIMITS.maxFilterDepth) {
      this.large(
        path,
        `Filters nest at most ${IR_LIMITS.maxFilterDepth} levels deep.`,
        'Flatten the filter tree.',
      );
      return;
    }
    if (++this.filterNodes > IR_LIMITS.maxFilterNodes) {
      if (this.filterNodes === IR_LIMITS.maxFilterNodes + 1)
        this.large(path, `A filter tree holds at most ${IR_LIMITS.maxFilterNodes} nodes.`);
      return;
    }
    if (!isObject(value)) {
      this.bad(path, "A filter must be an object with one of the keys 'and', 'or', 'not' or 'member'.");
      return;
    }
    if ('and' in value || 'or' in value) {
      const key = 'and' in value ? 'and' : 'or';
      this.keys(value, path, [key]);
      const children = value[key];
      if (!Array.isArray(children)) {
        this.bad(`${path}/${key}`, `'${key}' must be a list of filters.`);
        return;
      }
      children.forEach((child, i) => this.filter(child, `${path}/${key}/${i}`, depth + 1));
      return;
    }
    if ('not' in value) {
      this.keys(value, path, ['not']);
      this.filter(value.not, `${path}/not`, depth + 1);
      return;
    }
    this.keys(value, path, ['member', 'attribute', 'granularity', 'operator', 'values']);
    this.string(value.member, `${path}/member`, "'member'");
    if (value.attribute !== undefined) this.string(value.attribute, `${path}/attribute`, "'attribute'");
    if (value.granularity !== undefined) this.granularity(value.granularity, `${path}/granularity`);
    if (
      typeof value.operator !== 'string' ||
      !(FILTER_OPERATORS as readonly string[]).includes(value.operator)
    ) {
      this.bad(
        `${path}/operator`,
        `'${truncate(String(value.operator))}' is not an operator; one of ${FILTER_OPERATORS.join(', ')}.`,
      );
    }
    if (value.values !== undefined) {
      if (!Array.isArray(value.values)) {
        this.bad(`${path}/values`, "'values' must be a list.");
        return;
      }
      if (value.values.length > IR_LIMITS.maxFilterValues) {
        this.large(
          `${path}/values`,
          `A value list holds at most ${IR_LIMITS.maxFilterValues} values; this one has ${value.values.length}.`,
        );
        return;
      }
      value.values.forEach((v, i) => this.filterValue(v, `${path}/values/${i}`));
    }
  }

  private filterValue(value: unknown, path: string): void {
    if (isObject(value)) {
      this.paramRef(value, path);
      return;
    }
    this.scalar(value, path);
  }

  private scalar(value: unknown, path: string): void {
    if (value === null || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.bad(path, 'Numbers must be finite.');
      return;
    }
    if (typeof value === 'string') {
      if (value.length > IR_LIMITS.maxString)
        this.large(
          path,
          `A string of ${value.length} characters is longer than the limit of ${IR_LIMITS.maxString}.`,
        );
      return;
    }
    this.bad(path, 'A value must be a string, number, boolean, null or {"param": name}.');
  }

  private paramRef(value: Record<string, unknown>, path: string): void {
    this.keys(value, path, ['param', 'optional']);
    if (typeof value.param !== 'string' || !PARAM_NAME.test(value.param) || value.param.length > 100) {
      this.bad(`${path}/param`, 'A parameter name is a letter or _, then letters, digits or _.');
    }
    if (value.optional !== undefined && typeof value.optional !== 'boolean')
      this.bad(`${path}/optional`, "'optional' must be true or false.");
  }

  private timeRange(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.bad(path, "'timeRange' must be an object {dimension, range}.");
      return;
    }
    this.keys(value, path, ['dimension', 'range']);
    this.string(value.dimension, `${path}/dimension`, "'dimension'");
    this.dateRange(value.range, `${path}/range`, true);
  }

  dateRange(value: unknown, path: string, allowParam: boolean): void {
    if (!isObject(value)) {
      this.bad(path, 'A date range must be an object: {"relative": …}, {"start", "end"} or {"param": …}.');
      return;
    }
    if ('param' in value && allowParam) {
      this.paramRef(value, path);
      return;
    }
    if ('start' in value || 'end' in value) {
      this.keys(value, path, ['start', 'end']);
      for (const key of ['start', 'end'] as const) {
        const day = value[key];
        if (typeof day !== 'string' || !isDay(day))
          this.bad(`${path}/${key}`, `'${key}' must be a real day written YYYY-MM-DD.`);
      }
      if (typeof value.start === 'string' && typeof value.end === 'string' && value.end < value.start) {
        this.bad(`${path}/end`, `The range ends (${value.end}) before it starts (${value.start}).`);
      }
      return;
    }
    const relative = value.relative;
    if (relative === 'today' || relative === 'yesterday') {
      this.keys(value, path, ['relative']);
    } else if (relative === 'this' || relative === 'last' || relative === 'next') {
      this.keys(value, path, ['relative', 'unit']);
      this.granularity(value.unit, `${path}/unit`);
    } else if (relative === 'lastN') {
      this.keys(value, path, ['relative', 'n', 'unit', 'includeToday']);
      this.integer(value.n, `${path}/n`, 'n', 1, IR_LIMITS.maxN);
      this.granularity(value.unit, `${path}/unit`);
      if (value.includeToday !== undefined && typeof value.includeToday !== 'boolean')
        this.bad(`${path}/includeToday`, "'includeToday' must be true or false.");
    } else {
      this.bad(`${path}/relative`, "'relative' must be one of today, yesterday, this, last, next, lastN.");
    }
  }

  private compare(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.bad(path, '\'compare\' must be an object {"previous": "period" | granularity}.');
      return;
    }
    this.keys(value, path, ['previous']);
    if (value.previous !== 'period') this.granularity(value.previous, `${path}/previous`);
  }

  private top(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.bad(path, "'top' must be an object {n, by, direction?, per?, others?}.");
      return;
    }
    this.keys(value, path, ['n', 'by', 'direction', 'per', 'others']);
    this.integer(value.n, `${path}/n`, 'n', 1, IR_LIMITS.maxN);
    this.string(value.by, `${path}/by`, "'by'");
    if (value.direction !== undefined && value.direction !== 'asc' && value.direction !== 'desc')
      this.bad(`${path}/direction`, "'direction' must be asc or desc.");
    if (value.per !== undefined) this.string(value.per, `${path}/per`, "'per'");
    if (value.others !== undefined && typeof value.others !== 'boolean')
      this.bad(`${path}/others`, "'others' must be true or false.");
  }

  private orderItem(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.bad(path, 'A sort key must be an object {by, direction?}.');
      return;
    }
    this.keys(value, path, ['by', 'direction']);
    this.string(value.by, `${path}/by`, "'by'");
    if (value.direction !== undefined && value.direction !== 'asc' && value.direction !== 'desc')
      this.bad(`${path}/direction`, "'direction' must be asc or desc.");
  }

  private params(value: unknown, path: string): void {
    if (!isObject(value)) {
      this.bad(path, "'params' must be an object of name → value.");
      return;
    }
    const names = Object.keys(value);
    if (names.length > MAX_ITEMS) {
      this.large(path, `At most ${MAX_ITEMS} parameters.`);
      return;
    }
    for (const name of names) {
      const p = `${path}/${pointerToken(name)}`;
      if (!PARAM_NAME.test(name) || name.length > 100)
        this.bad(
          p,
          `'${truncate(name)}' is not a parameter name (a letter or _, then letters, digits or _).`,
        );
      const bound = value[name];
      if (Array.isArray(bound)) {
        if (bound.length > IR_LIMITS.maxFilterValues)
          this.large(p, `A parameter list holds at most ${IR_LIMITS.maxFilterValues} values.`);
        else
          bound.forEach((v, i) =>
            isObject(v) || Array.isArray(v)
              ? this.bad(`${p}/${i}`, 'List parameters hold scalars only.')
              : this.scalar(v, `${p}/${i}`),
          );
      } else if (isObject(bound)) {
        this.dateRange(bound, p, false);
      } else {
        this.scalar(bound, p);
      }
    }
  }
}

function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(text + 'T00:00:00Z');
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function truncate(text: string): string {
  return text.length > 40 ? text.slice(0, 40) + '…' : text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Re-exported for tests. */
export type { BatchIR };

import { isParamRef, type Filter, type ParamRef, type ParamValue, type QueryIR } from '@campus-cockpit/query';

/** JSON text with object keys sorted, so equal queries written in any key order get the same key. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Names of the parameters a query refers to (in filters, having and the time range). */
export function referencedParams(ir: QueryIR): Set<string> {
  return new Set(paramRefs(ir).map((ref) => ref.param));
}

/** Names of the parameters a query requires (`:name`, not `:name?`) that `ir.params` does not bind. */
export function unboundParams(ir: QueryIR): string[] {
  const bound = ir.params ?? {};
  const names = paramRefs(ir)
    .filter((ref) => !ref.optional && !(ref.param in bound))
    .map((ref) => ref.param);
  return [...new Set(names)];
}

function paramRefs(ir: QueryIR): ParamRef[] {
  const refs: ParamRef[] = [];
  const visit = (filter: Filter | undefined): void => {
    if (!filter) return;
    if ('and' in filter) filter.and.forEach(visit);
    else if ('or' in filter) filter.or.forEach(visit);
    else if ('not' in filter) visit(filter.not);
    else for (const value of filter.values ?? []) if (isParamRef(value)) refs.push(value);
  };
  visit(ir.filters);
  visit(ir.having);
  if (ir.timeRange && isParamRef(ir.timeRange.range)) refs.push(ir.timeRange.range);
  return refs;
}

/**
 * The IR to send: the query's own `with` bindings overlaid by the run-time parameters it actually uses
 * (unrelated page parameters are left out, so they neither reach the server nor split the cache).
 * A run-time value of `undefined` unbinds the parameter (an optional `:name?` predicate is then dropped).
 */
export function bindParams(
  ir: QueryIR,
  params: Readonly<Record<string, ParamValue | undefined>> = {},
): QueryIR {
  const used = referencedParams(ir);
  const bound: Record<string, ParamValue> = { ...ir.params };
  for (const name of used) {
    if (!(name in params)) continue;
    const value = params[name];
    if (value === undefined) delete bound[name];
    else bound[name] = value;
  }
  const { params: _own, ...rest } = ir;
  return Object.keys(bound).length > 0 ? { ...rest, params: bound } : rest;
}

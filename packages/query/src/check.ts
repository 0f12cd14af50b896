/**
 * The semantic check of a well-formed IR against a catalog, for {@link validateIR}: it walks the IR and
 * applies the rules of `rules.ts`, which the text compiler applies too, so a query gets the same verdict in
 * the browser and on the server. Issues carry JSON Pointer paths.
 *
 * It reports every problem it finds, never throws, and assumes only the IR's shape (see `validate.ts`).
 */

import type { Catalog } from './catalog.js';
import type { Issue } from './diagnostic.js';
import type { QueryIR } from './ir.js';
import { label, lookupView } from './lookup.js';
import {
  checkColumns,
  checkCompare,
  checkDimension,
  checkFilter,
  checkMeasure,
  checkOrderKey,
  checkPaging,
  checkParams,
  checkRollup,
  checkSegment,
  checkTimeRange,
  checkTop,
  startRules,
  type Places,
} from './rules.js';

export { valueMatches } from './rules.js';

/** Receives each issue as it is found. */
export type Report = (issue: Issue) => void;

/** The JSON Pointer paths of the parts of the IR node at `path`. */
function pathPlaces(path: string): Places<string> {
  return (part = '', index) => (index === undefined ? path + part : `${path}${part}/${index}`);
}

/** Checks a query; issues carry JSON Pointer paths relative to `base` (e.g. `/queries/3`). */
export function checkQuery(ir: QueryIR, catalog: Catalog, report: Report, base = ''): void {
  const view = lookupView(catalog, ir.from);
  if (!view || view.name !== ir.from) {
    // Found by title or in another case: that view is the suggestion.
    report({
      code: 'unknown-view',
      path: base + '/from',
      args: { name: ir.from, views: catalog.views.map((v) => v.name).join(', ') },
      ...(view
        ? { suggestions: [view.name], labels: [label(view)] }
        : { near: { input: ir.from, among: catalog.views } }),
    });
    return;
  }
  const rules = startRules<string>(view, catalog, (path, code, args, extra) =>
    report({ code, path: base + path, args, ...extra }),
  );
  ir.measures?.forEach((name, i) => checkMeasure(rules, name, `/measures/${i}`));
  ir.dimensions?.forEach((ref, i) => checkDimension(rules, ref, pathPlaces(`/dimensions/${i}`)));
  checkColumns(rules, ir, '');
  if (ir.filters) checkFilter(rules, ir.filters, 'dimension', pathPlaces('/filters'), childPlaces);
  if (ir.having) checkFilter(rules, ir.having, 'measure', pathPlaces('/having'), childPlaces);
  ir.segments?.forEach((name, i) => checkSegment(rules, name, `/segments/${i}`));
  if (ir.timeRange)
    checkTimeRange(rules, ir.timeRange, pathPlaces('/timeRange'), pathPlaces('/timeRange/range'));
  if (ir.compare) checkCompare(rules, ir.compare, ir.timeRange !== undefined, pathPlaces('/compare'));
  if (ir.top) checkTop(rules, ir.top, pathPlaces('/top'));
  ir.order?.forEach((item, i) => checkOrderKey(rules, item.by, `/order/${i}/by`));
  checkPaging(rules, ir, pathPlaces(''));
  if (ir.rollup) checkRollup(rules, ir, pathPlaces('/rollup'));
  checkParams(rules, ir.params ?? {}, (name) => pathPlaces(`/params/${escapePointer(name)}`));
}

/** A filter node's paths: under the path its parent gave it. */
const childPlaces = (_node: unknown, path: string): Places<string> => pathPlaces(path);

/** RFC 6901 escaping of one path segment. */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

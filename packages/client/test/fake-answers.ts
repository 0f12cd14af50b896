/** The fake warehouse's answers, pure so that browser tests can compute the numbers they expect. */
import type { QueryIR } from '@campus-cockpit/query';
import { dimensionKey } from '@campus-cockpit/query';

/** The number the fake answers for a measure: stable for a given IR, different across IRs. */
export function fakeValue(ir: QueryIR, measure: string): number {
  const text = JSON.stringify(ir) + measure;
  let hash = 7;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) % 1_000_003;
  return hash;
}

/**
 * The columnar JSON answer for one IR (the server's format): one row, or none when a filter value is
 * `'empty'`. Measures grow by `version` each time the data "changes".
 */
export function fakeResult(ir: QueryIR, version = 0): unknown {
  const measures = ir.measures ?? [];
  const dimensions = (ir.dimensions ?? []).map(dimensionKey);
  const empty = JSON.stringify(ir.filters ?? {}).includes('"empty"');
  const schema = [
    ...dimensions.map((key) => ({ key, kind: 'dimension', type: 'string' })),
    ...measures.map((key) => ({ key, kind: 'measure', type: 'number' })),
  ];
  const columns = [
    ...dimensions.map(() => (empty ? [] : ['一'])),
    ...measures.map((m) => (empty ? [] : [fakeValue(ir, m) + version])),
  ];
  return {
    schema,
    columns,
    rowCount: empty ? 0 : 1,
    truncated: false,
    timeZone: 'Asia/Shanghai',
    params: { applied: Object.keys(ir.params ?? {}), dropped: [] },
  };
}

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

/** The columnar JSON answer for one IR: one row, or none when the IR filters on the value `'empty'`. */
export function fakeResult(ir: QueryIR): unknown {
  const measures = ir.measures ?? [];
  const dimensions = (ir.dimensions ?? []).map(dimensionKey);
  const empty = JSON.stringify(ir.filters ?? {}).includes('"empty"');
  const columns = [
    ...dimensions.map((key) => ({ name: key, type: 'string' })),
    ...measures.map((key) => ({ name: key, type: 'number' })),
  ];
  const data = [
    ...dimensions.map(() => (empty ? [] : ['一'])),
    ...measures.map((m) => (empty ? [] : [fakeValue(ir, m)])),
  ];
  return { columns, data, truncated: false, params: ir.params ?? {} };
}

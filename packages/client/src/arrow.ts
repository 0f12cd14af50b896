import { tableFromIPC } from '@uwdata/flechette';
import type { ColumnSpec, QueryResult } from './result.js';

/**
 * Decodes an Arrow IPC stream into a columnar {@link QueryResult} (numbers in typed arrays where the type
 * allows). Loaded with `import()` only when a query asks for Arrow, so pages of KPI tiles never pay for it.
 * The schema's metadata (JSON values under string keys, e.g. `truncated`) becomes the result's meta.
 */
export function decodeArrow(bytes: Uint8Array): QueryResult {
  const table = tableFromIPC(bytes);
  const meta: Record<string, unknown> = {};
  for (const [key, text] of table.schema.metadata ?? []) {
    try {
      meta[key] = JSON.parse(text);
    } catch {
      meta[key] = text;
    }
  }
  const { truncated, schema, columns: specs, rowCount: _count, ...rest } = meta;
  const described = new Map(((schema ?? specs ?? []) as ColumnSpec[]).map((spec) => [spec.key, spec]));
  const columns = table.schema.fields.map((field, i) => ({
    key: field.name,
    kind: described.get(field.name)?.kind,
    type: described.get(field.name)?.type,
    values: table.getChildAt(i)?.toArray() ?? [],
  }));
  return { columns, rowCount: table.numRows, truncated: truncated === true, meta: rest };
}

/**
 * Arrow IPC stream encoding of a query result (`Accept: application/vnd.apache.arrow.stream`), with
 * `@uwdata/flechette`. Field names are the column keys; every other field of the JSON response (`truncated`,
 * `columns`, `timeRange`, …) travels JSON-encoded under its own key in the schema metadata.
 */

import { bool, float64, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import type { QueryResult } from '../execution/run-query.js';

/** The Arrow stream media type. */
export const ARROW_MEDIA_TYPE = 'application/vnd.apache.arrow.stream';

/** Encodes the rows of a result as an Arrow IPC stream. */
export function encodeArrow(result: QueryResult): Uint8Array {
  const data: [string, unknown[]][] = [];
  const types: Record<
    string,
    ReturnType<typeof utf8> | ReturnType<typeof float64> | ReturnType<typeof bool>
  > = {};
  result.columns.forEach((column, i) => {
    data.push([column.key, result.data[i] ?? []]);
    if (column.type === 'number' && column.encoding !== 'string') types[column.key] = float64();
    else if (column.type === 'boolean') types[column.key] = bool();
    else types[column.key] = utf8();
  });
  const table = tableFromArrays(data as [string, unknown[]][] as [string, never[]][], { types });
  const { data: _rows, ...meta } = result;
  table.schema.metadata = new Map(Object.entries(meta).map(([key, value]) => [key, JSON.stringify(value)]));
  return tableToIPC(table, { format: 'stream' }) ?? new Uint8Array();
}

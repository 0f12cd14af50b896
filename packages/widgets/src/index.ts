export { KpiTile } from './kpi/kpi-tile.js';
export { formatNumber, numberNotations, compactThreshold } from './format/format-number.js';
export type { FormatNumberOptions, NumberNotation } from './format/format-number.js';
export { SourceElement } from './source/source-element.js';
export { sourceContext } from './source/source-context.js';
export { QueryController } from './controllers/query-controller.js';
export type { QueryControllerOptions, DataStatus } from './controllers/query-controller.js';
export { queryStatusStyles } from './controllers/query-status.styles.js';
export { formatUpdatedAt } from './controllers/freshness.js';

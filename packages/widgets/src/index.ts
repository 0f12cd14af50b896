export { KpiTile } from './kpi/kpi-tile.js';
export { formatNumber, numberNotations, compactThreshold } from './format/format-number.js';
export type { FormatNumberOptions, NumberNotation } from './format/format-number.js';

/** Registers every element; G2 stays a separate chunk, fetched when the first <cc-chart> connects. */
import './define.js';
import './define-charts.js';

export * from './index.js';
export { Chart } from './chart/chart.js';

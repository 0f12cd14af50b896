/** Registers <cc-chart>. */
import './chart/cc-chart.js';

export { Chart } from './chart/chart.js';

/** Registers every element except <cc-chart> (which brings G2: see define-charts). */
import './kpi/cc-kpi.js';

export * from './index.js';

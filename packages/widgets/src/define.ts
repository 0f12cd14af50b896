/** Registers every element except <cc-chart> (which brings G2: see define-charts). */
// The source first: data widgets upgraded after it find it at once.
import './source/cc-source.js';
import './kpi/cc-kpi.js';
import './filter/cc-filter.js';
import './breadcrumb/cc-breadcrumb.js';

export * from './index.js';

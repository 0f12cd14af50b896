import { Chart } from './chart.js';

export { Chart };

if (!customElements.get('cc-chart')) customElements.define('cc-chart', Chart);

declare global {
  interface HTMLElementTagNameMap {
    'cc-chart': Chart;
  }
}

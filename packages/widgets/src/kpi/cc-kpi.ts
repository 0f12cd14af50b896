import { KpiTile } from './kpi-tile.js';

export { KpiTile };

if (!customElements.get('cc-kpi')) customElements.define('cc-kpi', KpiTile);

declare global {
  interface HTMLElementTagNameMap {
    'cc-kpi': KpiTile;
  }
}

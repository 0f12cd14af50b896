import { FilterControl } from './filter-control.js';

export { FilterControl };

if (!customElements.get('cc-filter')) customElements.define('cc-filter', FilterControl);

declare global {
  interface HTMLElementTagNameMap {
    'cc-filter': FilterControl;
  }
}

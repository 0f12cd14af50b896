import { SourceElement } from './source-element.js';

export { SourceElement };

if (!customElements.get('cc-source')) customElements.define('cc-source', SourceElement);

declare global {
  interface HTMLElementTagNameMap {
    'cc-source': SourceElement;
  }
}

import { BreadcrumbTrail } from './breadcrumb-trail.js';

export { BreadcrumbTrail };

if (!customElements.get('cc-breadcrumb')) customElements.define('cc-breadcrumb', BreadcrumbTrail);

declare global {
  interface HTMLElementTagNameMap {
    'cc-breadcrumb': BreadcrumbTrail;
  }
}

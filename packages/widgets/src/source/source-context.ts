import { createContext } from '@lit/context';
import type { Source } from '@campus-cockpit/client';

/**
 * The page's data source, provided by `<cc-source>` and consumed by every data widget. The key is a
 * registered symbol so that elements from separately loaded bundles (the core and the charts script) find
 * each other's source.
 */
export const sourceContext = createContext<Source | undefined>(Symbol.for('campus-cockpit.source'));

/** URL sync in its own module, so that `<cc-source>` loads it only on pages that ask for it (`url-sync`). */
export { syncParamsWithUrl } from '@campus-cockpit/client';

// What a browser loads to check and compile query text that is right: finding issues without wording them.
// The wording (messages, hints, did-you-mean) is fetched only for a query with errors (see query-compile.ts).
export { analyze } from '@campus-cockpit/query';

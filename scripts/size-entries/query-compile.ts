// What a browser loads to check and compile query text: the query package's compile path alone.
export { compile } from '@campus-cockpit/query';

// `compile` with its zh-CN wording: the check plus what a query with errors also loads.
export { compile } from '@campus-cockpit/query';

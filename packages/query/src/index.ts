/**
 * `@campus-cockpit/query`: the query language and the wire contract.
 *
 * - The contract: {@link QueryIR} (the wire IR), {@link Catalog} (`GET /v1/meta`), {@link Problem} (errors).
 *
 * @packageDocumentation
 */

export * from './ir.js';
export * from './catalog.js';
export * from './problem.js';

/**
 * The English messages only the IR validator and the server use; the text compiler never needs them, so
 * they stay out of its import graph.
 */

import type { ServiceMessages } from '../diagnostic.js';

export const enService: ServiceMessages = {
  messages: {
    'unbound-param': "Parameter ':{name}' has no value.",
    'invalid-ir': 'Invalid query.',
    'ir-expected': 'Expected {@expected}.',
    'ir-unknown-field': "Unknown field '{name}'.",
    'ir-missing-field': "Missing field '{name}'.",
    'ir-one-of': 'Expected one of: {options}.',
    'unsupported-version': 'IR version {version} is not supported; expected 1.',
    unauthorized: 'Sign in to read this data.',
    'forbidden-member': "You may not read '{name}'.",
    'not-found': 'Not found.',
    'rate-limited': 'Too many requests; retry in {seconds} s.',
    'query-timeout': 'The query took longer than {seconds} s.',
    'query-cancelled': 'The query was cancelled.',
    'engine-error': 'The database failed to run the query.',
    'internal-error': 'Internal error.',
  },
  hints: {
    'unbound-param': 'Bind it with "with {name} = …", or write :{name}? to drop the condition when unbound.',
  },
  terms: {
    object: 'an object',
    array: 'a list',
    integer: 'an integer',
    queries: 'queries',
    params: 'parameters',
    characters: 'characters',
  },
};

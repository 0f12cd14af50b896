/**
 * The OpenAPI 3.1 description served at `/v1/openapi.json`. Request and response bodies refer to the JSON
 * Schemas of the contract (`QueryIR`, `BatchIR`, `Catalog`, `Problem`) published with `@campus-cockpit/query`.
 */

const problem = { $ref: '#/components/responses/Problem' };

/** The OpenAPI document. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'campus-cockpit warehouse API',
      version: '1',
      description: 'Semantic queries over the campus warehouse. See docs/protocol.md.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        QueryIR: {
          type: 'object',
          description: 'One query (packages/query/schema/ir.schema.json).',
          required: ['v', 'from'],
        },
        BatchIR: {
          type: 'object',
          required: ['queries'],
          properties: {
            queries: { type: 'array', maxItems: 100, items: { $ref: '#/components/schemas/QueryIR' } },
          },
        },
        Catalog: { type: 'object', description: 'The catalog (packages/query/schema/catalog.schema.json).' },
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'errors'],
          description: 'RFC 9457 problem details with diagnostics.',
        },
        QueryResult: {
          type: 'object',
          required: ['columns', 'data', 'rowCount', 'truncated', 'limit', 'timeZone', 'params'],
          properties: {
            columns: { type: 'array', items: { type: 'object', required: ['key', 'kind', 'type'] } },
            data: { type: 'array', items: { type: 'array' } },
            rowCount: { type: 'integer' },
            truncated: { type: 'boolean' },
            limit: { type: 'integer' },
            total: { type: 'integer' },
            timeZone: { type: 'string' },
            timeRange: { type: 'object' },
            compareRange: { type: 'object' },
            params: { type: 'object' },
          },
        },
        Accepted: {
          type: 'object',
          required: ['id', 'status', 'location'],
          properties: { id: { type: 'string' }, status: { const: 'running' }, location: { type: 'string' } },
        },
      },
      responses: {
        Problem: {
          description: 'An error.',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    },
    security: [{}, { bearer: [] }],
    paths: {
      '/healthz': {
        get: {
          summary: 'Liveness',
          responses: { '200': { description: 'Serving.' }, '503': { description: 'Shutting down.' } },
        },
      },
      '/v1/meta': {
        get: {
          summary: 'The catalog the caller may read (ETag, If-None-Match).',
          responses: {
            '200': {
              description: 'Catalog',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Catalog' } } },
            },
            '304': { description: 'Not modified.' },
            '401': problem,
            '429': problem,
          },
        },
      },
      '/v1/query': {
        post: {
          summary:
            'Run a query or a batch. `?total=true` adds row totals; `Prefer: respond-async` or `wait=N` answers 202 sooner.',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [{ $ref: '#/components/schemas/QueryIR' }, { $ref: '#/components/schemas/BatchIR' }],
                },
              },
            },
          },
          responses: {
            '200': {
              description:
                'Columnar result (or `{results: [...]}` for a batch); Arrow IPC stream on request.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/QueryResult' } },
                'application/vnd.apache.arrow.stream': {},
              },
            },
            '202': {
              description: 'Still running; poll the Location.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Accepted' } } },
            },
            '400': problem,
            '401': problem,
            '403': problem,
            '406': problem,
            '413': problem,
            '415': problem,
            '429': problem,
            '503': problem,
            '504': problem,
          },
        },
      },
      '/v1/queries/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        get: {
          summary: 'Poll a long query.',
          responses: {
            '200': { description: 'The result.' },
            '202': { description: 'Still running.' },
            '404': problem,
          },
        },
        delete: {
          summary: 'Cancel a long query (interrupts the engine).',
          responses: { '204': { description: 'Cancelled.' }, '404': problem },
        },
      },
      '/v1/subscriptions': {
        post: {
          summary: 'Subscribe to a query or batch (`intervalSeconds` optional).',
          responses: {
            '201': { description: '`{id, events}`' },
            '400': problem,
            '401': problem,
            '403': problem,
          },
        },
      },
      '/v1/subscriptions/{id}/events': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        get: {
          summary: 'Server-Sent Events: `result` when the answer changes.',
          responses: { '200': { description: 'text/event-stream' }, '404': problem },
        },
      },
      '/v1/subscriptions/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        delete: {
          summary: 'End a subscription.',
          responses: { '204': { description: 'Removed.' }, '404': problem },
        },
      },
    },
  };
}

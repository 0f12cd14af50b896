/**
 * JSON Schemas of the wire contract, generated from the TypeScript types (the single source of truth):
 *
 *   schema/ir.schema.json       one query (QueryIR)       — POST /v1/query
 *   schema/batch.schema.json    a batch (BatchIR)         — POST /v1/query
 *   schema/catalog.schema.json  the catalog (Catalog)     — GET /v1/meta
 *   schema/problem.schema.json  errors (Problem)          — any 4xx/5xx
 *
 * `npx tsx packages/query/scripts/schema.ts` rewrites them; `schema.test.ts` regenerates and fails on any
 * difference, so CI catches a type change without its schema.
 *
 * ts-json-schema-generator is pinned to 2.4.0: later releases require Node 22.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Schema file → source file and root type. */
export const SCHEMAS = {
  'ir.schema.json': { path: 'src/ir.ts', type: 'QueryIR', id: 'urn:campus-cockpit:schema:ir:1' },
  'batch.schema.json': { path: 'src/ir.ts', type: 'BatchIR', id: 'urn:campus-cockpit:schema:batch:1' },
  'catalog.schema.json': {
    path: 'src/catalog.ts',
    type: 'Catalog',
    id: 'urn:campus-cockpit:schema:catalog:1',
  },
  'problem.schema.json': {
    path: 'src/problem.ts',
    type: 'Problem',
    id: 'urn:campus-cockpit:schema:problem:1',
  },
} as const;

/** Generates one schema as formatted JSON text (what is committed). */
export function generateSchema(file: keyof typeof SCHEMAS): string {
  const { path, type, id } = SCHEMAS[file];
  const generator = createGenerator({
    path: `${root}/${path}`,
    type,
    schemaId: id,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    sortProps: true,
    skipTypeCheck: true,
    tsconfig: `${root}/tsconfig.schema.json`,
  });
  return JSON.stringify(generator.createSchema(type), null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const file of Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]) {
    writeFileSync(`${root}/schema/${file}`, generateSchema(file));
    console.log(`wrote packages/query/schema/${file}`);
  }
}

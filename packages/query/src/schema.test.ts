import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, test } from 'vitest';
import { generateSchema, SCHEMAS } from '../scripts/schema.js';
import { compile } from './compile.js';
import { catalog, examplesDir } from '../test/fixtures.js';

const schemaDir = new URL('../schema/', import.meta.url);
const readSchema = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validators = Object.fromEntries(
  Object.keys(SCHEMAS).map((file) => [file, ajv.compile(readSchema(file))]),
);

describe('JSON Schemas', () => {
  test.each(Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[])(
    '%s is up to date with the TypeScript types (regenerate: npx tsx packages/query/scripts/schema.ts)',
    (file) => {
      expect(generateSchema(file)).toBe(readFileSync(new URL(file, schemaDir), 'utf8'));
    },
  );

  test('every golden IR is valid against ir.schema.json, and the golden batch against batch.schema.json', () => {
    const queries = readdirSync(`${examplesDir}/valid`)
      .filter((file) => file.endsWith('.ir.json'))
      .map((file) => JSON.parse(readFileSync(`${examplesDir}/valid/${file}`, 'utf8')));
    expect(queries.length).toBeGreaterThan(10);
    for (const ir of queries)
      expect(validators['ir.schema.json']?.(ir), ajv.errorsText(validators['ir.schema.json']?.errors)).toBe(
        true,
      );
    expect(validators['batch.schema.json']?.({ queries })).toBe(true);
  });

  test('the schema rejects what the contract forbids: an unknown field, a wrong version, a bad operator', () => {
    const validate = validators['ir.schema.json']!;
    expect(validate({ v: 1, from: 'students', measures: ['students.headcount'], sql: 'drop table' })).toBe(
      false,
    );
    expect(validate({ v: 2, from: 'students' })).toBe(false);
    expect(
      validate({
        v: 1,
        from: 'students',
        filters: { member: 'students.grade', operator: 'raw', values: [] },
      }),
    ).toBe(false);
  });

  test('the campus fixture is valid against catalog.schema.json', () => {
    const validate = validators['catalog.schema.json']!;
    expect(validate(catalog), ajv.errorsText(validate.errors)).toBe(true);
  });

  test('golden diagnostics wrapped in a problem are valid against problem.schema.json', () => {
    const validate = validators['problem.schema.json']!;
    const { diagnostics } = compile('from students | measure headcont | by xueyuan', catalog, {
      locale: 'en',
    });
    const problem = {
      type: 'urn:campus-cockpit:problem:invalid-query',
      title: 'The query is not valid.',
      status: 400,
      errors: diagnostics,
    };
    expect(validate(problem), ajv.errorsText(validate.errors)).toBe(true);
    expect(
      validate({ ...problem, errors: [{ code: 'no-such-code', severity: 'error', message: 'x' }] }),
    ).toBe(false);
  });
});

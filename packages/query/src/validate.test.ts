import { describe, expect, test } from 'vitest';
import { IR_LIMITS } from './ir.js';
import { catalog } from '../test/fixtures.js';
import { validateBatch, validateIR } from './validate.js';

const codes = (input: unknown): [string, string | undefined][] =>
  validateIR(input, catalog, { locale: 'en' }).diagnostics.map((d) => [d.code, d.path]);

describe('validateIR: shape', () => {
  test('a valid query comes back typed, with no diagnostics', () => {
    const input = { v: 1, from: 'students', measures: ['students.headcount'] };
    expect(validateIR(input, catalog)).toEqual({ value: input, diagnostics: [] });
  });

  test('anything but an object is rejected with a message', () => {
    for (const input of [null, 42, 'from students', [], undefined]) {
      const { value, diagnostics } = validateIR(input, catalog, { locale: 'en' });
      expect(value).toBeUndefined();
      expect(diagnostics).toEqual([
        { code: 'invalid-ir', severity: 'error', message: 'Expected an object.', path: '' },
      ]);
    }
  });

  test('another version is refused before anything else is read', () => {
    expect(codes({ v: 2, from: 'students', whatever: true })).toEqual([['unsupported-version', '/v']]);
  });

  test('unknown fields are errors, never ignored — including __proto__ and raw SQL', () => {
    const input = JSON.parse(
      '{"v":1,"from":"students","measures":["students.headcount"],"__proto__":{"x":1},"sql":"drop"}',
    );
    expect(codes(input)).toEqual([
      ['invalid-ir', '/__proto__'],
      ['invalid-ir', '/sql'],
    ]);
  });

  test('members must be qualified view.member identifiers', () => {
    expect(
      codes({ v: 1, from: 'students', measures: ['headcount', 'students.head count', "students.x'--"] }),
    ).toEqual([
      ['invalid-ir', '/measures/0'],
      ['invalid-ir', '/measures/1'],
      ['invalid-ir', '/measures/2'],
    ]);
  });

  test('a filter node needs exactly one of and, or, not, member', () => {
    expect(
      codes({ v: 1, from: 'students', measures: ['students.headcount'], filters: { and: [], or: [] } }),
    ).toEqual([['invalid-ir', '/filters']]);
  });

  test('a filter nested 10,000 deep is refused at the depth limit without recursing further', () => {
    let filter: unknown = { member: 'students.grade', operator: 'equals', values: [1] };
    for (let i = 0; i < 10_000; i++) filter = { not: filter };
    const diagnostics = validateIR(
      { v: 1, from: 'students', measures: ['students.headcount'], filters: filter },
      catalog,
    ).diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ir-too-large' });
    expect(diagnostics[0]?.path?.split('/not').length).toBe(IR_LIMITS.maxFilterDepth + 1);
  });

  test('lists and strings beyond the limits are too large', () => {
    const values = Array.from({ length: IR_LIMITS.maxFilterValues + 1 }, (_, i) => String(i));
    expect(
      codes({
        v: 1,
        from: 'students',
        measures: ['students.headcount'],
        filters: { member: 'students.major', operator: 'in', values },
      }),
    ).toEqual([['ir-too-large', '/filters/values']]);
    expect(
      codes({ v: 1, from: 'students', dimensions: [{ member: 'students.major', alias: 'x'.repeat(1001) }] }),
    ).toEqual([['ir-too-large', '/dimensions/0/alias']]);
  });

  test('more parameter bindings than the limit are too large', () => {
    const params = Object.fromEntries(
      Array.from({ length: IR_LIMITS.maxParams + 1 }, (_, i) => [`p${i}`, i]),
    );
    expect(codes({ v: 1, from: 'students', measures: ['students.headcount'], params })).toEqual([
      ['ir-too-large', '/params'],
    ]);
  });

  test('without a catalog only the shape is checked', () => {
    expect(validateIR({ v: 1, from: 'nowhere', measures: ['nowhere.x'] }).diagnostics).toEqual([]);
  });
});

describe('validateIR: meaning (the same check the compiler runs)', () => {
  test('an unknown member gets qualified suggestions and a path', () => {
    expect(
      validateIR({ v: 1, from: 'students', measures: ['students.headcont'] }, catalog, { locale: 'en' })
        .diagnostics,
    ).toEqual([
      {
        code: 'unknown-member',
        severity: 'error',
        message: "Unknown measure 'headcont' in view 'students'.",
        path: '/measures/0',
        suggestions: ['students.headcount'],
        hint: "Did you mean 'students.headcount (人数)'?",
      },
    ]);
  });

  test('wrong kinds, types and operators are reported with their paths', () => {
    const input = {
      v: 1,
      from: 'students',
      measures: ['students.college'],
      dimensions: [{ member: 'students.enroll_date' }],
      filters: {
        and: [
          { member: 'students.grade', operator: 'equals', values: ['2023'] },
          { member: 'students.grade', operator: 'like', values: ['20%'] },
          { member: 'students.major', operator: 'between', values: ['a'] },
        ],
      },
      limit: 0,
    };
    expect(codes(input)).toEqual([
      ['not-a-measure', '/measures/0'],
      ['granularity-required', '/dimensions/0'],
      ['type-mismatch', '/filters/and/0/values/0'],
      ['operator-not-applicable', '/filters/and/1/operator'],
      ['operator-not-applicable', '/filters/and/2/operator'],
      ['invalid-number', '/limit'],
    ]);
  });

  test('a parameter bound to a value of the wrong type is reported on the binding', () => {
    const input = {
      v: 1,
      from: 'admissions',
      measures: ['admissions.new_students'],
      filters: { member: 'admissions.admit_year', operator: 'equals', values: [{ param: 'year' }] },
      params: { year: '2025' },
    };
    expect(codes(input)).toEqual([['type-mismatch', '/params/year']]);
  });

  test('having names measures only, filters dimensions only', () => {
    const input = {
      v: 1,
      from: 'students',
      measures: ['students.headcount'],
      filters: { member: 'students.headcount', operator: 'gt', values: [1] },
      having: { member: 'students.college', operator: 'equals', values: ['工学院'] },
    };
    expect(codes(input)).toEqual([
      ['not-a-dimension', '/filters/member'],
      ['not-a-measure', '/having/member'],
    ]);
  });
});

describe('validateBatch', () => {
  test('paths point into the failing query of the batch', () => {
    const result = validateBatch(
      {
        queries: [
          { v: 1, from: 'students', measures: ['students.headcount'] },
          { v: 1, from: 'studnets' },
        ],
      },
      catalog,
      { locale: 'en' },
    );
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toMatchObject([
      { code: 'unknown-view', path: '/queries/1/from', suggestions: ['students'] },
    ]);
  });

  test('more than the batch limit is too large', () => {
    const queries = Array.from({ length: IR_LIMITS.maxBatch + 1 }, () => ({ v: 1, from: 'students' }));
    expect(validateBatch({ queries }).diagnostics.map((d) => d.code)).toEqual(['ir-too-large']);
  });
});

import { describe, expect, test } from 'vitest';
import { compile } from './compile.js';
import { catalog } from '../test/fixtures.js';

const ir = (text: string) => {
  const result = compile(text, catalog, { locale: 'en' });
  expect(result.diagnostics).toEqual([]);
  return result.ir!;
};
const codes = (text: string) => compile(text, catalog, { locale: 'en' }).diagnostics.map((d) => d.code);

describe('compile: names', () => {
  test('a view prefix is optional, even where the view and a measure share a name', () => {
    expect(ir('from loans | measure loans.loans').measures).toEqual(['loans.loans']);
    expect(ir('from loans | measure loans | by loans.ts.month').dimensions).toEqual([
      { member: 'loans.ts', granularity: 'month' },
    ]);
  });

  test('order, top and rollup name columns by alias, by name, or a time dimension without its granularity', () => {
    const result = ir(
      'from network | measure traffic_gb | by building.name as place, ts.day | order place, ts desc | top 3 by traffic_gb per place',
    );
    expect(result.order).toEqual([
      { by: 'place', direction: 'asc' },
      { by: 'network.ts.day', direction: 'desc' },
    ]);
    expect(result.top).toEqual({ n: 3, by: 'network.traffic_gb', direction: 'desc', per: 'place' });
  });

  test('the same column twice, or an alias reused, is a duplicate column', () => {
    expect(codes('from students | measure headcount, headcount')).toEqual(['duplicate-column']);
    expect(codes('from students | measure headcount | by college as x, major as x')).toEqual([
      'duplicate-column',
    ]);
  });

  test('an unknown view is the only error reported: nothing else can be checked without it', () => {
    expect(codes('from nowhere | measure a | by b | limit 0')).toEqual(['unknown-view']);
  });
});

describe('compile: where', () => {
  test('repeated where clauses are one conjunction, split into filters and having', () => {
    const result = ir(
      "from students | measure headcount | by college | where college != '工学院' | where headcount > 10 and grade >= 2020",
    );
    expect(result.filters).toEqual({
      and: [
        { member: 'students.college', operator: 'notEquals', values: ['工学院'] },
        { member: 'students.grade', operator: 'gte', values: [2020] },
      ],
    });
    expect(result.having).toEqual({ member: 'students.headcount', operator: 'gt', values: [10] });
  });

  test('not around a mix of dimension and measure conditions cannot be split', () => {
    expect(
      codes("from students | measure headcount | where not (college = '工学院' and headcount > 1)"),
    ).toEqual(['mixed-filter']);
  });

  test('attributes and granularities of filter subjects reach the IR', () => {
    expect(
      ir(
        "from admissions | measure new_students | where origin_province.code = '330000' and admit_date.year = 2025-01-01",
      ).filters,
    ).toEqual({
      and: [
        { member: 'admissions.origin_province', attribute: 'code', operator: 'equals', values: ['330000'] },
        { member: 'admissions.admit_date', granularity: 'year', operator: 'equals', values: ['2025-01-01'] },
      ],
    });
  });

  test('a parameter used against a time dimension must be bound to a date', () => {
    expect(codes('from network | measure traffic_gb | where ts >= :since | with since = 2026')).toEqual([
      'type-mismatch',
    ]);
    expect(
      ir('from network | measure traffic_gb | where ts >= :since | with since = 2026-01-01').params,
    ).toEqual({ since: '2026-01-01' });
  });
});

describe('compile: limits the server enforces', () => {
  test('conditions nested deeper than the IR allows are reported where they are', () => {
    const { diagnostics } = compile(
      `from students | measure headcount | where ${'not '.repeat(20)}grade = 1`,
      catalog,
      {
        locale: 'en',
      },
    );
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['ir-too-large', 'Too large: more than 16 levels of nesting.'],
    ]);
    expect(diagnostics[0]?.span?.col).toBeGreaterThan(40);
  });

  test('an in list longer than the IR allows is too large', () => {
    const values = Array.from({ length: 1001 }, (_, i) => `'${i}'`).join(', ');
    expect(codes(`from students | measure headcount | where major in (${values})`)).toEqual(['ir-too-large']);
  });
});

describe('compile: ranges', () => {
  test('during without a time dimension in by uses the view default', () => {
    expect(ir('from staff | measure headcount | during last year').timeRange).toEqual({
      dimension: 'staff.hire_date',
      range: { relative: 'last', unit: 'year' },
    });
  });

  test('a catalog without an academic calendar refuses calendar units', () => {
    const plain = { ...catalog, calendar: undefined };
    const { diagnostics } = compile('from loans | measure loans | by ts.semester', plain, { locale: 'en' });
    expect(diagnostics.map((d) => d.code)).toEqual(['calendar-missing']);
  });

  test('a range parameter bound to a plain value is a type mismatch', () => {
    expect(codes('from services | measure requests | by ts.week | during :r | with r = 3')).toEqual([
      'type-mismatch',
    ]);
  });
});

describe('compile: diagnostics', () => {
  test('are sorted by position and carry line and column on every line', () => {
    const { diagnostics } = compile('from students\nmeasure avg_gpa, headcont\nby xueyuan', catalog, {
      locale: 'en',
    });
    expect(diagnostics.map((d) => [d.span?.line, d.span?.col, d.code])).toEqual([
      [2, 18, 'unknown-member'],
      [3, 4, 'unknown-member'],
    ]);
  });

  test('warnings alone still produce the IR', () => {
    const result = compile("from loans | measure loans | where reader_type = 'staf'", catalog, {
      locale: 'en',
    });
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(result.ir).toBeDefined();
  });
});

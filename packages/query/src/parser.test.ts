import { describe, expect, test } from 'vitest';
import type { PredicateNode, WhereClause } from './ast.js';
import { parse } from './compile.js';
import { print } from './printer.js';
import '../test/fixtures.js';

const where = (predicate: string): PredicateNode => {
  const { ast, diagnostics } = parse(`from v | where ${predicate}`, { locale: 'en' });
  expect(diagnostics).toEqual([]);
  return (ast.clauses[1] as WhereClause).predicate;
};

/** A predicate tree as nested lists, e.g. ['or', 'a', ['and', 'b', 'c']]. */
const shape = (node: PredicateNode): unknown => {
  switch (node.kind) {
    case 'Logical':
      return [node.operator, shape(node.left), shape(node.right)];
    case 'Not':
      return ['not', shape(node.operand)];
    default:
      return node.subject.parts.map((p) => p.value).join('.');
  }
};

describe('where predicates', () => {
  test('and binds tighter than or', () => {
    expect(shape(where('a = 1 or b = 2 and c = 3'))).toEqual(['or', 'a', ['and', 'b', 'c']]);
  });

  test('and and or are left-associative', () => {
    expect(shape(where('a = 1 and b = 2 and c = 3'))).toEqual(['and', ['and', 'a', 'b'], 'c']);
  });

  test('parentheses override precedence, and not applies to the test after it', () => {
    expect(shape(where('(a = 1 or b = 2) and not c = 3'))).toEqual(['and', ['or', 'a', 'b'], ['not', 'c']]);
  });

  test('between takes its own and', () => {
    expect(shape(where('a between 1 and 2 and b = 3'))).toEqual(['and', 'a', 'b']);
  });

  test('every test form parses: comparisons, [not] in, [not] between, [not] like, is [not] null', () => {
    const kinds = (text: string): string => where(text).kind;
    expect(kinds('a <> 1')).toBe('Comparison');
    expect(kinds("a not in ('x', 'y')")).toBe('In');
    expect(kinds('a in :xs')).toBe('In');
    expect(kinds('a not between -1 and 2.5')).toBe('Between');
    expect(kinds("a not like '%x%'")).toBe('Like');
    expect(kinds('a is not null')).toBe('IsNull');
  });

  test('a line break inside a where clause continues it unless the line starts a clause', () => {
    const { ast, diagnostics } = parse('from v\nwhere a = 1\n  and b = 2\nlimit 3');
    expect(diagnostics).toEqual([]);
    expect(ast.clauses.map((c) => c.kind)).toEqual(['From', 'Where', 'Limit']);
  });
});

describe('clauses', () => {
  test('the plural spellings measures and segments are accepted', () => {
    const { ast, diagnostics } = parse('from v | measures a, b | segments s');
    expect(diagnostics).toEqual([]);
    expect(ast.clauses.map((c) => c.kind)).toEqual(['From', 'Measure', 'Segment']);
  });

  test('order accepts an optional by', () => {
    expect(print(parse('from v | order by a desc, b').ast)).toBe('from v | order a desc, b');
  });

  test('during accepts the closed grammar of ranges', () => {
    for (const range of [
      'today',
      'yesterday',
      'this month',
      'last week',
      'next semester',
      'last 30 days',
      'last 7 days including today',
      '2025-09-01 to 2026-01-18',
      ':term?',
    ]) {
      expect(parse(`from v | during ${range}`).diagnostics, range).toEqual([]);
    }
  });
});

describe('errors', () => {
  test('every broken clause is reported, and parsing resumes at the next clause', () => {
    const { ast, diagnostics } = parse('from v | measure | by a, | where a = | limit x | totals', {
      locale: 'en',
    });
    expect(diagnostics.map((d) => [d.code, d.span?.col])).toEqual([
      ['unexpected-token', 18],
      ['unexpected-token', 26],
      ['unexpected-token', 38],
      ['unexpected-token', 46],
    ]);
    expect(ast.clauses.map((c) => c.kind)).toEqual(['From', 'Totals']);
  });

  test('messages say what was expected and what was found', () => {
    const { diagnostics } = parse('from v | top ten by a', { locale: 'en' });
    expect(diagnostics[0]?.message).toBe("Expected a number, found 'ten'.");
  });

  test('line and column are 1-based and count lines', () => {
    const { diagnostics } = parse('from v\nmeasure a\nlimit x', { locale: 'en' });
    expect(diagnostics[0]?.span).toEqual({ line: 3, col: 7, offset: 23, length: 1 });
  });

  test('nesting deeper than 64 levels is reported instead of overflowing the stack', () => {
    const { diagnostics } = parse(`from v | where ${'('.repeat(10_000)}a = 1${')'.repeat(10_000)}`);
    expect(diagnostics.map((d) => d.code)).toEqual(['too-deep']);
  });

  test('a query must start with from, and single clauses may appear once', () => {
    expect(parse('measure a').diagnostics.map((d) => d.code)).toEqual(['missing-from']);
    expect(parse('').diagnostics.map((d) => d.code)).toEqual(['missing-from']);
    expect(parse('from v | totals | totals').diagnostics.map((d) => d.code)).toEqual(['duplicate-clause']);
  });

  test('an unknown clause word familiar from SQL suggests the clause that does its job', () => {
    expect(parse('from v | select a').diagnostics[0]?.suggestions).toEqual(['measure']);
    expect(parse('from v | sort a').diagnostics[0]?.suggestions).toEqual(['order']);
  });
});

describe('print', () => {
  test('prints canonical one-line text with the parentheses precedence needs', () => {
    const text =
      "from `学生`\nmeasure headcount\nwhere (a = 'x' or b = 'it''s') and not (c = 1 and d = 2) or e is null\nlimit 5";
    expect(print(parse(text).ast)).toBe(
      "from `学生` | measure headcount | where (a = 'x' or b = 'it''s') and not (c = 1 and d = 2) or e is null | limit 5",
    );
  });

  test('keeps the grouping of a right-nested and', () => {
    expect(print(parse('from v | where a = 1 and (b = 2 and c = 3)').ast)).toBe(
      'from v | where a = 1 and (b = 2 and c = 3)',
    );
  });
});

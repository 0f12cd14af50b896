import { describe, expect, test } from 'vitest';
import { tokenize } from './lexer.js';

const kinds = (text: string): string[] => tokenize(text).tokens.map((t) => `${t.kind}:${t.value}`);

describe('tokenize', () => {
  test('reads names, backtick titles, strings, numbers, dates, parameters and punctuators', () => {
    expect(
      kinds(
        "from `学生` | where a.b >= 2.5 and d = 2025-09-01 and t < 2025-09-01T08:30 and x in :xs? and s != 'it''s'",
      ),
    ).toEqual([
      'name:from',
      'quoted:学生',
      'punct:|',
      'name:where',
      'name:a',
      'punct:.',
      'name:b',
      'punct:>=',
      'number:2.5',
      'name:and',
      'name:d',
      'punct:=',
      'date:2025-09-01',
      'name:and',
      'name:t',
      'punct:<',
      'date:2025-09-01T08:30',
      'name:and',
      'name:x',
      'name:in',
      'param:xs',
      'name:and',
      'name:s',
      'punct:!=',
      "string:it's",
      'eof:',
    ]);
  });

  test('marks the optional flag on :name? and the line break before a token', () => {
    const { tokens } = tokenize('where a = :year?\nby b');
    expect(tokens.find((t) => t.kind === 'param')).toMatchObject({ value: 'year', optional: true });
    expect(tokens.find((t) => t.value === 'by')).toMatchObject({ newline: true });
    expect(tokens.find((t) => t.value === 'where')).toMatchObject({ newline: false });
  });

  test('skips comments to the end of the line', () => {
    expect(kinds('from a # the view\n| totals')).toEqual([
      'name:from',
      'name:a',
      'punct:|',
      'name:totals',
      'eof:',
    ]);
  });

  test('token offsets cover exactly the text of the token', () => {
    const text = "from `学院` | where x = 'a''b'";
    for (const token of tokenize(text).tokens.slice(0, -1)) {
      expect(text.slice(token.start, token.end).length).toBe(token.end - token.start);
      expect(token.end).toBeGreaterThan(token.start);
    }
    const string = tokenize(text).tokens.find((t) => t.kind === 'string');
    expect(text.slice(string!.start, string!.end)).toBe("'a''b'");
  });

  test('an unterminated string ends at the line end and is reported with its closed form', () => {
    const { tokens, errors } = tokenize("where x = 'abc\n| totals");
    expect(tokens.map((t) => t.kind)).toEqual(['name', 'name', 'punct', 'string', 'punct', 'name', 'eof']);
    expect(errors).toEqual([
      { code: 'unterminated-string', start: 10, end: 14, text: "'abc", suggestion: "'abc'" },
    ]);
  });

  test('double and typographic quotes are read as strings but reported, with the single-quoted form', () => {
    const { tokens, errors } = tokenize('a = "x" and b = \u2018y\u2019');
    expect(tokens.filter((t) => t.kind === 'string').map((t) => t.value)).toEqual(['x', 'y']);
    expect(errors.map((e) => [e.code, e.suggestion])).toEqual([
      ['unexpected-character', "'x'"],
      ['unexpected-character', "'y'"],
    ]);
  });

  test('a bare Chinese title is one error suggesting backticks, and reads as a backtick name', () => {
    const { tokens, errors } = tokenize('by 学院, major');
    expect(tokens[1]).toMatchObject({ kind: 'quoted', value: '学院' });
    expect(errors).toEqual([
      { code: 'unexpected-character', start: 3, end: 5, text: '学院', suggestion: '`学院`' },
    ]);
  });

  test('an unknown symbol is skipped and reported once per character', () => {
    const { tokens, errors } = tokenize('a @ b');
    expect(tokens.map((t) => t.value)).toEqual(['a', 'b', '']);
    expect(errors).toEqual([{ code: 'unexpected-character', start: 2, end: 3, text: '@' }]);
  });

  test('an unclosed backtick name is reported', () => {
    expect(tokenize('by `学院').errors).toMatchObject([{ code: 'unterminated-name', suggestion: '`学院`' }]);
  });
});

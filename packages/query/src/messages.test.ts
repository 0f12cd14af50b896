import { describe, expect, test } from 'vitest';
import { compile } from './compile.js';
import { hint, message, type MessageKey } from './messages.js';
import { DIAGNOSTIC_CODES } from './problem.js';
import { catalog } from '../test/fixtures.js';

describe('the message catalogue', () => {
  test.each(DIAGNOSTIC_CODES)(
    '%s has a message in zh-CN and in en, with no placeholder left unfilled',
    (code) => {
      const args = {
        name: 'n',
        text: 't',
        view: 'v',
        member: 'm',
        kind: 'measure',
        actual: 'dimension',
        clause: 'c',
        min: 1,
        max: 2,
        value: 'x',
        operator: 'o',
        type: 'string',
        expected: 'number',
        found: "'x'",
        first: 'number',
        second: 'string',
        supported: 's',
        version: 2,
        what: 'depth',
        seconds: 3,
        options: 'a',
        example: 'day',
        views: 'v',
        clauses: 'c',
      };
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = message(code as MessageKey, args, locale);
        expect(text.length).toBeGreaterThan(2);
        expect(text).not.toMatch(/\{@?\w+\}/);
      }
    },
  );

  test('the caller chooses the locale; zh-CN is the default', () => {
    expect(message('unknown-view', { name: 'x' }, 'en')).toBe("Unknown view 'x'.");
    expect(message('unknown-view', { name: 'x' }, 'zh-CN')).toBe('未知视图“x”。');
    expect(message('unknown-view', { name: 'x' })).toBe('未知视图“x”。');
  });

  test('term arguments are translated: member kinds, value types, token categories', () => {
    expect(message('unknown-member', { name: 'x', kind: 'dimension', view: 'v' }, 'zh-CN')).toBe(
      '视图“v”中没有维度“x”。',
    );
    expect(message('unexpected-token', { expected: 'number |', found: '' }, 'en')).toBe(
      "Expected a number or '|', found the end of the query.",
    );
  });

  test('hints exist where a fix is not obvious from the message', () => {
    expect(hint('missing-from', {}, 'en')).toBe('For example: from students | measure headcount');
    expect(hint('invalid-ir', {}, 'en')).toBeUndefined();
  });
});

describe('diagnostics use the catalogue in the requested locale', () => {
  test('an unknown measure: message from the catalogue and a did-you-mean hint, in Chinese', () => {
    const [diagnostic] = compile('from students | measure headcont', catalog, {
      locale: 'zh-CN',
    }).diagnostics;
    expect(diagnostic).toEqual({
      code: 'unknown-member',
      severity: 'error',
      message: message('unknown-member', { name: 'headcont', kind: 'measure', view: 'students' }, 'zh-CN'),
      span: { line: 1, col: 25, offset: 24, length: 8 },
      suggestions: ['headcount'],
      hint: hint('did-you-mean', { suggestions: '“headcount（人数）”' }, 'zh-CN'),
    });
    expect(diagnostic?.message).toBe('视图“students”中没有度量“headcont”。');
  });

  test('pinyin finds the member whose title it spells: xueyuan → college (学院)', () => {
    const [diagnostic] = compile('from students | measure headcount | by xueyuan', catalog, {
      locale: 'en',
    }).diagnostics;
    expect(diagnostic).toMatchObject({
      code: 'unknown-member',
      message: message('unknown-member', { name: 'xueyuan', kind: 'dimension', view: 'students' }, 'en'),
      suggestions: ['college'],
      hint: "Did you mean 'college (学院)'?",
    });
  });

  test('pinyin initials and a mistyped title are found too', () => {
    const suggest = (name: string): string[] | undefined =>
      compile(`from students | measure headcount | by ${name}`, catalog).diagnostics[0]?.suggestions;
    expect(suggest('zy')).toEqual(['major']);
    expect(suggest('`学员`')).toEqual(['college']);
    expect(suggest('colege')).toEqual(['college']);
  });

  test('titles and aliases in backticks resolve without a diagnostic', () => {
    const { ir, diagnostics } = compile('from students | measure `在校生数` | by `学部`, `Major`', catalog);
    expect(diagnostics).toEqual([]);
    expect(ir?.measures).toEqual(['students.headcount']);
    expect(ir?.dimensions).toEqual([{ member: 'students.college' }, { member: 'students.major' }]);
  });
});

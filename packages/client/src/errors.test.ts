import { describe, expect, it } from 'vitest';
import { QueryError, describeError } from './errors.js';

describe('describeError', () => {
  it('lists every error diagnostic on its own line with its line:col, leaving warnings out', () => {
    const error = new QueryError('invalid-query', '查询有 2 处错误。', {
      diagnostics: [
        {
          code: 'unknown-member',
          severity: 'error',
          message: '没有度量“headcont”。',
          span: { line: 2, col: 11, offset: 24, length: 8 },
        },
        {
          code: 'unknown-value',
          severity: 'warning',
          message: '不常见的值。',
          span: { line: 3, col: 1, offset: 40, length: 4 },
        },
        {
          code: 'unknown-member',
          severity: 'error',
          message: '没有维度“xueyuan”。',
          hint: '是否要写 college？',
          span: { line: 3, col: 6, offset: 45, length: 7 },
        },
      ],
    });
    expect(describeError(error)).toBe(
      '2:11 没有度量“headcont”。\n3:6 没有维度“xueyuan”。 是否要写 college？',
    );
  });

  it('falls back to the message when there is no error diagnostic', () => {
    expect(describeError(new QueryError('network', '无法连接数据仓。'))).toBe('无法连接数据仓。');
  });
});

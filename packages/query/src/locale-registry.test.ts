import { expect, test } from 'vitest';
import { parse } from './compile.js';
import { loadLocale } from './locale-registry.js';
import { message } from './messages.js';

// No fixtures here: this file starts with only zh-CN loaded, as a page does.
test('zh-CN needs no loading; en must be loaded first, and the error says how', async () => {
  expect(parse('from v | limit x').diagnostics[0]?.message).toBe(
    message('unexpected-token', { expected: 'number', found: "'x'" }, 'zh-CN'),
  );
  expect(() => parse('from v', { locale: 'en' })).toThrow("await loadLocale('en')");
  await loadLocale('en');
  expect(parse('from v | limit x', { locale: 'en' }).diagnostics[0]?.message).toBe(
    message('unexpected-token', { expected: 'number', found: "'x'" }, 'en'),
  );
});

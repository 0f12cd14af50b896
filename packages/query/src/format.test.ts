import { expect, test } from 'vitest';
import { compile } from './compile.js';
import { formatDiagnostic } from './format.js';
import { catalog } from '../test/fixtures.js';

test('formatDiagnostic underlines the span on its own line of the query', () => {
  const text = 'from students\nmeasure headcont\nby college';
  const [diagnostic] = compile(text, catalog, { locale: 'en' }).diagnostics;
  expect(formatDiagnostic(diagnostic!, text)).toBe(
    "2:9 Unknown measure 'headcont' in view 'students'. Did you mean 'headcount (人数)'?\n" +
      '  measure headcont\n' +
      '          ^^^^^^^^',
  );
});

test('formatDiagnostic without the text, or for IR, gives the position or the path', () => {
  const [diagnostic] = compile('from students', catalog, { locale: 'en' }).diagnostics;
  expect(formatDiagnostic(diagnostic!)).toBe("1:1 The query selects nothing. Add 'measure' or 'by'.");
  expect(
    formatDiagnostic({ code: 'invalid-ir', severity: 'error', message: 'Expected an object.', path: '' }),
  ).toBe('/ Expected an object.');
});

test('a span at the end of the query is marked with one caret', () => {
  const text = 'from students | measure';
  const [diagnostic] = compile(text, catalog, { locale: 'en' }).diagnostics;
  expect(formatDiagnostic(diagnostic!, text).split('\n')[2]).toBe(`  ${' '.repeat(23)}^`);
});

/**
 * Diagnostics as plain text, for consoles and error panels: the position, the message and hint, and — given
 * the query text — the offending line with the span underlined.
 */

import type { Diagnostic } from './problem.js';

/**
 * Formats one diagnostic.
 *
 * @example
 * formatDiagnostic(diagnostic, 'from students | measure headcont')
 * // 1:25 Unknown measure 'headcont' in view 'students'. Did you mean 'headcount (人数)'?
 * //   from students | measure headcont
 * //                           ^^^^^^^^
 */
export function formatDiagnostic(diagnostic: Diagnostic, text?: string): string {
  const { span, path, message, hint } = diagnostic;
  const where = span ? `${span.line}:${span.col} ` : path !== undefined ? `${path || '/'} ` : '';
  let result = `${where}${message}${hint ? ' ' + hint : ''}`;
  if (span && text !== undefined) {
    const lineStart = span.offset - (span.col - 1);
    const lineEnd = text.slice(lineStart).search(/\r\n|\r|\n/);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineStart + lineEnd);
    const width = Math.max(1, Math.min(span.length, line.length - (span.col - 1)));
    result += `\n  ${line}\n  ${' '.repeat(span.col - 1)}${'^'.repeat(width)}`;
  }
  return result;
}

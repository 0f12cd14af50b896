/**
 * Finding a query's issues without wording them: text → syntax tree → IR draft → issues, each with its
 * offsets in the text and, for did-you-mean, the candidates to choose from. Wording (messages, hints, edit
 * distances) is a separate step, {@link describeIssues}, so a page whose queries are right never loads it.
 *
 *   text ─1 parse─▶ syntax tree ─2 resolve and check─▶ IR + issues
 *        (lexer, parser)         (names → members, titles; the rules validateIR applies, placed on the text)
 *
 * Every phase runs even after errors in an earlier one, so a report author sees all problems at once.
 */

import type { QueryNode } from './ast.js';
import type { Catalog } from './catalog.js';
import type { Issue } from './diagnostic.js';
import type { QueryIR } from './ir.js';
import { parseQuery } from './parser.js';
import { resolveQuery } from './resolve.js';

/** The result of {@link analyze}. */
export interface Analysis {
  /** The IR, or undefined when any issue is an error. */
  ir: QueryIR | undefined;
  /** Errors and warnings, unworded and unsorted, each with its offsets in the text. */
  issues: Issue[];
  /** The syntax tree (partial when there were syntax errors). */
  ast: QueryNode;
}

/**
 * Checks query text against a catalog and emits the IR, like {@link compile}, but leaves the issues found
 * unworded: turn them into diagnostics with {@link describeIssues} when there are any. Never throws.
 *
 * @example
 * const { ir, issues } = analyze(text, catalog);
 * if (!ir) show(describeIssues(issues, text));
 */
export function analyze(text: string, catalog: Catalog): Analysis {
  // 1. Parse: text → syntax tree, with every syntax error.
  const { ast, issues } = parseQuery(text);

  // 2. Resolve and check: names → catalog members, and the rules the server applies to IR, each issue placed
  // on the text it came from.
  const draft = resolveQuery(ast, catalog, issues);

  // 3. Emit: the draft is the IR when nothing is wrong.
  const failed = issues.some((issue) => (issue.severity ?? 'error') === 'error');
  return { ir: draft && !failed ? draft : undefined, issues, ast };
}

/**
 * The compiler: query text → wire IR, checked against a catalog.
 *
 *   text ─1 parse─▶ syntax tree ─2 resolve─▶ IR draft + source map ─3 check─▶ issues ─4 emit─▶ { ir, diagnostics }
 *        (lexer, parser)         (names → members, titles, did-you-mean)  (shared with validateIR)
 *
 * Every phase runs even after errors in an earlier one, so a report author sees all problems at once, each
 * with its line and column.
 */

import type { QueryNode } from './ast.js';
import type { Catalog, Locale } from './catalog.js';
import { checkQuery } from './check.js';
import type { QueryIR } from './ir.js';
import { toDiagnostic, type Issue, type LocaleMessages } from './diagnostic.js';
import { loadedLocale } from './locale-registry.js';
import { parseQuery } from './parser.js';
import type { Diagnostic } from './problem.js';
import { hasErrors } from './problem.js';
import { resolveQuery } from './resolve.js';
import { createSource } from './source.js';

/** Options of {@link compile} and {@link parse}. */
export interface CompileOptions {
  /**
   * Language of messages and hints. Default `zh-CN`, always available; `en` must be loaded first with
   * `await loadLocale('en')` (or `useLocale`), or the call throws saying so.
   */
  locale?: Locale;
}

/** The result of {@link compile}. */
export interface CompileResult {
  /** The IR, or undefined when any diagnostic is an error. */
  ir: QueryIR | undefined;
  /** Errors and warnings, in source order, each with a `span`. */
  diagnostics: Diagnostic[];
  /** The syntax tree (partial when there were syntax errors). */
  ast: QueryNode;
}

/** The result of {@link parse}. */
export interface ParseResult {
  ast: QueryNode;
  /** Syntax errors only (names are not checked). */
  diagnostics: Diagnostic[];
  /** Work done, in tokens read and rules entered plus characters scanned: linear in the input length. */
  steps: number;
}

/** Parses query text without a catalog. Never throws on any text (see {@link CompileOptions.locale}). */
export function parse(text: string, options: CompileOptions = {}): ParseResult {
  const texts = loadedLocale(options.locale ?? 'zh-CN');
  const { ast, issues, steps } = parseQuery(text);
  return { ast, diagnostics: format(issues, texts, text), steps };
}

/**
 * Compiles query text against a catalog: parses it, resolves every name (by name, title or alias), checks
 * types, parameters and columns, and emits the IR. Never throws on any text or catalog; throws only when
 * `options.locale` is not loaded (see {@link CompileOptions.locale}).
 *
 * @example
 * await loadLocale('en'); // once; zh-CN needs no loading
 * const { ir, diagnostics } = compile('from students | measure headcount | by college', catalog, { locale: 'en' });
 */
export function compile(text: string, catalog: Catalog, options: CompileOptions = {}): CompileResult {
  const texts = loadedLocale(options.locale ?? 'zh-CN');
  // 1. Parse: text → syntax tree, with every syntax error.
  const { ast, issues } = parseQuery(text);

  // 2. Resolve: names → catalog members; records where each part of the draft came from.
  const { draft, locate } = resolveQuery(ast, catalog, issues);

  // 3. Check: the same rules the server applies to IR, positioned back onto the text.
  // After a syntax or name error, "selects nothing" is only an echo of it: the earlier error says why.
  const selects =
    issues.length > 0 || ast.clauses.some((clause) => clause.kind === 'Measure' || clause.kind === 'By');
  if (draft) {
    checkQuery(draft, catalog, (issue) => {
      if (issue.code === 'empty-query' && selects) return;
      const loc = locate(issue.path ?? '');
      issues.push({ ...issue, path: undefined, loc: loc ?? ast.loc });
    });
  }

  // 4. Emit: the draft is the IR when nothing is wrong.
  const diagnostics = format(issues, texts, text);
  return { ir: draft && !hasErrors(diagnostics) ? draft : undefined, diagnostics, ast };
}

/** Issues → diagnostics in source order; line starts are only computed when there is something to place. */
function format(issues: Issue[], texts: LocaleMessages, text: string): Diagnostic[] {
  if (issues.length === 0) return [];
  const source = createSource(text);
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.loc?.start ?? 0) - (b.issue.loc?.start ?? 0) || a.index - b.index)
    .map(({ issue }) => toDiagnostic(issue, texts, source));
}

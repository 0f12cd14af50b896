/**
 * The compiler: query text → wire IR, checked against a catalog, with every issue worded as a diagnostic in
 * the caller's locale. {@link analyze} finds the issues; this module words them.
 */

import type { Catalog, Locale } from './catalog.js';
import type { QueryNode } from './ast.js';
import { analyze } from './analyze.js';
import type { QueryIR } from './ir.js';
import { toDiagnostic, type Issue, type LocaleMessages } from './diagnostic.js';
import { loadedLocale } from './locale-registry.js';
import { parseQuery } from './parser.js';
import type { Diagnostic } from './problem.js';
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
  return { ast, diagnostics: word(issues, texts, text), steps };
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
  // Looked up first, so that a locale not loaded fails every call, not only those with something to say.
  const texts = loadedLocale(options.locale ?? 'zh-CN');
  const { ir, issues, ast } = analyze(text, catalog);
  return { ir, diagnostics: word(issues, texts, text), ast };
}

/**
 * Words the issues {@link analyze} found in a text: diagnostics in source order, each with its message, hint,
 * did-you-mean suggestions and line:column span. Throws only when `options.locale` is not loaded (see
 * {@link CompileOptions.locale}).
 */
export function describeIssues(
  issues: readonly Issue[],
  text: string,
  options: CompileOptions = {},
): Diagnostic[] {
  return word(issues, loadedLocale(options.locale ?? 'zh-CN'), text);
}

/** Issues → diagnostics in source order; line starts are only computed when there is something to place. */
function word(issues: readonly Issue[], texts: LocaleMessages, text: string): Diagnostic[] {
  if (issues.length === 0) return [];
  const source = createSource(text);
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.loc?.start ?? 0) - (b.issue.loc?.start ?? 0) || a.index - b.index)
    .map(({ issue }) => toDiagnostic(issue, texts, source));
}

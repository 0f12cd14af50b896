import {
  compile,
  hasErrors,
  loadLocale,
  type Catalog,
  type Locale,
  type QueryIR,
} from '@campus-cockpit/query';
import { QueryError } from './errors.js';

/**
 * Compiles query text against the catalog with the query package's checker, so a report author sees every
 * mistake with its line:col before anything is sent. Throws an `invalid-query` {@link QueryError} holding
 * all diagnostics. Messages in a language other than zh-CN are loaded on first use.
 */
export async function compileText(text: string, catalog: Catalog, locale: Locale): Promise<QueryIR> {
  await loadLocale(locale);
  const { ir, diagnostics } = compile(text, catalog, { locale });
  if (!ir || hasErrors(diagnostics)) {
    const count = diagnostics.filter((d) => d.severity === 'error').length;
    const message = locale === 'en' ? `${count} error(s) in the query.` : `查询有 ${count} 处错误。`;
    throw new QueryError('invalid-query', message, { diagnostics });
  }
  return ir;
}

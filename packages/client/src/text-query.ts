import { analyze, type Catalog, type Locale, type QueryIR } from '@campus-cockpit/query';
import { QueryError } from './errors.js';

/**
 * Compiles query text against the catalog with the query package's checker, so a report author sees every
 * mistake with its line:col before anything is sent. Throws an `invalid-query` {@link QueryError} holding
 * all diagnostics. The wording of diagnostics (messages, hints, did-you-mean) is a separate chunk, loaded
 * only for a query with errors: pages whose queries are right never download it.
 */
export async function compileText(text: string, catalog: Catalog, locale: Locale): Promise<QueryIR> {
  const { ir, issues } = analyze(text, catalog);
  if (ir) return ir;
  const { describeErrors } = await import('./text-diagnostics.js');
  const diagnostics = await describeErrors(issues, text, locale);
  const count = diagnostics.filter((d) => d.severity === 'error').length;
  const message = locale === 'en' ? `${count} error(s) in the query.` : `查询有 ${count} 处错误。`;
  throw new QueryError('invalid-query', message, { diagnostics });
}

import { describeIssues, loadLocale, type Diagnostic, type Issue, type Locale } from '@campus-cockpit/query';

/** Words the issues of a query text in a locale, loading that locale's messages first when needed. */
export async function describeErrors(
  issues: readonly Issue[],
  text: string,
  locale: Locale,
): Promise<Diagnostic[]> {
  await loadLocale(locale);
  return describeIssues(issues, text, { locale });
}

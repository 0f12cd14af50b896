/**
 * RFC 9457 problem responses (`application/problem+json`) carrying the same diagnostics as the client checker.
 */

import type { ServerResponse } from 'node:http';
import {
  PROBLEM_MEDIA_TYPE,
  PROBLEM_TYPES,
  type Diagnostic,
  type DiagnosticCode,
  type Locale,
  type Problem,
} from '@campus-cockpit/query';

/** The problem type names of {@link PROBLEM_TYPES}. */
export type ProblemKind = keyof typeof PROBLEM_TYPES;

const TITLES_ZH: Record<ProblemKind, string> = {
  invalidQuery: '查询无效。',
  unauthorized: '缺少凭据或凭据无效。',
  forbidden: '无权读取。',
  notFound: '未找到。',
  tooLarge: '请求过大。',
  rateLimited: '请求过于频繁。',
  internal: '服务器未能应答。',
  unavailable: '服务器繁忙或不可用。',
  timeout: '查询超时。',
};

const TITLES: Record<ProblemKind, string> = {
  invalidQuery: 'The query is not valid.',
  unauthorized: 'Credentials are missing or not valid.',
  forbidden: 'You may not read this.',
  notFound: 'Not found.',
  tooLarge: 'The request is too large.',
  rateLimited: 'Too many requests.',
  internal: 'The server failed to answer.',
  unavailable: 'The server is busy or unavailable.',
  timeout: 'The query took too long.',
};

/** An error the HTTP layer answers with a problem body. */
export class HttpProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors: Diagnostic[] = [],
    readonly headers: Record<string, string> = {},
    readonly queryIndex?: number,
    /** Overrides the status of the kind (e.g. 405 for a wrong method, 415 for a wrong media type). */
    readonly status?: number,
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** A one-diagnostic problem. */
export function simpleProblem(
  kind: ProblemKind,
  code: DiagnosticCode,
  message: string,
  hint?: string,
  headers: Record<string, string> = {},
  status?: number,
): HttpProblem {
  const diagnostic: Diagnostic = { code, severity: 'error', message };
  if (hint) diagnostic.hint = hint;
  return new HttpProblem(kind, message, [diagnostic], headers, undefined, status);
}

/** The problem a failed request shape check is answered with: 413 when a limit was passed, else 400. */
export function shapeProblem(shape: {
  diagnostics: Diagnostic[];
  tooLarge: boolean;
  queryIndex?: number;
}): HttpProblem {
  return new HttpProblem(
    shape.tooLarge ? 'tooLarge' : 'invalidQuery',
    '',
    shape.diagnostics,
    {},
    shape.queryIndex,
  );
}

/** The problem kind that fits a list of query diagnostics. */
export function kindOfDiagnostics(diagnostics: readonly Diagnostic[]): ProblemKind {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.some((d) => d.code === 'ir-too-large')) return 'tooLarge';
  if (errors.some((d) => d.code === 'unauthorized')) return 'unauthorized';
  if (errors.some((d) => d.code === 'forbidden-member')) return 'forbidden';
  return 'invalidQuery';
}

/** Writes a problem response. */
export function sendProblem(
  res: ServerResponse,
  problem: HttpProblem,
  requestId: string,
  locale: Locale = 'zh-CN',
): void {
  const type = PROBLEM_TYPES[problem.kind];
  const errors = problem.errors.filter((d) => d.severity === 'error').length;
  const en = locale === 'en';
  const body: Problem = {
    type: type.type,
    title: (en ? TITLES : TITLES_ZH)[problem.kind],
    status: problem.status ?? type.status,
    detail:
      problem.detail ||
      (en ? `${errors} error${errors === 1 ? '' : 's'} in the query.` : `查询中有 ${errors} 处错误。`),
    instance: `urn:campus-cockpit:request:${requestId}`,
    errors: problem.errors,
  };
  if (problem.queryIndex !== undefined) body.query = problem.queryIndex;
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(body.status, {
    'content-type': `${PROBLEM_MEDIA_TYPE}; charset=utf-8`,
    'cache-control': 'no-store',
    ...problem.headers,
  });
  res.end(JSON.stringify(body));
}

/**
 * A warehouse inside the story: a `fetch` that answers `/v1/meta` with the query package's example catalog
 * and `/v1/query` with stable made-up numbers, so data widgets render in Storybook without a server.
 * For real data, run `npm start` and point `<cc-source endpoint>` at it.
 */
import { createSource, type Source } from '@campus-cockpit/client';
import type { Catalog, QueryIR } from '@campus-cockpit/query';
import { dimensionKey } from '@campus-cockpit/query';
import catalog from '../../packages/query/examples/catalog.json';

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', ...headers } });

/** A stable pseudo-random integer for a text, so the same query always shows the same figure. */
function figure(text: string, scale: number): number {
  let hash = 17;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) % 1_000_003;
  return Math.round((hash / 1_000_003) * scale + scale / 10);
}

/** The values a dimension takes in the story: its catalog list, else a few made-up ones. */
function valuesOf(member: string): string[] {
  const [viewName, memberName] = member.split('.');
  const view = (catalog as unknown as Catalog).views.find((v) => v.name === viewName);
  const dimension = view?.dimensions?.find((d) => d.name === memberName) as { values?: string[] } | undefined;
  return dimension?.values?.map(String) ?? ['甲', '乙', '丙', '丁'];
}

function answer(ir: QueryIR) {
  const dimensions = ir.dimensions ?? [];
  const rows = dimensions.length === 0 ? [''] : valuesOf(dimensions[0]!.member);
  const measures = ir.measures ?? [];
  return {
    schema: [
      ...dimensions.map((d) => ({ key: dimensionKey(d), kind: 'dimension', type: 'string' })),
      ...measures.map((key) => ({ key, kind: 'measure', type: 'number' })),
    ],
    columns: [
      ...dimensions.map((_, i) => (i === 0 ? rows : rows.map(() => ''))),
      ...measures.map((m) => rows.map((row) => figure(JSON.stringify(ir.filters ?? []) + m + row, 12_000))),
    ],
    rowCount: rows.length,
    truncated: false,
    timeZone: 'Asia/Shanghai',
  };
}

const demoFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (url.pathname.endsWith('/v1/meta')) return json(catalog, { etag: '"story"' });
  if (url.pathname.endsWith('/v1/query')) {
    const body = JSON.parse(String(init?.body ?? '{}'));
    return json('queries' in body ? { results: body.queries.map(answer) } : answer(body));
  }
  return json({ title: 'Not Found', status: 404 }, {});
};

/** A source backed by the in-story warehouse. */
export function demoSource(): Source {
  return createSource({ endpoint: 'https://warehouse.story/', fetch: demoFetch });
}

/**
 * Random valid queries over the campus catalog, written both as text and with the builder: the two must give
 * the same IR, the IR must pass the server's validation, and printing the text must not change its IR.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { Dimension, View } from './catalog.js';
import { compile } from './compile.js';
import { eq, gt, isIn, query, type QueryBuilder } from './builder.js';
import { print } from './printer.js';
import { validateIR } from './validate.js';
import { catalog } from '../test/fixtures.js';

interface Spec {
  view: View;
  measures: string[];
  dimensions: { name: string; granularity?: string }[];
  conditions: { dimension: Dimension; values: string[] }[];
  having?: { measure: string; value: number };
  segments: string[];
  top?: { n: number; measure: string; others: boolean };
  limit?: number;
  totals: boolean;
}

const subset = <T>(items: readonly T[], min: number, max: number) =>
  fc.uniqueArray(fc.constantFrom(...items), { minLength: min, maxLength: Math.min(max, items.length) });

const spec: fc.Arbitrary<Spec> = fc.constantFrom(...catalog.views).chain((view) => {
  const plain = view.dimensions.filter((d) => d.type !== 'time' && !d.attributes);
  const times = view.dimensions.filter((d) => d.type === 'time');
  const enumerated = view.dimensions.filter((d) => d.values && d.type === 'string');
  const measureNames = view.measures.map((m) => m.name);
  return fc.record({
    view: fc.constant(view),
    measures: subset(measureNames, 1, 2),
    dimensions: fc
      .tuple(
        subset(
          plain.map((d) => d.name),
          0,
          2,
        ),
        fc.option(
          fc
            .constantFrom(...times)
            .chain((d) =>
              fc
                .constantFrom(...(d.granularities ?? []))
                .map((granularity) => ({ name: d.name, granularity })),
            ),
          { nil: undefined },
        ),
      )
      .map(([names, time]) => [...names.map((name) => ({ name })), ...(time ? [time] : [])]),
    conditions: enumerated.length
      ? fc.array(
          fc
            .constantFrom(...enumerated)
            .chain((dimension) =>
              subset(dimension.values ?? [], 1, 3).map((values) => ({ dimension, values })),
            ),
          { maxLength: 2 },
        )
      : fc.constant([]),
    having: fc.option(
      fc.record({ measure: fc.constantFrom(...measureNames), value: fc.integer({ min: 0, max: 1000 }) }),
      { nil: undefined },
    ),
    segments: subset(
      (view.segments ?? []).map((s) => s.name),
      0,
      1,
    ),
    top: fc.option(
      fc.record({
        n: fc.integer({ min: 1, max: 50 }),
        measure: fc.constantFrom(...measureNames),
        others: fc.boolean(),
      }),
      { nil: undefined },
    ),
    limit: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    totals: fc.boolean(),
  });
});

const quote = (value: string): string => `'${value.replaceAll("'", "''")}'`;

function toText(s: Spec): string {
  const clauses = [`from ${s.view.name}`, `measure ${s.measures.join(', ')}`];
  if (s.dimensions.length) {
    clauses.push(
      `by ${s.dimensions.map((d) => (d.granularity ? `${d.name}.${d.granularity}` : d.name)).join(', ')}`,
    );
  }
  const conditions = s.conditions.map((c) =>
    c.values.length === 1
      ? `${c.dimension.name} = ${quote(c.values[0]!)}`
      : `${c.dimension.name} in (${c.values.map(quote).join(', ')})`,
  );
  if (s.having) conditions.push(`${s.having.measure} > ${s.having.value}`);
  if (conditions.length) clauses.push(`where ${conditions.join(' and ')}`);
  if (s.segments.length) clauses.push(`segment ${s.segments.join(', ')}`);
  if (s.top && s.measures.includes(s.top.measure)) {
    clauses.push(`top ${s.top.n} by ${s.top.measure}${s.top.others ? ' others' : ''}`);
  }
  if (s.limit !== undefined) clauses.push(`limit ${s.limit}`);
  if (s.totals) clauses.push('totals');
  return clauses.join('\n');
}

function toBuilder(s: Spec): QueryBuilder {
  let q = query(s.view.name)
    .measure(...s.measures)
    .by(...s.dimensions.map((d) => (d.granularity ? `${d.name}.${d.granularity}` : d.name)));
  for (const c of s.conditions) {
    q = q.where(
      c.values.length === 1 ? eq(c.dimension.name, c.values[0]!) : isIn(c.dimension.name, c.values),
    );
  }
  if (s.having) q = q.having(gt(s.having.measure, s.having.value));
  if (s.segments.length) q = q.segment(...s.segments);
  if (s.top && s.measures.includes(s.top.measure))
    q = q.top(s.top.n, s.top.measure, { others: s.top.others });
  if (s.limit !== undefined) q = q.limit(s.limit);
  if (s.totals) q = q.totals();
  return q;
}

test('text and builder give the same, valid IR for 10,000 random queries; printing keeps the IR', () => {
  fc.assert(
    fc.property(spec, (s) => {
      const text = toText(s);
      const { ir, diagnostics } = compile(text, catalog, { locale: 'en' });
      expect(diagnostics).toEqual([]);
      expect(toBuilder(s).build()).toEqual(ir);
      expect(validateIR(ir, catalog).diagnostics).toEqual([]);
      const reprinted = compile(print(compile(text, catalog).ast), catalog);
      expect(reprinted.ir).toEqual(ir);
    }),
    { numRuns: 10_000 },
  );
});

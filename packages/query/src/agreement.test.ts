/**
 * The text compiler checks a query while it resolves it; the server checks IR with `validateIR`. Both apply
 * the rules of `check.ts`, through different walks. For 10,000 random queries over the campus catalog —
 * most of them wrong somewhere: kinds, types, granularities, attributes, columns, counts, dates, parameters —
 * compiling the text must find exactly the issues `validateIR` finds in the IR that text compiles to.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { Catalog, View } from './catalog.js';
import { compile } from './compile.js';
import type { QueryIR } from './ir.js';
import { parseQuery } from './parser.js';
import { resolveQuery } from './resolve.js';
import { validateIR } from './validate.js';
import { catalog } from '../test/fixtures.js';

const RUNS = 10_000;

/** Names no catalog member has: the text compiler reports them while resolving, and leaves them out of the IR. */
const UNKNOWN = ['nonexistent', 'headcont'];

/** The same catalog without an academic calendar: calendar units are then errors. */
const withoutCalendar: Catalog = { ...catalog, calendar: undefined };

const pick = <T>(items: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...items);
const some = <T>(items: fc.Arbitrary<T>, max: number, min = 0): fc.Arbitrary<T[]> =>
  fc.array(items, { minLength: min, maxLength: max });
const optional = (text: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof(fc.constant(''), text);

const VALUES = [
  "'工学院'",
  "'x'",
  "'3'",
  '3',
  '-2.5',
  'true',
  'null',
  '2025-09-01',
  "'2025-09-01T08:00:00'",
  ':p',
  ':q?',
  ':r',
];
const RANGES = [
  'today',
  'next week',
  'last 3 days',
  'last 0 days',
  'last 20000 days',
  'this semester',
  'last 2 teaching_weeks',
  '2025-01-02 to 2025-01-01',
  '2025-02-30 to 2025-03-01',
  '2025-01-01 to 2025-01-31',
  ':r',
];
const BINDINGS = [
  'p = 3',
  "p = 'x'",
  'p = (1, 2)',
  "p = ('a', 'b')",
  'p = last 3 days',
  'q = 2025-01-01 to 2025-01-05',
  'q = true',
  "r = 'x'",
  'r = last 0 days',
  'r = this semester',
  'z = 1',
];

/** Query text over one view, written the way people do (names, titles in backticks), often wrong. */
function queryOver(view: View): fc.Arbitrary<string> {
  const measures = view.measures.map((m) => m.name);
  const plain = view.dimensions.filter((d) => d.type !== 'time' && !d.attributes).map((d) => d.name);
  const times = view.dimensions.filter((d) => d.type === 'time').map((d) => d.name);
  const withAttributes = view.dimensions.filter((d) => d.attributes).map((d) => d.name);
  const segments = (view.segments ?? []).map((s) => s.name);
  const titles = [...view.measures, ...view.dimensions].map((m) => '`' + m.title['zh-CN'] + '`');
  const granularity = pick(['minute', 'hour', 'day', 'month', 'year', 'semester', 'teaching_week']);

  const measure = fc.oneof(
    { weight: 6, arbitrary: pick(measures) },
    pick([...plain, ...segments, ...UNKNOWN, ...titles]),
  );
  const dimension = fc.oneof(
    { weight: 4, arbitrary: pick(plain) },
    times.length ? granularity.chain((unit) => pick(times.map((t) => `${t}.${unit}`))) : pick(plain),
    pick([...times, ...measures, ...titles]),
    plain.length ? granularity.map((unit) => `${plain[0]}.${unit}`) : pick(measures),
    withAttributes.length
      ? pick(withAttributes.flatMap((d) => [`${d}.code`, `${d}.name`, `${d}.foo`, `${d}.code.day`]))
      : pick(plain),
  );
  const column = fc.tuple(dimension, optional(pick([' as a1', ' as a2']))).map(([d, alias]) => d + alias);
  const value = pick(VALUES);
  const test_ = (subjects: readonly string[]): fc.Arbitrary<string> =>
    fc.oneof(
      fc
        .tuple(pick(subjects), pick(['=', '!=', '<', '<=', '>', '>=']), value)
        .map((parts) => parts.join(' ')),
      fc
        .tuple(
          pick(subjects),
          optional(fc.constant(' not')),
          fc.oneof(some(value, 3, 1), fc.constant([':p'])),
        )
        .map(([s, not, values]) =>
          values[0] === ':p' && values.length === 1
            ? `${s}${not} in :p`
            : `${s}${not} in (${values.join(', ')})`,
        ),
      fc
        .tuple(pick(subjects), optional(fc.constant(' not')), value, value)
        .map(([s, not, low, high]) => `${s}${not} between ${low} and ${high}`),
      fc
        .tuple(pick(subjects), optional(fc.constant(' not')), value)
        .map(([s, not, pattern]) => `${s}${not} like ${pattern}`),
      fc.tuple(pick(subjects), optional(fc.constant(' not'))).map(([s, not]) => `${s} is${not} null`),
    );
  // Each conjunct tests members of one kind: mixing kinds in one conjunct is an error of text alone.
  const conjunct = fc
    .oneof(
      pick([...plain, ...withAttributes.map((d) => `${d}.code`), ...times.map((t) => `${t}.year`)]),
      pick(measures),
      pick(segments.length ? segments : measures),
      pick(UNKNOWN),
    )
    .chain((subject) => {
      const single = test_([subject]);
      return fc.oneof(
        single,
        single.map((t) => `not ${t}`),
        fc.tuple(single, single).map(([a, b]) => `(${a} or ${b})`),
      );
    });
  const clause = fc.oneof(
    some(measure, 3, 1).map((items) => `measure ${items.join(', ')}`),
    some(column, 3, 1).map((items) => `by ${items.join(', ')}`),
    some(conjunct, 3, 1).map((items) => `where ${items.join(' and ')}`),
    some(pick([...segments, ...measures, ...UNKNOWN]), 2, 1).map((items) => `segment ${items.join(', ')}`),
    pick(RANGES).map((range) => `during ${range}`),
    pick(['period', 'year', 'semester']).map((unit) => `compare previous ${unit}`),
    fc
      .tuple(
        pick([0, 3, 20000]),
        pick([...measures, ...plain, ...UNKNOWN, 'a1']),
        optional(pick([...plain, ...measures, 'a2']).map((per) => ` per ${per}`)),
        optional(fc.constant(' others')),
      )
      .map(([n, by, per, others]) => `top ${n} by ${by}${per}${others}`),
    some(pick([...measures, ...plain, ...UNKNOWN, 'a1', `${times[0] ?? plain[0]}`]), 2, 1).map(
      (items) => `order ${items.join(', ')}`,
    ),
    pick(['limit 0', 'limit 10', 'limit 2000000', 'limit 2.5', 'offset 0', 'offset -1']),
    fc.constant('totals'),
    some(pick([...plain, ...measures, 'a1']), 2, 1).map((items) => `rollup ${items.join(', ')}`),
    some(pick(BINDINGS), 2, 1).map((items) => `with ${items.join(', ')}`),
  );
  return some(clause, 7).map((clauses) => [`from ${view.name}`, ...clauses].join(' | '));
}

const sample = fc.record({
  text: pick(catalog.views).chain(queryOver),
  calendar: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
});

/** The codes found, sorted. */
function codes(diagnostics: readonly { code: string }[]): string[] {
  return diagnostics.map((d) => d.code).sort();
}

test('compiling text finds exactly what validateIR finds in its IR, for 10,000 random queries', () => {
  let invalid = 0;
  fc.assert(
    fc.property(sample, ({ text, calendar }) => {
      const campus = calendar ? catalog : withoutCalendar;
      const compiled = compile(text, campus, { locale: 'en' });
      const parsed = parseQuery(text);
      // A clause written twice is a syntax error of text alone (the IR keeps the last one).
      expect(parsed.issues.filter((issue) => issue.code !== 'duplicate-clause')).toEqual([]);
      const ir = resolveQuery(parsed.ast, campus, []) as QueryIR;
      const validated = validateIR(ir, campus, { locale: 'en' });
      // The IR is well formed: every finding is a rule's, not the shape's.
      expect(validated.diagnostics.filter((d) => d.code === 'invalid-ir')).toEqual([]);

      // What only text can say: a clause written twice, names it could not resolve (left out of the IR), and
      // — after those — not "selects nothing", which would only echo them.
      const textOnly = compiled.diagnostics.filter(
        (d) =>
          d.code === 'duplicate-clause' ||
          (d.code === 'unknown-member' && UNKNOWN.some((name) => d.message.includes(`'${name}'`))),
      );
      const fromText = compiled.diagnostics.filter((d) => !textOnly.includes(d));
      const fromIR = validated.diagnostics.filter((d) => !(d.code === 'empty-query' && textOnly.length > 0));
      expect(codes(fromText)).toEqual(codes(fromIR));
      // Same arguments too: the messages differ only in how places are shown.
      expect(fromText.map((d) => d.message).sort()).toEqual(fromIR.map((d) => d.message).sort());
      if (fromIR.some((d) => d.severity === 'error')) invalid++;
    }),
    { numRuns: RUNS },
  );
  // Most queries are wrong somewhere: the rules were exercised, not only the happy path.
  expect(invalid).toBeGreaterThan(RUNS / 2);
});

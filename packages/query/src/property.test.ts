/**
 * Property tests (fast-check, 10,000 inputs per property): printing round-trips, no input makes the
 * compiler throw, and parsing work grows linearly with the input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compile, parse } from './compile.js';
import { print } from './printer.js';
import { catalog, examplesDir } from '../test/fixtures.js';
import { validateIR } from './validate.js';

const RUNS = 10_000;

/** A syntax tree without source locations, for comparing trees parsed from different texts. */
function withoutLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'loc')
        .map(([key, entry]) => [key, withoutLocations(entry)]),
    );
  }
  return value;
}

// Generators of well-formed query text, clause by clause.
/** Words the grammar reads as keywords where a name could also stand; members so named are written in backticks. */
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'between',
  'like',
  'as',
  'asc',
  'desc',
  'per',
  'others',
  'by',
  'to',
  'null',
  'true',
  'false',
  'including',
  'today',
]);
const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/).filter((text) => !KEYWORDS.has(text));
const title = fc.constantFrom('学院', '人数', '专业', 'Average GPA', '在籍学生', '生源 省份');
const name = fc.oneof(
  identifier,
  title.map((text) => '`' + text + '`'),
);
const path = fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
const stringLiteral = fc
  .string({ maxLength: 8 })
  .map((text) => `'${text.replace(/[\r\n]/g, ' ').replaceAll("'", "''")}'`);
const numberLiteral = fc.oneof(
  fc.nat({ max: 1_000_000 }).map(String),
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true })
    .map((value) => (Number.isInteger(value) ? String(value) : value.toFixed(3))),
);
const dateLiteral = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const paramLiteral = fc
  .tuple(identifier, fc.boolean())
  .map(([text, optional]) => `:${text}${optional ? '?' : ''}`);
const value = fc.oneof(
  stringLiteral,
  numberLiteral,
  dateLiteral,
  paramLiteral,
  fc.constantFrom('true', 'false', 'null'),
);
const list = fc.array(value, { minLength: 1, maxLength: 4 }).map((values) => `(${values.join(', ')})`);
const unit = fc.constantFrom(
  'day',
  'days',
  'week',
  'month',
  'months',
  'quarter',
  'year',
  'semester',
  'teaching_week',
  'academic_year',
  'hour',
);
const range = fc.oneof(
  fc.constantFrom('today', 'yesterday'),
  fc.tuple(fc.constantFrom('this', 'last', 'next'), unit).map(([which, u]) => `${which} ${u}`),
  fc
    .tuple(fc.integer({ min: 1, max: 400 }), unit, fc.boolean())
    .map(([n, u, today]) => `last ${n} ${u}${today ? ' including today' : ''}`),
  fc.tuple(dateLiteral, dateLiteral).map(([a, b]) => `${a} to ${b}`),
  paramLiteral,
);
const test_ = fc.oneof(
  fc
    .tuple(path, fc.constantFrom('=', '!=', '<>', '<', '<=', '>', '>='), value)
    .map((parts) => parts.join(' ')),
  fc
    .tuple(path, fc.boolean(), fc.oneof(list, paramLiteral))
    .map(([p, negated, values]) => `${p}${negated ? ' not' : ''} in ${values}`),
  fc
    .tuple(path, fc.boolean(), value, value)
    .map(([p, negated, low, high]) => `${p}${negated ? ' not' : ''} between ${low} and ${high}`),
  fc
    .tuple(path, fc.boolean(), stringLiteral)
    .map(([p, negated, pattern]) => `${p}${negated ? ' not' : ''} like ${pattern}`),
  fc.tuple(path, fc.boolean()).map(([p, negated]) => `${p} is ${negated ? 'not ' : ''}null`),
);
const { predicate } = fc.letrec<{ predicate: string }>((tie) => ({
  predicate: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    test_,
    tie('predicate').map((inner) => `not ${inner}`),
    tie('predicate').map((inner) => `(${inner})`),
    fc
      .tuple(tie('predicate'), fc.constantFrom('and', 'or'), tie('predicate'))
      .map((parts) => parts.join(' ')),
  ),
}));
const paths = fc.array(path, { minLength: 1, maxLength: 3 }).map((items) => items.join(', '));
const clause = fc.oneof(
  paths.map((items) => `measure ${items}`),
  fc
    .array(fc.tuple(path, fc.option(identifier, { nil: undefined })), { minLength: 1, maxLength: 3 })
    .map((items) => `by ${items.map(([p, alias]) => (alias ? `${p} as ${alias}` : p)).join(', ')}`),
  predicate.map((p) => `where ${p}`),
  paths.map((items) => `segment ${items}`),
  range.map((r) => `during ${r}`),
  fc.oneof(fc.constant('period'), unit).map((u) => `compare previous ${u}`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 100 }),
      path,
      fc.constantFrom('', ' asc', ' desc'),
      fc.option(path, { nil: undefined }),
      fc.boolean(),
    )
    .map(
      ([n, by, direction, per, others]) =>
        `top ${n} by ${by}${direction}${per ? ` per ${per}` : ''}${others ? ' others' : ''}`,
    ),
  fc
    .array(fc.tuple(path, fc.constantFrom('', ' asc', ' desc')), { minLength: 1, maxLength: 3 })
    .map((items) => `order ${items.map(([p, d]) => p + d).join(', ')}`),
  fc.nat({ max: 10_000 }).map((n) => `limit ${n}`),
  fc.nat({ max: 10_000 }).map((n) => `offset ${n}`),
  fc.constant('totals'),
  paths.map((items) => `rollup ${items}`),
  fc
    .array(
      fc.tuple(
        identifier,
        fc.oneof(
          value.filter((v) => !v.startsWith(':')),
          range.filter((r) => !r.startsWith(':')),
        ),
      ),
      { minLength: 1, maxLength: 2 },
    )
    .map((items) => `with ${items.map(([key, v]) => `${key} = ${v}`).join(', ')}`),
);
const queryText = fc
  .tuple(name, fc.array(clause, { maxLength: 6 }), fc.constantFrom(' | ', '\n', '\n  | '))
  .map(([view, clauses, separator]) => [`from ${view}`, ...clauses].join(separator));

const goldenTexts = ['valid', 'invalid'].flatMap((kind) =>
  readdirSync(`${examplesDir}/${kind}`)
    .filter((file) => file.endsWith('.query'))
    .map((file) => readFileSync(`${examplesDir}/${kind}/${file}`, 'utf8')),
);

/** A golden text with random edits: characters inserted, deleted or replaced at random places. */
const mutatedText = fc
  .tuple(
    fc.constantFrom(...goldenTexts),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('insert', 'delete', 'replace'),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 3 }),
          fc.constantFrom("'", '`', '(', ')', '|', ':', '?', '.', ',', '-', '\n', '学', '"'),
        ),
      ),
      { minLength: 1, maxLength: 5 },
    ),
  )
  .map(([text, edits]) => {
    let result = text;
    for (const [position, kind, insert] of edits) {
      const at = position % (result.length + 1);
      if (kind === 'insert') result = result.slice(0, at) + insert + result.slice(at);
      else if (kind === 'delete') result = result.slice(0, at) + result.slice(at + insert.length);
      else result = result.slice(0, at) + insert + result.slice(at + insert.length);
    }
    return result;
  });

describe('round trip', () => {
  test('generated queries parse without syntax errors, and parse(print(ast)) gives back the same tree', () => {
    fc.assert(
      fc.property(queryText, (text) => {
        const first = parse(text, { locale: 'en' });
        expect(first.diagnostics.filter((d) => d.code !== 'duplicate-clause')).toEqual([]);
        const printed = print(first.ast);
        const second = parse(printed, { locale: 'en' });
        expect(withoutLocations(second.ast)).toEqual(withoutLocations(first.ast));
        expect(print(second.ast)).toBe(printed);
      }),
      { numRuns: RUNS },
    );
  });

  test('printing the golden examples and compiling the printed text gives the same IR', () => {
    for (const text of goldenTexts) {
      const original = compile(text, catalog, { locale: 'en' });
      if (!original.ir) continue;
      expect(compile(print(original.ast), catalog, { locale: 'en' }).ir).toEqual(original.ir);
    }
  });
});

describe('never throws', () => {
  const wellBehaved = (text: string): void => {
    const { ir, diagnostics } = compile(text, catalog, { locale: 'zh-CN' });
    expect(Array.isArray(diagnostics)).toBe(true);
    if (ir === undefined) expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
    else expect(validateIR(ir, catalog).value).toBeDefined();
    for (const diagnostic of diagnostics) {
      expect(diagnostic.message.length).toBeGreaterThan(0);
      if (diagnostic.span) {
        expect(diagnostic.span.offset + diagnostic.span.length).toBeLessThanOrEqual(text.length);
      }
    }
  };

  test('random strings yield diagnostics, never an exception', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), wellBehaved), { numRuns: RUNS });
  });

  test('mutated golden queries yield diagnostics, never an exception', () => {
    fc.assert(fc.property(mutatedText, wellBehaved), { numRuns: RUNS });
  });

  test('generated queries (mostly unknown names) compile without an exception', () => {
    fc.assert(fc.property(queryText, wellBehaved), { numRuns: RUNS });
  });

  test('any JSON value given to validateIR yields diagnostics, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (input) => {
        const result = validateIR(input, catalog);
        expect(result.value === undefined).toBe(result.diagnostics.some((d) => d.severity === 'error'));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('linear work', () => {
  const SIZE = 100_000;
  const repeat = (unitText: string, prefix = 'from students | '): string =>
    prefix + unitText.repeat(Math.ceil((SIZE - prefix.length) / unitText.length));

  const inputs: Record<string, string> = {
    'a long measure list': repeat('headcount, ', 'from students | measure ') + 'headcount',
    'a long where chain':
      repeat("college = '工学院' and ", 'from students | measure headcount | where ') + 'grade = 1',
    'deep parentheses': repeat('(', 'from students | measure headcount | where '),
    'deep nots': repeat('not ', 'from students | measure headcount | where '),
    'many clauses': repeat('measure headcount | by college | '),
    'an unterminated string on every line': repeat("where x = 'abc\n"),
    'garbage characters': repeat('@#$%^&*~'),
    'a bare Chinese title': repeat('学院'),
    'separators only': repeat('|'),
    'newlines only': repeat('\n'),
  };

  test.each(Object.entries(inputs))(
    '%s: 100 KB is parsed in a number of steps proportional to its length',
    (_, text) => {
      expect(text.length).toBeGreaterThanOrEqual(SIZE);
      const { steps, diagnostics } = parse(text);
      expect(steps).toBeLessThanOrEqual(12 * text.length);
      expect(Array.isArray(diagnostics)).toBe(true);
      // The whole pipeline finishes too.
      expect(Array.isArray(compile(text, catalog).diagnostics)).toBe(true);
    },
  );

  test('a 1 MB chain of conditions compiles, prints and reparses without exhausting the call stack', () => {
    const text = `from students | measure headcount | where ${'grade = 1 and '.repeat(80_000)}grade = 2`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const { ast, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(parse(print(ast)).diagnostics).toEqual([]);
    const compiled = compile(text, catalog);
    expect(compiled.diagnostics.map((d) => d.code)).toEqual(['ir-too-large']);
  });

  test('steps grow linearly: doubling the input at most doubles the work (within 10 %)', () => {
    const unitText = "college = '工学院' and (grade > 2020 or not major is null) and ";
    const stepsFor = (copies: number): number =>
      parse(`from students | measure headcount | where ${unitText.repeat(copies)}grade = 1`).steps;
    const small = stepsFor(500);
    const large = stepsFor(1000);
    expect(large / small).toBeLessThan(2.2);
  });
});
